"""The fast HTML mode: resiliparse's main content, skipped widgets, <meta> metadata, fallback."""

from __future__ import annotations

from byline.extract import extract
from byline.extract.html import EXTRACTOR, FAST_EXTRACTOR
from byline.records import Page

BODY = " ".join(
    f"<p>The ferry company said on Friday that its {k}th crossing of the season would leave the northern "
    f"pier at noon, weather permitting, and that tickets bought for the cancelled sailings stay valid.</p>"
    for k in range(1, 7)
)
PAGE = f"""<!DOCTYPE html><html><head><title>Ferries return | The Harbour Post</title>
<meta property="og:title" content="Ferries return to the northern pier">
<meta property="og:site_name" content="The Harbour Post">
<meta name="author" content="Lena Varga">
<meta property="article:published_time" content="2024-03-08T09:15:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferries return to the northern pier</h1>{BODY}
<figure><img src="x.jpg"><figcaption>A ferry at the northern pier in a winter storm.</figcaption></figure>
</article>
<section id="comments"><p>Reader One wrote: finally some good news for the island, about time they did this.</p></section>
<aside class="related"><p>Related: the harbour master retires after forty years on the water.</p></aside>
<footer><p>Copyright The Harbour Post, all rights reserved, including the right to reproduce.</p></footer>
</body></html>"""


def test_fast_mode_keeps_the_story_and_skips_widgets():
    a = extract(Page(path="ferry.html", body=PAGE, kind="html"), fast=True)
    assert a.extractor == FAST_EXTRACTOR
    assert a.text.count("crossing of the season") == 6
    for chrome in ("Reader One", "harbour master retires", "Copyright", "winter storm", "Home"):
        assert chrome not in a.text
    assert (a.title, a.site, a.byline) == ("Ferries return to the northern pier", "The Harbour Post", "Lena Varga")
    assert a.published == "2024-03-08T09:15:00+00:00"


def test_fast_mode_falls_back_when_it_finds_too_little():
    short = PAGE.replace(BODY, "<p>The ferry company said on Friday that crossings resume at noon.</p>")
    a = extract(Page(path="short.html", body=short, kind="html"), fast=True)
    assert a.extractor == EXTRACTOR  # trafilatura took over
    assert "crossings resume at noon" in a.text


def test_fast_mode_skips_page_header_headline_captions_and_galleries():
    chrome = PAGE.replace(
        "<body>",
        '<body><header><p>The Harbour Post: independent news for the islands since 1921, every day.</p></header>',
    ).replace(
        "</article>",
        '<div class="photo-caption">Passengers board the first ferry of the season at dawn on Friday.</div>'
        '<div class="gallery"><p>Slide 1: the pier in winter, slide 2: the pier in spring, slide 3: tickets.</p></div>'
        '<div class="site-footer"><p>About us, contact the newsroom, advertise with the Harbour Post.</p></div>'
        "</article>",
    )
    a = extract(Page(path="chrome.html", body=chrome, kind="html"), fast=True)
    assert a.extractor == FAST_EXTRACTOR
    assert a.text.count("crossing of the season") == 6
    for line in ("independent news", "Passengers board", "Slide 1", "contact the newsroom", "Ferries return to"):
        assert line not in a.text
