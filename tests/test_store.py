"""The store (schema, transactions, round trips, deletion), fingerprints, candidate tiers, stories."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from byline.candidates import CandidateIndex, KeywordIndex, VectorIndex
from byline.corpus.ingest import prepare
from byline.corpus.trace import Edge, Story, stories
from byline.embed import load_embedder
from byline.errors import BylineError, InputError
from byline.fingerprint import DEFAULT, BandIndex, from_bytes, jaccard, key_terms, signature, signatures, to_bytes
from byline.records import Article, Relation, RelationKind
from byline.report.trace import render_html, story_svg, to_dict
from byline.store import Store, StoredRelation
from byline.store.migrations import MIGRATIONS, latest_version, migration

# Fictional texts written for these tests.
LIGHTHOUSE = (
    "The lighthouse on Gull Point will be lit again next summer after a volunteer group raised the money to repair its lamp. "
    "The tower has been dark since a storm cracked its lens in 2019. "
    "Volunteers sold calendars, ran a fish supper and collected coins at the harbour for three years. "
    "The regional heritage fund added the last 40,000 crowns in December. "
    "Keeper's cottage tours will start in June, the group's chair, Mirela Sund, said."
)
ORCHARD = (
    "An orchard cooperative in the Vell valley has planted 3,000 pear trees on land that grew tobacco until last year. "
    "The growers chose an old local variety that flowers late and escapes the spring frosts. "
    "The first harvest is expected in four years, and a juice press is planned for the village of Oster. "
    "Farm adviser Petr Halloway said the soil needed two seasons of clover before the trees went in."
)


def _entries(texts: list[str], paths: list[str]):
    arts = [Article(path=p, text=t, title=f"title {i}", published="2024-01-0" + str(i + 1), url=None,
                    chrome_removed=("Menu", "Share")) for i, (p, t) in enumerate(zip(paths, texts))]
    return prepare(arts, load_embedder("hash"))


@pytest.fixture()
def store() -> Store:
    with Store(":memory:") as s:
        yield s


def test_new_store_has_latest_schema_and_reopens(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with Store(db) as s:
        assert s.schema_version() == latest_version()
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"articles", "sentences", "signatures", "terms", "vectors", "candidates", "relations", "errors"} <= tables
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(db) as s:  # reopening applies nothing twice
        assert s.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', 'now')", (latest_version() + 1,))
    with pytest.raises(BylineError, match="newer"):
        Store(db)


def test_migration_versions_are_unique() -> None:
    with pytest.raises(ValueError):
        migration(1)(lambda conn: None)


def test_bad_store_paths(tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InputError, match="not a byline store"):
        Store(tmp_path / "junk.db")
    with pytest.raises(InputError, match="directory"):
        Store(tmp_path)
    with pytest.raises(InputError, match="no such store"):
        Store(tmp_path / "missing.db", create=False)


def test_atomic_rolls_back_whole_block_and_nests(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.set_meta("x", "1")
            raise RuntimeError("crash mid-batch")
    assert store.get_meta("x") is None
    with store.atomic():
        store.set_meta("y", "1")
        with pytest.raises(RuntimeError):
            with store.atomic():
                store.set_meta("z", "1")
                raise RuntimeError("inner")
    assert store.get_meta("y") == "1" and store.get_meta("z") is None


def test_article_round_trip(store: Store) -> None:
    (entry,) = _entries([LIGHTHOUSE], ["/corpus/gull.txt"])
    key = store.add(entry, DEFAULT.as_tuple(), "hash-256.v1")
    assert key is not None
    assert store.add(entry, DEFAULT.as_tuple(), "hash-256.v1") is None  # same id: stored once
    art = store.article(key)
    assert art == entry.article
    sents = store.sentences(key)
    assert [s.text for s in sents] == [s.text for s in entry.sentences]
    assert all(art.text[s.span.start : s.span.end] == s.text for s in sents)
    keys, sigs = store.signatures(DEFAULT.name)
    assert keys.tolist() == [key] and np.array_equal(sigs[0], entry.signature)
    vkeys, vecs = store.vectors("hash-256.v1")
    v = entry.vectors["mean"]
    cos = float(vecs[0] @ v / np.linalg.norm(vecs[0]) / np.linalg.norm(v))
    assert vkeys.tolist() == [key] and cos > 0.99  # int8 storage keeps the direction
    tkeys, terms = store.terms()
    assert np.array_equal(terms[0], entry.terms)
    assert store.resolve(entry.id[:10]) == [key] and store.resolve("/corpus/gull.txt") == [key]


def test_delete_cascades(store: Store) -> None:
    e1, e2 = _entries([LIGHTHOUSE, ORCHARD], ["/c/a.txt", "/c/b.txt"])
    k1 = store.add(e1, DEFAULT.as_tuple(), "m")
    k2 = store.add(e2, DEFAULT.as_tuple(), "m")
    store.put_candidates([(k1, k2, 0.1, 0.2, None, "lexical+keyword")])
    store.put_relation(k2, k1, Relation(RelationKind.REWRITE, "b", 0.8, "dates", {"x": 1.0}), "test")
    (stored,) = store.relations()
    assert (stored.a, stored.b, stored.relation.original) == (k1, k2, "a")  # stored with a < b, flipped
    assert store.delete(e1.id) == 1
    assert store.count() == 1
    for table, col in (("sentences", "article"), ("signatures", "article"), ("vectors", "article"), ("terms", "article"),
                       ("candidates", "a"), ("relations", "a")):
        assert store.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {col} = ?", (k1,)).fetchone()[0] == 0
    assert store.relations() == [] and store.candidates() == []
    assert store.delete("no-such-article") == 0


def test_errors_are_recorded_once(store: Store) -> None:
    store.add_error("/c/bad.html", "binary file, not text or HTML", "abc")
    store.add_error("/c/bad.html", "binary file, not text or HTML", "abc")
    assert [(p, e) for p, e, _ in store.errors()] == [("/c/bad.html", "binary file, not text or HTML")]
    assert store.seen_pages(["abc", "def"]) == {"abc"}


# --- fingerprints and candidate tiers ----------------------------------------------------------

def test_signature_estimates_jaccard_and_round_trips() -> None:
    near = LIGHTHOUSE.replace("three years", "four long years").replace("June", "July")
    a, b, c = signature(LIGHTHOUSE), signature(near), signature(ORCHARD)
    assert jaccard(a, np.stack([b, c]))[0] > 0.4 > jaccard(a, np.stack([b, c]))[1]
    assert np.array_equal(from_bytes(to_bytes(a)), a)
    with pytest.raises(ValueError):
        from_bytes(to_bytes(a)[:-4])
    assert np.all(signatures([set()])[0] == np.uint32(0xFFFFFFFF))


def test_band_index_pairs_and_query() -> None:
    near = LIGHTHOUSE.replace("three years", "four long years")
    sigs = np.stack([signature(t) for t in (LIGHTHOUSE, near, ORCHARD, "")])
    index = BandIndex(np.array([10, 11, 12, 13]), sigs)
    assert len(index) == 3  # the empty text is left out
    pairs = index.pairs()
    assert set(pairs) == {(10, 11)} and pairs[(10, 11)] > 0.6
    assert set(index.query(signature(near))) == {10, 11}
    assert index.query(signature("")) == {}


def test_keyword_and_vector_tiers_rank_the_rewrite_first() -> None:
    rewrite = ("Gull Point's lighthouse is set to shine again next summer: volunteers have raised what it takes to fix the lamp. "
               "A 2019 storm cracked the lens and the tower has stood dark ever since. Mirela Sund chairs the group.")
    texts = [LIGHTHOUSE, ORCHARD, rewrite]
    terms = [key_terms(t) for t in texts]
    kw = KeywordIndex(np.array([1, 2, 3]), terms)
    assert (1, 3) in kw.pairs(k=1, minimum=0.05)
    assert set(kw.query(key_terms(rewrite), k=3, minimum=0.01)) == {1, 3}
    emb = load_embedder("hash")
    vecs = np.stack([emb.encode([t])[0] for t in texts])
    vi = VectorIndex(np.array([1, 2, 3]), vecs)
    assert (1, 3) in vi.pairs(k=1, minimum=-1.0)


def test_candidate_index_from_store(store: Store) -> None:
    near = LIGHTHOUSE.replace("three years", "four long years")
    for e in _entries([LIGHTHOUSE, ORCHARD, near], ["/c/a", "/c/b", "/c/c"]):
        store.add(e, DEFAULT.as_tuple(), "hash-256.v1")
    index = CandidateIndex.from_store(store, "hash-256.v1")
    pairs = {(c.a, c.b): c for c in index.pairs()}
    assert (1, 3) in pairs and "lexical" in pairs[(1, 3)].tier
    (entry,) = _entries([near], ["/elsewhere"])
    found = index.query(entry.signature, entry.terms, entry.vectors["mean"])
    assert found[0].b in (1, 3) and found[0].a == -1


# --- stories and provenance graphs ---------------------------------------------------------------

def _rel(a: int, b: int, kind: str, original: str, conf: float = 0.9, basis: str = "dates") -> StoredRelation:
    return StoredRelation(a, b, Relation(RelationKind(kind), original, conf, basis, {}), "test")


def _info(n: int) -> dict[int, dict[str, str | None]]:
    return {k: {"id": f"id{k}", "path": f"/c/{k}.txt", "url": None, "title": f"<b>Title {k}</b>", "site": None,
                "published": f"2024-01-{k:02d}"} for k in range(1, n + 1)}


def test_stories_reduce_chains_and_pick_the_original() -> None:
    rels = [
        _rel(1, 2, "verbatim", "a"),  # wire 1 -> scrape 2
        _rel(2, 3, "rewrite", "a"),  # scrape 2 -> rewrite 3
        _rel(1, 3, "rewrite", "a"),  # implied by 1 -> 2 -> 3: dropped from the graph
        _rel(3, 4, "independent", "unknown"),  # same story, not a copy
        _rel(5, 6, "unrelated", "unknown"),
        _rel(6, 7, "near_copy", "unknown", basis="none"),
    ]
    out = stories(rels, _info(7))
    big = next(s for s in out if 1 in s.members)
    assert set(big.members) == {1, 2, 3, 4}
    assert big.original == 1
    assert {(e.source, e.copy) for e in big.edges} == {(1, 2), (2, 3)}
    assert big.chains == ((1, 2, 3),)
    pair = next(s for s in out if 6 in s.members)
    assert set(pair.members) == {6, 7} and pair.original is None and pair.undirected == ((6, 7, "near_copy"),)
    assert not any(5 in s.members for s in out)


def test_contradicting_directions_do_not_make_a_cycle() -> None:
    rels = [_rel(1, 2, "rewrite", "a", 0.9), _rel(2, 3, "rewrite", "a", 0.8), _rel(1, 3, "rewrite", "b", 0.6)]
    (story,) = stories(rels, _info(3))
    assert {(e.source, e.copy) for e in story.edges} == {(1, 2), (2, 3)} and story.original == 1


def test_reports_escape_corpus_text() -> None:
    from byline.corpus.trace import TraceResult

    info = _info(3)
    info[2]["title"] = '<script>alert("x")</script>'
    rels = [_rel(1, 2, "verbatim", "a"), _rel(2, 3, "near_copy", "a")]
    result = TraceResult(info, rels, stories(rels, info), {"articles": 3})
    page = render_html(result, {})
    assert "<script>" not in page and "&lt;script&gt;" in page
    svg = story_svg(Story("s", (1, 2), 1, (Edge(1, 2, "verbatim", 1.0, "dates"),), ((1, 2),)), info)
    assert svg.startswith("<svg") and "marker-end" in svg
    data = to_dict(result)
    assert data["stories"][0]["original"] == "id1"
    assert {(r["source"], r["copy"]) for r in data["relations"]} == {("id1", "id2"), ("id2", "id3")}


def test_keyword_tier_keeps_strong_hits_past_the_top_k() -> None:
    # Seven near-identical rewordings of one notice crowd each other's top k: strong hits past it stay.
    notice = "Harbour Board notice: the Kestrel Quay ferry pier closes for repairs from Monday, the board said."
    copies = [notice.replace("said", word) for word in ("stated", "announced", "wrote", "noted", "confirmed", "added", "posted")]
    texts = [notice, *copies, LIGHTHOUSE, ORCHARD]
    kw = KeywordIndex(np.arange(1, len(texts) + 1), [key_terms(t) for t in texts])
    pairs = kw.pairs(k=2, minimum=0.05)
    assert all((1, key) in pairs for key in range(2, 9))  # every copy reaches the notice
    assert set(kw.query(key_terms(notice), k=2, minimum=0.05)) >= set(range(1, 9))
    assert (1, 9) not in pairs  # a weak hit past the top k does not
