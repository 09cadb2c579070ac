"""The corpus store: one SQLite file holding articles, fingerprints, vectors and verdicts.

Why SQLite: one file to copy, transactions for free, and concurrent readers while an ingest
writes (WAL). Vectors and signatures are small BLOBs beside their article; the search indexes
(``byline.candidates``) are rebuilt in memory from them, which takes seconds at 100k articles.

Every write goes through ``atomic()``: a batch of pages is committed whole or not at all, so an
interrupted ingest never leaves half an article behind. The layout is documented in docs/store.md.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ..errors import BylineError, InputError
from ..records import Article, Relation, Sentence, Span
from .migrations import migrate

# Mean vectors are stored as int8 with one float32 scale per row: a quarter of float32's bytes,
# and cosines move by ~1e-3 (tests/test_store.py checks < 0.01), far below any threshold the
# candidate search uses.
VECTOR_DTYPE = "int8"


def encode_vectors(vecs: np.ndarray, dtype: str = VECTOR_DTYPE) -> bytes:
    """Rows of ``vecs`` as bytes in ``dtype`` ("int8": float32 scale then int8 values per row)."""
    m = np.atleast_2d(np.asarray(vecs, dtype=np.float32))
    if dtype == "int8":
        scale = np.abs(m).max(axis=1, keepdims=True) / 127.0
        scale[scale == 0] = 1.0
        q = np.rint(m / scale).astype(np.int8)
        return b"".join(s.astype("<f4").tobytes() + row.tobytes() for s, row in zip(scale, q))
    return m.astype("<f2" if dtype == "float16" else "<f4").tobytes()


def decode_vectors(data: bytes, dim: int, dtype: str) -> np.ndarray:
    """The float32 rows that ``encode_vectors`` wrote."""
    if dtype == "int8":
        raw = np.frombuffer(data, dtype=np.uint8).reshape(-1, 4 + dim)
        scale = raw[:, :4].copy().view("<f4")
        return raw[:, 4:].view(np.int8).astype(np.float32) * scale
    return np.frombuffer(data, dtype="<f2" if dtype == "float16" else "<f4").reshape(-1, dim).astype(np.float32)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Entry:
    """One article ready to store, with everything ingest derived from it."""

    id: str
    text_hash: str
    page_hash: str | None
    article: Article
    sentences: tuple[Sentence, ...]
    signature: np.ndarray | None  # uint32 (num_perm,), None when the text has no shingles
    shingles: int
    terms: np.ndarray | None = None  # uint32 key-term hashes (fingerprint.key_terms)
    vectors: Mapping[str, np.ndarray] = field(default_factory=dict)  # kind -> (dim,) or (n, dim)


@dataclass(frozen=True, slots=True)
class StoredRelation:
    """A verdict as stored: article keys ``a < b`` and the relation in those terms."""

    a: int
    b: int
    relation: Relation
    method: str


class Store:
    """An open byline store. ``Store(":memory:")`` for tests; use as a context manager."""

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, create: bool = True) -> None:
        self.path = str(path)
        memory = self.path == ":memory:" or self.path.startswith("file::memory:")
        if not memory:
            p = Path(self.path)
            if p.is_dir():
                raise InputError(self.path, "is a directory, expected a store file (e.g. news.db)")
            if not create and not p.exists():
                raise InputError(self.path, "no such store; create it with `byline ingest PATH --db FILE`")
        try:
            # isolation_level=None: autocommit, so transactions are exactly the ones atomic() opens.
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if not memory:
                self.conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL in WAL mode: a crashed process never corrupts or half-writes; only an OS
                # crash may lose the last commits, which a rerun then redoes.
                self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn, self.path)
        except sqlite3.DatabaseError as exc:
            raise InputError(self.path, f"not a byline store ({exc})") from exc
        self._depth = 0

    # --- lifecycle and transactions ------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction (nested calls become savepoints): all of the block's writes or none."""
        outer = self._depth == 0
        name = f"sp{self._depth}"
        self.conn.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            self.conn.execute("ROLLBACK" if outer else f"ROLLBACK TO {name}")
            if not outer:
                self.conn.execute(f"RELEASE {name}")
            raise
        self._depth -= 1
        self.conn.execute("COMMIT" if outer else f"RELEASE {name}")

    # --- meta ----------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.atomic():
            self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0])

    # --- writing -------------------------------------------------------------------------------

    def seen_pages(self, page_hashes: Iterable[str]) -> set[str]:
        """The page hashes already stored as an article or recorded as an error."""
        hashes = list(page_hashes)
        seen: set[str] = set()
        for chunk in _chunks(hashes, 500):
            marks = ",".join("?" * len(chunk))
            for table in ("articles", "errors"):
                seen.update(r[0] for r in self.conn.execute(f"SELECT page_hash FROM {table} WHERE page_hash IN ({marks})", chunk))
        return seen

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            out.update(r[0] for r in self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return out

    def add(self, entry: Entry, scheme: tuple[str, int, int], model: str) -> int | None:
        """Store one article and its derived rows; ``None`` if its id is already stored.

        ``scheme`` is (name, num_perm, seed) of the signature; ``model`` names the embedder.
        Call inside ``atomic()`` to batch many; alone it is its own transaction.
        """
        a = entry.article
        with self.atomic() as c:
            cur = c.execute(
                "INSERT OR IGNORE INTO articles (id, text_hash, page_hash, path, url, title, site, published, byline, "
                "body, chrome_removed, extractor, shingles, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (entry.id, entry.text_hash, entry.page_hash, a.path, a.url, a.title, a.site, a.published, a.byline,
                 a.text, json.dumps(list(a.chrome_removed), ensure_ascii=False), a.extractor, entry.shingles, now()),
            )
            if cur.rowcount == 0:
                return None
            key = int(cur.lastrowid)
            c.executemany('INSERT INTO sentences (article, idx, start, "end") VALUES (?,?,?,?)',
                          [(key, s.index, s.span.start, s.span.end) for s in entry.sentences])
            if entry.signature is not None:
                name, num_perm, seed = scheme
                c.execute("INSERT INTO signatures (article, scheme, num_perm, seed, hashvalues) VALUES (?,?,?,?,?)",
                          (key, name, num_perm, seed, np.asarray(entry.signature, dtype="<u4").tobytes()))
            if entry.terms is not None and len(entry.terms):
                c.execute("INSERT INTO terms (article, hashes) VALUES (?,?)",
                          (key, np.asarray(entry.terms, dtype="<u4").tobytes()))
            for kind, vec in entry.vectors.items():
                c.execute("INSERT INTO vectors (article, model, kind, dim, dtype, data) VALUES (?,?,?,?,?,?)",
                          (key, model, kind, int(np.shape(vec)[-1]), VECTOR_DTYPE, encode_vectors(vec)))
        return key

    def add_error(self, path: str, problem: str, page_hash: str | None = None) -> None:
        """Record a page that could not be ingested (once per path and problem)."""
        with self.atomic() as c:
            c.execute("INSERT OR REPLACE INTO errors (path, page_hash, problem, at) VALUES (?,?,?,?)",
                      (path, page_hash, problem, now()))

    def delete(self, ref: str) -> int:
        """Delete the article(s) ``ref`` names (id, id prefix of 8+ characters, or path); return how many.

        Sentences, signatures, vectors, candidates and relations go with them (ON DELETE CASCADE).
        """
        keys = self.resolve(ref)
        with self.atomic() as c:
            for chunk in _chunks(keys, 500):
                c.execute(f"DELETE FROM articles WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        return len(keys)

    def put_candidates(self, rows: Iterable[tuple[int, int, float | None, float | None, float | None, str]]) -> None:
        """Replace the candidate table with ``(a, b, lexical, keyword, semantic, tier)`` rows (a < b)."""
        with self.atomic() as c:
            c.execute("DELETE FROM candidates")
            c.executemany("INSERT OR REPLACE INTO candidates (a, b, lexical, keyword, semantic, tier) VALUES (?,?,?,?,?,?)", rows)

    def put_relation(self, a: int, b: int, relation: Relation, method: str) -> None:
        """Store the verdict on articles ``a`` and ``b`` (keys; ``relation.original`` in a/b terms)."""
        original = relation.original
        if a > b:
            a, b = b, a
            original = {"a": "b", "b": "a"}.get(original, original)
        evidence = json.dumps({k: v for k, v in relation.evidence.items()}, ensure_ascii=False, default=str)
        with self.atomic() as c:
            c.execute(
                "INSERT OR REPLACE INTO relations (a, b, kind, original, confidence, basis, evidence, method, at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (a, b, relation.kind.value, original, float(relation.confidence), relation.basis, evidence, method, now()),
            )

    # --- reading -------------------------------------------------------------------------------

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def keys(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT key FROM articles ORDER BY key")]

    def resolve(self, ref: str) -> list[int]:
        """Keys of the articles that ``ref`` names: a full id, an id prefix (8+ chars) or a path."""
        rows = self.conn.execute("SELECT key FROM articles WHERE id = ? OR path = ?", (ref, ref)).fetchall()
        if not rows and len(ref) >= 8 and all(ch in "0123456789abcdef" for ch in ref):
            rows = self.conn.execute("SELECT key FROM articles WHERE id >= ? AND id < ?", (ref, ref + "g")).fetchall()
        return [r[0] for r in rows]

    def key_of(self, article_id: str) -> int | None:
        row = self.conn.execute("SELECT key FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def info(self, keys: Sequence[int] | None = None) -> dict[int, dict[str, str | None]]:
        """Public metadata by key: id, path, url, title, site, published (all articles if no keys)."""
        cols = "key, id, path, url, title, site, published"
        if keys is None:
            rows = self.conn.execute(f"SELECT {cols} FROM articles ORDER BY key").fetchall()
        else:
            rows = []
            for chunk in _chunks(list(keys), 500):
                rows += self.conn.execute(f"SELECT {cols} FROM articles WHERE key IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        names = cols.split(", ")[1:]
        return {r[0]: dict(zip(names, r[1:])) for r in rows}

    def article(self, key: int) -> Article:
        """Rebuild the ``Article`` stored under ``key``."""
        row = self.conn.execute(
            "SELECT path, body, title, byline, published, site, url, chrome_removed, extractor FROM articles WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            raise KeyError(key)
        path, body, title, byline, published, site, url, chrome, extractor = row
        return Article(path=path, text=body, title=title, byline=byline, published=published, site=site, url=url,
                       chrome_removed=tuple(json.loads(chrome or "[]")), extractor=extractor or "")

    def sentences(self, key: int, body: str | None = None) -> tuple[Sentence, ...]:
        """The article's sentences, rebuilt from the stored offsets and body (``body``: the
        article's text where the caller has read it already)."""
        if body is None:
            row = self.conn.execute("SELECT body FROM articles WHERE key = ?", (key,)).fetchone()
            if row is None:
                raise KeyError(key)
            body = row[0]
        rows = self.conn.execute('SELECT idx, start, "end" FROM sentences WHERE article = ? ORDER BY idx', (key,))
        return tuple(Sentence(i, Span(s, e), body[s:e]) for i, s, e in rows)

    def signatures(self, scheme: str) -> tuple[np.ndarray, np.ndarray]:
        """(keys, uint32 matrix (n, num_perm)) of every stored signature of ``scheme``."""
        rows = self.conn.execute("SELECT article, hashvalues FROM signatures WHERE scheme = ? ORDER BY article", (scheme,)).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.uint32)
        keys = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        sigs = np.frombuffer(b"".join(r[1] for r in rows), dtype="<u4").reshape(len(rows), -1)
        return keys, sigs.astype(np.uint32)

    def shingle_counts(self) -> dict[int, int]:
        return dict(self.conn.execute("SELECT key, shingles FROM articles"))

    def vectors(self, model: str, kind: str = "mean") -> tuple[np.ndarray, np.ndarray]:
        """(keys, float32 matrix (n, dim)) of every stored ``kind`` vector made by ``model``."""
        rows = self.conn.execute(
            "SELECT article, dim, dtype, data FROM vectors WHERE model = ? AND kind = ? ORDER BY article", (model, kind)
        ).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        keys = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        dim, dtype = rows[0][1], rows[0][2]
        if any(r[1] != dim or r[2] != dtype for r in rows):
            raise BylineError(f"{self.path}: mixed vector layouts for model {model}")
        return keys, decode_vectors(b"".join(r[3] for r in rows), dim, dtype)

    def terms(self) -> tuple[np.ndarray, list[np.ndarray]]:
        """(keys, one uint32 array of key-term hashes per key)."""
        rows = self.conn.execute("SELECT article, hashes FROM terms ORDER BY article").fetchall()
        keys = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        return keys, [np.frombuffer(r[1], dtype="<u4").astype(np.uint32) for r in rows]

    def models(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT model FROM vectors")]

    def relations(self) -> list[StoredRelation]:
        from ..records import RelationKind

        out = []
        for a, b, kind, original, conf, basis, evidence, method in self.conn.execute(
            "SELECT a, b, kind, original, confidence, basis, evidence, method FROM relations ORDER BY a, b"
        ):
            rel = Relation(kind=RelationKind(kind), original=original, confidence=conf, basis=basis, evidence=json.loads(evidence))
            out.append(StoredRelation(a, b, rel, method))
        return out

    def judged_pairs(self, method: str) -> set[tuple[int, int]]:
        """Pairs (a < b) already decided by ``method``: a rerun of trace does not redo them."""
        return {(a, b) for a, b in self.conn.execute("SELECT a, b FROM relations WHERE method = ?", (method,))}

    def candidates(self) -> list[tuple[int, int, float | None, float | None, float | None, str]]:
        return list(self.conn.execute("SELECT a, b, lexical, keyword, semantic, tier FROM candidates ORDER BY a, b"))

    def errors(self) -> list[tuple[str, str, str]]:
        """(path, problem, at) for every page that could not be ingested, oldest first."""
        return list(self.conn.execute("SELECT path, problem, at FROM errors ORDER BY key"))

    def sizes(self) -> dict[str, int]:
        """Bytes per table (and its indexes), from SQLite's dbstat when available."""
        try:
            rows = self.conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
        except sqlite3.OperationalError:
            return {}
        return {name: int(size) for name, size in rows}


def _chunks(items: Sequence, n: int) -> Iterator[Sequence]:
    for i in range(0, len(items), n):
        yield items[i : i + n]
