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

  // A button with data-print opens the browser's print dialogue (an onclick=
  // attribute would be an inline script, which the CSP refuses).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  // After a failed submit the error summary takes the focus, so that a screen
  // reader announces it and the keyboard starts from its links to the fields.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // htmx sends the CSRF token taken from <meta name="csrf-token" content="...">.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
    }
  });
})();
