"""Text stage: sentences with character offsets, word tokens, content words and shingles.

Sentence boundaries come from nupunkt's pre-trained Punkt model (1 MB, no downloads), which keeps
abbreviations such as "U.S." and "U.N." inside their sentence. Paragraph breaks (blank lines) are
always sentence boundaries, so a headline or a caption line never fuses with the next paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import nupunkt

from .records import Sentence, Span

_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\w+(?:[’'.-]\w+)*", re.UNICODE)
# A sentence needs at least this many word characters to count: drops stray "—" or "(...)" pieces.
MIN_SENTENCE_CHARS = 3
# Longest sentence kept whole (characters). Real sentences stay under it (all 622 sentences of the
# seeds and the test fixtures do; the longest has 397). Run-on text without full stops (lists,
# scraped tables, PAN13 documents with "sentences" of thousands of characters) is cut at clause or
# word boundaries into pieces no longer than this, so a reused passage inside it can still be
# found and bounded. In PAN13 train documents 1.7 % of sentences, 8 % of the characters, lie in
# longer ones; cutting them raised plagdet on a 250-pair sample from 0.867 to 0.891.
MAX_SENTENCE_CHARS = 400
# Where an overlong sentence is cut, best first: a missed sentence end, a clause mark, a comma or
# line break, any whitespace. A cut lands after the mark, before the next word.
_CUTS = (
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"(?:[;:]|\s[—–-]{1,2})\s+"),
    re.compile(r"(?:,\s+|\s*\n\s*)"),
    re.compile(r"\s+"),
)

# English function words. Content words (what is left) carry the lexical evidence for alignment.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say told
    according also would could may might must shall one ’s 's s t""".split()
)


def paragraph_spans(text: str) -> list[Span]:
    """Non-empty paragraphs (separated by blank lines), stripped of surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    for m in [*_PARAGRAPH.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + (len(chunk) - len(chunk.lstrip()))
            spans.append(Span(left, left + len(stripped)))
        if m:
            start = m.end()
    return spans


def split_sentences(text: str, max_chars: int | None = MAX_SENTENCE_CHARS) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences whose spans point into ``text`` (whitespace trimmed).

    Sentences longer than ``max_chars`` are cut into pieces of at most that length (``None``: never).
    """
    out: list[Sentence] = []
    for para in paragraph_spans(text):
        chunk = text[para.start : para.end]
        for s, e in nupunkt.sent_spans(chunk):
            piece = chunk[s:e]
            left = len(piece) - len(piece.lstrip())
            right = len(piece.rstrip())
            if right - left <= 0:
                continue
            start, end = para.start + s + left, para.start + s + right
            pieces = [(start, end)] if max_chars is None or end - start <= max_chars else _cut(text, start, end, max_chars)
            for p_start, p_end in pieces:
                sentence_text = text[p_start:p_end]
                if not _alnum_at_least(sentence_text, MIN_SENTENCE_CHARS):
                    continue
                out.append(Sentence(len(out), Span(p_start, p_end), sentence_text))
    return tuple(out)


def _alnum_at_least(text: str, n: int) -> bool:
    """Does ``text`` hold at least ``n`` letters or digits? (Stops as soon as it knows.)"""
    for ch in text:
        if ch.isalnum():
            n -= 1
            if n <= 0:
                return True
    return n <= 0


def _cut(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """``text[start:end]`` (trimmed, longer than ``max_chars``) as pieces of at most ``max_chars``.

    The pieces are about equally long (a 500-character run-on becomes two of ~250, not 400 + 100):
    each cut aims at the next equal share and takes the best kind of boundary (``_CUTS``) between
    60 % of that share and ``max_chars``, the one nearest the aim. Without any whitespace in reach
    (a long URL) the cut falls at the aim. Pieces are trimmed of whitespace.
    """
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > max_chars:
        share = (end - pos) / -(-(end - pos) // max_chars)  # equal shares, each <= max_chars
        lo, hi, aim = pos + int(0.6 * share), pos + max_chars, pos + share
        cut = None
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(text, lo, hi + 1) if lo < m.end() <= hi]
            if ends:
                cut = min(ends, key=lambda x: abs(x - aim))
                break
        if cut is None:
            cut = int(aim)
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, end))
    out = []
    for s, e in pieces:
        piece = text[s:e]
        left, right = len(piece) - len(piece.lstrip()), len(piece.rstrip())
        if right > left:
            out.append((s + left, s + right))
    return out


