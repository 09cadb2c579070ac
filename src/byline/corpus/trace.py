"""Trace: candidate pairs -> the compare engine -> relations -> stories and provenance graphs.

    candidates   lexical + keyword + semantic tiers over the whole store (``byline.candidates``)
    verify       each candidate pair through ``compare.Engine`` (the engine behind ``byline
                 compare``, so corpus and pairwise verdicts agree); one transaction per verdict,
                 so an interrupted trace resumes where it stopped, and pairs already judged by
                 the same engine are not judged again
    stories      connected components over derived and independent relations: one event each
    provenance   within a story, the derived relations with a known direction form a graph;
                 edges implied by a longer path are dropped (a rewrite of a scrape of the wire
                 story is drawn wire -> scrape -> rewrite), and the root is the story's original
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from .. import __version__
from ..candidates import Candidate, CandidateIndex
from ..embed import Embedder, load_embedder
from ..errors import BylineError
from ..records import Article, Relation, RelationKind
from ..relate import parse_date
from ..store import Store, StoredRelation
from .ingest import EMBEDDER_KEY

LOGGER = logging.getLogger(__name__)
ARTICLE_CACHE = 512  # articles kept in memory while verifying (candidates share articles)
# Sentence vectors kept per model (50k x 384 float32 = 77 MB at most): with candidates verified in
# article order, an article's sentences are embedded about once per trace.
EMBED_CACHE = 50_000


class CachedEmbedder:
    """An embedder that remembers texts it has encoded (an article meets several candidates).

    Loads the wrapped embedder on first use when given a factory, so the transformer costs
    nothing in a trace where no pair needs it.
    """

    def __init__(self, inner: Embedder | Callable[[], Embedder], name: str, dim: int, size: int = EMBED_CACHE) -> None:
        self._inner = inner
        self.name = name
        self.dim = dim
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size

    def _model(self) -> Embedder:
        if callable(self._inner) and not hasattr(self._inner, "encode"):
            self._inner = self._inner()
        return self._inner  # type: ignore[return-value]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for t, v in zip(missing, self._model().encode(missing)):
                self._cache[t] = v
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = self._cache[t]
            self._cache.move_to_end(t)
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return out


def corpus_engine(model: str = "auto", embedder: Embedder | None = None):  # noqa: ANN201 - byline.compare.Engine
    """A compare engine whose sentence embeddings are cached across the pairs of a corpus."""
    from ..align import Scorer
    from ..compare import Engine
    from ..embed import MiniLMEmbedder

    # verdicts only: the findings of a pair are computed when a report shows that pair;
    # and plainly unrelated pairs (most candidates) get their verdict without an alignment
    engine = Engine(embedder=embedder, model=model, explain=False, skip_unrelated=True)
    base = engine.scorer.embedder
    engine.scorer = Scorer(CachedEmbedder(base, base.name, base.dim))
    if engine.model == "auto" and hasattr(engine, "_verifier"):
        engine._verifier = Scorer(CachedEmbedder(lambda: load_embedder("minilm"), MiniLMEmbedder.name, MiniLMEmbedder.dim))
    return engine


def engine_method(engine) -> str:  # noqa: ANN001 - byline.compare.Engine
    """What a stored verdict was decided by: a rerun with another engine judges pairs again."""
    return f"byline-{__version__}/{engine.model}"


def judge(engine, a: Article, b: Article) -> Relation:  # noqa: ANN001 - byline.compare.Engine
    """The engine's verdict on one pair (``Engine.relate`` when it has one: no findings needed)."""
    relate = getattr(engine, "relate", None)
    return relate(a, b) if callable(relate) else engine.compare(a, b).relation


def find_candidates(store: Store) -> list[Candidate]:
    """Every candidate pair in the store (also saved in its ``candidates`` table)."""
    index = CandidateIndex.from_store(store, store.get_meta(EMBEDDER_KEY))
    found = index.pairs()
    store.put_candidates(c.row() for c in found)
    return found


@dataclass
class VerifyStats:
    candidates: int = 0
    verified: int = 0
    reused: int = 0  # judged by the same engine in an earlier run
    failed: int = 0
    seconds: float = 0.0


