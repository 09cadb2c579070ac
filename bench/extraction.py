"""Article-body extraction on the Scrapinghub benchmark (181 news pages, ../shared/data).

    python -m bench.extraction [--data DIR] [--modes fast,best] [--limit N] [--worst N] [--json OUT]

Scores, in one run and with the benchmark's own measure (``bench.metrics.extraction_scores``):

- every system whose predictions ship in ``output/`` (trafilatura 2.0.0, readability, goose3, ...),
  next to the figure the benchmark's README publishes for it, so a wrong metric shows at once;
- byline's extractor (``byline.read.read_page`` + ``byline.extract.extract`` on each ``html.gz``) in
  each requested mode, with pages/s measured in this process (one core); ``--worst N`` lists the
  N pages it scores lowest on, to see where it loses.

Targets (issue 4): F1 >= 0.97 (rs-trafilatura, AutoExtract) in the best mode, >= 100 pages/s per
core in the fast mode.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.metrics import extraction_prf, extraction_scores, page_counts

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
# Output files whose README row carries another name.
README_ALIASES = {"newspaper": ("newspaper4k", "newspaper3k"), "readability": ("readability", "readability-lxml")}
_ROW = re.compile(r"^\s{4}(\S+)\s+(.+?)\s+(\d\.\d{3}) ± \d\.\d{3}\s+(\d\.\d{3}) ± \d\.\d{3}\s+(\d\.\d{3}) ± ")


def load_truth(data: Path = DATA) -> dict[str, str]:
    """Item id -> ground-truth article body."""
    raw = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: v.get("articleBody") or "" for k, v in raw.items()}


def load_system(path: Path) -> tuple[dict[str, str | None], str]:
    """One shipped prediction file: item id -> body, and the version it declares ("" if none)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    version = ""
    if isinstance(raw, dict) and set(raw) == {"version", "output"} and isinstance(raw["output"], dict):
        version, raw = str(raw["version"] or ""), raw["output"]
    return {k: (v or {}).get("articleBody") for k, v in raw.items()}, version


def published(data: Path = DATA) -> list[tuple[str, str, float, float, float]]:
    """(name, version, F1, precision, recall) rows of the README's result tables, newest first."""
    readme = data / "README.rst"
    if not readme.exists():
        return []
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            rows.append((m[1], m[2].strip(), float(m[3]), float(m[4]), float(m[5])))
    return rows


def published_f1(name: str, version: str, rows: list[tuple[str, str, float, float, float]]) -> float | None:
    """The README's F1 for a system: the row with the same version, else its newest row."""
    names = README_ALIASES.get(name, (name,))
    same = [r for r in rows if r[0] in names and version and r[1] == version]
    any_ = [r for r in rows if r[0] in names]
    hit = (same or any_ or [None])[0]
    return hit[2] if hit else None


def byline_extractor(mode: str) -> Callable[[str], str]:
    """``path -> body`` through byline's reader and extractor in ``mode`` ("fast" or "best").

    The mode is passed to ``extract`` when it takes one (``mode=`` or ``fast=``); an extractor
    without modes runs its default for both.
    """
    from byline.extract import extract
    from byline.read import read_page

    params = inspect.signature(extract).parameters
    if "mode" in params:
        kwargs = {"mode": mode}
    elif "fast" in params:
        kwargs = {"fast": mode == "fast"}
    else:
        kwargs = {}

    def run(path: str) -> str:
        return extract(read_page(path), **kwargs).text

    return run


