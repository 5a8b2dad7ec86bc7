// A data table wider than a narrow screen scrolls inside its own box (app.css,
// WCAG 1.4.10); make that box reachable by keyboard so it can be scrolled without a
// mouse (WCAG 2.1.1). Progressive enhancement: without JavaScript the table still
// scrolls by touch, mouse or (in current browsers) keyboard.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("table.ds-table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth) {
        table.setAttribute("tabindex", "0");
      } else {
        table.removeAttribute("tabindex");
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
  // Tables that htmx swaps in (the pathway page's events and clocks) are marked too.
  document.addEventListener("htmx:afterSettle", mark);
})();
