"""Corpus commands end to end: ingest (idempotent, resumable), trace, source, errors, delete.

Every text here is fictional and written for these tests. A wire story about a bridge closure is
copied verbatim with page chrome, then trimmed and lightly edited into a near copy; three
unrelated stories and a broken page sit beside them. Dates decide the directions.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from byline.embed import load_embedder
from byline.store import Store

ROOT = Path(__file__).resolve().parents[1]

BRIDGE = """The city council of Port Ellwyn voted 7 to 2 on Tuesday to close the Marrow Street bridge for fourteen months of repairs, starting in March.

Engineers found corrosion in three of the bridge's steel supports during an inspection last autumn, according to a report released by the city's public works department.

"We cannot keep sending 22,000 cars a day over a structure that is rusting from the inside," said council member Dana Oyelaran, who proposed the closure.

The repairs are expected to cost $38 million, most of it paid from a state infrastructure grant approved in January.

Business owners on the east side of the river warned that the closure would cut them off from their customers for more than a year.

"Half of my lunch trade walks over that bridge," said Tomas Reuther, who runs a bakery on Quay Road.

The council said a free shuttle bus would run every ten minutes between the two banks while the bridge is closed.

A temporary footbridge for cyclists and pedestrians is planned to open by May, officials said.

The Marrow Street bridge opened in 1961 and was last renovated in 1994."""

CHROME = """Home | Local | Business | Sport | Weather
Advertisement
{body}
Share this article
Read more: Ten things to do in Port Ellwyn this weekend
Sign up for our morning newsletter"""

NEAR = """The Port Ellwyn city council voted 7 to 2 on Tuesday to shut the Marrow Street bridge for fourteen months of repairs, starting in March.

Engineers found corrosion in three of the bridge's steel supports during an inspection last autumn, according to a report released by the public works department.

"We cannot keep sending 22,000 cars a day over a structure that is rusting from the inside," said council member Dana Oyelaran, who proposed the closure.

The repairs are expected to cost $38 million, most of it paid from a state infrastructure grant approved in January.

"Half of my lunch trade walks over that bridge," said Tomas Reuther, who runs a bakery on Quay Road.

The council said a free shuttle bus would run every ten minutes between the two banks while the bridge is closed."""

TOMATOES = """Researchers at the Kessling Institute said on Monday they had grown tomato plants in soil mixed with crushed volcanic glass, and that the plants needed a third less water than those in ordinary compost.

The team, led by soil chemist Irena Valdavia, ran the trial for two growing seasons in greenhouses outside the town of Brack.

Volcanic glass holds water in tiny pores and releases it slowly as the soil dries, Valdavia explained in a statement.

The fruit from the treated beds was slightly smaller but contained more sugar, the researchers reported.

Farmers' groups in the dry southern provinces have asked the institute to repeat the trial on open fields next year.

The crushed glass is a waste product of quarries in the northern hills and costs little to transport, the study noted."""

ROWING = """The Ridgeford Otters won their first regional rowing title in eleven years on Saturday, beating the defending champions from Lake Colwen by less than a second.

The eight-person crew covered the two-kilometre course on the Tamsin River in six minutes and four seconds.

Coach Ama Brightwater said the team had trained at dawn three times a week since October.

"The last two hundred metres were the longest of my life," said stroke seat Jonah Ferraby, a 19-year-old engineering student.

The Otters will represent the region at the national championships in Keldport next month.

Their last regional win came in a season when most of the current crew were still in primary school."""

FLOWERS = """Shipments of cut flowers through Alder Valley airport fell by a fifth in the first quarter, the regional trade office said on Thursday.

Growers blamed a cold February that delayed the tulip harvest by almost three weeks across the valley.

Exports to the three largest buyers dropped most sharply, while sales at local markets held steady.

The trade office expects volumes to recover in the second quarter as the later varieties come into bloom.

A cooperative of forty growers has asked for help paying for heated greenhouses before next winter.

