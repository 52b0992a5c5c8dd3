/* dangan cite panel (templates/_cite.md.j2): one-click copy, and a citation that points at
   the paragraph (#b12) or 条 (#tiao-3) the reader selected. Works from file:// (copy falls
   back to selecting the text and execCommand when the clipboard API is refused). */
(function () {
  "use strict";
  var panel = document.querySelector(".dangan-cite");
  if (!panel) return;
  var base = panel.getAttribute("data-url");
  var forms = Array.prototype.slice.call(panel.querySelectorAll(".dangan-cite-form"));
  forms.forEach(function (f) {
    var pre = f.querySelector(".dangan-cite-text");
    pre.setAttribute("data-original", pre.textContent);
  });
  var LOCATOR = /^(b|tiao-)(\d+)$/;

  function locator(hash) {
    var id = decodeURIComponent((hash || "").replace(/^#/, ""));
    var m = LOCATOR.exec(id);
    return m && document.getElementById(id) ? { id: id, label: m[1] === "b" ? "paragraph" : "section", n: m[2] } : null;
  }

  function withLocator(format, text, loc) {
    if (!loc) return text;
    var url = base + "#" + loc.id;
    if (format === "csl-json") {
      var items = JSON.parse(text);
      items.forEach(function (item) { item.URL = url; item.locator = loc.n; item.label = loc.label; });
      return JSON.stringify(items, null, 2) + "\n";
    }
    return text.split(base).join(url);
  }

  function update() {
    var loc = locator(location.hash);
    forms.forEach(function (f) {
      var pre = f.querySelector(".dangan-cite-text");
      pre.textContent = withLocator(f.getAttribute("data-format"), pre.getAttribute("data-original"), loc);
    });
    var where = panel.querySelector(".dangan-cite-where");
    where.hidden = !loc;
    if (loc) {
      var a = where.querySelector(".dangan-cite-anchor");
      var target = document.getElementById(loc.id);
      var snippet = (target.parentElement && target.tagName === "A" ? target.parentElement : target).textContent.replace(/\s+/g, "").replace(/^¶/, "");
      a.href = "#" + loc.id;
      a.textContent = "#" + loc.id + (loc.label === "section" ? "（第" + loc.n + "条）" : "") + " " + snippet.slice(0, 24) + (snippet.length > 24 ? "…" : "");
    }
  }

  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function copied(button, ok) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = ok ? "已复制" : "已选中，请按 Ctrl+C";
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  forms.forEach(function (f) {
    var button = f.querySelector(".dangan-cite-copy");
    var pre = f.querySelector(".dangan-cite-text");
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = pre.textContent;
      select(pre);  // the text stays selected, whichever way the copy goes
      var fallback = function () {
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        copied(button, ok);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { copied(button, true); }, fallback);
      } else {
        fallback();
      }
    });
  });

  // every paragraph anchor (<a id="b3">) becomes a link that selects it for citing
  Array.prototype.forEach.call(document.querySelectorAll("a[id]"), function (a) {
    if (!LOCATOR.test(a.id) || a.hasAttribute("href") || a.textContent) return;
    a.href = "#" + a.id;
    a.className = (a.className + " dangan-para-anchor").trim();
    a.setAttribute("title", "引用此段");
    a.setAttribute("aria-label", "引用此段（" + a.id + "）");
    a.textContent = "¶";
  });

  window.addEventListener("hashchange", update);
  update();
})();
