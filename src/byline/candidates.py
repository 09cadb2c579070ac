"""Candidate pairs: which articles are worth handing to the compare engine.

Comparing every pair is quadratic and the engine costs ~50 ms a pair, so three cheap searches
propose pairs and only those are verified:

    lexical   MinHash LSH over word 5-grams (``fingerprint.BandIndex``): copies, near copies,
              scrapes with chrome, partial copies that keep whole passages
    keyword   the articles' key stems weighted by rarity (idf) in this corpus, top-k by cosine:
              rewrites and paraphrases keep names, numbers and topic nouns while the 5-grams go
    semantic  the mean of an article's static sentence embeddings, centred on the corpus mean,
              top-k by cosine: heavy rewording and summaries that share few exact words

A pair proposed by any tier is a candidate; each candidate keeps the scores that suggested it.
Recall matters more than precision here (the engine rejects false candidates); each tier's
threshold says how it was calibrated.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from .fingerprint import DEFAULT, BandIndex, Scheme

if TYPE_CHECKING:
    from .store import Store

LEXICAL_MIN = 0.1  # estimated Jaccard of an LSH hit below which the shared bands were chance
# Keyword tier, calibrated on LLMFake (268 originals, 536 gpt-3.5 paraphrases/rewrites): at top-5
# with score >= 0.1 it kept 99.8 % of same-story neighbours and cut false ones by 72 %; the only
# own-original misses were a cluster of near-identical IMDb disclaimers.
KEYWORD_K = 5
KEYWORD_MIN = 0.1
# ... and past the top 5, up to this many hits as strong as KEYWORD_STRONG: copies of one short text
# crowd each other's top 5 (LLMFake: 8 rewordings of one IMDb disclaimer put their original at
# rank 6-8, at cosine 0.36-0.46); 29 more candidate pairs there, 6 more originals found
KEYWORD_WIDE_K = 10
KEYWORD_STRONG = 0.3
MAX_DF_SHARE = 0.1  # stems in more than this share of articles are the genre's vocabulary, not a story's
# ... and in more than this many articles, whatever the corpus size: a stem's pairs grow with the
# square of its document frequency, and this cap keeps the all-pairs search linear in the corpus
# (at 100k synthetic articles the tier took 467 s without it). Up to 10,000 articles it changes nothing.
MAX_DF = 1_000
KEYWORD_BLOCK = 256  # rows per sparse block of the all-pairs product
# Semantic tier: static mean vectors are strongly anisotropic (unrelated gossip pairs at cosine
# 0.79 raw); after centring, LLMFake rewrites sit at median 0.69 and the best unrelated neighbour
# at median 0.38, but with a long tail, so only strong semantic hits are proposed.
SEMANTIC_K = 3
SEMANTIC_MIN = 0.5
BRUTE_FORCE_MAX = 20_000  # exact all-pairs search up to here; above it faiss IVF (n^1.5) if installed
BLOCK_CELLS = 20_000_000  # rows x columns of one block of scores (80 MB of float32)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair worth verifying (keys ``a < b``; for a query, ``a`` is -1) and its tier scores."""

    a: int
    b: int
    lexical: float | None = None
    keyword: float | None = None
    semantic: float | None = None

    @property
    def tier(self) -> str:
        names = [n for n in ("lexical", "keyword", "semantic") if getattr(self, n) is not None]
        return "+".join(names)

    @property
    def strength(self) -> float:
        """One number to order candidates by: the best tier score."""
        return max((s for s in (self.lexical, self.keyword, self.semantic) if s is not None), default=0.0)

    def row(self) -> tuple[int, int, float | None, float | None, float | None, str]:
        return self.a, self.b, self.lexical, self.keyword, self.semantic, self.tier


def _top_pairs(scores: np.ndarray, rows: np.ndarray, k: int, minimum: float, keys: np.ndarray,
               out: dict[tuple[int, int], float]) -> None:
    """Add each row's top-``k`` columns scoring >= ``minimum`` to ``out`` as key pairs."""
    n = scores.shape[1]
    if n <= 1:
        return
    kk = min(k, n - 1)
    top = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
    for r, cols in zip(rows, top):
        for c in cols:
            s = float(scores[r - rows[0], c])
            if c != r and s >= minimum:
                a, b = int(keys[r]), int(keys[c])
                pair = (a, b) if a < b else (b, a)
                if s > out.get(pair, -1.0):
                    out[pair] = round(s, 4)


def _top(scores: np.ndarray, keys: np.ndarray, k: int, minimum: float) -> dict[int, float]:
    """The ``k`` best keys scoring >= ``minimum`` (argpartition: no full sort of a 100k-long row)."""
    if len(scores) > k:
        idx = np.argpartition(-scores, k - 1)[:k]
    else:
        idx = np.arange(len(scores))
    return {int(keys[i]): round(float(scores[i]), 4) for i in idx if scores[i] >= minimum}


