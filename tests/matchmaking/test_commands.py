import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_suggest_partners_prints_the_ranking_with_reasons(case):
    out = StringIO()
    call_command("suggest_partners", case.request.reference, "--limit", "3", stdout=out)
    text = out.getvalue()
    assert "Working Life Department of the municipality of Borås" in text
    assert "· both work on Gender equality" in text
    assert "Group" in text


def test_suggest_partners_json_lists_reference_organisation_score_and_reasons(case):
    out = StringIO()
    call_command("suggest_partners", case.request.reference, "--json", stdout=out)
    ranked = json.loads(out.getvalue())
    first = ranked["candidates"][0]
    assert set(first) >= {"reference", "organisation", "role", "score", "fits", "reasons"}
    assert {r["reference"] for r in ranked["candidates"][:3]} >= {
        case.boras_offer.reference,
        case.escola_offer.reference,
    }
    candidates = ranked["candidates"]
    assert candidates == sorted(candidates, key=lambda r: (not r["fits"], -r["score"]))
    (group, *_) = ranked["groups"]
    assert group["host"]["reference"] == case.boras_offer.reference
    assert [p["reference"] for p in group["participants"]] == [case.escola_offer.reference]
    assert "rings" in ranked and "left_out" in ranked


def test_suggest_partners_unknown_reference_says_so(db):
    with pytest.raises(CommandError, match="No request or offer"):
        call_command("suggest_partners", "REQ-NOPE")
