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
  // The matrix opens on its newest meetings: the newest meeting's column whole and beside the
  // (sticky) name column, with as much after it ("silent since") as fits.
  function newestInView(root) {
    root.querySelectorAll(".matrix-scroll").forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth) return;
      var newest = box.querySelector("thead th.newest");
      var names = box.querySelector("thead th.corner");
      var end = box.scrollWidth - box.clientWidth;
      if (!newest || !names) {
        box.scrollLeft = end;
        return;
      }
      // Rectangles, not offsetLeft: a sticky cell's offsetParent is the page, not the table.
      var now = box.scrollLeft;
      var head = newest.getBoundingClientRect();
      var namesRight = names.getBoundingClientRect().right;  // sticky: it does not move
      var viewRight = box.getBoundingClientRect().left + box.clientLeft + box.clientWidth;
      var besideNames = now + head.left - namesRight;
      if (besideNames <= end) {
        box.scrollLeft = besideNames;  // later columns fill the rest
      } else if (head.left - (end - now) >= namesRight) {
        box.scrollLeft = end;  // the right end shows it whole
      } else {
        // Too narrow for it and what follows: its right edge at the box's right edge.
        box.scrollLeft = now + head.right - viewRight;
      }
    });
  }
  newestInView(document);
  // Live filters (htmx, see includes/live_filter_attrs.html). The address keeps only the
  // filters in use, as a plain form submit would after "Clear": empty fields are left out.
  document.addEventListener("htmx:configRequest", function (event) {
    var params = event.detail.parameters;
    if (event.detail.verb !== "get" || !params || typeof params.keys !== "function") return;
    Array.from(new Set(Array.from(params.keys()))).forEach(function (name) {
      var values = params.getAll(name).filter(function (value) { return value !== ""; });
      params.delete(name);
      values.forEach(function (value) { params.append(name, value); });
    });
  });
  // After a live update: the new count is read out (the region that held it was replaced),
  // and a new matrix opens on its newest meetings too.
  document.addEventListener("htmx:afterSettle", function (event) {
    var results = document.getElementById("results");
    if (!results || !results.contains(event.detail.elt) && event.detail.elt !== results) return;
    newestInView(results);
    var announce = document.getElementById("filter-announce");
    var count = results.querySelector(".result-count");
    if (announce && count) announce.textContent = count.textContent.trim();
  });
  // An opened cell is scrolled fully into view beside the sticky name column, not under it.
  document.addEventListener("toggle", function (event) {
    var cell = event.target;
    if (!cell.matches || !cell.matches("details.cell-details") || !cell.open) return;
    var box = cell.closest(".matrix-scroll");
    var td = cell.closest("td");
    if (!box || !td) return;
    var names = box.querySelector("tbody th");
    var left = names ? names.getBoundingClientRect().right : box.getBoundingClientRect().left;
    var right = box.getBoundingClientRect().right;
    var rect = td.getBoundingClientRect();
    if (rect.left < left) {
      box.scrollLeft -= left - rect.left + 4;
    } else if (rect.right > right) {
      box.scrollLeft += Math.min(rect.right - right + 4, rect.left - left);
    }
  }, true);
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
