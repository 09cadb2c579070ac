"""The terminal report for ``byline compare``: verdict first, then the numbers behind it.

Everything taken from a page (titles, paths, sentences, finding details) goes into
``rich.text.Text`` objects, never into markup strings, so a page containing ``[bold]`` or
``[/]`` prints as written instead of restyling (or breaking) the report. Bars are drawn with
block characters so they still read with ``NO_COLOR`` or in a log file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.columns import Columns
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..records import Comparison, FindingKind, LinkKind, RelationKind, Sentence
from . import FINDING_ORDER, RELATION_WORDS, copy_side, direction_words

BAR_WIDTH = 24  # block characters per bar: 1 block ~ 4 %, fine enough for a glance at width 80
TEXT_CELL = 90  # characters of an unsupported copy sentence shown; the rest is in --json / --html
META_CELL = 100  # characters of a title or byline (extracted bylines can be whole credit sentences)
MAX_FINDINGS = 30  # rows in the findings table; a long rewrite can yield a hundred
MAX_UNSUPPORTED = 5  # unsupported copy sentences quoted under the alignment summary

RELATION_STYLE = {
    RelationKind.VERBATIM: "bold red",
    RelationKind.NEAR_COPY: "bold red",
    RelationKind.REWRITE: "bold dark_orange",
    RelationKind.SUMMARY: "bold dark_orange",
    RelationKind.PARTIAL: "bold yellow",
    RelationKind.INDEPENDENT: "bold green",
    RelationKind.UNRELATED: "bold blue",
}
LINK_STYLE = {
    LinkKind.VERBATIM: "green",
    LinkKind.NEAR: "bright_green",
    LinkKind.PARAPHRASE: "yellow",
    LinkKind.FUSED: "dark_orange",
    LinkKind.SPLIT: "magenta",
}
FINDING_STYLE = {
    FindingKind.QUOTE_ALTERED: "bold red",
    FindingKind.NUMBER_CHANGED: "bold red",
    FindingKind.HEDGE_REMOVED: "red",
    FindingKind.ATTRIBUTION_SHIFT: "dark_orange",
    FindingKind.GENERALISED_SOURCE: "dark_orange",
    FindingKind.UNSUPPORTED_CLAIM: "magenta",
    FindingKind.QUOTE_DROPPED: "yellow",
    FindingKind.SOURCE_DROPPED: "yellow",
    FindingKind.QUOTE_KEPT: "dim green",
}


def render(c: Comparison, console: Console) -> None:
    """Print the report for one pair: verdict panel, articles, coverage, evidence, findings, alignment."""
    console.print(Panel(_verdict(c), title=Text("byline compare", style="bold"), title_align="left",
                        border_style=RELATION_STYLE.get(c.relation.kind, "none").replace("bold ", ""), box=box.ROUNDED))
    console.print(_articles(c))
    console.print()
    console.print(_coverage(c))
    console.print(_evidence(c))
    console.print()
    console.print(_findings(c, console.width))
    console.print(_alignment(c))


def render_pairs(rows: Sequence[tuple[str, str, Comparison | None]], console: Console) -> None:
    """One line per pair of a ``--pairs`` run; ``None`` marks a pair that failed to load."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, title=Text(f"byline compare: {len(rows)} pairs", style="bold"))
    for name, kw in (("#", {"justify": "right"}), ("a", {"ratio": 2}), ("b", {"ratio": 2}), ("relation", {}),
                     ("original", {}), ("conf", {"justify": "right"}), ("a used", {"justify": "right"}),
                     ("b supp.", {"justify": "right"}), ("findings", {"justify": "right"})):
        table.add_column(name, overflow="fold", **kw)
    counts: Counter[str] = Counter()
    for n, (a_path, b_path, c) in enumerate(rows, 1):
        if c is None:
            counts["error"] += 1
            table.add_row(str(n), Text(_short_path(a_path)), Text(_short_path(b_path)), Text("error", style="bold red"),
                          "", "", "", "", "")
            continue
        rel = c.relation
        counts[rel.kind.value] += 1
        table.add_row(str(n), Text(_short_path(a_path)), Text(_short_path(b_path)),
                      Text(rel.kind.value, style=RELATION_STYLE.get(rel.kind, "")), rel.original,
                      f"{rel.confidence:.2f}", _pct(c.coverage.get("a_used")), _pct(c.coverage.get("b_supported")),
                      str(len(c.findings)))
    console.print(table)
    console.print(Text("  " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())), style="dim"))


