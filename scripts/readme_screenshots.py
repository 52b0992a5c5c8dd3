"""Rebuild the screenshots shown in the README (docs/screenshots/) from the real corpus.

    .venv/bin/python scripts/readme_screenshots.py [CORPUS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import browser, serve  # noqa: E402

from builder import api  # noqa: E402

PAGES = {
    "home": "index.html",
    "issue": "lzgb/2024/10/index.html",
    "document": "lzgb/2024/10/liuzhengban-2022-61/index.html",
    "issuer": "issuer/liuzhoushirenminzhengfubangongshi/index.html",
    "topic": "topic/keji-jiaoyu/index.html",
    "series": "series/liuzhengban-2022/index.html",
    "article": "lzrb/2024-07/001-67504c9ffebf9f9f/06/index.html",
    "search": "index.html?q=营商环境",
}


# home, issue, document, article and search again in Traditional, and all of them on a phone
TREE_PAGES = ("home", "issue", "document", "article", "search")
SIZES = {"": (1280, 900), "-phone": (390, 844)}


def main(corpus: Path) -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        report = api.build(corpus, Path(tmp) / "site", Path(tmp) / "content")
        with serve(report.site) as base, browser() as b:
            for suffix, (width, height) in SIZES.items():
                page = b.new_page(viewport={"width": width, "height": height})
                shots = [("", name, url) for name, url in PAGES.items() if suffix == "" or name in TREE_PAGES]
                shots += [("zh-hant/", name, PAGES[name]) for name in TREE_PAGES]
                for prefix, name, url in shots:
                    page.goto(base + prefix + url)
                    if name == "search":
                        page.wait_for_selector("html[data-dangan-search=done]")
                    page.wait_for_timeout(150)
                    path = out / f"{name}{'-zh-hant' if prefix else ''}{suffix}.png"
                    page.screenshot(path=str(path))
                    print(path)
                page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
