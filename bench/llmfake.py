"""Relation and direction accuracy on LLMFake/GossipCop (../shared/data/llmfake-dev).

    python -m bench.llmfake [--limit N] [--model auto|static|minilm] [--json OUT]

For every row whose gpt-3.5 paraphrase or rewrite differs from the original ``news_text``:

- derived: the pair (original, generated), in alternating argument order, must be judged a
  derived kind (verbatim, near_copy, rewrite, summary, partial) with the original as original;
- unrelated: the original paired with a random other row's generated text must be ``unrelated``.

Prints a table per generation style; targets (issue 2): both rates >= 95 %.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "llmfake-dev"
FILES = {
    "paraphrase": "synthetic-gpt-3.5-turbo_gossipcop_paraphrase_generation_processed.csv",
    "rewrite": "synthetic-gpt-3.5-turbo_gossipcop_rewrite_generation_processed.csv",
}


def load_pairs(data: Path = DATA) -> list[tuple[str, str, str, str]]:
    """(style, news_id, original, generated) for the rows where the two texts differ."""
    csv.field_size_limit(1 << 30)
    rows = []
    for style, name in FILES.items():
        with open(data / name, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["news_text"] != r["synthetic_misinformation"]:
                    rows.append((style, r["news_id"], r["news_text"], r["synthetic_misinformation"]))
    return rows


def run(limit: int | None, model: str, seed: int = 13) -> dict:
    from byline.compare import Engine
    from byline.records import Article

    pairs = load_pairs()
    rng = random.Random(seed)
    if limit:
        pairs = rng.sample(pairs, min(limit, len(pairs)))
    engine = Engine(model=model)
    stats: dict[str, Counter] = {}
    kinds: dict[str, Counter] = {}
    seconds: list[float] = []
    misses = []
    for k, (style, nid, original, generated) in enumerate(pairs):
        o, g = Article(path=f"{nid}/original", text=original), Article(path=f"{nid}/{style}", text=generated)
        flip = k % 2 == 1
        c = engine.compare(g, o) if flip else engine.compare(o, g)
        seconds.append(c.seconds)
        want = "b" if flip else "a"
        ok = c.relation.kind.derived and c.relation.original == want
        stats.setdefault(style, Counter())["derived_ok" if ok else "derived_miss"] += 1
        kinds.setdefault(style, Counter())[c.relation.kind.value] += 1
        if not ok:
            misses.append({"id": nid, "style": style, "kind": c.relation.kind.value, "original": c.relation.original, "want": want})
        other = pairs[rng.randrange(len(pairs))]
        while other[1] == nid:
            other = pairs[rng.randrange(len(pairs))]
        c2 = engine.compare(o, Article(path=f"{other[1]}/{other[0]}", text=other[3]))
        stats[style]["unrelated_ok" if c2.relation.kind.value == "unrelated" else "unrelated_miss"] += 1
        kinds.setdefault("random", Counter())[c2.relation.kind.value] += 1
    result = {"pairs": len(pairs), "model": model, "styles": {}, "kinds": {k: dict(v) for k, v in kinds.items()},
              "median_seconds": statistics.median(seconds) if seconds else 0.0, "misses": misses}
    for style, s in stats.items():
        n_d = s["derived_ok"] + s["derived_miss"]
        n_u = s["unrelated_ok"] + s["unrelated_miss"]
        result["styles"][style] = {"pairs": n_d, "derived_with_direction": s["derived_ok"] / n_d, "unrelated": s["unrelated_ok"] / n_u}
    tot = sum(s["derived_ok"] for s in stats.values()), sum(s["unrelated_ok"] for s in stats.values())
    result["derived_with_direction"] = tot[0] / len(pairs)
    result["unrelated"] = tot[1] / len(pairs)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="random sample of this many changed rows")
    ap.add_argument("--model", default="auto", choices=["auto", "static", "minilm"])
    ap.add_argument("--json", help="write the full result here")
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"bench.llmfake: {DATA} not found", file=sys.stderr)
        return 2
    t = time.perf_counter()
    r = run(args.limit, args.model)
    print(f"LLMFake GossipCop, model={r['model']}, {r['pairs']} changed rows, {time.perf_counter() - t:.0f} s")
    print(f"{'style':<12}{'pairs':>7}{'derived+direction':>19}{'random=unrelated':>18}")
    for style, s in r["styles"].items():
        print(f"{style:<12}{s['pairs']:>7}{s['derived_with_direction']:>19.1%}{s['unrelated']:>18.1%}")
    print(f"{'all':<12}{r['pairs']:>7}{r['derived_with_direction']:>19.1%}{r['unrelated']:>18.1%}")
    print(f"median seconds per pair: {r['median_seconds']:.3f}")
    print("kinds:", json.dumps(r["kinds"]))
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
