"""What members type reaches other people's pages as text, never as markup."""

import pytest

from notifications.services import notification_record

pytestmark = pytest.mark.django_db


def test_a_decline_reason_with_markup_shows_as_text_in_the_partners_inbox(alice_client, alice):
    # Charlie's organisation declines the match with a "reason" that is markup.
    notification = notification_record(
        kind="match_declined_to_partners",
        recipient=alice,
        event="declined:1",
        context={
            "name": alice.full_name,
            "organisation": "Borås",
            "declined_by_organisation": "Centre-Val de Loire",
            "request_reference": "REQ-4F2A9C",
            "request_title": "Gender equality in guidance",
            "reason": '<h1>Your account is closed</h1><button form="x">Sign in again</button>',
        },
    )
    page = alice_client.get(f"/inbox/{notification.pk}/").content.decode()
    assert "<h1>Your account is closed" not in page and '<button form="x">' not in page
    assert "&lt;h1&gt;Your account is closed&lt;/h1&gt;" in page


@pytest.mark.parametrize(
    ("typed", "in_the_cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Borås", "Borås"),
        (-3, -3),
    ],
)
def test_text_a_spreadsheet_would_run_is_kept_as_text_in_exports(typed, in_the_cell):
    from core.spreadsheets import cell_safe

    assert cell_safe(typed) == in_the_cell
