"""Who says what: reporting events read off a dependency parse, and the people behind them.

An *event* is a reporting verb ("said", "told", "declined to comment", "believes", "according to")
with the actor it credits: the verb's subject, the agent of a passive, the subject inherited by a
participle ("..., stating that ...") or the object of "according to". An event inside another
speaker's words ("..., something Beijing says it wants, she said") is not *primary*: the sentence is
credited to the outer speaker.

On the source side, pronoun actors ("he said") are resolved to the last named speaker, short names
("Cha said") are merged with the full name met before ("Victor Cha"), and sentences that only carry
a quote inherit its speaker, so that every source sentence knows whom it quotes or cites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..records import Sentence, Span
from ..text import STOPWORDS, paragraph_spans, trim
from .common import Clause
from .lexicon import (AGENTLESS, CONCESSIVE_MARKS, COUNTRY_ALIASES, DECLINE_FORMS, DECLINE_OBJECTS, GENERIC_NOUNS,
                      NARRATIVE_MARKS, ORG_WORDS, PERSON_PRONOUNS, POINT_FORMS, PRONOUNS, REPORT_VERBS, STANCE_VERBS, TITLES)

NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_ENT_KIND = {"PERSON": "PERSON", "ORG": "ORG", "FAC": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "NORP"}
PRONOUN_REACH = 3  # "he said" refers to a speaker credited at most this many sentences before
_INHERIT_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl"})  # participles share the head's subject
# Children of a reporting verb that carry what was said, even when they stand before the verb
# ("“Very weak,” said Cha"); other children before the verb ("Despite ..., experts believe") do not.
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp", "oprd", "aux", "auxpass", "neg"})


@dataclass(frozen=True, slots=True)
class Actor:
    """Whoever a text credits: a person, a body, a place, "experts", a pronoun, or nobody."""

    name: str
    kind: str  # PERSON ORG GPE NORP | NOMINAL ("the spokesperson") | GENERIC ("experts") | PRONOUN | NONE
    tokens: tuple[str, ...] = ()  # name tokens as written, titles and "the" dropped
    role: str = ""  # the appositive: "director of the China program at the Stimson Center"
    affiliation: tuple[str, ...] = ()  # tokens of organisations named in the role
    aliases: frozenset[str] = frozenset()  # short forms the text also used ("Cha")

    @property
    def named(self) -> bool:
        """A specific, named actor (a NOMINAL counts when it carries proper words: "the Health Ministry spokesman")."""
        return self.kind in NAMED or (self.kind == "NOMINAL" and bool(self.tokens))

    def label(self) -> str:
        """Name plus role for messages: "Sun Yun (director of ...)"."""
        return f"{self.name} ({self.role})" if self.role else self.name


@dataclass(frozen=True, slots=True)
class Event:
    """One reporting verb and its actor, with article offsets."""

    sentence: int  # position in the sentence list
    actor: Actor
    verb: str
    content: Span  # what is reported (the verb's clause without the actor)
    actor_span: Span | None = None
    primary: bool = True  # not inside another speaker's words
    stance: bool = False  # a belief verb ("believe", "suggest"), not speech
    pronoun: str = ""  # the pronoun written, when the actor was resolved from one
    at: int = -1  # article offset of the verb (or of the agentless phrase)


@dataclass
class Cited:
    """One named source of an article, with every sentence that credits it."""

    actor: Actor
    first: Span  # where the fullest name is written
    sentence: int  # the sentence holding ``first``
    sentences: set[int] = field(default_factory=set)
    quotes: int = 0


# -- reading events off a parse -------------------------------------------------------------

def norm_token(tok: str) -> str:
    """A name token for comparison: lower case, plain apostrophe, no trailing dot."""
    return tok.lower().replace("’", "'").rstrip(".")


def _name_tokens(text_tokens: Sequence[str]) -> tuple[str, ...]:
    out = [t for t in text_tokens if t[:1].isalnum()]
    while out and (norm_token(out[0]) in TITLES or out[0].lower() == "the"):
        out = out[1:]
    return tuple(t[:-2] if t.endswith(("’s", "'s")) else t for t in out)


def _entity(tok: Any) -> Any | None:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _role(tok: Any) -> tuple[str, tuple[str, ...]]:
    """The appositive of ``tok`` and the organisation tokens inside it (or inside "for/at/of" phrases)."""
    role, aff = "", []
    scopes = [c for c in tok.children if c.dep_ == "appos"]
    scopes += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "at", "of", "with")]
    for scope in scopes:
        lo, hi = scope.left_edge.i, scope.right_edge.i + 1
        if scope.dep_ == "appos" and not role:
            role = tok.doc[lo:hi].text.strip(" ,")
        for ent in tok.doc.ents:
            if lo <= ent.start and ent.end <= hi and ent.label_ in ("ORG", "FAC"):
                aff += [t for t in _name_tokens([t.text for t in ent]) if t.lower() not in STOPWORDS]
        if not aff:  # NER missed it: a capitalised head under for/at/of ("at the Tarvik Institute")
            for t in tok.doc[lo:hi]:
                if t.dep_ == "pobj" and t.tag_ in ("NNP", "NNPS"):
                    chain = [c for c in t.lefts if c.dep_ in ("compound", "nmod", "amod") and c.tag_ in ("NNP", "NNPS")]
                    aff += [c.text for c in chain] + [t.text]
    return role, tuple(aff)


def actor_from_token(tok: Any) -> Actor:
    """The actor named by the subject (or agent) token ``tok``."""
    low = tok.lower_
    if low in PRONOUNS:
        return Actor(tok.text, "PRONOUN")
    role, aff = _role(tok)
    ent = _entity(tok)
    if ent is not None and ent.label_ in _ENT_KIND:
        tokens = _name_tokens([t.text for t in ent])
        return Actor(" ".join(tokens) or ent.text, _ENT_KIND[ent.label_], tokens, role, aff)
    chain = [c for c in tok.lefts if c.dep_ in ("compound", "flat", "amod", "nmod") and c.i >= tok.i - 5]
    if tok.tag_ in ("NNP", "NNPS"):
        tokens = _name_tokens([t.text for t in chain if t.tag_ in ("NNP", "NNPS")] + [tok.text])
        return Actor(" ".join(tokens), "PROPER", tokens, role, aff)
    lo = tok.left_edge.i if tok.left_edge.i >= tok.i - 8 else tok.i
    phrase = tok.doc[lo : tok.i + 1]
    if low in GENERIC_NOUNS:
        return Actor(phrase.text, "GENERIC", (), role, aff)
    proper = _name_tokens([t.text for t in phrase[:-1]
                           if t.dep_ != "det" and (t.tag_ in ("NNP", "NNPS") or t.ent_type_ in _ENT_KIND)])
    return Actor(phrase.text, "NOMINAL", proper, role, aff)


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """The verb's subject token (or passive agent), and whether it was inherited from a head verb."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":  # "officials who said"
                return verb.head, False
            return c, False
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0], False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None, False  # a passive credits its agent only: "was described as", "were told"
    head, hops = verb, 0
    while head.dep_ in _INHERIT_DEPS and head.head.i != head.i and hops < 3:
        head, hops = head.head, hops + 1
        for c in head.children:
            if c.dep_ == "nsubj":
                return c, True
    return None, False


