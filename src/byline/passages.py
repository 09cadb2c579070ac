"""Reused passages: sentence links of a comparison merged into maximal stretches of text.

A long document often reuses only a part of another (PAN's text-alignment cases, a wire story
quoted inside a longer piece). Sentence links say *which* sentences correspond; a passage says
*where* the reuse starts and ends, as one character range in each text, which is what a reader
(and PAN's character-level evaluation) wants.

Seed and extend. Every link is cut into its sentence pairs (a fused link of three source
sentences gives three pairs, which need not lie together). Pairs whose two sentences share many
content words are *seeds*; seeds lying close together in both texts (``MAX_GAP`` sentences or
fewer in between on each side) merge into passages. Pairs that share fewer words only *extend* a
passage they sit next to: on their own they are too often a short sentence "supported" by any
long one that happens to contain its few words. A passage needs two sentence pairs, or one long,
clearly shared sentence, and its two stretches must share words as a whole (``_valid``).

Each sentence has one origin: where passages compete for a sentence the one with more shared
words keeps it (a sentence the other text repeats is first re-paired with the copy next to its
neighbours, ``_nearest_copies``). The ends of a passage then move by whole sentences to where the
shared words start and stop, taking in neighbours on both sides that look like each other
(``_refine``), and inside its first and last sentences to where the copy starts and ends
(``_trim``): sentence boundaries of the two texts need not agree. Passages shorter than
``MIN_CHARS`` on either side are dropped.

A summary condenses a whole text into a few adjacent sentences of the other, each drawing on a
different part of it. Summaries are looked for in one text, the copy (``copy``; by default the one
the relation found to be the copy): a run of summary sentences becomes one passage against the
whole source text and absorbs the piecemeal passages found inside it (``_summary``); passages
next to each other in the copy and apart in the source join when together they condense
(``_join_pieces``); and a passage that condenses its source stretch, or whose sentences draw on
source sentences spread wide, gets the whole source text (``_whole``).

Constants were calibrated on PAN13 training pairs (``python -m bench.pan13``): first on a seeded
sample of 200 pairs per sub-corpus to tune and a second to check, later (the boundary, edge,
duplicate, length and summary rules of issue 4) on the engine's links for the whole training
corpus, cached once and re-read by the passage rules, one rule at a time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from cydifflib import SequenceMatcher  # difflib's algorithm compiled: the same ratios, ~10x faster

from .records import Comparison, Link, LinkKind, Sentence
from .text import content_stems, words

# Sentences that may separate two pairs of one passage, on each side. Gaps of 2 and 3 scored
# within 0.005 plagdet of each other on the tuning sample (3 slightly ahead); 0 splits passages
# at every dropped or inserted sentence, larger gaps join separate cases.
MAX_GAP = 3
# Dice of the two sentences' content stems for a seed. Seeding on every link scored plagdet 0.54
# (false passages from look-alike sentences of same-topic documents); 0.35-0.5 are within 0.005
# of each other. Inside gold cases verbatim pairs sit near 1, translated ones at 0.4-0.8,
# randomly obfuscated ones at 0.2-0.8.
SEED_DICE = 0.45
# A pair the aligner found strongly supported (support >= SEED_SUPPORT) seeds with less Dice:
# random word shuffles and substitutions leave Dice at 0.3-0.45 where the embedding still
# recognises the sentence. Raised random-obfuscation plagdet by 0.02 on both samples, others flat.
SEED_SUPPORT = 0.8
SEED_SUPPORT_DICE = 0.3
# Pairs in a diagonal run (the next pair at most RUN_STEP sentences on in both texts) seed with
# support >= RUN_SUPPORT and Dice >= RUN_DICE: two look-alike pairings rarely follow each other in
# both texts, while heavily obfuscated copies keep their order. Of the random-obfuscation cases
# the seeds above missed, 84 of 121 (full train sub-corpus) had two or more such links inside;
# the runs took that sub-corpus from 0.882 to 0.889 and both samples' entire plagdet up 0.002-0.003.
RUN_SUPPORT = 0.5
RUN_DICE = 0.15
RUN_STEP = 2
# A non-seed pair extends a passage only with this much Dice and comparable lengths (shorter /
# longer sentence >= EXTEND_RATIO). Without the Dice floor every same-topic neighbour joined:
# precision 0.89 against 0.93 at 0.3 (recall 0.90 against 0.89).
EXTEND_DICE = 0.3
EXTEND_RATIO = 0.33
# A sentence paired with a near copy of itself (Dice >= CLAIM_DICE) drops its other pairings
# that share clearly fewer words (by CLAIM_MARGIN): a long document aligned into a shorter one
# gives each of its sentences some partner, often a sentence that already has its real copy.
CLAIM_DICE = 0.8
CLAIM_MARGIN = 0.3
# A passage of one sentence pair only when the pair shares most of its words and is long (content
# words on each side). Against 0.7 and 6 words: random obfuscation 0.894 -> 0.898, translation
# 0.926 -> 0.929 (single reworded sentences found), no obfuscation flat; 0.55-0.65 within 0.001.
LONE_DICE = 0.6
LONE_WORDS = 10
# A passage's two stretches must share this Dice of content stems, or this share of the shorter
# side's word trigrams: look-alike sentences of two same-topic texts pair up one by one, but as
# stretches they share little. Gold cases of every obfuscation sit above (translations on the
# Dice, light rewording on both); dropped 40 % of the false passages for 1 % of the true ones.
VALID_DICE = 0.35
VALID_TRIGRAMS = 0.1
# Moving a passage's ends by whole sentences: an end sentence with fewer than REFINE_DROP of its
# content stems in the other stretch is dropped; a neighbour with at least REFINE_ADD is taken
# in (judged on sentences of REFINE_WORDS or more stems). Gold cases: their own sentences have a
# median 0.7-1.0 of their stems in the other side, neighbours outside them 0.1, 90 % under 0.45.
REFINE_DROP = 0.25
REFINE_ADD = 0.7
REFINE_WORDS = 3
REFINE_STEPS = 3
# Shared words in a row that mark where a passage really starts or ends inside its first or last
# sentence: 3 is rare by chance between different sentences, and survives light obfuscation.
TRIM_RUN = 3
# From that run the span moves back (on) over every content word the other sentence also has and
# stops at TRIM_MISS content words in a row that it lacks: a reworded or translated opening keeps
# some of the other sentence's words every few words, the foreign sentence a copy was pasted into
# keeps none. Against the earlier rule (cut only the side with the longer unshared lead, down to
# the other's), on the PAN13 training corpus: no obfuscation 0.950 -> 0.957 (both sides of a case
# that starts or ends mid-sentence are now cut), translation 0.925 -> 0.929, random 0.896 ->
# 0.898; 4 and 6 scored within 0.001 of 5 on the entire corpus.
TRIM_MISS = 5
# Neighbours that extend a passage on both sides at once: the sentences just before (after) its
# first (last) sentences, when they share this Dice of content stems with each other and are of
# comparable length. Random obfuscation leaves the edge sentences of a case with Dice 0.2-0.45,
# too little to link or to pass REFINE_ADD against the whole other stretch, but two look-alike
# neighbours that both sit right at the passage's edges are rare. 0.3: recall +0.004 on random
# obfuscation and +0.006 on translation for 0.004 of precision; 0.25 and 0.35 within 0.0005.
EDGE_DICE = 0.3
# Passages shorter than this (characters, on either side) are dropped: same-topic pages share
# headings, citation lines and stock phrases, and a stretch this short rarely carries reuse worth
# a passage (PAN13's shortest cases are 150-200 characters on the side that kept its length).
# Took 31 of the 126 false passages on the PAN13 training corpus and 11 of 3,796 true ones (entire
# plagdet 0.919 -> 0.923); 150 cost randomly obfuscated cases, whose copies shrink to a third.
MIN_CHARS = 100
# Short side / long side (characters) below which a reworded passage is called a summary.
SUMMARY_RATIO = 0.5
# A summary: at least SUMMARY_MIN adjacent copy sentences (SUMMARY_RUN_GAP unlinked ones may sit
# between) linked with support >= SUMMARY_LINK and Dice >= SUMMARY_PAIR_DICE to the source, whose
# best partners make SUMMARY_JUMPS or more jumps of SUMMARY_JUMP sentences or more (a copy moves
# one sentence at a time; randomly obfuscated copies move back and forth by one or two) and reach
# over SUMMARY_REACH times the run's own length of source; the source is at most SUMMARY_LENGTH
# times as long as the run. Against the earlier rule (median step >= 2, partners spread over 30 %
# of the source), on the PAN13 training corpus: random obfuscation 0.896 -> 0.898, translation
# 0.928 -> 0.929 (the old rule took locally shuffled copies for summaries), summary 0.822 -> 0.821.
SUMMARY_MIN = 3
SUMMARY_RUN_GAP = 1
SUMMARY_LINK = 0.6
SUMMARY_PAIR_DICE = 0.3
SUMMARY_JUMP = 3
SUMMARY_JUMPS = 2
SUMMARY_REACH = 2.0
SUMMARY_LENGTH = 15
SUMMARY_ABSORB = 1  # passages within this many sentences of a summary's run are pieces of it
# A summary condenses the whole text it was made from: a reworded passage whose copy side is below
# SUMMARY_CONDENSED of its source side (random obfuscation and translation rarely shrink a text
# below a third; PAN13's summaries sit at 0.05-0.26) gets the whole source text. So does a passage
# whose copy sentences, counting every pairing (those that lost to another passage too), draw on
# source sentences spread over WHOLE_SPREAD of the source and SUMMARY_CONDENSED times its copy side.
# Summary plagdet 0.77 -> 0.82 on the training corpus, random obfuscation 0.901 -> 0.898 (copies
# shrunk to a third); 0.25 gave back half of both.
SUMMARY_CONDENSED = 0.33
WHOLE_SPREAD = 0.3
# Two passages at most JOIN_GAP sentences apart on the copy side and apart on the source side are
# pieces of one summary when together they condense (copy side < SUMMARY_RATIO of the source
# stretch they span): a summary of news takes a few sentences from the top of the article, then
# jumps. Two copied blocks placed next to each other can condense as far (42 % of the adjacent
# case pairs of PAN13's other sub-corpora do), but they are longer than a summary's picks: a
# piece of JOIN_BLOCK or more linked sentences joins nothing. On the training corpus: summary
# granularity 1.12 -> 1.01; JOIN_BLOCK 3 cost the summary sub-corpus 0.05 plagdet, 4 0.01, no
# limit cost the no-obfuscation sub-corpus 0.002 for +0.004 on summaries; JOIN_GAP 1-3 within 0.003.
JOIN_GAP = 2
JOIN_BLOCK = 5

_LITERAL = (LinkKind.VERBATIM, LinkKind.NEAR)
_WORD = re.compile(r"\w+")

Pair = tuple[int, int, Link, float]  # (a sentence, b sentence, link, Dice of the two)


@dataclass
class _Group:
    """Sentence pairs merged so far, as inclusive sentence-index ranges on both sides."""

    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    pairs: list[Pair] = field(default_factory=list)

    def absorb(self, other: _Group) -> None:
        self.a_lo, self.a_hi = min(self.a_lo, other.a_lo), max(self.a_hi, other.a_hi)
        self.b_lo, self.b_hi = min(self.b_lo, other.b_lo), max(self.b_hi, other.b_hi)
        self.pairs.extend(other.pairs)

    @property
    def links(self) -> list[Link]:
        return list({id(p[2]): p[2] for p in self.pairs}.values())

    @property
    def literal(self) -> bool:
        """Mostly verbatim or near-verbatim pairs?"""
        return 2 * sum(p[2].kind in _LITERAL for p in self.pairs) >= len(self.pairs)


class _Bags:
    """Content-stem sets of the sentences of both texts, computed once each."""

    def __init__(self, a_sentences: Sequence[Sentence], b_sentences: Sequence[Sentence]) -> None:
        self.sents = {"a": a_sentences, "b": b_sentences}
        self._bags: dict[tuple[str, int], frozenset[str]] = {}

    def __call__(self, side: str, k: int) -> frozenset[str]:
        if (side, k) not in self._bags:
            self._bags[(side, k)] = _bag(self.sents[side][k].text)
        return self._bags[(side, k)]

    def union(self, side: str, lo: int, hi: int) -> frozenset[str]:
        """Stems of sentences ``lo..hi`` (inclusive, clipped to the text)."""
        n = len(self.sents[side])
        return frozenset().union(*(self(side, k) for k in range(max(lo, 0), min(hi, n - 1) + 1)))


def _bag(text: str) -> frozenset[str]:
    return frozenset(content_stems(text))


def _dice(x: frozenset[str], y: frozenset[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


# -- seed and extend ------------------------------------------------------------------------------


def _gap(lo1: int, hi1: int, lo2: int, hi2: int) -> int:
    """Sentences strictly between two inclusive ranges (negative when they overlap)."""
    return max(lo2 - hi1, lo1 - hi2) - 1


def _close(x: _Group, y: _Group, max_gap: int) -> bool:
    return _gap(x.a_lo, x.a_hi, y.a_lo, y.a_hi) <= max_gap and _gap(x.b_lo, x.b_hi, y.b_lo, y.b_hi) <= max_gap


def _merge(groups: list[_Group], max_gap: int) -> list[_Group]:
    """Merge groups pairwise until no two groups are close on both sides."""
    changed = True
    while changed:
        changed = False
        groups.sort(key=lambda g: (g.b_lo, g.a_lo))
        out: list[_Group] = []
        for g in groups:
            for o in reversed(out):
                if _close(o, g, max_gap):
                    o.absorb(g)
                    changed = True
                    break
            else:
                out.append(g)
        groups = out
    return groups


def _nearest_copies(raw: list[tuple[int, int, Link]], a_sentences: Sequence[Sentence],
                    b_sentences: Sequence[Sentence]) -> list[tuple[int, int, Link]]:
    """Sentence pairs re-pointed to the copy, among identical sentences of one text, that lies
    next to the pairs around it.

    A text that repeats a sentence (a boilerplate line, a heading used twice) gives the aligner
    two equally good partners, and it keeps the first; the one that continues the pairs around
    it (``MAX_GAP`` + 1 sentences on either side in the other text) is the likelier origin.
    """

    def copies(sents: Sequence[Sentence]) -> dict[int, list[int]]:
        where: dict[str, list[int]] = {}
        for s in sents:
            key = " ".join(s.text.casefold().split())
            if key.count(" ") >= 2:
                where.setdefault(key, []).append(s.index)
        return {k: v for v in where.values() if len(v) > 1 for k in v}

    dup_a, dup_b = copies(a_sentences), copies(b_sentences)
    if not dup_a and not dup_b:
        return raw
    out = []
    for i, j, link in raw:
        if i in dup_a:
            near = [x for x, y, _ in raw if 0 < abs(y - j) <= MAX_GAP + 1]
            if near:
                i = min(dup_a[i], key=lambda c: min(abs(c - x) for x in near))
        if j in dup_b:
            near = [y for x, y, _ in raw if 0 < abs(x - i) <= MAX_GAP + 1]
            if near:
                j = min(dup_b[j], key=lambda c: min(abs(c - y) for y in near))
        out.append((i, j, link))
    return out


def _diagonal_runs(pairs: Sequence[Pair]) -> set[tuple[int, int]]:
    """Sentence pairs with a neighbour pair one to ``RUN_STEP`` sentences on in both texts."""
    ok = {(i, j) for i, j, link, d in pairs if link.score >= RUN_SUPPORT and d >= RUN_DICE}
    out: set[tuple[int, int]] = set()
    for i, j in ok:
        for di in range(1, RUN_STEP + 1):
            for dj in range(1, RUN_STEP + 1):
                if (i + di, j + dj) in ok:
                    out |= {(i, j), (i + di, j + dj)}
    return out


def _extend(groups: list[_Group], rest: list[_Group], max_gap: int, a_sentences: Sequence[Sentence],
            b_sentences: Sequence[Sentence]) -> None:
    """Weaker pairs join the passage they sit next to, until none joins any more.

    A pair joins only with two sentences new to the passage: a sentence already paired inside it
    attracts weak second partners from all around (every nearby sentence of the other text is a
    little like it), which would stretch the passage over text that was not reused.
    """
    rest = [r for r in rest if r.pairs[0][3] >= EXTEND_DICE and _balanced(a_sentences[r.a_lo], b_sentences[r.b_lo])]
    changed = True
    while changed and rest:
        changed = False
        left = []
        for r in rest:
            i, j = r.a_lo, r.b_lo
            for g in groups:
                if _close(g, r, max_gap) and all(p[0] != i and p[1] != j for p in g.pairs):
                    g.absorb(r)
                    changed = True
                    break
            else:
                left.append(r)
        rest = left


def _balanced(x: Sentence, y: Sentence) -> bool:
    """Are two sentences of comparable length (``EXTEND_RATIO``)?"""
    return min(len(x.span), len(y.span)) >= EXTEND_RATIO * max(len(x.span), len(y.span))


def _resolve(groups: list[_Group], kept: Callable[[_Group], bool]) -> list[_Group]:
    """One origin per sentence: where passages overlap in one text, the stronger one keeps it.

    A source that repeats itself (a boilerplate paragraph, a quote used twice) pairs one copy
    sentence with several source sentences; each pairing grows its own passage. The passage with
    more shared words keeps the contested sentences; the weaker one loses those pairs and is
    dropped if too little remains.
    """
    accepted: list[_Group] = []
    for g in sorted(groups, key=lambda g: sum(p[3] for p in g.pairs), reverse=True):
        for o in accepted:
            on_a = g.a_lo <= o.a_hi and o.a_lo <= g.a_hi
            on_b = g.b_lo <= o.b_hi and o.b_lo <= g.b_hi
            if on_a and on_b:  # two pieces of one passage: join them
                o.absorb(g)
                g = None
                break
            if on_a or on_b:
                g = _without(g, o)
                if g is None:
                    break
        if g is not None and kept(g):
            accepted.append(g)
    return accepted


def _without(g: _Group, o: _Group) -> _Group | None:
    """``g`` minus its pairs that use a sentence inside ``o``'s ranges; None if nothing is left."""
    pairs = [p for p in g.pairs if not (o.a_lo <= p[0] <= o.a_hi or o.b_lo <= p[1] <= o.b_hi)]
    if not pairs:
        return None
    return _Group(min(p[0] for p in pairs), max(p[0] for p in pairs), min(p[1] for p in pairs), max(p[1] for p in pairs), pairs)


