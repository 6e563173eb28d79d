// Small progressive enhancements; every page works without them. No inline scripts (CSP).
(function () {
  "use strict";

  // Keep the focus in the search box after an htmx swap replaced the results below it.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "results") {
      var q = document.getElementById("q");
      if (q && document.activeElement === document.body) q.focus();
    }
  });

  // Read-only links (invitation, share): select all on focus, ready to copy.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });

  // Countdowns. The server sends the seconds left; the page only counts them down between
  // polls, and every poll that swaps the element in resets it to the server's number.
  function format(seconds) {
    var sign = seconds < 0 ? "+" : "";
    var s = Math.abs(seconds);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return sign + (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  }

  function startCountdown(el) {
    if (el.dataset.started) return;
    el.dataset.started = "1";
    var remaining = parseInt(el.dataset.remaining, 10);
    if (isNaN(remaining)) return;
    var startedAt = Date.now();
    var announcer = el.parentElement && el.parentElement.querySelector("[data-countdown-announcer]");
    var announced = {};
    function tick() {
      if (!document.body.contains(el)) return;
      var left = el.dataset.paused === "1" ? remaining : remaining - Math.floor((Date.now() - startedAt) / 1000);
      if (el.dataset.hard === "1" && left < 0) left = 0;
      el.textContent = format(left);
      el.classList.toggle("is-overtime", left < 0);
      el.classList.toggle("is-low", left >= 0 && left <= 60);
      el.setAttribute("aria-label", left < 0 ? format(left) + " " + (el.dataset.overtimeLabel || "") : format(left));
      if (announcer) {
        // Announce at thresholds only, politely: not every second.
        [[60, "oneMinute"], [10, "tenSeconds"], [0, "timeUp"]].forEach(function (pair) {
          if (left <= pair[0] && remaining > pair[0] && !announced[pair[1]]) {
            announced[pair[1]] = true;
            announcer.textContent = announcer.dataset[pair[1]] || "";
          }
        });
      }
      if (el.dataset.hard === "1" && left <= 0 && !announced.polled) {
        announced.polled = true;
        document.dispatchEvent(new CustomEvent("hard-deadline"));  // answer.js: send and lock
        document.body.dispatchEvent(new CustomEvent("poll-now"));  // the server moves the mock on
      }
      setTimeout(tick, 1000 - ((Date.now() - startedAt) % 1000));
    }
    tick();
  }

  function init(root) {
    var scope = root.querySelectorAll ? root : document;
    scope.querySelectorAll("[data-countdown]").forEach(startCountdown);
    var hidden = document.documentElement.classList.contains("clock-hidden");
    scope.querySelectorAll("[data-toggle-clock]").forEach(function (button) {
      button.setAttribute("aria-pressed", hidden ? "true" : "false");
      button.textContent = hidden ? button.dataset.showLabel : button.dataset.hideLabel;
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt.parentElement || document); });

  // A candidate may hide the timer (it keeps running on the server).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-toggle-clock]");
    if (!button) return;
    var hidden = document.documentElement.classList.toggle("clock-hidden");
    try { localStorage.setItem("clock-hidden", hidden ? "1" : "0"); } catch (e) { /* private mode */ }
    button.setAttribute("aria-pressed", hidden ? "true" : "false");
    button.textContent = hidden ? button.dataset.showLabel : button.dataset.hideLabel;
  });
  // An htmx action refused (4xx/5xx) or not sent (network): say so in the messages region,
  // with the server's short text when it sent one. Polls (GETs) retry by themselves.
  function showError(event, fallbackKey) {
    var config = event.detail.requestConfig || {};
    if ((config.verb || "get") === "get") return;
    var box = document.getElementById("messages");
    if (!box) return;
    var xhr = event.detail.xhr;
    var text = xhr && xhr.responseText ? xhr.responseText.trim() : "";
    if (!text || text.length > 300 || text.indexOf("<") !== -1) text = box.dataset[fallbackKey] || "";
    var list = document.createElement("ul");
    list.className = "messages";
    var item = document.createElement("li");
    item.className = "message message-error";
    item.textContent = text;
    list.appendChild(item);
    box.replaceChildren(list);
  }
  document.addEventListener("htmx:responseError", function (event) { showError(event, "error"); });
  document.addEventListener("htmx:sendError", function (event) { showError(event, "offline"); });
  try {
    if (localStorage.getItem("clock-hidden") === "1") document.documentElement.classList.add("clock-hidden");
  } catch (e) { /* private mode */ }
})();
