"""Reused passages: sentence links of a comparison merged into maximal stretches of text.

A long document often reuses only a part of another (PAN's text-alignment cases, a wire story
quoted inside a longer piece). Sentence links say *which* sentences correspond; a passage says
*where* the reuse starts and ends, as one character range in each text, which is what a reader
(and PAN's character-level evaluation) wants.

Seed and extend. Every link is cut into its sentence pairs (a fused link of three source
sentences gives three pairs, which need not lie together). Pairs whose two sentences share many
content words are *seeds*; seeds lying close together in both texts (``MAX_GAP`` sentences or
fewer in between on each side) merge into passages. The other pairs only *extend* a passage they
sit next to: on their own they are too often a short sentence "supported" by any long one that
happens to contain its few words. A passage needs two sentence pairs, or one long, clearly shared
sentence.

A summary condenses a long stretch of the source into a few adjacent sentences: its pairs are
adjacent on the short side and scattered on the long side, so reworded pairs may also merge when
adjacent on one side and within ``SUMMARY_GAP`` sentences on the other, finished passages that
follow one another on one side join into one summary, and a summary drawing on much of a text
is taken to summarise all of it.

Each sentence has one origin: where passages compete for a sentence the one with more shared
words keeps it, and the ends of a passage are cut to where the shared words start and stop
(sentence boundaries of the two texts need not agree).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .records import Comparison, Link, LinkKind, Sentence
from .text import content_words, stem

# Sentences that may separate two pairs of one passage, on each side. On two samples of 300 PAN13
# train pairs (bench/pan13.py) gaps of 1, 2 and 3 scored within 0.01 plagdet of each other; 0
# splits passages at every dropped or inserted sentence, larger gaps join separate cases.
MAX_GAP = 2
# Sentences that may separate two reworded pairs on the *long* side of a summary while they are
# adjacent (<= MAX_GAP) on the short side. PAN13 summary cases condense a ~30-sentence source
# into ~5 sentences (median 4,440 vs 624 characters), so consecutive summary sentences draw on
# source sentences about 6 apart; 10 leaves room for skipped paragraphs.
SUMMARY_GAP = 10
# Dice of the two sentences' content stems for a seed. Seeding on every link scored PAN13 plagdet
# 0.54 on a 300-pair sample (false passages from look-alike sentences of same-topic documents);
# Dice seeds scored 0.85-0.87 for thresholds 0.35-0.5 and less below 0.3, where obfuscated
# look-alikes start to seed. Inside gold cases verbatim pairs sit near 1, translated ones at
# 0.4-0.8, randomly obfuscated ones at 0.2-0.8.
SEED_DICE = 0.4
# Shorter / longer sentence (characters) for a non-seed pair to extend a passage.
EXTEND_RATIO = 0.33
# A sentence paired with a near copy of itself (Dice >= CLAIM_DICE) drops its other pairings
# that share clearly fewer words (by CLAIM_MARGIN): a long document aligned into a shorter one
# gives each of its sentences some partner, often a sentence that already has its real copy.
CLAIM_DICE = 0.8
CLAIM_MARGIN = 0.3
# A passage of one sentence pair only when the pair is nearly identical and not short.
LONE_DICE = 0.7
LONE_WORDS = 6
# Shared words in a row that mark where a passage really starts or ends inside its first or last
# sentence: 3 is rare by chance between different sentences, and survives light obfuscation.
TRIM_RUN = 3
# Characters by which one side's unshared lead (or tail) must exceed the other's to be cut: more
# than a reworded opening ("On Monday, ..."), less than a fused foreign sentence.
TRIM_SLACK = 40
# Short side / long side (characters) below which a reworded passage is called a summary.
SUMMARY_RATIO = 0.5
# Sentences that may separate two pieces of a summary on its long side. News summaries in PAN13
# condense sources of 20-120 sentences; separate reuses of one source in a long document sit
# hundreds of sentences apart.
SUMMARY_SPREAD = 30
# Share of a text's sentences that a summary's links must span for the summary to be taken as
# one of the whole text (news summaries draw on the lead, the middle and the end alike). On the
# 238 PAN13 train summary cases 0.3 scored plagdet 0.62, 0.5 0.56, with no change elsewhere.
SUMMARY_COVER = 0.3
SUMMARY_FAN = 4  # as align.MAX_FUSED: source sentences behind one copy sentence

_LITERAL = (LinkKind.VERBATIM, LinkKind.NEAR)


@dataclass
class _Group:
    """Sentence pairs merged so far, as inclusive sentence-index ranges on both sides."""

    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    pairs: list[tuple[int, int, Link, float]] = field(default_factory=list)  # (a, b, link, dice)

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


def _gap(lo1: int, hi1: int, lo2: int, hi2: int) -> int:
    """Sentences strictly between two inclusive ranges (negative when they overlap)."""
    return max(lo2 - hi1, lo1 - hi2) - 1


def _mergeable(x: _Group, y: _Group, max_gap: int, summary_gap: int) -> bool:
    ga, gb = _gap(x.a_lo, x.a_hi, y.a_lo, y.a_hi), _gap(x.b_lo, x.b_hi, y.b_lo, y.b_hi)
    if ga <= max_gap and gb <= max_gap:
        return True
    if summary_gap <= max_gap or x.literal or y.literal:
        return False
    return (ga <= max_gap and gb <= summary_gap) or (gb <= max_gap and ga <= summary_gap)


def _merge(groups: list[_Group], max_gap: int, summary_gap: int) -> list[_Group]:
    """Merge groups pairwise until no two groups are close on both sides."""
    changed = True
    while changed:
        changed = False
        groups.sort(key=lambda g: (g.b_lo, g.a_lo))
        out: list[_Group] = []
        for g in groups:
            for o in reversed(out):
                if _mergeable(o, g, max_gap, summary_gap):
                    o.absorb(g)
                    changed = True
                    break
            else:
                out.append(g)
        groups = out
    return groups


def _balanced(x: Sentence, y: Sentence) -> bool:
    """Are two sentences of comparable length (``EXTEND_RATIO``)?"""
    return min(len(x.span), len(y.span)) >= EXTEND_RATIO * max(len(x.span), len(y.span))


def _extend(groups: list[_Group], rest: list[_Group], max_gap: int, a_sentences: Sequence[Sentence],
            b_sentences: Sequence[Sentence]) -> None:
    """Non-seed pairs join the passage they sit next to, until none joins any more.

    A pair joins only with two sentences new to the passage: a sentence already paired inside it
    attracts weak second partners from all around (every nearby sentence of the other text is a
    little like it), which would stretch the passage over text that was not reused.
    """
    changed = True
    while changed and rest:
        changed = False
        left = []
        for r in rest:
            i, j = r.a_lo, r.b_lo
            if not _balanced(a_sentences[i], b_sentences[j]):
                left.append(r)
                continue
            for g in groups:
                if _mergeable(g, r, max_gap, 0) and all(p[0] != i and p[1] != j for p in g.pairs):
                    g.absorb(r)
                    changed = True
                    break
            else:
                left.append(r)
        rest = left


def _strength(g: _Group) -> float:
    return sum(p[3] for p in g.pairs)


def _resolve(groups: list[_Group], kept) -> list[_Group]:  # noqa: ANN001 - a predicate on groups
    """One origin per sentence: where passages overlap in one text, the stronger one keeps it.

    A source that repeats itself (a boilerplate paragraph, a quote used twice) pairs one copy
    sentence with several source sentences; each pairing grows its own passage. The passage with
    more shared words keeps the contested sentences; the weaker one loses those pairs and is
    dropped if too little remains.
    """
    accepted: list[_Group] = []
    for g in sorted(groups, key=_strength, reverse=True):
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


_WORD = re.compile(r"\w+")


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


def _chars(sents: Sequence[Sentence], lo: int, hi: int) -> int:
    return sents[hi].span.end - sents[lo].span.start


def _summaries(groups: list[_Group], a_sentences: Sequence[Sentence], b_sentences: Sequence[Sentence]) -> list[_Group]:
    """Join passages that follow one another on one side and draw on one stretch of the other.

    A summary's consecutive sentences each condense a different part of the source, so its
    pieces sit next to each other on the short side and far apart on the long side, farther than
    ``SUMMARY_GAP``. Passages adjacent (``MAX_GAP``) and disjoint on one side, disjoint on the
    other, join when the joined short side is under ``SUMMARY_RATIO`` of the joined long side.
    Two copied (mostly verbatim) passages never join this way: two copied blocks are two reuses,
    not a summary.
    """
    for short in ("b", "a"):
        groups.sort(key=lambda g: (g.b_lo, g.a_lo) if short == "b" else (g.a_lo, g.b_lo))
        out: list[_Group] = []
        for g in groups:
            if out:
                o = out[-1]
                ga, gb = _gap(o.a_lo, o.a_hi, g.a_lo, g.a_hi), _gap(o.b_lo, o.b_hi, g.b_lo, g.b_hi)
                near, apart = (gb, ga) if short == "b" else (ga, gb)
                if 0 <= near <= MAX_GAP and 0 <= apart <= SUMMARY_SPREAD and not (o.literal and g.literal):
                    a_len = _chars(a_sentences, min(o.a_lo, g.a_lo), max(o.a_hi, g.a_hi))
                    b_len = _chars(b_sentences, min(o.b_lo, g.b_lo), max(o.b_hi, g.b_hi))
                    s_len, l_len = (b_len, a_len) if short == "b" else (a_len, b_len)
                    if s_len < SUMMARY_RATIO * l_len:
                        o.absorb(g)
                        continue
            out.append(g)
        groups = out
    return groups


def _whole_source(g: _Group, a_span: list[int], b_span: list[int], a_sentences: Sequence[Sentence],
                  b_sentences: Sequence[Sentence]) -> tuple[list[int], list[int]]:
    """A summary drawing on most of a text (``SUMMARY_COVER`` of its sentences) summarises all of it.

    Only a plausible summary: at most ``SUMMARY_FAN`` long-side sentences behind each short-side
    sentence (a short passage paired with dozens of sentences of a long text is a look-alike).
    """
    a_used, b_used = len({p[0] for p in g.pairs}), len({p[1] for p in g.pairs})
    if b_span[1] - b_span[0] < a_span[1] - a_span[0]:
        if g.a_hi - g.a_lo + 1 >= SUMMARY_COVER * len(a_sentences) and a_used <= SUMMARY_FAN * b_used:
            a_span = [a_sentences[0].span.start, a_sentences[-1].span.end]
    elif g.b_hi - g.b_lo + 1 >= SUMMARY_COVER * len(b_sentences) and b_used <= SUMMARY_FAN * a_used:
        b_span = [b_sentences[0].span.start, b_sentences[-1].span.end]
    return a_span, b_span


def _kind(group: _Group, a_chars: int, b_chars: int) -> str:
    """verbatim / near / paraphrase / summary, from the links and the two lengths."""
    if all(p[2].kind == LinkKind.VERBATIM for p in group.pairs):
        return "verbatim"
    if group.literal:
        return "near"
    if min(a_chars, b_chars) < SUMMARY_RATIO * max(a_chars, b_chars):
        return "summary"
    return "paraphrase"


def _bag(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text))


def _dice(x: frozenset[str], y: frozenset[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


def merge_links(
    links: Sequence[Link],
    a_sentences: Sequence[Sentence],
    b_sentences: Sequence[Sentence],
    max_gap: int = MAX_GAP,
    summary_gap: int = SUMMARY_GAP,
    seed_dice: float = SEED_DICE,
) -> list[dict]:
    """Maximal passages from ``links`` (``Link.a`` indexes ``a_sentences``, ``Link.b`` ``b_sentences``).

    Each passage is ``{"a_span": [s, e], "b_span": [s, e], "kind": str, "score": float,
    "links": int}``: half-open character offsets into the two texts, the mean support of its
    links and their number; passages come in ``b`` order.
    """
    bags_a: dict[int, frozenset[str]] = {}
    bags_b: dict[int, frozenset[str]] = {}
    seeds: list[_Group] = []
    rest: list[_Group] = []
    pairs: list[tuple[int, int, Link, float]] = []
    best_a: dict[int, float] = {}
    best_b: dict[int, float] = {}
    for link in links:
        for i in link.a:
            for j in link.b:
                if i not in bags_a:
                    bags_a[i] = _bag(a_sentences[i].text)
                if j not in bags_b:
                    bags_b[j] = _bag(b_sentences[j].text)
                d = _dice(bags_a[i], bags_b[j])
                pairs.append((i, j, link, d))
                best_a[i], best_b[j] = max(best_a.get(i, 0.0), d), max(best_b.get(j, 0.0), d)
    for i, j, link, d in pairs:
        claimed = max(best_a[i], best_b[j])
        if claimed >= CLAIM_DICE and d < claimed - CLAIM_MARGIN:
            continue  # the sentence has a near-copy partner elsewhere: this pairing is a look-alike
        g = _Group(i, i, j, j, [(i, j, link, d)])
        (seeds if d >= seed_dice or link.kind == LinkKind.VERBATIM else rest).append(g)
    groups = _merge(seeds, max_gap, summary_gap)
    _extend(groups, rest, max_gap, a_sentences, b_sentences)

    def kept(g: _Group) -> bool:
        if len({(p[0], p[1]) for p in g.pairs}) >= 2:
            return True
        i, j, _, d = g.pairs[0]
        return d >= LONE_DICE and min(len(bags_a[i]), len(bags_b[j])) >= LONE_WORDS

    out = []
    for g in _summaries(_resolve([g for g in groups if kept(g)], kept), a_sentences, b_sentences):
        links_in = g.links
        a_span, b_span = _trim(g, a_sentences, b_sentences)
        if _kind(g, a_span[1] - a_span[0], b_span[1] - b_span[0]) == "summary":
            a_span, b_span = _whole_source(g, a_span, b_span, a_sentences, b_sentences)
        out.append({
            "a_span": a_span,
            "b_span": b_span,
            "kind": _kind(g, a_span[1] - a_span[0], b_span[1] - b_span[0]),
            "score": round(sum(l.score for l in links_in) / len(links_in), 4),
            "links": len(links_in),
        })
    out.sort(key=lambda p: (p["b_span"][0], p["a_span"][0]))
    return out


def passages(c: Comparison) -> list[dict]:
    """The reused passages of a comparison (spans by argument side: ``a_span`` into ``c.a.text``)."""
    return merge_links(c.links, c.a_sentences, c.b_sentences)
