// After an action done in place (htmx), keyboard focus goes where the work goes on: the
// speech box on the secretary's console, the next row of a list (or the field to correct in
// the same row). It never falls back to the top of the page.
// A form says where with data-focus-after="speech" or "next-row" (next after its hx-target).
(function () {
  "use strict";
  var FOCUSABLE = [
    "input:not([type=hidden]):not([disabled])",
    "select:not([disabled])",
    "textarea:not([disabled])",
    "button:not([disabled])",
    "summary",
    "a[href]",
  ].join(", ");

  function firstIn(element) {
    return element ? element.querySelector(FOCUSABLE) : null;
  }

  function focusSpeech() {
    var box = document.querySelector(".console-form [name=text]");
    if (box) box.focus();
  }

  function focusNextRow(selector) {
    var row = selector ? document.querySelector(selector) : null;
    if (!row) return;
    var invalid = row.querySelector(".is-invalid");
    if (invalid) return invalid.focus();
    var next = row.nextElementSibling;
    while (next && !firstIn(next)) next = next.nextElementSibling;
    var target = firstIn(next) || firstIn(row);
    if (target) target.focus();
  }

  // The issuing form is often replaced by the answer: its wish is read when it asks.
  var pending = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var issuer = event.detail && event.detail.elt;
    var form = issuer && issuer.closest ? issuer.closest("[data-focus-after]") : null;
    pending = form
      ? { where: form.getAttribute("data-focus-after"), row: form.getAttribute("hx-target") }
      : null;
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    if (!pending) return;
    var wish = pending;
    pending = null;
    if (wish.where === "speech") focusSpeech();
    else if (wish.where === "next-row") focusNextRow(wish.row);
  });
})();