class KeywordIndex:
    """Key-term sets weighted by idf; cosine between articles (``fingerprint.key_terms``)."""

    def __init__(self, keys: np.ndarray, term_lists: Sequence[np.ndarray]) -> None:
        self.keys = np.asarray(keys, dtype=np.int64)
        n = len(self.keys)
        lengths = np.fromiter((len(t) for t in term_lists), dtype=np.int64, count=n)
        flat = np.concatenate(term_lists) if n else np.zeros(0, dtype=np.uint32)
        self.vocab, inverse = np.unique(flat, return_inverse=True)
        df = np.bincount(inverse, minlength=len(self.vocab))
        self.idf_max = math.log(n + 1)
        self.idf = np.log((n + 1) / np.maximum(df, 1)).astype(np.float32)
        if n >= 50:
            self.idf[df > min(MAX_DF_SHARE * n, MAX_DF)] = 0.0
        rows = np.repeat(np.arange(n), lengths)
        data = self.idf[inverse]
        m = sparse.csr_matrix((data, (rows, inverse)), shape=(n, len(self.vocab)), dtype=np.float32)
        m.eliminate_zeros()  # capped stems take no part in any product
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        self.matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ m, dtype=np.float32)
        self._t = self.matrix.T.tocsr()

    def __len__(self) -> int:
        return len(self.keys)

    def _weights(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(vocabulary rows, unit-normalised idf weights) of a query's known terms."""
        terms = np.unique(np.asarray(terms, dtype=np.uint32))
        pos = np.searchsorted(self.vocab, terms)
        known = np.zeros(len(terms), dtype=bool)
        if len(self.vocab):
            known = (pos < len(self.vocab)) & (self.vocab[np.minimum(pos, len(self.vocab) - 1)] == terms)
        weights = self.idf[pos[known]]
        # an unseen stem is as rare as can be: it counts in the query's norm, never in a match
        norm = math.sqrt(float((weights**2).sum()) + (~known).sum() * self.idf_max**2) or 1.0
        return pos[known], weights / norm

    def pairs(self, k: int = KEYWORD_K, minimum: float = KEYWORD_MIN) -> dict[tuple[int, int], float]:
        """Each article's top-``k`` neighbours scoring >= ``minimum``, as key pairs with their score.

        The product is kept sparse: a row holds only the articles that share a kept stem, so
        the cost follows the postings, not n^2.
        """
        out: dict[tuple[int, int], float] = {}
        n = len(self.keys)
        for start in range(0, n, KEYWORD_BLOCK):
            block = (self.matrix[start : start + KEYWORD_BLOCK] @ self._t).tocsr()
            for r in range(block.shape[0]):
                lo, hi = block.indptr[r], block.indptr[r + 1]
                cols, vals = block.indices[lo:hi], block.data[lo:hi]
                keep = (cols != start + r) & (vals >= minimum)
                cols, vals = cols[keep], vals[keep]
                if len(vals) > k:
                    best = _widened(vals, k)
                    cols, vals = cols[best], vals[best]
                a = int(self.keys[start + r])
                for c, v in zip(cols.tolist(), vals.tolist()):
                    b = int(self.keys[c])
                    pair = (a, b) if a < b else (b, a)
                    if v > out.get(pair, -1.0):
                        out[pair] = round(v, 4)
        return out

    def query(self, terms: np.ndarray, k: int = KEYWORD_K, minimum: float = KEYWORD_MIN) -> dict[int, float]:
        if not len(self.keys) or not len(terms):
            return {}
        rows, weights = self._weights(terms)
        if not len(rows):
            return {}
        scores = np.asarray(self._t[rows].T @ weights).ravel()  # walks only the query terms' postings
        top = _top(scores, self.keys, KEYWORD_WIDE_K, minimum)
        if len(top) <= k:
            return top
        best = _widened(np.fromiter(top.values(), dtype=np.float32, count=len(top)), k)
        keys = list(top)
        return {keys[i]: top[keys[i]] for i in best}


def _widened(vals: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` best values, plus those up to ``KEYWORD_WIDE_K`` that are >= ``KEYWORD_STRONG``."""
    wide_k = max(k, KEYWORD_WIDE_K)
    if len(vals) > wide_k:
        wide = np.argpartition(-vals, wide_k - 1)[:wide_k]
    else:
        wide = np.arange(len(vals))
    order = wide[np.argsort(-vals[wide], kind="stable")]
    return np.concatenate([order[:k], order[k:][vals[order[k:]] >= KEYWORD_STRONG]])


class VectorIndex:
    """Mean sentence vectors, centred on the corpus mean and unit-normalised; cosine search."""

    def __init__(self, keys: np.ndarray, vecs: np.ndarray, mean: np.ndarray | None = None) -> None:
        self.keys = np.asarray(keys, dtype=np.int64)
        vecs = np.asarray(vecs, dtype=np.float32)
        if mean is None and len(vecs):
            mean = vecs.mean(axis=0)  # static embeddings share a large common direction: remove it
        self.mean = mean
        self.matrix = self._prepare(vecs) if len(vecs) else np.zeros((0, 0), np.float32)

    def _prepare(self, vecs: np.ndarray) -> np.ndarray:
        m = np.atleast_2d(vecs).astype(np.float32) - (self.mean if self.mean is not None else 0.0)
        norms = np.linalg.norm(m, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return m / norms

    def __len__(self) -> int:
        return len(self.keys)

    def pairs(self, k: int = SEMANTIC_K, minimum: float = SEMANTIC_MIN) -> dict[tuple[int, int], float]:
        n = len(self.keys)
        out: dict[tuple[int, int], float] = {}
        if n > BRUTE_FORCE_MAX:
            try:
                return self._faiss_pairs(k, minimum)
            except ImportError:  # faiss is optional: fall back to the exact search
                pass
        step = max(1, BLOCK_CELLS // max(n, 1))
        for start in range(0, n, step):
            rows = np.arange(start, min(start + step, n))
            scores = self.matrix[rows] @ self.matrix.T
            scores[np.arange(len(rows)), rows] = -1.0
            _top_pairs(scores, rows, k, minimum, self.keys, out)
        return out

    def _faiss_pairs(self, k: int, minimum: float) -> dict[tuple[int, int], float]:
        """Approximate all-pairs top-k with an inverted-file index: O(n^1.5) instead of O(n^2)."""
        import faiss

        n, d = self.matrix.shape
        nlist = int(4 * math.sqrt(n))
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)
        index.train(self.matrix[rng.choice(n, min(n, 64 * nlist), replace=False)])
        index.add(self.matrix)
        index.nprobe = 16  # stack.md: recall@10 0.84 at nprobe 16 on 100k sentences; documents cluster better
        sims, ids = index.search(self.matrix, k + 1)
        out: dict[tuple[int, int], float] = {}
        for r in range(n):
            for s, c in zip(sims[r], ids[r]):
                if c >= 0 and c != r and s >= minimum:
                    a, b = int(self.keys[r]), int(self.keys[c])
                    pair = (a, b) if a < b else (b, a)
                    out[pair] = max(out.get(pair, -1.0), round(float(s), 4))
        return out

    def query(self, vec: np.ndarray, k: int = SEMANTIC_K, minimum: float = SEMANTIC_MIN) -> dict[int, float]:
        if not len(self.keys):
            return {}
        return _top(self.matrix @ self._prepare(vec)[0], self.keys, k, minimum)


class CandidateIndex:
    """The three tiers over one store, rebuilt in memory from its signatures, terms and vectors."""

    def __init__(self, lexical: BandIndex, keyword: KeywordIndex, semantic: VectorIndex | None) -> None:
        self.lexical = lexical
        self.keyword = keyword
        self.semantic = semantic

    @classmethod
    def from_store(cls, store: Store, model: str | None, scheme: Scheme = DEFAULT) -> CandidateIndex:
        keys, sigs = store.signatures(scheme.name)
        lexical = BandIndex(keys, sigs, scheme)
        tkeys, terms = store.terms()
        keyword = KeywordIndex(tkeys, terms)
        semantic = None
        if model:
            vkeys, vecs = store.vectors(model, "mean")
            if len(vkeys):
                semantic = VectorIndex(vkeys, vecs)
        return cls(lexical, keyword, semantic)

    def pairs(self) -> list[Candidate]:
        """Every candidate pair in the corpus, strongest first."""
        tiers = {
            "lexical": {p: s for p, s in self.lexical.pairs().items() if s >= LEXICAL_MIN},
            "keyword": self.keyword.pairs(),
            "semantic": self.semantic.pairs() if self.semantic is not None else {},
        }
        return _merge(tiers)

    def query(self, signature: np.ndarray | None, terms: np.ndarray | None, vector: np.ndarray | None,
              limit: int = 10) -> list[Candidate]:
        """Candidates for one outside article (``a`` = -1), strongest first, at most ``limit``."""
        lexical = self.lexical.query(signature) if signature is not None else {}
        keyword = self.keyword.query(terms) if terms is not None else {}
        semantic = self.semantic.query(vector) if self.semantic is not None and vector is not None else {}
        tiers = {
            "lexical": {(-1, k): s for k, s in lexical.items() if s >= LEXICAL_MIN},
            "keyword": {(-1, k): s for k, s in keyword.items()},
            "semantic": {(-1, k): s for k, s in semantic.items()},
        }
        return _merge(tiers)[:limit]


def _merge(tiers: dict[str, dict[tuple[int, int], float]]) -> list[Candidate]:
    pairs = set().union(*tiers.values())
    out = [Candidate(a, b, **{name: scores.get((a, b)) for name, scores in tiers.items()}) for a, b in pairs]
    out.sort(key=lambda c: (-c.strength, c.a, c.b))
    return out
