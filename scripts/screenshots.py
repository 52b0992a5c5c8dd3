"""Take screenshots of a built site's pages in headless Chromium (for review and the README).

    .venv/bin/python scripts/screenshots.py SITE_DIR OUT_DIR [name=relative/url ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import browser, serve  # noqa: E402


def main(site: Path, out: Path, pages: dict[str, str], width: int = 1280, height: int = 900) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, browser() as b:
        page = b.new_page(viewport={"width": width, "height": height})
        for name, url in pages.items():
            page.goto(base + url)
            page.screenshot(path=str(out / f"{name}.png"), full_page=False)
            print(out / f"{name}.png")


if __name__ == "__main__":
    site, out, *specs = sys.argv[1:]
    main(Path(site), Path(out), dict(s.split("=", 1) for s in specs))
