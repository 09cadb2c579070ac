"""HTML pages: trafilatura finds the article and its metadata; the text-page cleaner tidies after it.

trafilatura 2.3.1 with ``favor_precision=True`` scored the best token F1 (0.965) of the extractors
tried on the 181-page article-extraction benchmark (shared/stack.md section 1). Its text still
carries the odd credit line or "Advertisement"/"Read more" line, so the cleaner runs over it in
its light mode (line rules and the end-of-body signals; no header or trailing-edge guessing).
When trafilatura finds no body, the page's <p> elements are the fallback.

``fast=True`` (corpus ingest) parses with resiliparse instead, about ten times faster than
trafilatura: resiliparse's main-content text, without comment threads, asides, navigation and
captions, goes through the same cleaner, and metadata comes from the page's <meta> tags.
A page where that leaves under ``FAST_MIN_WORDS`` words (resiliparse now and then drops a whole
body) goes the trafilatura way after all.
"""

from __future__ import annotations

import logging
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
# Subtrees resiliparse skips in the fast extraction (besides comment sections and post metadata,
# which it drops itself when asked): asides, navigation, footers, photo captions, share, "related",
# newsletter and promotion widgets, and comment threads its own rule misses. Benchmark F1 0.954
# without these, 0.956 with them; adding byline/author blocks scored the same and sent 4 more
# pages to the trafilatura fallback.
FAST_SKIP = (
    '[id*="comment" i]', '[class*="comment" i]', "aside", "nav", "footer", "figcaption", "figure",
    '[class*="share" i]', '[class*="related" i]', '[class*="newsletter" i]', '[class*="promo" i]',
)
_META = {  # Article field -> <meta> selectors, most specific first
    "title": ('meta[property="og:title"]', 'meta[name="twitter:title"]'),
    "published": ('meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', 'meta[name="date"]',
                  'meta[name="pubdate"]', 'meta[property="og:updated_time"]'),
    "byline": ('meta[name="author"]', 'meta[property="article:author"]'),
    "site": ('meta[property="og:site_name"]', 'meta[name="application-name"]'),
    "url": ('meta[property="og:url"]', 'link[rel="canonical"]'),
}

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


def _fast(page: Page) -> Article | None:
    """The article by resiliparse and the cleaner, or None when it finds too little text."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(page.body)
    if tree.body is None:
        return None
    raw = extract_plain_text(tree, main_content=True, alt_texts=False, links=False, list_bullets=False,
                             comments=False, post_meta=False, skip_elements=list(FAST_SKIP))
    text = "\n\n".join(line for line in raw.split("\n") if line.strip())
    meta = _meta(tree)
    title = meta.get("title") or normalise_line(tree.title or "") or None
    cleaned = textpage.clean(text, html=True, title_hint=title or page.meta.get("title"))
    body = "\n\n".join(cleaned.paragraphs)
    if len(body.split()) < FAST_MIN_WORDS:
        return None
    bylines = [b for b in (meta.get("byline"), page.meta.get("byline"), *cleaned.bylines) if b]
    return Article(
        path=page.path,
        text=body,
        title=page.meta.get("title") or title,
        byline="; ".join(dict.fromkeys(bylines)) or None,
        published=_iso(meta.get("published")) or page.meta.get("published") or cleaned.published,
        site=meta.get("site") or page.meta.get("site"),
        url=page.meta.get("url") or meta.get("url"),
        chrome_removed=tuple(cleaned.removed),
        extractor=FAST_EXTRACTOR,
    )


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

    ``fast`` takes resiliparse's main content through the cleaner (``_fast``), and trafilatura
    without its fallback extractors where that finds too little: for corpus ingest.
    """
    if fast:
        article = _fast(page)
        if article is not None:
            return article
    url = page.meta.get("url")
    doc = _trafilatura(page.body, url, fast)
    text = (getattr(doc, "text", None) or "").strip()
    extractor = EXTRACTOR
    title = getattr(doc, "title", None)
    if text:
        # trafilatura puts one block element per line; the text stage wants paragraphs.
        text = "\n\n".join(line for line in text.split("\n") if line.strip())
    else:
        paras, html_title = _paragraphs(page.body)
        if not paras:
            raise InputError(page.path, "no article text found")
        text, extractor, title = "\n\n".join(paras), FALLBACK_EXTRACTOR, title or html_title
    cleaned = textpage.clean(text, html=True, title_hint=title or page.meta.get("title"))
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
