"""The curation page: candidates with those interested first, filters, groups,
a preview of every e-mail (equal to the e-mails sent), and a confirmation that
names the listings the secretariat was shown."""

import datetime
import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from listings.models import Listing, ListingStatus
from matchmaking.curation import SHOWN_SALT, shown_token
from matchmaking.models import Match
from matchmaking.preview import match_preview
from matchmaking.services import match_confirm
from members.models import Role
from notifications.models import Notification
from tests.factories import MembershipFactory, OfferFactory, RequestFactory, UserFactory
from tests.otp import verified_login

pytestmark = pytest.mark.django_db

BORAS = "Working Life Department of the municipality of Borås"
ESCOLA = "Institut Escola del Treball"


def curate(listing):
    return reverse("admin:matchmaking_match_curate", args=[listing.pk])


@pytest.fixture
def albert(case):
    person = UserFactory(email="albert@escola.example", full_name="Albert Peiró Mateu")
    MembershipFactory(user=person, organisation=case.escola, role=Role.COORDINATOR)
    return person


@pytest.fixture
def parties(alice, charlie, albert):
    """Someone to write to in each organisation of the Borås case."""
    return [alice, charlie, albert]


def shown(client, listing) -> str:
    return client.get(curate(listing)).context["shown"]


def post(client, listing, *, partners=(), group=None, action="preview", token=None, **more):
    data = {"action": action, "shown": shown(client, listing) if token is None else token, **more}
    if group is not None:
        data["group"] = group
    else:
        data["partners"] = [getattr(p, "pk", p) for p in partners]
    return client.post(curate(listing), data)


def nothing_changed(case):
    assert not Match.objects.exists()
    assert not Notification.objects.exists()
    for listing in (case.request, case.boras_offer, case.escola_offer):
        listing.refresh_from_db()
        assert listing.status == ListingStatus.OPEN


# The page


def test_curate_page_ranks_boras_and_escola_first_with_reasons(secretariat_client, case):
    response = secretariat_client.get(curate(case.request))
    assert response.status_code == 200
    top = [row.candidate.organisation.name for row in response.context["rows"][:2]]
    assert set(top) == {BORAS, ESCOLA}
    page = response.text
    assert "both work on Gender equality" in page
    assert "A week-long programme with our VET schools." in page  # the interest


def test_curate_page_shows_scores_as_people_read_them(secretariat_client, case):
    response = secretariat_client.get(curate(case.request))
    row = response.context["rows"][0]
    cells = re.findall(r"<td>(\d+(?:\.\d+)?)</td>", response.text)
    assert f"{row.candidate.score:.1f}" in cells
    assert all(len(cell.partition(".")[2]) <= 1 for cell in cells)


def test_curate_page_lists_those_interested_first(secretariat_client, case):
    # A better-scored stranger does not pass the organisations that said "we are interested".
    rows = secretariat_client.get(curate(case.request)).context["rows"]
    flags = [row.interested for row in rows]
    assert flags == sorted(flags, reverse=True)
    assert {r.candidate.organisation.name for r in rows if r.interested} == {BORAS, ESCOLA}


def test_curate_filters_keep_the_rows_of_one_country(secretariat_client, case):
    response = secretariat_client.get(curate(case.request), {"country": "ES"})
    visible = [r.candidate.organisation.name for r in response.context["rows"] if not r.hidden]
    assert visible == [ESCOLA]
    assert response.text.count('<tr data-testid="candidate-') == len(response.context["rows"])


def test_curate_filters_by_language_and_format(secretariat_client, case):
    catalan = case.escola_offer.languages.get(code="ca")
    shadowing = case.escola_offer.formats.get(slug="staff-job-shadowing")
    for query, expected in (
        ({"language": catalan.pk}, {ESCOLA}),
        ({"format": shadowing.pk}, {ESCOLA, "Guidance Centre Tampere"}),
    ):
        rows = secretariat_client.get(curate(case.request), query).context["rows"]
        assert {r.candidate.organisation.name for r in rows if not r.hidden} == expected