def _valid(g: _Group, bags: _Bags) -> bool:
    """Do the two stretches share enough words, or enough word sequences, to be one reuse?"""
    if _dice(bags.union("a", g.a_lo, g.a_hi), bags.union("b", g.b_lo, g.b_hi)) >= VALID_DICE:
        return True
    wa = [w for s in bags.sents["a"][g.a_lo : g.a_hi + 1] for w in words(s.text)]
    wb = [w for s in bags.sents["b"][g.b_lo : g.b_hi + 1] for w in words(s.text)]
    ta = {tuple(wa[k : k + 3]) for k in range(len(wa) - 2)}
    tb = {tuple(wb[k : k + 3]) for k in range(len(wb) - 2)}
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= VALID_TRIGRAMS


# -- boundaries -----------------------------------------------------------------------------------


def _refine(g: _Group, bags: _Bags, others: Sequence[_Group]) -> None:
    """Move a passage's ends by whole sentences to where the shared words start and stop.

    First drop end sentences whose words the other stretch (one sentence wider on each side)
    lacks, then take in the next sentences on both sides together when they look like each other
    (``EDGE_DICE``), then single neighbours whose words the other stretch has: a reused sentence
    whose link went elsewhere, or that was too short to pair, still belongs to the passage. A
    sentence inside another passage is never taken.
    """

    def share(side: str, k: int, other: frozenset[str]) -> float | None:
        x = bags(side, k)
        return len(x & other) / len(x) if len(x) >= REFINE_WORDS else None

    def low(side: str, k: int, other: frozenset[str]) -> bool:
        s = share(side, k, other)
        return s is not None and s < REFINE_DROP

    for _ in range(REFINE_STEPS):
        other_a, other_b = bags.union("a", g.a_lo - 1, g.a_hi + 1), bags.union("b", g.b_lo - 1, g.b_hi + 1)
        before = (g.a_lo, g.a_hi, g.b_lo, g.b_hi)
        if g.a_hi > g.a_lo and low("a", g.a_lo, other_b):
            g.a_lo += 1
        if g.a_hi > g.a_lo and low("a", g.a_hi, other_b):
            g.a_hi -= 1
        if g.b_hi > g.b_lo and low("b", g.b_lo, other_a):
            g.b_lo += 1
        if g.b_hi > g.b_lo and low("b", g.b_hi, other_a):
            g.b_hi -= 1
        if before == (g.a_lo, g.a_hi, g.b_lo, g.b_hi):
            break

    def add(side: str, k: int, other: frozenset[str]) -> bool:
        if not 0 <= k < len(bags.sents[side]) or _taken(others, g, side, k):
            return False
        s = share(side, k, other)
        return s is not None and s >= REFINE_ADD

    def both(i: int, j: int) -> bool:
        """Do sentence ``i`` of a and ``j`` of b, just outside the passage, look like each other?"""
        if not (0 <= i < len(bags.sents["a"]) and 0 <= j < len(bags.sents["b"])):
            return False
        if _taken(others, g, "a", i) or _taken(others, g, "b", j):
            return False
        return _dice(bags("a", i), bags("b", j)) >= EDGE_DICE and _balanced(bags.sents["a"][i], bags.sents["b"][j])

    for _ in range(REFINE_STEPS):
        before = (g.a_lo, g.a_hi, g.b_lo, g.b_hi)
        if both(g.a_lo - 1, g.b_lo - 1):
            g.a_lo, g.b_lo = g.a_lo - 1, g.b_lo - 1
        if both(g.a_hi + 1, g.b_hi + 1):
            g.a_hi, g.b_hi = g.a_hi + 1, g.b_hi + 1
        if before == (g.a_lo, g.a_hi, g.b_lo, g.b_hi):
            break

    for _ in range(REFINE_STEPS):
        before = (g.a_lo, g.a_hi, g.b_lo, g.b_hi)
        if add("a", g.a_lo - 1, bags.union("b", g.b_lo - 1, g.b_hi)):
            g.a_lo -= 1
        if add("a", g.a_hi + 1, bags.union("b", g.b_lo, g.b_hi + 1)):
            g.a_hi += 1
        if add("b", g.b_lo - 1, bags.union("a", g.a_lo - 1, g.a_hi)):
            g.b_lo -= 1
        if add("b", g.b_hi + 1, bags.union("a", g.a_lo, g.a_hi + 1)):
            g.b_hi += 1
        if before == (g.a_lo, g.a_hi, g.b_lo, g.b_hi):
            break


