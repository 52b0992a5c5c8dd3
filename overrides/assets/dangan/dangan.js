/* dangan: a table wider than a phone scrolls (Material makes tables scroll boxes); it must be
 * reachable by keyboard (a focusable, named region) or its right-hand columns are not. */
(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".md-typeset table:not([class]):not([tabindex])").forEach(function (wrap) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var caption = wrap.closest(".md-typeset__scrollwrap") || wrap;
      caption = caption.previousElementSibling;
      wrap.setAttribute("aria-label", (caption && caption.textContent.trim().slice(0, 40)) || document.title);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label); else label();
  setTimeout(label, 0);
})();
