"""HTML pages: trafilatura finds the article and its metadata; the text-page cleaner tidies after it.

trafilatura 2.3.1 with ``favor_precision=True`` scored the best token F1 (0.965) of the extractors
tried on the 181-page article-extraction benchmark (shared/stack.md section 1). Its text still
carries the odd credit line or "Advertisement"/"Read more" line, so the cleaner runs over it in
its light mode (line rules and the end-of-body signals; no header or trailing-edge guessing).
When trafilatura finds no body, the page's <p> elements are the fallback.
"""

from __future__ import annotations

import logging
from typing import Any

from ..errors import InputError
from ..records import Article, Page
from . import textpage
from .units import normalise_line

EXTRACTOR = "trafilatura+byline.textpage.v1"
FALLBACK_EXTRACTOR = "paragraphs+byline.textpage.v1"
MIN_PARAGRAPH_CHARS = 20  # <p> fallback: shorter paragraphs are buttons, labels and bylines

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


def extract_html(page: Page, fast: bool = False) -> Article:
    """The article of an HTML page; ``InputError`` when it holds no article text.

    ``fast`` skips trafilatura's fallback extractors (31 against 19 pages/s, F1 0.961 against
    0.965 in shared/stack.md section 1): for corpus ingest.
    """
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
