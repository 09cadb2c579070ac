"""Compare two articles: the pairwise engine behind ``byline compare``, ``trace`` and the benchmarks.

    Page -> extract -> Article -> text.split_sentences -> embed (once per pair)
         -> align (both ways) -> relate -> explain (derived pairs only) -> Comparison

An ``Engine`` holds the loaded models, so many pairs share one load.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import replace
from functools import lru_cache

import numpy as np

from .align import Scorer, align, char_coverage, features_both_ways, linkable, shared_tail
from .embed import Embedder, load_embedder
from .errors import InputError
from .explain import explain
from .extract import extract
from .read import read_page
from .records import Alignment, Article, Comparison, Finding, Link, Relation, RelationKind, Sentence
from .relate import STRONG, plainly_unrelated, relate
from .text import content_words, is_english, split_sentences, stem

LOGGER = logging.getLogger(__name__)


# When the fast static model leaves a pair in the grey zone (same topic, reuse neither clear nor
# absent), the transformer re-reads it: heavy LLM rewrites ("exquisite duo captivated onlookers")
# share few words and defeat static vectors, while MiniLM still pairs their sentences.
VERIFY_KINDS = frozenset({RelationKind.INDEPENDENT, RelationKind.PARTIAL, RelationKind.UNRELATED, RelationKind.REWRITE, RelationKind.SUMMARY})
VERIFY_TOPIC = 0.55  # static topic cosine below which a pair is plainly unrelated
VERIFY_CONFIDENT = 0.8  # rewrite/summary verdicts at or above this confidence stand
VERIFY_SHARED_SPECIFICS = 0.03  # "unrelated" pairs sharing fewer names than this stand


class Engine:
    """Loaded models plus the pairwise pipeline; reuse one for many pairs.

    ``model``: "auto" (static embeddings, MiniLM re-reads grey-zone pairs), "static", "minilm",
    or "hash" (no model; tests).
    """

    def __init__(self, embedder: Embedder | None = None, model: str = "auto", explain: bool = True,
                 skip_unrelated: bool = False) -> None:
        self.model = model if embedder is None else embedder.name
        self.explain = explain  # False: verdict and alignment only (passage search, corpus work)
        # True: a pair that is plainly unrelated (relate.plainly_unrelated) gets its verdict without
        # an alignment: same kind and confidence, no links (corpus work, where most candidates are)
        self.skip_unrelated = skip_unrelated
        self.embedder = embedder or load_embedder("static" if model == "auto" else model)
        self.scorer = Scorer(self.embedder)
        self._verifier: Scorer | None = None

    @property
    def verifier(self) -> Scorer:
        """The MiniLM scorer, loaded on first need."""
        if self._verifier is None:
            self._verifier = Scorer(load_embedder("minilm"))
        return self._verifier

    def load(self, path: str) -> Article:
        return load_article(path)

    def compare_paths(self, a_path: str, b_path: str) -> Comparison:
        return self.compare(load_article(a_path), load_article(b_path))

    def compare(self, a: Article, b: Article, a_sentences: tuple[Sentence, ...] | None = None,
                b_sentences: tuple[Sentence, ...] | None = None) -> Comparison:
        """Align, relate and explain one pair of articles.

        ``a_sentences`` / ``b_sentences``: the texts' sentences where they are known already, as
        ``split_sentences`` gives them (the store keeps them); otherwise the texts are split here.
        """
        start = time.perf_counter()
        full_a, full_b = a, b
        a_sents = all_a_sents = a_sentences or _sentences(a)
        b_sents = all_b_sents = b_sentences or _sentences(b)
        # A shared closing block (a site's "About us", a press office's boilerplate) is left out of
        # the verdict; links index the kept opening sentences, which keep their numbers.
        tail = shared_tail(a_sents, b_sents)
        if tail:
            a, a_sents = _without_tail(a, a_sents, tail)
            b, b_sents = _without_tail(b, b_sents, tail)
        scorer = self.scorer
        english = is_english(a.text) and is_english(b.text)
        if not english:  # the embedders read English only: keep to the words themselves
            scorer = scorer.lexical_only()
        relation, b_from_a, a_from_b = _relate(a, a_sents, b, b_sents, scorer, None if english else _word_topic(a, b),
                                                self.skip_unrelated)
        if not english:
            relation = replace(relation, evidence={**relation.evidence, "lexical_only": "not English"})
        elif self.model == "auto" and _grey(relation):
            scorer = self.verifier
            # the topic stays the static model's: its same-story threshold is calibrated for it
            topic = float(relation.evidence["copy_topic"])
            relation, b_from_a, a_from_b = _relate(a, a_sents, b, b_sents, scorer, topic, self.skip_unrelated)
            relation = replace(relation, evidence={**relation.evidence, "verified_by": scorer.embedder.name})
        if tail:
            relation = replace(relation, evidence={**relation.evidence, "shared_tail_sentences": tail})

        if relation.original == "b":  # a is the copy: turn b-source links into argument terms
            source, source_sents, copy, copy_sents = b, b_sents, a, a_sents
            oriented = a_from_b.links
            links = tuple(Link(a=l.b, b=l.a, kind=l.kind, score=l.score) for l in oriented)
        else:
            source, source_sents, copy, copy_sents = a, a_sents, b, b_sents
            oriented = links = b_from_a.links
        findings: tuple[Finding, ...] = ()
        all_links = links
        if relation.kind.derived:
            if self.explain:
                try:
                    findings = explain(source, source_sents, copy, copy_sents, oriented, scorer)
                except Exception as exc:  # a rule's bug must not cost the user the verdict
                    LOGGER.warning("byline: %s / %s: explain failed (%s: %s); verdict kept, no findings",
                                   a.path, b.path, type(exc).__name__, exc)
                    relation = replace(relation, evidence={**relation.evidence, "explain_error": type(exc).__name__})
        else:
            links = tuple(l for l in links if l.score >= STRONG)  # keep only what is clearly shared
        used_a = {i for l in links for i in l.a}
        used_b = {j for l in links for j in l.b}
        a, b, a_sents, b_sents = full_a, full_b, all_a_sents, all_b_sents
        coverage = {"a_used": round(char_coverage(a_sents, used_a), 4), "b_supported": round(char_coverage(b_sents, used_b), 4)}
        return Comparison(a=a, b=b, a_sentences=a_sents, b_sentences=b_sents, links=links, relation=relation,
                          findings=findings, coverage=coverage, seconds=time.perf_counter() - start, all_links=all_links)


def load_article(path: str) -> Article:
    """Read and extract one page (``-`` = stdin); raises ``InputError`` for unusable input."""
    return extract(read_page(path))


def _relate(a: Article, a_sents: tuple[Sentence, ...], b: Article, b_sents: tuple[Sentence, ...], scorer: Scorer,
            topic: float | None = None, skip_unrelated: bool = False) -> tuple[Relation, Alignment, Alignment]:
    """Embed once, align both ways, relate (or, with ``skip_unrelated``, stop where the verdict is plain)."""
    vecs = scorer.embedder.encode([s.text for s in (*a_sents, *b_sents)])
    a_vecs, b_vecs = vecs[: len(a_sents)], vecs[len(a_sents) :]
    f_b, f_a = features_both_ways(a_sents, b_sents, scorer, vecs=(a_vecs, b_vecs))
    topic = _topic(a_vecs, b_vecs) if topic is None else topic
    if skip_unrelated:
        plain = plainly_unrelated(a, b, linkable(a_sents, f_a), linkable(b_sents, f_b), topic)
        if plain is not None:
            a_all, b_all = tuple(range(len(a_sents))), tuple(range(len(b_sents)))
            return plain, Alignment((), a_all, b_all, "byline.align.v1"), Alignment((), b_all, a_all, "byline.align.v1")
    b_from_a = align(a_sents, b_sents, scorer, f_b)
    a_from_b = align(b_sents, a_sents, scorer, f_a)
    return relate(a, a_sents, b, b_sents, b_from_a, a_from_b, topic=topic), b_from_a, a_from_b


def _without_tail(article: Article, sents: tuple[Sentence, ...], tail: int) -> tuple[Article, tuple[Sentence, ...]]:
    """The article and its sentences without the last ``tail`` sentences."""
    kept = sents[:-tail]
    return replace(article, text=article.text[: kept[-1].span.end]), kept


def _grey(relation: Relation) -> bool:
    """Is the static verdict unsure enough to be worth the transformer's time?"""
    ev = relation.evidence
    if relation.kind not in VERIFY_KINDS or float(ev.get("copy_topic", 0.0)) < VERIFY_TOPIC:
        return False
    if relation.kind in (RelationKind.REWRITE, RelationKind.SUMMARY):
        return relation.confidence < VERIFY_CONFIDENT or relation.original == "unknown"
    if relation.kind is RelationKind.UNRELATED:
        # Different people, places and numbers: no rewording hides that, no need to look twice.
        return float(ev.get("copy_shared_specifics", 0.0)) >= VERIFY_SHARED_SPECIFICS
    return True


# A corpus trace compares each article with several others: split each text once.
_split = lru_cache(maxsize=2048)(split_sentences)


def _sentences(article: Article) -> tuple[Sentence, ...]:
    sents = _split(article.text)
    if not sents:
        raise InputError(article.path, "no sentences in the article body")
    return sents


def _word_topic(a: Article, b: Article) -> float:
    """Cosine of the two texts' stem counts: the topic measure where embeddings cannot be read."""
    ca, cb = Counter(stem(w) for w in content_words(a.text)), Counter(stem(w) for w in content_words(b.text))
    dot = sum(n * cb[w] for w, n in ca.items())
    denom = float(np.sqrt(sum(n * n for n in ca.values()) * sum(n * n for n in cb.values()))) or 1.0
    return round(dot / denom, 4)


def _topic(a_vecs: np.ndarray, b_vecs: np.ndarray) -> float:
    """Cosine of the two mean sentence vectors: same story or not."""
    va, vb = a_vecs.mean(axis=0), b_vecs.mean(axis=0)
    denom = float(np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0
    return round(float(va @ vb) / denom, 4)

