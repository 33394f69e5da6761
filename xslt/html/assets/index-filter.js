/*
  index-filter.js: the filter box of an index page (persons.html...; xslt/html/pages.xsl,
  tp:index-page), run in the reader's browser.

  Without this script the box stays hidden and the list is whole. With it, the box shows
  and each keystroke hides the entries none of whose names (li[data-names]) contain the
  words typed, and the initials left empty; the status line says how many are shown.
*/
(function () {
  "use strict";

  var box = document.querySelector(".index-filter");
  var input = document.getElementById("index-filter-input");
  if (!box || !input) return;
  var status = box.querySelector(".index-filter-status");
  var entries = Array.prototype.slice.call(document.querySelectorAll("li[data-names]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".index-group"));
  var jump = document.querySelector(".index-jump");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var names = entries.map(function (entry) {
    return fold(entry.getAttribute("data-names") + " " + entry.textContent);
  });

  function filter() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    entries.forEach(function (entry, position) {
      var match = words.every(function (word) {
        return names[position].indexOf(word) >= 0;
      });
      entry.hidden = !match;
      if (match) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li[data-names]:not([hidden])");
    });
    if (jump) jump.hidden = words.length > 0;
    status.textContent = words.length
      ? input.getAttribute("data-shown").replace("{1}", shown).replace("{2}", entries.length)
      : "";
  }

  box.hidden = false;
  input.addEventListener("input", filter);
})();
