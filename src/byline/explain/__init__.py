"""Explain stage: what did the copy change? One function, one module per family of rules.

    quotes       quote_kept / quote_altered / quote_dropped     (quotes.py)
    sources      source_dropped: quoted or cited people/bodies the copy never names (sources.py, spaCy)
    attribution  attribution_shift / generalised_source: who the copy credits (attribution.py)
    hedges       hedge_removed (hedges.py)
    numbers      number_changed (numbers.py)
    claims       unsupported_claim: unsupported clauses with checkable content of their own (claims.py, claim_model.py)

Every rule is general (word lists in ``lexicon.py``, a parse, the scorer); nothing is keyed to a
particular story. Findings come back in copy order; those that only point into the source
(a dropped quote or source) follow in source order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Article, Finding, FindingKind, Link, Sentence
from .attribution import attribution_findings
from .claims import claim_findings
from .common import Pair, SupportScorer
from .hedges import hedge_findings
from .numbers import number_findings
from .quotes import quote_findings
from .sources import analyse, source_findings

__all__ = ["SupportScorer", "explain"]

_KIND_ORDER = {kind: n for n, kind in enumerate(FindingKind)}


def explain(source: Article, source_sents: Sequence[Sentence], copy: Article, copy_sents: Sequence[Sentence],
            links: Sequence[Link], scorer: SupportScorer) -> tuple[Finding, ...]:
    """What the copy changed, as findings (``Link.a`` = source sentence indexes, ``Link.b`` = copy)."""
    pair = Pair(source, source_sents, copy, copy_sents, links, scorer)
    analysis = analyse(pair)
    voices = analysis.voices if analysis is not None else None
    numbers = number_findings(pair)
    found = [
        *quote_findings(pair, voices),
        *source_findings(pair, analysis),
        *attribution_findings(pair, analysis),
        *hedge_findings(pair),
        *numbers,
        # a clause whose only news is a changed number is that change, not a new claim
        *claim_findings(pair, explained=[f.copy_span for f in numbers if f.copy_span is not None]),
    ]
    unique: dict[tuple, Finding] = {}
    for f in found:
        key = (f.kind, f.source_span, f.copy_span)
        unique.setdefault(key, f)
    return tuple(sorted(unique.values(), key=_order))


def _order(f: Finding) -> tuple[int, int, int, int]:
    """Copy position first; source-only findings after all others, in source position."""
    if f.copy_span is not None:
        return (0, f.copy_span.start, f.source_span.start if f.source_span else -1, _KIND_ORDER[f.kind])
    return (1, f.source_span.start if f.source_span else 0, 0, _KIND_ORDER[f.kind])
