"""Source: the best sources in the store for one page, which need not be ingested.

The page is read and extracted like any other, its fingerprints and mean vector made as ingest
would, the candidate tiers queried, and each candidate verified by the compare engine. A
``SourceFinder`` keeps the rebuilt index and the engine, so a service (or the benchmark) pays
for them once and then answers each page in milliseconds plus the verification.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..candidates import Candidate, CandidateIndex
from ..errors import InputError
from ..records import Article, Comparison, RelationKind
from ..store import Entry, Store
from .ingest import EMBEDDER_KEY, prepare, resolve_embedder

MAX_CANDIDATES = 10  # candidates verified per page, strongest first


@dataclass(frozen=True, slots=True)
class Match:
    """One stored article related to the query, with the engine's verdict."""

    key: int
    id: str
    path: str
    title: str | None
    kind: str
    confidence: float
    original: str  # "query", "match" or "unknown"
    basis: str
    candidate: Candidate
    comparison: Comparison | None = None


@dataclass
class SourceResult:
    query: Article
    query_id: str
    ingested: bool  # the query page itself is in the store (it is then not its own match)
    matches: list[Match]
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The ``byline source --json`` contract (docs/store.md)."""
        return {
            "query": {"path": self.query.path, "title": self.query.title, "id": self.query_id, "ingested": self.ingested},
            "matches": [
                {"id": m.id, "path": m.path, "title": m.title, "kind": m.kind, "confidence": round(m.confidence, 4),
                 "original": m.original, "basis": m.basis, "tier": m.candidate.tier,
                 "scores": {k: getattr(m.candidate, k) for k in ("lexical", "keyword", "semantic") if getattr(m.candidate, k) is not None}}
                for m in self.matches
            ],
            "seconds": {k: round(v, 4) for k, v in self.seconds.items()},
        }


class SourceFinder:
    """The store's candidate index and a compare engine, loaded once for many queries."""

    def __init__(self, store: Store, engine=None) -> None:  # noqa: ANN001 - byline.compare.Engine
        from .trace import corpus_engine

        self.store = store
        self.embedder = resolve_embedder(store, None) if store.get_meta(EMBEDDER_KEY) else None
        self.index = CandidateIndex.from_store(store, store.get_meta(EMBEDDER_KEY))
        self.engine = engine or corpus_engine()

    def candidates(self, article: Article, limit: int = MAX_CANDIDATES) -> tuple[str, list[Candidate]]:
        """(the query's id, its candidates): the part of a query that searches the index."""
        entry, found = self._search(article, limit)
        return entry.id, found

    def _search(self, article: Article, limit: int) -> tuple[Entry, list[Candidate]]:
        """The query prepared as ingest would (sentences, fingerprints, vector) and its candidates."""
        if self.embedder is None:
            raise InputError(self.store.path, "the store is empty; ingest pages first")
        entry = prepare([article], self.embedder)[0]
        if isinstance(entry, InputError):
            raise entry
        vector = entry.vectors.get("mean")
        return entry, self.index.query(entry.signature, entry.terms, vector, limit=limit + 1)

    def find(self, article: Article, limit: int = MAX_CANDIDATES, keep_unrelated: bool = False) -> SourceResult:
        """Verified matches for ``article``: derived kinds first, strongest first."""
        t0 = time.perf_counter()
        entry, cands = self._search(article, limit)
        qid = entry.id
        t1 = time.perf_counter()
        self_key = self.store.key_of(qid)
        cands = [c for c in cands if c.b != self_key][:limit]
        info = self.store.info([c.b for c in cands])
        matches = []
        for c in cands:
            # the sentences split already (the query's by prepare, the match's in the store)
            match = self.store.article(c.b)
            comparison = self.engine.compare(article, match, a_sentences=entry.sentences,
                                             b_sentences=self.store.sentences(c.b, match.text))
            rel = comparison.relation
            if rel.kind == RelationKind.UNRELATED and not keep_unrelated:
                continue
            meta = info[c.b]
            original = {"a": "query", "b": "match"}.get(rel.original, "unknown")
            matches.append(Match(c.b, str(meta["id"]), str(meta["path"]), meta["title"], rel.kind.value, float(rel.confidence),
                                 original, rel.basis, c, comparison))
        matches.sort(key=lambda m: (not RelationKind(m.kind).derived, -m.confidence))
        t2 = time.perf_counter()
        return SourceResult(article, qid, self_key is not None, matches,
                            {"candidates": t1 - t0, "verify": t2 - t1, "total": t2 - t0})


def source(path: str, store: Store, engine=None, limit: int = MAX_CANDIDATES) -> SourceResult:  # noqa: ANN001
    """Read and extract the page at ``path`` and find its sources in ``store``."""
    from ..extract import extract
    from ..read import read_page

    article = extract(read_page(path))
    return SourceFinder(store, engine).find(article, limit)
