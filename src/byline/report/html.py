"""The ``byline compare --html`` page: verdict, evidence and the two texts side by side.

One self-contained file: inline CSS, no script, no fetches. The page shows text from the
internet, so it must never run any of it: every string taken from a page (text, title, path,
byline, finding, chrome line) goes through ``html.escape`` before it is written, attributes are
always quoted and escaped, and a Content-Security-Policy (``default-src 'none'``, inline style
only) forbids scripts, images and requests even if something slipped through. Highlighting is
pure CSS: each sentence is an anchor target, and markers link a copy sentence to its source
sentence(s) and back, so following a marker outlines its partner (``:target``).

Sentences are sliced from ``Article.text`` by their spans; the text between two sentences is
kept, and a blank line there starts a new paragraph.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from ..records import Article, Comparison, FindingKind, Link, LinkKind, Sentence, Span
from . import FINDING_ORDER, RELATION_WORDS, copy_side, direction_words

LINK_COLOURS = 8  # marker colours cycled by link number: enough to tell neighbouring links apart

_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n")
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

KIND_LABEL = {
    LinkKind.VERBATIM: "verbatim",
    LinkKind.NEAR: "near (light edits)",
    LinkKind.PARAPHRASE: "paraphrase",
    LinkKind.FUSED: "fused (several source sentences)",
    LinkKind.SPLIT: "split (one source sentence, several copy sentences)",
}

CSS = """
:root{color-scheme:light;--v:#c8ebc8;--n:#def3c6;--p:#fff0b3;--f:#ffd8a6;--sp:#e6d6f7;--u:#f9cdc8;--ink:#1f2328}
*{box-sizing:border-box}
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);background:#fafafa}
main{max-width:1320px;margin:0 auto;padding:1.2em 1.4em 3em}
h1{font-size:1.1em;margin:0 0 .8em;color:#555;font-weight:600}
h2{font-size:1.05em;margin:2em 0 .6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.verdict{background:#fff;border:1px solid #ddd;border-left:8px solid #888;border-radius:6px;padding:1em 1.2em}
.verdict.derived{border-left-color:#d9822b}.verdict.copyish{border-left-color:#c0392b}.verdict.apart{border-left-color:#2e7d32}
.verdict .kind{font-size:1.7em;font-weight:700;letter-spacing:.02em;text-transform:uppercase}
.verdict .words{color:#555;margin-left:.6em}
.verdict .dir{font-size:1.1em;margin:.4em 0}
.row{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start;margin-top:.6em}
.meter{display:flex;align-items:center;gap:.6em;margin:.25em 0}
.meter .lbl{width:8.5em;font-weight:600}.meter .pct{width:3.5em;text-align:right;font-variant-numeric:tabular-nums}
.bar{width:220px;height:12px;background:#e5e5e5;border-radius:6px;overflow:hidden}
.bar>span{display:block;height:100%;background:#3b82c4}
.muted{color:#666}.small{font-size:.85em}
table{border-collapse:collapse;background:#fff}
td,th{border:1px solid #e2e2e2;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:600}
table.evidence td:last-child{text-align:right;font-variant-numeric:tabular-nums}
table.meta{width:100%}
.legend span{display:inline-block;padding:0 .5em;margin:.15em .3em .15em 0;border-radius:3px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.2em}
@media (max-width:900px){.cols{grid-template-columns:1fr}}
.col{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.4em 1.1em 1em}
.col h3{font-size:1em;margin:.6em 0;position:sticky;top:0;background:#fff;padding:.3em 0;border-bottom:1px solid #eee}
.col h3 .role{text-transform:uppercase;font-size:.8em;color:#fff;background:#555;border-radius:3px;padding:0 .4em;margin-right:.4em}
.col h3 .role.original{background:#2e7d32}.col h3 .role.copy{background:#c0392b}
.col p{margin:.2em 0 .9em}
.s{border-radius:3px;padding:1px 0;scroll-margin-top:4em}
.k-verbatim{background:var(--v)}.k-near{background:var(--n)}.k-paraphrase{background:var(--p)}
.k-fused{background:var(--f)}.k-split{background:var(--sp)}
.k-unsupported{background:var(--u);text-decoration:underline wavy #c0392b;text-decoration-thickness:1px}
.k-unused{color:#777}
.s:hover{box-shadow:0 0 0 1px #999}
.s:target{outline:3px solid #1a56db;outline-offset:2px;background-image:linear-gradient(#dbe8ff,#dbe8ff)}
a.m,a.fm{font-size:.7em;font-weight:700;text-decoration:none;border-radius:8px;padding:0 .4em;margin-left:.15em;
 vertical-align:super;line-height:1;color:#fff;white-space:nowrap}
a.m:hover,a.fm:hover{outline:2px solid #333}
.c0{background:#1f77b4}.c1{background:#d62728}.c2{background:#2ca02c}.c3{background:#9467bd}
.c4{background:#8c564b}.c5{background:#e377c2}.c6{background:#17becf}.c7{background:#7f7f7f}
a.fm{background:#333}
.badge{display:inline-block;border-radius:3px;padding:0 .45em;font-size:.8em;font-weight:700;color:#fff;background:#666;
 white-space:nowrap;margin-right:.4em}
.fk-quote_altered,.fk-number_changed{background:#c0392b}.fk-hedge_removed{background:#e0543f}
.fk-attribution_shift,.fk-generalised_source{background:#d9822b}.fk-unsupported_claim{background:#a23fb3}
.fk-quote_dropped,.fk-source_dropped{background:#b8860b}.fk-quote_kept{background:#3c8d40}
ol.findings{padding-left:1.6em}
ol.findings li{background:#fff;border:1px solid #e4e4e4;border-radius:5px;padding:.45em .7em;margin:.4em 0}
ol.findings li:target{outline:3px solid #1a56db}
.quote{margin:.25em 0 0;font-size:.92em}.quote b{display:inline-block;width:5.5em;color:#555;font-weight:600}
.quote a{font-size:.85em;margin-left:.3em}
details{margin:.5em 0}summary{cursor:pointer;font-weight:600}
ol.chrome{font-size:.88em;color:#444}
footer{margin-top:3em;color:#777;font-size:.85em}
"""


def render_html(c: Comparison, version: str) -> str:
    """The whole report for one pair as one HTML document (a string; the CLI writes it)."""
    src, cpy = c.source_side, copy_side(c)
    numbered = _numbered_links(c)
    marks = _finding_marks(c)
    title = f"byline: {c.relation.kind.value} — {_label(c.a)} / {_label(c.b)}"
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head><body><main>",
        f"<h1>byline compare · {_e(version)}</h1>",
        _verdict(c),
        _articles(c),
        "<h2>The two texts</h2>",
        _legend(c),
        '<div class="cols">',
        _column(c, src, numbered, marks),
        _column(c, cpy, numbered, marks),
        "</div>",
        _findings(c),
        _chrome(c),
        f'<footer>byline {_e(version)} · compared in {c.seconds:.2f} s · left: the source side ({_e(src)}), '
        f"right: the copy side ({_e(cpy)}); sentence anchors are <code>#a-N</code> / <code>#b-N</code>.</footer>",
        "</main></body></html>",
    ]
    return "\n".join(out) + "\n"


# --- sections -----------------------------------------------------------------------------------


def _verdict(c: Comparison) -> str:
    rel = c.relation
    tone = ("copyish" if rel.kind.value in ("verbatim", "near_copy") else "derived") if rel.kind.derived else "apart"
    headline, how = direction_words(c)
    conf = _meter("confidence", rel.confidence)
    cov = _meter("a used", c.coverage.get("a_used")) + _meter("b supported", c.coverage.get("b_supported"))
    return (f'<section class="verdict {tone}"><div><span class="kind">{_e(rel.kind.value.replace("_", " "))}</span>'
            f'<span class="words">{_e(RELATION_WORDS.get(rel.kind, ""))}</span></div>'
            f'<p class="dir"><b>{_e(headline)}</b>'
            + (f" — original: <b>{_e(rel.original)}</b>, {_e(how)}" if rel.original in ("a", "b") and how else
               f' <span class="muted">({_e(how)})</span>' if how else "")
            + "</p>"
            f'<div class="row"><div>{conf}{cov}'
            f'<p class="small muted">a used: share of a\'s text linked to b · b supported: share of b\'s text backed by a '
            f"(by characters)</p></div>{_evidence(rel.evidence)}</div></section>")


def _meter(label: str, value: object) -> str:
    share = min(max(float(value), 0.0), 1.0) if isinstance(value, (int, float)) else 0.0
    pct = f"{share:.0%}" if isinstance(value, (int, float)) else "–"
    return (f'<div class="meter"><span class="lbl">{_e(label)}</span><span class="bar"><span style="width:{share * 100:.1f}%">'
            f'</span></span><span class="pct">{pct}</span></div>')


def _evidence(evidence: Mapping[str, float | str]) -> str:
    """The relation's evidence, grouped like the terminal report: measures, direction votes, other."""
    groups: dict[str, list[tuple[str, float | str]]] = {"measures of the copy": [], "direction votes": [], "other": []}
    for key, value in evidence.items():
        if key.startswith("copy_"):
            groups["measures of the copy"].append((key[5:], value))
        elif key.startswith("direction_"):
            groups["direction votes"].append((key[10:], value))
        else:
            groups["other"].append((key, value))
    rows = []
    for title, items in groups.items():
        if not items:
            continue
        rows.append(f'<tr><th colspan="2">{_e(title)}</th></tr>')
        for key, value in items:
            if isinstance(value, (int, float)):
                shown = str(int(value)) if float(value).is_integer() and abs(value) > 1 else f"{value:.3f}"
            else:
                shown = str(value)
            rows.append(f"<tr><td>{_e(key)}</td><td>{_e(shown)}</td></tr>")
    return f'<table class="evidence small">{"".join(rows)}</table>' if rows else ""


def _articles(c: Comparison) -> str:
    rows = ['<tr><th></th><th>role</th><th>title</th><th>path / url</th><th>site</th><th>published</th><th>byline</th>'
            "<th>sentences</th><th>chrome removed</th><th>extractor</th></tr>"]
    for side, art, sents in (("a", c.a, c.a_sentences), ("b", c.b, c.b_sentences)):
        where = _e(art.path) + (f"<br>{_e(art.url)}" if art.url else "")
        rows.append(f"<tr><th>{side}</th><td>{_e(_role(c, side))}</td><td>{_e(art.title or '')}</td><td>{where}</td>"
                    f"<td>{_e(art.site or '')}</td><td>{_e(art.published or '')}</td><td>{_e(art.byline or '')}</td>"
                    f"<td>{len(sents)}</td><td>{len(art.chrome_removed)} lines</td><td>{_e(art.extractor)}</td></tr>")
    return f'<h2>Articles</h2><table class="meta small">{"".join(rows)}</table>'


def _legend(c: Comparison) -> str:
    used = {link.kind for link in c.links}
    parts = [f'<span class="k-{k.value}">{_e(KIND_LABEL[k])}</span>' for k in LinkKind if k in used]
    parts.append('<span class="k-unsupported">copy sentence without support</span>')
    parts.append('<span class="k-unused">source sentence not used</span>')
    return (f'<p class="legend small">{"".join(parts)}<br><span class="muted">Numbered markers link partners '
            "(same number, same colour); ! markers lead to a finding.</span></p>")


def _column(c: Comparison, side: str, numbered: Sequence[tuple[int, Link]], marks: Mapping[tuple[str, int], list[int]]) -> str:
    """One text, sentence by sentence, each a target with markers to its partners."""
    art, sents = (c.a, c.a_sentences) if side == "a" else (c.b, c.b_sentences)
    other = "b" if side == "a" else "a"
    is_copy = side == copy_side(c)
    mine: dict[int, list[tuple[int, Link]]] = {}
    for n, link in numbered:
        for i in link.a if side == "a" else link.b:
            mine.setdefault(i, []).append((n, link))
    role = _role(c, side) or ("copy side" if is_copy else "source side")
    role_cls = role if role in ("original", "copy") else ""
    out = [f'<section class="col"><h3><span class="role {role_cls}">{_e(role)}</span>{side} · {_e(_label(art))}'
           f'<br><span class="small muted">{_e(art.path)}</span></h3><p>']
    text, pos = art.text, 0
    for i, s in enumerate(sents):
        out.append(_gap(text[pos : s.span.start] if s.span.start >= pos else ""))
        links = sorted(mine.get(i, []), key=lambda nl: -nl[1].score)
        if links:
            cls = f"k-{links[0][1].kind.value}"
        else:
            cls = "k-unsupported" if is_copy else "k-unused"
        markers = []
        for n, link in sorted(links):
            for t in link.b if side == "a" else link.a:
                markers.append(f'<a class="m c{n % LINK_COLOURS}" href="#{other}-{t}" '
                               f'title="link {n}: {_e(link.kind.value)}, score {link.score:.2f} → {other}{t}">{n}</a>')
        for k in marks.get((side, i), []):
            f = c.findings[k]
            markers.append(f'<a class="fm" href="#f-{k + 1}" title="finding {k + 1}: {_e(f.kind.value)}">!</a>')
        out.append(f'<span class="s {cls}" id="{side}-{i}">{_e(text[s.span.start : s.span.end])}{"".join(markers)}</span>')
        pos = max(pos, s.span.end)
    out.append(_e(text[pos:].rstrip()))
    out.append("</p></section>")
    return "".join(out)


def _gap(between: str) -> str:
    """Text between two sentences: a blank line starts a new paragraph; anything else is kept, escaped."""
    parts = _PARAGRAPH.split(between)
    return "</p><p>".join(_e(p) for p in parts)


def _findings(c: Comparison) -> str:
    if not c.findings:
        why = "" if c.relation.kind.derived else " (findings are only sought when one text was made from the other)"
        return f'<h2>Findings</h2><p class="muted">No findings{_e(why)}.</p>'
    src, cpy = c.source_side, copy_side(c)
    rank = {k: n for n, k in enumerate(FINDING_ORDER)}
    counts: dict[FindingKind, int] = {}
    for f in c.findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    summary = " ".join(f'<span class="badge fk-{k.value}">{_e(k.value)} {counts[k]}</span>'
                       for k in sorted(counts, key=lambda k: rank.get(k, len(rank))))
    items = []
    order = sorted(range(len(c.findings)), key=lambda k: (rank.get(c.findings[k].kind, len(rank)), k))
    for k in order:
        f = c.findings[k]
        quotes = []
        for label, side, text, span in ((f"copy ({cpy})", cpy, f.copy_text, f.copy_span),
                                        (f"source ({src})", src, f.source_text, f.source_span)):
            if not text and span is None:
                continue
            targets = _sentences_at(c, side, span)
            links = "".join(f'<a href="#{side}-{i}">{side}{i}</a>' for i in targets)
            quotes.append(f'<p class="quote"><b>{_e(label)}</b><q>{_e(text)}</q>{links}</p>')
        rule = f' <span class="small muted">[{_e(f.rule)}]</span>' if f.rule else ""
        items.append(f'<li id="f-{k + 1}"><span class="badge fk-{_e(f.kind.value)}">{_e(f.kind.value)}</span>'
                     f"{_e(f.detail)}{rule}{''.join(quotes)}</li>")
    return f'<h2>Findings</h2><p>{summary}</p><ol class="findings">{"".join(items)}</ol>'


def _chrome(c: Comparison) -> str:
    parts = []
    for side, art in (("a", c.a), ("b", c.b)):
        lines = "".join(f"<li>{_e(line)}</li>" for line in art.chrome_removed)
        body = f'<ol class="chrome">{lines}</ol>' if lines else '<p class="muted small">nothing removed</p>'
        parts.append(f"<h3>{side} · {_e(art.path)}</h3>{body}")
    return (f"<details><summary>Chrome removed (a: {len(c.a.chrome_removed)} lines, b: {len(c.b.chrome_removed)} lines)"
            f'</summary><p class="small muted">Lines the extractor dropped as page furniture (menus, captions, '
            f"teasers), in page order.</p>{''.join(parts)}</details>")


# --- helpers --------------------------------------------------------------------------------------


def _numbered_links(c: Comparison) -> list[tuple[int, Link]]:
    """Links numbered 1.. in the copy's reading order, so the numbers climb down the right column."""
    cpy = copy_side(c)
    order = sorted(c.links, key=lambda l: (min(l.b if cpy == "b" else l.a, default=0), min(l.a if cpy == "b" else l.b, default=0)))
    return list(enumerate(order, 1))


def _finding_marks(c: Comparison) -> dict[tuple[str, int], list[int]]:
    """(side, sentence index) -> indexes of the findings that point into that sentence."""
    src, cpy = c.source_side, copy_side(c)
    marks: dict[tuple[str, int], list[int]] = {}
    for k, f in enumerate(c.findings):
        for side, span in ((cpy, f.copy_span), (src, f.source_span)):
            for i in _sentences_at(c, side, span):
                marks.setdefault((side, i), []).append(k)
    return marks


def _sentences_at(c: Comparison, side: str, span: Span | None) -> list[int]:
    """Indexes of the sentences of ``side`` that overlap ``span`` (an empty span: the one holding it)."""
    if span is None:
        return []
    sents: Sequence[Sentence] = c.a_sentences if side == "a" else c.b_sentences
    if span.start == span.end:
        return [i for i, s in enumerate(sents) if s.span.start <= span.start < s.span.end][:1]
    return [i for i, s in enumerate(sents) if s.span.start < span.end and span.start < s.span.end]


def _role(c: Comparison, side: str) -> str:
    if not c.relation.kind.derived:
        return ""
    if c.relation.original not in ("a", "b"):
        return "direction unknown"
    return "original" if c.relation.original == side else "copy"


def _label(a: Article, width: int = 70) -> str:
    text = " ".join((a.title or a.path.rsplit("/", 1)[-1] or a.path).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _e(value: object) -> str:
    """Escape for text and for double-quoted attributes alike."""
    return html.escape(str(value), quote=True)


__all__ = ["CSP", "render_html"]