def _taken(groups: Sequence[_Group], g: _Group, side: str, k: int) -> bool:
    """Is sentence ``k`` of ``side`` inside a passage other than ``g``?"""
    for o in groups:
        if o is not g and ((side == "a" and o.a_lo <= k <= o.a_hi) or (side == "b" and o.b_lo <= k <= o.b_hi)):
            return True
    return False


def _trim(g: _Group, a_sentences: Sequence[Sentence], b_sentences: Sequence[Sentence]) -> tuple[list[int], list[int]]:
    """Character spans of a passage, cut to where the shared words begin and end.

    Sentence boundaries of the two texts need not agree: a copied passage pasted into the middle
    of a paragraph fuses with the sentence before it, and a copy may start or end mid-sentence on
    both sides. When the first (last) sentences of the two sides are paired with each other, each
    side starts (ends) where ``_reach`` says the copy does, from their first (last) run of
    ``TRIM_RUN`` shared words.
    """
    a_first, a_last = a_sentences[g.a_lo], a_sentences[g.a_hi]
    b_first, b_last = b_sentences[g.b_lo], b_sentences[g.b_hi]
    a_span = [a_first.span.start, a_last.span.end]
    b_span = [b_first.span.start, b_last.span.end]
    paired = {(p[0], p[1]) for p in g.pairs}
    if (g.a_lo, g.b_lo) in paired:
        runs = _shared_runs(a_first, b_first)
        if runs:
            a_span[0] = _reach(a_first, b_first, runs[0][0], -1)
            b_span[0] = _reach(b_first, a_first, runs[0][1], -1)
    if (g.a_hi, g.b_hi) in paired:
        runs = _shared_runs(a_last, b_last)
        if runs:
            a_span[1] = _reach(a_last, b_last, runs[-1][2], 1)
            b_span[1] = _reach(b_last, a_last, runs[-1][3], 1)
    if a_span[1] <= a_span[0] or b_span[1] <= b_span[0]:  # one-sentence passage cut to nothing
        return [a_first.span.start, a_last.span.end], [b_first.span.start, b_last.span.end]
    return a_span, b_span


