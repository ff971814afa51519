"""The request form's term fields by keyboard alone: filter a long list, tick two
terms, hear the count, and find the ticks kept after an error elsewhere."""

import pytest
from playwright.sync_api import expect

from taxonomy.models import Theme
from tests.factories import FormatFactory, LanguageFactory, TargetGroupFactory, ThemeFactory

from .helpers import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

THEMES = [
    "Gender equality",
    "Green skills",
    "Digital skills",
    "Inclusion and fewer opportunities",
    "Work-based learning",
    "Entrepreneurship",
    "Health and well-being",
    "Languages and intercultural skills",
    "Guidance and career management",
    "Adult learning",
    "Early school leaving",
    "Migration and integration",
]


@pytest.fixture
def vocabularies(db):
    for name in THEMES:
        ThemeFactory(name=name, slug=name.lower().replace(" ", "-"))
    FormatFactory(name="Study visit", slug="study-visit", min_days=2, max_days=10)
    TargetGroupFactory(name="Guidance staff", slug="guidance-staff")
    LanguageFactory(code="en", name="English")
    LanguageFactory(code="fr", name="French")


def test_terms_filtered_and_ticked_by_keyboard_are_kept_after_an_error(
    page, screenshot, charlie, vocabularies
):
    sign_in(page, "charlie@centre-valdeloire.example")
    page.goto("/listings/new/request/")
    themes = page.get_by_role("group", name="Themes")
    count = themes.locator("[aria-live=polite]")
    expect(count).to_have_text("0 selected")

    # From the title, Tab reaches the themes' filter box first.
    page.get_by_label("Title").focus()
    page.keyboard.press("Tab")
    expect(themes.get_by_label("Filter the list")).to_be_focused()
    page.keyboard.type("gend")
    # The others are hidden, not gone: a term ticked before stays ticked.
    expect(themes.get_by_role("checkbox")).to_have_count(1)
    expect(themes.locator("input[type=checkbox]")).to_have_count(
        Theme.objects.filter(active=True).count()
    )
    expect(themes.get_by_role("checkbox", name="Gender equality")).to_be_visible()
    expect(themes.get_by_role("checkbox", name="Green skills")).to_be_hidden()
    # Enter in the filter does not submit the half-filled form.
    page.keyboard.press("Enter")
    expect(page).to_have_url("/listings/new/request/")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(themes.get_by_role("checkbox", name="Gender equality")).to_be_checked()

    # Back to the filter: a second term, accents and case do not matter.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("GREEN")
    expect(themes.get_by_role("checkbox", name="Gender equality")).to_be_hidden()
    page.keyboard.press("Tab")
    expect(themes.get_by_role("checkbox", name="Green skills")).to_be_focused()
    page.keyboard.press("Space")
    expect(count).to_have_text("2 selected")
    screenshot("two-ticked")

    # Enter in the (empty) title submits: the title is missing.
    page.get_by_label("Title").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Title")
    themes = page.get_by_role("group", name="Themes")
    expect(themes.get_by_role("checkbox", name="Gender equality")).to_be_checked()
    expect(themes.get_by_role("checkbox", name="Green skills")).to_be_checked()
    expect(themes.locator("[aria-live=polite]")).to_have_text("2 selected")
    expect(themes.get_by_role("checkbox", name="Digital skills")).not_to_be_checked()

    # At 320 px the lists fit: no horizontal scroll.
    page.set_viewport_size({"width": 320, "height": 800})
    box = themes.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    # The list scrolls down, never sideways (columns in a box of bounded height
    # would overflow into new columns to the right).
    for options in page.locator(".term-picker-options").all():
        assert options.evaluate("e => e.scrollWidth <= e.clientWidth")
    screenshot("kept-after-error-320px")

    # Keyboard only, from the error summary: it has the focus, its link leads to
    # the field, and the form goes through once the title is typed there.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("#error-summary")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#error-summary a").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Title")).to_be_focused()
    page.keyboard.type("Girls into construction: a study visit")
    screenshot("title-reached-from-the-summary")
