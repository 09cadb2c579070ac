"""A text page cut into units (lines, or hard-wrapped paragraphs) and the shapes the cleaner reads.

Shapes, not strings: a headline is a short line without a sentence end, a cut-off teaser blurb
is a long one, prose ends like a sentence. ``textpage`` combines these with the lexicon and each
unit's position on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import STOPWORDS, words
from . import lexicon as lx

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_GAP = re.compile(r"\S(?:[ \xa0\u2000-\u200a\u3000]{3,}|\t)\S")  # menu items set apart by runs of spaces
_FLAT_BREAK = re.compile(r"(?<=\S)[ \t\xa0]{2,}(?=\S)")
_BLOCK_BREAK = re.compile(r"\n[ \t\xa0]*\n")
_NAV_SEP = re.compile(r"\s[|•·»›]\s|\s/\s")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
# Sentence end, maybe closed by quotes/brackets and a citation mark ("[3]"); a closing double quote
# after a word also ends a quoted post ('... Let's get to it. #TIMESUP"').
_TERMINAL = re.compile(r"(?:[.!?…。！？][\"'”’»)\]」』]*|(?<=\w)[”\"])(?:\[\w{1,4}\])*$")
_ENDS_OPEN = re.compile(r"(?:[.…:;,]|\.\.\.)[\"'”’)\]]*$")
_SENTENCE_BREAK = re.compile(r"[a-z]{3}[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")
_STRAIGHT = (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"))
_KEY_STRIP = " \t»›<>•·|-–—*#:.,;!?()[]{}\"'«“”‘’"
_OPENING_QUOTES = ('"', "“", "‘", "'", "«", "(")

HEADLINE_MAX_WORDS = 25  # wire headlines run 8-20 words; a 25-word line without a period is still one
MENU_MAX_WORDS = 20  # a navigation bar is a handful of one- or two-word items
MENU_MAX_CHARS = 300
PROSE_MIN_WORDS = 8  # a line with sentence punctuation and this many words reads as prose
TRUNCATED_MIN_WORDS = 15  # a line this long without sentence punctuation is a cut-off teaser blurb
# Article prose, as opposed to a chrome line: long, written in sentences, and in the function words
# that run sentences, written in lower case. Of the English paragraphs (12+ words) of the
# article-extraction benchmark 95% hold 0.24 or more function words, and prose capitalises only
# the ones that open a sentence; menus, tag lists and name lists hold almost no function words,
# title-case headlines capitalise nearly all of theirs. A line without any sentence end is prose
# only when longer still and plainly sentence-like (a transcript written out without punctuation).
ARTICLE_MIN_WORDS = 12
ARTICLE_MIN_FUNCTION_SHARE = 0.2
ARTICLE_UNPUNCTUATED_MIN_WORDS = 30
ARTICLE_UNPUNCTUATED_FUNCTION_SHARE = 0.3
ARTICLE_MAX_CAPITALISED = 0.5  # share of its function words a line capitalises
# A page with fewer newlines than one per 1,000 characters and at least 2 runs of 2+ spaces is a
# flattened page whose space runs are paragraph breaks (the LLMFake GossipCop originals).
FLAT_CHARS_PER_NEWLINE = 1000
FLAT_MIN_BREAKS = 2
# Hard-wrapped text: wrap columns are 60-80 characters, so lines before a paragraph's last one are
# 40-100 characters long and within 35% of each other (ragged right edge).
WRAP_MIN_WIDTH = 40
WRAP_MAX_WIDTH = 100
WRAP_RAGGED = 0.35


@dataclass(slots=True)
class Unit:
    """One line (or hard-wrapped paragraph) of a page, with the features the passes read.

    ``terminal``: ends like a finished sentence, a photo credit glued after it aside, or with a
    quoted social-media post's signature. ``gapped``: runs of spaces between words (a menu bar).
    """

    text: str
    key: str  # lower-cased, quotes straightened, symbols stripped: what the lexicon matches
    n_words: int
    terminal: bool
    gapped: bool
    kind: str | None = None  # why it is chrome; None while it is body


def normalise_line(line: str) -> str:
    """Zero-width characters removed, runs of spaces made one, ends stripped."""
    return " ".join(_ZERO_WIDTH.sub("", line).split())  # str.split() knows every Unicode space


def key(text: str) -> str:
    """Lower-cased, quotes and dashes made plain, symbols stripped from both ends."""
    for curly, plain in _STRAIGHT:  # str.replace beats str.translate with a dict by ~10x here
        if curly in text:
            text = text.replace(curly, plain)
    return text.lower().strip(_KEY_STRIP)


# Patterns anchored at the end are searched in the line's tail only: re.search would otherwise try
# every start position of a long paragraph.
_TAIL = 200


def _terminal(text: str) -> bool:
    tail = text[-_TAIL:]
    if _TERMINAL.search(tail):
        return True
    credit = lx.CAPTION_CREDIT_TAIL.search(tail) or lx.CAPTION_CREDIT_PAREN.search(tail)
    if credit and credit.start() > 0:  # "... her wedding ring! Photo credit: Mega"
        return bool(_TERMINAL.search(tail[: credit.start()].rstrip()))
    return bool(lx.EMBED_END.search(tail))


def make_unit(raw: str, text: str | None = None, flat: str | None = None) -> Unit:
    """A unit from a raw line (``text``: its display form when it differs, e.g. a wrapped block)."""
    flat = flat if flat is not None else normalise_line(raw)
    gapped = len(raw) <= MENU_MAX_CHARS and bool(_GAP.search(raw))
    return Unit(text or flat, key(flat), len(_WORD.findall(flat)), _terminal(flat), gapped)


def _wrapped(lines: list[str]) -> bool:
    """A hard-wrapped paragraph: lines of one width that stop mid-sentence.

    Either the lines before the last are of near-equal width (a fixed wrap column) and most stop
    without sentence punctuation, or most stop mid-sentence and the next goes on in lower case.
    A title over its blurb, or a run of widget lines, has neither shape.
    """
    if len(lines) < 2:
        return False
    head = lines[:-1]
    open_ends = sum(1 for line in head if not _ENDS_OPEN.search(line[-_TAIL:]) and not _TERMINAL.search(line[-_TAIL:]))
    widths = [len(line) for line in head]
    even = min(widths) >= max(WRAP_MIN_WIDTH, (1 - WRAP_RAGGED) * max(widths)) and max(widths) <= WRAP_MAX_WIDTH
    # Two lines are a wrapped paragraph only when the second ends it: a headline over a
    # "By ..." line has the same widths.
    if even and open_ends >= len(head) / 2 and (len(head) > 1 or _TERMINAL.search(lines[-1][-_TAIL:])):
        return True
    flowing = sum(
        1
        for line, nxt in zip(lines, lines[1:])
        if len(line) >= 25 and nxt[:1].islower() and not _ENDS_OPEN.search(line[-_TAIL:])
        and not _TERMINAL.search(line[-_TAIL:])
    )
    return flowing >= len(head) / 2


def _unflatten(text: str) -> str:
    """Paragraph breaks back into a page flattened to one line, where they survive as runs of spaces.

    Without the breaks no line rule could see a caption or a teaser in such a page.
    """
    if text.count("\n") * FLAT_CHARS_PER_NEWLINE > len(text) or len(_FLAT_BREAK.findall(text)) < FLAT_MIN_BREAKS:
        return text
    return _FLAT_BREAK.sub("\n\n", text)


def split_units(text: str) -> list[Unit]:
    """Units of a page: each line, except hard-wrapped paragraphs, which stay whole (with their newlines)."""
    text = _unflatten(_ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    units: list[Unit] = []
    for block in _BLOCK_BREAK.split(text):
        pairs = [(line, flat) for line in block.split("\n") if (flat := normalise_line(line))]
        flats = [flat for _, flat in pairs]
        if _wrapped(flats):
            units.append(make_unit(" ".join(line for line, _ in pairs), "\n".join(flats), " ".join(flats)))
        else:
            units.extend(make_unit(line, flat=flat) for line, flat in pairs)
    return units


def shingles(u: Unit) -> list[tuple[str, ...]]:
    """Word 4-grams of a unit's key, in order (for copy detection between lines)."""
    toks = u.key.replace(",", " ").split()
    if len(toks) < 4:
        return [tuple(toks)]
    return list(zip(toks, toks[1:], toks[2:], toks[3:]))


