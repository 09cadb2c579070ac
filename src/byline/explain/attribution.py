"""Who gets the credit: shifted attributions and named sources turned into "experts".

For every reporting event of the copy ("China has denied ..., stating X", "experts believe Y",
"there is speculation that Z"), the event's content is scored against every source sentence; the
best-supporting one (a small bonus for sentences the alignment linked) tells whom the source credits
with that content. Then:

- the copy names a different person or body -> ``attribution_shift``;
- the copy credits a generic crowd or nobody, the source a named person or body -> ``generalised_source``.

Capitals and demonyms count as their country ("Beijing" = "China"), and a body counts as the person
who speaks for it ("the Foreign Ministry spokesperson" = Lin, a spokesperson for that ministry).
"""

from __future__ import annotations

import re

import numpy as np

from ..records import Finding, FindingKind, Span
from ..text import words
from .common import Pair, short
from .lexicon import COUNTRY_ALIASES
from .sources import Analysis, named_in
from .speakers import NAMED, Actor, Event, canonical_words, same_actor

RULE_SHIFT = "explain.attribution.v1"
RULE_GENERIC = "explain.generalised.v1"
# Support a copy event's content needs from a source sentence to count as the same claim. Below the
# scorer's 0.5 line because the content is a clause fragment ("stating its intention to ..."), which
# scores lower than whole sentences; on the seed pair true pairs sit at 0.55-0.9, others under 0.4.
CLAIM_MATCH = 0.45
LINK_BONUS = 0.05  # prefer a sentence the alignment already linked when two score alike
LINKED_MATCH = 0.3  # a linked source sentence needs only this much: the alignment vouches for it
CREDIT_MARGIN = 0.12  # how far below the best a linked, crediting sentence may score and still be chosen


def attribution_findings(pair: Pair, analysis: Analysis | None) -> list[Finding]:
    """``attribution_shift`` and ``generalised_source`` findings, one per copy reporting event at most."""
    if analysis is None:
        return []
    todo: list[Event] = []
    for j in sorted(analysis.copy_events):
        for ev in analysis.copy_events[j]:
            if ev.primary and (ev.actor.kind in ("GENERIC", "NONE") or ev.actor.named):
                todo.append(ev)
    if not todo or not pair.source_sents:
        return []
    contents = [pair.copy.text[ev.content.start : ev.content.end] for ev in todo]
    m = pair.support(contents, [s.text for s in pair.source_sents])
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for k, ev in enumerate(todo):
        i = _origin(pair, ev, m[k], analysis)
        if i is None or (ev.sentence, i) in seen:
            continue
        credits = analysis.voices.credits.get(i, [])
        named = [a for a in credits if a.named]
        if not named:
            continue
        finding = _judge(pair, ev, i, credits, named)
        if finding is not None:
            seen.add((ev.sentence, i))
            out.append(finding)
    return out


def _origin(pair: Pair, ev: Event, scores: np.ndarray, analysis: Analysis) -> int | None:
    """The source sentence the event's content comes from, or None when nothing supports it.

    Candidates: sentences supporting the content at CLAIM_MATCH, and sentences the alignment linked
    to this copy sentence at LINKED_MATCH. When the best candidate credits nobody, a linked one that
    credits someone and scores within CREDIT_MARGIN of it is taken instead: a copy sentence fused from
    a narrative sentence and a quoted one takes its claim from the quoted one.
    """
    link = pair.link_of_copy.get(ev.sentence)
    linked = set(link.a) if link is not None else set()
    row = scores + LINK_BONUS * np.isin(np.arange(len(scores)), list(linked))
    cands = [int(i) for i in np.argsort(-row)
             if scores[i] >= CLAIM_MATCH or (int(i) in linked and scores[i] >= LINKED_MATCH)]
    if not cands:
        return None
    top = cands[0]
    if analysis.voices.credits.get(top):
        return top
    for i in cands[1:]:
        if row[top] - row[i] > CREDIT_MARGIN:
            break
        if i in linked and analysis.voices.credits.get(i):
            return i
    return top


def _judge(pair: Pair, ev: Event, i: int, credits: list[Actor], named: list[Actor]) -> Finding | None:
    src = pair.source_sents[i]
    who = named[0]
    span = _event_span(ev)
    copy_text = pair.copy.text[span.start : span.end]
    copy_sentence = pair.copy_sents[ev.sentence].text
    if any(a.tokens and named_in(a, copy_sentence, [copy_sentence]) for a in named):
        return None  # the copy still names the source in this sentence ("according to a report by X, ...")
    if ev.actor.kind in ("GENERIC", "NONE"):
        if any(a.kind == "GENERIC" for a in credits):
            return None  # the source is just as vague ("experts say")
        if ev.actor.kind == "NONE":
            detail = f"The copy credits this to no one (“{ev.actor.name}”) where the source credits {who.label()}"
        else:
            detail = f"The copy credits “{ev.actor.name}” where the source credits {who.label()}"
        return Finding(FindingKind.GENERALISED_SOURCE, src.text, copy_text, detail, src.span, span, RULE_GENERIC)
    if ev.actor.kind not in NAMED:
        return None  # a description ("the Grammy winner") may well be the same person: no claim either way
    if any(same_actor(ev.actor, a) or _full_name(pair, ev.actor, a) for a in credits):
        return None
    if ev.stance and _mentioned(ev.actor, src.text):
        return None  # "China fears X" read from "Cha said China fears X": the topic, not the speaker
    detail = (f"The copy credits {ev.actor.name} (“{short(copy_text, 60)}”) with what the source "
              f"attributes to {who.label()}")
    return Finding(FindingKind.ATTRIBUTION_SHIFT, src.text, copy_text, detail, src.span, span, RULE_SHIFT)


def _full_name(pair: Pair, a: Actor, b: Actor) -> bool:
    """Are two one-word person names the two halves of one full name written in either text
    ("Harry" in the source, "Hamlin" in the copy, "Harry Hamlin" somewhere)?"""
    if a.kind != "PERSON" or b.kind != "PERSON" or not a.tokens or not b.tokens:
        return False
    for x in {a.tokens[0], a.tokens[-1]}:
        for y in {b.tokens[0], b.tokens[-1]}:
            if x == y:
                continue
            pattern = rf"\b(?:{re.escape(x)}\s+{re.escape(y)}|{re.escape(y)}\s+{re.escape(x)})\b"
            if re.search(pattern, pair.source.text) or re.search(pattern, pair.copy.text):
                return True
    return False


def _event_span(ev: Event) -> Span:
    """The copy text of an event, from its actor (when written before it) to the end of its content."""
    if ev.actor_span is not None and ev.actor_span.start < ev.content.start:
        return Span(ev.actor_span.start, max(ev.content.end, ev.actor_span.end))
    return ev.content


def _mentioned(actor: Actor, text: str) -> bool:
    have = {COUNTRY_ALIASES.get(w, w) for w in words(text)}
    return bool(canonical_words(actor) & have)
