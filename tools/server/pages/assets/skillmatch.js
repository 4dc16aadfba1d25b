// skillmatch pages: the few behaviours htmx does not give. No inline
// script anywhere (the Content-Security-Policy forbids it): everything is
// bound here, by class.
(function () {
  "use strict";
  // htmx copies the "style" attribute of the elements it replaces onto
  // their new copies while they settle; under the pages' CSP a style
  // attribute never applies, so that copy only raises violations (seen on
  // the follow-up section's fields, which carry style="" once filled by the
  // browser's automation, page_notes.cc).
  if (window.htmx) window.htmx.config.attributesToSettle = ["class", "width", "height"];
  document.addEventListener("click", function (event) {
    var choice = event.target.closest(".choisir-metier");
    if (choice) {
      // Fill the first empty occupation field with the chosen code, and
      // move the focus there so that the keyboard user goes on from it.
      // The box says which fields it fills: target occupations
      // (code-metier, the default) or past ones (code-passe).
      var box = choice.closest("[data-champs]");
      var kind = box && box.getAttribute("data-champs") === "code-passe" ? "code-passe" : "code-metier";
      var fields = document.querySelectorAll("input." + kind);
      var target = null;
      for (var i = 0; i < fields.length; i++) {
        if (!fields[i].value) { target = fields[i]; break; }
      }
      if (!target && fields.length) target = fields[fields.length - 1];
      if (target) {
        target.value = choice.getAttribute("data-code");
        target.focus();
      }
      return;
    }
    if (event.target.closest(".imprimer")) window.print();
  });
  // Focus after a partial update: a status or error message that htmx
  // swapped in (they carry tabindex="-1").
  document.addEventListener("htmx:afterSwap", function (event) {
    var message = event.detail.target.querySelector("[role=status][tabindex], [role=alert][tabindex]");
    if (message) message.focus();
  });
  // The follow-up of a file (page_notes.cc): after a note is added or an
  // action marked done, the focus goes to that note.
  document.addEventListener("htmx:afterSwap", function () {
    var note = document.querySelector("[data-focus]");
    if (note && !document.querySelector("#suivi-zone [role=alert][tabindex]")) {
      note.removeAttribute("data-focus");
      note.focus();
    }
  });
  // A form that came back with errors: focus their summary.
  document.addEventListener("DOMContentLoaded", function () {
    var errors = document.getElementById("erreurs");
    if (errors) errors.focus();
  });
})();
