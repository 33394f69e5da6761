/*
  tips.js: the descriptions of names (span.tip inside a.name, xslt/common/text.xsl), run in
  the reader's browser.

  edition.css shows a description while its name has the pointer or the focus, and keeps it
  while the pointer is on the description itself; without this script that is all. The
  script adds what CSS cannot (WCAG 2.2 SC 1.4.13): Escape hides the descriptions shown,
  without moving the focus, until the pointer or the focus leaves the name.
*/
(function () {
  "use strict";

  var DISMISSED = "tip-dismissed";

  function shownNames() {
    var names = Array.prototype.slice.call(document.querySelectorAll("a.name:hover"));
    var focused = document.activeElement;
    if (focused && focused.matches && focused.matches("a.name") && names.indexOf(focused) < 0) {
      names.push(focused);
    }
    return names;
  }

  function dismiss(event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var names = shownNames().filter(function (name) {
      return !name.classList.contains(DISMISSED);
    });
    names.forEach(function (name) {
      name.classList.add(DISMISSED);
    });
  }

  // Leaving the name (or coming back to it) from outside, by pointer or by focus, readies
  // its description for the next time.
  function restore(event) {
    var name = event.target.closest && event.target.closest("a.name");
    if (!name || (event.relatedTarget && name.contains(event.relatedTarget))) return;
    name.classList.remove(DISMISSED);
  }

  document.addEventListener("keydown", dismiss);
  document.addEventListener("mouseout", restore);
  document.addEventListener("focusout", restore);
  // Coming back to a name with the pointer asks for its description anew.
  document.addEventListener("mouseover", restore);
})();
