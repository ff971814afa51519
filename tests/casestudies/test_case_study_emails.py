"""The coordinators hear when their case study is started and when it is published."""

import pytest

from casestudies.services import case_study_publish, case_study_unpublish
from exchanges.services import exchange_complete
from tests.factories import exchange_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange(boras, centre_val_de_loire, alice, bob, charlie):
    return exchange_between(
        host=boras,
        sender=centre_val_de_loire,
        participants_total=8,
        fewer_opportunities=1,
        staff=8,
        learners=0,
    )


def test_completing_an_exchange_invites_each_coordinator_to_tell_the_story(
    exchange, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        exchange_complete(exchange=exchange, by=secretariat)

    assert sorted(m.to[0] for m in mailoutbox) == [
        "alice@boras.example",
        "charlie@centre-valdeloire.example",
    ]  # bob is a contact, not a coordinator
    message = mailoutbox[0]
    assert message.subject == f"Tell the story of your exchange: {exchange.title}"
    edit_url = f"/case-studies/{exchange.case_study.slug}/edit/"
    assert edit_url in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'{edit_url}">Edit the case-study draft</a>' in html


def test_publishing_tells_the_coordinators_once(
    exchange, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    exchange_complete(exchange=exchange, by=secretariat)
    case_study = exchange.case_study
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_study_publish(case_study=case_study, by=secretariat)
        case_study_unpublish(case_study=case_study, by=secretariat)
        case_study_publish(case_study=case_study, by=secretariat)

    assert len(mailoutbox) == 2
    message = next(m for m in mailoutbox if m.to == ["alice@boras.example"])
    assert message.subject == f"Your case study is published: {case_study.title}"
    assert case_study.get_absolute_url() in message.body
    assert "Read the case study</a>" in message.alternatives[0][0]
