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
words keeps it. The ends of a passage then move by whole sentences to where the shared words
start and stop (``_refine``), and inside its first and last sentences to the first and last run
of shared words (``_trim``): sentence boundaries of the two texts need not agree.

A summary condenses a whole text into a few adjacent sentences of the other, each drawing on a
different part of it (``_summary``): a run of such sentences becomes one passage against the
whole summarised text, and absorbs the piecemeal passages found inside it; condensed passages
next to each other on one side and apart on the other join into one (``_join_pieces``).

Constants were calibrated on PAN13 training pairs (``python -m bench.pan13``): a seeded sample of
200 pairs per sub-corpus to tune, a second seeded sample of 200 per sub-corpus to check, and the
full random-obfuscation and summary sub-corpora for the diagonal runs and summary pieces.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .records import Comparison, Link, LinkKind, Sentence
from .text import content_words, stem, words

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
# A passage of one sentence pair only when the pair is nearly identical and not short.
LONE_DICE = 0.7
LONE_WORDS = 6
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
# Characters by which one side's unshared lead (or tail) must exceed the other's to be cut: more
# than a reworded opening ("On Monday, ..."), less than a fused foreign sentence.
TRIM_SLACK = 40
# Short side / long side (characters) below which a reworded passage is called a summary.
SUMMARY_RATIO = 0.5
# A summary: at least SUMMARY_MIN adjacent sentences (SUMMARY_RUN_GAP unlinked ones may sit
# between) linked with support >= SUMMARY_LINK and Dice >= SUMMARY_PAIR_DICE to the other text;
# their best partners jump around (median step >= SUMMARY_STEP sentences: a copy moves 1 at a
# time), span SUMMARY_SPREAD of the other text, which is at most SUMMARY_LENGTH times as long as
# the run. On the PAN13 summary sub-corpus (every case a ~600-character summary of a whole news
# article) these found 60-70 % of the cases, against 1 false summary per 150 other pairs.
SUMMARY_MIN = 3
SUMMARY_RUN_GAP = 1
SUMMARY_LINK = 0.6
SUMMARY_PAIR_DICE = 0.3
SUMMARY_STEP = 2
SUMMARY_SPREAD = 0.3
SUMMARY_LENGTH = 15
SUMMARY_ABSORB = 1  # passages within this many sentences of a summary's run are pieces of it
# Two passages at most JOIN_GAP sentences apart on one side and apart on the other are pieces of
# one summary when each is itself condensed (short side < JOIN_CONDENSED of its long side) and
# together they condense (< SUMMARY_RATIO). Two copied blocks next to each other are balanced and
# stay apart (joining those cost 0.02-0.03 plagdet on the other sub-corpora); on the summary
# sub-corpus the join took granularity from 1.03-1.06 to 1.00-1.03.
JOIN_GAP = 1
JOIN_CONDENSED = 0.67

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
    return frozenset(stem(w) for w in content_words(text))


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
    lacks, then take in neighbours whose words the other stretch has: a reused sentence whose
    link went elsewhere, or that was too short to pair, still belongs to the passage. A sentence
    inside another passage is never taken.
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
    of a paragraph fuses with the sentence before it. When the first (last) sentences of the two
    sides are paired with each other, the span starts (ends) at their first (last) run of
    ``TRIM_RUN`` shared words instead of at the sentence boundary.
    """
    a_first, a_last = a_sentences[g.a_lo], a_sentences[g.a_hi]
    b_first, b_last = b_sentences[g.b_lo], b_sentences[g.b_hi]
    a_span = [a_first.span.start, a_last.span.end]
    b_span = [b_first.span.start, b_last.span.end]
    paired = {(p[0], p[1]) for p in g.pairs}
    if (g.a_lo, g.b_lo) in paired:
        runs = _shared_runs(a_first, b_first)
        if runs:  # cut only the side with the longer unshared lead, down to the other's
            lead_a, lead_b = runs[0][0] - a_span[0], runs[0][1] - b_span[0]
            if lead_b > lead_a + TRIM_SLACK:
                b_span[0] = runs[0][1] - lead_a
            elif lead_a > lead_b + TRIM_SLACK:
                a_span[0] = runs[0][0] - lead_b
    if (g.a_hi, g.b_hi) in paired:
        runs = _shared_runs(a_last, b_last)
        if runs:
            tail_a, tail_b = a_span[1] - runs[-1][2], b_span[1] - runs[-1][3]
            if tail_b > tail_a + TRIM_SLACK:
                b_span[1] = runs[-1][3] + tail_a
            elif tail_a > tail_b + TRIM_SLACK:
                a_span[1] = runs[-1][2] + tail_b
    if a_span[1] <= a_span[0] or b_span[1] <= b_span[0]:  # one-sentence passage cut to nothing
        return [a_first.span.start, a_last.span.end], [b_first.span.start, b_last.span.end]
    return a_span, b_span


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


def _chars(sents: Sequence[Sentence], lo: int, hi: int) -> int:
    return sents[hi].span.end - sents[lo].span.start


def _summary(pairs: Sequence[Pair], a_sentences: Sequence[Sentence],
             b_sentences: Sequence[Sentence]) -> tuple[str, int, int, list[Link]] | None:
    """The best run of adjacent sentences on one side that summarises the whole other side.

    Returns (short side, first and last sentence of the run, its links), or None. A copied block
    keeps the other text's order (its partners step by one sentence); a summary's sentences each
    condense, or pick, a different part of the other text. Sentences picked word for word count:
    extractive summaries are summaries too (on the PAN13 samples a skip rule for them lost one
    true summary and no false one).
    """
    found: list[tuple[float, str, int, int, list[Link]]] = []
    for short in ("b", "a"):
        s_sents, l_sents = (b_sentences, a_sentences) if short == "b" else (a_sentences, b_sentences)
        oriented = sorted(((j, i, link, d) if short == "b" else (i, j, link, d) for i, j, link, d in pairs
                           if link.score >= SUMMARY_LINK and d >= SUMMARY_PAIR_DICE), key=lambda p: (p[0], p[1]))
        runs: list[list[tuple[int, int, Link, float]]] = []
        for p in oriented:
            if runs and p[0] - runs[-1][-1][0] - 1 <= SUMMARY_RUN_GAP:
                runs[-1].append(p)
            else:
                runs.append([p])
        for run in runs:
            best: dict[int, tuple[float, int]] = {}
            for s_i, l_i, _, d in run:
                if d > best.get(s_i, (-1.0, 0))[0]:
                    best[s_i] = (d, l_i)
            if len(best) < SUMMARY_MIN:
                continue
            main = [best[k][1] for k in sorted(best)]
            steps = sorted(abs(x - y) for x, y in zip(main[1:], main[:-1]))
            lo, hi = min(best), max(best)
            if (steps[(len(steps) - 1) // 2] < SUMMARY_STEP
                    or max(main) - min(main) + 1 < SUMMARY_SPREAD * len(l_sents)
                    or _chars(l_sents, 0, len(l_sents) - 1) > SUMMARY_LENGTH * _chars(s_sents, lo, hi)):
                continue
            links = list({id(p[2]): p[2] for p in run}.values())
            found.append((sum(v[0] for v in best.values()), short, lo, hi, links))
    if not found:
        return None
    _, short, lo, hi, links = max(found, key=lambda f: f[0])
    return short, lo, hi, links


def _with_summary(out: list[dict], pairs: Sequence[Pair], a_sentences: Sequence[Sentence],
                  b_sentences: Sequence[Sentence]) -> list[dict]:
    """``out`` with the summary passage (if any) added and the passages inside it absorbed."""
    found = _summary(pairs, a_sentences, b_sentences)
    if found is None:
        return out
    short, lo, hi, links = found
    s_sents, l_sents = (b_sentences, a_sentences) if short == "b" else (a_sentences, b_sentences)
    key = "b_span" if short == "b" else "a_span"
    s_span = [s_sents[lo].span.start, s_sents[hi].span.end]
    reach = (s_sents[max(lo - SUMMARY_ABSORB, 0)].span.start, s_sents[min(hi + SUMMARY_ABSORB, len(s_sents) - 1)].span.end)
    keep = []
    for p in out:
        if p[key][0] < reach[1] and reach[0] < p[key][1]:  # a piece of the summary
            s_span = [min(s_span[0], p[key][0]), max(s_span[1], p[key][1])]
        else:
            keep.append(p)
    l_span = [l_sents[0].span.start, l_sents[-1].span.end]
    a_span, b_span = (l_span, s_span) if short == "b" else (s_span, l_span)
    score = round(sum(l.score for l in links) / len(links), 4)
    return [*keep, {"a_span": a_span, "b_span": b_span, "kind": "summary", "score": score, "links": len(links)}]


def _join_pieces(out: list[dict], a_sentences: Sequence[Sentence], b_sentences: Sequence[Sentence]) -> list[dict]:
    """Passages next to each other on one side, apart on the other, each condensed: one summary."""
    for short in ("b", "a"):
        key, other = ("b_span", "a_span") if short == "b" else ("a_span", "b_span")
        s_sents = b_sentences if short == "b" else a_sentences
        starts = [s.span.start for s in s_sents]

        def index(pos: int) -> int:
            return max(bisect_right(starts, pos) - 1, 0)

        def condensed(p: dict) -> bool:
            return p[key][1] - p[key][0] < JOIN_CONDENSED * (p[other][1] - p[other][0])

        joined: list[dict] = []
        for p in sorted(out, key=lambda p: p[key][0]):
            if joined:
                q = joined[-1]
                gap = index(p[key][0]) - index(q[key][1] - 1) - 1
                apart = p[other][0] >= q[other][1] or q[other][0] >= p[other][1]
                span = [min(p[other][0], q[other][0]), max(p[other][1], q[other][1])]
                if (0 <= gap <= JOIN_GAP and apart and condensed(p) and condensed(q)
                        and p[key][1] - q[key][0] < SUMMARY_RATIO * (span[1] - span[0])):
                    n = q["links"] + p["links"]
                    score = round((q["score"] * q["links"] + p["score"] * p["links"]) / max(n, 1), 4)
                    joined[-1] = {**q, key: [q[key][0], p[key][1]], other: span, "kind": "summary", "score": score, "links": n}
                    continue
            joined.append(p)
        out = joined
    return out


# -- the whole ------------------------------------------------------------------------------------


def merge_links(
    links: Sequence[Link],
    a_sentences: Sequence[Sentence],
    b_sentences: Sequence[Sentence],
    max_gap: int = MAX_GAP,
    seed_dice: float = SEED_DICE,
    summaries: bool = True,
) -> list[dict]:
    """Maximal passages from ``links`` (``Link.a`` indexes ``a_sentences``, ``Link.b`` ``b_sentences``).

    Each passage is ``{"a_span": [s, e], "b_span": [s, e], "kind": str, "score": float,
    "links": int}``: half-open character offsets into the two texts, the mean support of its
    links and their number; passages come in ``b`` order. ``summaries=False`` skips the search
    for a summary of one whole text.
    """
    bags = _Bags(a_sentences, b_sentences)
    pairs: list[Pair] = []
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for link in links:
        for i in link.a:
            for j in link.b:
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
        out = _join_pieces(out, a_sentences, b_sentences)
        if pairs:
            out = _with_summary(out, pairs, a_sentences, b_sentences)
    out.sort(key=lambda p: (p["b_span"][0], p["a_span"][0]))
    return out


def passages(c: Comparison) -> list[dict]:
    """The reused passages of a comparison (spans by argument side: ``a_span`` into ``c.a.text``).

    Reads ``all_links``: a pair judged independent keeps only its strong links in ``links``, but a
    long text may still share a passage or two with the other.
    """
    return merge_links(c.all_links or c.links, c.a_sentences, c.b_sentences, max_gap=MAX_GAP, seed_dice=SEED_DICE)
