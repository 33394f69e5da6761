/*
  search.js: the search page of the web edition, run in the reader's browser.

  Searches window.cablesSearchIndex, the parts of the index that the files
  search-index-<n>.js (written at build time by xslt/html/search.xsl) add to it; nothing is
  fetched, so the page works from disk too.
  The pure functions (fold, search, snippet and their helpers) do not touch the page and
  are exported under Node, where the tests run them against a built index.
*/
(function () {
  "use strict";

  // How many results are listed at most; the count always tells the full number.
  var RESULT_LIMIT = 200;
  // Characters of text shown around the first match.
  var SNIPPET_LENGTH = 220;
  var SNIPPET_CONTEXT_BEFORE = 70;

  var MARKS = /\p{M}/gu;
  var NOT_WORD = /[^\p{L}\p{N}]/gu;
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

  // ===================================================================
  // Folding: case, accents and punctuation do not matter
  // ===================================================================

  function foldCharacter(character) {
    var code = character.charCodeAt(0);
    if (code < 128) {
      if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
      if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return character;
      return " ";
    }
    return character.toLowerCase().normalize("NFD").replace(MARKS, "").replace(NOT_WORD, " ");
  }

  /*
    The text folded for matching (lower case, combining marks removed after NFD, every
    character that is not a letter or digit turned into a space), and for each folded
    character the index in the original text where its character starts, so that a match
    can be shown in the original spelling. Each character is folded on its own, so a
    query and a text always fold the same way, whatever surrounds them.
  */
  function foldWithMap(text) {
    var folded = "";
    var starts = [];
    var position = 0;
    for (var character of String(text)) {
      var piece = foldCharacter(character);
      for (var i = 0; i < piece.length; i++) starts.push(position);
      folded += piece;
      position += character.length;
    }
    return { folded: folded, starts: starts, length: position };
  }

  function fold(text) {
    var folded = "";
    for (var character of String(text)) folded += foldCharacter(character);
    return folded;
  }

  // The distinct words of a query, folded: "Scînteia, Dej" gives ["scinteia", "dej"].
  function queryWords(query) {
    var words = fold(query || "").split(" ").filter(function (word) {
      return word !== "";
    });
    return words.filter(function (word, position) {
      return words.indexOf(word) === position;
    });
  }

  // ===================================================================
  // Matching and filtering
  // ===================================================================

  // The entries of an index with the folded text each is matched against. Notes are
  // matched on their own text only, so a word of a document's title does not list
  // every note of that document.
  function prepare(parts) {
    return entriesOf(parts).map(function (entry) {
      var searched = entry.kind === "note" ? entry.text : entry.title + " " + entry.text;
      return { entry: entry, folded: " " + fold(searched) + " " };
    });
  }

  // The entries of all parts of the index, in the order of the edition: documents by date,
  // then the front matter, each text followed by its notes. A part holds the texts whose
  // file names fall to it, so the order is restored here from each entry's sort key.
  function entriesOf(parts) {
    var entries = [];
    parts.forEach(function (part) {
      entries = entries.concat(part.entries);
    });
    return entries.sort(function (a, b) {
      if (a.order !== b.order) return a.order < b.order ? -1 : 1;
      return (a.note || 0) - (b.note || 0);
    });
  }

  // Whether every word occurs in the prepared entry (part of a word is enough).
  function matches(prepared, words) {
    return words.every(function (word) {
      return prepared.folded.indexOf(word) !== -1;
    });
  }

  // "1962" and "1962-05" as the first and the last day they can mean.
  function lowerBound(date) {
    return date.length === 4 ? date + "-01-01" : date.length === 7 ? date + "-01" : date;
  }

  function upperBound(date) {
    return date.length === 4 ? date + "-12-31" : date.length === 7 ? date + "-31" : date;
  }

  // The filters of a search with anything malformed left out: from, to (ISO dates),
  // person, place (authority ids) and type (a TEI text type).
  function cleanFilters(filters) {
    var clean = {};
    filters = filters || {};
    ["from", "to"].forEach(function (name) {
      var value = String(filters[name] || "").trim();
      if (DATE.test(value)) clean[name] = value;
    });
    ["person", "place", "type"].forEach(function (name) {
      var value = String(filters[name] || "").trim();
      if (value !== "") clean[name] = value;
    });
    return clean;
  }

  function hasFilters(filters) {
    return Object.keys(cleanFilters(filters)).length > 0;
  }

  function names(list, id) {
    return (list || []).some(function (item) {
      return item.id === id;
    });
  }

  // Whether an entry passes every filter. A dated entry passes a date filter when its
  // date (or date range) overlaps the range asked for; an undated one never does.
  function passesFilters(entry, filters) {
    var clean = cleanFilters(filters);
    if (clean.type && entry.type !== clean.type) return false;
    if (clean.person && !names(entry.persons, clean.person)) return false;
    if (clean.place && !names(entry.places, clean.place)) return false;
    if (clean.from || clean.to) {
      if (!entry.date || !DATE.test(entry.date)) return false;
      var end = entry.dateEnd && DATE.test(entry.dateEnd) ? entry.dateEnd : entry.date;
      if (clean.from && upperBound(end) < lowerBound(clean.from)) return false;
      if (clean.to && lowerBound(entry.date) > upperBound(clean.to)) return false;
    }
    return true;
  }

  /*
    The entries that contain every word of the query and pass every filter, in the
    index's order (documents by date, each followed by its notes). Without words,
    filters list the documents and pages only; with neither, nothing is listed.
  */
  function search(prepared, query, filters) {
    var words = queryWords(query);
    if (words.length === 0 && !hasFilters(filters)) return [];
    return prepared
      .filter(function (item) {
        if (words.length === 0 && item.entry.kind === "note") return false;
        return passesFilters(item.entry, filters) && matches(item, words);
      })
      .map(function (item) {
        return item.entry;
      });
  }

  // ===================================================================
  // Snippets
  // ===================================================================

  // Where the words occur in a text, as ranges of the original text, merged and in order.
  function matchRanges(text, words) {
    var map = foldWithMap(text);
    var ranges = [];
    words.forEach(function (word) {
      var at = map.folded.indexOf(word);
      while (word !== "" && at !== -1) {
        var after = at + word.length;
        ranges.push([map.starts[at], after < map.starts.length ? map.starts[after] : map.length]);
        at = map.folded.indexOf(word, after);
      }
    });
    ranges.sort(function (a, b) {
      return a[0] - b[0] || a[1] - b[1];
    });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push([range[0], range[1]]);
    });
    return merged;
  }

  /*
    A short passage of the text around the first match, as segments
    [{text, mark}], mark being true for the words searched for. The passage starts and
    ends at word boundaries and is marked with "…" where it is cut.
  */
  function snippet(text, words, length) {
    text = String(text || "");
    length = length || SNIPPET_LENGTH;
    var ranges = matchRanges(text, words || []);
    var start = ranges.length ? Math.max(0, ranges[0][0] - SNIPPET_CONTEXT_BEFORE) : 0;
    var end = Math.min(text.length, start + length);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space !== -1 && space < ranges[0][0]) start = space + 1;
    }
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end);
      if (lastSpace > start && (!ranges.length || lastSpace >= ranges[0][1])) end = lastSpace;
    }
    var segments = [];
    var position = start;
    ranges.forEach(function (range) {
      var from = Math.max(range[0], start);
      var to = Math.min(range[1], end);
      if (from >= to) return;
      if (from > position) segments.push({ text: text.slice(position, from), mark: false });
      segments.push({ text: text.slice(from, to), mark: true });
      position = to;
    });
    if (position < end) segments.push({ text: text.slice(position, end), mark: false });
    if (start > 0) segments.unshift({ text: "… ", mark: false });
    if (end < text.length) segments.push({ text: " …", mark: false });
    return segments;
  }

  // ===================================================================
  // The page
  // ===================================================================

  var FIELDS = ["q", "from", "to", "person", "place", "type"];

  // The words this script writes, from the edition's label table (xslt/common/labels.xml,
  // keys search-js-*): search.html gives them in the form's data-labels. {1}, {2} stand
  // for what is put there.
  var LABELS = {};

  function label(key, values) {
    var text = Object.prototype.hasOwnProperty.call(LABELS, key) ? LABELS[key] : key;
    (values || []).forEach(function (value, index) {
      text = text.split("{" + (index + 1) + "}").join(String(value));
    });
    return text;
  }

  function plural(count, key) {
    return label(key + (count === 1 ? "-one" : "-many"), [count]);
  }

  function describe(results, shown) {
    if (results.length === 0) return label("search-js-no-results");
    var notes = results.filter(function (entry) {
      return entry.kind === "note";
    }).length;
    var parts = [];
    if (results.length - notes > 0) parts.push(plural(results.length - notes, "search-js-pages"));
    if (notes > 0) parts.push(plural(notes, "search-js-notes"));
    var text = label("search-js-summary", [plural(results.length, "search-js-results"), parts.join(label("search-js-separator"))]);
    if (shown < results.length) text += label("search-js-first-listed", [shown]);
    return text;
  }

  function element(document, name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderResult(document, entry, words) {
    var item = element(document, "li", "search-result search-result-" + entry.kind);
    var heading = element(document, "h3", "search-result-title");
    var link = element(document, "a", "", (entry.kind === "note" ? label("search-js-note-prefix", [entry.note]) : "") + entry.title);
    link.href = entry.url;
    heading.appendChild(link);
    item.appendChild(heading);

    var meta = element(document, "p", "search-result-meta");
    var facts = [];
    if (entry.kind === "note" && entry.noteType) facts.push(document.createTextNode(entry.noteType));
    if (entry.date) {
      var time = element(document, "time", "", entry.dateLabel || entry.date);
      time.setAttribute("datetime", entry.date);
      facts.push(time);
    }
    if (entry.typeLabel) facts.push(document.createTextNode(entry.typeLabel));
    facts.forEach(function (fact, position) {
      if (position > 0) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(fact);
    });
    item.appendChild(meta);

    var passage = element(document, "p", "search-result-snippet");
    snippet(entry.text, words).forEach(function (segment) {
      passage.appendChild(segment.mark ? element(document, "mark", "", segment.text) : document.createTextNode(segment.text));
    });
    item.appendChild(passage);
    return item;
  }

  function start(window, document) {
    var form = document.getElementById("search-form");
    var section = document.getElementById("search-results-section");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!form || !section || !status || !list) return;
    try {
      LABELS = JSON.parse(form.getAttribute("data-labels") || "{}");
    } catch (error) {
      LABELS = {};
    }
    section.hidden = false;
    var parts = window.cablesSearchIndex;
    var expected = Number(form.getAttribute("data-index-parts"));
    var complete =
      Array.isArray(parts) &&
      parts.length === expected &&
      parts.every(function (part) {
        return part && Array.isArray(part.entries);
      });
    if (!complete) {
      status.textContent = label("search-js-index-failed");
      return;
    }
    var prepared = prepare(parts);
    var timer = null;

    function values() {
      var result = {};
      FIELDS.forEach(function (name) {
        result[name] = form.elements[name] ? form.elements[name].value : "";
      });
      return result;
    }

    // The address shows the search, so that it can be bookmarked or linked to.
    // Pages opened from disk may refuse to change it; the search works all the same.
    function remember(current) {
      var parameters = new window.URLSearchParams();
      FIELDS.forEach(function (name) {
        if (current[name]) parameters.set(name, current[name]);
      });
      var query = parameters.toString();
      try {
        window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
      } catch (error) {
        // Ignored on purpose: see above.
      }
    }

    function run() {
      var current = values();
      var words = queryWords(current.q);
      var results = search(prepared, current.q, current);
      list.textContent = "";
      if (words.length === 0 && !hasFilters(current)) {
        status.textContent = label("search-js-type-a-word");
      } else {
        var shown = Math.min(results.length, RESULT_LIMIT);
        for (var i = 0; i < shown; i++) list.appendChild(renderResult(document, results[i], words));
        status.textContent = describe(results, shown);
      }
      remember(current);
    }

    function runSoon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 250);
    }

    var parameters = new window.URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      var value = parameters.get(name);
      if (field && value !== null) field.value = value;
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    form.addEventListener("input", runSoon);
    form.addEventListener("change", runSoon);
    form.addEventListener("reset", function () {
      // The fields are cleared after the event, so search once they are.
      window.setTimeout(run, 0);
    });
    form.hidden = false;
    run();
  }

  var api = {
    fold: fold,
    foldWithMap: foldWithMap,
    queryWords: queryWords,
    prepare: prepare,
    matches: matches,
    cleanFilters: cleanFilters,
    passesFilters: passesFilters,
    search: search,
    matchRanges: matchRanges,
    snippet: snippet,
    describe: describe,
    setLabels: function (labels) {
      LABELS = labels;
    },
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  }
  if (typeof window !== "undefined" && typeof document !== "undefined") {
    start(window, document);
  }
})();
