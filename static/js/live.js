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

// The bonus panel is rendered again after an award and on every new question. What the
// interviewer typed as evidence, and which categories they opened, survive that.
(function () {
  "use strict";
  var kept = null;
  function panel() { return document.getElementById("bonus-panel"); }
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (input.name === "evidence" && input.closest("#bonus-panel")) input.dataset.typed = "1";
  });
  function remember(event) {
    var target = event.detail && event.detail.target;
    if (!target || target.id !== "bonus-panel") return;
    kept = { values: {}, open: {} };
    target.querySelectorAll("input[name=evidence][data-typed]").forEach(function (input) {
      kept.values[input.id] = input.value;
    });
    target.querySelectorAll("details[data-category]").forEach(function (details) {
      kept.open[details.dataset.category] = details.open;
    });
  }
  function restore() {
    var current = panel();
    if (!kept || !current) return;
    Object.keys(kept.values).forEach(function (id) {
      var input = document.getElementById(id);
      if (input && current.contains(input)) { input.value = kept.values[id]; input.dataset.typed = "1"; }
    });
    current.querySelectorAll("details[data-category]").forEach(function (details) {
      if (details.dataset.category in kept.open) details.open = details.open || kept.open[details.dataset.category];
    });
    kept = null;
  }
  document.addEventListener("htmx:beforeSwap", remember);
  document.addEventListener("htmx:oobBeforeSwap", remember);
  document.addEventListener("htmx:afterSettle", restore);
})();

// Keyboard focus across swaps. htmx moves focus to the new element with the focused one's id;
// when that control is gone (an awarded point's button, the Clear button), focus goes to the
// control standing in for it (data-focus-for, data-focus-fallback) instead of the page's top.
(function () {
  "use strict";
  var lost = null;
  function remember(event) {
    var active = document.activeElement;
    var target = event.detail && event.detail.target;
    if (!active || !active.id || !target || !target.contains(active)) return;
    lost = { id: active.id, fallback: active.dataset.focusFallback || "" };
  }
  function restore() {
    if (!lost) return;
    var wanted = lost;
    lost = null;
    var active = document.activeElement;
    if (active && active !== document.body && document.contains(active)) return;
    var next = document.getElementById(wanted.id) ||
      document.querySelector('[data-focus-for="' + CSS.escape(wanted.id) + '"]') ||
      (wanted.fallback && document.getElementById(wanted.fallback));
    if (next) next.focus({ preventScroll: true });
  }
  document.addEventListener("htmx:beforeSwap", remember);
  document.addEventListener("htmx:oobBeforeSwap", remember);
  document.addEventListener("htmx:afterSettle", restore);
})();
