"""Hedges the copy removed: "will likely reopen" in the source, "will reopen" in the copy.

For each linked source sentence, each clause holding a hedge (``lexicon.HEDGES``, "is expected
to", "according to") is matched to the window of the linked copy sentences (a clause, or a clause
with the one before it) that says most of it. When that window says it (support at or above the
scorer's line, and most of the words right after the hedge are there) without any hedge or
softener, the hedge was removed.
"""

from __future__ import annotations

import re

from ..records import Finding, FindingKind, Span
from ..text import normalise
from .common import SUPPORTED, TOKEN, Clause, Pair, covered, root_set, roots
from .lexicon import HEDGE_PHRASES, HEDGES, REPORT_VERBS, SOFTENERS

RULE = "explain.hedges.v1"
SCOPE_WORDS = 6  # content words after the hedge that make up what it hedges ("likely [fretting over ... loss ...]")
SCOPE_KEPT = 0.34  # share of those words the copy clause must hold: the hedged part itself was kept


def hedges_in(text: str) -> list[re.Match[str]]:
    """Hedge words and phrases in ``text``, in order."""
    found = [m for m in TOKEN.finditer(text) if normalise(m.group()) in HEDGES
             and not (m.group() == "May" and m.start() > 0)]  # the month
    found += list(HEDGE_PHRASES.finditer(text))
    return sorted(found, key=lambda m: m.start())


def softened(text: str, source_clause: str = "") -> bool:
    """Does ``text`` hedge in any way: a hedge, a softener such as "potential" or "reportedly", a
    hedging phrase, or (when the source clause credited nobody) a reporting verb, since "X claims
    that" is no flat statement either."""
    toks = [normalise(t) for t in TOKEN.findall(text)]
    if any(t in SOFTENERS for t in toks) or HEDGE_PHRASES.search(text):
        return True
    source_reports = any(normalise(t) in REPORT_VERBS for t in TOKEN.findall(source_clause))
    return not source_reports and any(t in REPORT_VERBS for t in toks)


def _windows(pair: Pair, j: int) -> list[Clause]:
    """Clauses of copy sentence ``j`` and each clause joined to the one before it: a hedge in the
    first clause may still govern the second ("China could align itself ..., and Iran to challenge")."""
    clauses = pair.copy_clauses[j]
    joined = [Clause(j, Span(a.span.start, b.span.end), pair.copy.text[a.span.start : b.span.end])
              for a, b in zip(clauses, clauses[1:])]
    return [*clauses, *joined]


def hedge_findings(pair: Pair) -> list[Finding]:
    """``hedge_removed`` findings, at most one per hedged source clause and per copy clause."""
    jobs: list[tuple[Clause, re.Match[str], list[Clause]]] = []
    for link in pair.links:
        copy_clauses = [w for j in link.b for w in _windows(pair, j)]
        for i in link.a:
            for clause in pair.source_clauses[i]:
                found = hedges_in(clause.text)
                if found:
                    jobs.append((clause, found[0], copy_clauses))
    if not jobs:
        return []
    src_texts = [c.text for c, _, _ in jobs]
    all_copy = sorted({c for _, _, cs in jobs for c in cs}, key=lambda c: (c.span.start, c.span.end))
    col = {c: k for k, c in enumerate(all_copy)}
    # How much of the hedged source clause each copy window says: the source clause plays the part
    # of the "copy" here, so a window holding all of it (with whatever hedge governs it) wins over a
    # fragment that holds only its tail.
    m = pair.support(src_texts, [c.text for c in all_copy])
    out: list[Finding] = []
    used: set[Clause] = set()
    for n, (clause, hedge, candidates) in enumerate(jobs):
        best = max(candidates, key=lambda c: (round(float(m[n, col[c]]), 2), len(c.span)), default=None)
        if best is None or best in used or m[n, col[best]] < SUPPORTED or softened(best.text, clause.text):
            continue
        scope = roots(clause.text[hedge.end() :])[:SCOPE_WORDS]
        if scope and sum(covered(scope, root_set(best.text))) / len(scope) < SCOPE_KEPT:
            continue
        used |= {c for c in candidates if c.span.start < best.span.end and best.span.start < c.span.end}
        word = hedge.group()
        out.append(Finding(FindingKind.HEDGE_REMOVED, clause.text, best.text,
                           f"The source hedges this (“{word}”); the copy states it without a hedge",
                           clause.span, best.span, RULE))
    return out
