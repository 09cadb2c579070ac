"""Reports for ``byline trace``: a terminal summary, the JSON contract, and an HTML page.

The HTML page is self-contained (inline CSS and SVG, no scripts, no fetches): one section per
story with a drawing of its provenance graph (original at the top, each copy one row below the
article it was made from), then per derived pair a side-by-side view of the linked sentences and
what the copy changed. Every text from the corpus is escaped.
"""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..records import Comparison
from . import RELATION_WORDS, basis_words

if TYPE_CHECKING:
    from rich.console import Console

    from ..corpus.trace import Story, TraceResult

MAX_STORIES_TERMINAL = 15
MAX_PAIRS_HTML = 200  # side-by-side views per page; beyond this the pair is listed without one


def _label(info: Mapping[str, str | None], width: int = 60) -> str:
    text = info.get("title") or os.path.basename(str(info.get("path") or "")) or str(info.get("id", ""))[:12]
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def to_dict(result: TraceResult) -> dict:
    """The ``byline trace --json`` contract: articles, relations, stories (docs/store.md)."""
    info = result.info
    ident = {k: v["id"] for k, v in info.items()}
    articles = [{k: v.get(k) for k in ("id", "path", "url", "title", "site", "published")} for v in info.values()]
    relations, same_story = [], []
    for r in result.relations:
        rel = r.relation
        if rel.kind.derived:
            src, cpy = (r.b, r.a) if rel.original == "b" else (r.a, r.b)
            relations.append({"source": ident[src], "copy": ident[cpy], "kind": rel.kind.value,
                              "confidence": round(float(rel.confidence), 4), "direction": rel.original != "unknown",
                              "basis": rel.basis, "method": r.method})
        elif rel.kind.value == "independent":
            same_story.append({"a": ident[r.a], "b": ident[r.b], "confidence": round(float(rel.confidence), 4)})
    stories = []
    for s in result.stories:
        if len(s.members) < 2:
            continue
        stories.append({
            "id": s.id,
            "articles": [ident[k] for k in s.members],
            "original": ident[s.original] if s.original is not None else None,
            "edges": [{"source": ident[e.source], "copy": ident[e.copy], "kind": e.kind, "confidence": e.confidence,
                       "basis": e.basis} for e in s.edges],
            "chains": [[ident[k] for k in chain] for chain in s.chains],
        })
    return {"articles": articles, "relations": relations, "same_story": same_story, "stories": stories,
            "stats": dict(result.stats)}


def render(result: TraceResult, console: Console, limit: int = MAX_STORIES_TERMINAL) -> None:
    """A short summary: counts, then the largest stories with their originals and chains."""
    st = result.stats
    console.print(f"[bold]{st.get('articles', len(result.info))} articles[/], {st.get('candidates', '?')} candidate pairs "
                  f"({st.get('verified', 0)} verified now, {st.get('reused', 0)} from earlier runs), "
                  f"[bold]{len(result.derived())} derived[/] relations, {st.get('stories', 0)} stories "
                  f"in {st.get('seconds', 0):.1f} s")
    shown = [s for s in result.stories if len(s.members) > 1][:limit]
    for s in shown:
        head = result.info.get(s.original, {}) if s.original is not None else None
        console.print()
        console.print(f"[bold]story {s.id}[/]: {len(s.members)} articles; original: "
                      + (f"[green]{html.unescape(_label(head))}[/] ({head.get('path')})" if head else "[yellow]undecided[/]"),
                      highlight=False)
        kinds = {(e.source, e.copy): e for e in s.edges}
        for chain in s.chains[:8]:
            parts = [_label(result.info.get(chain[0], {}), 40)]
            for x, y in zip(chain, chain[1:]):
                e = kinds[(x, y)]
                parts.append(f"-[{e.kind}, {e.basis}]-> {_label(result.info.get(y, {}), 40)}")
            console.print("  " + " ".join(parts), highlight=False, markup=False)
        for a, b, kind in s.undirected[:8]:
            console.print(f"  {_label(result.info.get(a, {}), 40)} <-[{kind}, direction unknown]-> "
                          f"{_label(result.info.get(b, {}), 40)}", highlight=False, markup=False)
        others = len(s.members) - len({k for e in s.edges for k in (e.source, e.copy)} | {k for a, b, _ in s.undirected for k in (a, b)})
        if others > 0:
            console.print(f"  + {others} independent report(s) of the same story", highlight=False)
    rest = sum(len(s.members) > 1 for s in result.stories) - len(shown)
    if rest > 0:
        console.print(f"\n… and {rest} more stories (see --json / --html)")


