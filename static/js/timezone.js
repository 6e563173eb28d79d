// Sends the browser's time zone with the sign-in (and sign-up) form, so that times are shown
// and read in it; the server keeps a zone the user chose on their settings page instead.
(function () {
  "use strict";
  function fill() {
    let zone = "";
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return; // no Intl: the server keeps the zone it had
    }
    document.querySelectorAll("input[name=browser_time_zone]").forEach(function (input) {
      input.value = zone;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