def _reach(x: Sentence, y: Sentence, pos: int, direction: int) -> int:
    """Where the copy starts (``direction`` -1) or ends (+1) in ``x``, from offset ``pos`` at the
    edge of a run of words shared with ``y``: the farthest content word that ``y`` also has before
    ``TRIM_MISS`` content words in a row that it lacks; the sentence's edge when no such stretch
    comes. Function words count neither way."""
    other = _bag(y.text)
    toks = [(x.span.start + m.start(), x.span.start + m.end(), m.group()) for m in _WORD.finditer(x.text)]
    toks = [t for t in toks if t[1] <= pos][::-1] if direction < 0 else [t for t in toks if t[0] >= pos]
    edge, miss = pos, 0
    for start, end, word in toks:
        stems = _bag(word)
        if not stems:
            continue
        if stems & other:
            edge, miss = (start if direction < 0 else end), 0
        else:
            miss += 1
            if miss >= TRIM_MISS:
                return edge
    return x.span.start if direction < 0 else x.span.end


def _shared_runs(x: Sentence, y: Sentence) -> list[tuple[int, int, int, int]]:
    """Runs of ``TRIM_RUN`` or more identical words (case-folded) shared by two sentences, as
    (x start, y start, x end, y end) text offsets, in order."""
    xs = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(x.text)]
    ys = [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(y.text)]
    sm = SequenceMatcher(None, [w for w, _, _ in xs], [w for w, _, _ in ys], autojunk=False)
    out = []
    for bx, by, size in sm.get_matching_blocks():
        if size >= TRIM_RUN:
            out.append((x.span.start + xs[bx][1], y.span.start + ys[by][1],
                        x.span.start + xs[bx + size - 1][2], y.span.start + ys[by + size - 1][2]))
    return out


