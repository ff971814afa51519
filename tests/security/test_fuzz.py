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
    assert response.status_code < 500, (url, data)
