"""Lexical fingerprints: MinHash signatures of word 5-gram shingles, and LSH banding over them.

A signature is ``NUM_PERM`` uint32 minimum hashes (rensa's R-MinHash, a Rust implementation,
~15k documents/s) of the article's set of word 5-grams (``byline.text.shingles``). Two
signatures agree in a share of positions that estimates the Jaccard similarity of the two sets.
Signatures travel with their scheme, permutation count and seed (``Scheme``): signatures made
with other parameters are not comparable, and the store keeps the three beside the values.

LSH cuts each signature into ``BANDS`` bands of ``ROWS`` values; two articles become candidates
when any band is equal. With 32 x 4 a pair of Jaccard J is found with probability
1 - (1 - J^4)^32: 0.23 at J = 0.3, 0.87 at J = 0.5, 0.9998 at J = 0.8 (stack.md measured 200/200
pairs at J >= 0.5 on 2,000 documents). Looser reuse is left to the other tiers in ``candidates``.

Key terms (``key_terms``) are the second lexical fingerprint: CRC-32 hashes of an article's most
frequent stemmed content words, which rewrites keep when their 5-grams are gone.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import rensa

from .text import STOPWORDS, shingles, stem, words

SHINGLE_WORDS = 5  # word 5-grams: long enough that shared ones mean copying, not common phrasing
NUM_PERM = 128
SEED = 42
BANDS = 32  # x 4 rows: see the module docstring for the recall curve
EMPTY = np.uint32(0xFFFFFFFF)  # rensa's value for a position no shingle reached (empty set)
# Key terms per article for the keyword tier: on LLMFake (1,072 originals and rewrites) keeping
# the 64, 128 or all stems found the same own-original pairs at top-5; 128 leaves a margin.
MAX_TERMS = 128


@dataclass(frozen=True, slots=True)
class Scheme:
    """How signatures were made; only signatures of one scheme are comparable."""

    name: str = f"rminhash-w{SHINGLE_WORDS}"
    num_perm: int = NUM_PERM
    seed: int = SEED
    bands: int = BANDS

    def __post_init__(self) -> None:
        if self.num_perm % self.bands:
            raise ValueError(f"num_perm {self.num_perm} is not divisible by bands {self.bands}")

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def as_tuple(self) -> tuple[str, int, int]:
        return self.name, self.num_perm, self.seed


DEFAULT = Scheme()


def shingle_sets(texts: Iterable[str]) -> list[set[str]]:
    return [shingles(t, SHINGLE_WORDS) for t in texts]


def signatures(sets: Sequence[set[str]], scheme: Scheme = DEFAULT) -> np.ndarray:
    """uint32 matrix (len(sets), num_perm); an empty set gives a row of ``EMPTY``."""
    if not sets:
        return np.zeros((0, scheme.num_perm), dtype=np.uint32)
    rows = rensa.RMinHash.digest_matrix_from_token_sets(list(sets), scheme.num_perm, scheme.seed).to_rows()
    return np.asarray(rows, dtype=np.uint32)


def signature(text: str, scheme: Scheme = DEFAULT) -> np.ndarray:
    return signatures([shingles(text, SHINGLE_WORDS)], scheme)[0]


def key_terms(text: str | Sequence[str], limit: int = MAX_TERMS) -> np.ndarray:
    """Hashes (uint32, sorted) of the article's ``limit`` most frequent stemmed content words.

    Rewrites change the phrasing but keep the names, places, numbers and topic nouns; these
    terms, weighted by their rarity in the corpus (``candidates.KeywordIndex``), find a rewrite's
    source where shared 5-grams are too few. Ties go to longer words (rarer, on average).
    ``text`` may be the word tokens (``text.words``) already made for the shingles.
    """
    toks = words(text) if isinstance(text, str) else text
    counts: dict[str, int] = {}
    for w, n in Counter(toks).items():  # distinct words only: the per-token loop runs in C
        t = _term(w)
        if t:
            counts[t] = counts.get(t, 0) + n
    if len(counts) <= limit:
        top: list[str] | dict[str, int] = counts
    else:  # the terms counted more often than the limit-th, then its ties: longer words first
        cut = sorted(counts.values(), reverse=True)[limit - 1]
        top = [w for w, n in counts.items() if n > cut]
        top += sorted((w for w, n in counts.items() if n == cut), key=lambda w: (-len(w), w))[: limit - len(top)]
    return np.unique(np.fromiter((_crc(w) for w in top), dtype=np.uint32, count=len(top)))


@lru_cache(maxsize=1 << 18)
def _term(word: str) -> str:
    """The stem a word counts as a key term under, or "" for function words and fragments."""
    if word.endswith("'s"):
        word = word[:-2]
    if (len(word) > 2 or (len(word) == 2 and word.isdigit())) and word not in STOPWORDS:
        return stem(word)
    return ""


@lru_cache(maxsize=1 << 17)
def _crc(word: str) -> int:
    return zlib.crc32(word.encode())


def lexical_features(texts: Iterable[str]) -> tuple[list[set[str]], list[np.ndarray]]:
    """Shingle sets and key terms of each text, tokenised once."""
    sets, terms = [], []
    for t in texts:
        toks = words(t)
        sets.append(shingles(toks, SHINGLE_WORDS))
        terms.append(key_terms(toks))
    return sets, terms


def to_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype="<u4").tobytes()


def from_bytes(data: bytes, num_perm: int = NUM_PERM) -> np.ndarray:
    sig = np.frombuffer(data, dtype="<u4")
    if sig.size != num_perm:
        raise ValueError(f"signature has {sig.size} values, expected {num_perm}")
    return sig.astype(np.uint32)


def is_empty(sigs: np.ndarray) -> np.ndarray:
    """True for rows made from an empty shingle set."""
    return np.all(np.atleast_2d(sigs) == EMPTY, axis=1)


def jaccard(sig: np.ndarray, sigs: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of ``sig`` against every row of ``sigs``."""
    return (np.atleast_2d(sigs) == sig).mean(axis=1)


