import pytest

from .cases import build_boras_case


@pytest.fixture
def case(boras, centre_val_de_loire):
    return build_boras_case(boras, centre_val_de_loire)


@pytest.fixture(scope="package")
def evaluation(django_db_setup, django_db_blocker):
    """The labelled evaluation set loaded once for the folder (loading and ranking
    it takes seconds), measured every way the tests read it, then rolled back:
    the shipped weights and offsets, the held-out folds, and the language
    offsets learnt from the set's own listings."""
    from django.db import transaction

    from matchmaking.calibration import fit
    from matchmaking.evaluate import (
        cross_validate,
        evaluate,
        load,
        metrics,
        offsets_learnt_on,
        tags_only,
        text_only,
    )
    from matchmaking.models import DEFAULT_WEIGHTS

    with django_db_blocker.unblock(), transaction.atomic():
        loaded = load()
        found = {
            "matcher": metrics(evaluate(loaded)),
            "tags only": metrics(evaluate(loaded, tags_only)),
            "text only": metrics(evaluate(loaded, text_only)),
            "held out": cross_validate(loaded, dict(DEFAULT_WEIGHTS), fit),
        }
        with offsets_learnt_on(loaded) as offsets:
            found["offsets"] = offsets
            found["matcher, offsets learnt"] = metrics(evaluate(loaded))
            found["text only, offsets learnt"] = metrics(evaluate(loaded, text_only))
        transaction.set_rollback(True)
    return found
