"""axe-core on every page the journeys visit, with no page loaded for it.

axe-core 4.14.1 is vendored (vendor/, from the npm package `axe-core@4.14.1`:
`npm pack axe-core@4.14.1`, keeping axe.min.js and its LICENSE), never loaded
from a CDN. An init script puts it into every document of an audited browser
context and runs it once the page has loaded; the result comes back through a
binding. While it runs, a click on a link or button and a form's submission wait
for it, so that a journey moving on quickly does not leave a page unchecked.

A test fails on any violation of the WCAG 2.0 and 2.1 A and AA rules.

To update: `npm pack axe-core@<version>`, put its axe.min.js in vendor/ as
axe-core-<version>.min.js (and its LICENSE as LICENSE-axe-core.txt), remove the
old file and change AXE_VERSION.
"""

from dataclasses import dataclass, field
from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_SOURCE = (Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

HOOK = (Path(__file__).parent / "axe_hook.js").read_text().replace("TAGS", repr(WCAG_TAGS))


@dataclass
class AxeAudit:
    """The violations found in one test's browser contexts."""

    checked: list[str] = field(default_factory=list)
    violations: list[tuple[str, dict]] = field(default_factory=list)
    contexts: list = field(default_factory=list)

    def attach(self, context) -> None:
        context.add_init_script(script=AXE_SOURCE + "\n" + HOOK)
        context.expose_binding("__axeReport", self._report)
        self.contexts.append(context)
        close = context.close

        def settle_then_close(*args, **kwargs):
            self.settle_context(context)
            self.contexts.remove(context)
            return close(*args, **kwargs)

        context.close = settle_then_close

    def _report(self, source, url: str, violations: list[dict]) -> None:
        self.checked.append(url)
        self.violations.extend((url, v) for v in violations)

    def settle_context(self, context) -> None:
        for page in context.pages:
            settle(page)

    def settle_all(self) -> None:
        for context in list(self.contexts):
            self.settle_context(context)

    def report(self) -> str:
        lines = []
        for url, violation in self.violations:
            lines.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
        return "\n".join(lines)


def settle(page) -> None:
    """Wait for axe to finish on the page shown now (a page that never loaded,
    such as a download, has nothing to wait for)."""
    if page.is_closed():
        return
    try:
        if page.evaluate("() => !!window.axe"):
            page.wait_for_function("() => window.__axeDone === true", timeout=10_000)
    except Exception:  # noqa: BLE001 - a page with no document (closed, download) is not ours to check
        return