def normalise(text: str) -> str:
    """Case-folded text with curly quotes and dashes made plain (for comparisons only)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return text.casefold()


def words(text: str) -> list[str]:
    """Lower-case word tokens (apostrophes and inner dots kept: "u.s.", "china's")."""
    return _WORD.findall(normalise(text))


def content_words(text: str) -> list[str]:
    """Word tokens without function words, possessive "'s" stripped."""
    out = []
    for w in words(text):
        if w.endswith("'s"):
            w = w[:-2]
        if w and w not in STOPWORDS:
            out.append(w)
    return out


ENGLISH_MIN = 0.15  # English prose runs 0.3-0.55 function words; other languages stay under 0.1


def english_share(text: str, sample: int = 3000) -> float:
    """Share of the word tokens (of the first ``sample`` characters) that are English function words."""
    toks = words(text[:sample])
    return sum(t in STOPWORDS for t in toks) / len(toks) if toks else 0.0


def is_english(text: str) -> bool:
    """Is ``text`` English prose? The embedders are English models: elsewhere they see look-alikes."""
    return english_share(text) >= ENGLISH_MIN


def shingles(text: str | Iterable[str], n: int = 5) -> set[str]:
    """Word ``n``-grams of ``text`` (or of a token list), joined by spaces."""
    toks = words(text) if isinstance(text, str) else list(text)
    if len(toks) < n:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "sanctions"/"sanctioned", "talks"/"talk"."""
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 16)
def content_stems(text: str) -> tuple[str, ...]:
    """``stem`` of each of ``content_words(text)``, remembered: in a corpus an article's sentences
    are compared with many others, and re-tokenising them was a fifth of a pair's time."""
    return tuple(stem(w) for w in content_words(text))


# Where a long sentence may be cut into clauses: before a coordinating/subordinating connective
# that follows a comma or semicolon, or at a semicolon/colon/dash. Used to align and check fused
# or padded rewrite sentences piece by piece.
_CLAUSE_CUT = re.compile(
    r"(?:[;:]|\s[—–]\s|,\s+(?=(?:and|but|while|whereas|although|though|as|which|leading|stating|"
    r"indicating|adding|saying|making|raising|allowing|despite|with|so|yet|because)\b))",
    re.IGNORECASE,
)


def clause_spans(text: str, min_words: int = 5) -> list[Span]:
    """Clauses of one sentence (offsets into ``text``); pieces under ``min_words`` join a neighbour."""
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(text)] + [len(text)]
    pieces = [(cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1) if cuts[k + 1] > cuts[k]]
    merged: list[list[int]] = []
    for s, e in pieces:
        if merged and len(words(text[merged[-1][0] : merged[-1][1]])) < min_words:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    if len(merged) > 1 and len(words(text[merged[-1][0] : merged[-1][1]])) < min_words:
        last = merged.pop()
        merged[-1][1] = last[1]
    out = []
    for s, e in merged:
        piece = text[s:e]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            out.append(Span(s + left, s + right))
    return out


# --- quotations ---------------------------------------------------------------------------

QUOTE_MIN_WORDS = 4  # shorter quoted passages are scare quotes or terms, not someone's words
_MARK = re.compile(r"[“”\"]")
TITLE_MAX_WORDS = 10  # longer capitalised passages are read as quotes (a shouted line, a slogan)
_TITLE_SMALL = frozenset("a an the of and or in on at to for with by from as but nor & de la le".split())


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: ``span`` covers the words inside the quotation marks."""

    span: Span
    text: str
    words: int


def find_quotes(text: str, min_words: int = QUOTE_MIN_WORDS) -> list[Quote]:
    """Quoted passages of ``text`` with at least ``min_words`` words, titles left out, in order."""
    out: list[Quote] = []
    for para in paragraph_spans(text):
        open_at: int | None = None
        for m in _MARK.finditer(text, para.start, para.end):
            if _closes(text, m.start(), open_at is not None):
                if open_at is not None:
                    out.append(_quote(text, open_at, m.start()))
                    open_at = None
            else:
                open_at = m.end()
        if open_at is not None:
            out.append(_quote(text, open_at, para.end))
    return [q for q in out if q.words >= min_words and not _is_title(q.text)]


def _closes(text: str, at: int, is_open: bool) -> bool:
    """Does the mark at ``at`` close a quote? Curly marks say so themselves, unless the text around
    them says otherwise (a “ glued to the end of a word closes, as some sites type it)."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    glued_left = not before.isspace() and before not in "([{—–-"
    free_right = after.isspace() or after in ".,;:!?)]}—–-"
    ch = text[at]
    if ch == "”":
        return True
    if ch == "“":
        return is_open and glued_left and free_right
    return is_open and (glued_left or free_right)  # a straight quote: context decides


def _is_title(passage: str) -> bool:
    """A title of a work in quotation marks ("Only Time Will Tell"), not someone's words."""
    toks = [t for t in _WORD.findall(passage) if t[:1].isalpha()]
    if not toks or len(toks) > TITLE_MAX_WORDS:
        return False
    upper = sum(t[0].isupper() for t in toks if t.lower() not in _TITLE_SMALL)
    big = sum(1 for t in toks if t.lower() not in _TITLE_SMALL)
    return big > 0 and upper / big >= 0.8


def _quote(text: str, start: int, end: int) -> Quote:
    s, e = trim(text, start, end)
    while e > s and text[e - 1] in "?!":
        e -= 1
    inner = text[s:e]
    return Quote(Span(s, e), inner, len(_WORD.findall(inner)))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace and light punctuation."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-."):
        end -= 1
    return start, end
