"""Resolvers: ``/doc/<slug>/`` for every document with a 发文字号, and ``/doc/?n=…`` that
takes a number as people type it and forwards to the document, or to its "cited but not in
the archive" page. Both work from ``file://``: the number map is a script file loaded with
``<script>`` (a page opened from disk may not fetch()), and forwarding is a relative link.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..model import Archive
from ..slugs import doc_number_slug
from .urls import redirect_page

MAP_FILE = "doc/numbers.js"


def number_targets(archive: Archive) -> dict[str, str]:
    """Normalised 发文字号 → URL: the documents first (the first in archive order when two
    share a number), then the cited numbers the archive lacks."""
    targets: dict[str, str] = {}
    for doc in archive.documents:
        if doc.doc_number:
            targets.setdefault(doc.doc_number.normalized, doc.url)
    for r in archive.relations:
        if r.target is None:
            targets.setdefault(r.number, f"/cited/{doc_number_slug(r.doc_number)}/")
    return targets


def resolver_files(archive: Archive) -> Iterator[tuple[str, str]]:
    """``doc/<slug>/index.html`` redirects, ``doc/index.html`` and its map ``doc/numbers.js``."""
    slugs_done: set[str] = set()
    for doc in archive.documents:
        if not doc.doc_number:
            continue
        slug = doc_number_slug(doc.doc_number)
        if slug in slugs_done:
            continue
        slugs_done.add(slug)
        yield f"doc/{slug}/index.html", redirect_page(f"/doc/{slug}/", doc.url)
    targets = {n: url.lstrip("/") + "index.html" for n, url in sorted(number_targets(archive).items())}
    yield MAP_FILE, "window.DANGAN_DOC_NUMBERS = " + json.dumps(targets, ensure_ascii=False, indent=0) + ";\n"
    yield "doc/index.html", RESOLVER_PAGE


# normalise() mirrors DocNumber.normalized: any bracket around the year becomes 〔〕,
# full-width digits become ASCII, spaces go; "第N号" is kept (numbers without a year).
RESOLVER_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>按发文字号查找</title>
<script src="numbers.js"></script>
</head>
<body>
<h1>按发文字号查找</h1>
<form id="f"><input id="n" name="n" placeholder="柳政办〔2022〕61号" size="24"> <button>查找</button></form>
<p id="msg"></p>
<script>
function normalise(s) {
  s = s.replace(/[\\uFF10-\\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
  s = s.replace(/\\s+/g, "");
  s = s.replace(/[\\[\\(（【［〔{｛<〈《]\\s*(\\d{4})\\s*[\\]\\)）】］〕}｝>〉》]/, "〔$1〕");
  if (!/号$/.test(s)) s += "号";
  return s;
}
(function () {
  var q = new URLSearchParams(location.search).get("n");
  if (!q) return;
  document.getElementById("n").value = q;
  var n = normalise(q), target = (window.DANGAN_DOC_NUMBERS || {})[n];
  var msg = document.getElementById("msg");
  if (target) {
    msg.textContent = "正在打开 " + n + " …";
    location.replace("../" + target);
  } else {
    msg.textContent = "本库未收录 " + n + "，也没有文件引用它。";
  }
})();
</script>
</body>
</html>
"""