def _kind(group: _Group, a_chars: int, b_chars: int) -> str:
    """verbatim / near / paraphrase / summary, from the links and the two lengths."""
    if all(p[2].kind == LinkKind.VERBATIM for p in group.pairs):
        return "verbatim"
    if group.literal:
        return "near"
    if min(a_chars, b_chars) < SUMMARY_RATIO * max(a_chars, b_chars):
        return "summary"
    return "paraphrase"


# -- summaries ------------------------------------------------------------------------------------
#
# Written for a copy in b: ``_summaries`` turns the texts around when the copy is a.


def _chars(sents: Sequence[Sentence], lo: int, hi: int) -> int:
    return sents[hi].span.end - sents[lo].span.start


def _index(sents: Sequence[Sentence], pos: int) -> int:
    """The sentence holding (or last starting before) text offset ``pos``."""
    return max(bisect_right([s.span.start for s in sents], pos) - 1, 0)


def _partners(pairs: Iterable[Pair]) -> dict[int, tuple[float, int]]:
    """Each copy sentence's best source partner (by Dice) among summary-strength pairs."""
    best: dict[int, tuple[float, int]] = {}
    for i, j, link, d in pairs:
        if link.score >= SUMMARY_LINK and d >= SUMMARY_PAIR_DICE and d > best.get(j, (-1.0, 0))[0]:
            best[j] = (d, i)
    return best