def verify(store: Store, candidates: Sequence[Candidate], engine, *, recheck: bool = False,  # noqa: ANN001
           progress: Callable[[VerifyStats], None] | None = None, jobs: int = 1) -> VerifyStats:
    """Judge each candidate pair with ``engine`` and store the verdict (one commit per pair).

    ``jobs`` > 1 judges pairs in that many worker processes, each with its own engine of the same
    model reading the store (WAL: readers never block the writer); this process stores every
    verdict as it arrives, so an interrupted parallel trace resumes like a serial one.
    """
    start = time.perf_counter()
    method = engine_method(engine)
    done = set() if recheck else store.judged_pairs(method)
    stats = VerifyStats(candidates=len(candidates))
    todo = []
    for cand in sorted(candidates, key=lambda c: (c.a, c.b)):  # article order: the caches hit
        if (cand.a, cand.b) in done:
            stats.reused += 1
        else:
            todo.append(cand)
    parallel = jobs > 1 and len(todo) >= 2 * PARALLEL_CHUNK and engine.model in MODELS and store.path != ":memory:"
    if not todo:
        verdicts: Iterable[tuple[Candidate, Relation | str]] = ()
    elif parallel:
        verdicts = _judge_parallel(store.path, engine.model, todo, jobs)
    else:
        verdicts = _judge_serial(store, engine, todo)
    for cand, verdict in verdicts:
        if isinstance(verdict, str):
            LOGGER.warning("byline: trace: %s", verdict)
            stats.failed += 1
            continue
        evidence = {**verdict.evidence, "candidate_tier": cand.tier}
        relation = Relation(verdict.kind, verdict.original, verdict.confidence, verdict.basis, evidence)
        store.put_relation(cand.a, cand.b, relation, method)
        stats.verified += 1
        if progress:
            stats.seconds = time.perf_counter() - start
            progress(stats)
    stats.seconds = time.perf_counter() - start
    return stats


MODELS = frozenset({"auto", "static", "minilm", "hash"})  # engines a worker process can rebuild by name
PARALLEL_CHUNK = 32  # consecutive pairs per task: neighbours share articles, so a worker's caches hit


def _judge_pair(engine, a: Article, b: Article) -> Relation | str:  # noqa: ANN001
    """The verdict, or a one-line reason the pair could not be judged (one pair never stops a trace)."""
    try:
        return judge(engine, a, b)
    except BylineError as exc:
        return f"skipped a pair: {exc}"
    except Exception as exc:  # noqa: BLE001
        return f"the engine failed on {a.path} / {b.path} ({type(exc).__name__}: {exc})"


class _Articles:
    """A small LRU of stored articles (candidates in article order share them)."""

    def __init__(self, store: Store, size: int = ARTICLE_CACHE) -> None:
        self.store, self.size = store, size
        self.cache: OrderedDict[int, Article] = OrderedDict()

    def __getitem__(self, key: int) -> Article:
        if key not in self.cache:
            self.cache[key] = self.store.article(key)
            if len(self.cache) > self.size:
                self.cache.popitem(last=False)
        self.cache.move_to_end(key)
        return self.cache[key]


def _judge_serial(store: Store, engine, todo: Sequence[Candidate]):  # noqa: ANN001, ANN202
    articles = _Articles(store)
    for cand in todo:
        yield cand, _judge_pair(engine, articles[cand.a], articles[cand.b])


_WORKER: dict[str, object] = {}


def _worker_init(path: str, model: str) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if model in ("auto", "minilm"):  # the transformer's engines: the static and hash models need no torch
        import torch

        torch.set_num_threads(1)  # one core per worker: the processes are the parallelism
    _WORKER.update(articles=_Articles(Store(path, create=False)), engine=corpus_engine(model))


def _worker_judge(chunk: list[Candidate]) -> list[tuple[Candidate, Relation | str]]:
    engine, articles = _WORKER["engine"], _WORKER["articles"]
    return [(c, _judge_pair(engine, articles[c.a], articles[c.b])) for c in chunk]  # type: ignore[index]


def _judge_parallel(path: str, model: str, todo: Sequence[Candidate], jobs: int):  # noqa: ANN202
    import multiprocessing

    chunks = [list(todo[i : i + PARALLEL_CHUNK]) for i in range(0, len(todo), PARALLEL_CHUNK)]
    # spawn, not fork: a forked copy of a process that has run torch's thread pools can hang
    pool = multiprocessing.get_context("spawn").Pool(jobs, initializer=_worker_init, initargs=(path, model))
    try:
        for results in pool.imap_unordered(_worker_judge, chunks):
            yield from results
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C or an error here: stop the workers; what was stored stays
        raise
    finally:
        pool.join()


