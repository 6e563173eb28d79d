// The interviewer's console: keyboard shortcuts. N next, P previous, 0-5 score, H half a point.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function click(selector) {
    var button = document.querySelector(selector);
    if (button && !button.disabled) { button.click(); return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    var key = event.key.toLowerCase();
    var handled = false;
    if (key === "n" || key === "arrowright") handled = click("[data-shortcut=next]");
    else if (key === "p" || key === "arrowleft") handled = click("[data-shortcut=previous]");
    else if (/^[0-5]$/.test(key)) handled = click('#score-form [data-score="' + key + '"]');
    else if (key === "h") {
      var current = document.querySelector("#score-form .score-button.is-current");
      var value = current ? parseFloat(current.dataset.score) : NaN;
      if (!isNaN(value) && value < 5) handled = click('#score-form [data-score="' + (value + 0.5).toFixed(1) + '"]');
    }
    if (handled) event.preventDefault();
  });
})();
