// skillmatch pages: the few behaviours htmx does not give. No inline
// script anywhere (the Content-Security-Policy forbids it): everything is
// bound here, by class.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var choice = event.target.closest(".choisir-metier");
    if (choice) {
      // Fill the first empty occupation field with the chosen code, and
      // move the focus there so that the keyboard user goes on from it.
      var fields = document.querySelectorAll("input.code-metier");
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
