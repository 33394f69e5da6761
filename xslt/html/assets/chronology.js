/*
  chronology.js: the filters and the zoom of the chronology page (chronology.html, written
  by xslt/html/chronology.xsl), run in the reader's browser.

  Without this script the page is complete: the drawing shows every document and event and
  the list repeats it. The script shows the form the page keeps hidden, and for the choice
  made there (a person, place, organisation or event; a kind of document; a year) hides the
  entries that do not match, in the drawing and in the list, and lays the drawing out again
  by the rule chronology.xsl uses (vp:placed-rows), at three times the scale when one year
  is chosen. The choice is kept in the address (?entity=…&type=…&year=…), so that a
  filtered chronology can be bookmarked and shared; nothing is fetched.
*/
(function () {
  "use strict";

  var ZOOM = 3;
  var FIRST_Y = 10;
  var YEAR_ANCHOR = 20;
  var FIELDS = ["entity", "type", "year"];
  var SVG = "http://www.w3.org/2000/svg";

  var form = document.getElementById("chronology-filter");
  var svg = document.querySelector("svg.chronology-svg");
  if (!form || !svg) return;
  var labels = JSON.parse(form.getAttribute("data-labels") || "{}");
  var geometry = {
    day: parseFloat(svg.getAttribute("data-day")),
    longest: parseFloat(svg.getAttribute("data-longest-step")),
    gap: parseFloat(svg.getAttribute("data-gap")),
    markerOffset: parseFloat(svg.getAttribute("data-marker-offset")),
    axisX: parseFloat(svg.getAttribute("data-axis-x")),
  };
  var viewBox = svg.getAttribute("viewBox").split(/\s+/).map(Number);

  function number(element, name) {
    var value = element.getAttribute(name);
    return value === null || value === "" ? null : parseFloat(value);
  }

  // The rows of the drawing, top to bottom, with what the layout needs of each.
  var rows = Array.prototype.map.call(svg.querySelectorAll("g[data-kind]"), function (element) {
    return {
      element: element,
      n: element.getAttribute("data-row"),
      kind: element.getAttribute("data-kind"),
      y: number(element, "data-y"),
      height: number(element, "data-height"),
      day: number(element, "data-day"),
      year: element.getAttribute("data-year") || "",
      type: element.getAttribute("data-type"),
      entities: (element.getAttribute("data-entities") || "").split(/\s+/).filter(Boolean),
    };
  });
  rows.sort(function (a, b) {
    return Number(a.n) - Number(b.n);
  });
  var items = rows.filter(function (row) {
    return row.kind === "item";
  });
  // The list repeats the drawing: each of its items is the entry with the same link.
  var rowOfLink = {};
  items.forEach(function (row) {
    rowOfLink[row.element.querySelector("a").getAttribute("href")] = row;
  });
  var listItems = Array.prototype.slice.call(document.querySelectorAll("#chronology-list li"));

  function label(key, values) {
    return (labels[key] || "").replace(/\{(\d)\}/g, function (_, index) {
      return values[Number(index) - 1];
    });
  }

  // ===================================================================
  // The choice: read from and written to the address and the form
  // ===================================================================

  function choiceFromAddress() {
    var parameters = new URLSearchParams(window.location.search);
    var choice = {};
    FIELDS.forEach(function (field) {
      var select = form.elements[field];
      var value = parameters.get(field) || "";
      var known = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      choice[field] = known ? value : "";
    });
    return choice;
  }

  function choiceFromForm() {
    var choice = {};
    FIELDS.forEach(function (field) {
      choice[field] = form.elements[field].value;
    });
    return choice;
  }

  function showInForm(choice) {
    FIELDS.forEach(function (field) {
      form.elements[field].value = choice[field];
    });
  }

  function writeAddress(choice) {
    var parameters = new URLSearchParams();
    FIELDS.forEach(function (field) {
      if (choice[field]) parameters.set(field, choice[field]);
    });
    var query = parameters.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history.replaceState(null, "", address);
    } catch (error) {
      // Some browsers refuse a new address for a page opened from disk: the choice still
      // applies, it only cannot be bookmarked.
    }
  }

  // An entry names the persons, places... by the numbers the options carry (data-n).
  function entityNumber(id) {
    var select = form.elements.entity;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === id) return select.options[i].getAttribute("data-n");
    }
    return null;
  }

  function matches(choice, entry) {
    return (
      (!choice.entity || entry.entities.indexOf(entityNumber(choice.entity)) >= 0) &&
      (!choice.type || entry.type === choice.type) &&
      (!choice.year || entry.year === choice.year)
    );
  }

  // ===================================================================
  // The layout: chronology.xsl's vp:placed-rows, over the rows shown
  // ===================================================================

  function visibleRows(choice) {
    var shown = {};
    items.forEach(function (row) {
      row.shown = matches(choice, row);
      if (row.shown) shown[row.year] = true;
    });
    // A year row (or the heading of the undated) stays while an item of its own is shown.
    var heading = null;
    rows.forEach(function (row) {
      if (row.kind === "year") {
        heading = row;
        row.shown = false;
      } else if (row.shown && heading) {
        heading.shown = true;
      }
    });
    return rows.filter(function (row) {
      return row.shown;
    });
  }

  function place(shown, scale) {
    var previous = null;
    shown.forEach(function (row) {
      var least = previous ? previous.height + geometry.gap : 0;
      var toScale =
        previous && previous.day !== null && row.day !== null
          ? Math.round((row.day - previous.day) * geometry.day * scale)
          : null;
      var longest = geometry.longest * scale;
      row.shortened = toScale !== null && toScale > longest && longest > least;
      if (!previous) row.placed = FIRST_Y;
      else if (toScale === null) row.placed = previous.placed + least + 2 * geometry.gap;
      else if (row.shortened) row.placed = previous.placed + longest;
      else row.placed = previous.placed + Math.max(least, toScale);
      previous = row;
    });
  }

  function anchor(row) {
    return row.placed + (row.kind === "year" ? YEAR_ANCHOR : geometry.markerOffset);
  }

  // The y of any day, between the dated rows shown around it (fp:y-of-day).
  function yOfDay(dated, day, scale) {
    var before = null;
    var after = null;
    for (var i = 0; i < dated.length; i++) {
      if (dated[i].day <= day) before = dated[i];
      else {
        after = dated[i];
        break;
      }
    }
    if (before && after) {
      return Math.round(
        anchor(before) + ((anchor(after) - anchor(before)) * (day - before.day)) / (after.day - before.day)
      );
    }
    if (before) return anchor(before) + Math.round((day - before.day) * geometry.day * scale);
    return after ? anchor(after) : 0;
  }

  function drawAxis(dated) {
    var axis = svg.querySelector("g.chronology-axis");
    while (axis.firstChild) axis.removeChild(axis.firstChild);
    for (var i = 1; i < dated.length; i++) {
      var line = document.createElementNS(SVG, "line");
      line.setAttribute("x1", geometry.axisX);
      line.setAttribute("x2", geometry.axisX);
      line.setAttribute("y1", anchor(dated[i - 1]));
      line.setAttribute("y2", anchor(dated[i]));
      if (dated[i].shortened) {
        line.setAttribute("class", "chronology-axis-shortened");
        line.setAttribute("stroke-dasharray", "2 8");
        line.setAttribute("stroke-linecap", "round");
      }
      axis.appendChild(line);
    }
  }

  function layOut(choice) {
    var scale = choice.year ? ZOOM : 1;
    var shown = visibleRows(choice);
    place(shown, scale);
    var byNumber = {};
    rows.forEach(function (row) {
      byNumber[row.n] = row;
      if (row.shown) {
        row.element.removeAttribute("display");
        var shift = row.placed - row.y;
        if (shift) row.element.setAttribute("transform", "translate(0 " + shift + ")");
        else row.element.removeAttribute("transform");
      } else row.element.setAttribute("display", "none");
    });
    var dated = shown.filter(function (row) {
      return row.day !== null;
    });
    drawAxis(dated);
    // Spans and disputed dates reach another day: drawn anew where that day now lies.
    Array.prototype.forEach.call(svg.querySelectorAll("rect[data-end]"), function (span) {
      var row = byNumber[span.getAttribute("data-row")];
      if (!row.shown) return span.setAttribute("display", "none");
      span.removeAttribute("display");
      var top = anchor(row);
      var bottom = Math.max(top + 12, yOfDay(dated, number(span, "data-end"), scale));
      span.setAttribute("y", top - 7);
      span.setAttribute("height", bottom - top + 14);
    });
    Array.prototype.forEach.call(svg.querySelectorAll("g.chronology-variant"), function (variant) {
      var row = byNumber[variant.getAttribute("data-row")];
      if (!row.shown) return variant.setAttribute("display", "none");
      variant.removeAttribute("display");
      var from = anchor(row);
      var day = number(variant, "data-day");
      var at = yOfDay(dated, day, scale);
      var to = day >= number(variant, "data-start") ? Math.max(at, from + 28) : Math.min(at, from - 28);
      var x = geometry.axisX - 9;
      var bend = geometry.axisX - 30;
      variant
        .querySelector("path")
        .setAttribute("d", "M " + x + " " + from + " C " + bend + " " + from + ", " + bend + " " + to + ", " + x + " " + to);
      variant.querySelector("circle").setAttribute("cy", to);
    });
    var last = shown[shown.length - 1];
    var height = last ? last.placed + last.height + 20 : 60;
    svg.setAttribute("viewBox", [viewBox[0], viewBox[1], viewBox[2], height].join(" "));
    return shown;
  }

  // ===================================================================
  // The list and the status line
  // ===================================================================

  function filterList() {
    listItems.forEach(function (item) {
      var link = item.querySelector("a");
      var row = link && rowOfLink[link.getAttribute("href")];
      item.hidden = Boolean(row) && !row.shown;
    });
    Array.prototype.forEach.call(document.querySelectorAll("#chronology-list ol"), function (list) {
      var empty = !list.querySelector("li:not([hidden])");
      list.hidden = empty;
      var heading = list.previousElementSibling;
      if (heading && heading.tagName === "H3") heading.hidden = empty;
    });
  }

  function apply(choice) {
    layOut(choice);
    filterList();
    var count = items.filter(function (row) {
      return row.shown;
    }).length;
    var status = document.getElementById("chronology-status");
    var filtered = FIELDS.some(function (field) {
      return choice[field];
    });
    status.textContent = !filtered
      ? ""
      : count
        ? label("chronology-js-status", [count, items.length])
        : label("chronology-js-none", []);
    form.classList.toggle("chronology-filtered", filtered);
  }

  form.hidden = false;
  var initial = choiceFromAddress();
  showInForm(initial);
  apply(initial);
  form.addEventListener("change", function () {
    var choice = choiceFromForm();
    writeAddress(choice);
    apply(choice);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  document.getElementById("chronology-reset").addEventListener("click", function () {
    var choice = { entity: "", type: "", year: "" };
    showInForm(choice);
    writeAddress(choice);
    apply(choice);
  });
})();