The airport handled about 1,200 tonnes of flowers in the same quarter a year earlier."""


def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A small corpus: the wire story, its chrome-wrapped copy, a near copy, unrelated pages, a bad page."""
    folder = tmp_path / "pages"
    folder.mkdir()
    _jsonl(folder / "wire.jsonl", [
        {"id": "wire-bridge", "text": BRIDGE, "title": "Port Ellwyn council votes to close Marrow Street bridge",
         "url": "https://wire.example/bridge", "published": "2024-03-05T09:00:00"},
        {"id": "wire-tomatoes", "text": TOMATOES, "title": "Volcanic glass helps tomatoes save water", "published": "2024-03-04"},
    ])
    (folder / "ellwyn-gazette-bridge.txt").write_text(CHROME.format(body=BRIDGE), encoding="utf-8")
    _jsonl(folder / "sites.jsonl", [
        {"id": "gazette", "text": CHROME.format(body=BRIDGE), "title": "Council votes to close Marrow Street bridge",
         "url": "https://gazette.example/news/bridge", "published": "2024-03-05T15:30:00"},
        {"id": "digest", "text": NEAR, "title": "Marrow Street bridge to shut for 14 months", "url": "https://digest.example/a/991",
         "published": "2024-03-07"},
        {"id": "rowing", "text": ROWING, "title": "Otters take regional rowing title", "published": "2024-03-09"},
        {"id": "flowers", "text": FLOWERS, "title": "Flower shipments wilt after cold February", "published": "2024-04-11"},
        {"id": "empty", "text": "   \n  "},
    ])
    (folder / "broken.html").write_bytes(b"\x00\x01\x02\x03 not a page \xff\xfe")
    return folder


def _ids(store: Store) -> dict[str, str]:
    return {row["path"].rsplit("#", 1)[-1] if "#" in str(row["path"]) else Path(str(row["path"])).name: row["id"]
            for row in store.info().values()}


def test_ingest_is_idempotent_and_records_errors(corpus: Path) -> None:
    from byline.corpus.ingest import ingest

    with Store(corpus.parent / "news.db") as store:
        first = ingest([str(corpus)], store, load_embedder("hash"))
        assert first.added == 7  # bridge, tomatoes, gazette, digest, rowing, flowers, the .txt copy
        assert first.errors >= 2  # the empty record and the broken page
        problems = {Path(p.split("#")[0]).name + ("#" + p.split("#")[1] if "#" in p else ""): e for p, e, _ in store.errors()}
        assert "sites.jsonl#empty" in problems and "broken.html" in problems
        second = ingest([str(corpus)], store, load_embedder("hash"))
        assert second.added == 0 and second.skipped == 7
        assert store.count() == 7
        # the same pages again under another name for the folder: same places, stored once
        third = ingest([str(corpus / "*.jsonl")], store, load_embedder("hash"))
        assert third.added == 0
        assert store.count() == 7
        assert len(store.errors()) == len({(p, e) for p, e, _ in store.errors()})


def test_same_text_at_two_places_is_two_articles(tmp_path: Path) -> None:
    from byline.corpus.ingest import ingest

    _jsonl(tmp_path / "a.jsonl", [{"id": "one", "text": TOMATOES}, {"id": "two", "text": TOMATOES}, {"id": "one", "text": TOMATOES}])
    with Store(":memory:") as store:
        stats = ingest([str(tmp_path / "a.jsonl")], store, load_embedder("hash"))
        assert (stats.added, stats.skipped) == (2, 1)
        hashes = {r[0] for r in store.conn.execute("SELECT text_hash FROM articles")}
        assert len(hashes) == 1


def _in_order(wanted: list[str], chain: list[str]) -> bool:
    pos = [chain.index(x) for x in wanted if x in chain]
    return len(pos) == len(wanted) and pos == sorted(pos)


def test_trace_finds_copies_chain_and_original(corpus: Path) -> None:
    from byline.corpus.ingest import ingest
    from byline.corpus.trace import corpus_engine, trace
    from byline.report.trace import render_html, to_dict

    with Store(corpus.parent / "news.db") as store:
        ingest([str(corpus)], store, load_embedder("hash"))
        ids = _ids(store)
        result = trace(store, corpus_engine("hash"))
        data = to_dict(result)
        rel = {(r["source"], r["copy"]): r for r in data["relations"]}
        wire, gazette, digest = ids["wire-bridge"], ids["gazette"], ids["digest"]
        assert (wire, gazette) in rel and rel[(wire, gazette)]["kind"] in ("verbatim", "near_copy")
        assert rel[(wire, gazette)]["basis"] == "dates"
        assert any(k == (gazette, digest) or k == (wire, digest) for k in rel)
        unrelated = {ids["rowing"], ids["flowers"], ids["wire-tomatoes"]}
        assert not any(r["source"] in unrelated or r["copy"] in unrelated for r in data["relations"])
        bridge_story = next(s for s in data["stories"] if wire in s["articles"])
        assert {wire, gazette, digest} <= set(bridge_story["articles"])
        assert not unrelated & set(bridge_story["articles"])
        assert bridge_story["original"] == wire
        # the near copy came later than both: drawn below the gazette's scrape (wire -> gazette -> digest),
        # the wire -> digest edge being implied by that chain
        assert any(_in_order([wire, gazette, digest], c) for c in bridge_story["chains"])
        assert {"source": wire, "copy": digest} not in [{k: e[k] for k in ("source", "copy")} for e in bridge_story["edges"]]
        assert {a["id"] for a in data["articles"]} == set(ids.values())
        page = render_html(result, {})
        assert "<svg" in page and "<script" not in page and "Port Ellwyn council votes" in page

        # a second trace judges nothing again; deleting an article removes its relations
        again = trace(store, corpus_engine("hash"))
        assert again.stats["verified"] == 0 and again.stats["reused"] == result.stats["verified"]
        assert store.delete(gazette) == 1
        left = store.relations()
        key = {v["id"]: k for k, v in store.info().items()}
        assert all(key.get(gazette) not in (r.a, r.b) for r in left)
        assert store.conn.execute("SELECT COUNT(*) FROM candidates c LEFT JOIN articles a ON a.key = c.a "
                                  "WHERE a.key IS NULL").fetchone()[0] == 0