def _summary(pairs: Sequence[Pair], a_sentences: Sequence[Sentence],
             b_sentences: Sequence[Sentence]) -> tuple[int, int, list[Link]] | None:
    """The best run of adjacent copy sentences that summarises the whole source.

    Returns the first and last sentence of the run and its links, or None. A copied block keeps
    the source's order (its partners step by one sentence, or shuffle by one or two); a summary's
    sentences each condense, or pick, a different part of the source. Sentences picked word for
    word count: extractive summaries are summaries too (on the PAN13 samples a skip rule for them
    lost one true summary and no false one).
    """
    strong = sorted((p for p in pairs if p[2].score >= SUMMARY_LINK and p[3] >= SUMMARY_PAIR_DICE), key=lambda p: (p[1], p[0]))
    runs: list[list[Pair]] = []
    for p in strong:
        if runs and p[1] - runs[-1][-1][1] - 1 <= SUMMARY_RUN_GAP:
            runs[-1].append(p)
        else:
            runs.append([p])
    found: list[tuple[float, int, int, list[Link]]] = []
    for run in runs:
        best = _partners(run)
        if len(best) < SUMMARY_MIN:
            continue
        main = [best[k][1] for k in sorted(best)]
        jumps = sum(1 for x, y in zip(main[1:], main[:-1]) if abs(x - y) >= SUMMARY_JUMP)
        lo, hi = min(best), max(best)
        run_chars = _chars(b_sentences, lo, hi)
        if (jumps < SUMMARY_JUMPS
                or _chars(a_sentences, min(main), max(main)) < SUMMARY_REACH * run_chars
                or _chars(a_sentences, 0, len(a_sentences) - 1) > SUMMARY_LENGTH * run_chars):
            continue
        links = list({id(p[2]): p[2] for p in run}.values())
        found.append((sum(v[0] for v in best.values()), lo, hi, links))
    if not found:
        return None
    _, lo, hi, links = max(found, key=lambda f: f[0])
    return lo, hi, links


def _with_summary(out: list[dict], pairs: Sequence[Pair], a_sentences: Sequence[Sentence],
                  b_sentences: Sequence[Sentence]) -> list[dict]:
    """``out`` with the summary passage (if any) added and the passages inside it absorbed."""
    found = _summary(pairs, a_sentences, b_sentences)
    if found is None:
        return out
    lo, hi, links = found
    b_span = [b_sentences[lo].span.start, b_sentences[hi].span.end]
    reach = (b_sentences[max(lo - SUMMARY_ABSORB, 0)].span.start, b_sentences[min(hi + SUMMARY_ABSORB, len(b_sentences) - 1)].span.end)
    keep = []
    for p in out:
        if p["b_span"][0] < reach[1] and reach[0] < p["b_span"][1]:  # a piece of the summary
            b_span = [min(b_span[0], p["b_span"][0]), max(b_span[1], p["b_span"][1])]
        else:
            keep.append(p)
    a_span = [a_sentences[0].span.start, a_sentences[-1].span.end]
    score = round(sum(l.score for l in links) / len(links), 4)
    return [*keep, {"a_span": a_span, "b_span": b_span, "kind": "summary", "score": score, "links": len(links)}]