def test_curate_filters_ignore_nonsense(secretariat_client, case):
    response = secretariat_client.get(curate(case.request), {"format": "x", "country": "ZZ"})
    assert response.status_code == 200
    assert not any(row.hidden for row in response.context["rows"])


def test_curate_page_query_count_is_bounded(
    secretariat_client, case, django_assert_max_num_queries
):
    for _ in range(15):
        OfferFactory(
            themes=list(case.request.themes.all()),
            earliest_start=case.request.earliest_start,
            latest_end=case.request.latest_end,
        )
    secretariat_client.get(curate(case.request))  # computes and stores the ranking
    with django_assert_max_num_queries(45):
        secretariat_client.get(curate(case.request))


def test_curate_page_is_for_the_secretariat_only(alice_client, case):
    assert alice_client.get(curate(case.request)).status_code == 403
    response = post(
        alice_client,
        case.request,
        partners=[case.boras_offer],
        action="confirm",
        token=shown_token(case.request, [case.boras_offer.pk], timezone.now()),
    )
    assert response.status_code == 403
    nothing_changed(case)


def test_a_visitor_is_sent_to_sign_in_before_curating(client, case):
    response = client.get(curate(case.request))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_who_may_only_look_cannot_confirm(client, case):
    from django.contrib.auth.models import Permission

    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_match"))
    verified_login(client, clerk)
    response = post(client, case.request, partners=[case.boras_offer], action="confirm")
    assert response.status_code == 403
    nothing_changed(case)


# The preview


def test_preview_shows_each_partys_email_and_changes_nothing(secretariat_client, case, parties):
    response = post(
        secretariat_client,
        case.request,
        partners=[case.boras_offer, case.escola_offer],
        message="Borås hosts in December; Escola joins.",
    )
    assert response.status_code == 200
    previews = response.context["previews"]
    assert {p.to for p in previews} == {person.email for person in parties}
    assert "Borås hosts in December; Escola joins." in response.text
    assert "Confirm and send" in response.text
    nothing_changed(case)


def test_preview_equals_the_emails_sent(
    secretariat_client, secretariat, case, parties, mailoutbox, django_capture_on_commit_callbacks
):
    charlie = parties[1]
    charlie.language = "fr"  # each e-mail in its reader's language, preview included
    charlie.save()
    partners = [case.boras_offer, case.escola_offer]
    message = "Borås hosts in December; Escola joins."
    previews = match_preview(
        request=case.request, partners=partners, by=secretariat, message=message
    )
    nothing_changed(case)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            secretariat_client, case.request, partners=partners, action="confirm", message=message
        )
    assert response.status_code == 302

    def numbered_apart(text):
        # Only the new match's numbers differ: the preview's were never kept.
        return re.sub(r"/matches/\d+/|party=\d+", "#", text)

    sent = {mail.to[0]: mail for mail in mailoutbox}
    assert set(sent) == {p.to for p in previews}
    for preview in previews:
        mail = sent[preview.to]
        assert preview.subject == mail.subject
        assert numbered_apart(preview.text) == numbered_apart(mail.body)
        assert numbered_apart(preview.html) == numbered_apart(mail.alternatives[0][0])
    assert "Message du secrétariat" in sent[charlie.email].body


def test_a_group_is_previewed_before_it_is_confirmed(secretariat_client, case, parties):
    response = secretariat_client.get(curate(case.request))
    group = next(
        g
        for g in response.context["groups"]
        if {c.listing for c in g.members} == {case.boras_offer, case.escola_offer}
    )
    ids = ",".join(str(c.listing.pk) for c in group.members)
    assert f'name="group" value="{ids}"' in response.text

    preview = post(secretariat_client, case.request, group=ids, message="Together")
    assert len(preview.context["previews"]) == 3
    assert [p.pk for p in preview.context["chosen"]] == [c.listing.pk for c in group.members]
    nothing_changed(case)

    confirm = post(
        secretariat_client,
        case.request,
        partners=[int(pk) for pk in ids.split(",")],
        action="confirm",
        message="Together",
        token=preview.context["confirm_shown"],
    )
    assert confirm.status_code == 302
    match = Match.objects.get(request=case.request)
    roles = {p.organisation.name: p.role for p in match.parties.all()}
    assert roles[BORAS] == "host" and roles[ESCOLA] == "participant"
    assert match.message == "Together"


