"""axe-core (npm, installed by ``python3 tasks.py test`` into tests/.node/) run inside a page."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / ".node" / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("critical", "serious")


def axe_installed() -> bool:
    return AXE.is_file()


def violations(page) -> list[dict]:
    """axe's violations on the page as it is now (WCAG 2.1 A/AA and best practices)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
        .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0].target.join(" ")}))""")


def severe(page) -> list[dict]:
    return [v for v in violations(page) if v["impact"] in SEVERE]