def run_byline(mode: str, truth: dict[str, str], data: Path = DATA, limit: int | None = None) -> dict:
    """Extract every page with byline in ``mode``; scores, pages/s and failures."""
    fn = byline_extractor(mode)
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    pred: dict[str, str | None] = {}
    failures: list[str] = []
    fn(str(data / "html" / f"{keys[0]}.html.gz"))  # warm-up: lazy imports are not page time
    start = time.perf_counter()
    for key in keys:
        try:
            pred[key] = fn(str(data / "html" / f"{key}.html.gz"))
        except Exception as exc:  # a failing page scores as an empty prediction, and is listed
            pred[key] = ""
            failures.append(f"{key}: {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - start
    sub_truth = {k: truth[k] for k in keys}
    scores = extraction_scores(sub_truth, pred)
    scores.update({"pages_per_s": len(keys) / seconds if seconds else 0.0, "seconds": seconds, "failures": failures,
                   "per_page": per_page(sub_truth, pred)})
    return scores


def per_page(truth: dict[str, str], pred: dict[str, str | None]) -> dict[str, dict[str, float]]:
    """Item id -> that page's F1, precision and recall (the benchmark's measure on one page)."""
    return {k: extraction_prf([page_counts(truth[k], pred[k])]) for k in truth}


def format_worst(result: dict, n: int) -> str:
    """The ``n`` pages byline scores lowest on, per mode: id, F1, precision, recall."""
    lines = []
    for mode, s in result["byline"].items():
        lines.append(f"byline {mode}: {n} lowest pages")
        for key, page in sorted(s["per_page"].items(), key=lambda kv: kv[1]["f1"])[:n]:
            lines.append(f"  {key[:16]}  F1 {page['f1']:.3f}  P {page['precision']:.3f}  R {page['recall']:.3f}")
    return "\n".join(lines)


def run(data: Path = DATA, modes: tuple[str, ...] = ("fast", "best"), limit: int | None = None, systems: bool = True) -> dict:
    """Shipped systems (all pages) and byline in each mode."""
    truth = load_truth(data)
    rows = published(data)
    result: dict = {"pages": len(truth), "systems": {}, "byline": {}}
    if systems:
        for path in sorted((data / "output").glob("*.json")):
            pred, version = load_system(path)
            scores = extraction_scores(truth, pred)
            scores.update({"version": version, "published_f1": published_f1(path.stem, version, rows)})
            result["systems"][path.stem] = scores
    for mode in modes:
        result["byline"][mode] = run_byline(mode, truth, data, limit)
    return result


def format_table(result: dict) -> str:
    """The result as a plain-text table, systems sorted by F1."""
    lines = [f"{'system':<22}{'version':<10}{'F1':>7}{'P':>7}{'R':>7}{'acc':>7}{'published F1':>14}{'pages/s':>9}"]
    for mode, s in result["byline"].items():
        lines.append(f"{'byline ' + mode:<22}{'':<10}{s['f1']:>7.3f}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['accuracy']:>7.3f}{'':>14}{s['pages_per_s']:>9.1f}")
    for name, s in sorted(result["systems"].items(), key=lambda kv: -kv[1]["f1"]):
        pub = f"{s['published_f1']:.3f}" if s["published_f1"] is not None else "-"
        lines.append(f"{name:<22}{s['version'][:9]:<10}{s['f1']:>7.3f}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['accuracy']:>7.3f}{pub:>14}{'':>9}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="the benchmark folder (ground-truth.json, html/, output/)")
    ap.add_argument("--modes", default="fast,best", help="byline extraction modes to run, comma-separated")
    ap.add_argument("--limit", type=int, help="byline on the first N pages only (shipped systems always use all)")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages byline scores lowest on, per mode")
    ap.add_argument("--json", type=Path, help="write the full result here")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"bench.extraction: {args.data}/ground-truth.json not found", file=sys.stderr)
        return 2
    modes = tuple(m for m in args.modes.split(",") if m)
    result = run(args.data, modes, args.limit)
    print(f"Scrapinghub article-extraction benchmark, {result['pages']} pages")
    print(format_table(result))
    if args.worst:
        print(format_worst(result, args.worst))
    for mode, s in result["byline"].items():
        for f in s["failures"]:
            print(f"byline {mode} failed on {f}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
