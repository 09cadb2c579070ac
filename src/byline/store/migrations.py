"""The store's schema, as numbered migrations applied in order and recorded in the database.

Each migration is a function registered with ``@migration(n)``; ``migrate`` runs the ones a
database has not seen yet, each inside its own transaction together with the row that records
it in ``schema_migrations``, so a crash mid-upgrade leaves the previous version intact. A store
written by a newer byline (a version this code does not know) is refused rather than guessed at.

Article rows carry an integer ``key`` (SQLite's rowid) that every other table references: 8
bytes or less per reference instead of the 64-character public ``id``. Child rows go with
their article (``ON DELETE CASCADE``; foreign keys are switched on per connection in ``db``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

from ..errors import BylineError

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: dict[int, Migration] = {}


def migration(version: int) -> Callable[[Migration], Migration]:
    """Register ``fn`` as the step that brings a store to schema ``version``."""

    def register(fn: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"two migrations claim schema version {version}")
        MIGRATIONS[version] = fn
        return fn

    return register


def _run(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT first and break the migration's transaction: run one by one
    # (comments dropped first, so a ";" inside one does not split a statement).
    script = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


@migration(1)
def create_core(conn: sqlite3.Connection) -> None:
    """Articles and everything derived from them; candidates, relations, errors."""
    _run(conn, """
    CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE articles (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,            -- sha256 of the normalised body and the page's place
        text_hash TEXT NOT NULL,            -- sha256 of the normalised body alone
        page_hash TEXT,                     -- of the raw page and its place: skip on rerun
        path TEXT NOT NULL,                 -- as read: file path, or path#record in WARC/JSONL
        url TEXT, title TEXT, site TEXT, published TEXT, byline TEXT,
        body TEXT NOT NULL,
        chrome_removed TEXT NOT NULL DEFAULT '[]',   -- JSON list of dropped lines
        extractor TEXT NOT NULL DEFAULT '',
        shingles INTEGER NOT NULL DEFAULT 0,         -- number of distinct word 5-grams
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_text_hash ON articles (text_hash);
    CREATE INDEX articles_page_hash ON articles (page_hash);
    CREATE TABLE sentences (
        article INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article, idx)
    ) WITHOUT ROWID;
    CREATE TABLE signatures (
        article INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        scheme TEXT NOT NULL,
        num_perm INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        hashvalues BLOB NOT NULL,          -- num_perm little-endian uint32
        PRIMARY KEY (article, scheme)
    ) WITHOUT ROWID;
    CREATE TABLE terms (
        article INTEGER PRIMARY KEY REFERENCES articles (key) ON DELETE CASCADE,
        hashes BLOB NOT NULL               -- sorted little-endian uint32 crc32 of key stems
    );
    CREATE TABLE vectors (
        article INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        model TEXT NOT NULL,
        kind TEXT NOT NULL,                -- "mean": the article's mean sentence vector
        dim INTEGER NOT NULL,
        dtype TEXT NOT NULL,               -- "int8" (float32 scale + dim int8 per row), "float16", "float32"
        data BLOB NOT NULL,
        PRIMARY KEY (article, model, kind)
    ) WITHOUT ROWID;
    CREATE TABLE candidates (
        a INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        lexical REAL,                      -- estimated Jaccard of the word 5-gram sets
        keyword REAL,                      -- idf-weighted cosine of the key-term sets
        semantic REAL,                     -- cosine of the centred mean sentence vectors
        tier TEXT NOT NULL,                -- which searches proposed the pair, joined by "+"
        PRIMARY KEY (a, b),
        CHECK (a < b)
    ) WITHOUT ROWID;
    CREATE INDEX candidates_b ON candidates (b);
    CREATE TABLE relations (
        a INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES articles (key) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        original TEXT NOT NULL CHECK (original IN ('a', 'b', 'unknown')),
        confidence REAL NOT NULL,
        basis TEXT NOT NULL,
        evidence TEXT NOT NULL,            -- JSON object
        method TEXT NOT NULL,              -- engine model and byline version that decided it
        at TEXT NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    ) WITHOUT ROWID;
    CREATE INDEX relations_b ON relations (b);
    CREATE TABLE errors (
        key INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        page_hash TEXT,
        problem TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (path, problem)
    );
    CREATE INDEX errors_page_hash ON errors (page_hash)
    """)


def current_version(conn: sqlite3.Connection) -> int:
    """The highest schema version recorded in ``conn`` (0 for a new database)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def latest_version() -> int:
    return max(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: str = "store") -> list[int]:
    """Bring ``conn`` (autocommit mode) to the latest schema; return the versions applied."""
    have = current_version(conn)
    if have > latest_version():
        raise BylineError(
            f"{path}: the store has schema version {have}, newer than this byline knows "
            f"({latest_version()}); upgrade byline"
        )
    applied = []
    for version in sorted(v for v in MIGRATIONS if v > have):
        fn = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if current_version(conn) >= version:  # another process got here first
                conn.execute("ROLLBACK")
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, fn.__name__, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
