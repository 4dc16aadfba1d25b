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
  // An upload over the server's limit (data-max, in bytes, on the form):
  // said next to the file field before anything is sent. The server would
  // refuse it unread (its 413 page), and a browser still sending the body
  // may show a connection error instead.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var max = Number(form.getAttribute("data-max"));
    if (!max) return;
    var inputs = form.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var size = 0;
      for (var j = 0; j < input.files.length; j++) size += input.files[j].size;
      if (size <= max) continue;
      event.preventDefault();
      var id = input.id + "-err";
      var error = document.getElementById(id);
      if (!error) {
        error = document.createElement("span");
        error.id = id;
        error.className = "erreur-champ";
        input.parentNode.appendChild(error);
        input.setAttribute("aria-describedby",
                           ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
      }
      error.textContent = form.getAttribute("data-trop-gros");
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
  });
  // A form that came back with errors: focus their summary.
  document.addEventListener("DOMContentLoaded", function () {
    var errors = document.getElementById("erreurs");
    if (errors) errors.focus();
  });
})();