@dataclass(frozen=True, slots=True)
class Edge:
    """One direction of provenance: ``copy`` was made from ``source`` (article keys)."""

    source: int
    copy: int
    kind: str
    confidence: float
    basis: str


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event; ``edges`` is the reduced provenance graph, ``original`` its root."""

    id: str
    members: tuple[int, ...]
    original: int | None
    edges: tuple[Edge, ...]
    chains: tuple[tuple[int, ...], ...]
    undirected: tuple[tuple[int, int, str], ...] = ()  # derived pairs whose direction is unknown


@dataclass
class TraceResult:
    info: dict[int, dict[str, str | None]]
    relations: list[StoredRelation]
    stories: list[Story]
    stats: dict[str, float | int] = field(default_factory=dict)

    def derived(self) -> list[StoredRelation]:
        return [r for r in self.relations if r.relation.kind.derived]


EXPLAINED_KINDS = frozenset({RelationKind.REWRITE, RelationKind.SUMMARY})


def _reuse_score(r: StoredRelation) -> float:
    """How much of the copy the source accounts for (support plus strong support)."""
    ev = r.relation.evidence
    return float(ev.get("copy_supported", 0.0)) + float(ev.get("copy_strong", 0.0))


def _best_key(r: StoredRelation, copy: int) -> tuple[float, float, float, int]:
    """Order of a copy's sources: reuse score, share of the source used, confidence, stored first."""
    src = r.a if r.b == copy else r.b
    return _reuse_score(r), float(r.relation.evidence.get("copy_used", 0.0)), float(r.relation.confidence), -src


