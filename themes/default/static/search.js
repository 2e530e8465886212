/* Offline search. The index (search-index/, see src/render/search_files.rs) is
   written at build time with the Russian Snowball stemmer (rust-stemmers); this
   file stems the query with the same algorithm, so any form of a word finds the
   others, and fetches only the index files the query's stems need. A query stem also
   matches longer stems it begins (наставн → наставник, наставниц) and the
   Russian consonant alternation к/ч, г/ж, х/ш, ц/ч at its end
   (наставник → наставничеств). */
(function (global) {
  "use strict";

  var VOWELS = "аеиоуыэюя";
  function isV(c) { return VOWELS.indexOf(c) >= 0; }

  var PERFECTIVE = [["в", "вши", "вшись"], ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"]];
  var REFLEXIVE = [[], ["ся", "сь"]];
  var ADJECTIVE = [[], ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом",
    "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"]];
  var PARTICIPLE = [["ем", "нн", "вш", "ющ", "щ"], ["ивш", "ывш", "ующ"]];
  var VERB = [["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
    ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило",
      "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"]];
  var NOUN = [[], ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий",
    "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия",
    "ья", "я"]];

  /* Snowball "among": the longest ending of s in either group; group 0 endings
     must follow «а» or «я» (inside s). Returns the shortened string or null. */
  function among(s, groups) {
    var best = null, group = -1;
    for (var g = 0; g < groups.length; g++) {
      for (var i = 0; i < groups[g].length; i++) {
        var e = groups[g][i];
        if (s.length >= e.length && s.slice(s.length - e.length) === e && (best === null || e.length > best.length)) {
          best = e; group = g;
        }
      }
    }
    if (best === null) { return null; }
    var rest = s.slice(0, s.length - best.length);
    if (group === 0) {
      var prev = rest.charAt(rest.length - 1);
      if (rest.length === 0 || (prev !== "а" && prev !== "я")) { return null; }
    }
    return rest;
  }

  /* The Russian Snowball stemmer (snowballstem.org), for lower-case words with
     «ё» already written as «е». */
  function stem(word) {
    var n = word.length, pV = n, p2 = n, i = 0;
    while (i < n && !isV(word[i])) { i++; }
    if (i < n) {
      pV = i + 1; i = pV;
      var ok = true;
      var steps = [false, true, false]; // gopast non-v, gopast v, gopast non-v
      for (var k = 0; k < steps.length && ok; k++) {
        var wantVowel = steps[k];
        while (i < n && isV(word[i]) !== wantVowel) { i++; }
        if (i < n) { i++; } else { ok = false; }
      }
      if (ok) { p2 = i; }
    }
    var head = word.slice(0, pV);
    var s = word.slice(pV);
    var r = among(s, PERFECTIVE);
    if (r !== null) {
      s = r;
    } else {
      r = among(s, REFLEXIVE);
      if (r !== null) { s = r; }
      r = among(s, ADJECTIVE);
      if (r !== null) {
        s = r;
        r = among(s, PARTICIPLE);
        if (r !== null) { s = r; }
      } else {
        r = among(s, VERB);
        if (r === null) { r = among(s, NOUN); }
        if (r !== null) { s = r; }
      }
    }
    if (s.slice(-1) === "и") { s = s.slice(0, -1); }
    var d = null;
    if (s.slice(-4) === "ость") { d = 4; } else if (s.slice(-3) === "ост") { d = 3; }
    if (d !== null && pV + s.length - d >= p2) { s = s.slice(0, s.length - d); }
    if (s.slice(-4) === "ейше") {
      s = s.slice(0, -4);
      if (s.slice(-2) === "нн") { s = s.slice(0, -1); }
    } else if (s.slice(-3) === "ейш") {
      s = s.slice(0, -3);
      if (s.slice(-2) === "нн") { s = s.slice(0, -1); }
    } else if (s.slice(-2) === "нн") {
      s = s.slice(0, -1);
    } else if (s.slice(-1) === "ь") {
      s = s.slice(0, -1);
    }
    return head + s;
  }

  /* Words as the index splits them: letters and digits, lower case, ё → е. */
  function words(text) {
    return text.toLowerCase().replace(/ё/g, "е").split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }
  function stemWord(w) { return /^[a-z0-9]+$/.test(w) ? w : stem(w); }

  var ALTERNATION = { "к": "ч", "г": "ж", "х": "ш", "ц": "ч" };

  /* The query stem with the consonant alternation at its end, or null. */
  function alternate(query) {
    var last = query.charAt(query.length - 1);
    return query.length >= 5 && ALTERNATION[last] ? query.slice(0, -1) + ALTERNATION[last] : null;
  }

  /* How well an index stem answers a query stem: 3 exact, 1 related, 0 not. */
  function relation(query, key) {
    if (key === query) { return 3; }
    if (query.length >= 3 && key.indexOf(query) === 0) { return 1; }
    var alt = alternate(query);
    return alt !== null && key.indexOf(alt) === 0 ? 1 : 0;
  }

  /* The stems of a query's words, as the index makes them. */
  function queryStems(query) {
    return words(query).filter(function (w) { return w.length >= 2; }).map(stemWord);
  }

  /* The numbers of a postings string: base 32, most significant digit first, a
     digit of 32–63 followed by more (src/render/search_files.rs, push_number). */
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function numbers(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s.charAt(i));
      v = v * 32 + (d & 31);
      if (d < 32) { out.push(v); v = 0; }
    }
    return out;
  }

  /* Documents matching every query stem, best first, as [{doc: number, score}];
     equal scores in the order of the documents' numbers, which is the order of
     their titles. stems: stem → postings string (doc, score, doc step, score, …)
     for at least every stem related to a query stem. */
  function rank(stems, qs) {
    if (qs.length === 0) { return []; }
    var keys = Object.keys(stems);
    var total = null;
    for (var q = 0; q < qs.length; q++) {
      var scores = {};
      for (var k = 0; k < keys.length; k++) {
        var rel = relation(qs[q], keys[k]);
        if (rel === 0) { continue; }
        var flat = numbers(stems[keys[k]]), doc = 0;
        for (var p = 0; p < flat.length; p += 2) {
          doc += flat[p];
          scores[doc] = (scores[doc] || 0) + rel * flat[p + 1];
        }
      }
      if (total === null) {
        total = scores;
      } else {
        var both = {};
        for (var d in scores) { if (d in total) { both[d] = total[d] + scores[d]; } }
        total = both;
      }
    }
    return Object.keys(total).map(function (d) { return { doc: +d, score: total[d] }; })
      .sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  }

  /* Marks in `into` the postings files that may hold stems beginning with
     `prefix` (with `exact`, the stem `prefix` alone): starts[i] is the first stem
     of file i, in JavaScript's order. */
  function shardsFor(starts, prefix, into, exact) {
    if (starts.length === 0) { return; }
    var lo = 0, hi = starts.length - 1, first = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= prefix) { first = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    into[first] = true;
    if (exact) { return; }
    for (var i = first + 1; i < starts.length && starts[i].indexOf(prefix) === 0; i++) { into[i] = true; }
  }

  /* Opens the index whose manifest is at manifestUrl; fetchJson(url) returns a
     promise of the parsed file. Resolves to find(query, limit), which resolves
     to {count, results: [{doc: {url, title, section, excerpt}, score}]} with the
     first `limit` results. Only the files a query needs are fetched, once each. */
  function open(manifestUrl, fetchJson) {
    var root = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    var cache = {};
    function get(path) {
      if (!(path in cache)) { cache[path] = fetchJson(root + path); }
      return cache[path];
    }
    return get("manifest.json").then(function (m) {
      return function find(query, limit) {
        var qs = queryStems(query), need = {};
        qs.forEach(function (q) {
          /* A stem of two letters answers only itself (see relation). */
          shardsFor(m.shards, q, need, q.length < 3);
          var alt = alternate(q);
          if (alt !== null) { shardsFor(m.shards, alt, need); }
        });
        return Promise.all(Object.keys(need).map(function (n) { return get("p/" + n + ".json"); }))
          .then(function (shards) {
            var stems = {};
            shards.forEach(function (s) { for (var key in s) { stems[key] = s[key]; } });
            var found = rank(stems, qs), top = found.slice(0, limit), files = {};
            top.forEach(function (r) { files[Math.floor(r.doc / m.per_file)] = true; });
            var numbers = Object.keys(files);
            return Promise.all(numbers.map(function (n) { return get("d/" + n + ".json"); }))
              .then(function (lists) {
                var byFile = {};
                numbers.forEach(function (n, i) { byFile[n] = lists[i]; });
                return {
                  count: found.length,
                  results: top.map(function (r) {
                    var d = byFile[Math.floor(r.doc / m.per_file)][r.doc % m.per_file];
                    return { doc: { url: d[0], title: d[1], section: m.sections[d[2]], excerpt: d[3] }, score: r.score };
                  })
                };
              });
          });
      };
    });
  }

  function plural(n, one, few, many) {
    var m10 = n % 10, m100 = n % 100;
    if (m10 === 1 && m100 !== 11) { return one; }
    if (m10 >= 2 && m10 <= 4 && (m100 < 10 || m100 >= 20)) { return few; }
    return many;
  }

  /* The path from the search page to the site root ("..", or the base path on a
     page that is not relative): index URLs are site paths (/schools/sosh-1/). */
  var base = "";

  /* Results shown at most. */
  var LIMIT = 50;

  function show(found, query, status, list) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var n = found.count;
    status.textContent = n === 0
      ? "По запросу «" + query + "» ничего не найдено. Попробуйте другое слово или откройте раздел в меню."
      : "По запросу «" + query + "» " + plural(n, "найден", "найдено", "найдено") + " " + n + " " +
        plural(n, "материал", "материала", "материалов") + ".";
    found.results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + r.doc.url;
      a.textContent = r.doc.title;
      var sec = document.createElement("span");
      sec.className = "search-section";
      sec.textContent = " — " + r.doc.section;
      li.appendChild(a);
      li.appendChild(sec);
      if (r.doc.excerpt) {
        var p = document.createElement("p");
        p.textContent = r.doc.excerpt;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  function start() {
    var box = document.getElementById("search-results");
    if (!box) { return; }
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-list");
    var input = document.getElementById("search-q");
    base = box.getAttribute("data-base") || "";
    var params = new URLSearchParams(window.location.search);
    var query = params.get("q") || "";
    input.value = query;
    status.textContent = query ? "Идёт поиск…" : "";
    function failed() {
      /* A page opened from disk may not read other files (the browser's rule
         for file://): say so instead of a puzzling failure. */
      while (list.firstChild) { list.removeChild(list.firstChild); }
      status.textContent = window.location.protocol === "file:"
        ? "Поиск работает, когда сайт открыт по его адресу в интернете или командой vitrina serve; у страницы, открытой с диска, браузер не даёт прочитать поисковый индекс. Воспользуйтесь меню разделов."
        : "Не удалось загрузить поисковый индекс. Воспользуйтесь меню разделов.";
    }
    var fetchJson = function (url) {
      return fetch(url).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
    };
    open(box.getAttribute("data-index"), fetchJson)
      .then(function (find) {
        /* Only the latest query's results are shown, whichever answers last. */
        var latest = 0;
        function run(q) {
          var mine = ++latest;
          if (!q.trim()) {
            while (list.firstChild) { list.removeChild(list.firstChild); }
            status.textContent = "Введите слово или несколько слов.";
            return;
          }
          status.textContent = "Идёт поиск…";
          find(q, LIMIT).then(function (found) {
            if (mine === latest) { show(found, q, status, list); }
          }, failed);
        }
        if (query) { run(query); }
        input.form.addEventListener("submit", function (ev) {
          ev.preventDefault();
          var q = input.value;
          var url = new URL(window.location.href);
          url.searchParams.set("q", q);
          window.history.replaceState(null, "", url.toString());
          run(q);
        });
      })
      .catch(failed);
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { stem: stem, words: words, stemWord: stemWord, relation: relation, rank: rank, shardsFor: shardsFor, open: open };
  } else if (typeof document !== "undefined") {
    document.addEventListener("DOMContentLoaded", start);
  }
})(this);