# ---------------------------------------------------------------- shapes


def title_case(u: Unit) -> bool:
    words = [w for w in _WORD.findall(u.text) if w[0].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def headline_like(u: Unit) -> bool:
    """One short line without a sentence end: a headline, a subhead, a teaser title or a list item.

    Lines ending in "?" or "!" count only in title case: in sentence case they are as often a
    question lede ("Remember the state's hunt for a slogan?") as a headline.
    """
    t = u.text
    return (
        1 <= u.n_words <= HEADLINE_MAX_WORDS
        and not u.gapped
        and not _ENDS_OPEN.search(t)
        and not (u.terminal and not title_case(u))
        and not _SENTENCE_BREAK.search(t)
        and not t.startswith(_OPENING_QUOTES)
        and (t[0].isupper() or t[0].isdigit())
    )


def menu_like(u: Unit) -> bool:
    """Navigation: words set apart by runs of spaces or by "|", "•", "»" separators."""
    return not u.terminal and u.n_words <= MENU_MAX_WORDS and (u.gapped or len(_NAV_SEP.findall(u.text)) >= 2)


def cut_off(u: Unit) -> bool:
    """A teaser blurb cut off mid-sentence ("... a lower rate of growth than a forecast. Whether the")."""
    if u.text.endswith(("…", "...")):
        return True
    return not u.terminal and u.n_words >= TRUNCATED_MIN_WORDS and not u.text.endswith(":")


def prose(u: Unit) -> bool:
    return u.terminal and u.n_words >= PROSE_MIN_WORDS and not u.text.endswith(("…", "..."))


_SENTENCE_END = re.compile(r"\w[.!?…][\"'”’)\]]*(?:\s|$)")


def punctuated(u: Unit) -> bool:
    """Some sentence in the unit ends with sentence punctuation (at its end or inside it)."""
    return u.terminal or bool(_SENTENCE_END.search(u.text))


def article_prose(u: Unit) -> bool:
    """A unit that reads as a paragraph of article prose, whatever line rule it tripped.

    Length, sentences and function words: a paragraph of a news story, a caption or a transcript
    passes; a menu, a tag list, a credit or a teaser title does not.
    """
    if u.gapped or u.n_words < ARTICLE_MIN_WORDS:
        return False
    toks = words(u.text)
    if not toks:
        return False
    function = sum(t in STOPWORDS for t in toks) / len(toks)
    shown = [w for w in _WORD.findall(u.text) if w.lower() in STOPWORDS]
    if sum(w[0].isupper() for w in shown) > ARTICLE_MAX_CAPITALISED * len(shown):
        return False  # title case: "Ferry Operator Adds A Night Crossing To The Islands."
    if punctuated(u):
        return function >= ARTICLE_MIN_FUNCTION_SHARE
    return u.n_words >= ARTICLE_UNPUNCTUATED_MIN_WORDS and function >= ARTICLE_UNPUNCTUATED_FUNCTION_SHARE