def _is_report_verb(tok: Any) -> bool:
    low = tok.lower_
    if low not in REPORT_VERBS or not (tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")):
        return False
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in NARRATIVE_MARKS for c in tok.children):
        return False  # "after the host announced the winners": narration, not a source
    if low in DECLINE_FORMS:
        return any(c.dep_ == "xcomp" and c.lower_ in DECLINE_OBJECTS for c in tok.children)
    if low in POINT_FORMS:
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    if low in DECLINE_OBJECTS and tok.head.lower_ in DECLINE_FORMS and tok.dep_ == "xcomp":
        return False  # "comment" in "declined to comment": the decline verb carries the event
    return True


def _char_span(doc: Any, toks: list[Any], base: int, sent_text: str) -> Span:
    toks = [t for t in toks if not t.is_punct] or toks
    if not toks:  # an empty actor or scope (e.g. a verb at the very start): point at nothing
        return Span(base, base)
    s, e = min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)
    s, e = trim(sent_text, s, e)
    return Span(base + s, base + max(s, e))


def events_in(doc: Any, sent: Sentence, position: int) -> list[Event]:
    """Reporting events in one parsed sentence (``doc`` = the sentence's own text)."""
    verbs: list[tuple[Any, Any, bool]] = []  # (verb-ish token, actor token, inherited)
    for tok in doc:
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            to = next(c for c in tok.children if c.lower_ == "to")
            objs = [g for g in to.children if g.dep_ == "pobj"]
            if objs:
                verbs.append((tok, objs[0], False))
        elif _is_report_verb(tok):
            subj, inherited = _subject(tok)
            if subj is not None:
                verbs.append((tok, subj, inherited))
    verb_ids = {v.i for v, _, _ in verbs}
    out = []
    base = sent.span.start
    for verb, subj, inherited in verbs:
        if verb.lower_ == "according":  # "according to X, <content>": the clause it hangs from
            skip = {t.i for t in verb.subtree}
            scope = [t for t in verb.head.subtree if t.i not in skip]
        else:
            scope = [verb]
            for c in verb.children:
                if c.i in verb_ids or (c.i == subj.i and not inherited) or c.dep_ in ("punct", "cc"):
                    continue
                if c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                    continue  # "..., and Beijing remains ...": a new clause with its own subject
                if c.i > verb.i or c.dep_ in _CONTENT_DEPS:
                    scope += [t for t in c.subtree if not _inside_event(t, c, verb_ids)]
        primary = not _embedded(verb, subj, inherited, verb_ids)
        actor = actor_from_token(subj)
        ent = _entity(subj)
        lo = ent.start if ent is not None else min([subj.i, *(c.i for c in subj.lefts if c.dep_ in ("compound", "flat"))])
        hi = ent.end if ent is not None else subj.i + 1
        out.append(Event(
            sentence=position, actor=actor, verb=verb.text,
            content=_char_span(doc, scope, base, sent.text),
            actor_span=_char_span(doc, list(doc[lo:hi]), base, sent.text),
            primary=primary, stance=verb.lower_ in STANCE_VERBS,
            pronoun=subj.text if actor.kind == "PRONOUN" else "", at=base + verb.idx,
        ))
    return out


