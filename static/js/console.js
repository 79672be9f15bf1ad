// The secretary's console keeps what was typed when the network drops, and saves again.
// A save carries a token made with the form, so sending it twice stores one opinion.
(function () {
  "use strict";
  var RETRY_MS = 5000;

  function draftKey(form) {
    var token = form.querySelector("[name=token]");
    return token ? "kesat-draft-" + token.value : null;
  }

  function restoreDraft(form) {
    var key = draftKey(form);
    var text = form.querySelector("[name=text]");
    if (!key || !text || text.value) return;
    var saved = window.localStorage.getItem(key);
    if (saved) text.value = saved;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest(".console-form");
    if (form && event.target.name === "text") {
      window.localStorage.setItem(draftKey(form), event.target.value);
    }
  });

  document.addEventListener("keydown", function (event) {
    var form = event.target.closest && event.target.closest(".console-form");
    if (form && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function offline(form, message) {
    var box = form.querySelector(".console-offline");
    if (box) {
      box.textContent = message;
      box.classList.remove("d-none");
    }
  }

  function retryLater(event) {
    var form = event.detail.elt.closest && event.detail.elt.closest(".console-form");
    if (!form) return;
    offline(form, "Mất kết nối: ý kiến chưa lưu nhưng nội dung vẫn giữ nguyên. Tự động thử lại sau 5 giây…");
    window.setTimeout(function () {
      if (document.body.contains(form)) form.requestSubmit();
    }, RETRY_MS);
  }

  document.body.addEventListener("htmx:sendError", retryLater);
  document.body.addEventListener("htmx:responseError", retryLater);
  document.body.addEventListener("htmx:afterSwap", function () {
    Object.keys(window.localStorage).forEach(function (key) {
      var form = document.querySelector(".console-form");
      if (key.indexOf("kesat-draft-") === 0 && (!form || key !== draftKey(form))) {
        window.localStorage.removeItem(key);
      }
    });
  });
  document.querySelectorAll(".console-form").forEach(restoreDraft);
})();
