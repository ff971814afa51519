"""The second language of tests.browser.axe: who saw a page, and opening it again
as them in the other language."""

from dataclasses import dataclass
from importlib import import_module
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.urls import Resolver404, resolve

LANGUAGE_NAMES = {"en": "English", "fr": "French"}


@dataclass
class Seen:
    """A page a person loaded with GET, in the language it was shown in."""

    url: str
    lang: str
    who: str  # the signed-in person's e-mail address, "" for a visitor
    role: str  # what they may see: "secretariat", "coordinator", "contact", "" for a visitor
    session: dict  # a copy of their session, to be them again
    options: dict  # those of the browser context they used (viewport, locale…)


def kind_of_page(url: str) -> str:
    """The route of a URL and the names of its query's fields: pages of one kind
    share a template and differ only in their rows."""
    parts = urlsplit(url)
    try:
        route = resolve(parts.path).view_name
    except Resolver404:
        route = parts.path
    fields = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return route + "?" + "&".join(fields)


def other_language(lang: str) -> str:
    return "en" if lang == "fr" else "fr"


def who_is_signed_in(context) -> tuple[str, str, dict]:
    """The person whose session the context holds, their role and a copy of that
    session."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for cookie in context.cookies():
        if cookie["name"] == settings.SESSION_COOKIE_NAME:
            session = dict(store(session_key=cookie["value"]).load())
            user_id = session.get(SESSION_KEY)
            user = None
            if user_id is not None:
                user = get_user_model()._default_manager.filter(pk=user_id).first()
            return (user.email if user else ""), role_of(user), session
    return "", "", {}


def role_of(user) -> str:
    """What a person's pages show besides their own rows: the secretariat's
    tools, a coordinator's, a contact's, or a visitor's."""
    if user is None:
        return ""
    if user.is_staff:
        return "secretariat"
    roles = set(user.memberships.values_list("role", flat=True))
    return "coordinator" if "coordinator" in roles else "contact"


def be_them_again(context, session: dict, origin: str) -> None:
    """A new session with the same contents (the original may have been closed by
    signing out): the same person, as far along (second factor passed) as then."""
    if not session:
        return
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store.update(session)
    store.save()
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": origin}]
    )


def page_language(page) -> str:
    return (page.locator("html").get_attribute("lang") or "").split("-")[0].lower()


def choose_language(page, code: str) -> None:
    """As a person does, in the header's language menu (behind the toggler on a
    narrow screen); the page comes back in that language."""
    toggler = page.locator(".navbar-toggler")
    if toggler.count() and toggler.is_visible():
        toggler.click()
    page.locator("#language-menu").click()
    with page.expect_navigation():
        page.locator(f"form[aria-labelledby=language-menu] button[value={code}]").click()


def someone_else(context, page, origin: str) -> None:
    """Forget the person who used the context before: their cookies (session,
    language) and what the site's scripts kept in the browser."""
    if page.url.startswith(origin):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    context.clear_cookies()


def revisit(context, pages: list[Seen], target: str, settle) -> str:
    """Open each page again in `target` as the person who saw it (in a context that
    others may have used before); what went wrong in changing the language, if
    anything."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(pages[0].url))
    page = context.pages[0] if context.pages else context.new_page()
    page.set_default_timeout(10_000)
    settle(page)
    someone_else(context, page, origin)
    be_them_again(context, pages[-1].session, origin)
    for seen in pages:
        settle(page)
        page.goto(seen.url)
        if page_language(page) == target:
            continue
        if not page.locator("#language-menu").count():  # the admin's pages have no menu
            settle(page)
            page.goto(origin + "/")
            choose_language(page, target)
            settle(page)
            page.goto(seen.url)
        else:
            choose_language(page, target)
        if page_language(page) != target:
            return (
                f"the language menu did not show {page.url} in "
                f"{LANGUAGE_NAMES[target]} (lang={page_language(page)!r})"
            )
    settle(page)
    return ""
