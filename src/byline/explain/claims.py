"""Claims the source does not make: copy clauses that no source sentence supports and that state
something checkable the source lacks.

Every clause of every copy sentence (``byline.text.clause_spans``) is scored against every source
sentence and every adjacent pair of source sentences. A clause under the scorer's line is a
*candidate*; whether it is reported is decided by a small logistic model (``claim_model.py``) over
what makes a claim rather than a restatement or filler:

- how little the source supports it (the best support, and the support of the three best source
  sentences read together: a summary opening restates several sentences at once);
- what it brings that the source lacks: content words, and above all *specifics*: names, numbers
  and dates or times the source never writes ("12 new stores in Canada next year");
- what marks filler and comment: an opening that points back ("This development highlights ..."),
  a generic crowd as subject ("Fans will be watching ..."), an evaluative or speculative verb.

A line without sentence punctuation (a heading, a widget's "Read or Share this story") states
nothing and is never a candidate; neither is a short clause (connectives, "However, ..."), a clause
whose only news is a number the numbers rule already reports as changed, or a clause that a number
finding explains.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..records import Finding, FindingKind, Sentence, Span
from ..text import STOPWORDS, normalise
from .claim_model import CLAIM_COEF, CLAIM_FEATURES, CLAIM_INTERCEPT, CLAIM_THRESHOLD
from .common import SUPPORTED, TOKEN, Clause, Pair, covered, novel_roots, root, roots
from .lexicon import (CLAIM_EVALUATIVE, CLAIM_POINTERS, CROWD_NOUNS, GENERIC_NOUNS, MONTHS, SPECULATIVE,
                      WEEKDAYS)
from .numbers import quantities, same_value

RULE = "explain.claims.v2"
MIN_CONTENT = 5  # content words a clause of a linked sentence needs to be worth reporting
MIN_CONTENT_UNLINKED = 3  # ... for a copy sentence the alignment left without any source
NOTHING = 0.25  # support this low: no "nearest" source sentence is worth pointing at
TOP_READ_TOGETHER = 3  # source sentences read together for the restatement measure

_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_TIME = re.compile(
    r"\b(?:(?:next|last|this|previous|following)\s+(?:week|weekend|month|year|season|spring|summer|fall|autumn|winter|"
    r"morning|afternoon|evening|night|quarter)|weekend|tonight|yesterday|tomorrow|overnight|"
    r"(?:within|in|for|about|over|after|under)\s+(?:an?|\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"several|a\s+few)\s+(?:minutes?|hours?|days?|weeks?|months?|years?))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A copy clause under the scorer's line, with what the model reads."""

    clause: Clause
    best: float  # best support by a source sentence or adjacent pair
    column: int  # which one (``Pair.source_sentence_support_texts``)
    features: tuple[float, ...]  # in ``CLAIM_FEATURES`` order
    novel: tuple[str, ...]  # the specifics and words the source lacks, as written, for the message
    measures: dict[str, float]  # every measure computed, by name (the model reads CLAIM_FEATURES of them)

    @property
    def probability(self) -> float:
        z = CLAIM_INTERCEPT + float(np.dot(CLAIM_COEF, self.features))
        return 1.0 / (1.0 + math.exp(-z))


def claim_findings(pair: Pair, explained: Iterable[Span] = ()) -> list[Finding]:
    """``unsupported_claim`` findings in copy order, one per clause the model accepts.

    ``explained``: copy spans other rules already account for (changed numbers)."""
    out: list[Finding] = []
    for cand in candidates(pair, explained):
        p = cand.probability
        if p < CLAIM_THRESHOLD:
            continue
        clause, best = cand.clause, cand.best
        linked = clause.sentence in pair.link_of_copy
        where = "its sentence is linked to the source, this clause is not" if linked else "its sentence has no source link"
        detail = (f"No source sentence supports this ({where}; best support {best:.2f}; claim score {p:.2f})"
                  + (f"; the source never has: {', '.join(cand.novel[:6])}" if cand.novel else ""))
        if best < NOTHING:  # nothing comes close: pointing at a "nearest" source sentence would mislead
            out.append(Finding(FindingKind.UNSUPPORTED_CLAIM, "", clause.text, detail, None, clause.span, RULE))
            continue
        nearest = pair.source_sents[pair.pair_members(cand.column)[0]]
        out.append(Finding(FindingKind.UNSUPPORTED_CLAIM, nearest.text, clause.text, detail,
                           nearest.span, clause.span, RULE))
    return out


