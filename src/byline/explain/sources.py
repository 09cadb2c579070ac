"""Named sources: the people and bodies the source quotes or cites, and which the copy leaves out.

This module also runs the one spaCy pass an explanation needs (``analyse``): the source sentences
that quote someone or hold a reporting verb, and the copy sentences that hold a reporting verb, in
one batch. The attribution rules read the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Finding, FindingKind
from ..text import STOPWORDS, find_quotes, words
from . import nlp
from .common import Pair
from .lexicon import REPORT_VERBS
from .quotes import sentence_range
from .speakers import Actor, Cited, Event, Voices, agentless_events, events_in, norm_token, outside_quotes, resolve

RULE = "explain.sources.v1"
ORG_PRESENT = 0.75  # share of an organisation's name words one copy sentence must hold to name it


@dataclass(frozen=True, slots=True)
class Analysis:
    """Who speaks in the source (resolved) and in each copy sentence (as written)."""

    voices: Voices
    copy_events: dict[int, list[Event]]


def _needs_parse(text: str) -> bool:
    """Only sentences with a reporting verb can credit anyone; quote-only sentences inherit."""
    lowered = words(text)
    return any(w in REPORT_VERBS for w in lowered) or "according" in lowered


def analyse(pair: Pair) -> Analysis | None:
    """Parse what needs parsing (once per pair) and read the reporting events; None without spaCy."""
    if "analysis" in pair.cache:
        return pair.cache["analysis"]  # type: ignore[return-value]
    src_idx = [i for i, s in enumerate(pair.source_sents) if _needs_parse(s.text)]
    cp_idx = [j for j, s in enumerate(pair.copy_sents) if _needs_parse(s.text)]
    docs = nlp.parse([pair.source_sents[i].text for i in src_idx] + [pair.copy_sents[j].text for j in cp_idx])
    result: Analysis | None = None
    if docs is not None:
        events: list[Event] = []
        for i, doc in zip(src_idx, docs[: len(src_idx)]):
            events += events_in(doc, pair.source_sents[i], i)
        starts = [s.span.start for s in pair.source_sents]
        ends = [s.span.end for s in pair.source_sents]
        src_quotes = find_quotes(pair.source.text)
        quote_sents = [sentence_range(q.span, starts, ends) for q in src_quotes]
        events = outside_quotes(events, [q.span for q in src_quotes])
        voices = resolve(events, pair.source_sents, pair.source.text, quote_sents)
        cp_quotes = [q.span for q in find_quotes(pair.copy.text)]
        copy_events: dict[int, list[Event]] = {}
        for j, doc in zip(cp_idx, docs[len(src_idx) :]):
            copy_events[j] = outside_quotes(events_in(doc, pair.copy_sents[j], j), cp_quotes)
        for j in range(len(pair.copy_sents)):
            extra = outside_quotes(agentless_events(pair.copy_clauses[j], j), cp_quotes)
            if extra:
                copy_events[j] = copy_events.get(j, []) + extra
        result = Analysis(voices, copy_events)
    pair.cache["analysis"] = result
    return result


def named_in(actor: Actor, text: str, sentences: list[str]) -> bool:
    """Does the copy name ``actor``? People by surname or a short form the source used; bodies by
    most of their name words within one sentence, or by their initials."""
    if actor.kind == "PERSON":
        keys = {actor.tokens[-1], *actor.aliases} if actor.tokens else set(actor.aliases)
        return any(re.search(rf"(?<![\w’']){re.escape(k)}(?![\w])", text) for k in keys if k)
    name_words = [norm_token(t) for t in actor.tokens if norm_token(t) not in STOPWORDS]
    if not name_words:
        return True  # nothing to look for: do not claim it was dropped
    initials = "".join(t[0] for t in actor.tokens if t[:1].isupper())
    if len(initials) >= 3 and re.search(rf"\b{re.escape(initials)}\b", text):
        return True
    for sent in sentences:
        have = set(words(sent))
        if sum(w in have for w in name_words) / len(name_words) >= ORG_PRESENT:
            return True
    return False


def source_findings(pair: Pair, analysis: Analysis | None) -> list[Finding]:
    """One ``source_dropped`` finding per quoted or cited person/body that the copy never names."""
    if analysis is None:
        return []
    copy_sentences = [s.text for s in pair.copy_sents]
    out = []
    for cited in analysis.voices.cited:
        if cited.actor.kind not in ("PERSON", "ORG") or named_in(cited.actor, pair.copy.text, copy_sentences):
            continue
        out.append(Finding(FindingKind.SOURCE_DROPPED, pair.source.text[cited.first.start : cited.first.end], "",
                           _detail(cited), cited.first, None, RULE))
    return out


def _detail(cited: Cited) -> str:
    kind = "person" if cited.actor.kind == "PERSON" else "organisation"
    n = len(cited.sentences)
    times = f"credited in {n} source sentence{'s' if n != 1 else ''}"
    if cited.quotes:
        times += f", {cited.quotes} direct quote{'s' if cited.quotes != 1 else ''}"
    who = f"{cited.actor.name}, {cited.actor.role}," if cited.actor.role else cited.actor.name
    return f"{who} is not named in the copy ({kind}; {times})"
