/* dangan search box: puts the search form in the site header and shows results.
 *
 * Works with any page: it looks for Material's header (.md-header__inner), else an element
 * with [data-dangan-search], else it adds the box at the top of <body>. Accessible: a
 * labelled search landmark, a polite live status, results as a list of links reachable
 * with ↓/↑, Escape closes and returns focus, "/" focuses the box.
 */
(function () {
  "use strict";
  var dangan = window.dangan || {};
  var PAGE = 20;
  /* Strings and the tree results open in: i18n/<tree>.js, written by the build from the
   * labels table (builder/data/labels-*.yml, keys search_*). */
  var I18N = dangan.i18n || {};
  var S = I18N.strings || {};
  var FILTERS = ["pub", "kind", "issuer", "topic", "doctype"].map(function (k) { return [k, S["f_" + k]]; });
  function fill(text, values) { return text.replace(/\{(\w+)\}/g, function (m, k) { return values[k]; }); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k]; else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }

  function mount() {
    if (!dangan.search || document.getElementById("dangan-search")) return;
    var input = el("input", {
      type: "search", id: "dangan-search-input", class: "dangan-search__input", autocomplete: "off",
      placeholder: S.placeholder, "aria-controls": "dangan-search-panel", spellcheck: "false",
    });
    var label = el("label", { for: "dangan-search-input", class: "dangan-search__label", text: S.label });
    var toggle = el("button", { type: "button", class: "dangan-search__toggle", "aria-expanded": "false", "aria-controls": "dangan-search-filters", text: S.toggle });
    var status = el("p", { class: "dangan-search__status", role: "status", "aria-live": "polite" });
    var filters = el("fieldset", { class: "dangan-search__filters", id: "dangan-search-filters", hidden: "" });
    var list = el("ol", { class: "dangan-search__results", "aria-label": S.list });
    var more = el("button", { type: "button", class: "dangan-search__more", hidden: "", text: S.more });
    var panel = el("div", { class: "dangan-search__panel", id: "dangan-search-panel", hidden: "" }, [filters, status, list, more]);
    var form = el("form", { class: "dangan-search", id: "dangan-search", role: "search", "aria-label": S.form }, [label, input, toggle, panel]);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });

    var host = document.querySelector("[data-dangan-search]") || document.querySelector(".md-header__inner");
    if (host && host.matches(".md-header__inner")) {
      host.insertBefore(form, host.querySelector(".md-header__source") || null);
    } else if (host) {
      host.appendChild(form);
    } else {
      document.body.insertBefore(form, document.body.firstChild);
    }

    var state = { search: null, serial: 0, built: false };
    var controls = {};

    function buildFilters(m) {
      if (state.built) return;
      state.built = true;
      filters.appendChild(el("legend", { text: S.legend }));
      FILTERS.forEach(function (f) {
        var values = (m.filters && m.filters[f[0]]) || [];
        if (!values.length) return;
        var sel = el("select", { id: "dangan-f-" + f[0] }, [el("option", { value: "", text: S.all })]);
        values.forEach(function (v) { sel.appendChild(el("option", { value: v[0], text: v[1] + "（" + v[2] + "）" })); });
        sel.addEventListener("change", run);
        controls[f[0]] = sel;
        filters.appendChild(el("label", { for: sel.id, text: f[1] }));
        filters.appendChild(sel);
      });
      var years = ((m.filters && m.filters.year) || []).map(function (y) { return y[0]; });
      ["yearFrom", "yearTo"].forEach(function (k, i) {
        var sel = el("select", { id: "dangan-f-" + k }, [el("option", { value: "", text: S.any })]);
        years.forEach(function (y) { sel.appendChild(el("option", { value: y, text: y })); });
        sel.addEventListener("change", run);
        controls[k] = sel;
        filters.appendChild(el("label", { for: sel.id, text: i ? S.year_to : S.year_from }));
        filters.appendChild(sel);
      });
      var sort = el("select", { id: "dangan-f-sort" }, [el("option", { value: "relevance", text: S.relevance }), el("option", { value: "newest", text: S.newest })]);
      sort.addEventListener("change", run);
      controls.sort = sort;
      filters.appendChild(el("label", { for: sort.id, text: S.sort }));
      filters.appendChild(sort);
    }

    function chosenFilters() {
      var f = {};
      FILTERS.forEach(function (x) { if (controls[x[0]] && controls[x[0]].value) f[x[0]] = [controls[x[0]].value]; });
      if (controls.yearFrom && controls.yearFrom.value) f.yearFrom = controls.yearFrom.value;
      if (controls.yearTo && controls.yearTo.value) f.yearTo = controls.yearTo.value;
      return f;
    }

    function open(on) {
      panel.hidden = !on;
    }

    function countText(s) {
      if (!s.terms.length && !Object.keys(chosenFilters()).length) return "";
      var n = s.total;
      var head = fill(s.exact ? S.count_exact : S.count_about, { n: n });
      if (s.short.length) head += fill(S.short, { chars: s.short.join("”“") });
      return head;
    }

    function render(results) {
      results.forEach(function (r) {
        var a = el("a", { href: dangan.search.href(r, (dangan.searchRoot || "./") + (I18N.tree || "")), class: "dangan-search__link" });
        a.innerHTML = '<span class="dangan-search__title">' + r.titleHTML + "</span>" +
          '<span class="dangan-search__meta">' + r.metaHTML + "</span>" +
          '<span class="dangan-search__snippet">' + r.snippetHTML + "</span>";
        list.appendChild(el("li", {}, [a]));
      });
    }

    /* Show the next PAGE results. next() checks a bounded number of candidates per call,
     * so when most candidates prove false the page keeps checking (showing what it has)
     * until it is full or every candidate is checked, unless a newer query replaced it;
     * after AUTO_ROUNDS calls the "more" button continues, so that a query whose
     * candidates are nearly all false does not download thousands of documents unasked. */
    var AUTO_ROUNDS = 10;
    function page(shown, rounds) {
      var s = state.search, serial = state.serial;
      shown = shown || 0;
      rounds = (rounds || 0) + 1;
      more.hidden = true;
      return s.next(PAGE - shown).then(function (rs) {
        if (serial !== state.serial) return;
        render(rs);
        shown += rs.length;
        status.textContent = countText(s) || S.prompt;
        if (!s.total && (s.terms.length || Object.keys(chosenFilters()).length)) status.textContent = S.none;
        if (shown < PAGE && !s.done() && rounds < AUTO_ROUNDS) return page(shown, rounds);
        more.hidden = s.done();
        document.documentElement.setAttribute("data-dangan-search", "done");
      });
    }

    function run() {
      var serial = ++state.serial;
      var q = input.value;
      open(true);
      dangan.search.init().then(function (m) {
        buildFilters(m);
        return dangan.search.search(q, { filters: chosenFilters(), sort: controls.sort ? controls.sort.value : "relevance" });
      }).then(function (s) {
        if (serial !== state.serial) return;
        state.search = s;
        list.textContent = "";
        if (!s.terms.length && !Object.keys(chosenFilters()).length) {
          status.textContent = s.short.length ? S.too_short : S.prompt;
          more.hidden = true;
          return;
        }
        return page();
      }).catch(function (e) {
        status.textContent = S.failed + e.message;
      });
    }

    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("focus", function () {
      dangan.search.init().then(buildFilters).catch(function () {});
      if (input.value || Object.keys(chosenFilters()).length) open(true);
    });
    toggle.addEventListener("click", function () {
      var on = filters.hidden;
      filters.hidden = !on;
      toggle.setAttribute("aria-expanded", on ? "true" : "false");
      open(true);
      dangan.search.init().then(function (m) { buildFilters(m); if (on && controls.pub) controls.pub.focus(); });
    });
    more.addEventListener("click", function () {
      var first = list.children.length;
      page().then(function () { var a = list.children[first] && list.children[first].querySelector("a"); if (a) a.focus(); });
    });

    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    form.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && (document.activeElement === input || i >= 0)) {
        if (all[i + 1]) { all[i + 1].focus(); e.preventDefault(); }
      } else if (e.key === "ArrowUp" && i >= 0) {
        (i === 0 ? input : all[i - 1]).focus();
        e.preventDefault();
      } else if (e.key === "Escape") {
        open(false);
        input.focus();
      }
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.key === "/" && !(t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) {
        e.preventDefault();
        input.focus();
      }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) open(false); });

    var initial = new URLSearchParams(location.search).get("q");
    if (initial) { input.value = initial; run(); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