def test_source_finds_the_original_of_an_unseen_page(corpus: Path, tmp_path: Path) -> None:
    from byline.corpus.ingest import ingest
    from byline.corpus.source import source
    from byline.corpus.trace import corpus_engine

    query = tmp_path / "reposted.txt"
    body = BRIDGE.replace("Tuesday", "Tuesday evening").replace("officials said", "city officials said")
    query.write_text("Most read | Opinion | Local\n" + body + "\nComments (12)", encoding="utf-8")
    with Store(corpus.parent / "news.db") as store:
        ingest([str(corpus)], store, load_embedder("hash"))
        ids = _ids(store)
        result = source(str(query), store, corpus_engine("hash"))
        data = result.to_dict()
        assert data["query"]["path"] == str(query) and not data["query"]["ingested"]
        found = {m["id"]: m for m in data["matches"]}
        assert ids["wire-bridge"] in found and found[ids["wire-bridge"]]["kind"] in ("verbatim", "near_copy")
        assert found[ids["wire-bridge"]]["original"] in ("match", "unknown")
        assert ids["rowing"] not in found and ids["flowers"] not in found


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "byline", *args], capture_output=True, text=True, env=env, timeout=300, **kw)


def test_cli_commands(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    r = _run("ingest", str(corpus), "--db", db, "--model", "hash")
    assert r.returncode == 0, r.stderr
    assert "7 new" in r.stderr
    r = _run("errors", "--db", db, "--json")
    assert r.returncode == 0
    assert {Path(e["path"]).name for e in json.loads(r.stdout)} >= {"broken.html"}
    out = tmp_path / "trace.json"
    r = _run("trace", "--db", db, "--model", "hash", "--json", str(out), "--html", str(tmp_path / "t.html"), "-q")
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert set(data) >= {"articles", "relations", "stories"}
    assert all(set(s) >= {"id", "articles", "original"} for s in data["stories"])
    assert all(set(x) >= {"source", "copy", "kind", "confidence"} for x in data["relations"])
    r = _run("source", str(corpus / "ellwyn-gazette-bridge.txt"), "--db", db, "--model", "hash", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["query"]["ingested"] and data["matches"]
    assert all(m["original"] in ("query", "match", "unknown") for m in data["matches"])
    # several pages, one of them unreadable: the others are answered, the bad one named, exit 1
    (tmp_path / "reposted.txt").write_text(BRIDGE, encoding="utf-8")
    r = _run("source", str(corpus / "ellwyn-gazette-bridge.txt"), str(corpus / "broken.html"),
             str(tmp_path / "reposted.txt"), "--db", db, "--model", "hash", "--json")
    assert r.returncode == 1 and "broken.html" in r.stderr and "Traceback" not in r.stderr
    many = json.loads(r.stdout)
    assert [Path(x["query"]["path"]).name for x in many] == ["ellwyn-gazette-bridge.txt", "reposted.txt"]
    assert many[0]["matches"] == data["matches"] and many[1]["matches"]
    r = _run("trace", "--db", str(tmp_path / "missing.db"))
    assert r.returncode == 2 and "no such store" in r.stderr and "Traceback" not in r.stderr


# --- resume after a kill ---------------------------------------------------------------------

def test_parallel_trace_stores_the_same_verdicts(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from byline.corpus import trace as tr
    from byline.corpus.ingest import ingest

    monkeypatch.setattr(tr, "PARALLEL_CHUNK", 1)  # this corpus has a handful of pairs: one task each
    verdicts = []
    for name, jobs in (("serial.db", 1), ("parallel.db", 2)):
        with Store(tmp_path / name) as store:
            ingest([str(corpus)], store, load_embedder("hash"))
            if jobs > 1:  # the workers judge every pair: this process judges none
                monkeypatch.setattr(tr, "_judge_serial", None)
            result = tr.trace(store, tr.corpus_engine("hash"), jobs=jobs)
            assert result.stats["verified"] == result.stats["candidates"] > 2
            info = store.info()
            verdicts.append({(info[r.a]["id"], info[r.b]["id"], r.relation.kind.value, r.relation.original,
                              round(r.relation.confidence, 6)) for r in store.relations()})
            if jobs > 1:  # a rerun in parallel judges nothing again
                assert tr.trace(store, tr.corpus_engine("hash"), jobs=jobs).stats["verified"] == 0
    assert verdicts[0] == verdicts[1]


SUBJECTS = ["The harbour board", "A group of nurses", "The county library", "Two hikers", "The ferry company",
            "A school choir", "The water utility", "Local beekeepers", "The night market", "A retired pilot"]
VERBS = ["announced", "postponed", "celebrated", "questioned", "completed", "opened", "reviewed", "won", "lost", "planned"]
OBJECTS = ["a plan for the old mill", "the spring festival", "a survey of the coastline", "new opening hours",
           "a charity run", "the repair of a lighthouse", "a grant for solar panels", "a reading contest"]


def _pages(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for i in range(n):
        sentences = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} on day {rng.randint(1, 999)} "
                     f"of the year {1900 + i}." for _ in range(6)]
        (folder / f"page{i:04d}.txt").write_text("\n\n".join(sentences), encoding="utf-8")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path, sig: signal.Signals) -> None:
    pages = tmp_path / "pages"
    _pages(pages, 400)
    db = tmp_path / "resume.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "byline", "ingest", str(pages), "--db", str(db), "--model", "hash",
                             "--batch", "5", "-q"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _count(db) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    stored = _count(db)
    assert 0 < stored < 400, f"the ingest was not stopped midway ({stored} stored)"
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in err and "Traceback" not in err
    with Store(db) as store:  # every stored article is whole: its sentences, signature and vector are there
        incomplete = store.conn.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article = a.key) "
            "OR NOT EXISTS (SELECT 1 FROM signatures g WHERE g.article = a.key) "
            "OR NOT EXISTS (SELECT 1 FROM vectors v WHERE v.article = a.key)").fetchone()[0]
        assert incomplete == 0
    r = _run("ingest", str(pages), "--db", str(db), "--model", "hash")
    assert r.returncode == 0, r.stderr
    with Store(db) as store:
        assert store.count() == 400
        paths = [r[0] for r in store.conn.execute("SELECT path FROM articles")]
        assert len(set(paths)) == 400
        assert store.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 400 * 6


