"""Report stage: render a ``Comparison`` (or a trace) for people and programs.

    json.py      to_dict(c, version) -> the ``--json`` contract (docs/json.md); dumps, dumps_line
    terminal.py  render(c, console) / render_pairs(rows, console): rich output for the terminal
    html.py      render_html(c, version) -> one self-contained page, side by side, no scripts
    trace.py     the same three for ``byline trace``

Reports only read records; they never re-run a stage or search the texts again (sentences are
sliced from ``Article.text`` by their spans). The words shared by the reports live here so that
the terminal and the page say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..records import Comparison, FindingKind, RelationKind

RELATION_WORDS = {
    RelationKind.VERBATIM: "verbatim copy",
    RelationKind.NEAR_COPY: "near copy (light edits)",
    RelationKind.REWRITE: "rewrite (same content, reworded)",
    RelationKind.SUMMARY: "summary (a shortened retelling)",
    RelationKind.PARTIAL: "partial reuse (some passages taken over)",
    RelationKind.INDEPENDENT: "independent reports of the same story",
    RelationKind.UNRELATED: "unrelated texts",
}

# Changes that alter meaning first, carried-over quotes (no change) last.
FINDING_ORDER = (
    FindingKind.QUOTE_ALTERED, FindingKind.NUMBER_CHANGED, FindingKind.HEDGE_REMOVED,
    FindingKind.ATTRIBUTION_SHIFT, FindingKind.GENERALISED_SOURCE, FindingKind.UNSUPPORTED_CLAIM,
    FindingKind.QUOTE_DROPPED, FindingKind.SOURCE_DROPPED, FindingKind.QUOTE_KEPT,
)


def copy_side(c: Comparison) -> str:
    """The side the reports treat as the copy: the other of ``c.source_side``."""
    return "b" if c.source_side == "a" else "a"


def direction_words(c: Comparison) -> tuple[str, str]:
    """(headline, how it was decided), e.g. ("b was made from a", "decided by the publication dates")."""
    rel = c.relation
    if rel.kind.derived and rel.original in ("a", "b"):
        other = "b" if rel.original == "a" else "a"
        return f"{other} was made from {rel.original}", basis_words(rel.basis, rel.evidence)
    if rel.kind.derived:
        return "one was made from the other; which came first is unknown", "findings read a as the source"
    return "neither was made from the other", ""


def basis_words(basis: str, evidence: Mapping[str, float | str]) -> str:
    """Why this side is the original, in words, with the deciding number when there is one."""
    if basis == "dates":
        dates = evidence.get("dates")
        return "decided by the publication dates" + (f" ({dates})" if dates else "")
    if basis == "content":
        strength = evidence.get("direction_strength")
        tail = f" (vote strength {float(strength):.2f})" if isinstance(strength, (int, float)) else ""
        return "decided from content clues" + tail
    return f"basis: {basis}"


__all__ = ["FINDING_ORDER", "RELATION_WORDS", "basis_words", "copy_side", "direction_words"]
