"""axe-core (vendored under tests/vendor/axe-core) run on a page: its serious and critical
violations. Evaluated through the browser's debugging protocol, which the page's CSP does not
govern, so nothing is served or allowed that the site itself does not allow."""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page, *, impacts=BLOCKING) -> list[dict]:
    """The violations of ``impacts`` on the page as it stands: id, impact, help, elements."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_source())
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(" "))}))"""
    )
    return [v for v in found if v["impact"] in impacts]