def test_parallel_ingest_stores_the_same_articles(tmp_path: Path) -> None:
    from byline.corpus.ingest import ingest

    pages = tmp_path / "pages"
    _pages(pages, 60)
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        s1 = ingest([str(pages)], one, load_embedder("hash"), batch=7)
        s2 = ingest([str(pages)], two, load_embedder("hash"), batch=7, jobs=2)
        assert s1.added == s2.added == 60
        ids = lambda s: {r[0] for r in s.conn.execute("SELECT id FROM articles")}  # noqa: E731
        assert ids(one) == ids(two)
        assert ingest([str(pages)], two, load_embedder("hash"), jobs=2).skipped == 60


def _rel(a: int, b: int, kind: str, original: str, supported: float) -> "StoredRelation":
    from byline.records import Relation, RelationKind
    from byline.store import StoredRelation

    return StoredRelation(a, b, Relation(kind=RelationKind(kind), original=original, confidence=0.6, basis="content",
                                         evidence={"copy_supported": supported, "copy_strong": supported / 2}), "test")


def test_split_families_demotes_look_alikes_between_families() -> None:
    from byline.corpus.trace import explain_away, split_families

    # two reports of one event (1, 4), each with a rewrite (2, 5) and a paraphrase (3, 6); the
    # retellings 3 and 5 look alike, but neither is the other's strongest relation nor close to it
    family_1 = [_rel(1, 2, "rewrite", "a", 0.9), _rel(1, 3, "summary", "a", 0.9), _rel(2, 3, "summary", "a", 0.95)]
    family_4 = [_rel(4, 5, "rewrite", "a", 0.9), _rel(4, 6, "summary", "a", 0.85), _rel(5, 6, "summary", "a", 0.8)]
    look_alike = _rel(3, 5, "rewrite", "a", 0.6)
    out = split_families(family_1 + family_4 + [look_alike])
    assert [r.relation.kind.value for r in out[:6]] == [r.relation.kind.value for r in family_1 + family_4]
    assert out[6].relation.kind.value == "independent" and out[6].relation.evidence["other_family"] == 1.0
    # ... but where it is one text's strongest relation (5 has no other), it ties the families
    lone = split_families(family_1 + [look_alike])
    assert lone[-1].relation.kind.value == "rewrite"
    # ... and so does a relation within 90 % of an end's strongest one
    close = _rel(3, 5, "rewrite", "a", 0.86)
    assert split_families(family_1 + family_4 + [close])[-1].relation.kind.value == "rewrite"
    # texts that share words are one family, whatever the scores of their reworded relations
    copied = family_1 + family_4 + [look_alike, _rel(1, 4, "near_copy", "a", 0.5)]
    assert split_families(copied)[6].relation.kind.value == "rewrite"
    # explain_away applies it first
    assert explain_away(family_1 + family_4 + [look_alike])[6].relation.kind.value == "independent"


