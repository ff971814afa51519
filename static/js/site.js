// Site-specific behaviour, loaded after Bootstrap and htmx (with `defer`).
(function () {
  "use strict";

  // A button or link with data-confirm="Are you sure?" asks before it acts.
  document.addEventListener(
    "click",
    function (event) {
      var target = event.target.closest("[data-confirm]");
      if (target && !window.confirm(target.getAttribute("data-confirm"))) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  // A select with data-autosubmit submits its form on change (the language
  // switcher); the form keeps a submit button for visitors without JavaScript.
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) {
      event.target.form.submit();
    }
  });

  // htmx sends the CSRF token taken from <meta name="csrf-token" content="...">.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
    }
  });
})();
