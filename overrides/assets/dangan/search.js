/* dangan search engine: static, term-partitioned Chinese full-text search.
 *
 * Plain JavaScript, no build step, no dependency on the site's theme. It reads the files
 * that builder/search/index.py writes under search/ (see that module for the layout).
 * Every file is a script calling dangan.searchLoaded(name, data), once or (a pack) several
 * times: <script> tags load from file:// where fetch and workers are refused, and over
 * HTTP alike.
 *
 * Query algorithm (the Python reference in builder/search/reference.py states the same):
 *   1. a 发文字号 typed with any brackets/spaces is rewritten to 代字〔年〕号;
 *   2. the query is split on whitespace into terms, each folded exactly like the index
 *      (t2s character map, full-width → ASCII, lower case, brackets → 〔〕, no spaces);
 *   3. a term's candidates are the documents holding all its bigrams (plus, for a
 *      letters-only term, the documents whose title/issuer/publication pinyin holds it as
 *      full syllables or as initials); a common bigram followed by another character of
 *      the term is looked up as its next-character key instead (the bigram followed by a
 *      character of that code point class), so that candidates nearly hold the trigrams;
 *   4. candidates of all terms and filters are intersected and ranked (title/metadata hits
 *      over body hits, strong body presence, rarer bigrams weigh more, newest first);
 *   5. a candidate is shown only after its own text proved that every term occurs as an
 *      exact substring, so no false result is ever shown. Two-character terms need no
 *      proof (the bigram is the term): their counts are exact; otherwise the count is
 *      marked as an estimate until every candidate has been checked.
 */