def band_hashes(sigs: np.ndarray, scheme: Scheme = DEFAULT) -> np.ndarray:
    """uint64 matrix (n, bands): one hash per band, equal when the band's values are equal.

    The values are mixed with a multiply-xorshift (splitmix64 constants); a collision of two
    different bands has probability ~2^-64 per pair, never worth a second check.
    """
    s = np.atleast_2d(sigs).astype(np.uint64).reshape(len(sigs), scheme.bands, scheme.rows)
    h = np.full(s.shape[:2], np.uint64(0x9E3779B97F4A7C15), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(scheme.rows):
            h ^= s[:, :, r] + np.uint64(0x9E3779B97F4A7C15) + (h << np.uint64(6)) + (h >> np.uint64(2))
            h *= np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(31)
        # the band number goes in last, so equal values in different bands never meet
        h ^= np.arange(scheme.bands, dtype=np.uint64) * np.uint64(0x94D049BB133111EB)
    return h


class BandIndex:
    """An in-memory LSH table over stored signatures: pairs within it, and queries against it.

    Built from a (keys, signatures) pair as the store returns them; empty signatures are left
    out. Buckets larger than ``max_bucket`` are boilerplate (a band shared by hundreds of pages,
    e.g. a site's footer made into the whole body) and are skipped: they would add pairs
    quadratically while meaning nothing.
    """

    def __init__(self, keys: np.ndarray, sigs: np.ndarray, scheme: Scheme = DEFAULT, max_bucket: int = 200) -> None:
        keep = ~is_empty(sigs) if len(sigs) else np.zeros(0, dtype=bool)
        self.keys = np.asarray(keys, dtype=np.int64)[keep]
        self.sigs = np.asarray(sigs, dtype=np.uint32)[keep] if len(sigs) else np.zeros((0, scheme.num_perm), np.uint32)
        self.scheme = scheme
        self.max_bucket = max_bucket
        hashes = band_hashes(self.sigs, scheme).ravel() if len(self.sigs) else np.zeros(0, dtype=np.uint64)
        rows = np.repeat(np.arange(len(self.sigs)), scheme.bands)
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._rows = rows[order]

    def __len__(self) -> int:
        return len(self.keys)

    def pairs(self) -> dict[tuple[int, int], float]:
        """Every pair of keys (a < b) sharing a band, with its estimated Jaccard."""
        h = self._hashes
        if len(h) < 2:
            return {}
        starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
        ends = np.r_[starts[1:], len(h)]
        sizes = ends - starts
        rows_a: list[np.ndarray] = []
        rows_b: list[np.ndarray] = []
        for s, e in zip(starts[(sizes > 1) & (sizes <= self.max_bucket)], ends[(sizes > 1) & (sizes <= self.max_bucket)]):
            members = self._rows[s:e]
            i, j = np.triu_indices(len(members), 1)
            rows_a.append(members[i])
            rows_b.append(members[j])
        if not rows_a:
            return {}
        ra, rb = np.concatenate(rows_a), np.concatenate(rows_b)
        lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
        uniq = np.unique(np.stack([lo, hi], axis=1), axis=0)
        uniq = uniq[uniq[:, 0] != uniq[:, 1]]
        est = (self.sigs[uniq[:, 0]] == self.sigs[uniq[:, 1]]).mean(axis=1)
        out = {}
        for (i, j), e in zip(uniq.tolist(), est.tolist()):
            a, b = int(self.keys[i]), int(self.keys[j])
            out[(min(a, b), max(a, b))] = float(e)
        return out

    def query(self, sig: np.ndarray) -> dict[int, float]:
        """Keys sharing a band with ``sig``, with their estimated Jaccard."""
        if not len(self.keys) or is_empty(sig)[0]:
            return {}
        qh = band_hashes(np.atleast_2d(sig), self.scheme)[0]
        lo = np.searchsorted(self._hashes, qh, side="left")
        hi = np.searchsorted(self._hashes, qh, side="right")
        hits = [self._rows[s:e] for s, e in zip(lo, hi) if 0 < e - s <= self.max_bucket]
        if not hits:
            return {}
        rows = np.unique(np.concatenate(hits))
        est = (self.sigs[rows] == np.asarray(sig, dtype=np.uint32)).mean(axis=1)
        return {int(self.keys[r]): float(e) for r, e in zip(rows, est)}
