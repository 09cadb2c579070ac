"""Corpus-scale benchmark: ingest speed and memory, store size, candidate search, trace, source.

    python -m bench.corpus [--scales 1000,10000,100000] [--queries 100] [--json OUT]

The scale sets are synthetic articles built from real text: sentences of the PAN 2013 source
documents (../shared/data/pan13-text-alignment/train_corpus/src, 3,230 web texts), 12-30 per
article, each the first half of one random pool sentence joined to the second half of another
(so that no sentence recurs even at 100k articles), grouped into paragraphs: no two articles share
more than chance.
Into each set copies are planted for recall: 2 % verbatim with page chrome around them, 2 % near
copies (a few words changed, two sentences dropped) and 2 % partial copies (half of the
source's sentences inside new text). A held-out query set (half near copies of stored
articles, half new articles) measures ``source``: each query is timed with its candidates
verified by the compare engine (every query, not a sample).

Every measure is printed beside a named baseline run in the same process on the same data:
plain datasketch ``MinHashLSH`` (32 x 4, fed the same signatures) for the lexical tier and
brute-force cosine (one numpy matrix product, all pairs) for the vector tier. Ingest and
candidate search run in child processes so their peak memory (max RSS) is their own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAN_SRC = Path(__file__).resolve().parents[2] / "shared" / "data" / "pan13-text-alignment" / "train_corpus" / "src"
CHROME_TOP = "Home | World | Business | Tech | Sport\nAdvertisement\n"
CHROME_BOTTOM = "\nShare this article\nRead more: the week in pictures\nSign up for our newsletter"


def sentence_pool(limit_docs: int | None = None) -> list[str]:
    from byline.text import split_sentences

    pool = []
    for p in sorted(PAN_SRC.glob("*.txt"))[:limit_docs]:
        text = p.read_text(encoding="utf-8", errors="replace")
        pool += [s.text for s in split_sentences(text) if 40 <= len(s.text) <= 400]
    return pool


def _article(rng: random.Random, pool: list[str]) -> list[str]:
    return [_sentence(rng, pool) for _ in range(rng.randint(12, 30))]


def _sentence(rng: random.Random, pool: list[str]) -> str:
    """The first half of one pool sentence joined to the second half of another.

    The pool holds ~100k sentences; a 100k-article set draws 2.1M. Whole pool sentences would
    recur in ~20 articles each, so unrelated articles would share passages word for word (real
    partial reuse, by chance) and the set would stop being a set of unrelated texts as it grows.
    Joined halves do not recur: two unrelated articles share at most a few half sentences.
    """
    head, tail = rng.choice(pool).split(" "), rng.choice(pool).split(" ")
    if len(head) < 6 or len(tail) < 6:
        return " ".join(head)
    return " ".join(head[: len(head) // 2] + tail[len(tail) // 2 :])


def _join(sents: list[str], rng: random.Random) -> str:
    paras, i = [], 0
    while i < len(sents):
        k = rng.randint(2, 4)
        paras.append(" ".join(sents[i : i + k]))
        i += k
    return "\n\n".join(paras)


def _near(sents: list[str], rng: random.Random) -> list[str]:
    out = [s for s in sents]
    for _ in range(2):
        if len(out) > 4:
            out.pop(rng.randrange(len(out)))
    words = " ".join(out).split(" ")
    for _ in range(max(1, len(words) // 25)):
        words[rng.randrange(len(words))] = rng.choice(["said", "reported", "new", "local", "the", "several"])
    return [" ".join(words)]


def build(n: int, pool: list[str], folder: Path, queries: int, seed: int = 1) -> dict:
    """Write ``corpus.jsonl`` (n articles with planted copies) and ``queries.jsonl``; return the truth."""
    rng = random.Random(seed)
    base = [_article(rng, pool) for _ in range(n)]
    records, planted = [], []
    n_each = max(1, n // 50)
    for i in range(n - 3 * n_each):
        records.append({"id": f"a{i}", "text": _join(base[i], rng)})
    for j in range(3 * n_each):  # copies of the first articles, replacing the last ones
        src = rng.randrange(n - 3 * n_each)
        kind = ("verbatim", "near", "partial")[j % 3]
        if kind == "verbatim":
            text = CHROME_TOP + records[src]["text"] + CHROME_BOTTOM
        elif kind == "near":
            text = _join(_near(base[src], rng), rng)
        else:
            half = base[src][: len(base[src]) // 2]
            text = _join(_article(rng, pool)[:8] + half, rng)
        records.append({"id": f"c{j}-{kind}", "text": text})
        planted.append((f"a{src}", f"c{j}-{kind}", kind))
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r) + "\n")
    with open(folder / "queries.jsonl", "w", encoding="utf-8") as fh:
        for q in range(queries):
            if q % 2 == 0:
                src = rng.randrange(n - 3 * n_each)
                fh.write(json.dumps({"id": f"q{q}-near-a{src}", "text": _join(_near(base[src], rng), rng)}) + "\n")
            else:
                fh.write(json.dumps({"id": f"q{q}-new", "text": _join(_article(rng, pool), rng)}) + "\n")
    return {"planted": planted}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_ingest(corpus: Path, db: Path) -> dict:
    from byline.corpus.ingest import ingest
    from byline.store import Store

    cpu0 = time.process_time()
    with Store(db) as store:
        stats = ingest([str(corpus)], store)
        cpu = time.process_time() - cpu0
        sizes = store.sizes()
        n = store.count()
    # pages per CPU-second is the per-core rate, and it holds on a machine shared with other work
    return {"stats": stats.as_dict(), "cpu_seconds": round(cpu, 2), "pages_per_cpu_second": round(stats.pages / cpu, 1),
            "peak_mb": round(_peak_mb(), 1), "articles": n, "sizes": sizes}


def _recall(pairs: set[tuple[int, int]], planted_keys: list[tuple[int, int, str]]) -> dict[str, float]:
    out = {}
    for kind in ("verbatim", "near", "partial"):
        want = [(min(a, b), max(a, b)) for a, b, k in planted_keys if k == kind]
        out[kind] = round(sum(p in pairs for p in want) / len(want), 4) if want else 1.0
    return out


def worker_measure(folder: Path, db: Path, planted: list, verify_sample: int, full_trace: bool, jobs: int = 1) -> dict:
    import numpy as np

    from byline.candidates import CandidateIndex
    from byline.corpus.ingest import EMBEDDER_KEY, prepare, resolve_embedder
    from byline.corpus.source import SourceFinder
    from byline.corpus.trace import corpus_engine, trace
    from byline.extract import extract
    from byline.fingerprint import DEFAULT
    from byline.read import iter_pages
    from byline.store import Store

    out: dict = {}
    with Store(db) as store:
        name_to_key = {str(v["path"]).rsplit("#", 1)[-1]: k for k, v in store.info().items()}
        planted_keys = [(name_to_key[a], name_to_key[b], k) for a, b, k in planted if a in name_to_key and b in name_to_key]
        model = store.get_meta(EMBEDDER_KEY)

        # --- candidates: ours (all three tiers) -----------------------------------------------
        t0 = time.perf_counter()
        index = CandidateIndex.from_store(store, model)
        t1 = time.perf_counter()
        lexical = {p for p, s in index.lexical.pairs().items() if s >= 0.1}
        t2 = time.perf_counter()
        semantic = set(index.semantic.pairs())
        t3 = time.perf_counter()
        keyword = set(index.keyword.pairs())
        t4 = time.perf_counter()
        cands = index.pairs()
        out["ours"] = {"load_s": round(t1 - t0, 3), "lexical_s": round(t2 - t1, 3), "semantic_s": round(t3 - t2, 3),
                       "keyword_s": round(t4 - t3, 3), "lexical_pairs": len(lexical), "semantic_pairs": len(semantic),
                       "keyword_pairs": len(keyword), "candidates": len(cands),
                       "recall_lexical": _recall(lexical, planted_keys),
                       "recall_all": _recall({(c.a, c.b) for c in cands}, planted_keys)}

        # --- baselines: datasketch MinHashLSH on the same signatures; brute-force cosine ------
        from datasketch import MinHash, MinHashLSH

        keys, sigs = store.signatures(DEFAULT.name)
        t0 = time.perf_counter()
        lsh = MinHashLSH(num_perm=DEFAULT.num_perm, params=(DEFAULT.bands, DEFAULT.rows))
        mhs = []
        for k, sig in zip(keys.tolist(), sigs):
            m = MinHash(num_perm=DEFAULT.num_perm, hashvalues=sig.astype(np.uint64), scheme="affine32")
            lsh.insert(k, m)
            mhs.append((k, m))
        ds_pairs = set()
        for k, m in mhs:
            ds_pairs.update((min(k, o), max(k, o)) for o in lsh.query(m) if o != k)
        sig_of = dict(zip(keys.tolist(), sigs))
        ds_pairs = {p for p in ds_pairs if (sig_of[p[0]] == sig_of[p[1]]).mean() >= 0.1}  # same cut as ours
        t1 = time.perf_counter()
        out["datasketch_lsh"] = {"seconds": round(t1 - t0, 3), "pairs": len(ds_pairs), "recall": _recall(ds_pairs, planted_keys)}

        vkeys, vecs = store.vectors(model, "mean")
        t0 = time.perf_counter()
        v = vecs - vecs.mean(axis=0)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        bf_pairs = set()
        step = max(1, 20_000_000 // len(v))
        for s in range(0, len(v), step):
            sims = v[s : s + step] @ v.T
            for r in range(sims.shape[0]):
                sims[r, s + r] = -1
            top = np.argpartition(-sims, 3, axis=1)[:, :3]
            for r, cols in enumerate(top):
                for c in cols:
                    if sims[r, c] >= 0.5:
                        a, b = int(vkeys[s + r]), int(vkeys[c])
                        bf_pairs.add((min(a, b), max(a, b)))
        t1 = time.perf_counter()
        out["bruteforce_cosine"] = {"seconds": round(t1 - t0, 3), "pairs": len(bf_pairs),
                                    "agreement_with_ours": round(len(bf_pairs & semantic) / max(len(bf_pairs), 1), 4)}

        # --- verification by the engine (static model) -----------------------------------------
        engine = corpus_engine("static")
        if full_trace:
            t0 = time.perf_counter()
            result = trace(store, engine, jobs=jobs)
            out["trace"] = {"seconds": round(time.perf_counter() - t0, 2), "jobs": jobs, **result.stats}
        else:
            rng = random.Random(3)
            sample = rng.sample(cands, min(verify_sample, len(cands)))
            t0 = time.perf_counter()
            for c in sample:
                engine.compare(store.article(c.a), store.article(c.b))
            per_pair = (time.perf_counter() - t0) / max(len(sample), 1)
            cand_s = sum(out["ours"][k] for k in ("load_s", "lexical_s", "semantic_s", "keyword_s"))
            out["trace"] = {"estimated_seconds": round(cand_s + per_pair * len(cands), 1),
                            "per_pair_s": round(per_pair, 4), "sampled_pairs": len(sample)}

        # --- source latency -------------------------------------------------------------------
        finder = SourceFinder(store, engine)
        embedder = resolve_embedder(store, None)
        queries = [extract(p) for p in iter_pages([str(folder / "queries.jsonl")]) if not isinstance(p, Exception)]
        finder.candidates(queries[0])  # warm up
        lat_feat, lat_search, lat_full, lat_ds, hit = [], [], [], [], 0
        centre = vecs.mean(axis=0)
        for i, q in enumerate(queries):
            t0 = time.perf_counter()
            entry = prepare([q], embedder)[0]  # sentences, shingles, signature, key terms, mean vector
            t1 = time.perf_counter()
            found = finder.index.query(entry.signature, entry.terms, entry.vectors["mean"], limit=11)
            t2 = time.perf_counter()
            lat_feat.append(t1 - t0)
            lat_search.append(t2 - t1)
            want = q.path.rsplit("-", 1)[-1]
            if "near" in q.path:
                hit += any(c.b == name_to_key.get(want) for c in found)
            # baseline on the same features: datasketch LSH query + brute-force cosine over all vectors
            t0 = time.perf_counter()
            lsh.query(MinHash(num_perm=DEFAULT.num_perm, hashvalues=entry.signature.astype(np.uint64), scheme="affine32"))
            qv = entry.vectors["mean"] - centre
            sims = v @ (qv / np.linalg.norm(qv))
            np.argpartition(-sims, min(10, len(sims) - 1))[:10]
            lat_ds.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            finder.find(q)
            lat_full.append(time.perf_counter() - t0)
        near = sum("near" in q.path for q in queries)

        def pct(xs: list[float], p: float) -> float:
            return round(1000 * float(np.percentile(xs, p)), 2) if xs else 0.0

        lat_cand = [a + b for a, b in zip(lat_feat, lat_search)]
        out["source"] = {"queries": len(queries), "candidates_ms_p50": pct(lat_cand, 50), "candidates_ms_p95": pct(lat_cand, 95),
                         "features_ms_p50": pct(lat_feat, 50), "search_ms_p50": pct(lat_search, 50), "search_ms_p95": pct(lat_search, 95),
                         "with_verify_ms_p50": pct(lat_full, 50), "with_verify_ms_p95": pct(lat_full, 95),
                         "baseline_search_ms_p50": pct(lat_ds, 50), "baseline_search_ms_p95": pct(lat_ds, 95),
                         "near_copy_found": round(hit / max(near, 1), 4)}
    out["peak_mb"] = round(_peak_mb(), 1)
    return out


def _child(*args: str) -> dict:
    r = subprocess.run([sys.executable, "-m", "bench.corpus", *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"worker failed: {r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def signature_speed(pool: list[str], n: int = 2000) -> dict:
    """Signatures per second: rensa (ours) vs datasketch bulk with xxhash, same shingle sets."""
    import xxhash
    from datasketch import MinHash

    from byline.fingerprint import shingle_sets, signatures

    rng = random.Random(5)
    sets = shingle_sets(_join(_article(rng, pool), rng) for _ in range(n))
    t0 = time.perf_counter()
    signatures(sets)
    t1 = time.perf_counter()
    MinHash.bulk([[s.encode() for s in x] for x in sets], num_perm=128, hashfunc=xxhash.xxh32_intdigest)
    t2 = time.perf_counter()
    return {"rensa_docs_s": round(n / (t1 - t0)), "datasketch_docs_s": round(n / (t2 - t1))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--queries", type=int, default=100, help="source queries per scale")
    ap.add_argument("--verify-sample", type=int, default=300, help="pairs timed through the engine where trace is estimated")
    ap.add_argument("--full-trace-max", type=int, default=10_000, help="run the whole trace up to this size (else estimate)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="trace worker processes (default: one per CPU)")
    ap.add_argument("--json", help="write all figures as JSON")
    ap.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        if args.worker[0] == "ingest":
            print(json.dumps(worker_ingest(Path(args.worker[1]), Path(args.worker[2]))))
        else:
            folder, db, truth, sample, full, jobs = args.worker[1:7]
            planted = json.loads(Path(truth).read_text())["planted"]
            print(json.dumps(worker_measure(Path(folder), Path(db), planted, int(sample), full == "1", int(jobs))))
        return 0
    if not PAN_SRC.exists():
        print("../shared/data/pan13-text-alignment is missing")
        return 1
    pool = sentence_pool()
    results = {"sentence_pool": len(pool), "signatures": signature_speed(pool), "scales": {}}
    for n in [int(x) for x in args.scales.split(",")]:
        with tempfile.TemporaryDirectory(prefix="byline-bench-") as tmp:
            folder = Path(tmp)
            truth = build(n, pool, folder, args.queries)
            (folder / "truth.json").write_text(json.dumps(truth))
            ing = _child("--worker", "ingest", str(folder / "corpus.jsonl"), str(folder / "store.db"))
            meas = _child("--worker", "measure", str(folder), str(folder / "store.db"), str(folder / "truth.json"),
                          str(args.verify_sample), "1" if n <= args.full_trace_max else "0", str(args.jobs))
            results["scales"][n] = {"ingest": ing, "measure": meas, "db_bytes": sum(p.stat().st_size for p in folder.glob("store.db*"))}
        print(f"done {n}", file=sys.stderr)
        if args.json:  # after each scale: a long run that is stopped keeps the scales it finished
            Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_table(results)
    return 0


def print_table(results: dict) -> None:
    sig = results["signatures"]
    print(f"MinHash signatures (same shingle sets): rensa {sig['rensa_docs_s']:,} docs/s | "
          f"baseline datasketch bulk+xxhash {sig['datasketch_docs_s']:,} docs/s\n")
    print("| articles | ingest pages/s (wall) | pages per CPU-second | ingest peak MB | index B/article (sig+terms+vec) | sentences B/article | "
          "candidates s: ours (3 tiers) | datasketch LSH s | brute-force cosine s | candidate pairs | "
          "recall near/partial: ours lexical, ours all tiers, datasketch | trace s (static engine) | source ms p50/p95: features + search | "
          "search only: ours / baseline ms p50 | source ms p50/p95 with verify |")
    print("|" + "---|" * 16)
    for n, r in results["scales"].items():
        ing, m = r["ingest"], r["measure"]
        art = max(ing["articles"], 1)
        sizes = ing["sizes"]
        index_b = sum(sizes.get(t, 0) for t in ("signatures", "terms", "vectors")) / art
        sent_b = sizes.get("sentences", 0) / art
        o = m["ours"]
        cand_s = o["load_s"] + o["lexical_s"] + o["semantic_s"] + o["keyword_s"]
        tr = m["trace"]
        trace_s = f"{tr['seconds']:.0f} ({tr.get('jobs', 1)} jobs)" if "seconds" in tr else f"~{tr['estimated_seconds']:.0f} (est.)"
        s = m["source"]
        print(f"| {n:,} | {ing['stats']['pages_per_second']:.0f} | {ing['pages_per_cpu_second']:.0f} | {ing['peak_mb']:.0f} | {index_b:.0f} | {sent_b:.0f} | "
              f"{cand_s:.2f} | {m['datasketch_lsh']['seconds']:.2f} | {m['bruteforce_cosine']['seconds']:.2f} | {o['candidates']:,} | "
              f"{o['recall_lexical']['near']:.2f}/{o['recall_lexical']['partial']:.2f}, "
              f"{o['recall_all']['near']:.2f}/{o['recall_all']['partial']:.2f}, "
              f"{m['datasketch_lsh']['recall']['near']:.2f}/{m['datasketch_lsh']['recall']['partial']:.2f} | {trace_s} | "
              f"{s['candidates_ms_p50']:.1f}/{s['candidates_ms_p95']:.1f} | {s['search_ms_p50']:.2f} / {s['baseline_search_ms_p50']:.2f} | "
              f"{s['with_verify_ms_p50']:.0f}/{s['with_verify_ms_p95']:.0f} |")


if __name__ == "__main__":
    raise SystemExit(main())
