"""Hostile values posted to the public and member forms never give a server
error: each is refused with a clear message or accepted safely (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "\x00",
            "a\x00b",
            "x" * 100_000,
            "<script>alert(1)</script>",
            "'; DROP TABLE members_user; --",
            '=HYPERLINK("http://evil")',
            "99999999999999999999",
            "-1",
            "2147483648",
            "../../etc/passwd",
            "\ud7ff\ue000",
            "E1234567890",
        ]
    ),
)

FORMS = {
    "/members/join/": ["name", "kind", "country", "region", "oid", "website", "email", "full_name"],
    "/accounts/login/": ["username", "password"],
    "/accounts/password/reset/": ["email"],
    "/members/account/": ["full_name", "email", "language", "job_title"],
    "/members/manage/boras/edit/": ["name", "kind", "country", "region", "oid", "website"],
    "/members/manage/boras/invite/": ["email", "role"],
    "/members/my-organisation/switch/": ["organisation"],
    "/inbox/preferences/": ["email_notifications", "weekly_digest"],
}
# Every example makes requests: few examples per form keep the suite quick.
FUZZ = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@pytest.mark.parametrize("url", FORMS)
@FUZZ
@given(values=st.lists(HOSTILE, min_size=8, max_size=8))
def test_hostile_form_values_never_give_a_server_error(client, alice, url, values):
    client.raise_request_exception = False
    client.force_login(alice)
    data = dict(zip(FORMS[url], values, strict=False))
    response = client.post(url, data)
    assert response.status_code < 500, (url, {k: v[:80] for k, v in data.items()})


# The member forms that act on an object: "{name}" is filled from the objects
# alice (coordinator of Borås) may act on.
OBJECT_FORMS = {
    "/listings/new/request/": [
        "title",
        "description",
        "themes",
        "formats",
        "role",
        "earliest_start",
        "latest_end",
        "duration_days",
        "participants",
        "expires_on",
    ],
    "/listings/{draft}/edit/": ["title", "earliest_start", "latest_end", "participants", "contact"],
    "/listings/{open}/interest/": ["role", "what_we_bring", "who_takes_part", "when", "message"],
    "/listings/searches/": ["name", "notify", "query"],
    "/matches/{match}/answer/": ["party", "answer", "reason"],
    "/matches/{match}/decline/": ["party", "reason"],
    "/exchanges/{exchange}/report/": [
        "participants_total",
        "staff",
        "learners",
        "fewer_opportunities",
        "outcomes",
        "{group}",
    ],
    "/exchanges/{exchange}/feedback/boras/": ["match_fit", "work_again", "to_improve"],
    "/case-studies/{case_study}/edit/": [
        "title",
        "summary",
        "story",
        "lessons-TOTAL_FORMS",
        "lessons-INITIAL_FORMS",
        "lessons-0-text",
        "photos-TOTAL_FORMS",
        "testimonials-TOTAL_FORMS",
    ],
    "/members/manage/boras/colleagues/{colleague}/role/": ["role"],
    "/members/manage/boras/colleagues/{colleague}/remove/": ["confirm"],
    "/members/account/delete/": ["password"],
    "/accounts/password/change/": ["old_password", "new_password1", "new_password2"],
}
# The filters of the lists, read from the query string.
FILTER_PAGES = {
    "/listings/": ["q", "kind", "theme", "format", "country", "available_from", "sort", "page"],
    "/listings/export.csv": ["q", "kind", "theme", "available_until"],
    "/members/": ["q", "country", "kind", "theme", "page"],
    "/exchanges/": ["q", "theme", "format", "country", "year", "page"],
    "/case-studies/": ["q", "theme", "format", "country", "target_group", "year", "page"],
    "/monitoring/": ["year", "country", "theme", "format", "organisation"],
    "/inbox/": ["page", "kind", "unread"],
}


@pytest.fixture
def objects(boras, centre_val_de_loire, alice, bob):
    from tests.factories import (
        CaseStudyFactory,
        MatchFactory,
        MatchPartyFactory,
        RequestFactory,
        TargetGroupFactory,
        exchange_between,
    )

    match = MatchFactory(request=RequestFactory(organisation=centre_val_de_loire, status="matched"))
    MatchPartyFactory(match=match, organisation=boras)
    exchange = exchange_between(host=boras, sender=centre_val_de_loire, status="completed")
    return {
        "draft": RequestFactory(organisation=boras, status="draft").reference,
        "open": RequestFactory(organisation=centre_val_de_loire).reference,
        "match": match.pk,
        "exchange": exchange.pk,
        "group": f"group_{TargetGroupFactory().pk}",
        "case_study": CaseStudyFactory(exchange=exchange).slug,
        "colleague": bob.memberships.get().pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", OBJECT_FORMS)
@FUZZ
@given(values=st.lists(HOSTILE, min_size=10, max_size=10))
def test_hostile_values_on_member_forms_never_give_a_server_error(
    client, alice, objects, url, values
):
    client.raise_request_exception = False
    client.force_login(alice)
    names = [name.format(**objects) for name in OBJECT_FORMS[url]]
    data = dict(zip(names, values, strict=False))
    response = client.post(url.format(**objects), data)
    assert response.status_code < 500, (url, {k: v[:80] for k, v in data.items()})


@pytest.mark.django_db
@pytest.mark.parametrize("url", FILTER_PAGES)
@FUZZ
@given(values=st.lists(HOSTILE, min_size=8, max_size=8))
def test_hostile_filters_on_lists_never_give_a_server_error(client, alice, url, values):
    client.raise_request_exception = False
    client.force_login(alice)
    data = dict(zip(FILTER_PAGES[url], values, strict=False))
    response = client.get(url, data)
    assert response.status_code < 500, (url, {k: v[:80] for k, v in data.items()})