def _union_find() -> tuple[Callable[[int], int], Callable[[int, int], None]]:
    """(find, union) over article keys: disjoint sets with path halving."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        parent[find(x)] = find(y)

    return find, union


FAMILY_TIE = 0.9  # a reworded relation this close to an article's strongest one ties the two texts


def split_families(relations: Sequence[StoredRelation]) -> list[StoredRelation]:
    """Demote reworded relations that join two families of texts without tying them.

    Each article is tied to the text of its strongest reworded relation (rewrite or summary, by
    the reuse score of :func:`explain_away`), to any other within ``FAMILY_TIE`` of it, and to
    every text it shares words with (verbatim, near and partial reuse). Articles connected by ties
    form a family: an original, its copies and the copies of those. A rewrite or summary between
    two families is a look-alike: it is neither text's strongest relation nor close to it, and
    each text is better explained inside its own family (loose LLM retellings of two reports of
    one event read like retellings of each other, and one outlet's brief reads like a summary of
    another's long article). It becomes ``independent``, same story. An article's strongest
    reworded relation is always a tie, so no article loses its best source to this rule
    (LLMFake: 11 false relations fewer, no true one lost, for any FAMILY_TIE from 0.9 to 0.95).
    """
    scores: dict[int, list[tuple[float, int]]] = {}
    for r in relations:
        if r.relation.kind in EXPLAINED_KINDS:
            score = _reuse_score(r)
            scores.setdefault(r.a, []).append((score, r.b))
            scores.setdefault(r.b, []).append((score, r.a))
    find, union = _union_find()

    for x, partners in scores.items():
        best = max(score for score, _ in partners)
        for score, y in partners:
            if score >= FAMILY_TIE * best:
                union(x, y)
    for r in relations:
        if r.relation.kind.derived and r.relation.kind not in EXPLAINED_KINDS:
            union(r.a, r.b)
    return [_demote(r, "other_family") if r.relation.kind in EXPLAINED_KINDS and find(r.a) != find(r.b) else r
            for r in relations]


def explain_away(relations: Sequence[StoredRelation]) -> list[StoredRelation]:
    """Keep, for each reworded copy, the sources that its best source does not explain away.

    The best source of a copy is the one (of any derived kind) that accounts for most of it. A
    weaker source that the copy is only a rewrite or summary of, and that has nothing derived
    with the best source, is usually a same-story look-alike (two reports of one event both match
    a loose retelling): it becomes ``independent``, same story, not its source. Verbatim, near and
    partial reuse stays (its evidence is the words themselves, and a roundup does quote several),
    and so do sources linked to the best one (a chain, or siblings of one original; a text stored
    at two places is linked to itself by a verbatim relation). Of two unlinked sources that account
    for the copy equally, the one it uses more of is the best (then the more confident verdict,
    then the one stored first): a coincidence of scores is no reason to keep a look-alike.

    A relation whose direction is unknown takes part from its copy's side, the text its measures
    were taken of: as one of that text's sources it is weighed and may be explained away.

    Demoting a look-alike can leave another one without the link that kept it, so the rule is
    applied again until nothing changes (at most a few rounds: each round only demotes).

    Relations between two families of texts (:func:`split_families`) are demoted first: a
    look-alike from another family can otherwise be a copy's best source and explain its real
    source away.
    """
    current = split_families(relations)
    while True:
        demoted = _explain_away_once(current)
        if not demoted:
            return current
        current = [_demote(r) if id(r) in demoted else r for r in current]


def _copy_of(r: StoredRelation) -> int | None:
    """The copy of a derived relation: the side that is not the original or, where which came first
    is unknown, the side its measures were taken of (evidence ``copy_side``; stores written before
    that key existed leave such relations out)."""
    side = {"a": "b", "b": "a"}.get(r.relation.original) or r.relation.evidence.get("copy_side")
    return r.a if side == "a" else r.b if side == "b" else None


def _demote(r: StoredRelation, why: str = "explained_away") -> StoredRelation:
    rel = replace(r.relation, kind=RelationKind.INDEPENDENT, original="unknown", basis="none",
                  evidence={**r.relation.evidence, why: 1.0})
    return StoredRelation(r.a, r.b, rel, r.method)


def _explain_away_once(relations: Sequence[StoredRelation]) -> set[int]:
    """ids of the relations one round of :func:`explain_away` demotes."""
    linked = {(min(r.a, r.b), max(r.a, r.b)) for r in relations if r.relation.kind.derived}
    by_copy: dict[int, list[StoredRelation]] = {}
    for r in relations:
        if r.relation.kind.derived and (copy := _copy_of(r)) is not None:
            by_copy.setdefault(copy, []).append(r)
    demoted: set[int] = set()
    for copy, rels in by_copy.items():
        if len(rels) < 2:
            continue
        best = max(rels, key=lambda r: _best_key(r, copy))
        best_src = best.a if best.b == copy else best.b
        for r in rels:
            src = r.a if r.b == copy else r.b
            if r is not best and r.relation.kind in EXPLAINED_KINDS and (min(src, best_src), max(src, best_src)) not in linked:
                demoted.add(id(r))
    return demoted


def stories(relations: Iterable[StoredRelation], info: dict[int, dict[str, str | None]]) -> list[Story]:
    """Group related articles into stories and draw each story's provenance graph."""
    rels = [r for r in relations if r.relation.kind.derived or r.relation.kind == RelationKind.INDEPENDENT]
    find, union = _union_find()

    for r in rels:
        union(r.a, r.b)
    groups: dict[int, list[int]] = {}
    for x in dict.fromkeys(k for r in rels for k in (r.a, r.b)):
        groups.setdefault(find(x), []).append(x)
    by_group: dict[int, list[StoredRelation]] = {}
    for r in rels:
        by_group.setdefault(find(r.a), []).append(r)
    out = [_story(sorted(members, key=lambda k: (info.get(k, {}).get("id") or "")), by_group.get(root, []), info)
           for root, members in groups.items()]
    out.sort(key=lambda s: (-len(s.members), s.id))
    return out


def _story(members: list[int], rels: list[StoredRelation], info: dict[int, dict[str, str | None]]) -> Story:
    ids = [info.get(k, {}).get("id") or str(k) for k in members]
    story_id = "s-" + hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:12]
    directed: list[Edge] = []
    undirected: list[tuple[int, int, str]] = []
    for r in rels:
        if not r.relation.kind.derived:
            continue
        if r.relation.original == "unknown":
            undirected.append((r.a, r.b, r.relation.kind.value))
            continue
        src, cpy = (r.a, r.b) if r.relation.original == "a" else (r.b, r.a)
        directed.append(Edge(src, cpy, r.relation.kind.value, round(float(r.relation.confidence), 4), r.relation.basis))
    dag = _acyclic(directed)
    reduced = _reduce(dag)
    original = _root(members, reduced, info)
    return Story(story_id, tuple(members), original, tuple(reduced), _chains(reduced), tuple(undirected))


