"""Align stage: link every copy sentence to the source sentences it was made from.

Two signals, because copies come in two kinds:

- lexical: IDF-weighted containment of the copy sentence's (stemmed) content words in the source
  sentence. Verbatim and near copies score close to 1; IDF is computed over both texts' sentences,
  so the words every sentence of a story shares ("China", "Korea") count for little.
- semantic: cosine of sentence embeddings, rescaled per embedder (static and transformer cosines
  live on different scales: see ``SEMANTIC_RANGE``).

``Scorer.matrix`` mixes them into one *support* score in [0, 1]; ``SUPPORTED`` (0.5) is the line
between "the source says this" and "it does not". ``align`` then takes, for each copy sentence, the
best source sentence and greedily adds further source sentences while they add support for words
the first did not cover (fused sentences); a small bonus for keeping the running order breaks ties
between look-alike sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from cydifflib import SequenceMatcher  # difflib's algorithm compiled: the same ratios, ~10x faster

from .embed import Embedder
from .records import Alignment, Link, LinkKind, Sentence
from .text import clause_spans, content_stems, words

# Cosine -> [0, 1] per embedder: (unrelated level, clear paraphrase level). Calibrated on the seed
# pair and the fictional pairs in tests/data/pairs: for the static model unrelated sentences of the
# same story sit around 0.35-0.5, true rewrites of one sentence at 0.7-0.9; MiniLM runs lower.
SEMANTIC_RANGE: dict[str, tuple[float, float]] = {
    "minilm-l6-static-256.v1": (0.45, 0.85),
    "all-minilm-l6-v2": (0.25, 0.80),
    "hash-256.v1": (0.10, 0.70),
}
DEFAULT_RANGE = (0.3, 0.8)

SUPPORTED = 0.5  # support score at which a source text is taken to say what the copy says
LINK_MIN = 0.42  # weakest support still linked (below SUPPORTED: paraphrases that fuse a lot)
FUSE_MIN = 0.30  # a further source sentence must support the copy sentence at least this much ...
FUSE_GAIN = 0.04  # ... and lift the fused support by this much
FUSE_LEX_GAIN = 0.10  # ... and cover this much more of the copy sentence's (IDF-weighted) words
MAX_FUSED = 4  # source sentences behind one copy sentence
CLAUSE_LINK = 0.45  # a clause's best source sentence joins the link at this support ...
CLAUSE_LEX_MIN = 0.15  # ... when they also share some specific words
ORDER_BONUS = 0.04  # for the candidate that continues the running order of the alignment
NEAR_CHARACTERS = 0.8  # difflib ratio of two sentences' words at which a link is a near copy


class Scorer:
    """Support of copy texts by source texts, mixing lexical containment and embeddings."""

    def __init__(self, embedder: Embedder, semantic: bool = True) -> None:
        self.embedder = embedder
        self.range = SEMANTIC_RANGE.get(embedder.name, DEFAULT_RANGE)
        # False: lexical evidence only (texts the English embedders cannot read: any two pages
        # in one foreign language look alike to them)
        self.use_semantic = semantic

    def lexical_only(self) -> Scorer:
        """This scorer without the embedding signal."""
        return Scorer(self.embedder, semantic=False)

    # -- the two signals -------------------------------------------------------------------
    def semantic(self, copy_vecs: np.ndarray, source_vecs: np.ndarray) -> np.ndarray:
        """Cosine rescaled to [0, 1] with the embedder's calibrated range (0 when disabled)."""
        if not self.use_semantic:
            return np.zeros((len(copy_vecs), len(source_vecs)), dtype=np.float32)
        lo, hi = self.range
        cos = copy_vecs @ source_vecs.T
        return np.clip((cos - lo) / (hi - lo), 0.0, 1.0)

    @staticmethod
    def bags(copy_texts: Sequence[str], source_texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Binary stem matrices for both sides over one vocabulary, and IDF over all texts.

        Dense: a pair of articles has tens of sentences and a few hundred stems, where numpy's
        arrays are several times faster to build and multiply than sparse ones."""
        vocab: dict[str, int] = {}
        rows = [[vocab.setdefault(w, len(vocab)) for w in content_stems(text)] for text in [*copy_texts, *source_texts]]
        m = np.zeros((len(rows), max(len(vocab), 1)), dtype=np.float32)
        for r, ids in enumerate(rows):
            m[r, ids] = 1.0
        n = len(rows)
        idf = np.log((n + 1) / (m.sum(axis=0) + 0.5)).astype(np.float32)
        k = len(copy_texts)
        return m[:k], m[k:], idf

    @classmethod
    def lexical(cls, copy_texts: Sequence[str], source_texts: Sequence[str]) -> np.ndarray:
        """IDF-weighted share of each copy text's content stems found in each source text."""
        c, s, idf = cls.bags(copy_texts, source_texts)
        return _weighted_containment(c, s, idf)

    # -- the mix ---------------------------------------------------------------------------
    def combine(self, lex: np.ndarray, sem: np.ndarray) -> np.ndarray:
        """Lexical evidence alone suffices; semantic evidence needs some lexical backing."""
        mixed = 0.65 * sem + 0.35 * lex
        return np.clip(np.maximum(lex, mixed), 0.0, 1.0)

    def matrix(self, copy_texts: Sequence[str], source_texts: Sequence[str]) -> np.ndarray:
        """Support scores, shape (len(copy_texts), len(source_texts)), in [0, 1]."""
        if not copy_texts or not source_texts:
            return np.zeros((len(copy_texts), len(source_texts)), dtype=np.float32)
        vecs = self.embedder.encode([*copy_texts, *source_texts])
        k = len(copy_texts)
        return self.combine(self.lexical(copy_texts, source_texts), self.semantic(vecs[:k], vecs[k:]))


def link_kind(copy_text: str, source_texts: Sequence[str], n_source: int) -> LinkKind:
    """Name the kind of reuse from the surface forms."""
    if n_source > 1:
        return LinkKind.FUSED
    a, b = " ".join(words(source_texts[0])), " ".join(words(copy_text))
    if a == b:
        return LinkKind.VERBATIM
    if SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_CHARACTERS:
        return LinkKind.NEAR
    return LinkKind.PARAPHRASE


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """The per-pair matrices that both ``align`` and ``relate`` read."""

    lex: np.ndarray  # (copy, source)
    sem: np.ndarray  # (copy, source)
    support: np.ndarray  # (copy, source)
    copy_vecs: np.ndarray
    source_vecs: np.ndarray
    copy_bags: np.ndarray  # (copy, vocab) binary stems, as ``Scorer.bags``
    source_bags: np.ndarray  # (source, vocab)
    idf: np.ndarray  # (vocab,)


def features(source: Sequence[Sentence], copy: Sequence[Sentence], scorer: Scorer, vecs: tuple[np.ndarray, np.ndarray] | None = None) -> PairFeatures:
    """Score every copy sentence against every source sentence (embeddings may be passed in)."""
    s_texts, c_texts = [s.text for s in source], [s.text for s in copy]
    if vecs is None:
        allv = scorer.embedder.encode([*c_texts, *s_texts])
        copy_vecs, source_vecs = allv[: len(c_texts)], allv[len(c_texts) :]
    else:
        source_vecs, copy_vecs = vecs
    c_bags, s_bags, idf = Scorer.bags(c_texts, s_texts)
    if not s_texts or not c_texts:
        z = np.zeros((len(c_texts), len(s_texts)), dtype=np.float32)
        return PairFeatures(z, z, z, copy_vecs, source_vecs, c_bags, s_bags, idf)
    lex = _weighted_containment(c_bags, s_bags, idf)
    sem = scorer.semantic(copy_vecs, source_vecs)
    return PairFeatures(lex, sem, scorer.combine(lex, sem), copy_vecs, source_vecs, c_bags, s_bags, idf)


def features_both_ways(source: Sequence[Sentence], copy: Sequence[Sentence], scorer: Scorer,
                       vecs: tuple[np.ndarray, np.ndarray]) -> tuple[PairFeatures, PairFeatures]:
    """``features(source, copy)`` and ``features(copy, source)`` from one pass: both orientations
    share the stem bags, the IDF and the cosines (a pair is aligned both ways to tell which
    side is the copy)."""
    source_vecs, copy_vecs = vecs
    s_texts, c_texts = [s.text for s in source], [s.text for s in copy]
    c_bags, s_bags, idf = Scorer.bags(c_texts, s_texts)
    if not s_texts or not c_texts:
        z = np.zeros((len(c_texts), len(s_texts)), dtype=np.float32)
        return (PairFeatures(z, z, z, copy_vecs, source_vecs, c_bags, s_bags, idf),
                PairFeatures(z.T, z.T, z.T, source_vecs, copy_vecs, s_bags, c_bags, idf))
    sem = scorer.semantic(copy_vecs, source_vecs)
    sem_t = np.ascontiguousarray(sem.T)
    lex = _weighted_containment(c_bags, s_bags, idf)
    lex_t = _weighted_containment(s_bags, c_bags, idf)
    return (PairFeatures(lex, sem, scorer.combine(lex, sem), copy_vecs, source_vecs, c_bags, s_bags, idf),
            PairFeatures(lex_t, sem_t, scorer.combine(lex_t, sem_t), source_vecs, copy_vecs, s_bags, c_bags, idf))


def linkable(copy: Sequence[Sentence], f: PairFeatures) -> float:
    """The most of ``copy`` an alignment with these features can link: the share of its characters
    in sentences that some source sentence supports at least ``LINK_MIN`` (``align`` links no other)."""
    if not f.support.size:
        return 0.0
    best = f.support.max(axis=1)
    return char_coverage(copy, {j for j in range(len(copy)) if best[j] >= LINK_MIN})


def _weighted_containment(c: np.ndarray, s: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """IDF-weighted share of each row of ``c`` found in each row of ``s`` (binary stem rows)."""
    cw = c * idf
    total = cw.sum(axis=1)
    total[total == 0] = 1.0
    return (cw @ s.T) / total[:, None]


def _fused_support(scorer: Scorer, f: PairFeatures, j: int, group: list[int], c_bag: np.ndarray, s_bags: np.ndarray, idf: np.ndarray) -> tuple[float, float]:
    """Support of copy sentence ``j`` by the union of source sentences ``group``, and its lexical part."""
    covered = s_bags[group].max(axis=0)
    total = float((c_bag * idf).sum()) or 1.0
    lex = float((c_bag * covered * idf).sum()) / total
    v = f.source_vecs[group].sum(axis=0)
    v /= np.linalg.norm(v) or 1.0
    sem = float(scorer.semantic(f.copy_vecs[j : j + 1], v[None, :])[0, 0])
    return float(scorer.combine(np.array(lex), np.array(sem))), lex


def align(source: Sequence[Sentence], copy: Sequence[Sentence], scorer: Scorer, f: PairFeatures | None = None) -> Alignment:
    """Link copy sentences to source sentences (``Link.a`` = source, ``Link.b`` = copy)."""
    f = f or features(source, copy, scorer)
    if not source or not copy:
        return Alignment((), tuple(range(len(source))), tuple(range(len(copy))), "byline.align.v1")
    c_dense, s_dense, idf = f.copy_bags, f.source_bags, f.idf
    partners = _clause_partners(source, copy, scorer, f)
    groups: dict[int, tuple[list[int], float]] = {}
    last = -1  # source position of the previous copy sentence's main partner
    for j in range(len(copy)):
        row = f.support[j].copy()
        if last >= 0:  # continuing the running order is the likelier reading of a tie
            nxt = np.arange(len(source))
            row = row + ORDER_BONUS * ((nxt > last) & (nxt <= last + 3))
        best = int(np.argmax(row))
        if f.support[j, best] < LINK_MIN:
            continue
        group = partners.get(j) or [best]
        score, lex = _fused_support(scorer, f, j, group, c_dense[j], s_dense, idf)
        for cand in [best, *np.argsort(-f.support[j])]:
            cand = int(cand)
            if len(group) >= MAX_FUSED or f.support[j, cand] < FUSE_MIN:
                break
            if cand in group:
                continue
            fused, fused_lex = _fused_support(scorer, f, j, [*group, cand], c_dense[j], s_dense, idf)
            # a fused partner must bring words of its own, not only a similar topic
            if fused >= score + FUSE_GAIN and fused_lex >= lex + FUSE_LEX_GAIN:
                group.append(cand)
                score, lex = fused, fused_lex
        groups[j] = (sorted(group), score)
        last = best
    links = _merge_splits(groups, source, copy)
    used_a = {i for link in links for i in link.a}
    used_b = {j for link in links for j in link.b}
    return Alignment(
        links=tuple(links),
        a_unmatched=tuple(i for i in range(len(source)) if i not in used_a),
        b_unmatched=tuple(j for j in range(len(copy)) if j not in used_b),
        method="byline.align.v1",
    )


def _clause_partners(source: Sequence[Sentence], copy: Sequence[Sentence], scorer: Scorer, f: PairFeatures) -> dict[int, list[int]]:
    """For copy sentences of several clauses, the best-supporting source sentence of each clause.

    A rewrite often packs two source sentences into one long sentence ("..., experts believe X,
    and Y"); whole-sentence similarity then favours whichever source sentence shares the topic,
    while each clause still points at its own source.
    """
    pieces: list[tuple[int, str]] = []
    for j, sent in enumerate(copy):
        spans = clause_spans(sent.text)
        if len(spans) > 1:
            pieces.extend((j, sent.text[sp.start : sp.end]) for sp in spans)
    if not pieces:
        return {}
    texts = [t for _, t in pieces]
    vecs = scorer.embedder.encode(texts)
    lex = Scorer.lexical(texts, [s.text for s in source])
    support = scorer.combine(lex, scorer.semantic(vecs, f.source_vecs))
    out: dict[int, list[int]] = {}
    for k, (j, _) in enumerate(pieces):
        i = int(np.argmax(support[k]))
        if support[k, i] >= CLAUSE_LINK and lex[k, i] >= CLAUSE_LEX_MIN and i not in out.get(j, []):
            out.setdefault(j, []).append(i)
    return out


def _merge_splits(groups: dict[int, tuple[list[int], float]], source: Sequence[Sentence], copy: Sequence[Sentence]) -> list[Link]:
    """Consecutive copy sentences drawn from one single source sentence become one split link."""
    links: list[Link] = []
    order = sorted(groups)
    k = 0
    while k < len(order):
        j = order[k]
        group, score = groups[j]
        run = [j]
        while (
            len(group) == 1
            and k + 1 < len(order)
            and order[k + 1] == run[-1] + 1
            and groups[order[k + 1]][0] == group
            and len(source[group[0]].text) > 1.3 * len(copy[order[k + 1]].text)
        ):
            k += 1
            run.append(order[k])
            score = min(score, groups[order[k]][1])
        if len(run) > 1:
            kind = LinkKind.SPLIT
        else:
            kind = link_kind(copy[j].text, [source[i].text for i in group], len(group))
        links.append(Link(a=tuple(group), b=tuple(run), kind=kind, score=round(score, 4)))
        k += 1
    return links


SHARED_TAIL_MIN = 2  # closing sentences two texts share word for word, at least ...
SHARED_TAIL_MAX = 0.5  # ... and at most this share of either text's characters
SAME_SENTENCE = 0.7  # word-set Jaccard at which two sentences count as the same ...
SAME_CHARACTERS = 0.85  # ... or difflib's character ratio


def shared_tail(a: Sequence[Sentence], b: Sequence[Sentence]) -> int:
    """How many closing sentences ``a`` and ``b`` share: a site's or a company's recurring ending.

    Pages of one site end alike ("About Ascom ...", ticket prices, "Click here for our free
    ebook"), and two such pages are not copies of each other for it. Only a shared ending of at
    least ``SHARED_TAIL_MIN`` sentences that leaves each text most of its own counts (a full copy
    shares its ending too, and more); 0 when there is none.
    """
    n = 0
    while n < min(len(a), len(b)) and _same_sentence(a[-1 - n].text, b[-1 - n].text):
        n += 1
    if n < SHARED_TAIL_MIN:
        return 0
    for sents in (a, b):
        if char_coverage(sents, {s.index for s in sents[-n:]}) > SHARED_TAIL_MAX:
            return 0
    return n


def _same_sentence(x: str, y: str) -> bool:
    """The same sentence up to small edits: most words shared, or most characters in order
    ("out-of-the-box" / "out of the box", "15 countries" / "18 countries")."""
    wx, wy = set(words(x)), set(words(y))
    if not wx or not wy:
        return False
    if len(wx & wy) / len(wx | wy) >= SAME_SENTENCE:
        return True
    m = SequenceMatcher(None, x.casefold(), y.casefold(), autojunk=False)
    return m.quick_ratio() >= SAME_CHARACTERS and m.ratio() >= SAME_CHARACTERS


def char_coverage(sentences: Sequence[Sentence], used: set[int]) -> float:
    """Share of the characters of ``sentences`` that lie in the ``used`` ones."""
    total = sum(len(s.span) for s in sentences)
    if not total:
        return 0.0
    return sum(len(s.span) for s in sentences if s.index in used) / total


def order_kept(links: Sequence[Link]) -> float:
    """Kendall-style share of link pairs whose source order matches their copy order (1 = same order)."""
    pts = [(min(l.b), sum(l.a) / len(l.a)) for l in links]
    if len(pts) < 3:
        return 1.0 if pts else 0.0
    agree = total = 0
    for i in range(len(pts)):
        for k in range(i + 1, len(pts)):
            db, da = pts[k][0] - pts[i][0], pts[k][1] - pts[i][1]
            if db == 0 or da == 0:
                continue
            total += 1
            agree += (db > 0) == (da > 0)
    return agree / total if total else 1.0