# --- sections -----------------------------------------------------------------------------------


def _verdict(c: Comparison) -> Group:
    rel = c.relation
    head = Text()
    head.append(rel.kind.value.upper().replace("_", " "), style=RELATION_STYLE.get(rel.kind, "bold"))
    head.append("  " + RELATION_WORDS.get(rel.kind, ""))
    headline, how = direction_words(c)
    direction = Text(headline, style="bold")
    if how and rel.original in ("a", "b"):
        direction.append(f"; original: {rel.original}, {how}")
    elif how:
        direction.append(f" ({how})", style="dim")
    conf = Text("confidence ")
    conf.append_text(_bar(rel.confidence))
    conf.append(f" {rel.confidence:.2f}", style="bold")
    return Group(head, direction, conf)


def _articles(c: Comparison) -> Table:
    """One block per side: title, path, then the metadata on one folded line."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, min_width=8)
    grid.add_column(ratio=1, overflow="fold")
    for side, art, sents in (("a", c.a, c.a_sentences), ("b", c.b, c.b_sentences)):
        role = _role(c, side)
        body = Text()
        body.append(_cut(art.title or "", META_CELL) or "(no title)", style="bold")
        body.append("\n" + art.path, style="dim")
        facts = [("site", _cut(art.site or "", META_CELL) or "-"), ("published", art.published or "unknown"),
                 ("byline", _cut(art.byline or "", META_CELL) or "-"),
                 ("sentences", str(len(sents))), ("chrome removed", f"{len(art.chrome_removed)} lines")]
        body.append("\n")
        for n, (key, value) in enumerate(facts):
            body.append(("  " if n else "") + f"{key} ", style="dim")
            body.append(value)
        grid.add_row(Text(side, style="bold"), Text(role, style="bold green" if role == "original" else "dim"), body)
    return grid


def _coverage(c: Comparison) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(style="dim")
    rows = (("a_used", "a used", "share of a's text linked to b"),
            ("b_supported", "b supported", "share of b's text backed by a"))
    for key, label, words in rows:
        value = c.coverage.get(key)
        grid.add_row(Text(label, style="bold"), _bar(value), _pct(value), words)
    return grid


def _evidence(c: Comparison) -> Table:
    """The relation's evidence: measures of the copy, direction votes, anything else (dates, model)."""
    groups: dict[str, list[Text]] = {"measures": [], "direction": [], "other": []}
    for key, value in c.relation.evidence.items():
        if key.startswith("copy_"):
            group, name = "measures", key[5:]
        elif key.startswith("direction_"):
            group, name = "direction", key[10:]
        else:
            group, name = "other", key
        item = Text(f"{name} ", style="dim")
        item.append_text(_value(value, signed=group == "direction" and name != "strength"))
        groups[group].append(item)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column()
    for title, items in groups.items():
        if items:
            grid.add_row(f"{title}:", Columns(items, padding=(0, 2)))
    return grid


