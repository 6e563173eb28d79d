// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Keep the focus in the search box after an htmx swap replaced the results below it.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "results") {
      var q = document.getElementById("q");
      if (q && document.activeElement === document.body) q.focus();
    }
  });
})();