def _join_pieces(out: list[dict], b_sentences: Sequence[Sentence]) -> list[dict]:
    """Passages next to each other in the copy, apart in the source, condensed together: one summary."""
    joined: list[dict] = []
    pieces: list[list[dict]] = []  # what each joined passage was made of
    for p in sorted(out, key=lambda p: p["b_span"][0]):
        if joined:
            q = joined[-1]
            gap = _index(b_sentences, p["b_span"][0]) - _index(b_sentences, q["b_span"][1] - 1) - 1
            apart = all(p["a_span"][0] >= r["a_span"][1] or r["a_span"][0] >= p["a_span"][1] for r in pieces[-1])
            a_span = [min(p["a_span"][0], q["a_span"][0]), max(p["a_span"][1], q["a_span"][1])]
            if (0 <= gap <= JOIN_GAP and apart and p["b_span"][1] - q["b_span"][0] < SUMMARY_RATIO * (a_span[1] - a_span[0])
                    and max(r["links"] for r in [*pieces[-1], p]) < JOIN_BLOCK):
                n = q["links"] + p["links"]
                score = round((q["score"] * q["links"] + p["score"] * p["links"]) / max(n, 1), 4)
                joined[-1] = {**q, "b_span": [q["b_span"][0], p["b_span"][1]], "a_span": a_span, "kind": "summary",
                              "score": score, "links": n}
                pieces[-1].append(p)
                continue
        joined.append(p)
        pieces.append([p])
    return joined


def _whole(out: list[dict], pairs: Sequence[Pair], a_sentences: Sequence[Sentence],
           b_sentences: Sequence[Sentence]) -> list[dict]:
    """Summaries get the whole source text (``SUMMARY_CONDENSED``, ``WHOLE_SPREAD``).

    A summary of news tends to draw on a few parts of the article, often its top; what it
    condenses is still the whole article. Evidence is either the passage itself (two or more links,
    short against its source stretch) or all pairings of its copy sentences, including those that
    lost their sentence to another passage (``_resolve`` keeps one origin per sentence, and a
    summary sentence has several), as long as their best partners do not simply step through the
    source.
    """
    whole = [a_sentences[0].span.start, a_sentences[-1].span.end]
    res = []
    for p in out:
        a_chars, b_chars = p["a_span"][1] - p["a_span"][0], p["b_span"][1] - p["b_span"][0]
        if p["kind"] == "summary" and b_chars < SUMMARY_CONDENSED * a_chars and p["links"] >= 2:
            res.append({**p, "a_span": whole})
            continue
        if _spread_wide(p, pairs, a_sentences, b_sentences):
            p = {**p, "a_span": whole, "kind": "summary"}
        res.append(p)
    return res


