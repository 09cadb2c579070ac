"""HTML pages: trafilatura finds the article and its metadata; the text-page cleaner tidies after it.

trafilatura 2.3.1 with ``favor_precision=True`` scored the best token F1 (0.965) of the extractors
tried on the 181-page article-extraction benchmark (shared/stack.md section 1). Its text still
carries the odd credit line or "Advertisement"/"Read more" line, so the cleaner runs over it in
its light mode (line rules and the end-of-body signals; no header or trailing-edge guessing).
When neither trafilatura nor resiliparse (below) finds a body, the page's <p> elements are the fallback.

``fast=True`` (corpus ingest) parses with resiliparse instead, about ten times faster than
trafilatura: resiliparse's main-content text, without comment threads, asides, navigation and
captions, goes through the same cleaner, and metadata comes from the page's <meta> tags.
A page where that leaves under ``FAST_MIN_WORDS`` words (resiliparse now and then drops a whole
body) goes the trafilatura way after all.

The two extractors fail differently: trafilatura now and then stops at the first part of an article
split by an inline widget, or keeps a notice instead of the story, where resiliparse's main content
holds the whole of it. So the best mode reads resiliparse's body too, as a second opinion, and takes
it where it is much longer and either holds what trafilatura kept or trafilatura kept next to
nothing (``_second_opinion_wins``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ..errors import InputError
from ..records import Article, Page
from . import textpage
from .units import normalise_line

EXTRACTOR = "trafilatura+byline.textpage.v1"
FAST_EXTRACTOR = "resiliparse+byline.textpage.v1"
FALLBACK_EXTRACTOR = "paragraphs+byline.textpage.v1"
MIN_PARAGRAPH_CHARS = 20  # <p> fallback: shorter paragraphs are buttons, labels and bylines
# Fast mode: a body this short means resiliparse missed the article. On the benchmark's 181 pages
# 8 fell under 50 words (5 of them with the body dropped entirely) and went to trafilatura:
# F1 0.931 -> 0.947; 150 sent 22 pages there for 0.003 more.
FAST_MIN_WORDS = 50
# Best mode: resiliparse's body replaces trafilatura's when it has over SECOND_OPINION_RATIO times
# the words and either holds SECOND_OPINION_CONTAINMENT of trafilatura's word 4-grams (trafilatura
# stopped early) or trafilatura kept under FAST_MIN_WORDS words (a notice, not the story). The ratio
# is trafilatura's own for preferring readability's output ("much longer"). On the benchmark this
# fired on 3 of 181 pages, all right (F1 0.967 -> 0.975); a 1.6 ratio added one wrong page (a photo
# gallery's captions), 2.5 lost one right one.
SECOND_OPINION_RATIO = 2.0
SECOND_OPINION_CONTAINMENT = 0.9
# Subtrees resiliparse skips in the fast extraction (besides comment sections and post metadata,
# which it drops itself when asked): asides, navigation, headers and footers, the headline, photo
# captions and galleries, share, "related", newsletter and promotion widgets, and comment threads
# its own rule misses. Benchmark F1 0.954 with none of these, 0.956 with the first eleven, 0.966
# with all: the headline and <header> +0.006, captions and galleries +0.004, footer classes (as
# the <footer> element) +0.0004. Left out: byline/author blocks (same score, 4 more pages fell back
# to trafilatura); "sidebar" and "advert" (+0.002, but only by dropping whole bodies on 11 pages,
# whose layout classes say "with-sidebar", so trafilatura took them); "widget" (+0.001, but page
# builders wrap article text in widget classes); <form> (+0.0004, but some sites wrap the whole
# page in one); "hidden" (responsive classes hide on small screens only).
FAST_SKIP = (
    '[id*="comment" i]', '[class*="comment" i]', "aside", "nav", "footer", "figcaption", "figure",
    '[class*="share" i]', '[class*="related" i]', '[class*="newsletter" i]', '[class*="promo" i]',
    "header", "h1", '[class*="caption" i]', '[class*="gallery" i]', '[class*="footer" i]',
)
_META = {  # Article field -> <meta> selectors, most specific first
    "title": ('meta[property="og:title"]', 'meta[name="twitter:title"]'),
    "published": ('meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="date"]',
                  'meta[name="pubdate"]', 'meta[property="og:updated_time"]'),
    "byline": ('meta[name="author"]', 'meta[property="article:author"]'),
    "site": ('meta[property="og:site_name"]', 'meta[name="application-name"]'),
    "url": ('meta[property="og:url"]', 'link[rel="canonical"]'),
}

_WORD = re.compile(r"\w+")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # it logs every page it cannot parse


def _trafilatura(html: str, url: str | None, fast: bool = False) -> Any:
    import trafilatura  # imported late: 0.5 s, and text pages never need it

    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_precision=True, include_comments=False, fast=fast
        )
    except (ValueError, TypeError, AttributeError):  # trafilatura's own failure signals on broken trees
        return None


def _paragraphs(html: str) -> tuple[list[str], str | None]:
    """Text of the page's <p> elements and its <title>: the fallback when trafilatura finds nothing."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return [], None
    paras = []
    for p in root.iter("p"):
        text = normalise_line(" ".join(p.itertext()))
        if len(text) >= MIN_PARAGRAPH_CHARS:
            paras.append(text)
    title_el = root.find(".//title")
    title = normalise_line(title_el.text_content()) if title_el is not None else None
    return paras, title or None


def _iso(date: str | None) -> str | None:
    return date.strip() if date and date.strip() else None