# The confirmation


def test_confirm_creates_the_match_and_shows_it(secretariat_client, case, parties):
    response = post(
        secretariat_client,
        case.request,
        partners=[case.boras_offer, case.escola_offer],
        action="confirm",
        message="Welcome",
    )
    match = Match.objects.get(request=case.request)
    assert response["Location"] == reverse("admin:matchmaking_match_change", args=[match.pk])
    assert match.parties.count() == 3
    assert Notification.objects.filter(kind="match_confirmed").count() == 3


# What a tampered or stale form may post in place of the listings shown: the
# position of a group (0 once meant the last one), out-of-range numbers, numbers
# Python reads but a database does not ("٣" is 3; "²" passes isdigit()).
BAD_GROUPS = ["abc", "0", "-1", "99999", "9" * 30, "1,abc", ",", "1.5", "²", "٣", "0x1f", "1e3"]


@pytest.mark.parametrize("group", BAD_GROUPS, ids=lambda g: f"group={g!r}")
def test_confirm_with_a_bad_group_is_refused_and_changes_nothing(
    secretariat_client, case, parties, group
):
    response = post(secretariat_client, case.request, group=group, action="confirm")
    assert response.status_code == 400
    assert "Choose" in response.text
    nothing_changed(case)


@pytest.mark.parametrize("value", ["²", "٣", "9" * 30, "-3"], ids=repr)
def test_a_bad_ticked_box_is_refused_and_the_others_stay_ticked(
    secretariat_client, case, parties, value
):
    response = post(
        secretariat_client, case.request, partners=[case.boras_offer, value], action="preview"
    )
    assert response.status_code == 400
    assert "Choose the partners among the candidates shown." in response.text
    assert case.boras_offer.pk in response.context["ticked"]
    nothing_changed(case)


@pytest.mark.postgres
def test_out_of_range_values_are_refused_by_postgresql_too(secretariat_client, case, parties):
    """Beyond a bigint, PostgreSQL refuses the query itself: the page must refuse
    first, never pass such a number to the database (a 500)."""
    huge = "9" * 30
    for data in ({"group": huge}, {"partners": [huge]}, {"partners": [case.boras_offer.pk, huge]}):
        response = post(secretariat_client, case.request, action="confirm", **data)
        assert response.status_code == 400, data
    assert secretariat_client.get(f"/admin/matchmaking/match/curate/{huge}/").status_code == 404
    nothing_changed(case)


def test_confirm_with_a_partner_never_shown_is_refused(secretariat_client, case, parties):
    token = shown(secretariat_client, case.request)
    # A listing of the right kind, open, published after the page was drawn.
    stranger = OfferFactory(themes=list(case.request.themes.all()))
    for partners in ([stranger], ["x"], [case.boras_offer, "7e3"]):
        response = post(
            secretariat_client, case.request, partners=partners, action="confirm", token=token
        )
        assert response.status_code == 400
        assert "Choose the partners among the candidates shown." in response.text
    nothing_changed(case)


def test_confirm_without_partner_explains_and_changes_nothing(secretariat_client, case):
    response = post(secretariat_client, case.request, action="confirm", message="x")
    assert response.status_code == 400
    assert "Choose at least one partner." in response.text
    nothing_changed(case)


@pytest.mark.parametrize("token", ["", "garbage", "x:y:z"])
def test_confirm_without_the_pages_token_is_refused(secretariat_client, case, token):
    response = post(
        secretariat_client, case.request, partners=[case.boras_offer], action="confirm", token=token
    )
    assert response.status_code == 400
    assert "open it again" in response.text
    nothing_changed(case)


def test_a_token_of_another_request_is_refused(secretariat_client, case):
    other = Listing.objects.exclude(pk=case.request.pk).first()
    token = shown_token(other, [case.boras_offer.pk], timezone.now())
    response = post(
        secretariat_client, case.request, partners=[case.boras_offer], action="confirm", token=token
    )
    assert response.status_code == 400
    nothing_changed(case)


