"""Speed of ``compare``: model load time, median seconds per pair, peak memory.

    python -m bench.speed [--pairs N] [--model auto|static|minilm]

Pairs: LLMFake/GossipCop originals and their gpt-3.5 rewrites, two consecutive rows joined and
cut to their first 1,000 words (real text, read from ../shared at run time).
Baseline in the same run: the static model alone (no MiniLM verification) and MiniLM alone.
Target (issue 2): < 1 s per pair on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc

from bench.llmfake import DATA, load_pairs


def _cut(text: str, n: int = 1000) -> str:
    return " ".join(text.split()[:n])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=20)
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"bench.speed: {DATA} not found", file=sys.stderr)
        return 2
    import resource

    from byline.compare import Engine
    from byline.embed import _CACHE
    from byline.records import Article

    # GossipCop originals stop near 700 words, so two consecutive rows make one 1,000-word article
    rows = [r for r in load_pairs() if r[0] == "rewrite" and len(r[2].split()) >= 500 and len(r[3].split()) >= 500]
    pairs = []
    for (_, n1, o1, g1), (_, n2, o2, g2) in zip(rows[0::2], rows[1::2]):
        pairs.append((Article(path=f"{n1}+{n2}/o", text=_cut(o1 + "\n\n" + o2)), Article(path=f"{n1}+{n2}/g", text=_cut(g1 + "\n\n" + g2))))
    pairs = pairs[: args.pairs]
    words = statistics.median(len(a.text.split()) + len(b.text.split()) for a, b in pairs) / 2
    print(f"{len(pairs)} pairs, median {words:.0f} words per article")
    print(f"{'engine':<10}{'load s':>9}{'median s/pair':>15}{'p90 s/pair':>12}{'peak MiB (py)':>15}")
    for model in ("static", "auto", "minilm"):
        _CACHE.clear()  # each engine's load time from cold (embedders are cached per process)
        t = time.perf_counter()
        engine = Engine(model=model)
        if model == "auto":
            _ = engine.verifier  # load MiniLM up front so load time is not counted per pair
        load = time.perf_counter() - t
        engine.compare(*pairs[0])  # warm-up
        tracemalloc.start()
        secs = []
        for a, b in pairs:
            t = time.perf_counter()
            engine.compare(a, b)
            secs.append(time.perf_counter() - t)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        secs.sort()
        p90 = secs[int(0.9 * (len(secs) - 1))]
        print(f"{model:<10}{load:>9.2f}{statistics.median(secs):>15.3f}{p90:>12.3f}{peak:>15.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {rss:.0f} MiB (all three engines loaded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
