"""Direct quotes: kept word for word, altered, or dropped by the copy.

Quotes are found in the article text, not per sentence, so a quote that runs over two sentences
("... two sovereign states. We do not have ...," he said) stays one quote. Straight and curly
double quotes both count; a quote still open at the end of a paragraph closes there (wire style
reopens it in the next paragraph). Quoted passages under ``QUOTE_MIN_WORDS`` words are terms
("very weak", "biggest loser"), not quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Finding, FindingKind, Span
from ..text import QUOTE_MIN_WORDS, Quote, clause_spans, find_quotes, normalise, trim
from .common import TOKEN, Pair, overlap, roots, short
from .speakers import Voices

RULE = "explain.quotes.v1"
ALTERED_MIN = 0.5  # share of a quote's content words a copy passage must hold to be a reworded quote
ALTERED_ANYWHERE = 0.6  # ... when the passage is not in a sentence linked to the quote's sentence
PIECE_MIN_WORDS = 6  # a long quote is also matched sentence by sentence and clause by clause, pieces this long
PIECE_MIN_CONTENT = 4  # ... holding this many content words (fewer: compared on all words instead)


def sentence_range(span: Span, starts: Sequence[int], ends: Sequence[int]) -> tuple[int, int]:
    """First and last sentence positions that ``span`` touches (sentences given by their bounds)."""
    touched = [i for i, (s, e) in enumerate(zip(starts, ends)) if s < span.end and span.start < e]
    if not touched:
        before = [i for i, s in enumerate(starts) if s <= span.start]
        k = before[-1] if before else 0
        return k, k
    return touched[0], touched[-1]


def locate(words_of: str, text: str) -> Span | None:
    """Where the word sequence of ``words_of`` occurs in ``text`` (case, quotes and punctuation ignored)."""
    needle = [normalise(t) for t in TOKEN.findall(words_of)]
    if not needle:
        return None
    toks = list(TOKEN.finditer(text))
    hay = [normalise(t.group()) for t in toks]
    n = len(needle)
    first = needle[0]
    for k in range(len(hay) - n + 1):
        if hay[k] == first and hay[k : k + n] == needle:
            return Span(toks[k].start(), toks[k + n - 1].end())
    return None


def _pieces(q: Quote) -> list[str]:
    """The quote itself and each long enough sentence or clause of it (a copy may keep only one)."""
    out = [q.text]
    for m in re.finditer(r"[^.!?]+[.!?]?", q.text):
        s, e = trim(q.text, m.start(), m.end())
        sub = q.text[s:e]
        for piece in [sub, *(sub[c.start : c.end] for c in clause_spans(sub))]:
            if piece not in out and len(TOKEN.findall(piece)) >= PIECE_MIN_WORDS and len(roots(piece)) >= PIECE_MIN_CONTENT:
                out.append(piece)
    return out


def _kept_share(piece: str, text: str) -> float:
    """Share of the piece's words in ``text``: content words, or all words for a quote made mostly
    of function words ("there is also a great deal of discomfort")."""
    if len(roots(piece)) >= PIECE_MIN_CONTENT:
        return overlap(piece, text)
    mine = [normalise(t) for t in TOKEN.findall(piece)]
    have = {normalise(t) for t in TOKEN.findall(text)}
    return sum(w in have for w in mine) / len(mine) if mine else 0.0


def quote_findings(pair: Pair, voices: Voices | None) -> list[Finding]:
    """One finding per source quote (kept, altered or dropped), plus copy-only quotes near the source."""
    src, cp = pair.source.text, pair.copy.text
    s_starts = [s.span.start for s in pair.source_sents]
    s_ends = [s.span.end for s in pair.source_sents]
    c_starts = [s.span.start for s in pair.copy_sents]
    c_ends = [s.span.end for s in pair.copy_sents]
    copy_quotes = find_quotes(cp)
    used: set[int] = set()  # copy quotes already paired with a source quote
    out: list[Finding] = []
    for q in find_quotes(src):  # one finding per source quote, whichever rule settles it first
        first, last = sentence_range(q.span, s_starts, s_ends)
        who = _speaker(voices, first, last)
        label = f"{who}'s quote" if who else "The quote"
        found = locate(q.text, cp)
        if found is not None:
            inside = {k for k, cq in enumerate(copy_quotes) if cq.span.start < found.end and found.start < cq.span.end}
            used |= inside
            how = "is kept word for word" if inside else "is kept word for word, but without quotation marks"
            out.append(Finding(FindingKind.QUOTE_KEPT, q.text, cp[found.start : found.end], f"{label} {how}", q.span, found, RULE))
            continue
        part = next(((k, cq) for k, cq in enumerate(copy_quotes) if k not in used and cq.words >= QUOTE_MIN_WORDS
                     and locate(cq.text, q.text) is not None), None)
        if part is not None:
            used.add(part[0])
            out.append(Finding(FindingKind.QUOTE_KEPT, q.text, part[1].text,
                               f"{label} is kept in part ({part[1].words} of its {q.words} words)", q.span, part[1].span, RULE))
            continue
        best = _best_rewording(pair, q, first, last, copy_quotes, used, c_starts, c_ends)
        if best is not None:
            score, span, k = best
            if k is not None:
                used.add(k)
                how = "the copy quotes it with changed words"
            else:
                how = "the copy paraphrases it without quotation marks"
            out.append(Finding(FindingKind.QUOTE_ALTERED, q.text, cp[span.start : span.end],
                               f"{label}: {how} ({score:.0%} of its words kept)", q.span, span, RULE))
            continue
        out.append(Finding(FindingKind.QUOTE_DROPPED, q.text, "", f"{label} “{short(q.text, 60)}” is not in the copy",
                           q.span, None, RULE))
    source_quotes = [q.text for q in find_quotes(src)]
    for k, cq in enumerate(copy_quotes):
        if k in used or any(locate(cq.text, sq) is not None for sq in source_quotes):
            continue
        near = max(((overlap(cq.text, s.text), i) for i, s in enumerate(pair.source_sents)), default=(0.0, -1))
        if near[0] >= ALTERED_ANYWHERE:
            s = pair.source_sents[near[1]]
            verbatim = locate(cq.text, s.text) is not None
            how = "words the source does not put in quotation marks" if verbatim else "words the source does not quote"
            out.append(Finding(FindingKind.QUOTE_ALTERED, s.text, cq.text,
                               f"The copy quotes {how} ({near[0]:.0%} of them from this source sentence)",
                               s.span, cq.span, RULE))
    return out


def _speaker(voices: Voices | None, first: int, last: int) -> str:
    if voices is None:
        return ""
    for i in [last, *range(first, last)]:
        named = [a for a in voices.credits.get(i, []) if a.named]
        if named:
            return named[0].name
    return ""


def _best_rewording(pair: Pair, q: Quote, first: int, last: int, copy_quotes: list[Quote], used: set[int],
                    c_starts: list[int], c_ends: list[int]) -> tuple[float, Span, int | None] | None:
    """The copy passage holding most of the quote's content words, if it holds enough of them."""
    linked = {j for i in range(first, last + 1) for link in pair.links_of_source.get(i, []) for j in link.b}
    candidates: list[tuple[Span, str, int | None, bool]] = []
    for k, cq in enumerate(copy_quotes):
        if k not in used:
            j = sentence_range(cq.span, c_starts, c_ends)[0]
            candidates.append((cq.span, cq.text, k, j in linked))
    for j, sent in enumerate(pair.copy_sents):
        for clause in pair.copy_clauses[j]:
            candidates.append((clause.span, clause.text, None, j in linked))
        candidates.append((sent.span, sent.text, None, j in linked))
    best: tuple[float, Span, int | None] | None = None
    for piece in _pieces(q):
        for span, text, k, is_linked in candidates:
            score = _kept_share(piece, text)
            need = ALTERED_MIN if is_linked or k is not None else ALTERED_ANYWHERE
            # prefer the tightest passage: a clause over its sentence when both hold the words
            key = (score, k is not None, -len(span))
            if score >= need and (best is None or key > (best[0], best[2] is not None, -len(best[1]))):
                best = (score, span, k)
    return best