def test_an_old_page_is_drawn_again_before_confirming(secretariat_client, case, monkeypatch):
    token = shown(secretariat_client, case.request)
    later = signing.loads(token, salt=SHOWN_SALT)
    assert later["ids"]
    monkeypatch.setattr("matchmaking.curation.SHOWN_MAX_AGE", -1)
    response = post(
        secretariat_client, case.request, partners=[case.boras_offer], action="confirm", token=token
    )
    assert response.status_code == 409
    assert "too long ago" in response.text
    nothing_changed(case)


def test_confirm_is_refused_when_a_partner_changed_after_the_page_was_shown(
    secretariat_client, case, parties
):
    token = shown(secretariat_client, case.request)
    # Borås edits its offer while the page is open: fewer places.
    Listing.objects.filter(pk=case.boras_offer.pk).update(
        participants=4, updated_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    response = post(
        secretariat_client,
        case.request,
        partners=[case.boras_offer, case.escola_offer],
        action="confirm",
        token=token,
    )
    assert response.status_code == 409
    assert f"Someone else was faster: {case.boras_offer.reference} changed" in response.text
    nothing_changed(case)


def test_after_a_colleagues_confirmation_the_shown_group_is_refused_not_swapped(
    secretariat_client, secretariat, case, parties, mailoutbox, django_capture_on_commit_callbacks
):
    """The bug this replaces: the group's position was posted and looked up in a
    list recomputed on submit, so a colleague's confirmation in between made the
    click match (and e-mail) a partner the secretariat never saw."""
    page = secretariat_client.get(curate(case.request))
    token = page.context["shown"]
    group = page.context["groups"][0]
    ids = ",".join(str(c.listing.pk) for c in group.members)
    colleague = UserFactory(is_staff=True, full_name="Colleague")
    taken = group.members[-1].listing
    other_request = RequestFactory(themes=list(case.request.themes.all()))
    match_confirm(request=other_request, partners=[taken], by=colleague)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(secretariat_client, case.request, group=ids, action="confirm", token=token)

    assert response.status_code == 409
    assert f"Someone else was faster: {taken.reference} was matched meanwhile." in response.text
    assert not Match.objects.filter(request=case.request).exists()
    assert mailoutbox == []


def test_confirm_second_time_says_someone_else_was_faster(secretariat_client, secretariat, case):
    token = shown(secretariat_client, case.request)
    match_confirm(request=case.request, partners=[case.boras_offer], by=secretariat)
    # The second person had the page open before and now picks Escola.
    response = post(
        secretariat_client,
        case.request,
        partners=[case.escola_offer],
        action="confirm",
        token=token,
    )
    assert response.status_code == 409
    assert "Someone else was faster: Sara Secretariat confirmed" in response.text
    assert Match.objects.filter(request=case.request).count() == 1


def test_confirming_hands_the_emails_to_the_queue_and_sends_none_itself(
    secretariat_client, case, parties, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    """The request answers without waiting on e-mail: the confirmation records one
    row per party and, after commit, hands them to the broker as one batch; nothing
    is sent inside the request (a three-party confirmation once took 4 s)."""
    batches = []
    monkeypatch.setattr("notifications.tasks.send_notifications.delay", batches.append)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            secretariat_client,
            case.request,
            partners=[case.boras_offer, case.escola_offer],
            action="confirm",
        )
    assert response.status_code == 302
    assert mailoutbox == []
    rows = Notification.objects.filter(kind="match_confirmed")
    assert len(batches) == 1
    assert sorted(batches[0]) == sorted(rows.values_list("pk", flat=True))
    assert len(batches[0]) == 3


def test_markup_in_a_members_title_shows_as_text_in_the_previewed_emails(
    secretariat_client, case, parties
):
    case.boras_offer.title = "<h1>Your session expired</h1><form action='/x'>"
    case.boras_offer.save()
    response = post(secretariat_client, case.request, partners=[case.boras_offer])
    assert response.status_code == 200
    assert "<h1>Your session expired</h1>" not in response.text
    assert "&lt;h1&gt;Your session expired&lt;/h1&gt;" in response.text
