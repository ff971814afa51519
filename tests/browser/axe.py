"""axe-core on every page the journeys visit, in English and in French, with no
page loaded for it but the second language's.

axe-core 4.14.1 is vendored (vendor/, from the npm package `axe-core@4.14.1`:
`npm pack axe-core@4.14.1`, keeping axe.min.js and its LICENSE), never loaded
from a CDN. An init script puts it into every document of an audited browser
context and runs it once the page has loaded; the result comes back through a
binding. While it runs, a click on a link or button and a form's submission wait
for it, so that a journey moving on quickly does not leave a page unchecked.

The second language: each page a journey loaded with GET is noted with the
person who saw it (their session). When the test has passed, each person opens
those pages again in the other language, French for pages seen in any other
language and English for pages seen in French, after choosing it in the
header's language menu as a person does (it saves a member's profile, sets a
cookie for a visitor). A page the journey already saw in both is not opened
again, nor a kind of page (its route and the names of its query's fields) that
someone of the same role (the secretariat, a coordinator, a contact, a visitor)
already saw in that language earlier in the run, on either pytest-xdist worker:
the same template with other rows costs seconds and finds nothing new. Every
state of every page is checked in the language the journey saw it in; the
second language checks what a translation changes (longer words, another
`lang`, translated labels), which one page of each kind shows.

A test fails on any violation of the WCAG 2.0 and 2.1 A and AA rules.

To update: `npm pack axe-core@<version>`, put its axe.min.js in vendor/ as
axe-core-<version>.min.js (and its LICENSE as LICENSE-axe-core.txt), remove the
old file and change AXE_VERSION.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.run_files import locked

from .revisit import Seen, kind_of_page, other_language, revisit, who_is_signed_in

AXE_VERSION = "4.14.1"
AXE_SOURCE = (Path(__file__).parent / "vendor" / f"axe-core-{AXE_VERSION}.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

HOOK = (Path(__file__).parent / "axe_hook.js").read_text().replace("TAGS", repr(WCAG_TAGS))


class CheckedKinds:
    """The (role, kind of page, language) already checked in this run, by any test
    of any pytest-xdist worker: the workers share them through a file of the run
    (tests.run_files), so that a kind one worker checked the other does not open
    again."""

    def __init__(self):
        self.path: Path | None = None
        self._here: set[tuple[str, str, str]] = set()

    def claim(self, checked: list[tuple], wanted: list[tuple]) -> list[tuple]:
        """Note `checked` as checked; of `wanted`, in order, those nobody checked
        yet, noted as checked too (by the caller, who checks them next)."""
        if self.path is None:
            return self._claim(self._here, checked, wanted)
        with locked(self.path), self.path.open("a+", encoding="utf-8") as shared:
            shared.seek(0)
            known = {tuple(json.loads(line)) for line in shared}
            before = set(known)
            claimed = self._claim(known, checked, wanted)
            shared.writelines(json.dumps(kind) + "\n" for kind in known - before)
        return claimed

    @staticmethod
    def _claim(known: set, checked: list[tuple], wanted: list[tuple]) -> list[tuple]:
        known.update(checked)
        claimed = []
        for kind in wanted:
            if kind not in known:
                known.add(kind)
                claimed.append(kind)
        return claimed


CHECKED_KINDS = CheckedKinds()


@dataclass
class AxeAudit:
    """The violations found in one test's browser contexts."""

    checked: list[str] = field(default_factory=list)
    violations: list[tuple[str, str, dict]] = field(default_factory=list)
    contexts: list = field(default_factory=list)
    # (who, url, language) of each page checked, in the order first seen.
    seen: dict[tuple[str, str, str], Seen] = field(default_factory=dict)
    _got: dict[int, set[str]] = field(default_factory=dict)  # the URLs each context loaded with GET
    _revisiting: dict[int, str] = field(default_factory=dict)  # who is in each second-language one

    def attach(self, context, options: dict | None = None, only: str = "") -> None:
        """Check every page of the context; `options` (those it was made with) also
        notes its pages for the second language. A context of the second language
        checks only the pages shown in that language, `only`: the others, on the
        way to its language menu, were checked as the journey went."""
        if only:
            context.add_init_script(script=f"window.__axeOnly = {json.dumps(only)};")
        context.add_init_script(script=AXE_SOURCE + "\n" + HOOK)
        context.expose_binding(
            "__axeReport",
            lambda source, url, lang, violations: self._report(
                source, url, lang, violations, options
            ),
        )
        if options is not None:
            context.on("response", lambda response: self._note_get(context, response))
        self.contexts.append(context)
        close = context.close

        def settle_then_close(*args, **kwargs):
            self.settle_context(context)
            self.contexts.remove(context)
            return close(*args, **kwargs)

        context.close = settle_then_close

    def _note_get(self, context, response) -> None:
        request = response.request
        if (
            request.method == "GET"
            and request.is_navigation_request()
            and request.frame.parent_frame is None
            and response.status == 200
        ):
            self._got.setdefault(id(context), set()).add(response.url.split("#")[0])

    def _report(self, source, url, lang, violations, options) -> None:
        url = url.split("#")[0]
        lang = (lang or "").split("-")[0].lower()
        self.checked.append(url)
        who = self._revisiting.get(id(source["context"]), "")
        if options is not None:
            who, role, session = who_is_signed_in(source["context"])
            if url in self._got.get(id(source["context"]), ()):
                key = (who, url, lang)
                self.seen.setdefault(key, Seen(url, lang, who, role, session, options))
                self.seen[key].session = session  # the latest, which a later step may have changed
        where = f"{url} ({lang or 'no language'}, {who or 'a visitor'})"
        self.violations.extend((where, v) for v in violations)

    def settle_context(self, context) -> None:
        for page in context.pages:
            settle(page)

    def settle_all(self) -> None:
        for context in list(self.contexts):
            self.settle_context(context)

    def revisit_in_other_language(self, browser) -> None:
        """Each person opens the pages they saw again, in the other language."""
        checked = [(seen.role, kind_of_page(seen.url), seen.lang) for seen in self.seen.values()]
        wanted = {}  # the first page of each kind not yet seen in the other language
        for seen in self.seen.values():
            target = other_language(seen.lang)
            if (seen.who, seen.url, target) not in self.seen:
                wanted.setdefault((seen.role, kind_of_page(seen.url), target), seen)
        groups: dict[tuple[str, str], list[Seen]] = {}
        for kind in CHECKED_KINDS.claim(checked, list(wanted)):
            seen = wanted[kind]
            groups.setdefault((seen.who, kind[2]), []).append(seen)
        # One context for the people who saw pages with the same options (viewport,
        # locale…) and want the same language: each starting a context cost Chromium
        # more than the pages they open; they take turns in it with their own cookies.
        contexts = {}
        try:
            for (who, target), pages in groups.items():
                key = (target, json.dumps(pages[0].options, sort_keys=True, default=str))
                if key not in contexts:
                    contexts[key] = browser.new_context(**pages[0].options)
                    self.attach(contexts[key], only=target)
                context = contexts[key]
                self._revisiting[id(context)] = who
                failure = revisit(context, pages, target, settle)
                if failure:
                    origin = "{0.scheme}://{0.netloc}".format(urlsplit(pages[0].url))
                    where = f"{origin} ({who or 'a visitor'})"
                    problem = {"id": "language-menu", "impact": "-", "help": failure, "nodes": []}
                    self.violations.append((where, problem))
        finally:
            for context in contexts.values():
                context.close()

    def report(self) -> str:
        lines = []
        for where, violation in self.violations:
            lines.append(f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
        return "\n".join(lines)


def settle(page) -> None:
    """Wait for axe to finish on the page shown now (a page that never loaded,
    such as a download, or a new tab's blank one, has nothing to wait for)."""
    if page.is_closed() or page.url == "about:blank":
        return
    try:
        if page.evaluate("() => !!window.axe"):
            page.wait_for_function("() => window.__axeDone === true", timeout=10_000)
    except Exception:  # noqa: BLE001 - a page with no document (closed, download) is not ours to check
        return