(function () {
  "use strict";
  var dangan = (window.dangan = window.dangan || {});
  if (dangan.search) return;

  /* ---------- loading files by <script> ---------- */
  /* A file is a *pack*: one or more dangan.searchLoaded(name, data) calls. The engine asks
   * for logical names; packOf (see builder/search/layout.py) says which file holds one. */
  var cache = Object.create(null);
  var waiting = Object.create(null); // logical name -> resolvers
  var inFile = Object.create(null); // file being loaded -> logical names asked of it
  var base = null; // absolute URL of the search/ folder
  var loadedFiles = []; // for benchmarks: every file this page fetched, in order

  dangan.searchLoaded = function (name, data) {
    cache[name] = data;
    var list = waiting[name];
    delete waiting[name];
    if (list) list.forEach(function (resolve) { resolve(data); });
  };

  function load(name) {
    if (name in cache) return Promise.resolve(cache[name]);
    return new Promise(function (resolve) {
      if (waiting[name]) { waiting[name].push(resolve); return; }
      waiting[name] = [resolve];
      var file = packOf(name);
      if (inFile[file]) { inFile[file].push(name); return; }
      inFile[file] = [name];
      loadedFiles.push(file);
      var s = document.createElement("script");
      s.src = base + file + ".js";
      s.async = true;
      // A name its file does not hold (an empty shard never written, a missing file) is
      // empty, not an error.
      s.onload = s.onerror = function () {
        s.remove();
        var names = inFile[file];
        delete inFile[file];
        names.forEach(function (n) { if (waiting[n]) dangan.searchLoaded(n, null); });
      };
      document.head.appendChild(s);
    });
  }

  /* ---------- folding: must equal builder/search/fold.py, whose data (search/fold.js) it reads ---------- */
  // Python's str.isspace() set, so that both sides drop the same characters.
  var SPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var charMap = null;

  function buildCharMap(data) {
    var m = new Map();
    var cps = Array.from(data.t2s || "");
    for (var i = 0; i + 1 < cps.length; i += 2) m.set(cps[i], cps[i + 1]);
    for (var c = 0xff10; c < 0xff5f; c++) {
      var n = String.fromCharCode(c).normalize("NFKC");
      if (/^[0-9A-Za-z]$/.test(n)) m.set(String.fromCharCode(c), n.toLowerCase());
    }
    for (var a = 65; a <= 90; a++) m.set(String.fromCharCode(a), String.fromCharCode(a + 32));
    Object.keys(data.brackets).forEach(function (k) { m.set(k, data.brackets[k]); });
    return m;
  }

  /* Fold a text; map[i] is the index in the original text of folded UTF-16 unit i. */
  function fold(text, withMap) {
    var out = "", map = withMap ? [] : null, i = 0;
    for (var ch of text) {
      if (!SPACE.test(ch)) {
        var f = charMap.get(ch) || ch;
        out += f;
        if (map) for (var k = 0; k < f.length; k++) map.push(i);
      }
      i += ch.length;
    }
    if (map) map.push(text.length);
    return withMap ? { s: out, map: map } : out;
  }

  // builder/zh/docnumber.py's query patterns (u flag: the Han class reaches Extension B)
  var DOCNO_SPACED = null, DOCNO_BRACKETED = null;
  function normalizeDocNumbers(q) {
    var rewrite = function (m, a, y, n) { return a + "〔" + y + "〕" + parseInt(n, 10) + "号"; };
    return q.replace(DOCNO_SPACED, rewrite).replace(DOCNO_BRACKETED, rewrite);
  }

  /* ---------- index access ---------- */
  var manifest = null, syllables = null, ready = null;

  function fnv1a(key) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  function hex(n, width) { var s = n.toString(16); while (s.length < width) s = "0" + s; return s; }
  function utf8hex(s) {
    var b = new TextEncoder().encode(s), out = "";
    for (var i = 0; i < b.length; i++) out += hex(b[i], 2);
    return out;
  }
  function docPath(docno, chunk) {
    return "d/" + Math.floor(docno / 1000) + "/" + docno + (chunk ? "-" + chunk : "");
  }
  /* The file holding a logical name, by the manifest's pack factors (builder/search/layout.py):
   * d documents per record pack, e per pack of later chunks (0: a file per chunk), o: a
   * shard's large keys in one file. Without "pack" every entry is its own file. */
  var DOC = /^d\/\d+\/(\d+)(-\d+)?$/;
  function packOf(name) {
    var pack = manifest && manifest.pack;
    if (!pack) return name;
    var m = DOC.exec(name);
    if (m) {
      var per = m[2] ? pack.e : pack.d;
      if (!per || (per === 1 && !m[2])) return name;
      var q = Math.floor(+m[1] / per);
      return "d/" + Math.floor(q / 1000) + "/" + (m[2] ? "t" : "r") + q;
    }
    if (pack.o && name.slice(0, 2) === "p/") return "p/" + hex(shardOf(ownKey[name]), 4);
    return name;
  }

  function decodeSet(b64) {
    if (!b64) return new Int32Array(0);
    var bin = atob(b64), n = bin.length, pos = 1, out = [];
    function varint() {
      var v = 0, shift = 0, b;
      do { b = bin.charCodeAt(pos++); v += (b & 127) * Math.pow(2, shift); shift += 7; } while (b >= 128);
      return v;
    }
    if (bin.charCodeAt(0) === 0) {
      var acc = 0;
      while (pos < n) { acc += varint(); out.push(acc); }
    } else {
      var first = varint();
      for (var i = pos; i < n; i++) {
        var byte = bin.charCodeAt(i);
        if (!byte) continue;
        var at = (first + i - pos) * 8;
        for (var bit = 0; bit < 8; bit++) if (byte & (1 << bit)) out.push(at + bit);
      }
    }
    return Int32Array.from(out);
  }

  var postingCache = new Map(), entryCache = new Map(), ownKey = Object.create(null);
  var EMPTY = { df: 0, all: new Int32Array(0), title: new Int32Array(0), strong: new Int32Array(0) };
  var OWN_FILE = 1, HAS_NEXT = 2; // entry flags
  /* An entry is [df, flags, all, title, strong]; title and strong are ranks within all. */
  function decodeEntry(e) {
    if (!e) return EMPTY;
    var all = decodeSet(e[2]);
    var pick = function (ranks) { return ranks.map(function (r) { return all[r]; }); };
    return { df: e[0], all: all, title: pick(decodeSet(e[3])), strong: pick(decodeSet(e[4])) };
  }
  /* A next-character key (n: + bigram + hex digit) lives in its bigram's shard. */
  function shardOf(key) {
    return fnv1a(key.length > 2 && key.slice(0, 2) === "n:" ? key.slice(2, -1) : key) % manifest.shards;
  }
  /* A key's shard entry: {key, df, flags, entry} where entry is null for a key in its own
   * file (the shard keeps only [df, flags]): one small file tells how common every key is. */
  function shardEntry(key) {
    if (entryCache.has(key)) return entryCache.get(key);
    var p = load("s/" + hex(shardOf(key), 4)).then(function (shard) {
      var e = shard && shard[key];
      return { key: key, df: e ? e[0] : 0, flags: e ? e[1] : 0, entry: e && !(e[1] & OWN_FILE) ? e : null };
    });
    entryCache.set(key, p);
    return p;
  }
  /* Postings of one key: {df, all, title, strong} (sorted Int32Arrays). */
  function postings(key) {
    if (postingCache.has(key)) return postingCache.get(key);
    var p = shardEntry(key).then(function (info) {
      if (!info.df) return EMPTY;
      if (info.entry) return decodeEntry(info.entry);
      var own = "p/" + hex(fnv1a(key) & 255, 2) + "/" + utf8hex(key);
      ownKey[own] = key;
      return load(own).then(decodeEntry);
    });
    postingCache.set(key, p);
    return p;
  }

  function init(root) {
    if (!ready) {
      base = new URL("search/", new URL(root || dangan.searchRoot || "./", location.href)).href;
      ready = Promise.all([load("manifest"), load("fold")]).then(function (r) {
        manifest = r[0];
        if (!manifest) throw new Error("search index not found at " + base);
        if (!r[1]) throw new Error("search fold data not found at " + base);
        charMap = buildCharMap(r[1]);
        DOCNO_SPACED = new RegExp(r[1].docno.spaced, "u");
        DOCNO_BRACKETED = new RegExp(r[1].docno.bracketed, "gu");
        syllables = manifest.syl ? manifest.syl.split(" ") : [];
        return manifest;
      });
    }
    return ready;
  }

  /* ---------- query planning ---------- */
  function codepoints(s) { return Array.from(s); }
  function unique(keys) { return keys.filter(function (k, i) { return keys.indexOf(k) === i; }); }
  /* The keys of the bigrams of c (code points) at positions `at`, once their shards tell
   * which are common: a common bigram followed by a character x of the term becomes
   * n: + bigram + (x's code point mod 16 in hex), a subset of the bigram's documents. */
  function literalKeys(c, at) {
    return Promise.all(at.map(function (i) { return shardEntry(c[i] + c[i + 1]); })).then(function (infos) {
      return unique(infos.map(function (info, k) {
        var next = c[at[k] + 2];
        return info.flags & HAS_NEXT && next ? "n:" + info.key + (next.codePointAt(0) & 15).toString(16) : info.key;
      }));
    });
  }
  /* Every second bigram (and the last) first: each also covers the next character, and
   * every shard is a download; the others only when the candidates are still many. */
  function literalCandidates(t) {
    var c = codepoints(t), first = [], later = [];
    for (var i = 0; i + 1 < c.length; i++) (i % 2 === 0 || i === c.length - 2 ? first : later).push(i);
    return literalKeys(c, first).then(function (keys) {
      return conjunction(keys, false, later.length ? function () { return literalKeys(c, later); } : null);
    });
  }
  function runs(s, n, prefix) {
    var out = [];
    for (var i = 0; i + n <= s.length; i++) out.push(prefix + s.substr(i, n));
    return unique(out);
  }
  /* Ways to read a letters-only term as pinyin: full syllables, then maybe a prefix of one. */
  function segmentations(t) {
    var out = [], set = new Set(syllables);
    (function walk(pos, acc) {
      if (out.length >= 16) return;
      if (pos === t.length) { if (acc.length) out.push(acc); return; }
      for (var len = Math.min(6, t.length - pos); len >= 1; len--) {
        var s = t.substr(pos, len);
        if (set.has(s)) walk(pos + len, acc.concat([s]));
      }
      var rest = t.slice(pos);
      if (acc.length && syllables.some(function (s) { return s.length > rest.length && s.indexOf(rest) === 0; })) out.push(acc);
    })(0, []);
    return out;
  }

  /* Letters that begin some indexed syllable: a term holding any other letter cannot be
   * read as initials (no syllable starts with i, u or v), so its "j:" keys are not fetched. */
  var initialLetters = null;
  function couldBeInitials(t) {
    if (!initialLetters) initialLetters = new Set(syllables.map(function (s) { return s[0]; }));
    for (var i = 0; i < t.length; i++) if (!initialLetters.has(t[i])) return false;
    return true;
  }

  function plan(query) {
    var terms = [], short = [];
    normalizeDocNumbers(query).split(SPACES).forEach(function (raw) {
      if (!raw) return;
      var t = fold(raw, false);
      if (codepoints(t).length < 2) { if (t) short.push(raw); return; }
      if (terms.some(function (x) { return x.term === t; })) return;
      var letters = /^[a-z]+$/.test(t);
      terms.push({
        term: t,
        pinyin: letters ? segmentations(t) : [],
        initials: letters && t.length >= 3 && couldBeInitials(t) ? runs(t, 3, "j:") : [],
        exact: codepoints(t).length === 2 && !letters,
      });
    });
    return { terms: terms, short: short };
  }

  function idf(df) { return Math.log(1 + manifest.n / Math.max(df, 1)); }

  /* Documents holding all keys, with a score: {scores: Map docno -> score, pending: keys}.
   *
   * Every key's shard is fetched first (small files; they give each key's document
   * frequency). The rarest key and every cheap key (held in its shard, or an own file
   * smaller than checking one candidate) are used at once. A common key's own file (a
   * bitmap of up to N/8 bytes) is fetched now only when the keys together promise few
   * candidates (the independence estimate of all of them is at most tuning.many), and then
   * only while the estimate is above 1: the common bigrams of 柳政发〔2022〕5号 (20, 02, 〔2,
   * 5号, …) add nothing once 柳政 and 政发 are known. When the candidates stay many anyway
   * (营商环境: 68,000 of 100,000 documents hold it), the other common keys are *pending*:
   * the search fetches them only if checking candidates finds many false ones (narrow()).
   * Candidates are thus a superset of the documents holding every key, and verify() proves
   * every shown result on its text, so no result is lost and none is false; which keys are
   * used changes only scores and the estimated total. `moreKeys` (bigrams held back by
   * literalCandidates) are looked up only while the candidates are more than a page. */
  var tuning = {
    enough: 10, // candidates (one page) below which no further key is looked up
    many: 200, // estimated candidates above which common keys wait until needed
  };
  var DOC_BYTES = 4000; // about what checking one candidate downloads
  function absent(x) { return x.df === 0; }
  /* A key in its shard, or whose own file costs less than checking one candidate (its
   * sets: varints or a bitmap of N/8 bytes, in base64, plus the smaller ranking sets). */
  function cheap(x) { return x.entry || 2 * Math.min(2 * x.df, manifest.n / 8) <= DOC_BYTES; }
  function byDf(a, b) { return a.df - b.df; }
  function postingsOf(infos) { return Promise.all(infos.map(function (x) { return postings(x.key); })); }
  var NOTHING = { scores: new Map(), pending: [] };
  function conjunction(keys, weightTitle, moreKeys) {
    return Promise.all(keys.map(shardEntry)).then(function (infos) {
      if (!infos.length || infos.some(absent)) return null;
      infos.sort(byDf);
      var n = manifest.n, used = [], pending = [];
      var all = infos.reduce(function (e, x) { return e * x.df / n; }, n), est = n;
      infos.forEach(function (x, i) {
        if (i === 0 || cheap(x) || (all <= tuning.many && est > 1)) { used.push(x); est *= x.df / n; } else pending.push(x);
      });
      return postingsOf(used).then(function (lists) {
        if (!moreKeys || intersect(lists).length <= tuning.enough) return { lists: lists, pending: pending };
        return moreKeys().then(function (extra) {
          return Promise.all(extra.filter(function (k) { return keys.indexOf(k) < 0; }).map(shardEntry));
        }).then(function (extra) {
          if (extra.some(absent)) return null;
          pending = pending.concat(extra.filter(function (x) { return !cheap(x); })).sort(byDf);
          return postingsOf(extra.filter(cheap)).then(function (free) {
            return { lists: lists.concat(free), pending: pending };
          });
        });
      });
    }).then(function (r) {
      return r ? { scores: scored(r.lists, weightTitle), pending: r.pending.map(function (x) { return x.key; }) } : NOTHING;
    });
  }
  function scored(lists, weightTitle) {
    var result = new Map();
    if (!lists.length) return result;
    lists.sort(byDf);
    var n = manifest.n, hits = new Uint8Array(n), score = new Float64Array(n);
    lists.forEach(function (p) {
      var w = idf(p.df), i;
      for (i = 0; i < p.all.length; i++) { hits[p.all[i]]++; score[p.all[i]] += w; }
      for (i = 0; i < p.title.length; i++) score[p.title[i]] += w * (weightTitle ? 4 : 2);
      for (i = 0; i < p.strong.length; i++) score[p.strong[i]] += w;
    });
    var rare = lists[0].all, need = lists.length;
    for (var i = 0; i < rare.length; i++) if (hits[rare[i]] === need) result.set(rare[i], score[rare[i]]);
    return result;
  }
  /* Documents in every list (sorted arrays; the shortest drives). */
  function intersect(lists) {
    var sorted = lists.slice().sort(function (a, b) { return a.all.length - b.all.length; });
    var out = Array.from(sorted[0].all);
    for (var k = 1; k < sorted.length && out.length; k++) {
      var b = sorted[k].all, j = 0, kept = [];
      for (var i = 0; i < out.length; i++) {
        while (j < b.length && b[j] < out[i]) j++;
        if (j < b.length && b[j] === out[i]) kept.push(out[i]);
      }
      out = kept;
    }
    return out;
  }

  /* Pinyin keys of one reading: pairs of consecutive syllables (q:), or the syllable (p:). */
  function syllableKeys(seg) {
    if (seg.length === 1) return ["p:" + seg[0]];
    return unique(seg.slice(1).map(function (s, i) { return "q:" + seg[i] + s; }));
  }
  /* A term's candidates {scores, pending, others}: the union of its readings (literal,
   * pinyin, initials); `pending` are the literal reading's waiting keys and `others` the
   * documents that another reading gave, which narrowing by those keys must keep. */
  function termCandidates(t) {
    var alts = [literalCandidates(t.term)];
    t.pinyin.forEach(function (seg) { alts.push(conjunction(syllableKeys(seg), true)); });
    if (t.initials.length) alts.push(conjunction(t.initials, true));
    return Promise.all(alts).then(function (rs) {
      var out = new Map(), others = new Set();
      rs.forEach(function (r, i) {
        r.scores.forEach(function (s, d) { if (!(out.get(d) >= s)) out.set(d, s); if (i) others.add(d); });
      });
      return { scores: out, pending: rs[0].pending, others: others };
    });
  }

  /* Documents that every term's pending keys allow (a document some other reading of the
   * term found stays): fetched only once checking has found candidates mostly false. */
  function narrowing(terms) {
    return Promise.all(terms.map(function (t) { return Promise.all(t.pending.map(postings)); })).then(function (perTerm) {
      return function (d) {
        return perTerm.every(function (lists, i) {
          return terms[i].others.has(d) || lists.every(function (p) { return has(p.all, d); });
        });
      };
    });
  }
  function has(sorted, d) {
    var lo = 0, hi = sorted.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] === d) return true;
      if (sorted[mid] < d) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  /* filters: {pub: [..], kind: [..], issuer: [..], topic: [..], doctype: [..], yearFrom, yearTo} */
  function filterSets(filters) {
    var groups = [];
    ["pub", "kind", "issuer", "topic", "doctype"].forEach(function (name) {
      var v = filters && filters[name];
      if (v && v.length) groups.push([].concat(v).map(function (x) { return "f:" + name + ":" + x; }));
    });
    if (filters && (filters.yearFrom || filters.yearTo)) {
      var years = (manifest.filters.year || []).map(function (y) { return y[0]; }).filter(function (y) {
        return (!filters.yearFrom || y >= String(filters.yearFrom)) && (!filters.yearTo || y <= String(filters.yearTo));
      });
      groups.push(years.map(function (y) { return "f:year:" + y; }));
    }
    return Promise.all(groups.map(function (keys) {
      return Promise.all(keys.map(postings)).then(function (lists) {
        var s = new Set();
        lists.forEach(function (p) { p.all.forEach(function (d) { s.add(d); }); });
        return s;
      });
    }));
  }

  /* ---------- verification against the document's own text ---------- */
  function pinyinMatch(field, t) {
    var S = field.split(" ");
    for (var i = 0; i < S.length; i++) {
      var pos = 0;
      for (var j = i; j < S.length; j++) {
        var rest = t.slice(pos);
        if (j > i && rest && S[j].indexOf(rest) === 0) return true;
        if (t.indexOf(S[j], pos) !== pos) break;
        pos += S[j].length;
        if (pos === t.length) return true;
      }
    }
    return false;
  }
  function initialsMatch(field, t) {
    return field.split(" ").map(function (s) { return s[0]; }).join("").indexOf(t) >= 0;
  }

  function docChunks(docno) {
    return load(docPath(docno)).then(function (rec) {
      if (!rec) return null;
      var more = [];
      for (var k = 1; k < rec.n; k++) more.push(docPath(docno, k));
      return { rec: rec, more: more };
    });
  }

  /* Check every term; returns null (not a match) or what the result list shows. */
  function verify(docno, terms) {
    return docChunks(docno).then(function (info) {
      if (!info) return null;
      var rec = info.rec, heads = rec.h.map(function (h) { return fold(h, false); });
      var found = terms.map(function (t) {
        var h = { title: false, body: null };
        if (heads.some(function (x) { return x.indexOf(t.term) >= 0; })) h.title = true;
        if (!h.title && /^[a-z]+$/.test(t.term) && rec.py.some(function (f) {
          return pinyinMatch(f, t.term) || (t.term.length >= 3 && initialsMatch(f, t.term));
        })) h.title = true;
        return h;
      });
      function scan(segments) {
        segments.forEach(function (seg) {
          var folded = null;
          terms.forEach(function (t, i) {
            if (found[i].body) return;
            folded = folded || fold(seg[1], true);
            var at = folded.s.indexOf(t.term);
            if (at >= 0) found[i].body = { block: seg[0], text: seg[1], folded: folded, at: at };
          });
        });
      }
      scan(rec.s);
      var missing = function () { return found.some(function (h) { return !h.title && !h.body; }); };
      var done = Promise.resolve();
      // Long documents: fetch the remaining chunks only when the first does not prove the
      // match, or when the hit is in the title and a body snippet would help (not needed).
      if (missing() && info.more.length) {
        done = Promise.all(info.more.map(load)).then(function (chunks) {
          chunks.forEach(function (c) { if (c) scan(c.s); });
        });
      }
      return done.then(function () {
        if (missing()) return null;
        return present(docno, rec, terms, found);
      });
    });
  }

  /* ---------- presentation helpers (pure: the UI decides the markup around them) ---------- */
  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  /* Mark every occurrence of the terms in text (matching folded, marking the original). */
  function highlight(text, terms, from, to) {
    from = from || 0; to = to === undefined ? text.length : to;
    var f = fold(text, true), marks = [];
    terms.forEach(function (t) {
      var at = f.s.indexOf(t.term);
      while (at >= 0) {
        var a = f.map[at], last = f.map[at + t.term.length - 1];
        var b = last + (text.codePointAt(last) > 0xffff ? 2 : 1);
        marks.push([a, b]);
        at = f.s.indexOf(t.term, at + 1);
      }
    });
    marks.sort(function (x, y) { return x[0] - y[0]; });
    var out = "", pos = from;
    marks.forEach(function (m) {
      var a = Math.max(m[0], pos), b = Math.min(m[1], to);
      if (b <= a) return;
      out += escapeHTML(text.slice(pos, a)) + "<mark>" + escapeHTML(text.slice(a, b)) + "</mark>";
      pos = b;
    });
    return out + escapeHTML(text.slice(pos, to));
  }

  function present(docno, rec, terms, found) {
    var hit = null;
    found.forEach(function (h) { if (!hit && h.body) hit = h.body; });
    var snippet, block = 0;
    if (hit) {
      var start = hit.folded.map[hit.at], from = Math.max(0, start - 40), to = Math.min(hit.text.length, start + 80);
      snippet = (from > 0 ? "…" : "") + highlight(hit.text, terms, from, to) + (to < hit.text.length ? "…" : "");
      // A title hit opens the document at its top; a body-only hit opens the block.
      block = found.some(function (h) { return h.title; }) ? 0 : hit.block;
    } else {
      var first = rec.s.length ? rec.s[0][1] : "";
      snippet = highlight(first, terms, 0, Math.min(first.length, 120)) + (first.length > 120 ? "…" : "");
    }
    return {
      docno: docno, url: rec.u, block: block, title: rec.t, date: rec.d, meta: rec.m,
      titleHTML: highlight(rec.t, terms), metaHTML: escapeHTML(rec.m), snippetHTML: snippet,
      titleHit: found.some(function (h) { return h.title; }),
    };
  }

  /* ---------- the public API ---------- */
  /* search(query, {filters, sort: "relevance"|"newest"}) -> Promise of a Search:
   *   .total        candidates (exact when .exact), .exact, .terms, .short (ignored words)
   *   .next(k)      Promise of the next k verified results (fewer at the end)
   */
  function search(query, options) {
    options = options || {};
    return init().then(function () {
      var p = plan(query || "");
      var filters = options.filters || {};
      return Promise.all([Promise.all(p.terms.map(termCandidates)), filterSets(filters)]).then(function (r) {
        var terms = r[0], filterGroups = r[1];
        var docs, score = new Map();
        if (terms.length) {
          var maps = terms.map(function (t) { return t.scores; }).sort(function (a, b) { return a.size - b.size; });
          docs = [];
          maps[0].forEach(function (s, d) {
            var total = s;
            for (var i = 1; i < maps.length; i++) {
              var x = maps[i].get(d);
              if (x === undefined) return;
              total += x;
            }
            if (filterGroups.every(function (g) { return g.has(d); })) { docs.push(d); score.set(d, total); }
          });
        } else if (filterGroups.length) {
          filterGroups.sort(function (a, b) { return a.size - b.size; });
          docs = Array.from(filterGroups[0]).filter(function (d) { return filterGroups.every(function (g) { return g.has(d); }); });
        } else {
          docs = [];
        }
        // Docnos go oldest first (builder/search/segments.py search_order): newest first is
        // descending, and so is the tie-break of equal scores.
        if (options.sort === "newest" || !terms.length) docs.sort(function (a, b) { return b - a; });
        else docs.sort(function (a, b) { return score.get(b) - score.get(a) || b - a; });
        var exact = p.terms.every(function (t) { return t.exact; });
        var cursor = 0, verified = 0, rejected = 0;
        var narrowable = terms.some(function (t) { return t.pending.length; });
        /* Once checking finds more false candidates than true ones, fetch the pending keys
         * and drop the unchecked candidates they exclude (once, while checking goes on). */
        function narrow() {
          narrowable = false;
          return narrowing(terms).then(function (allow) {
            var rest = docs.slice(cursor), kept = rest.filter(allow);
            docs = result.candidates = docs.slice(0, cursor).concat(kept);
            result.total -= rest.length - kept.length;
          });
        }
        var result = {
          query: query, terms: p.terms, short: p.short, total: docs.length, exact: exact,
          candidates: docs,
          // next(k, budget): verify candidates in rank order until k results are proven or
          // `budget` candidates were checked (default 3k), so that a query whose candidates
          // are mostly false (common bigrams in a rare order) never downloads thousands of
          // documents before showing anything; the caller asks again.
          done: function () { return cursor >= docs.length; },
          next: function (k, budget) {
            var out = [], start = cursor, limit = cursor + (budget || Math.max(3 * k, 30));
            function step() {
              if (out.length >= k || cursor >= docs.length || cursor >= limit) {
                if (cursor >= docs.length && !result.exact) { result.total = verified; result.exact = true; }
                return Promise.resolve(out);
              }
              if (narrowable && rejected > verified) narrow();
              // The first batch is what is missing; later ones are sized by the share of
              // candidates found true so far, so that false candidates cost few round trips.
              var missing = k - out.length, seen = verified + rejected;
              var want = cursor === start || !seen ? missing : Math.ceil(missing * seen / Math.max(verified, seen / 10));
              var batch = docs.slice(cursor, Math.min(limit, cursor + Math.min(256, Math.max(4, want))));
              cursor += batch.length;
              return Promise.all(batch.map(function (d) { return verify(d, p.terms); })).then(function (rs) {
                rs.forEach(function (x) {
                  if (x) { verified++; out.push(x); } else { rejected++; result.total--; }
                });
                return step();
              });
            }
            return step();
          },
        };
        return result;
      });
    });
  }

  /* Every verified result (tests and benchmarks). */
  function searchAll(query, options) {
    return search(query, options).then(function (s) {
      return s.next(Infinity, Infinity).then(function (rs) { return { search: s, results: rs }; });
    });
  }

  /* Link to a result from the current page: hosted, /a/b/ works; from file:// the
   * directory URL must name index.html. */
  function href(result, root) {
    var url = new URL(result.url, new URL(root || dangan.searchRoot || "./", location.href));
    if (location.protocol === "file:" && /\/$/.test(url.pathname)) url.pathname += "index.html";
    if (result.block) url.hash = "b" + result.block;
    return url.href;
  }

  dangan.search = {
    init: init, search: search, searchAll: searchAll, href: href, fold: function (t) { return fold(t, false); },
    normalizeDocNumbers: normalizeDocNumbers, plan: plan, loadedFiles: loadedFiles, tuning: tuning,
    get manifest() { return manifest; },
  };
})();
