"""Clean a page scraped as text: keep the story, drop the chrome around it.

A scraped text page is the article plus whatever the scraper caught around it: a menu line and the
headline on top; photo captions (often twice) inside; a rule, a credit line, "Source link", a visit
counter, a block of teasers for other stories and comment-widget residue at the bottom. The
cleaner works on units (``units.py``: lines, or hard-wrapped paragraphs) in five passes, by
signals rather than by any page's exact strings:

1. line rules, position-free: boilerplate lexicon, captions, credit lines, separators, residue;
   caption variants next to a caption, a line repeated right after itself, and a paragraph's one
   later near-copy (a pull quote or a caption repeating it);
2. the header: menu and section lines, the headline (becomes ``title``), "By ..." and date lines,
   up to the first line that is not header material;
3. the body: a rule or credit line, a teaser header or an end marker ("Source link", a visit
   counter, a comment widget) each end it once the story has begun; after a rule a segment of
   prose on the story's topic is more story, inside a teaser block only prose sharing the story's
   words is, after an end marker nothing is;
4. the trailing edge: a run of teaser titles and cut-off blurbs at the very end, without markers,
   on a page that ends its sentences;
5. a page of one paragraph: where the body holds no article prose, the prose a line rule took
   (a caption story, "VIDEO: ..." over a transcript, "BREAKING: ...") is the body.

It is conservative: a clean article (no chrome) must come through whole, so every rule that could
hit a real paragraph requires shape as well as a pattern (short, no sentence punctuation, ...).
Checked on the 181 clean ground-truth bodies of the article-extraction benchmark (0.9% of words
dropped, most of it chrome the ground truth kept) and on the noisy LLMFake GossipCop originals.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..text import content_words, stem
from . import lexicon as lx
from .units import (Unit, article_prose, cut_off, headline_like, key, menu_like, prose, punctuated, shingles,
                    split_units)

_ALNUM = re.compile(r"[^\W_]")
_QUOTE = re.compile(r"[“\"][^”\"]*\w+\W+\w+\W+\w+[^”\"]*[”\"]")  # a quotation of 3+ words
_DATE_LABEL = re.compile(r"(published|updated|posted|last updated|date)\b")

TITLE_MIN_WORDS = 4  # shorter headline-like lines at the top are section labels ("World", "Live Markets")
HEADER_MAX_UNITS = 25  # the header never runs past this many units
TITLE_COPY_REACH = 3  # HTML mode: a copy of the known title within the first units is dropped
# Captions run 10-35 words on the web and up to ~90 in wire copy ("... (Name/Agency via AP, File)").
# A plain "Photo: Name" tail on a longer line is a credit glued to a body paragraph: the line stays.
CAPTION_WIRE_MAX_WORDS = 100
CAPTION_TAIL_MAX_WORDS = 35
CREDIT_TAIL_CHARS = 200  # a photo credit at the end of a line fits in its last 200 characters
CAPTION_DUP_CONTAINMENT = 0.8  # share of a line's 4-grams found in a nearby caption: a caption variant
CAPTION_DUP_REACH = 3  # caption variants sit within this many units of each other
# A line repeated right after itself (a headline printed twice, with straight and curly quotes) is a
# scraping artifact; farther apart, short repeats are real (recipes and lists repeat their lines).
DUP_MIN_WORDS = 6
DUP_REACH = 2
# A longer line whose 4-grams mostly sit in one earlier line is that line again: a caption or a
# pull quote repeating a paragraph ("Full house: Kardashian and her ..."). The later copy goes,
# unless the line comes back several times: then it is a template (an interview's recurring
# question, a recipe's ingredient line), which the benchmark's clean articles have.
NEAR_DUP_MIN_WORDS = 12
NEAR_DUP_CONTAINMENT = 0.8
# Content-word share with the story so far that text after an end-of-body signal needs to count
# as more story. One paragraph's share is a weak signal: in the benchmark's clean articles 30% of
# paragraphs share under 0.3 of their content words with the text before them, and AP sections
# after a "___" rule shared 0.10-0.24; teasers on the seed page shared 0.07-0.31. So shares only
# back up structure: after a rule a segment of prose (no teaser titles or cut-off blurbs) needs a
# token 0.1; inside a teaser block a lone prose line needs 0.4, a run of prose lines 0.2.
CONTINUE_AFTER_RULE = 0.1
CONTINUE_AFTER_BLOCK = 0.4
CONTINUE_RUN = 0.2
CONTINUE_WINDOW = 3  # prose lines averaged to decide whether the story goes on


@dataclass(slots=True)
class Cleaned:
    """What the cleaner found: body paragraphs, dropped lines (page order) and metadata."""

    paragraphs: list[str]
    removed: list[str]
    title: str | None = None
    bylines: list[str] = field(default_factory=list)
    published: str | None = None


# ---------------------------------------------------------------- pass 1: line rules


def _is_caption(u: Unit, html: bool = False) -> bool:
    t = u.text
    if lx.CAPTION_OPEN.match(t) or lx.CAPTION_CREDIT_OPEN.match(t):
        return True
    if not html and lx.RIGHTS_CREDIT_OPEN.match(t) and not lx.RIGHTS_FOOTER.search(t) and not lx.NOTICE.search(u.key):
        return True
    tail = t[-CREDIT_TAIL_CHARS:]  # credits end the line; searching only the tail keeps this fast
    if u.n_words <= CAPTION_WIRE_MAX_WORDS and lx.CAPTION_WIRE_PAREN.search(tail):
        return True
    if u.n_words > CAPTION_TAIL_MAX_WORDS or _QUOTE.search(t):  # quotes make it a story paragraph
        return False
    return bool(lx.CAPTION_CREDIT_PAREN.search(tail) or lx.CAPTION_CREDIT_TAIL.search(tail))


def _is_credit(u: Unit) -> bool:
    if u.n_words > lx.CREDIT_MAX_WORDS:
        return False
    if lx.CREDIT_OPEN.match(u.text):
        return True
    if "report" not in u.key and "contribut" not in u.key and "wrote" not in u.key:
        return False  # every credit sentence has one of these; skip the sentence split
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(])", u.text) if s]
    return all(lx.CREDIT_SENTENCE.match(s) for s in sentences)


def line_kind(u: Unit, html: bool = False) -> str | None:
    """Why this line is chrome wherever it stands, or None."""
    if lx.SEPARATOR.fullmatch(u.text):
        return "separator"
    if not html and (len(u.text) <= 2 or u.text.isdigit() or not _ALNUM.search(u.text)):
        return "residue"  # widget leftovers: "0", "()", "x", "|"
    if _is_credit(u):
        return "credit"
    if _is_caption(u, html):
        return "caption"
    # A teaser header is a label: "More from the council next week." is a sentence.
    label = not u.terminal or u.text.endswith(("…", "..."))
    for pattern, kind, limit in lx.BOILERPLATE:
        if u.n_words <= limit and pattern.match(u.key) and (label or kind != lx.BLOCK):
            return kind
    return None


def _mark_copies(units: list[Unit]) -> None:
    """Caption variants next to a caption, a line repeated right after itself, one-off near-copies."""
    cache: dict[int, list[tuple[str, ...]]] = {}

    def grams(i: int) -> list[tuple[str, ...]]:
        if i not in cache:
            cache[i] = shingles(units[i])
        return cache[i]

    for i, cap in enumerate(units):
        if cap.kind != "caption":
            continue
        cap_set = set(grams(i))
        for j in range(max(0, i - CAPTION_DUP_REACH), min(len(units), i + CAPTION_DUP_REACH + 1)):
            u = units[j]
            if u.kind is not None or u.n_words < 5:
                continue
            sh = grams(j)
            if sh[0] in cap_set and sum(g in cap_set for g in sh) >= CAPTION_DUP_CONTAINMENT * len(sh):
                u.kind = "caption"
    earlier: dict[tuple[str, ...], int] = {}  # 4-gram -> index of the first unit holding it
    copies: dict[int, list[Unit]] = {}  # earlier unit -> later units that repeat it
    for i, u in enumerate(units):
        if u.n_words >= DUP_MIN_WORDS and u.kind is None:
            if any(v.key == u.key for v in units[max(0, i - DUP_REACH) : i]):
                u.kind = "duplicate"
                continue
        if u.n_words < NEAR_DUP_MIN_WORDS:
            continue
        mine = set(grams(i))
        if u.kind is None:
            hits: dict[int, int] = {}
            for g in mine:
                j = earlier.get(g)
                if j is not None:
                    hits[j] = hits.get(j, 0) + 1
            best = max(hits, key=hits.__getitem__, default=None)
            if best is not None and hits[best] >= NEAR_DUP_CONTAINMENT * len(mine):
                copies.setdefault(best, []).append(u)
        for g in mine:
            earlier.setdefault(g, i)
    for later in copies.values():
        if len(later) == 1:  # repeated once: a caption or pull quote; more often: a template line
            later[0].kind = "duplicate"


# ---------------------------------------------------------------- pass 2: header


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``, or None."""
    for rx, order in ((lx.DATE_ISO, "ymd"), (lx.DATE_MDY, "mdy"), (lx.DATE_DMY, "dmy")):
        m = rx.search(text)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = int(parts["m"]) if parts["m"].isdigit() else lx.month_number(parts["m"])
        try:
            return dt.date(int(parts["y"]), month, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None


def _date_line(u: Unit) -> str | None:
    if u.n_words > lx.DATE_LINE_MAX_WORDS:
        return None
    labelled = _DATE_LABEL.match(u.key)
    if not labelled and (u.n_words > 10 or u.text.endswith(".") and u.n_words > 4):
        return None
    return parse_date(u.text)


def _header(units: list[Unit], out: Cleaned, title_hint: str | None) -> int:
    """Mark the header's units; return the index where the body starts."""
    hint = key(title_hint) if title_hint else None
    title_key = hint
    passed_prose = False
    for i, u in enumerate(units[:HEADER_MAX_UNITS]):
        if u.kind is not None:
            if u.kind == "credit" or u.kind == lx.BLOCK and passed_prose:
                # A credit line cannot open a page, and teasers after a paragraph taken for chrome
                # (a page of one paragraph: "VIDEO: ...") are no body: leave both to the body pass.
                return i
            passed_prose = passed_prose or article_prose(u)
            continue
        if title_key is not None and u.key == title_key:  # the known title, or a second copy of it
            u.kind = "title" if out.title is None else "duplicate"
            out.title = out.title or u.text
            continue
        m = lx.BYLINE.match(u.text)
        if m and u.n_words <= 12:
            u.kind = "byline"
            out.bylines.append(m.group(1))
            continue
        date = _date_line(u)
        if date:
            u.kind = "date"
            out.published = out.published or date
            continue
        if menu_like(u):
            u.kind = "menu"
            continue
        if headline_like(u):
            if out.title is None and hint is None and u.n_words >= TITLE_MIN_WORDS:
                u.kind = "title"
                out.title, title_key = u.text, u.key
                continue
            if u.n_words < TITLE_MIN_WORDS:
                u.kind = "menu"
                continue
        return i
    return min(len(units), HEADER_MAX_UNITS)


def _drop_title_copy(units: list[Unit], out: Cleaned, title: str | None) -> None:
    """HTML mode: the headline repeated at the top of the extracted text is not body."""
    if not title:
        return
    title_key = key(title)
    for u in units[:TITLE_COPY_REACH]:
        if u.kind is None and u.key == title_key:
            u.kind = "title"
            out.title = out.title or u.text
            return


# ---------------------------------------------------------------- pass 3: body and tail


def _bag(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


class _Story:
    """Content words of the body kept so far, grown lazily (only pages with a tail need them)."""

    def __init__(self, kept: list[Unit]) -> None:
        self.kept = kept
        self.done = 0
        self.words: set[str] = set()

    def share(self, u: Unit) -> float:
        for b in self.kept[self.done :]:
            self.words |= _bag(b.text)
        self.done = len(self.kept)
        words = _bag(u.text)
        return len(words & self.words) / len(words) if words else 0.0


_MARKERS = frozenset({"separator", "credit", lx.END, lx.BLOCK})


def _story_segment(segment: list[Unit], story: _Story) -> bool:
    """Whether the units between a rule (or credit line) and the next marker are more story.

    AP analysis pieces put "___" between sections (a subhead, then prose); AP stories also end with
    "___" and notes, and scraped pages with teaser lists (titles and cut-off blurbs). A story
    section is prose with at most one subhead per two paragraphs, on the story's topic.
    """
    body = [u for u in segment if u.kind is None]
    paragraphs = [u for u in body if prose(u)]
    if not paragraphs or any(cut_off(u) for u in body):
        return False
    if sum(headline_like(u) for u in body) > max(1, len(paragraphs) // 2):
        return False
    return sum(story.share(u) for u in paragraphs) / len(paragraphs) >= CONTINUE_AFTER_RULE


def _continues(units: list[Unit], i: int, story: _Story, begun: bool = True) -> bool:
    """Whether ``units[i]``, inside a teaser block, is where the story picks up again.

    Teasers alternate titles and blurbs and share the story's topic words, so a lone prose line
    must share a lot; a run of ``CONTINUE_WINDOW`` prose lines is the story going on and needs less,
    and before the story has begun (a teaser block over it) is where it starts.
    """
    if not prose(units[i]):
        return False
    window = [units[i]]
    for u in units[i + 1 :]:
        if len(window) == CONTINUE_WINDOW or u.kind in _MARKERS:
            break
        if u.kind is None:
            if not prose(u):
                break
            window.append(u)
    if len(window) == CONTINUE_WINDOW and not begun:
        return True
    bar = CONTINUE_RUN if len(window) == CONTINUE_WINDOW else CONTINUE_AFTER_BLOCK
    return sum(story.share(u) for u in window) / len(window) >= bar


def _body(units: list[Unit], start: int, out: Cleaned, html: bool = False) -> None:
    """Walk the body: markers switch state, and units after a marker are story or tail.

    On a text page a rule, a credit line or an end marker ends a story only once it has begun (a
    line of prose kept): before that it is chrome of the header (a rule under the masthead,
    "© Agency" over a photo, a credit line on top) and the story is still to come. In HTML mode the
    extractor has already found where the article starts.
    """
    state = "body"  # "body", "rule" (after a separator/credit), "block" (teasers), "end"
    kept: list[Unit] = []
    story = _Story(kept)
    begun = html
    i = start
    while i < len(units):
        u = units[i]
        kind = u.kind
        if kind == "credit":
            out.bylines.append(u.text)
            state = "rule" if state == "body" and begun else state
        elif kind == "separator":
            state = "rule" if state == "body" and begun else state
        elif kind == lx.END:
            state = "end" if begun or state != "body" else state
        elif kind == lx.BLOCK:
            state = "end" if state == "end" else "block"
        elif kind is not None:
            pass
        elif state == "body":
            kept.append(u)
            begun = begun or prose(u)
        elif state == "rule":
            j = i
            while j < len(units) and units[j].kind not in _MARKERS:
                j += 1
            segment = units[i:j]
            if _story_segment(segment, story):
                kept.extend(v for v in segment if v.kind is None)
                state = "body"
            else:
                for v in segment:
                    v.kind = v.kind or "tail"
            i = j
            continue
        elif state == "block" and _continues(units, i, story, begun):
            kept.append(u)
            begun = True
            state = "body"
        else:
            u.kind = "tail"
        i += 1


# ---------------------------------------------------------------- pass 4: trailing edge


def _trailing(units: list[Unit]) -> None:
    """Drop a teaser list that runs to the end of the page with no marker before it.

    Walking back from the end, the run takes headline-like lines, cut-off blurbs and prose blurbs
    right after a headline-like line that share little with the story. It is dropped when it holds
    two or more cut-off blurbs and about as many titles, or is exactly one title + cut-off blurb
    pair. A lone cut-off last paragraph is as often a paywalled story, and a run of short lines as
    often a list (tour dates, results), so neither goes on its own. A blurb is cut off only on a
    page that ends its sentences: where no line before the run has a sentence end (a transcript, a
    page written without punctuation), the run is the text itself.
    """
    body = [u for u in units if u.kind is None]
    story = _Story(body[: len(body) // 2])  # the first half is story whatever the end holds
    k, cut, titles = len(body) - 1, 0, 0
    while k > 0:
        u = body[k]
        if cut_off(u):
            cut += 1
        elif headline_like(u):
            titles += 1
        elif not (prose(u) and headline_like(body[k - 1]) and story.share(u) < CONTINUE_AFTER_BLOCK):
            break
        k -= 1
    run = body[k + 1 :]
    if not any(punctuated(u) for u in body[: k + 1]):
        return
    # Teasers come as titles over blurbs; a run of cut-off paragraphs alone is a badly scraped story.
    if cut >= 2 and titles >= cut / 2 or (len(run) == 2 and headline_like(run[0]) and cut_off(run[1])):
        for u in run:
            u.kind = "tail"


# ---------------------------------------------------------------- pass 5: a page of one paragraph

# Line rules a paragraph of news can trip: a news item that is a photo's caption ("PHOTO: ...",
# "... (AP Photo/Name)"), a video's description or transcript ("VIDEO: ..."), an item under a label
# ("BREAKING: ...", "WATCH: ...") or behind a glued-on credit ("© Agency ..."). Position rules (a tail
# after an end marker), header lines, credit lines and copies are not taken back.
_LINE_RULES = frozenset({"caption", lx.DROP, lx.END})
_FIRST_SENTENCE = re.compile(r".*?(?:\w[.!?](?=\s)|$)", re.S)


def _one_paragraph(units: list[Unit]) -> None:
    """A page whose body holds no article prose gets back the prose a line rule took from it.

    Chrome rules are written for the short lines around an article; on a page of one paragraph
    (a short news item, a caption story, a transcript written as one long line) the paragraph
    itself can match one ("VIDEO: ...", "... (AP Photo/Name)"), and the page would have no body.
    A unit that reads as article prose (``article_prose``: length, sentences, function words) and
    is no site notice (cookies, sign-up, comment form) is the page's body then.
    """
    if any(u.kind is None and article_prose(u) for u in units):
        return
    taken: set[tuple[str, ...]] = set()
    for u in units:
        if u.kind not in _LINE_RULES or not article_prose(u) or lx.NOTICE.search(_FIRST_SENTENCE.match(u.key)[0]):
            continue
        grams = shingles(u)
        if sum(g in taken for g in grams) >= CAPTION_DUP_CONTAINMENT * len(grams):
            continue  # a caption printed twice is one paragraph
        taken.update(grams)
        u.kind = None


def clean(text: str, *, html: bool = False, title_hint: str | None = None) -> Cleaned:
    """Split ``text`` into body paragraphs and chrome.

    ``html=True`` is the light mode for text that trafilatura already extracted: no header or
    trailing-edge passes (trafilatura drops the headline and most teasers), no residue rule.
    ``title_hint`` is a title known from elsewhere; a line repeating it is not body.
    """
    units = split_units(text)
    out = Cleaned([], [])
    for u in units:
        u.kind = line_kind(u, html)
    _mark_copies(units)
    if html:
        start = 0
        _drop_title_copy(units, out, title_hint)
    else:
        start = _header(units, out, title_hint)
    _body(units, start, out, html)
    if not html:
        _trailing(units)
        _one_paragraph(units)
    for u in units:
        if u.kind is None:
            out.paragraphs.append(u.text)
        elif u.kind != "title":
            out.removed.append(u.text)
    if not out.paragraphs and out.title:  # a one-line page is its own body, headline or not
        out.paragraphs.append(out.title)
    return out