def _embedded(verb: Any, subj: Any, inherited: bool, verb_ids: set[int]) -> bool:
    """Is this reporting verb inside the words of another one ("..., something Beijing says it
    wants, she said")? Not when it shares that verb's subject ("said ..., adding that") or is
    coordinated with it ("X said A, and Y added B")."""
    node = verb
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in node.children):
            return False  # "X suggests A, although Y has acknowledged B": Y's own credit, beside X's
        if parent.i in verb_ids and node.dep_ not in ("conj", "cc"):
            return not (inherited and _same_tok(subj, _subject(parent)[0]))
        node = parent
    return False


def _same_tok(a: Any, b: Any) -> bool:
    return a is not None and b is not None and a.i == b.i


def _inside_event(tok: Any, top: Any, verb_ids: set[int]) -> bool:
    """Is ``tok`` under another reporting verb below ``top`` (that verb's words, not this one's)?"""
    node = tok
    while node.i != top.i:
        if node.i in verb_ids or node.head.i == node.i:
            return node.i in verb_ids
        node = node.head
    return False


def outside_quotes(events: list[Event], quotes: Sequence[Span]) -> list[Event]:
    """Events whose verb sits inside a direct quote become non-primary: they are the quoted
    person's words ("“Kim is starting to think ...,” the source said"), not the article's credit."""
    out = []
    for ev in events:
        inside = any(q.start <= ev.at < q.end for q in quotes)
        out.append(replace(ev, primary=False) if inside and ev.primary else ev)
    return out