def test_explain_away_keeps_the_best_source_of_a_rewrite() -> None:
    from dataclasses import replace

    from byline.corpus.trace import explain_away
    from byline.store import StoredRelation

    # 3 is a rewrite of 1 (strong) and looks like a rewrite of 2 (weaker); 1 and 2 are unrelated
    rels = [_rel(1, 3, "rewrite", "a", 0.9), _rel(2, 3, "rewrite", "a", 0.5)]
    out = {(r.a, r.b): r.relation for r in explain_away(rels)}
    assert out[(1, 3)].kind.value == "rewrite"
    assert out[(2, 3)].kind.value == "independent" and out[(2, 3)].original == "unknown"
    # a chain: 2 is itself made from 1, so both stay sources of 3
    chain = rels + [_rel(1, 2, "near_copy", "a", 0.95)]
    assert all(r.relation.kind.derived for r in explain_away(chain))
    # the best source may be a near copy; it still explains a weaker rewrite away
    near = [_rel(1, 3, "near_copy", "a", 0.95), _rel(2, 3, "rewrite", "a", 0.6)]
    assert [r.relation.kind.value for r in explain_away(near)] == ["near_copy", "independent"]
    # verbatim and partial copies keep every source
    quoted = [_rel(1, 3, "partial", "a", 0.4), _rel(2, 3, "partial", "a", 0.3)]
    assert all(r.relation.kind.value == "partial" for r in explain_away(quoted))
    # one text at two places (1 and 2, linked by a verbatim relation): both stay sources
    tied = [_rel(1, 3, "rewrite", "a", 0.9), _rel(2, 3, "rewrite", "a", 0.9), _rel(4, 3, "rewrite", "a", 0.5),
            _rel(1, 2, "verbatim", "unknown", 1.0)]
    assert [r.relation.kind.value for r in explain_away(tied)] == ["rewrite", "rewrite", "independent", "verbatim"]
    # two different texts that happen to explain the copy equally: the earlier stored one stays
    assert [r.relation.kind.value for r in explain_away(tied[:3])] == ["rewrite", "independent", "independent"]
    # a look-alike kept only by a link that is itself explained away goes too: 1 is a rewrite of 3
    # and looks like one of 2; 5 is a rewrite of 1 and looks like one of 2 (kept while 2 -> 1 stood)
    rounds = [_rel(3, 1, "rewrite", "a", 0.9), _rel(2, 1, "rewrite", "a", 0.4),
              _rel(1, 5, "rewrite", "a", 0.9), _rel(2, 5, "rewrite", "a", 0.5)]
    assert [r.relation.kind.value for r in explain_away(rounds)] == ["rewrite", "independent", "rewrite", "independent"]
    # a relation whose direction is unknown is weighed from the side its measures were taken of
    loose = _rel(2, 3, "rewrite", "unknown", 0.5)
    as_copy = StoredRelation(2, 3, replace(loose.relation, evidence={**loose.relation.evidence, "copy_side": "b"}), "test")
    as_source = StoredRelation(2, 3, replace(loose.relation, evidence={**loose.relation.evidence, "copy_side": "a"}), "test")
    assert [r.relation.kind.value for r in explain_away([rels[0], as_copy])] == ["rewrite", "independent"]
    assert [r.relation.kind.value for r in explain_away([rels[0], as_source])] == ["rewrite", "rewrite"]
    assert [r.relation.kind.value for r in explain_away([rels[0], loose])] == ["rewrite", "rewrite"]  # side not stored
