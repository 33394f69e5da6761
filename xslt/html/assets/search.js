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
  var WORD = /[\p{L}\p{N}]/u;
  var LATIN_WORD = /^[A-Za-z]+$/;
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  // What a note shares with its text (search-entries.xsl, fp:search-facts).
  // The filters by authority entries, and the member of an entry that lists its ids.
  var ENTRY_FACETS = { person: "persons", place: "places", organisation: "organisations", event: "events" };
  // The filters by who sent and who received a document: field -> member of its entry.
  var PARTY_FACETS = { sender: "senders", addressee: "addressees" };
  var SHARED_FACTS = ["title", "date", "dateEnd", "dateLabel", "type", "typeLabel", "status", "senders", "addressees"];

  // ===================================================================
  // Words: the rule table of the form's data-rules (xslt/html/search-rules.json), read
  // here exactly as cables reads it at build time (search_index.Tokeniser)
  // ===================================================================

  function compileRules(raw) {
    var rules = { fold: raw.fold, cjk: raw.cjk, stem: raw.stem, ranking: raw.ranking, stop: new Set() };
    raw.stop.forEach(function (word) {
      rules.stop.add(fold(rules, word));
    });
    return rules;
  }

  function foldCharacter(rules, character) {
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

  function isCjk(rules, character) {
    var code = character.codePointAt(0);
    return rules.cjk.some(function (range) {
      return range[0] <= code && code <= range[1];
    });
  }

  function stem(rules, word) {
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
        var cjk = isCjk(rules, c);
        var word = cjk || WORD.test(c);
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
    (documents by date, then the front matter, each text followed by its notes), the
    postings of every term (entry, count in the title, count in the passages), each
    entry's lengths, and the names of the authority entries with the terms of their forms.
  */
  function prepare(parts, rawRules, names) {
    var rules = compileRules(rawRules);
    var raw = [];
    parts.forEach(function (part) {
      var text = null;
      part.entries.forEach(function (entry, i) {
        // A note holds only what is its own; the facts of its text come from the entry
        // of the text, which precedes it in the part.
        if (entry.kind !== "note") text = entry;
        else if (text) SHARED_FACTS.forEach(function (key) {
          if (!(key in entry)) entry[key] = text[key];
        });
        var tagged = new Set();
        entry.passages.forEach(function (passage) {
          passage.names.forEach(function (id) {
            tagged.add(id);
          });
        });
        raw.push({ entry: entry, title: part.words.lengths[i][0], body: part.words.lengths[i][1], tagged: tagged });
      });
    });
    var items = raw.slice().sort(function (a, b) {
      return compareOrder(a.entry, b.entry);
    });
    var taggedBy = new Map();
    items.forEach(function (item, i) {
      item.index = i;
      item.tagged.forEach(function (id) {
        if (!taggedBy.has(id)) taggedBy.set(id, []);
        taggedBy.get(id).push(i);
      });
    });
    // Postings of every term over all parts: the items (by their place in the edition's
    // order) with their counts in the title and in the passages.
    var postings = new Map();
    var offset = 0;
    parts.forEach(function (part) {
      Object.keys(part.words.terms).forEach(function (term) {
        var list = part.words.terms[term];
        var postingsOfTerm = postings.get(term);
        if (!postingsOfTerm) postings.set(term, (postingsOfTerm = { items: [], title: [], body: [] }));
        for (var j = 0; j < list.length; j += 3) {
          postingsOfTerm.items.push(raw[offset + list[j]].index);
          postingsOfTerm.title.push(list[j + 1]);
          postingsOfTerm.body.push(list[j + 2]);
        }
      });
      offset += part.entries.length;
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
    return {
      rules: rules,
      items: items,
      postings: postings,
      taggedBy: taggedBy,
      forms: forms,
      names: names || {},
      averages: { title: average("title"), body: average("body"), names: average("names") },
    };
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

  // The positions of a text's terms, for phrases: position -> terms.
  function positions(index, text) {
    var map = new Map();
    tokens(index.rules, text, false).forEach(function (token) {
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
      return hasPhrase(index, passage.text, phraseTokens);
    });
  }

  // The entries holding a term, in the text or as a tagged name: item index ->
  // [count in the title, count in the passages, tagged with a matching name (0 or 1)].
  function holders(index, term, forms) {
    var found = new Map();
    var postingsOfTerm = index.postings.get(term);
    if (postingsOfTerm) {
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

  // Whether an entry passes every filter. A dated entry passes a date filter when its
  // date (or date range) overlaps the range asked for; an undated one never does.
  function passesFilters(entry, filters) {
    var clean = cleanFilters(filters);
    if (clean.type && entry.type !== clean.type) return false;
    if (clean.status && entry.status !== clean.status) return false;
    for (var facet in ENTRY_FACETS) {
      if (clean[facet] && !names(entry[ENTRY_FACETS[facet]], clean[facet])) return false;
    }
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
  function facetCounts(results) {
    var counts = { type: {}, status: {} };
    var add = function (facet, value) {
      counts[facet][value] = (counts[facet][value] || 0) + 1;
    };
    results.forEach(function (result) {
      var lists = Object.assign({}, ENTRY_FACETS, PARTY_FACETS);
      Object.keys(lists).forEach(function (facet) {
        counts[facet] = counts[facet] || {};
        (result.entry[lists[facet]] || []).forEach(function (id) {
          add(facet, id);
        });
      });
      if (result.entry.type) add("type", result.entry.type);
      if (result.entry.status) add("status", result.entry.status);
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
    Without words, filters list the documents and pages only; with neither, nothing.
    The passage shown (describeHit) is found for the results listed only; resultView
    finds it for any other.
  */
  function search(index, query, filters, limit) {
    var groups = parseQuery(index, query);
    var required = requiredTerms(groups);
    if (required.length === 0) {
      if (!hasFilters(filters)) return [];
      return index.items
        .filter(function (item) {
          return item.entry.kind !== "note" && passesFilters(item.entry, filters);
        })
        .map(function (item) {
          return { entry: item.entry, score: 0, passage: firstPassage(item.entry), names: [], terms: [], forms: [] };
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
      if (!passesFilters(item.entry, filters)) return;
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
      var found = { entry: result.item.entry, item: result.item, score: result.score, terms: required, forms: forms, phrases: phrases, loose: loose };
      return position < limit ? describeHit(index, found) : found;
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
    item.entry.passages.forEach(function (passage) {
      if (!phrases.every(function (group) {
        return hasPhrase(index, passage.text, group.tokens);
      })) return;
      var present = new Set(terms(index.rules, passage.text, false));
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
    var passage = bestCount > 0 ? best : firstPassage(item.entry);
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
    var ranges = matchRanges(index, passage.text, result.terms, result.forms, passage.names, result.phrases, result.loose);
    var url = result.entry.url;
    if (passage.id && url.indexOf("#") === -1) url += "#" + passage.id;
    if (ranges.length) {
      // The words before the hit in its passage tell it from the same words elsewhere on
      // the page; where they do not match, the browser goes to the paragraph all the same.
      var before = passage.text.slice(0, ranges[0][0]).split(/\s+/).filter(Boolean).slice(-3).join(" ");
      var hit = passage.text.slice(ranges[0][0], ranges[0][1]);
      url += (url.indexOf("#") === -1 ? "#" : "") + ":~:text=" + (before ? fragmentText(before) + "-," : "") + fragmentText(hit);
    }
    return { url: url, segments: snippet(passage.text, ranges) };
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
    var parts = window.cablesSearchIndex;
    var rules = null;
    try {
      rules = JSON.parse(form.getAttribute("data-rules") || "null");
    } catch (error) {
      rules = null;
    }
    var expected = Number(form.getAttribute("data-index-parts"));
    var complete =
      Array.isArray(parts) &&
      parts.length === expected &&
      parts.every(function (part) {
        return part && Array.isArray(part.entries);
      });
    if (!complete || !rules) {
      status.textContent = label("search-js-index-failed");
      return;
    }
    var names = {};
    try {
      names = JSON.parse(form.getAttribute("data-names") || "{}");
    } catch (error) {
      names = {};
    }
    var prepared = prepare(parts, rules, names);
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
      var results = search(prepared, current.q, current, RESULT_LIMIT);
      list.textContent = "";
      if (words.length === 0 && !hasFilters(current)) {
        status.textContent = label(String(current.q || "").trim() ? "search-js-only-stop-words" : "search-js-type-a-word");
        showCounts(null);
      } else {
        var shown = Math.min(results.length, RESULT_LIMIT);
        for (var i = 0; i < shown; i++) list.appendChild(renderResult(document, prepared, results[i]));
        showCounts(facetCounts(results));
        status.textContent = describe(
          results.map(function (result) {
            return result.entry;
          }),
          shown
        );
      }
      remember(current);
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
    var filters = document.getElementById("search-filters-box");
    if (filters && (hasFilters(values()) || !window.matchMedia || window.matchMedia("(min-width: 40rem)").matches)) {
      filters.open = true;
    }
    form.hidden = false;
    run();
  }

  var api = {
    compileRules: compileRules,
    fold: fold,
    tokens: tokens,
    terms: terms,
    prepare: prepare,
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