# --- HTML ------------------------------------------------------------------------------------

NODE_W, NODE_H, GAP_X, GAP_Y = 190, 44, 30, 56


def story_svg(story: Story, info: Mapping[int, Mapping[str, str | None]], independent: set[tuple[int, int]] = frozenset()) -> str:
    """The provenance graph of one story as inline SVG: rows by depth below the original."""
    depth: dict[int, int] = {}
    succ: dict[int, list[int]] = {}
    for e in story.edges:
        succ.setdefault(e.source, []).append(e.copy)
    roots = sorted({e.source for e in story.edges} - {e.copy for e in story.edges})
    if story.original in roots:
        roots.remove(story.original)
        roots.insert(0, story.original)
    stack = [(r, 0) for r in roots]
    while stack:  # longest path from a root: a copy sits below every article it came from
        x, d = stack.pop()
        if depth.get(x, -1) >= d or d > len(story.members):
            continue
        depth[x] = d
        stack.extend((y, d + 1) for y in succ.get(x, ()))
    loose = [m for m in story.members if m not in depth]
    last = max(depth.values(), default=-1) + 1
    for m in loose:
        depth[m] = last
    rows: dict[int, list[int]] = {}
    for m in story.members:
        rows.setdefault(depth[m], []).append(m)
    width = max(len(r) for r in rows.values()) * (NODE_W + GAP_X) + GAP_X
    height = len(rows) * (NODE_H + GAP_Y) + GAP_Y // 2
    pos: dict[int, tuple[float, float]] = {}
    for d, members in rows.items():
        offset = (width - len(members) * (NODE_W + GAP_X) + GAP_X) / 2
        for i, m in enumerate(members):
            pos[m] = (offset + i * (NODE_W + GAP_X), GAP_Y / 2 + d * (NODE_H + GAP_Y))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">',
             f'<defs><marker id="arrow-{html.escape(story.id)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>']

    def line(a: int, b: int, cls: str, label: str, arrow: bool) -> None:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        sx, sy = x1 + NODE_W / 2, y1 + (NODE_H if y2 > y1 else 0 if y2 < y1 else NODE_H / 2)
        tx, ty = x2 + NODE_W / 2, y2 + (0 if y2 > y1 else NODE_H if y2 < y1 else NODE_H / 2)
        marker = f' marker-end="url(#arrow-{html.escape(story.id)})"' if arrow else ""
        parts.append(f'<line class="{cls}" x1="{sx:.0f}" y1="{sy:.0f}" x2="{tx:.0f}" y2="{ty:.0f}"{marker}/>')
        parts.append(f'<text class="elabel" x="{(sx + tx) / 2 + 4:.0f}" y="{(sy + ty) / 2:.0f}">{html.escape(label)}</text>')

    for e in story.edges:
        line(e.source, e.copy, "derived", f"{e.kind} ({e.basis})", True)
    for a, b, kind in story.undirected:
        line(a, b, "undirected", f"{kind} (direction unknown)", False)
    for a, b in independent:
        if a in pos and b in pos:
            line(a, b, "independent", "independent", False)
    for m, (x, y) in pos.items():
        meta = info.get(m, {})
        cls = "node original" if m == story.original else "node"
        tip = html.escape(f"{meta.get('title') or ''}\n{meta.get('path') or ''}\n{meta.get('published') or ''}")
        parts.append(f'<g class="{cls}"><title>{tip}</title><rect x="{x:.0f}" y="{y:.0f}" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
                     f'<text x="{x + 8:.0f}" y="{y + 18:.0f}">{html.escape(_label(meta, 26))}</text>'
                     f'<text class="sub" x="{x + 8:.0f}" y="{y + 34:.0f}">{html.escape(_label({"path": meta.get("site") or meta.get("path")}, 30))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def pair_html(c: Comparison) -> str:
    """Side-by-side linked sentences (source left, copy right) and the findings of one pair."""
    src_is_b = c.source_side == "b"
    src_sents, cpy_sents = (c.b_sentences, c.a_sentences) if src_is_b else (c.a_sentences, c.b_sentences)
    rows = []
    for link in sorted(c.links, key=lambda l: (min(l.a if src_is_b else l.b, default=0))):
        s_idx, c_idx = (link.b, link.a) if src_is_b else (link.a, link.b)
        s_text = " ".join(src_sents[i].text for i in s_idx)
        c_text = " ".join(cpy_sents[j].text for j in c_idx)
        rows.append(f'<tr class="{link.kind.value}"><td>{html.escape(s_text)}</td><td>{html.escape(c_text)}</td>'
                    f'<td>{link.kind.value} {link.score:.2f}</td></tr>')
    linked = {j for l in c.links for j in (l.a if src_is_b else l.b)}
    for j, s in enumerate(cpy_sents):
        if j not in linked:
            rows.append(f'<tr class="unsupported"><td></td><td>{html.escape(s.text)}</td><td>not in the source</td></tr>')
    findings = "".join(f"<li><b>{html.escape(f.kind.value)}</b>: {html.escape(f.detail)}</li>" for f in c.findings)
    return ('<table class="pair"><tr><th>source</th><th>copy</th><th>link</th></tr>' + "".join(rows) + "</table>"
            + (f"<ul class=findings>{findings}</ul>" if findings else ""))


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
.node rect{fill:#f4f6fb;stroke:#7a869a} .node.original rect{fill:#e3f4e1;stroke:#2e7d32;stroke-width:2}
svg text{font:12px system-ui,sans-serif;fill:#222} svg text.sub{fill:#666;font-size:10px}
svg text.elabel{fill:#555;font-size:10px}
line.derived{stroke:#555;stroke-width:1.6} line.undirected{stroke:#b26a00;stroke-dasharray:6 3}
line.independent{stroke:#aaa;stroke-dasharray:2 3}
table{border-collapse:collapse;width:100%} td,th{border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left}
table.pair td:nth-child(3){white-space:nowrap;color:#555;width:8em}
tr.verbatim td{background:#eef7ee} tr.near td{background:#f3f9ef} tr.paraphrase td,tr.fused td,tr.split td{background:#fffbe8}
tr.unsupported td{background:#fdecea} details{margin:.4em 0} summary{cursor:pointer}
.muted{color:#666}
"""


def render_html(result: TraceResult, comparisons: Mapping[tuple[int, int], Comparison] | None = None, version: str = "") -> str:
    """The whole trace as one self-contained HTML page."""
    comparisons = comparisons or {}
    info = result.info
    st = result.stats
    out = ["<!doctype html><html lang=en><head><meta charset=utf-8><title>byline trace</title>",
           f"<style>{CSS}</style></head><body><h1>byline trace</h1>",
           f"<p class=muted>{st.get('articles', len(info))} articles, {len(result.derived())} derived relations, "
           f"{st.get('stories', 0)} stories. byline {html.escape(version)}</p>"]
    independent = {(r.a, r.b) for r in result.relations if r.relation.kind.value == "independent"}
    by_pair = {(r.a, r.b): r for r in result.relations}
    for s in result.stories:
        if len(s.members) < 2:
            continue
        orig = info.get(s.original, {}) if s.original is not None else None
        out.append(f"<h2 id='{s.id}'>Story {html.escape(s.id)}: {len(s.members)} articles</h2>")
        out.append("<p>Original: " + (f"<b>{html.escape(_label(orig, 100))}</b> <span class=muted>{html.escape(str(orig.get('path')))}</span>"
                                       if orig else "<i>undecided</i> (no article is the source of all others)") + "</p>")
        members = set(s.members)
        out.append(story_svg(s, info, {p for p in independent if p[0] in members}))
        out.append("<table><tr><th>article</th><th>site</th><th>published</th><th>path</th></tr>")
        for m in s.members:
            meta = info.get(m, {})
            out.append(f"<tr><td>{html.escape(_label(meta, 90))}</td><td>{html.escape(str(meta.get('site') or ''))}</td>"
                       f"<td>{html.escape(str(meta.get('published') or ''))}</td><td>{html.escape(str(meta.get('path') or ''))}</td></tr>")
        out.append("</table>")
        for (a, b), r in by_pair.items():
            if a not in members or not r.relation.kind.derived:
                continue
            rel = r.relation
            src, cpy = (b, a) if rel.original == "b" else (a, b)
            arrow = "→" if rel.original != "unknown" else "↔"
            how = basis_words(rel.basis, rel.evidence) if rel.original != "unknown" else "which came first is unknown"
            head = (f"{html.escape(_label(info.get(src, {}), 50))} {arrow} {html.escape(_label(info.get(cpy, {}), 50))}: "
                    f"<b>{html.escape(RELATION_WORDS[rel.kind])}</b>, confidence {rel.confidence:.2f}; {html.escape(how)}")
            c = comparisons.get((a, b))
            body = pair_html(c) if c is not None else "<p class=muted>side-by-side view not rendered (over the page's limit)</p>"
            out.append(f"<details><summary>{head}</summary>{body}</details>")
    out.append("</body></html>")
    return "\n".join(out)
