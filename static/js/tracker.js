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
  // A form that came back with errors: focus its summary, so that the first thing read (and
  // seen) is what to correct; each link in it moves focus to its field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field) {
        event.preventDefault();
        var panel = field.closest("details");
        if (panel) panel.open = true;
        field.focus();
        field.scrollIntoView({ block: "center" });
      }
    });
  }
  // The matrix opens on its newest meetings: scrolled to its right end when it is wider
  // than the screen (the name column stays in view).
  document.querySelectorAll(".matrix-scroll").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth) box.scrollLeft = box.scrollWidth;
  });
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
