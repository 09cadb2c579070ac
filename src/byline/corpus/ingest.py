"""Ingest: pages -> articles -> fingerprints and vectors -> the store, a batch per transaction.

    iter_pages -> extract -> split_sentences -> shingles/MinHash, key terms -> embed -> Store

Pages are handled in batches: the CPU work of a whole batch is done first (sentences of many
articles embedded in one call, signatures made in one rensa call), then the batch is written in
one transaction. Ctrl-C or a crash therefore loses at most the batch in flight, never leaves part
of an article, and a rerun skips what is stored: a page whose place and raw bytes were seen
before (``page_hash``) is not even extracted again.

Identity. An article's ``id`` is the sha256 of its normalised body and its place (URL when the
page has one, else the absolute path, with ``#record`` inside WARC/JSONL): the same page read
twice is stored once, while the same text published at two places is two articles, which
``trace`` relates as verbatim copies. ``text_hash`` (body alone) finds exact duplicates.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..embed import Embedder, load_embedder
from ..errors import BylineError, InputError
from ..fingerprint import DEFAULT, Scheme, lexical_features, signatures
from ..records import Article, Page
from ..store import Entry, Store
from ..text import normalise, split_sentences

# 256 pages per transaction: big enough that the embedder sees thousands of sentences per call
# (its per-call overhead then vanishes) and SQLite commits a few times a second; small enough
# that an interrupted run redoes at most a second or two of text pages.
BATCH_PAGES = 256
# An HTML page costs about 8 text pages to extract (trafilatura ~25 pages/s against ~200 text
# pages/s here), so it counts 8 towards a batch: an HTML batch of 32 pages also commits every ~1 s.
HTML_COST = 8
MAX_ERRORS_KEPT = 1000  # errors listed in IngestStats (all of them go to the store)
EMBEDDER_KEY = "embedder"  # store meta: the model the stored vectors came from
_SPACE = re.compile(r"\s+")


@dataclass
class IngestStats:
    """What an ingest did; ``added + duplicates + skipped + errors`` = pages read."""

    added: int = 0
    duplicates: int = 0  # a new page holding an article already stored
    skipped: int = 0  # the same page was stored (or failed) in an earlier run
    errors: int = 0
    seconds: float = 0.0
    error_list: list[tuple[str, str]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return self.added + self.duplicates + self.skipped + self.errors

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"pages": self.pages, "added": self.added, "duplicates": self.duplicates, "skipped": self.skipped,
                "errors": self.errors, "seconds": round(self.seconds, 3), "pages_per_second": round(self.pages_per_second, 1)}


def text_hash(text: str) -> str:
    """sha256 of the body with case, quote styles and whitespace normalised."""
    return hashlib.sha256(_SPACE.sub(" ", normalise(text)).strip().encode()).hexdigest()


def place(path: str, url: str | None) -> str:
    """Where a page lives: its URL, else its absolute path (``#record`` kept)."""
    if url:
        return url.strip()
    return path if path == "-" else os.path.abspath(path)


def article_id(article: Article, body_hash: str | None = None) -> str:
    body_hash = body_hash or text_hash(article.text)
    return hashlib.sha256(f"{place(article.path, article.url)}\n{body_hash}".encode()).hexdigest()


def page_hash(page: Page) -> str:
    h = hashlib.sha256(f"{place(page.path, page.meta.get('url'))}\n".encode())
    h.update(page.body.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def prepare(articles: Sequence[Article], embedder: Embedder, scheme: Scheme = DEFAULT,
            page_hashes: Sequence[str | None] | None = None) -> list[Entry | InputError]:
    """Derive everything the store keeps for each article, in bulk (one embed call for all)."""
    page_hashes = page_hashes or [None] * len(articles)
    sents = [split_sentences(a.text) for a in articles]
    texts = [s.text for ss in sents for s in ss]
    vecs = embedder.encode(texts) if texts else np.zeros((0, embedder.dim), np.float32)
    sets, terms = lexical_features(a.text for a in articles)
    sigs = signatures(sets, scheme)
    counts = np.array([len(ss) for ss in sents], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    full = np.flatnonzero(counts)  # reduceat over non-empty segments only: each ends where the next begins
    sums = np.zeros((len(sents), vecs.shape[1] if vecs.ndim == 2 else embedder.dim), dtype=np.float32)
    if len(full):
        sums[full] = np.add.reduceat(vecs, starts[full], axis=0)
    out: list[Entry | InputError] = []
    for i, (a, ss, sh, tm, sig, ph) in enumerate(zip(articles, sents, sets, terms, sigs, page_hashes)):
        if not ss:
            out.append(InputError(a.path, "no sentences in the article body"))
            continue
        mean = sums[i]  # the mean's direction: the sum of the article's unit sentence vectors
        norm = float(np.linalg.norm(mean)) or 1.0
        th = text_hash(a.text)
        out.append(Entry(id=article_id(a, th), text_hash=th, page_hash=ph, article=a, sentences=ss,
                         signature=sig if sh else None, shingles=len(sh), terms=tm, vectors={"mean": mean / norm}))
    return out


def resolve_embedder(store: Store, embedder: Embedder | None) -> Embedder:
    """The store's embedder: vectors from two models are not comparable, so one per store."""
    stored = store.get_meta(EMBEDDER_KEY)
    if embedder is None:
        if stored and stored.startswith("hash-"):
            return load_embedder("hash")
        embedder = load_embedder("static")
    if stored and stored != embedder.name:
        raise BylineError(f"{store.path}: its vectors come from {stored}, not {embedder.name}; use a new store")
    if not stored:
        store.set_meta(EMBEDDER_KEY, embedder.name)
        store.set_meta("scheme", DEFAULT.name)
    return embedder


def _batches(pages: Iterable[Page | InputError], size: int) -> Iterator[list[Page | InputError]]:
    """Groups of pages worth about ``size`` text pages of work each."""
    batch: list[Page | InputError] = []
    cost = 0
    for page in pages:
        batch.append(page)
        cost += HTML_COST if isinstance(page, Page) and page.kind == "html" else 1
        if cost >= size:
            yield batch
            batch, cost = [], 0
    if batch:
        yield batch


def _extract(page: Page) -> Article | InputError:
    from ..extract import extract

    try:
        return extract(page)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad page never stops an ingest; its reason is kept
        return InputError(page.path, f"extraction failed ({type(exc).__name__}: {exc})")


def ingest(paths: Iterable[str], store: Store, embedder: Embedder | None = None, *, batch: int = BATCH_PAGES,
           jobs: int = 1, progress: Callable[[IngestStats], None] | None = None,
           pages: Iterable[Page | InputError] | None = None) -> IngestStats:
    """Read, extract and store every page under ``paths`` (or the given ``pages``); return counts.

    ``jobs`` > 1 extracts and embeds in that many worker processes while this one reads pages
    and writes batches (in order, one transaction each), so the resume guarantees are the same.
    """
    from ..read import iter_pages

    start = time.perf_counter()
    embedder = resolve_embedder(store, embedder)
    stats = IngestStats()
    source = pages if pages is not None else iter_pages(paths)
    load_name = _load_name(embedder)
    if jobs > 1 and load_name:
        _ingest_parallel(source, store, embedder, load_name, batch, jobs, stats, progress, start)
    else:
        for chunk in _batches(source, batch):
            work = _filter(chunk, store, stats)
            before = stats.pages

            def tick(done: int, before: int = before) -> None:  # the bar moves per page, not per batch
                if progress:
                    stats.seconds = time.perf_counter() - start
                    progress(_Ahead(stats, before + done))

            _write(_work(work, embedder, tick if progress else None), store, embedder, stats)
            stats.seconds = time.perf_counter() - start
            if progress:
                progress(stats)
    stats.seconds = time.perf_counter() - start
    if progress:
        progress(stats)
    return stats


def _load_name(embedder: Embedder) -> str | None:
    """The ``load_embedder`` name a worker process can rebuild ``embedder`` from (None: it cannot)."""
    from ..embed import STATIC_MODEL_NAME

    if embedder.name == STATIC_MODEL_NAME:
        return "static"
    if embedder.name == load_embedder("hash").name:
        return "hash"
    return None


class _Ahead:
    """Stats as the progress bar sees them mid-batch: pages extracted so far, not yet written."""

    def __init__(self, stats: IngestStats, pages: int) -> None:
        self._stats, self.pages = stats, pages

    def __getattr__(self, name: str) -> object:
        return getattr(self._stats, name)


@dataclass
class _Batch:
    """Pages of one batch still to extract (with their page hashes), and input errors met so far."""

    pages: list[tuple[Page, str]]
    bad: list[tuple[str, str, str | None]]  # (path, problem, page hash): plain tuples cross process boundaries


def _filter(chunk: list[Page | InputError], store: Store, stats: IngestStats) -> _Batch:
    """Drop pages stored (or failed) in an earlier run, and repeats within the batch."""
    bad = [(p.path, p.problem, None) for p in chunk if isinstance(p, InputError)]
    pages = [p for p in chunk if isinstance(p, Page)]
    hashes = [page_hash(p) for p in pages]
    seen = store.seen_pages(hashes)
    todo = []
    for page, h in zip(pages, hashes):
        if h in seen:
            stats.skipped += 1
        else:
            seen.add(h)
            todo.append((page, h))
    return _Batch(todo, bad)


Done = tuple[list[tuple[Entry, str]], list[tuple[str, str, str | None]]]  # stored entries, errors


def _work(batch: _Batch, embedder: Embedder | str, on_page: Callable[[int], None] | None = None) -> Done:
    """Extract and derive (the CPU part of a batch; runs in a worker process when ``jobs`` > 1)."""
    if isinstance(embedder, str):
        embedder = load_embedder(embedder)
    articles, kept, bad = [], [], list(batch.bad)
    for done, (page, h) in enumerate(batch.pages, 1):
        if on_page:
            on_page(done)
        art = _extract(page)
        if isinstance(art, InputError):
            bad.append((art.path, art.problem, h))
        else:
            articles.append(art)
            kept.append(h)
    entries = []
    for entry, h in zip(prepare(articles, embedder, DEFAULT, kept) if articles else [], kept):
        if isinstance(entry, InputError):
            bad.append((entry.path, entry.problem, h))
        else:
            entries.append((entry, h))
    return entries, bad


def _write(result: Done, store: Store, embedder: Embedder, stats: IngestStats) -> None:
    """Store one batch in one transaction."""
    entries, bad = result
    with store.atomic():
        for entry, _ in entries:
            if store.add(entry, DEFAULT.as_tuple(), embedder.name) is None:
                stats.duplicates += 1
            else:
                stats.added += 1
        for path, problem, h in bad:
            store.add_error(path, problem, h)
            stats.errors += 1
            if len(stats.error_list) < MAX_ERRORS_KEPT:
                stats.error_list.append((path, problem))


def _ingest_parallel(source: Iterable[Page | InputError], store: Store, embedder: Embedder, load_name: str, batch: int,
                     jobs: int, stats: IngestStats, progress: Callable[[IngestStats], None] | None, start: float) -> None:
    import multiprocessing as mp
    from collections import deque

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs) as pool:
        pending: deque = deque()
        for chunk in _batches(source, batch):
            pending.append(pool.apply_async(_work, (_filter(chunk, store, stats), load_name)))
            while len(pending) > 2 * jobs or (pending and pending[0].ready()):
                _write(pending.popleft().get(), store, embedder, stats)
                stats.seconds = time.perf_counter() - start
                if progress:
                    progress(stats)
        while pending:
            _write(pending.popleft().get(), store, embedder, stats)
            stats.seconds = time.perf_counter() - start
            if progress:
                progress(stats)
