// Assembling an interview: reorder questions by dragging, or with Alt+Up / Alt+Down.
// Without JavaScript the up/down buttons do the same through ordinary forms.
(function () {
  "use strict";
  function submitOrder(list) {
    var form = document.getElementById(list.dataset.reorderForm);
    if (!form) return;
    form.querySelectorAll("input[name=item]").forEach(function (input) { input.remove(); });
    list.querySelectorAll("[data-item]").forEach(function (row) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "item"; input.value = row.dataset.item;
      form.appendChild(input);
    });
    htmx.trigger(form, "reorder");
  }

  // An added bank question shows as added (its form's response replaced the question list);
  // a refusal (X-Refused, its reason shown in the list) leaves the button as it was.
  document.addEventListener("htmx:afterRequest", function (event) {
    var button = event.detail.elt && event.detail.elt.querySelector && event.detail.elt.querySelector("[data-added-label]");
    var xhr = event.detail.xhr;
    if (button && event.detail.successful && xhr && !xhr.getResponseHeader("X-Refused")) {
      var label = document.createElement("span");
      label.className = "muted small";
      label.textContent = button.dataset.addedLabel;
      event.detail.elt.replaceWith(label);
    }
  });

  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest("[data-sortable] [data-item]");
    if (!row) return;
    dragged = row;
    row.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.dataset.item);
  });
  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var row = event.target.closest && event.target.closest("[data-sortable] [data-item]");
    if (!row || row === dragged || row.parentElement !== dragged.parentElement) return;
    event.preventDefault();
    var box = row.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    row.parentElement.insertBefore(dragged, after ? row.nextSibling : row);
  });
  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var list = dragged.parentElement;
    dragged.classList.remove("is-dragging");
    dragged = null;
    submitOrder(list);
  });
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    var row = event.target.closest && event.target.closest("[data-sortable] [data-item]");
    if (!row) return;
    event.preventDefault();
    var button = row.querySelector('[data-move="' + (event.key === "ArrowUp" ? "up" : "down") + '"]');
    if (button && !button.disabled) {
      var id = row.dataset.item;
      button.click();
      document.addEventListener("htmx:afterSettle", function refocus() {
        document.removeEventListener("htmx:afterSettle", refocus);
        var moved = document.querySelector('[data-sortable] [data-item="' + id + '"]');
        if (moved) moved.focus();
      });
    }
  });
})();