def _findings(c: Comparison, width: int = 100) -> Table | Text:
    """Findings grouped by kind (meaning-changing kinds first): the detail, then the copy and source text.

    Each finding is one row whose second cell stacks the detail over one line of copy text and one
    of source text: four side-by-side columns leave each quote a dozen characters wide at 80
    columns, where stacking keeps them readable.
    """
    if not c.findings:
        note = "no findings" if c.relation.kind.derived else "no findings (findings are only sought in derived pairs)"
        return Text(note, style="dim")
    src, cpy = c.source_side, copy_side(c)
    rank = {k: n for n, k in enumerate(FINDING_ORDER)}
    ordered = sorted(c.findings, key=lambda f: rank.get(f.kind, len(rank)))
    kinds = Counter(f.kind for f in c.findings)
    title = Text("findings: ", style="bold")
    for n, k in enumerate(sorted(kinds, key=lambda k: rank.get(k, len(rank)))):
        title.append((", " if n else "") + f"{k.value} {kinds[k]}", style=FINDING_STYLE.get(k, ""))
    kind_width = max(len(k.value) for k in kinds)
    labels = (f"copy ({cpy})", f"source ({src})")
    label_width = max(map(len, labels)) + 1
    line = max(30, width - kind_width - label_width - 8)  # one line of quote beside the label (8: cell padding)
    table = Table(box=box.SIMPLE_HEAD, expand=True, title=title, title_justify="left", pad_edge=False, show_header=False)
    table.add_column("kind", no_wrap=True, width=kind_width)
    table.add_column("what changed", ratio=1, overflow="fold")
    for f in ordered[:MAX_FINDINGS]:
        style = FINDING_STYLE.get(f.kind, "")
        cell = Text(_one_line(f.detail), style="dim" if f.kind is FindingKind.QUOTE_KEPT else "")
        for label, text in zip(labels, (f.copy_text, f.source_text)):
            if text:
                cell.append("\n" + label.ljust(label_width), style="dim")
                cell.append(_cut(text, line))
        table.add_row(Text(f.kind.value, style=style), cell)
    if len(ordered) > MAX_FINDINGS:
        table.caption = Text(f"… {len(ordered) - MAX_FINDINGS} more in --json / --html", style="dim")
        table.caption_justify = "left"
    return table


def _alignment(c: Comparison) -> Group:
    cpy = copy_side(c)
    copy_sents: Sequence[Sentence] = c.b_sentences if cpy == "b" else c.a_sentences
    linked = {j for link in c.links for j in (link.b if cpy == "b" else link.a)}
    kinds = Counter(link.kind for link in c.links)
    line = Text("alignment: ", style="bold")
    for n, kind in enumerate(LinkKind):
        line.append(("  " if n else "") + f"{kind.value} ")
        line.append(str(kinds.get(kind, 0)), style=LINK_STYLE[kind] + (" bold" if kinds.get(kind) else ""))
    line.append(f"   ({len(linked)} of {len(copy_sents)} copy sentences linked)", style="dim")
    parts: list[Text] = [line]
    unsupported = [(j, s) for j, s in enumerate(copy_sents) if j not in linked]
    if unsupported and c.relation.kind.derived:
        parts.append(Text(f"copy sentences without support in the source: {len(unsupported)}", style="bold"))
        for j, s in unsupported[:MAX_UNSUPPORTED]:
            row = Text(f"  {cpy}{j:<3} ", style="dim")
            row.append(_cut(s.text))
            parts.append(row)
        if len(unsupported) > MAX_UNSUPPORTED:
            parts.append(Text(f"  … {len(unsupported) - MAX_UNSUPPORTED} more", style="dim"))
    return Group(*parts)


# --- small helpers --------------------------------------------------------------------------------


def _role(c: Comparison, side: str) -> str:
    if not c.relation.kind.derived:
        return ""
    if c.relation.original == "unknown":
        return "?"
    return "original" if c.relation.original == side else "copy"


def _bar(value: float | None, width: int = BAR_WIDTH) -> Text:
    """``████░░░░`` for a share in [0, 1]; readable without colour."""
    share = min(max(float(value or 0.0), 0.0), 1.0)
    full = round(share * width)
    bar = Text("█" * full, style="cyan")
    bar.append("░" * (width - full), style="bright_black")
    return bar


def _pct(value: object) -> str:
    return f"{float(value):.0%}" if isinstance(value, (int, float)) else "-"


def _value(value: float | str, signed: bool = False) -> Text:
    if isinstance(value, (int, float)) and float(value).is_integer() and abs(value) > 1:
        return Text(str(int(value)), style="bold")  # a count (strong_sentences) stored as a float
    if isinstance(value, (int, float)):
        return Text(f"{value:+.2f}" if signed else f"{value:.2f}", style="bold")
    return Text(_one_line(str(value)), style="bold")


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _cut(text: str, width: int = TEXT_CELL) -> str:
    text = _one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _short_path(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]