def _reaches(edges: dict[int, set[int]], start: int, goal: int, skip: tuple[int, int] | None = None) -> bool:
    stack, seen = [start], {start}
    while stack:
        x = stack.pop()
        for y in edges.get(x, ()):
            if (x, y) == skip:
                continue
            if y == goal:
                return True
            if y not in seen:
                seen.add(y)
                stack.append(y)
    return False


def _acyclic(edges: list[Edge]) -> list[Edge]:
    """Keep edges strongest first, dropping any that would close a cycle (a contradiction)."""
    out: list[Edge] = []
    succ: dict[int, set[int]] = {}
    for e in sorted(edges, key=lambda e: (-(e.basis == "dates"), -e.confidence, e.source, e.copy)):
        if e.source == e.copy or _reaches(succ, e.copy, e.source):
            continue
        succ.setdefault(e.source, set()).add(e.copy)
        out.append(e)
    return out


def _reduce(edges: list[Edge]) -> list[Edge]:
    """Transitive reduction: drop A -> C when A -> ... -> C runs through another article."""
    succ: dict[int, set[int]] = {}
    for e in edges:
        succ.setdefault(e.source, set()).add(e.copy)
    return [e for e in edges if not _reaches(succ, e.source, e.copy, skip=(e.source, e.copy))]


def _root(members: list[int], edges: list[Edge], info: dict[int, dict[str, str | None]]) -> int | None:
    """The article everything else descends from; ties go to the most descendants, then the oldest."""
    if not edges:
        return None
    has_parent = {e.copy for e in edges}
    roots = sorted({e.source for e in edges} - has_parent)
    succ: dict[int, set[int]] = {}
    for e in edges:
        succ.setdefault(e.source, set()).add(e.copy)

    def descendants(x: int) -> int:
        seen, stack = {x}, [x]
        while stack:
            for y in succ.get(stack.pop(), ()):
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        return len(seen) - 1

    def when(x: int) -> float:
        d = parse_date(info.get(x, {}).get("published"))
        return d.timestamp() if d else float("inf")

    weight = {r: (-descendants(r), when(r)) for r in roots}
    ranked = sorted(roots, key=lambda r: weight[r])
    if len(ranked) > 1 and weight[ranked[0]] == weight[ranked[1]]:
        return None  # two unconnected sources of equal weight: no single original
    return ranked[0]


MAX_CHAINS = 50  # per story; a story with more paths than this is summarised by its edges


def _chains(edges: list[Edge]) -> tuple[tuple[int, ...], ...]:
    """Every path from a root to a leaf of the reduced graph (A -> B -> C)."""
    succ: dict[int, list[int]] = {}
    for e in edges:
        succ.setdefault(e.source, []).append(e.copy)
    roots = sorted({e.source for e in edges} - {e.copy for e in edges})
    out: list[tuple[int, ...]] = []
    stack = [(r,) for r in reversed(roots)]
    while stack and len(out) < MAX_CHAINS:
        path = stack.pop()
        nxt = sorted(succ.get(path[-1], ()))
        if not nxt:
            out.append(path)
        for n in reversed(nxt):
            if n not in path:
                stack.append((*path, n))
    return tuple(out)


def trace(store: Store, engine=None, *, recheck: bool = False,  # noqa: ANN001 - byline.compare.Engine
          progress: Callable[[VerifyStats], None] | None = None, jobs: int = 1) -> TraceResult:
    """Find, verify and group: the whole of ``byline trace`` short of rendering."""
    start = time.perf_counter()
    engine = engine or corpus_engine()
    found = find_candidates(store)
    t_candidates = time.perf_counter() - start
    vstats = verify(store, found, engine, recheck=recheck, progress=progress, jobs=jobs)
    info = store.info()
    relations = explain_away(store.relations())
    result = TraceResult(info, relations, stories(relations, info))
    result.stats = {"articles": len(info), "candidates": len(found), "verified": vstats.verified, "reused": vstats.reused,
                    "failed": vstats.failed, "derived": len(result.derived()),
                    "stories": sum(len(s.members) > 1 for s in result.stories),
                    "candidate_seconds": round(t_candidates, 3), "verify_seconds": round(vstats.seconds, 3),
                    "seconds": round(time.perf_counter() - start, 3)}
    return result
