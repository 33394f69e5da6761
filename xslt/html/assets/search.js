/*
  search.js: the search page of the web edition, run in the reader's browser.

  Searches the index cables writes at build time (search_index.py): the entries of the
  texts (search-index-<n>.js, loaded with the page), the postings by term
  (search-terms-<k>.js) and the passage text (search-text-<n>-<c>.js), the last two loaded
  as a query needs them by <script> elements; nothing is fetched, so the page works from
  disk too. Each file pushes [its name, its JSON compressed] onto window.cablesSearch.
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
  // The results listed as soon as the search is done; the others follow with their text.
  var FIRST_LISTED = 20;
  // How long typing must pause before the search runs (milliseconds).
  var TYPING_PAUSE = 80;

  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}]/u;
  var LATIN_WORD = /^[A-Za-z]+$/;
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  // What a note shares with its text (search-entries.xsl, fp:search-facts).
  // The filters by authority entries, and the member of an entry that lists its ids.
  var ENTRY_FACETS = { person: "persons", place: "places", organisation: "organisations", event: "events" };
  // The filters by who sent and who received a document: field -> member of its entry.
  var PARTY_FACETS = { sender: "senders", addressee: "addressees" };
  var SHARED_FACTS = ["title", "date", "dateEnd", "dateLabel", "type", "typeLabel", "status", "senders", "addressees", "order", "number"];

  // ===================================================================
  // Words: the rule table of the form's data-rules (xslt/html/search-rules.json), read
  // here exactly as cables reads it at build time (search_index.Tokeniser)
  // ===================================================================

  function compileRules(raw) {
    // Each character folds the same way every time: the answers are kept (folded).
    var rules = { fold: raw.fold, cjk: raw.cjk, stem: raw.stem, ranking: raw.ranking, stop: new Set(), folded: new Map(), kinds: new Map(), stems: new Map() };
    raw.stop.forEach(function (word) {
      rules.stop.add(fold(rules, word));
    });
    return rules;
  }

  function foldCharacter(rules, character) {
    var known = rules.folded.get(character);
    if (known !== undefined) return known;
    var folded = foldUncached(rules, character);
    rules.folded.set(character, folded);
    return folded;
  }

  function foldUncached(rules, character) {
    var decomposed = character.toLowerCase().normalize("NFD").replace(MARKS, "");
    var folded = "";
    for (var c of decomposed) folded += Object.prototype.hasOwnProperty.call(rules.fold, c) ? rules.fold[c] : c;
    return folded;
  }

  function fold(rules, text) {
    var folded = "";
    for (var character of String(text)) folded += foldCharacter(rules, character);
    return folded;
  }

  // What a folded character is to the tokeniser: part of a word, of a CJK run, or neither
  // (kept per character, as the folding is).
  var OTHER = 0;
  var LETTER = 1;
  var CJK = 2;

  function characterKind(rules, character) {
    var known = rules.kinds.get(character);
    if (known === undefined) {
      known = isCjk(rules, character) ? CJK : WORD.test(character) ? LETTER : OTHER;
      rules.kinds.set(character, known);
    }
    return known;
  }

  function isCjk(rules, character) {
    var code = character.codePointAt(0);
    return rules.cjk.some(function (range) {
      return range[0] <= code && code <= range[1];
    });
  }

  function stem(rules, word) {
    var known = rules.stems.get(word);
    if (known === undefined) {
      known = stemUncached(rules, word);
      rules.stems.set(word, known);
    }
    return known;
  }

  function stemUncached(rules, word) {
    if (!LATIN_WORD.test(word)) return word;
    rules.stem.forEach(function (step) {
      for (var i = 0; i < step.length; i++) {
        var suffix = step[i][0];
        if (word.length >= suffix.length && word.slice(word.length - suffix.length) === suffix && word.length - suffix.length >= step[i][2]) {
          word = word.slice(0, word.length - suffix.length) + step[i][1];
          break;
        }
      }
    });
    return word;
  }

  // The runs of word characters of the folded text: {text, cjk, starts, ends}, with the
  // offsets in the original text of each folded character.
  function runs(rules, text) {
    var found = [];
    var current = null;
    var offset = 0;
    for (var character of String(text)) {
      for (var c of foldCharacter(rules, character)) {
        var kind = characterKind(rules, c);
        var cjk = kind === CJK;
        var word = kind !== OTHER;
        if (current && (!word || cjk !== current.cjk)) {
          found.push(current);
          current = null;
        }
        if (word) {
          if (!current) current = { text: "", cjk: cjk, starts: [], ends: [] };
          current.text += c;
          current.starts.push(offset);
          current.ends.push(offset + character.length);
        }
      }
      offset += character.length;
    }
    if (current) found.push(current);
    return found;
  }

  /*
    The words of a text in order: {term, position, stop, start, end}. CJK runs give their
    characters and their bigrams (a query of two or more characters only its bigrams).
  */
  function tokens(rules, text, query) {
    var found = [];
    runs(rules, text).forEach(function (run) {
      var position = found.length;
      if (!run.cjk) {
        found.push({ term: stem(rules, run.text), position: position, stop: rules.stop.has(run.text), start: run.starts[0], end: run.ends[run.ends.length - 1] });
        return;
      }
      var characters = Array.from(run.text);
      if (!query || characters.length === 1) {
        characters.forEach(function (c, i) {
          found.push({ term: c, position: position + i, stop: false, start: run.starts[i], end: run.ends[i] });
        });
      }
      for (var i = 0; i + 1 < characters.length; i++) {
        found.push({ term: characters[i] + characters[i + 1], position: position + i, stop: false, start: run.starts[i], end: run.ends[i + 1] });
      }
    });
    return found;
  }

  // The indexed terms of a text: its tokens without the stop words.
  function terms(rules, text, query) {
    return tokens(rules, text, query)
      .filter(function (token) {
        return !token.stop;
      })
      .map(function (token) {
        return token.term;
      });
  }

  // ===================================================================
  // The index: entries, postings, names
  // ===================================================================

  /*
    The index the parts make together: the entries in the order of the edition
    (documents by date, then the front matter, each text followed by its notes), each
    entry's lengths, the names of the authority entries with the terms of their forms, and
    the postings and passage text, which come later, as a query needs them (ensureTerms,
    ensureText). The parts are the decoded files search-index-<n>.js.
  */
  function prepare(parts, rawRules, names) {
    var rules = compileRules(rawRules);
    var raw = [];
    var shards = 1;
    parts.forEach(function (part) {
      var text = null;
      shards = part.shards || shards;
      part.entries.forEach(function (entry, i) {
        // A note holds only what is its own; the facts of its text come from the entry
        // of the text, which precedes it in the part.
        if (entry.kind !== "note") text = entry;
        else if (text) {
          SHARED_FACTS.forEach(function (key) {
            if (!(key in entry)) entry[key] = text[key];
          });
          entry.id = text.id + "-note-" + entry.note;
          entry.url = text.url + "#note-" + entry.note;
        }
        entry.record = entry.record || [];
        namedEntries(entry, part.facets || {});
        // The names its passages tag: a name form finds those passages (not the names
        // of a correspondence record, which no passage shows).
        var tagged = new Set();
        entry.passages.forEach(function (passage) {
          passage.text = null;
          passage.names.forEach(function (id) {
            tagged.add(id);
          });
        });
        raw.push({ entry: entry, part: part.part, local: i, title: entry.size[0], body: entry.size[1], tagged: tagged });
      });
    });
    var items = raw.slice().sort(function (a, b) {
      return compareOrder(a.entry, b.entry);
    });
    var taggedBy = new Map();
    var byPart = new Map();
    items.forEach(function (item, i) {
      item.index = i;
      if (!byPart.has(item.part)) byPart.set(item.part, []);
      byPart.get(item.part)[item.local] = i;
      item.tagged.forEach(function (id) {
        if (!taggedBy.has(id)) taggedBy.set(id, []);
        taggedBy.get(id).push(i);
      });
    });
    var forms = [];
    Object.keys(names || {}).forEach(function (id) {
      names[id].forEach(function (form) {
        var formTerms = terms(rules, form, true);
        if (formTerms.length) forms.push({ id: id, form: form, terms: formTerms });
      });
    });
    var average = function (field) {
      var total = items.reduce(function (sum, item) {
        return sum + (field === "names" ? item.tagged.size : item[field]);
      }, 0);
      return items.length ? total / items.length || 1 : 1;
    };
    var index = {
      rules: rules,
      items: items,
      byPart: byPart,
      shards: shards,
      loadedShards: new Map(),
      postings: new Map(),
      taggedBy: taggedBy,
      forms: forms,
      names: names || {},
      averages: { title: average("title"), body: average("body"), names: average("names") },
    };
    // The numbers of what each entry carries for the filters' counts, made while the
    // page loads rather than at the first search.
    facetCounts(items, index);
    return index;
  }

  // The file of a term's postings: FNV-1a of its UTF-8 bytes (search_index.shard_of).
  function shardOf(term, shards) {
    var value = 0x811c9dc5;
    var bytes = new TextEncoder().encode(term);
    for (var i = 0; i < bytes.length; i++) value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    return value % shards;
  }

  // The postings of a term, from its shard once that is loaded: the items (by their
  // place in the edition's order) with their counts in the title and in the passages.
  function postingsOf(index, term) {
    if (index.postings.has(term)) return index.postings.get(term);
    var shard = index.loadedShards.get(shardOf(term, index.shards));
    var lists = shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : [];
    var found = { items: [], title: [], body: [] };
    lists.forEach(function (list) {
      var places = index.byPart.get(list[0]);
      for (var j = 1; j < list.length; j += 3) {
        found.items.push(places[list[j]]);
        found.title.push(list[j + 1]);
        found.body.push(list[j + 2]);
      }
    });
    index.postings.set(term, found);
    return found;
  }

  /*
    The files of the index, by name ("search-terms-3"): each is a script that pushes
    [name, its JSON compressed and in base64] onto window.cablesSearch. `load(name)` makes
    that happen (a <script> element in the page; the tests read the file under Node).
  */
  function createStore(window, load) {
    var files = new Map();
    var waiting = new Map();
    function drain() {
      var pushed = window.cablesSearch || [];
      window.cablesSearch = [];
      pushed.forEach(function (file) {
        files.set(file[0], decode(window, file[1]));
      });
    }
    function get(name) {
      drain();
      if (files.has(name)) return files.get(name);
      if (!waiting.has(name)) {
        waiting.set(name, Promise.resolve(load(name)).then(function () {
          drain();
          if (!files.has(name)) throw new Error("not loaded: " + name);
          return files.get(name);
        }));
      }
      return waiting.get(name);
    }
    return { get: get, drain: drain, names: function () {
      drain();
      return Array.from(files.keys());
    } };
  }

  function decode(window, base64) {
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new window.Blob([bytes]).stream().pipeThrough(new window.DecompressionStream("deflate"));
    return new window.Response(stream).text().then(JSON.parse);
  }

  // Load the shards holding these terms' postings.
  function ensureTerms(index, store, wanted) {
    var needed = new Set();
    wanted.forEach(function (term) {
      var shard = shardOf(term, index.shards);
      if (!index.loadedShards.has(shard)) needed.add(shard);
    });
    return Promise.all(Array.from(needed).map(function (shard) {
      return store.get("search-terms-" + shard).then(function (terms) {
        index.loadedShards.set(shard, terms);
      });
    }));
  }

  // Load the passage text of these items (chunk files of a few texts each).
  function ensureText(index, store, items) {
    var needed = new Map();
    items.forEach(function (item) {
      if (item.entry.passages.every(function (passage) {
        return passage.text !== null;
      })) return;
      var name = "search-text-" + item.part + "-" + item.entry.chunk[0];
      if (!needed.has(name)) needed.set(name, []);
      needed.get(name).push(item);
    });
    return Promise.all(Array.from(needed).map(function (pair) {
      return store.get(pair[0]).then(function (chunk) {
        pair[1].forEach(function (item) {
          var texts = chunk[item.entry.chunk[1]];
          item.entry.passages.forEach(function (passage, i) {
            passage.text = texts[i];
          });
        });
      });
    }));
  }

  // The lists of the authority entries an entry names, by index (persons, places,
  // organisations, events): those its passages and its record name.
  function namedEntries(entry, facets) {
    Object.keys(ENTRY_FACETS).forEach(function (facet) {
      entry[ENTRY_FACETS[facet]] = [];
    });
    var seen = new Set();
    var add = function (id) {
      if (seen.has(id) || !Object.prototype.hasOwnProperty.call(facets, id)) return;
      seen.add(id);
      entry[facets[id]].push(id);
    };
    entry.record.forEach(add);
    entry.passages.forEach(function (passage) {
      passage.names.forEach(add);
    });
  }

  function compareOrder(a, b) {
    if (a.order !== b.order) return a.order < b.order ? -1 : 1;
    return (a.note || 0) - (b.note || 0);
  }

  // ===================================================================
  // Queries: words, "phrases", -exclusions
  // ===================================================================

  /*
    A query as groups: {tokens, phrase, exclude}. "a b" in quotes is a phrase, a word or
    phrase after "-" is excluded; stop words count only as places inside a phrase.
  */
  function parseQuery(index, query) {
    var groups = [];
    var pattern = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
    var match;
    query = String(query || "");
    while ((match = pattern.exec(query)) !== null) {
      var quoted = match[2] !== undefined;
      var text = quoted ? match[2] : match[4];
      var exclude = (quoted ? match[1] : match[3]) === "-";
      var found = tokens(index.rules, text, true);
      if (!found.some(isWord)) continue;
      if (quoted || exclude) {
        groups.push({ tokens: found, phrase: quoted && found.filter(isWord).length > 1, exclude: exclude });
      } else {
        found.filter(isWord).forEach(function (token) {
          groups.push({ tokens: [token], phrase: false, exclude: false });
        });
      }
    }
    return groups;
  }

  function isWord(token) {
    return !token.stop;
  }

  // The distinct terms a query requires (not those it excludes).
  function requiredTerms(groups) {
    var required = [];
    groups.forEach(function (group) {
      if (group.exclude) return;
      group.tokens.filter(isWord).forEach(function (token) {
        if (required.indexOf(token.term) === -1) required.push(token.term);
      });
    });
    return required;
  }

  // The name forms whose every term the query asks for, by term: a passage tagged with
  // the entry satisfies those terms even where its text spells the name otherwise.
  function matchedForms(index, required) {
    return index.forms.filter(function (form) {
      return form.terms.every(function (term) {
        return required.indexOf(term) !== -1;
      });
    });
  }

  function entitiesFor(forms, term) {
    var ids = new Set();
    forms.forEach(function (form) {
      if (form.terms.indexOf(term) !== -1) ids.add(form.id);
    });
    return ids;
  }

  // The tokens of a passage's text, made once (the passage's best match, its phrases).
  function passageTokens(index, passage) {
    if (!passage.tokens) passage.tokens = tokens(index.rules, passage.text || "", false);
    return passage.tokens;
  }

  // The positions of a text's terms, for phrases: position -> terms.
  function positions(index, text) {
    var map = new Map();
    (typeof text === "string" ? tokens(index.rules, text, false) : passageTokens(index, text)).forEach(function (token) {
      if (!map.has(token.position)) map.set(token.position, []);
      map.get(token.position).push(token.term);
    });
    return map;
  }

  // Whether a text holds the phrase: its words at the same distances as in the query.
  function hasPhrase(index, text, phraseTokens) {
    var words = phraseTokens.filter(isWord);
    var first = words[0];
    var map = positions(index, text);
    for (var entry of map) {
      if (entry[1].indexOf(first.term) === -1) continue;
      var at = entry[0] - first.position;
      var all = words.every(function (token) {
        var found = map.get(at + token.position);
        return found !== undefined && found.indexOf(token.term) !== -1;
      });
      if (all) return true;
    }
    return false;
  }

  // Where a text holds the phrase: from the start of its first word to the end of its
  // last, the stop words between them included.
  function phraseRanges(index, text, phraseTokens) {
    var words = phraseTokens.filter(isWord);
    var first = words[0];
    var last = words[words.length - 1];
    var at = new Map();
    tokens(index.rules, text, false).forEach(function (token) {
      at.set(token.position + "\u0000" + token.term, token);
    });
    var ranges = [];
    at.forEach(function (token) {
      if (token.term !== first.term) return;
      var offset = token.position - first.position;
      var all = words.every(function (word) {
        return at.has(offset + word.position + "\u0000" + word.term);
      });
      if (all) ranges.push([token.start, at.get(offset + last.position + "\u0000" + last.term).end]);
    });
    return ranges;
  }

  function entryHasPhrase(index, item, phraseTokens) {
    if (item.entry.kind !== "note" && hasPhrase(index, item.entry.title, phraseTokens)) return true;
    return item.entry.passages.some(function (passage) {
      return hasPhrase(index, passage, phraseTokens);
    });
  }

  // The entries holding a term, in the text or as a tagged name: item index ->
  // [count in the title, count in the passages, tagged with a matching name (0 or 1)].
  function holders(index, term, forms) {
    var found = new Map();
    var postingsOfTerm = postingsOf(index, term);
    if (postingsOfTerm.items.length) {
      for (var i = 0; i < postingsOfTerm.items.length; i++) {
        found.set(postingsOfTerm.items[i], [postingsOfTerm.title[i], postingsOfTerm.body[i], 0]);
      }
    }
    entitiesFor(forms, term).forEach(function (id) {
      (index.taggedBy.get(id) || []).forEach(function (i) {
        var counts = found.get(i);
        if (counts) counts[2] = 1;
        else found.set(i, [0, 0, 1]);
      });
    });
    return found;
  }

  // ===================================================================
  // Filters
  // ===================================================================

  // "1962" and "1962-05" as the first and the last day they can mean.
  function lowerBound(date) {
    return date.length === 4 ? date + "-01-01" : date.length === 7 ? date + "-01" : date;
  }

  function upperBound(date) {
    return date.length === 4 ? date + "-12-31" : date.length === 7 ? date + "-31" : date;
  }

  // Whether a date filter's text is a year, a month or a day that exists (1962-02-30 is
  // not), in the ISO 8601 form the form's pattern asks for.
  function isDate(value) {
    if (!DATE.test(value)) return false;
    var parts = value.split("-").map(Number);
    if (parts.length > 1 && (parts[1] < 1 || parts[1] > 12)) return false;
    if (parts.length > 2) {
      var days = new Date(Date.UTC(parts[0], parts[1], 0)).getUTCDate();
      if (parts[2] < 1 || parts[2] > days) return false;
    }
    return true;
  }

  // The filters of a search with anything malformed left out: from, to (ISO dates),
  // person, place, organisation, event (authority ids) and type (a TEI text type).
  function cleanFilters(filters) {
    var clean = {};
    filters = filters || {};
    ["from", "to"].forEach(function (name) {
      var value = String(filters[name] || "").trim();
      if (isDate(value)) clean[name] = value;
    });
    ["person", "place", "organisation", "event", "sender", "addressee", "status", "type"].forEach(function (name) {
      var value = String(filters[name] || "").trim();
      if (value !== "") clean[name] = value;
    });
    return clean;
  }

  function hasFilters(filters) {
    return Object.keys(cleanFilters(filters)).length > 0;
  }

  function names(list, id) {
    return (list || []).indexOf(id) !== -1;
  }

  // The passages of an entry that carry every authority entry the filters ask for (a
  // name in a document's correspondence record counts for all its passages, a name in
  // its text only for the passage that tags it); all of them when no such filter is set.
  function carryingPassages(entry, clean) {
    var ids = Object.keys(ENTRY_FACETS)
      .filter(function (facet) {
        return clean[facet];
      })
      .map(function (facet) {
        return clean[facet];
      });
    if (ids.length === 0) return entry.passages;
    return entry.passages.filter(function (passage) {
      return ids.every(function (id) {
        return names(passage.names, id) || names(entry.record, id);
      });
    });
  }

  // Whether an entry passes every filter. A dated entry passes a date filter when its
  // date (or date range) overlaps the range asked for; an undated one never does.
  function passesFilters(entry, filters) {
    return passesClean(entry, cleanFilters(filters));
  }

  // The same, for filters cleanFilters has read already (a search reads them once).
  function passesClean(entry, clean) {
    if (clean.type && entry.type !== clean.type) return false;
    if (clean.status && entry.status !== clean.status) return false;
    if (carryingPassages(entry, clean).length === 0) return false;
    for (var party in PARTY_FACETS) {
      if (clean[party] && !names(entry[PARTY_FACETS[party]], clean[party])) return false;
    }
    if (clean.from || clean.to) {
      if (!entry.date || !DATE.test(entry.date)) return false;
      var end = entry.dateEnd && DATE.test(entry.dateEnd) ? entry.dateEnd : entry.date;
      if (clean.from && upperBound(end) < lowerBound(clean.from)) return false;
      if (clean.to && lowerBound(entry.date) > upperBound(clean.to)) return false;
    }
    return true;
  }

  // How many of some results carry each authority entry and type of text: for the
  // counts the filters show. {person: {id: n}, place: {...}, ..., type: {...}}.
  function facetCounts(results, index) {
    // Each (filter, value) an entry carries is a number, kept on the entry, so that
    // counting over thousands of results is counting numbers.
    var codes = (index && index.facetCodes) || { keys: [], byKey: new Map() };
    if (index) index.facetCodes = codes;
    var lists = Object.assign({}, ENTRY_FACETS, PARTY_FACETS);
    var facets = Object.keys(lists);
    var code = function (facet, value) {
      var key = facet + "\u0000" + value;
      var known = codes.byKey.get(key);
      if (known === undefined) {
        known = codes.keys.length;
        codes.byKey.set(key, known);
        codes.keys.push([facet, value]);
      }
      return known;
    };
    var tally = [];
    results.forEach(function (result) {
      var entry = result.entry;
      if (!entry.facetCodes) {
        var own = [];
        facets.forEach(function (facet) {
          (entry[lists[facet]] || []).forEach(function (id) {
            own.push(code(facet, id));
          });
        });
        if (entry.type) own.push(code("type", entry.type));
        if (entry.status) own.push(code("status", entry.status));
        entry.facetCodes = own;
      }
      for (var i = 0; i < entry.facetCodes.length; i++) {
        var c = entry.facetCodes[i];
        tally[c] = (tally[c] || 0) + 1;
      }
    });
    var counts = { type: {}, status: {} };
    facets.forEach(function (facet) {
      counts[facet] = {};
    });
    tally.forEach(function (count, c) {
      if (count) counts[codes.keys[c][0]][codes.keys[c][1]] = count;
    });
    return counts;
  }

  // ===================================================================
  // Search and ranking (BM25F: title, names and passages weighted by the rule table)
  // ===================================================================

  function bm25(index, item, counts, holding) {
    var ranking = index.rules.ranking;
    var weights = ranking.weights;
    var b = ranking.b;
    var weighted =
      (weights.title * counts[0]) / (1 - b + (b * item.title) / index.averages.title) +
      (weights.body * counts[1]) / (1 - b + (b * item.body) / index.averages.body) +
      (weights.names * counts[2]) / (1 - b + (b * item.tagged.size) / index.averages.names);
    var documents = index.items.length;
    var idf = Math.log(1 + (documents - holding + 0.5) / (holding + 0.5));
    return (idf * weighted) / (ranking.k1 + weighted);
  }

  /*
    The results of a query: [{entry, score, passage, names}], by score, ties by the
    order of the edition (date). Every word must match (in the text or as a name form of
    an entry the passage tags), every phrase must occur, no excluded word or phrase may.
    Without words, filters list the documents and pages (and the notes, when a filter asks
    for a name); with neither, nothing.
    The passage shown (describeHit) is found for the results listed only; resultView
    finds it for any other.
  */
  function search(index, query, filters, limit) {
    var clean = cleanFilters(filters);
    var groups = parseQuery(index, query);
    var required = requiredTerms(groups);
    if (required.length === 0) {
      if (!hasFilters(filters)) return [];
      // Notes too where a filter asks for a name: a note may be the passage tagging it.
      var named = Object.keys(ENTRY_FACETS).some(function (facet) {
        return clean[facet];
      });
      return index.items
        .filter(function (item) {
          return (named || item.entry.kind !== "note") && passesClean(item.entry, clean);
        })
        .map(function (item) {
          return { entry: item.entry, item: item, score: 0, passage: carryingPassages(item.entry, clean)[0] || firstPassage(item.entry), names: [], terms: [], forms: [], phrases: [], loose: [] };
        });
    }
    var forms = matchedForms(index, required);
    var sets = required.map(function (term) {
      return holders(index, term, forms);
    });
    var excluded = new Set();
    groups.forEach(function (group) {
      if (!group.exclude) return;
      var words = group.tokens.filter(isWord);
      var candidates = holders(index, words[0].term, matchedForms(index, [words[0].term]));
      candidates.forEach(function (counts, i) {
        if (words.length === 1 || entryHasPhrase(index, index.items[i], group.tokens)) excluded.add(i);
      });
    });
    var smallest = sets.reduce(function (a, b) {
      return a.size <= b.size ? a : b;
    });
    var phrases = groups.filter(function (group) {
      return group.phrase && !group.exclude;
    });
    // The words asked for on their own: a word asked for only inside a phrase is marked
    // only where the phrase is.
    var loose = requiredTerms(groups.filter(function (group) {
      return !group.phrase;
    }));
    var results = [];
    smallest.forEach(function (unused, i) {
      var item = index.items[i];
      if (excluded.has(i)) return;
      if (!sets.every(function (set) {
        return set.has(i);
      })) return;
      if (!passesClean(item.entry, clean)) return;
      if (!phrases.every(function (group) {
        return entryHasPhrase(index, item, group.tokens);
      })) return;
      var score = 0;
      sets.forEach(function (set) {
        score += bm25(index, item, set.get(i), set.size);
      });
      results.push({ item: item, score: score });
    });
    results.sort(function (a, b) {
      if (a.score !== b.score) return b.score - a.score;
      return a.item.index - b.item.index;
    });
    limit = limit === undefined ? results.length : limit;
    return results.map(function (result, position) {
      var found = { entry: result.item.entry, item: result.item, score: result.score, terms: required, forms: forms, phrases: phrases, loose: loose, filters: clean };
      return position < limit ? describeHit(index, found) : found;
    });
  }

  /*
    The results of a query once what it needs is loaded: the shards of its terms'
    postings, the text of the entries that might hold its phrases, and the text of the
    first `described` results (whose passage is then chosen). A promise of search's
    answer; the passage of any other result is found once its text is loaded.
  */
  function find(index, store, query, filters, described) {
    var groups = parseQuery(index, query);
    var wanted = requiredTerms(groups);
    groups.forEach(function (group) {
      if (group.exclude) wanted.push(group.tokens.filter(isWord)[0].term);
      else if (group.phrase) group.tokens.filter(isWord).forEach(function (token) {
        wanted.push(token.term);
      });
    });
    return ensureTerms(index, store, wanted)
      .then(function () {
        var holding = [];
        groups.forEach(function (group) {
          if (!group.phrase) return;
          var sets = group.tokens.filter(isWord).map(function (token) {
            return holders(index, token.term, []);
          });
          sets[0].forEach(function (unused, i) {
            if (sets.every(function (set) {
              return set.has(i);
            })) holding.push(index.items[i]);
          });
        });
        return ensureText(index, store, holding);
      })
      .then(function () {
        var results = search(index, query, filters, 0);
        var first = results.slice(0, described);
        return ensureText(index, store, first.map(function (result) {
          return result.item;
        })).then(function () {
          first.forEach(function (result) {
            if (!result.passage) describeHit(index, result);
          });
          return results;
        });
      });
  }

  function firstPassage(entry) {
    return entry.passages[0] || { id: "", text: "", names: [] };
  }

  // The passage a result shows: the one matching most of the query's terms (phrases
  // counted only where they occur), and the name entries that matched in it.
  function describeHit(index, found) {
    var item = found.item;
    var required = found.terms;
    var forms = found.forms;
    var phrases = found.phrases;
    var best = null;
    var bestCount = -1;
    var candidates = carryingPassages(item.entry, found.filters || {});
    candidates.forEach(function (passage) {
      if (!phrases.every(function (group) {
        return hasPhrase(index, passage, group.tokens);
      })) return;
      var present = new Set(
        passageTokens(index, passage)
          .filter(isWord)
          .map(function (token) {
            return token.term;
          })
      );
      var count = 0;
      required.forEach(function (term) {
        var tagged = Array.from(entitiesFor(forms, term)).some(function (id) {
          return passage.names.indexOf(id) !== -1;
        });
        if (present.has(term) || tagged) count += 1;
      });
      if (count > bestCount) {
        best = passage;
        bestCount = count;
      }
    });
    var passage = bestCount > 0 ? best : candidates[0] || firstPassage(item.entry);
    var matched = [];
    forms.forEach(function (form) {
      if (item.tagged.has(form.id) && !matched.some(function (m) {
        return m.id === form.id;
      })) matched.push({ id: form.id, form: form.form, name: index.names[form.id][0] });
    });
    found.passage = passage;
    found.names = matched;
    return found;
  }

  // ===================================================================
  // Snippets
  // ===================================================================

  // Where a text holds the query's terms, or a whole form of a name entry that matched
  // and that the passage tags ("Beijing" for a query "Peking"): ranges of the original
  // text, merged and in order. Stop words never.
  function matchRanges(index, text, required, forms, tagged, phrases, loose) {
    var ranges = [];
    var words = tokens(index.rules, text, true);
    var alone = loose || required;
    words.forEach(function (token) {
      if (!token.stop && alone.indexOf(token.term) !== -1) ranges.push([token.start, token.end]);
    });
    (phrases || []).forEach(function (group) {
      ranges.push.apply(ranges, phraseRanges(index, text, group.tokens));
    });
    var ids = new Set();
    (forms || []).forEach(function (form) {
      if (!tagged || tagged.indexOf(form.id) !== -1) ids.add(form.id);
    });
    index.forms.forEach(function (form) {
      if (!ids.has(form.id)) return;
      var sequence = tokens(index.rules, form.form, true);
      for (var i = 0; i + sequence.length <= words.length; i++) {
        var all = sequence.every(function (token, j) {
          return words[i + j].term === token.term;
        });
        if (all) ranges.push([words[i].start, words[i + sequence.length - 1].end]);
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
  function snippet(text, ranges, length) {
    text = String(text || "");
    length = length || SNIPPET_LENGTH;
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

  function fragmentText(text) {
    return encodeURIComponent(text).replace(/-/g, "%2D");
  }

  // The snippet of a result and the address of its passage. The address carries a text
  // fragment (#p4:~:text=word), so that the browser marks the hit again on arrival.
  function resultView(index, result) {
    if (!result.passage) describeHit(index, result);
    var passage = result.passage;
    var text = passage.text || "";
    var ranges = matchRanges(index, text, result.terms, result.forms, passage.names, result.phrases, result.loose);
    var url = result.entry.url;
    if (passage.id && url.indexOf("#") === -1) url += "#" + passage.id;
    if (ranges.length) {
      // The words before the hit in its passage tell it from the same words elsewhere on
      // the page; where they do not match, the browser goes to the paragraph all the same.
      var before = text.slice(0, ranges[0][0]).split(/\s+/).filter(Boolean).slice(-3).join(" ");
      var hit = text.slice(ranges[0][0], ranges[0][1]);
      url += (url.indexOf("#") === -1 ? "#" : "") + ":~:text=" + (before ? fragmentText(before) + "-," : "") + fragmentText(hit);
    }
    return { url: url, segments: snippet(text, ranges) };
  }

  // ===================================================================
  // The page
  // ===================================================================

  var FIELDS = ["q", "from", "to", "person", "place", "organisation", "event", "sender", "addressee", "status", "type"];

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

  // One result: number and title (linked to the passage), note type, date and type of
  // text, the name entries that matched, and the passage with the hits marked.
  function renderResult(document, index, result) {
    var entry = result.entry;
    var view = resultView(index, result);
    var item = element(document, "li", "search-result search-result-" + entry.kind);
    var heading = element(document, "h3", "search-result-title");
    var prefix = entry.number ? label("search-js-document-number", [entry.number]) + " · " : "";
    if (entry.kind === "note") prefix += label("search-js-note-prefix", [entry.note]);
    var link = element(document, "a", "", prefix + entry.title);
    link.href = view.url;
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

    if (result.names.length) {
      var matched = element(document, "p", "search-result-names");
      matched.textContent = label("search-js-matched", [
        result.names
          .map(function (name) {
            return name.form === name.name ? name.name : name.name + " (" + name.form + ")";
          })
          .join(label("search-js-separator")),
      ]);
      item.appendChild(matched);
    }

    var passage = element(document, "p", "search-result-snippet");
    view.segments.forEach(function (segment) {
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
    var rules = null;
    try {
      rules = JSON.parse(form.getAttribute("data-rules") || "null");
    } catch (error) {
      rules = null;
    }
    var names = {};
    try {
      names = JSON.parse(form.getAttribute("data-names") || "{}");
    } catch (error) {
      names = {};
    }
    var store = createStore(window, function (name) {
      return loadScript(document, name);
    });
    var expected = Number(form.getAttribute("data-index-parts"));
    var parts = [];
    for (var n = 0; n < expected; n++) parts.push(store.get("search-index-" + n));
    Promise.all(parts)
      .then(function (loaded) {
        if (!rules || loaded.length === 0) throw new Error("no index");
        begin(prepare(loaded, rules, names));
      })
      .catch(function () {
        status.textContent = label("search-js-index-failed");
      });

    function begin(prepared) {
    var timer = null;
    // The search whose results are being shown: an earlier one still loading is dropped.
    var generation = 0;

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

    // A date filter that is not a date is said so (in the edition's words, not the
    // browser's) and left out of the search until it is corrected.
    function checkDates() {
      ["from", "to"].forEach(function (name) {
        var field = form.elements[name];
        if (!field) return;
        var value = field.value.trim();
        var wrong = value !== "" && !isDate(value);
        if (wrong) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
        if (field.setCustomValidity) field.setCustomValidity(wrong ? label("search-js-date-invalid") : "");
      });
    }

    function run() {
      checkDates();
      var current = values();
      var words = requiredTerms(parseQuery(prepared, current.q));
      var mine = ++generation;
      remember(current);
      if (words.length === 0 && !hasFilters(current)) {
        list.textContent = "";
        status.textContent = label(String(current.q || "").trim() ? "search-js-only-stop-words" : "search-js-type-a-word");
        showCounts(null);
        return;
      }
      find(prepared, store, current.q, current, FIRST_LISTED)
        .then(function (results) {
          if (mine !== generation) return;
          var shown = Math.min(results.length, RESULT_LIMIT);
          var first = Math.min(shown, FIRST_LISTED);
          list.textContent = "";
          for (var i = 0; i < first; i++) list.appendChild(renderResult(document, prepared, results[i]));
          showCounts(facetCounts(results, prepared));
          status.textContent = describe(
            results.map(function (result) {
              return result.entry;
            }),
            shown
          );
          // The others follow once their text is loaded.
          var rest = results.slice(first, shown);
          return ensureText(prepared, store, rest.map(function (result) {
            return result.item;
          })).then(function () {
            if (mine !== generation) return;
            rest.forEach(function (result) {
              list.appendChild(renderResult(document, prepared, result));
            });
          });
        })
        .catch(function () {
          if (mine === generation) status.textContent = label("search-js-index-failed");
        });
    }

    // Each option of the person, place and type filters with the number of the current
    // results that carry it; without a search, the names alone.
    function showCounts(counts) {
      Object.keys(ENTRY_FACETS).concat(Object.keys(PARTY_FACETS), ["status", "type"]).forEach(function (facet) {
        var field = form.elements[facet];
        if (!field) return;
        Array.prototype.forEach.call(field.options, function (option) {
          if (!option.value) return;
          if (!option.hasAttribute("data-name")) option.setAttribute("data-name", option.textContent);
          var name = option.getAttribute("data-name");
          option.textContent = counts ? label("search-js-facet-count", [name, (counts[facet] || {})[option.value] || 0]) : name;
        });
      });
    }

    function runSoon() {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, TYPING_PAUSE);
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
    var filters = document.getElementById("search-filters-box");
    if (filters && (hasFilters(values()) || !window.matchMedia || window.matchMedia("(min-width: 40rem)").matches)) {
      filters.open = true;
    }
    form.hidden = false;
    run();
    }
  }

  // A file of the index, loaded by a <script> element: browsers refuse fetch() of files
  // on disk, not scripts.
  function loadScript(document, name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = name + ".js";
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error("could not load " + name));
      };
      document.head.appendChild(script);
    });
  }

  var api = {
    compileRules: compileRules,
    fold: fold,
    tokens: tokens,
    terms: terms,
    prepare: prepare,
    createStore: createStore,
    ensureTerms: ensureTerms,
    ensureText: ensureText,
    find: find,
    shardOf: shardOf,
    parseQuery: parseQuery,
    cleanFilters: cleanFilters,
    isDate: isDate,
    passesFilters: passesFilters,
    facetCounts: facetCounts,
    search: search,
    matchRanges: matchRanges,
    snippet: snippet,
    resultView: resultView,
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
