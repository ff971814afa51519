"""Browser journeys: Playwright driving Debian's Chromium against the live server.

`playwright install` downloads nothing here, so the system browser is used. With
no Chromium, the journeys are skipped and `make test` says so; CI sets
REQUIRE_BROWSER=1, which turns a missing browser into a failure.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.run_files import run_file

from .axe import CHECKED_KINDS, AxeAudit

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django would refuse
# database access from it without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


class AuditedBrowser:
    """The browser, whose new contexts run axe-core on every page (tests.browser.axe)
    for the test that is running, and note what the Content Security Policy refused
    (Chromium says so in the console: a style or script the page would lose)."""

    def __init__(self, browser):
        self._browser = browser
        self.audit = None
        self.refused = []

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.on("console", self._note_refusal)
        if self.audit is not None:
            self.audit.attach(context, options=kwargs)
        return context

    def _note_refusal(self, message):
        if "Content Security Policy" in message.text:
            where = message.page.url if message.page else "?"
            self.refused.append(f"{where}: {message.text}")

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: browser journeys not run"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    CHECKED_KINDS.path = run_file(tmp_path_factory, "axe-checked-kinds.jsonl")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield AuditedBrowser(browser)
        browser.close()


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture
def browser(chromium, request):
    """Every page a journey visits is checked with axe-core, in English and in
    French: the test fails on any violation of WCAG 2.0/2.1 A and AA
    (tests.browser.axe), and on any style or script the Content Security Policy
    refused on the pages it walked."""
    audit = chromium.audit = AxeAudit()
    chromium.refused = []
    yield chromium
    audit.settle_all()
    chromium.audit = None
    for context in list(audit.contexts):
        context.close()
    if not request.node.stash.get(FAILED, False):
        audit.revisit_in_other_language(chromium._browser)
    assert not chromium.refused, "Refused by the Content Security Policy:\n" + "\n".join(
        chromium.refused
    )
    assert audit.checked, "axe-core checked no page"
    assert not audit.violations, "Accessibility violations (axe-core):\n" + audit.report()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()  # waits for axe-core on the last page


@pytest.fixture
def screenshot(page, request):
    """Save a named screenshot of the current page under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


from .demo_site import _demo_dump, demo_site  # noqa: E402,F401  (the README's demo, for the story journeys)