def agentless_events(clauses: Sequence[Clause], position: int) -> list[Event]:
    """"There is speculation that ...", "has been described as ...": claims credited to nobody."""
    out = []
    for clause in clauses:
        m = AGENTLESS.search(clause.text)
        if m:
            actor = Actor(m.group(0), "NONE")
            out.append(Event(sentence=position, actor=actor, verb=m.group(0), content=clause.span, stance=True,
                             at=clause.span.start + m.start()))
    return out


# -- names across an article ------------------------------------------------------------------

def _lower(tokens: Sequence[str]) -> list[str]:
    return [norm_token(t) for t in tokens if norm_token(t) not in STOPWORDS]


def canonical_words(actor: Actor) -> set[str]:
    """Lower-case words of a name, places and demonyms folded to their country."""
    phrase = " ".join(_lower(actor.tokens))
    if phrase in COUNTRY_ALIASES:
        return {COUNTRY_ALIASES[phrase]}
    return {COUNTRY_ALIASES.get(w, w) for w in _lower(actor.tokens)}


def same_actor(a: Actor, b: Actor) -> bool:
    """Do two credits name the same person or body (or the body the person speaks for)?"""
    if a.kind == "PERSON" or b.kind == "PERSON":
        pa = {norm_token(t) for t in a.tokens} | {norm_token(t) for t in a.aliases}
        pb = {norm_token(t) for t in b.tokens} | {norm_token(t) for t in b.aliases}
        keys_a = ({norm_token(a.tokens[-1])} | {norm_token(t) for t in a.aliases}) if a.kind == "PERSON" and a.tokens else pa
        keys_b = ({norm_token(b.tokens[-1])} | {norm_token(t) for t in b.aliases}) if b.kind == "PERSON" and b.tokens else pb
        if keys_a & pb or keys_b & pa:
            return True
    elif canonical_words(a) & canonical_words(b):
        return True
    for x, y in ((a, b), (b, a)):  # a body and a person who speaks for it
        words = canonical_words(x)
        aff = {COUNTRY_ALIASES.get(w, w) for w in _lower(y.affiliation)}
        if words and aff and (words <= aff or aff <= words):
            return True
    return False


def _merge(known: list[Actor], actor: Actor) -> tuple[int, Actor]:
    """Index of the known actor that ``actor`` refers to (-1: new) and the merged form to keep."""
    if actor.kind not in ("PERSON", "ORG", "PROPER") or not actor.tokens:
        return -1, actor
    toks = [norm_token(t) for t in actor.tokens]
    for k in range(len(known) - 1, -1, -1):
        c = known[k]
        ctoks = [norm_token(t) for t in c.tokens]
        if not ctoks:
            continue
        if c.kind == "PERSON" and ((len(toks) == 1 and toks[0] in ctoks) or (len(toks) > 1 and toks[-1] == ctoks[-1])
                                   or (len(ctoks) == 1 and ctoks[0] in toks)):
            if len(toks) > len(ctoks):  # the fuller name came second: keep it, remember the short one
                return k, replace(actor, kind="PERSON", aliases=c.aliases | set(c.tokens),
                                  role=actor.role or c.role, affiliation=actor.affiliation or c.affiliation)
            aliases = c.aliases | ({actor.tokens[0]} if len(toks) == 1 else set())
            return k, replace(c, aliases=aliases, role=c.role or actor.role, affiliation=c.affiliation or actor.affiliation)
        if c.kind == "ORG" and actor.kind != "PERSON" and (set(toks) <= set(ctoks) or set(ctoks) <= set(toks)):
            return k, c
    kind = actor.kind
    if kind == "PROPER":
        kind = "ORG" if any(norm_token(t) in ORG_WORDS for t in actor.tokens) else "PERSON"
    if kind == "ORG" and len(actor.tokens) <= 2 and actor.role and not any(norm_token(t) in ORG_WORDS for t in actor.tokens):
        kind = "PERSON"  # "Russel, now vice president for ..., said": NER often calls a lone surname an ORG
    return -1, replace(actor, kind=kind)


