"""The small frozen records that flow between byline's stages.

    read      Page                     bytes off disk, stdin, a JSONL line or a WARC record
    extract   Page -> Article          body text + metadata, chrome removed
    text      Article -> Sentence[]    character offsets into ``Article.text``
    align     Sentence[] x 2 -> Alignment (Links, n:m)
    relate    Alignment + Articles -> Relation
    explain   Alignment + Sentences -> Finding[]
    compare   all of the above -> Comparison, which every report renders

Offsets are half-open character offsets into ``Article.text``; reports slice that text and never
search for strings again. Until the direction is decided the two articles of a pair are ``a`` and
``b`` (the command-line order); a ``Relation`` then names which one is the original.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


class LinkKind(str, Enum):
    """How a group of copy sentences relates to a group of source sentences."""

    VERBATIM = "verbatim"  # same words, up to case, punctuation and whitespace
    NEAR = "near"  # mostly the same words: light edits
    PARAPHRASE = "paraphrase"  # same content, reworded (one sentence to one sentence)
    FUSED = "fused"  # one copy sentence built from several source sentences
    SPLIT = "split"  # one source sentence spread over several copy sentences


class RelationKind(str, Enum):
    """What the later text did with the earlier one."""

    VERBATIM = "verbatim"
    NEAR_COPY = "near_copy"
    REWRITE = "rewrite"
    SUMMARY = "summary"
    PARTIAL = "partial"
    INDEPENDENT = "independent"  # same event, reported without using this text
    UNRELATED = "unrelated"

    @property
    def derived(self) -> bool:
        """True for the kinds in which one text was made from the other."""
        return self not in (RelationKind.INDEPENDENT, RelationKind.UNRELATED)


class FindingKind(str, Enum):
    """What the copy changed, one kind per rule family in ``byline.explain``."""

    QUOTE_KEPT = "quote_kept"
    QUOTE_ALTERED = "quote_altered"
    QUOTE_DROPPED = "quote_dropped"
    SOURCE_DROPPED = "source_dropped"
    ATTRIBUTION_SHIFT = "attribution_shift"
    GENERALISED_SOURCE = "generalised_source"
    HEDGE_REMOVED = "hedge_removed"
    NUMBER_CHANGED = "number_changed"
    UNSUPPORTED_CLAIM = "unsupported_claim"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into one text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True, slots=True)
class Page:
    """One page as read from its container, before extraction.

    ``kind`` is ``"html"`` or ``"text"``; ``meta`` carries what the container already knew
    (``url``, ``title``, ``published``, ``id`` from a JSONL line or a WARC header).
    """

    path: str
    body: str
    kind: str
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """The article inside a page: its body and what is known about it.

    ``published`` is an ISO 8601 date or date-time string. ``chrome_removed`` lists the lines
    the extractor dropped from a text page (menus, captions, teasers, widgets), in page order.
    """

    path: str
    text: str
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    site: str | None = None
    url: str | None = None
    chrome_removed: tuple[str, ...] = ()
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article; ``span`` points into ``Article.text``."""

    index: int
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """Copy sentences ``b`` made from source sentences ``a`` (sentence indexes, sorted)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: LinkKind
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """All links between two sentence lists, plus the sentences left without a partner.

    Links are stored with ``a`` = the side aligned *to* (the source, or side ``a`` when the
    direction is unknown) and ``b`` = the side aligned *from*; ``compare`` orients them.
    """

    links: tuple[Link, ...]
    a_unmatched: tuple[int, ...]
    b_unmatched: tuple[int, ...]
    method: str


@dataclass(frozen=True, slots=True)
class Relation:
    """The verdict on a pair: kind, direction and the evidence behind both."""

    kind: RelationKind
    original: str  # "a", "b" or "unknown"
    confidence: float
    basis: str  # how the original was decided: "dates", "content" or "none"
    evidence: Mapping[str, float | str]


@dataclass(frozen=True, slots=True)
class Finding:
    """One change the copy made, pointing at text on both sides where there is any.

    ``source_span``/``copy_span`` index into the source's and the copy's ``Article.text``.
    """

    kind: FindingKind
    source_text: str
    copy_text: str
    detail: str
    source_span: Span | None = None
    copy_span: Span | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything ``compare`` learned about one pair; what every report renders.

    ``links`` index ``a_sentences``/``b_sentences`` by argument side (``Link.a`` -> side a,
    ``Link.b`` -> side b), whichever side turned out to be the copy. ``findings`` use source/copy
    terms; ``relation.original`` says which side the source is ("unknown": ``a`` is taken as source
    for the findings). ``coverage`` has ``a_used`` and ``b_supported`` (0..1, by characters).
    """

    a: Article
    b: Article
    a_sentences: tuple[Sentence, ...]
    b_sentences: tuple[Sentence, ...]
    links: tuple[Link, ...]
    relation: Relation
    findings: tuple[Finding, ...]
    coverage: Mapping[str, float]
    seconds: float = 0.0
    # Every link the aligner found, before weak ones were dropped from pairs judged independent
    # or unrelated (``links`` then keeps only clearly shared sentences); passages read these.
    all_links: tuple[Link, ...] = ()

    @property
    def source_side(self) -> str:
        """``"a"`` or ``"b"``: the side the findings treat as the source."""
        return "b" if self.relation.original == "b" else "a"
