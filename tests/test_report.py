"""Reports for ``byline compare``: the JSON contract, the terminal report and the HTML page.

The Comparisons are built by hand from fictional texts, so each test knows exactly which
sentence is linked to which and what the reports must say about it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console

from byline.records import (Article, Comparison, Finding, FindingKind, Link, LinkKind, Relation, RelationKind,
                            Sentence, Span)
from byline.report import html as html_report
from byline.report import json as json_report
from byline.report import terminal

PAIRS = Path(__file__).parent / "data" / "pairs"

SOURCE_PARTS = [
    "The Harrow Valley council voted on Tuesday to close the old ferry pier.",
    "The vote was 7 to 2.",
    "\n\n",
    "“We had no other choice,” said councillor Mina Ostrova, who chairs the works committee.",
    "Repairs had been estimated at 3.1 million crowns.",
]
COPY_PARTS = [
    "Harrow Valley's council voted 7-2 on Tuesday to shut the ageing ferry pier.",
    "“We had no choice,” councillor Mina Ostrova said.",
    "\n\n",
    "Locals are furious about the decision.",
]


def build(path: str, parts: list[str], **meta) -> tuple[Article, tuple[Sentence, ...]]:
    """An article whose text is ``parts`` joined (sentences by spaces, "\\n\\n" as paragraph breaks), with spans."""
    text, sents = "", []
    for part in parts:
        if part == "\n\n":
            text += "\n\n"
            continue
        if text and not text.endswith("\n"):
            text += " "
        sents.append(Sentence(index=len(sents), span=Span(len(text), len(text) + len(part)), text=part))
        text += part
    return Article(path=path, text=text, **meta), tuple(sents)


def span_of(article: Article, sent: Sentence, fragment: str) -> Span:
    """Span of ``fragment`` inside one sentence (test-side bookkeeping only)."""
    start = sent.span.start + sent.text.index(fragment)
    return Span(start, start + len(fragment))


def comparison(original: str = "a", source_parts=SOURCE_PARTS, copy_parts=COPY_PARTS, source_meta=None, copy_meta=None,
               split: bool = False) -> Comparison:
    """A rewrite: copy 0 fused from source 0+1, copy 1 paraphrases source 2, copy 2 is unsupported.

    ``original="b"`` puts the source on side b (links turned into argument terms as ``compare`` does).
    ``split=True`` adds source 3 spread over copy 1 and copy 2 instead.
    """
    src, src_sents = build("news/source.html", source_parts, **{
        "title": "Ferry pier to close", "site": "Harrow Courier", "published": "2026-01-02", "byline": "By Ada Quill",
        "chrome_removed": ("Home | Local | Sport", "Subscribe now"), "url": "https://courier.example/pier",
        "extractor": "test", **(source_meta or {})})
    cpy, cpy_sents = build("farm/copy.txt", copy_parts,
                           **{"title": "Pier shut", "published": "2026-01-03", "extractor": "test", **(copy_meta or {})})
    oriented = [Link(a=(0, 1), b=(0,), kind=LinkKind.FUSED, score=0.8123456)]
    if split:
        oriented.append(Link(a=(3,), b=(1, 2), kind=LinkKind.SPLIT, score=0.55555))
    else:
        oriented.append(Link(a=(2,), b=(1,), kind=LinkKind.PARAPHRASE, score=0.66))
    findings = [
        Finding(FindingKind.QUOTE_ALTERED, "“We had no other choice,”", "“We had no choice,”",
                "quote changed: 'other' dropped", span_of(src, src_sents[2], "“We had no other choice,”"),
                span_of(cpy, cpy_sents[1], "“We had no choice,”"), "quotes.altered"),
        Finding(FindingKind.UNSUPPORTED_CLAIM, "", cpy_sents[2].text, "not in the source", None, cpy_sents[2].span,
                "claims.unlinked"),
        Finding(FindingKind.SOURCE_DROPPED, "the works committee", "", "the copy never names the works committee",
                span_of(src, src_sents[2], "the works committee"), None, "sources.dropped"),
    ]
    relation = Relation(kind=RelationKind.REWRITE, original=original, confidence=0.8123456, basis="dates",
                        evidence={"copy_supported": 0.666666, "copy_strong": 0.5, "direction_wire_marks": 0.6,
                                  "direction_strength": 0.6, "dates": "a 2026-01-02 / b 2026-01-03"})
    if original == "b":  # the source is b: links index a = copy, b = source
        links = tuple(Link(a=l.b, b=l.a, kind=l.kind, score=l.score) for l in oriented)
        return Comparison(a=cpy, b=src, a_sentences=cpy_sents, b_sentences=src_sents, links=links, relation=relation,
                          findings=tuple(findings), coverage={"a_used": 0.6612345, "b_supported": 0.7712345}, seconds=0.01)
    return Comparison(a=src, b=cpy, a_sentences=src_sents, b_sentences=cpy_sents, links=tuple(oriented), relation=relation,
                      findings=tuple(findings), coverage={"a_used": 0.7712345, "b_supported": 0.6612345}, seconds=0.01)


# --- JSON ------------------------------------------------------------------------------------------

ARTICLE_KEYS = {"path", "title", "byline", "published", "site", "body", "chrome_removed", "url", "extractor"}


def test_json_contract_fields_and_types():
    c = comparison()
    d = json_report.to_dict(c, "9.9.9")
    assert {"byline_version", "a", "b", "relation", "coverage", "alignment", "findings"} <= d.keys()
    assert d["byline_version"] == "9.9.9"
    for side, art in (("a", c.a), ("b", c.b)):
        assert ARTICLE_KEYS <= d[side].keys()
        assert d[side]["body"] == art.text
        assert d[side]["chrome_removed"] == list(art.chrome_removed)
    assert d["a"]["title"] == "Ferry pier to close" and d["b"]["byline"] is None
    rel = d["relation"]
    assert rel["kind"] == "rewrite" and rel["original"] == "a" and rel["basis"] == "dates"
    assert rel["confidence"] == 0.8123
    assert rel["evidence"]["copy_supported"] == 0.6667 and rel["evidence"]["dates"].startswith("a 2026")
    assert d["coverage"] == {"a_used": 0.7712, "b_supported": 0.6612}
    assert d["copy"] == "b"
    assert json.loads(json_report.dumps(d)) == d


def test_json_alignment_one_entry_per_linked_b_sentence():
    c = comparison()
    d = json_report.to_dict(c, "0")
    al = d["alignment"]
    assert [e["b_index"] for e in al] == [0, 1]  # b order; b2 has no link
    fused, para = al
    assert fused["kind"] == "fused" and fused["score"] == 0.8123
    assert fused["a"] == [c.a_sentences[0].text, c.a_sentences[1].text]
    assert fused["a_spans"] == [c.a_sentences[0].span.as_list(), c.a_sentences[1].span.as_list()]
    start, end = fused["b_span"]
    assert d["b"]["body"][start:end] == fused["b"] == c.b_sentences[0].text
    for s, e in fused["a_spans"]:
        assert d["a"]["body"][s:e] in fused["a"]
    assert para["kind"] == "paraphrase" and para["a"] == [c.a_sentences[2].text]
    assert d["unaligned_b"] == [{"text": c.b_sentences[2].text, "index": 2, "span": c.b_sentences[2].span.as_list()}]
    assert [u["index"] for u in d["unaligned_a"]] == [3]
    assert d["links"] == [{"a": [0, 1], "b": [0], "kind": "fused", "score": 0.8123},
                          {"a": [2], "b": [1], "kind": "paraphrase", "score": 0.66}]
    for e in al:
        assert 0.0 <= e["score"] <= 1.0 and isinstance(e["b_span"], list) and len(e["b_span"]) == 2


def test_json_split_link_gives_one_entry_per_copy_sentence():
    c = comparison(split=True)
    al = json_report.to_dict(c, "0")["alignment"]
    assert [(e["b_index"], e["kind"]) for e in al] == [(0, "fused"), (1, "split"), (2, "split")]
    assert al[1]["a"] == al[2]["a"] == [c.a_sentences[3].text]
    assert json_report.to_dict(c, "0")["unaligned_b"] == []


def test_json_findings_map_source_and_copy_to_sides():
    d = json_report.to_dict(comparison(), "0")
    f = d["findings"][0]
    assert set(f) >= {"kind", "a_text", "b_text", "detail", "a_span", "b_span", "rule"}
    assert f["kind"] == "quote_altered" and f["a_text"] == "“We had no other choice,”" and f["b_text"] == "“We had no choice,”"
    assert d["a"]["body"][slice(*f["a_span"])] == f["a_text"]
    assert d["b"]["body"][slice(*f["b_span"])] == f["b_text"]
    assert d["findings"][1]["a_span"] is None and d["findings"][2]["b_span"] is None

    flipped = json_report.to_dict(comparison(original="b"), "0")  # the source is b now
    assert flipped["copy"] == "a" and flipped["relation"]["original"] == "b"
    f = flipped["findings"][0]
    assert f["b_text"] == "“We had no other choice,”" and f["a_text"] == "“We had no choice,”"
    assert flipped["b"]["body"][slice(*f["b_span"])] == f["b_text"]
    assert flipped["findings"][1]["b_span"] is None and flipped["findings"][1]["a_text"].startswith("Locals")
    # alignment is keyed by b sentences (here the source): b0 and b1 feed a0, b2 feeds a1
    assert [(e["b_index"], e["a_index"], e["kind"]) for e in flipped["alignment"]] == [(0, [0], "fused"), (1, [0], "fused"), (2, [1], "paraphrase")]
    assert [u["index"] for u in flipped["unaligned_a"]] == [2]


def test_json_numbers_are_plain_and_finite():
    np = pytest.importorskip("numpy")
    c = comparison()
    rel = Relation(kind=c.relation.kind, original="a", confidence=np.float32(0.5), basis="content",
                   evidence={"copy_order": np.float64(0.123456), "copy_topic": math.nan, "n": 3})
    d = json_report.to_dict(replace(c, relation=rel), "0")
    assert d["relation"]["evidence"] == {"copy_order": 0.1235, "copy_topic": None, "n": 3}
    assert type(d["relation"]["confidence"]) is float
    line = json_report.dumps_line(d)
    assert "\n" not in line and json.loads(line) == d
    assert "NaN" not in json_report.dumps(d)
    out = StringIO()
    assert json_report.write_lines([d, d], out) == 2
    assert [json.loads(x) for x in out.getvalue().splitlines()] == [d, d]


# --- terminal ----------------------------------------------------------------------------------------


def render_text(c: Comparison, **console_kw) -> str:
    out = StringIO()
    terminal.render(c, Console(file=out, width=100, **console_kw))
    return out.getvalue()


def test_terminal_shows_verdict_coverage_and_findings(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = render_text(comparison())
    assert "\x1b[" not in text
    assert "REWRITE" in text and "b was made from a" in text and "publication dates" in text
    assert "0.81" in text  # confidence
    assert "77%" in text and "66%" in text  # a_used, b_supported
    assert "█" in text and "░" in text
    for kind in ("quote_altered", "unsupported_claim", "source_dropped"):
        assert kind in text
    assert "Locals are furious" in text  # the unsupported copy sentence
    assert "fused 1" in text and "paraphrase 1" in text and "verbatim 0" in text
    assert "news/source.html" in text and "Harrow Courier" in text and "2 lines" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_terminal_prints_page_text_literally_even_with_colour():
    c = comparison(source_meta={"title": "[bold red]Trap[/] [link=x]"}, copy_meta={"byline": "[/]"})
    text = render_text(c, force_terminal=True, color_system="truecolor")
    assert "\x1b[" in text  # colour is on ...
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "[bold red]Trap[/]" in plain  # ... and page markup is shown, not applied


def test_terminal_direction_unknown_and_unrelated():
    c = comparison(original="unknown")
    text = render_text(c)
    assert "which came first is unknown" in text
    unrelated = Comparison(a=c.a, b=c.b, a_sentences=c.a_sentences, b_sentences=c.b_sentences, links=(),
                           relation=Relation(RelationKind.UNRELATED, "unknown", 0.9, "none", {}), findings=(),
                           coverage={"a_used": 0.0, "b_supported": 0.0})
    text = render_text(unrelated)
    assert "UNRELATED" in text and "neither was made from the other" in text and "no findings" in text


def test_terminal_pairs_table():
    out = StringIO()
    terminal.render_pairs([("x/a.txt", "x/b.txt", comparison()), ("x/c.txt", "x/missing.txt", None)],
                          Console(file=out, width=100))
    text = out.getvalue()
    assert "rewrite" in text and "error" in text and "missing.txt" in text and "77%" in text


# --- HTML --------------------------------------------------------------------------------------------

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'


class Tags(HTMLParser):
    """Every start tag with its attributes, plus the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: dict[str, str] = {}
        self._open: list[tuple[str, str | None, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag not in ("meta", "br", "link"):
            self._open.append((tag, a.get("id"), []))

    def handle_endtag(self, tag):
        while self._open:
            t, ident, buf = self._open.pop()
            if ident:
                self.ids[ident] = "".join(buf)
            if self._open and t != "a":  # marker text is not sentence text
                self._open[-1][2].extend(buf)
            if t == tag:
                break

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def parse(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    p.close()
    return p


def test_html_escapes_everything_from_the_page():
    evil_parts = [*SOURCE_PARTS, f"He wrote {XSS_SCRIPT} on the wall.", f"Then {XSS_ATTR} appeared."]
    c = comparison(source_parts=evil_parts,
                   source_meta={"title": XSS_ATTR, "byline": XSS_SCRIPT, "site": XSS_ATTR, "url": XSS_ATTR},
                   copy_meta={"chrome_removed": (XSS_SCRIPT, XSS_ATTR)})
    c = replace(c, findings=(*c.findings, Finding(FindingKind.NUMBER_CHANGED, XSS_SCRIPT, XSS_ATTR, XSS_ATTR, rule=XSS_ATTR)),
                relation=Relation(RelationKind.REWRITE, "a", 0.7, XSS_ATTR, {"dates": XSS_SCRIPT}))
    page = html_report.render_html(c, XSS_ATTR)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    tags = parse(page)
    names = {t for t, _ in tags.tags}
    assert "script" not in names and "img" not in names
    assert not any(k.startswith("on") for _, attrs in tags.tags for k in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    csp = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0]
    # the page's text is shown, exactly, once unescaped
    assert tags.ids["a-4"] == f"He wrote {XSS_SCRIPT} on the wall."
    assert tags.ids["a-5"] == f"Then {XSS_ATTR} appeared."


def test_html_sentences_anchors_and_links():
    c = comparison()
    page = html_report.render_html(c, "1.0")
    tags = parse(page)
    ids = [a["id"] for _, a in tags.tags if "id" in a]
    assert len(ids) == len(set(ids))
    for side, sents in (("a", c.a_sentences), ("b", c.b_sentences)):
        for i, s in enumerate(sents):
            assert tags.ids[f"{side}-{i}"] == s.text  # sliced by span, markers excluded
    hrefs = [a["href"] for t, a in tags.tags if t == "a" and a.get("href", "").startswith("#")]
    assert hrefs and all(h[1:] in ids for h in hrefs)  # every in-page link lands somewhere
    span_class = {a["id"]: a["class"] for t, a in tags.tags if t == "span" and a.get("id")}
    assert "k-fused" in span_class["b-0"] and "k-fused" in span_class["a-0"] and "k-fused" in span_class["a-1"]
    assert "k-paraphrase" in span_class["b-1"] and "k-unsupported" in span_class["b-2"]
    assert "k-unused" in span_class["a-3"]
    b0 = re.search(r'id="b-0">.*?</span>', page).group(0)
    assert 'href="#a-0"' in b0 and 'href="#a-1"' in b0
    a1 = re.search(r'id="a-1">.*?</span>', page).group(0)
    marker = re.search(r'class="m (c\d)" href="#b-0"[^>]*>(\d+)<', a1)
    back = re.search(r'class="m (c\d)" href="#a-1"[^>]*>(\d+)<', b0)
    assert marker and back and marker.groups() == back.groups()  # same link number and colour both ways
    # findings: anchored, and pointing at the sentences they quote
    b1 = re.search(r'id="b-1">.*?</span>', page).group(0)
    assert 'id="f-1"' in page and 'href="#f-1"' in b1 and 'href="#f-' not in b0
    f1 = re.search(r'<li id="f-\d+"><span class="badge fk-quote_altered">.*?</li>', page).group(0)
    assert 'href="#b-1"' in f1 and 'href="#a-2"' in f1
    # paragraph breaks in the text become paragraphs; source on the left
    left = page[page.index('id="a-0"'):page.index('id="b-0"')]
    assert left.count("</p><p>") == 1
    assert "<details>" in page and "Home | Local | Sport" in page
    assert "rewrite" in page and "b was made from a" in page and "publication dates" in page
    assert 'style="width:77.1%"' in page


def test_html_source_on_the_left_when_b_is_original():
    page = html_report.render_html(comparison(original="b"), "1.0")
    assert page.index('id="b-0"') < page.index('id="a-0"')
    assert "a was made from b" in page
    tags = parse(page)
    assert tags.ids["b-2"].startswith("“We had no other choice,”")


def test_reports_on_an_engine_comparison(hash_engine):
    """All three reports on what the engine really produces (hash embedder: no model download)."""
    src, rew = PAIRS / "pipes_original.html", PAIRS / "pipes_rewrite.txt"
    if not (src.exists() and rew.exists()):
        pytest.skip("fixture pair missing")
    c = hash_engine.compare_paths(str(src), str(rew))
    d = json.loads(json_report.dumps(json_report.to_dict(c, "0")))
    assert d["relation"]["kind"] == c.relation.kind.value
    linked_b = {j for link in c.links for j in link.b}
    assert [e["b_index"] for e in d["alignment"]] == sorted(linked_b)
    assert len(d["alignment"]) + len(d["unaligned_b"]) == len(c.b_sentences)
    text = render_text(c)
    assert c.relation.kind.value.upper().replace("_", " ") in text
    tags = parse(html_report.render_html(c, "0"))
    assert {f"b-{j}" for j in range(len(c.b_sentences))} <= tags.ids.keys()
    assert "script" not in {t for t, _ in tags.tags}


def test_docs_describe_every_json_field():
    """docs/json.md names every field to_dict writes, and its example is valid JSON."""
    doc = (Path(__file__).parents[1] / "docs" / "json.md").read_text(encoding="utf-8")
    d = json_report.to_dict(comparison(), "0")
    keys = set(d) | set(d["a"]) | set(d["relation"]) | set(d["coverage"]) | set(d["alignment"][0])
    keys |= set(d["links"][0]) | set(d["unaligned_b"][0]) | set(d["findings"][0])
    missing = sorted(k for k in keys if f"`{k}`" not in doc)
    assert not missing, f"undocumented JSON fields: {missing}"
    example = re.search(r"```json\n(.*?)```", doc, re.S).group(1)
    parsed = json.loads(example)
    assert set(parsed) == set(d)


@pytest.mark.parametrize("width", [60, 160])
def test_terminal_other_widths(width):
    out = StringIO()
    terminal.render(comparison(split=True), Console(file=out, width=width))
    text = out.getvalue()
    assert "split 1" in " ".join(text.split()) and max(len(line) for line in text.splitlines()) <= width
