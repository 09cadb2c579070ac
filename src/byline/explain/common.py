"""What every explain rule shares: the pair under study, its links, clauses and word roots.

``Pair`` computes each derived view once (links by sentence, clauses, support matrices), so the
rule families stay independent functions of one object and no family pays for another's work twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Protocol

import numpy as np

from ..records import Article, Link, Sentence, Span
from ..text import STOPWORDS, clause_spans, normalise, stem, trim
from .lexicon import FILLER_WORDS

TOKEN = re.compile(r"\w+(?:['’.-]\w+)*", re.UNICODE)
SUPPORTED = 0.5  # the scorer's own line: at or above, the source text says what the copy says


class SupportScorer(Protocol):
    """Anything that scores how well source texts support copy texts (``byline.align.Scorer``)."""

    def matrix(self, copy_texts: Sequence[str], source_texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class Clause:
    """A piece of one sentence; ``span`` points into the article text."""

    sentence: int
    span: Span
    text: str


def root(word: str) -> str:
    """A comparable form of a word: case-folded, possessive cut, crude suffixes stripped."""
    w = normalise(word)
    if w.endswith("'s"):
        w = w[:-2]
    return stem(w)


@lru_cache(maxsize=16384)
def _root_tuple(text: str) -> tuple[str, ...]:
    return tuple(roots(text))


@lru_cache(maxsize=16384)
def root_set(text: str) -> frozenset[str]:
    """``roots(text)`` as a set, cached: rules compare the same sentences many times."""
    return frozenset(_root_tuple(text))


def roots(text: str, skip: frozenset[str] = STOPWORDS) -> list[str]:
    """Roots of the content words of ``text`` (words in ``skip`` left out), in order."""
    out = []
    for tok in TOKEN.findall(normalise(text)):
        if tok.endswith("'s"):
            tok = tok[:-2]
        if tok and tok not in skip and tok not in STOPWORDS:
            out.append(stem(tok))
    return out


def same_root(a: str, b: str) -> bool:
    """Equal roots, or one a short extension of the other ("europe"/"european", "asia"/"asian")."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


def covered(needles: Iterable[str], hay: set[str] | frozenset[str]) -> list[bool]:
    """For each root in ``needles``: is it (or a near form) in ``hay``?"""
    by_prefix = _by_prefix(hay) if isinstance(hay, frozenset) else _group(hay)
    return [n in hay or any(same_root(n, h) for h in by_prefix.get(n[:3], ())) for n in needles]


def _group(hay: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for h in hay:
        out.setdefault(h[:3], []).append(h)
    return out


@lru_cache(maxsize=4096)
def _by_prefix(hay: frozenset[str]) -> dict[str, list[str]]:
    return _group(hay)


def overlap(needle_text: str, hay_text: str) -> float:
    """Share of ``needle_text``'s content roots found in ``hay_text`` (0 when it has none)."""
    needles = _root_tuple(needle_text)
    if not needles:
        return 0.0
    hits = covered(needles, root_set(hay_text))
    return sum(hits) / len(hits)


def novel_roots(text: str, hay: set[str] | frozenset[str]) -> list[str]:
    """Content roots of ``text`` that the source never uses (filler words aside)."""
    rs = roots(text, skip=FILLER_WORDS)
    return [r for r, hit in zip(rs, covered(rs, hay)) if not hit]


def short(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def split_clauses(sent: Sentence, position: int) -> list[Clause]:
    """The clauses of sentence number ``position``, article offsets, light punctuation trimmed."""
    pieces = []
    for sp in clause_spans(sent.text):
        s, e = trim(sent.text, sp.start, sp.end)
        if e > s:
            pieces.append(Clause(position, Span(sent.span.start + s, sent.span.start + e), sent.text[s:e]))
    return pieces or [Clause(position, sent.span, sent.text)]


class Pair:
    """The source and copy articles with their sentences, links and scorer; views are cached."""

    def __init__(self, source: Article, source_sents: Sequence[Sentence], copy: Article,
                 copy_sents: Sequence[Sentence], links: Sequence[Link], scorer: SupportScorer) -> None:
        self.source = source
        self.source_sents = tuple(source_sents)
        self.copy = copy
        self.copy_sents = tuple(copy_sents)
        self.links = tuple(links)
        self.scorer = scorer
        self.cache: dict[str, object] = {}  # per-pair results one family computes and another reads

    @cached_property
    def link_of_copy(self) -> dict[int, Link]:
        """Copy sentence index -> the link that holds it."""
        return {j: link for link in self.links for j in link.b}

    @cached_property
    def links_of_source(self) -> dict[int, list[Link]]:
        """Source sentence index -> the links that use it."""
        out: dict[int, list[Link]] = {}
        for link in self.links:
            for i in link.a:
                out.setdefault(i, []).append(link)
        return out

    @cached_property
    def source_roots(self) -> set[str]:
        """Every content root of the source body: what "the source never says" is measured against."""
        return set(roots(self.source.text))

    @cached_property
    def copy_clauses(self) -> dict[int, list[Clause]]:
        """Copy sentence index -> its clauses (``byline.text.clause_spans``), article offsets."""
        return {j: split_clauses(s, j) for j, s in enumerate(self.copy_sents)}

    @cached_property
    def source_clauses(self) -> dict[int, list[Clause]]:
        """Source sentence index -> its clauses."""
        return {i: split_clauses(s, i) for i, s in enumerate(self.source_sents)}

    def support(self, copy_texts: Sequence[str], source_texts: Sequence[str]) -> np.ndarray:
        """``scorer.matrix`` with empty inputs answered without calling it."""
        if not copy_texts or not source_texts:
            return np.zeros((len(copy_texts), len(source_texts)), dtype=np.float32)
        m = np.asarray(self.scorer.matrix(list(copy_texts), list(source_texts)), dtype=np.float32)
        if m.shape != (len(copy_texts), len(source_texts)):
            raise ValueError(f"scorer returned shape {m.shape}, expected {(len(copy_texts), len(source_texts))}")
        return m

    @cached_property
    def source_sentence_support_texts(self) -> list[str]:
        """Source sentences, then each adjacent pair joined: a copy clause may fuse two sentences."""
        texts = [s.text for s in self.source_sents]
        texts += [f"{a.text} {b.text}" for a, b in zip(self.source_sents, self.source_sents[1:])]
        return texts

    def pair_members(self, column: int) -> tuple[int, ...]:
        """Source sentence indexes behind a column of ``source_sentence_support_texts``."""
        n = len(self.source_sents)
        return (column,) if column < n else (column - n, column - n + 1)