def _main_content(page: Page) -> tuple[textpage.Cleaned, dict[str, str]] | None:
    """resiliparse's main content through the cleaner, and the page's <meta> metadata (with the
    <title> when no meta tag names one); None for a page without a <body>."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(page.body)
    if tree.body is None:
        return None
    raw = extract_plain_text(tree, main_content=True, alt_texts=False, links=False, list_bullets=False,
                             comments=False, post_meta=False, skip_elements=list(FAST_SKIP))
    text = "\n\n".join(line for line in raw.split("\n") if line.strip())
    meta = _meta(tree)
    title = meta.get("title") or normalise_line(tree.title or "")
    if title:
        meta["title"] = title
    return textpage.clean(text, html=True, title_hint=title or page.meta.get("title")), meta


def _fast_article(page: Page, cleaned: textpage.Cleaned, meta: dict[str, str]) -> Article:
    """The article of the fast mode: resiliparse's cleaned body with <meta> metadata."""
    bylines = [b for b in (meta.get("byline"), page.meta.get("byline"), *cleaned.bylines) if b]
    return Article(
        path=page.path,
        text="\n\n".join(cleaned.paragraphs),
        title=page.meta.get("title") or meta.get("title"),
        byline="; ".join(dict.fromkeys(bylines)) or None,
        published=_iso(meta.get("published")) or page.meta.get("published") or cleaned.published,
        site=meta.get("site") or page.meta.get("site"),
        url=page.meta.get("url") or meta.get("url"),
        chrome_removed=tuple(cleaned.removed),
        extractor=FAST_EXTRACTOR,
    )


def _n_words(paragraphs: list[str]) -> int:
    """Whitespace-separated words in a body (the unit of ``FAST_MIN_WORDS``)."""
    return sum(len(p.split()) for p in paragraphs)


def _words(paragraphs: list[str]) -> list[str]:
    """Lower-cased word tokens of a body."""
    return [w.lower() for p in paragraphs for w in _WORD.findall(p)]


def _containment(first: list[str], second: list[str]) -> float:
    """Share of ``first``'s word 4-grams found in ``second`` (token lists)."""
    grams = set(zip(first, first[1:], first[2:], first[3:]))
    if not grams:
        return 0.0
    other = set(zip(second, second[1:], second[2:], second[3:]))
    return len(grams & other) / len(grams)


def _second_opinion_wins(first: list[str], second: list[str]) -> bool:
    """Is ``second`` (resiliparse's body paragraphs) the article where ``first`` (trafilatura's) is not?

    Only a much longer body can win: either trafilatura's is a part of it (it stopped at an inline
    widget) or trafilatura kept too little to be a story (a reprint or cookie notice).
    """
    a, b = _words(first), _words(second)
    if len(b) <= SECOND_OPINION_RATIO * len(a):
        return False
    return len(a) < FAST_MIN_WORDS or _containment(a, b) >= SECOND_OPINION_CONTAINMENT


def _meta(tree: Any) -> dict[str, str]:
    """Article metadata from the page head's <meta> (and canonical <link>) tags."""
    head = tree.head
    out: dict[str, str] = {}
    if head is None:
        return out
    for name, selectors in _META.items():
        for selector in selectors:
            el = head.query_selector(selector)
            value = el.getattr("href" if el is not None and el.tag == "link" else "content") if el is not None else None
            if value and value.strip():
                out[name] = normalise_line(value)
                break
    return out


def extract_html(page: Page, fast: bool = False) -> Article:
    """The article of an HTML page; ``InputError`` when it holds no article text.

    ``fast`` takes resiliparse's main content through the cleaner (``_main_content``), and
    trafilatura without its fallback extractors where that finds too little: for corpus ingest.
    The best mode takes trafilatura's body unless resiliparse's wins (``_second_opinion_wins``);
    where neither finds any, the page's <p> elements are the body.
    """
    main = _main_content(page)
    if fast and main is not None and _n_words(main[0].paragraphs) >= FAST_MIN_WORDS:
        return _fast_article(page, *main)
    url = page.meta.get("url")
    doc = _trafilatura(page.body, url, fast)
    title = getattr(doc, "title", None)
    # trafilatura puts one block element per line; the text stage wants paragraphs.
    text = "\n\n".join(line for line in (getattr(doc, "text", None) or "").split("\n") if line.strip())
    cleaned = textpage.clean(text, html=True, title_hint=title or page.meta.get("title"))
    extractor = EXTRACTOR
    if main is not None and _second_opinion_wins(cleaned.paragraphs, main[0].paragraphs):
        cleaned, extractor = main[0], FAST_EXTRACTOR
    elif not text:
        paras, html_title = _paragraphs(page.body)
        title = title or html_title
        cleaned = textpage.clean("\n\n".join(paras), html=True, title_hint=title or page.meta.get("title"))
        extractor = FALLBACK_EXTRACTOR
    if not cleaned.paragraphs:  # only chrome: a menu or a cookie notice is all the page had
        raise InputError(page.path, "no article text found")
    bylines = [b for b in (getattr(doc, "author", None), page.meta.get("byline"), *cleaned.bylines) if b]
    return Article(
        path=page.path,
        text="\n\n".join(cleaned.paragraphs),
        title=page.meta.get("title") or title or None,
        byline="; ".join(dict.fromkeys(bylines)) or None,
        published=_iso(getattr(doc, "date", None)) or page.meta.get("published"),
        site=getattr(doc, "sitename", None) or page.meta.get("site"),
        url=url or getattr(doc, "url", None),
        chrome_removed=tuple(cleaned.removed),
        extractor=extractor,
    )
