"""Extract stage: ``Page -> Article``, the article body with its metadata and without page chrome.

    HTML pages   trafilatura, then the text-page cleaner in its light mode   (html.py)
    text pages   the text-page cleaner: menus, captions, teasers, widgets  (textpage.py)

``Article.text`` is the body paragraphs joined by blank lines, lightly normalised (CRLF, zero-width
characters, runs of spaces); later stages compute offsets into it, so nothing else is rewritten.
"""

from __future__ import annotations

from ..errors import InputError
from ..records import Article, Page
from .html import extract_html
from .textpage import clean

TEXT_EXTRACTOR = "byline.textpage.v1"


def extract_text(page: Page) -> Article:
    """The article of a page scraped as plain text."""
    cleaned = clean(page.body, title_hint=page.meta.get("title"))
    if not cleaned.paragraphs:
        raise InputError(page.path, "no article text found")
    bylines = [b for b in (page.meta.get("byline"), *cleaned.bylines) if b]
    return Article(
        path=page.path,
        text="\n\n".join(cleaned.paragraphs),
        title=page.meta.get("title") or cleaned.title,
        byline="; ".join(dict.fromkeys(bylines)) or None,
        published=page.meta.get("published") or cleaned.published,
        site=page.meta.get("site"),
        url=page.meta.get("url"),
        chrome_removed=tuple(cleaned.removed),
        extractor=TEXT_EXTRACTOR,
    )


def extract(page: Page, *, fast: bool = False) -> Article:
    """The article inside ``page``; ``InputError`` when the page holds no article text.

    ``fast=True`` trades a little HTML extraction quality for speed (corpus ingest); text pages
    are cleaned the same way either way.
    """
    if page.kind == "html":
        return extract_html(page, fast=fast)
    return extract_text(page)


__all__ = ["TEXT_EXTRACTOR", "clean", "extract", "extract_html", "extract_text"]
