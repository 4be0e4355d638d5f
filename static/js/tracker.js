/* ADGMIN Tracker: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";
  // On a phone the filter panel would push the results below the fold: fold it unless
  // it shows an error the user must see.
  if (window.matchMedia && window.matchMedia("(max-width: 700px)").matches) {
    document.querySelectorAll("details.filter-panel[open]").forEach(function (panel) {
      if (!panel.querySelector(".errorlist")) {
        panel.removeAttribute("open");
      }
    });
  }
  // Escape closes an open matrix cell and puts focus back on it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.activeElement && document.activeElement.closest("details.cell-details[open]");
    if (open) {
      open.removeAttribute("open");
      open.querySelector("summary").focus();
    }
  });
})();