def _spread_wide(p: dict, pairs: Sequence[Pair], a_sentences: Sequence[Sentence], b_sentences: Sequence[Sentence]) -> bool:
    """Do the copy sentences of ``p`` draw on source sentences spread far beyond its own length?"""
    lo, hi = _index(b_sentences, p["b_span"][0]), _index(b_sentences, p["b_span"][1] - 1)
    inside = [q for q in pairs if lo <= q[1] <= hi and q[2].score >= SUMMARY_LINK and q[3] >= SUMMARY_PAIR_DICE]
    best = _partners(inside)
    main = [best[k][1] for k in sorted(best)]
    steps = sorted(abs(x - y) for x, y in zip(main[1:], main[:-1]))
    if not steps or steps[(len(steps) - 1) // 2] < 2:  # partners step one by one: a copy
        return False
    first = min(min(q[0] for q in inside), _index(a_sentences, p["a_span"][0]))
    last = max(max(q[0] for q in inside), _index(a_sentences, p["a_span"][1] - 1))
    extent = _chars(a_sentences, first, last)
    return (p["b_span"][1] - p["b_span"][0] < SUMMARY_CONDENSED * extent
            and extent >= WHOLE_SPREAD * _chars(a_sentences, 0, len(a_sentences) - 1))


def _summaries(out: list[dict], pairs: Sequence[Pair], a_sentences: Sequence[Sentence],
               b_sentences: Sequence[Sentence], copy: str) -> list[dict]:
    """Pieces joined, the best summary run added, summaries widened to their whole source."""
    if copy == "a":  # turn the texts around, and the results back
        turned = [{**p, "a_span": p["b_span"], "b_span": p["a_span"]} for p in out]
        back = _summaries(turned, [(j, i, link, d) for i, j, link, d in pairs], b_sentences, a_sentences, "b")
        return [{**p, "a_span": p["b_span"], "b_span": p["a_span"]} for p in back]
    out = _join_pieces(out, b_sentences)
    if pairs:
        out = _with_summary(out, pairs, a_sentences, b_sentences)
        out = _whole(out, pairs, a_sentences, b_sentences)
    return _one_summary(out, a_sentences, b_sentences)


def _one_summary(out: list[dict], a_sentences: Sequence[Sentence], b_sentences: Sequence[Sentence]) -> list[dict]:
    """Passages that now overlap in both texts, or two summaries of the whole source at most
    ``JOIN_GAP`` sentences apart in the copy, become one."""
    whole = [a_sentences[0].span.start, a_sentences[-1].span.end]
    merged: list[dict] = []
    for p in sorted(out, key=lambda p: p["b_span"][0]):
        if merged:
            q = merged[-1]
            on_a = p["a_span"][0] < q["a_span"][1] and q["a_span"][0] < p["a_span"][1]
            on_b = p["b_span"][0] < q["b_span"][1]
            gap = _index(b_sentences, p["b_span"][0]) - _index(b_sentences, q["b_span"][1] - 1) - 1
            if (on_a and on_b) or (p["a_span"] == q["a_span"] == whole and gap <= JOIN_GAP):
                n = q["links"] + p["links"]
                merged[-1] = {**q, "a_span": [min(p["a_span"][0], q["a_span"][0]), max(p["a_span"][1], q["a_span"][1])],
                              "b_span": [q["b_span"][0], max(p["b_span"][1], q["b_span"][1])],
                              "kind": "summary" if "summary" in (p["kind"], q["kind"]) else q["kind"],
                              "score": round((q["score"] * q["links"] + p["score"] * p["links"]) / max(n, 1), 4), "links": n}
                continue
        merged.append(p)
    return merged


# -- the whole ------------------------------------------------------------------------------------


def merge_links(
    links: Sequence[Link],
    a_sentences: Sequence[Sentence],
    b_sentences: Sequence[Sentence],
    max_gap: int = MAX_GAP,
    seed_dice: float = SEED_DICE,
    summaries: bool = True,
    copy: str = "b",
) -> list[dict]:
    """Maximal passages from ``links`` (``Link.a`` indexes ``a_sentences``, ``Link.b`` ``b_sentences``).

    Each passage is ``{"a_span": [s, e], "b_span": [s, e], "kind": str, "score": float,
    "links": int}``: half-open character offsets into the two texts, the mean support of its
    links and their number; passages come in ``b`` order. ``copy`` ("a" or "b") is the text that
    may summarise the other; ``summaries=False`` skips the summary rules.
    """
    if copy not in ("a", "b"):
        raise ValueError(f"copy must be 'a' or 'b', not {copy!r}")
    bags = _Bags(a_sentences, b_sentences)
    pairs: list[Pair] = []
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for i, j, link in _nearest_copies([(i, j, link) for link in links for i in link.a for j in link.b], a_sentences, b_sentences):
        d = _dice(bags("a", i), bags("b", j))
        pairs.append((i, j, link, d))
        best_a[i], best_b[j] = max(best_a.get(i, 0.0), d), max(best_b.get(j, 0.0), d)
    seeds: list[_Group] = []
    rest: list[_Group] = []
    # the sentence has a near-copy partner elsewhere: its other pairings are look-alikes
    pairs = [p for p in pairs if not (max(best_a[p[0]], best_b[p[1]]) >= CLAIM_DICE
                                      and p[3] < max(best_a[p[0]], best_b[p[1]]) - CLAIM_MARGIN)]
    diagonal = _diagonal_runs(pairs)
    for i, j, link, d in pairs:
        g = _Group(i, i, j, j, [(i, j, link, d)])
        strong = link.score >= SEED_SUPPORT and d >= SEED_SUPPORT_DICE
        (seeds if d >= seed_dice or strong or (i, j) in diagonal or link.kind == LinkKind.VERBATIM else rest).append(g)
    groups = _merge(seeds, max_gap)
    _extend(groups, rest, max_gap, a_sentences, b_sentences)
    groups = _merge(groups, max_gap)  # extended passages may now touch

    def kept(g: _Group) -> bool:
        if len({(p[0], p[1]) for p in g.pairs}) >= 2:
            return True
        i, j, _, d = g.pairs[0]
        return d >= LONE_DICE and min(len(bags("a", i)), len(bags("b", j))) >= LONE_WORDS

    resolved = _resolve([g for g in groups if kept(g)], kept)
    for g in resolved:
        _refine(g, bags, resolved)
    out = []
    for g in resolved:
        if not _valid(g, bags):
            continue
        links_in = g.links
        a_span, b_span = _trim(g, a_sentences, b_sentences)
        out.append({
            "a_span": a_span,
            "b_span": b_span,
            "kind": _kind(g, a_span[1] - a_span[0], b_span[1] - b_span[0]),
            "score": round(sum(l.score for l in links_in) / len(links_in), 4),
            "links": len(links_in),
        })
    if summaries:
        out = _summaries(out, pairs, a_sentences, b_sentences, copy)
    out = [p for p in out if min(p["a_span"][1] - p["a_span"][0], p["b_span"][1] - p["b_span"][0]) >= MIN_CHARS]
    out.sort(key=lambda p: (p["b_span"][0], p["a_span"][0]))
    return out


def passages(c: Comparison, copy: str | None = None) -> list[dict]:
    """The reused passages of a comparison (spans by argument side: ``a_span`` into ``c.a.text``).

    Reads ``all_links``: a pair judged independent keeps only its strong links in ``links``, but a
    long text may still share a passage or two with the other. ``copy`` names the text that may
    summarise the other; by default the one the relation found to be the copy, else ``b``.
    """
    if copy is None:
        copy = "a" if c.relation.original == "b" else "b"
    return merge_links(c.all_links or c.links, c.a_sentences, c.b_sentences, max_gap=MAX_GAP, seed_dice=SEED_DICE, copy=copy)