@dataclass
class Voices:
    """The source's reporting events, resolved, and what each sentence credits."""

    events: list[Event]
    credits: dict[int, list[Actor]]  # sentence -> primary actors (quote-only sentences inherit)
    cited: list[Cited]  # named people and bodies, in order of first citation


def resolve(events: list[Event], sents: Sequence[Sentence], text: str, quote_sentences: Sequence[tuple[int, int]]) -> Voices:
    """Resolve pronouns and short names, credit quote-only sentences, and count each source.

    ``quote_sentences``: for every direct quote, the first and last sentence it touches.
    """
    known: list[Actor] = []
    keys: list[int] = []  # per event: index into ``known`` or -1
    fullest: dict[int, tuple[int, Span, int]] = {}  # known -> (name length, span, sentence) of its fullest mention
    ordered = sorted(events, key=lambda e: (e.sentence, e.content.start))
    last_person = last_org = (-1, -1)  # (known index, sentence where last credited)
    for ev in ordered:
        actor = ev.actor
        if actor.kind == "PRONOUN":
            low = actor.name.lower()
            k, at = (last_person if low in PERSON_PRONOUNS else last_org if low == "it" else (-1, -1))
            keys.append(k if k >= 0 and ev.sentence - at <= PRONOUN_REACH else -1)
            continue
        k, merged = _merge(known, actor)
        if k < 0 and merged.kind in ("PERSON", "ORG"):
            known.append(merged)
            k = len(known) - 1
        elif k >= 0:
            known[k] = merged
        if k >= 0:
            if ev.actor_span is not None and (k not in fullest or len(actor.tokens) > fullest[k][0]):
                fullest[k] = (len(actor.tokens), ev.actor_span, ev.sentence)
            if known[k].kind == "PERSON":
                last_person = (k, ev.sentence)
            else:
                last_org = (k, ev.sentence)
        keys.append(k)
    final = [replace(ev, actor=known[k]) if k >= 0 else ev for ev, k in zip(ordered, keys)]

    credits: dict[int, list[Actor]] = {}
    for ev in final:
        if ev.primary and ev.actor.kind != "PRONOUN" and all(a is not ev.actor for a in credits.get(ev.sentence, [])):
            credits.setdefault(ev.sentence, []).append(ev.actor)
    para = _paragraph_of(sents, text)
    quote_speakers: list[list[Actor]] = []
    for first, last in quote_sentences:
        who: list[Actor] = []
        for i in [last, *range(first, last)]:
            who = who or credits.get(i, [])
        for i in (first - 1, last + 1):  # '"...," he said. "More words."': the next or previous sentence
            if not who and para.get(i) == para.get(first):
                who = credits.get(i, [])
        quote_speakers.append(who)
    for (first, last), who in zip(quote_sentences, quote_speakers):
        for i in range(first, last + 1):
            if who and i not in credits:
                credits[i] = list(who)

    cited: list[Cited] = []
    for k, actor in enumerate(known):
        if k not in fullest:
            continue
        _, span, where = fullest[k]
        entry = Cited(actor=actor, first=span, sentence=where)
        entry.sentences = {i for i, who in credits.items() if any(a is actor for a in who)}
        entry.quotes = sum(1 for who in quote_speakers if any(a is actor for a in who))
        cited.append(entry)
    cited.sort(key=lambda c: c.first.start)
    return Voices(events=final, credits=credits, cited=cited)


def _paragraph_of(sents: Sequence[Sentence], text: str) -> dict[int, int]:
    paras = paragraph_spans(text)
    out: dict[int, int] = {}
    p = 0
    for i, s in enumerate(sents):
        while p < len(paras) - 1 and s.span.start >= paras[p].end:
            p += 1
        out[i] = p
    return out