def candidates(pair: Pair, explained: Iterable[Span] = ()) -> list[Candidate]:
    """Copy clauses that no source text supports, with their features (in copy order)."""
    explained = list(explained)
    clauses: list[Clause] = []
    for j, sent in enumerate(pair.copy_sents):
        if not _is_statement(sent):
            continue
        linked = j in pair.link_of_copy
        for c in pair.copy_clauses[j]:
            if len(roots(c.text)) >= (MIN_CONTENT if linked else MIN_CONTENT_UNLINKED):
                clauses.append(c)
    if not clauses or not pair.source_sents:
        return []
    targets = pair.source_sentence_support_texts
    m = pair.support([c.text for c in clauses], targets)
    keep = [k for k in range(len(clauses)) if float(m[k].max()) < SUPPORTED]
    if not keep:
        return []
    n = len(pair.source_sents)
    # the three best single source sentences of each clause, read as one text
    together = []
    for k in keep:
        top = np.argsort(-m[k, :n])[:TOP_READ_TOGETHER]
        together.append(" ".join(pair.source_sents[int(i)].text for i in sorted(top)))
    m3 = pair.support([clauses[k].text for k in keep], together)
    facts = _source_facts(pair)
    out: list[Candidate] = []
    for r, k in enumerate(keep):
        clause = clauses[k]
        col = int(m[k].argmax())
        spec = specifics(clause, pair, facts, explained)
        if spec.only_explained:
            continue  # its news is a changed number, reported as such
        content = roots(clause.text)
        new = novel_roots(clause.text, pair.source_roots)
        feats = {
            "support": float(m[k, col]),
            "support_together": float(m3[r, r]),
            "novel_share": len(new) / max(1, len(content)),
            "novel_words": math.log1p(len(new)),
            "novel_names": math.log1p(len(spec.names)),
            "novel_numbers": math.log1p(len(spec.numbers)),
            "novel_times": math.log1p(len(spec.times)),
            "pointer": float(_points_back(clause, pair)),
            "crowd": float(_crowd_subject(clause.text)),
            "evaluative": float(_evaluative(clause.text)),
            "linked": float(clause.sentence in pair.link_of_copy),
        }
        # a clause of a sentence the alignment linked, made mostly of the source's own words: reworded
        # source content (a clause added to a linked sentence brings mostly words of its own)
        feats["restated"] = feats["linked"] * (1.0 - feats["novel_share"])
        shown = [*spec.names, *spec.numbers, *spec.times] or _show(clause.text, new)
        out.append(Candidate(clause, float(m[k, col]), col, tuple(feats[f] for f in CLAIM_FEATURES), tuple(shown),
                             feats))
    return out


# -- what the clause says that the source does not --------------------------------------------

@dataclass(frozen=True, slots=True)
class Specifics:
    names: tuple[str, ...]
    numbers: tuple[str, ...]
    times: tuple[str, ...]
    only_explained: bool  # its only new specifics are numbers another rule explains


@dataclass(frozen=True, slots=True)
class _Facts:
    values: tuple[tuple[float, str], ...]  # (value, unit) of every source quantity
    quantities: tuple  # the source's Quantity objects
    text: str  # the source, normalised
    capitalised: frozenset[str]  # words written with a capital inside a sentence, either text


def _source_facts(pair: Pair) -> _Facts:
    if "claim_facts" in pair.cache:
        return pair.cache["claim_facts"]  # type: ignore[return-value]
    qs = tuple(q for s in pair.source_sents for q in quantities(s))
    caps = set()
    for sent in (*pair.source_sents, *pair.copy_sents):
        for m in list(TOKEN.finditer(sent.text))[1:]:
            if m.group()[:1].isupper():
                caps.add(m.group())
    facts = _Facts(tuple((q.value, q.unit) for q in qs), qs, " ".join(normalise(pair.source.text).split()), frozenset(caps))
    pair.cache["claim_facts"] = facts
    return facts


