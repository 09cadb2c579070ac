"""The ``byline compare --json`` contract: one Comparison as plain JSON-ready data.

The field names are a public contract (docs/json.md documents each one): scripts and the
benchmarks read them, so renaming a field is a breaking change; adding one is not. Sides keep
their command-line names ``a`` and ``b``; ``relation.original`` and the top-level ``copy`` say
which one was made from the other. Spans are half-open character offsets into each side's
``body``, so ``body[start:end]`` is the sentence, exactly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from ..passages import passages
from ..records import Article, Comparison, Finding, Link, Sentence, Span

DECIMALS = 4  # enough to tell scores apart, short enough to diff two reports by eye


def to_dict(c: Comparison, version: str) -> dict[str, Any]:
    """The JSON contract for one compared pair (see docs/json.md)."""
    src = c.source_side
    return {
        "byline_version": version,
        "a": _article(c.a, c.a_sentences),
        "b": _article(c.b, c.b_sentences),
        "relation": {
            "kind": c.relation.kind.value,
            "original": c.relation.original,
            "confidence": _num(c.relation.confidence),
            "basis": c.relation.basis,
            "evidence": {str(k): _num(v) for k, v in c.relation.evidence.items()},
        },
        "copy": "b" if src == "a" else "a",
        "coverage": {str(k): _num(v) for k, v in c.coverage.items()},
        "alignment": alignment_entries(c),
        "links": [_link(link) for link in c.links],
        "unaligned_a": _unaligned(c.a_sentences, {i for link in c.links for i in link.a}),
        "unaligned_b": _unaligned(c.b_sentences, {j for link in c.links for j in link.b}),
        "findings": [_finding(f, src) for f in c.findings],
        "passages": [{k: _num(v) if isinstance(v, float) else v for k, v in p.items()} for p in passages(c)],
        "seconds": round(float(c.seconds), 3),
    }


def alignment_entries(c: Comparison) -> list[dict[str, Any]]:
    """One entry per side-b sentence that has a link, in b order.

    A split link (one a sentence over several b sentences) yields one entry per b sentence,
    each with the same ``a`` list. Should a b sentence sit in more than one link, its entry
    takes the union of their a sentences and the kind and score of the strongest link.
    """
    by_b: dict[int, list[tuple[int, Link]]] = {}
    for n, link in enumerate(c.links):
        for j in link.b:
            by_b.setdefault(j, []).append((n, link))
    entries = []
    for j in sorted(by_b):
        if not 0 <= j < len(c.b_sentences):
            continue  # a link that points past the sentence list is the aligner's bug, not the reader's
        group = by_b[j]
        n, best = max(group, key=lambda item: item[1].score)
        a_idx = sorted({i for _, link in group for i in link.a if 0 <= i < len(c.a_sentences)})
        sent = c.b_sentences[j]
        entries.append({
            "b": sent.text,
            "b_index": j,
            "b_span": sent.span.as_list(),
            "a": [c.a_sentences[i].text for i in a_idx],
            "a_index": a_idx,
            "a_spans": [c.a_sentences[i].span.as_list() for i in a_idx],
            "kind": best.kind.value,
            "score": _num(best.score),
            "link": n,
        })
    return entries


def dumps(d: Mapping[str, Any]) -> str:
    """Pretty JSON for one report (``--json FILE``): UTF-8 text as is, two-space indent."""
    return json.dumps(d, ensure_ascii=False, indent=2)


def dumps_line(d: Mapping[str, Any]) -> str:
    """One compact JSON object without a newline: one line of ``--pairs`` JSON Lines output."""
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def write_lines(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write JSON Lines (one object per line, flushed as it goes); returns the count written."""
    count = 0
    for record in records:
        out.write(dumps_line(record) + "\n")
        out.flush()  # a long --pairs run can be followed with tail -f
        count += 1
    return count


def _article(a: Article, sents: Sequence[Sentence]) -> dict[str, Any]:
    return {
        "path": a.path,
        "url": a.url,
        "title": a.title,
        "byline": a.byline,
        "published": a.published,
        "site": a.site,
        "extractor": a.extractor,
        "body": a.text,
        "sentences": len(sents),
        "chrome_removed": list(a.chrome_removed),
    }


def _link(link: Link) -> dict[str, Any]:
    return {"a": list(link.a), "b": list(link.b), "kind": link.kind.value, "score": _num(link.score)}


def _unaligned(sents: Sequence[Sentence], linked: set[int]) -> list[dict[str, Any]]:
    return [{"text": s.text, "index": n, "span": s.span.as_list()} for n, s in enumerate(sents) if n not in linked]


def _finding(f: Finding, source_side: str) -> dict[str, Any]:
    """Source/copy terms -> a/b terms: the source is side ``source_side``."""
    src_text, cpy_text = f.source_text, f.copy_text
    src_span, cpy_span = _span(f.source_span), _span(f.copy_span)
    if source_side == "a":
        a_text, b_text, a_span, b_span = src_text, cpy_text, src_span, cpy_span
    else:
        a_text, b_text, a_span, b_span = cpy_text, src_text, cpy_span, src_span
    return {"kind": f.kind.value, "a_text": a_text, "b_text": b_text, "detail": f.detail,
            "a_span": a_span, "b_span": b_span, "rule": f.rule}


def _span(span: Span | None) -> list[int] | None:
    return span.as_list() if span is not None else None


def _num(value: Any) -> Any:
    """Floats (numpy's too) rounded; NaN/inf become null (JSON has no such numbers); strings kept."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(x):
        return None
    return round(x, DECIMALS)