def names_in(text: str, capitalised: frozenset[str]) -> list[list[str]]:
    """Runs of capitalised words: the names of ``text`` ("Chicago Blackhawks", "Austin", "Texas").

    The first word of the text counts when the pair's texts also capitalise it inside a sentence
    (a name, not just a sentence opening); "I", function words, weekdays and months do not count."""
    out: list[list[str]] = []
    run: list[str] = []
    prev_end = -1
    for k, m in enumerate(TOKEN.finditer(text)):
        tok = m.group()
        bare = tok[:-2] if tok.endswith(("'s", "’s")) else tok
        low = normalise(bare)
        is_name = (bare[:1].isupper() and low not in STOPWORDS and low not in WEEKDAYS and low not in MONTHS
                   and bare != "I" and (k > 0 or bare in capitalised))
        joined = run and text[prev_end : m.start()].strip() in ("", "-", "&")
        if is_name:
            if run and not joined:
                out.append(run)
                run = []
            run.append(bare)
        elif run:
            out.append(run)
            run = []
        prev_end = m.end()
        if tok != bare and run:  # a possessive ends the name ("Japan's Subaru Telescope")
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def specifics(clause: Clause, pair: Pair, facts: _Facts, explained: Sequence[Span] = ()) -> Specifics:
    """Names, numbers and times of ``clause`` that the source never writes."""
    names = []
    for run in names_in(clause.text, facts.capitalised):
        rs = [root(w) for w in run]
        if not all(covered(rs, pair.source_roots)):
            names.append(" ".join(run))
    numbers, explained_hits = [], 0
    for q in quantities(Sentence(clause.sentence, clause.span, clause.text)):
        if any(q.value == v and q.unit == u for v, u in facts.values) or any(same_value(q, s) for s in facts.quantities):
            continue
        if any(e.start < q.span.end and q.span.start < e.end for e in explained):
            explained_hits += 1
            continue
        numbers.append(q.text)
    times = [m.group() for m in _TIME.finditer(clause.text) if " ".join(normalise(m.group()).split()) not in facts.text]
    times += [w for w in TOKEN.findall(clause.text) if normalise(w) in WEEKDAYS and normalise(w) not in facts.text]
    only = explained_hits > 0 and not names and not numbers and not times
    return Specifics(tuple(names), tuple(numbers), tuple(times), only)


# -- what marks filler and comment -------------------------------------------------------------

def _first_words(text: str, n: int = 3) -> list[str]:
    return [normalise(w) for w in TOKEN.findall(text)[:n]]


def _points_back(clause: Clause, pair: Pair) -> bool:
    """Does the clause's sentence open by pointing back at what came before ("This development
    highlights", "The move shows", "It is a reminder", "Only time will tell")?"""
    sent = pair.copy_sents[clause.sentence].text
    first = _first_words(sent, 3)
    if not first:
        return False
    if first[0] in CLAIM_POINTERS:
        return True
    return first[0] == "the" and len(first) > 1 and first[1] in CLAIM_POINTERS


def _crowd_subject(text: str) -> bool:
    """Does the clause open with a generic crowd ("Fans will be watching", "Many observers say")?"""
    first = [w for w in _first_words(text, 4) if w not in ("many", "some", "most", "health", "the", "all")]
    return bool(first) and (first[0] in CROWD_NOUNS or first[0] in GENERIC_NOUNS)


def _evaluative(text: str) -> bool:
    """An evaluative or speculative predicate ("highlights", "underscores", "could reshape")."""
    toks = [normalise(w) for w in TOKEN.findall(text)]
    return any(t in CLAIM_EVALUATIVE for t in toks) or any(t in SPECULATIVE for t in toks)


def _show(text: str, new_roots: list[str]) -> list[str]:
    """The words of ``text`` behind the novel roots, as written."""
    wanted = set(new_roots)
    out: list[str] = []
    for tok in TOKEN.findall(text):
        r = root(tok)
        if r in wanted and tok not in out:
            out.append(tok)
            wanted.discard(r)
    return out


def _is_statement(sent: Sentence) -> bool:
    """A sentence that ends like one: headings, captions and widget lines do not."""
    return bool(_END.search(sent.text))
