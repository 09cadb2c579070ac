"""PAN 2013 text alignment: byline's reused passages against PAN's character-level gold.

    python -m bench.pan13 [--corpus DIR] [--subset NAME] [--limit N] [--detector byline|exact|gold]
                          [--model static|auto|minilm] [--jobs N] [--json OUT]

Works unchanged on any corpus in the PAN text-alignment layout: ``src/``, ``susp/`` and one folder
per sub-corpus holding a ``pairs`` file ("suspicious-documentX.txt source-documentY.txt" lines)
and one XML per pair whose ``<feature name="plagiarism" .../>`` elements are the gold cases.

For each pair the two ``.txt`` files become Articles as they are (no extraction), byline's
``Engine.compare(source, suspicious)`` runs without the explain stage (``explain=False``: passages
need no findings, and spaCy on PAN's long documents would take most of the time), and
``byline.passages.passages`` turns every link the aligner found (``Comparison.all_links``) into
detections, with the suspicious document as the text that may summarise the other (PAN's task
names it). The full training corpus takes 5-9 minutes with ``--jobs 2`` on the 2-core machine. Measures (``bench.metrics``): PAN's macro precision, recall, granularity and
plagdet per sub-corpus and for the entire corpus, plus pairs/s.

Detectors: ``byline`` (the engine), ``exact`` (a baseline: identical sentences, merged into passages
the same way), ``gold`` (the gold cases themselves: must score plagdet 1.0, checking the harness).

``--limit N`` takes a seeded random sample of N pairs per sub-corpus (the same sample every run).
Anchors (Sanchez-Perez et al. 2014, PAN13 training corpus, plagdet): entire 0.877, no obfuscation
0.894, random 0.889, translation 0.884, summary 0.577.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from bench.metrics import Passage, pan_scores

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "pan13-text-alignment" / "train_corpus"
ANCHORS = {  # Sanchez-Perez, Sidorov, Gelbukh, PAN@CLEF 2014 notebook, Table 2 (training corpus)
    "02-no-obfuscation": 0.89381,
    "03-random-obfuscation": 0.88864,
    "04-translation-obfuscation": 0.88394,
    "05-summary-obfuscation": 0.57727,
    "entire": 0.87735,
}


@dataclass(frozen=True, slots=True)
class Pair:
    """One suspicious/source document pair of a sub-corpus, with its gold cases."""

    subset: str
    susp: str  # file name stem, as PAN's evaluator names documents
    src: str
    cases: tuple[Passage, ...]


def read_text(path: Path) -> str:
    """A PAN document as the offsets count it: UTF-8, newlines untranslated."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def read_cases(xml_path: Path, susp: str, src: str) -> tuple[Passage, ...]:
    """The ``plagiarism`` features of one pair's XML (none for negative pairs)."""
    if not xml_path.exists():
        return ()
    root = ET.parse(xml_path).getroot()
    cases = []
    for f in root.iter("feature"):
        if not f.get("name", "").endswith("plagiarism") or f.get("this_offset") is None:
            continue
        ref = (f.get("source_reference") or "").removesuffix(".txt")
        cases.append(Passage(susp, int(f.get("this_offset")), int(f.get("this_length")), ref or src,
                             int(f.get("source_offset", 0)), int(f.get("source_length", 0))))
    return tuple(cases)


def subsets(corpus: Path) -> list[str]:
    """Sub-corpus folders: those holding a ``pairs`` file."""
    return sorted(p.name for p in corpus.iterdir() if p.is_dir() and (p / "pairs").exists())


def load_pairs(corpus: Path, subset: str | None = None, limit: int | None = None, seed: int = 0) -> list[Pair]:
    """Pairs of every sub-corpus (or those whose name contains ``subset``), ``limit`` per sub-corpus."""
    out: list[Pair] = []
    for name in subsets(corpus):
        if subset and subset not in name:
            continue
        lines = [ln.split() for ln in (corpus / name / "pairs").read_text().splitlines() if ln.strip()]
        if limit and limit < len(lines):
            lines = sorted(random.Random(seed).sample(lines, limit))
        for susp_file, src_file in lines:
            susp, src = susp_file.removesuffix(".txt"), src_file.removesuffix(".txt")
            out.append(Pair(name, susp, src, read_cases(corpus / name / f"{susp}-{src}.xml", susp, src)))
    return out


# -- detectors ------------------------------------------------------------------------------------

_ENGINE = None


def _engine(model: str):
    global _ENGINE
    if _ENGINE is None:
        from byline.compare import Engine

        _ENGINE = Engine(model=model, explain=False)  # passages need no findings
    return _ENGINE


def _to_passages(pair: Pair, spans: list[dict]) -> list[Passage]:
    """Passage dicts (a = source, b = suspicious) as PAN detections."""
    return [Passage(pair.susp, p["b_span"][0], p["b_span"][1] - p["b_span"][0], pair.src, p["a_span"][0], p["a_span"][1] - p["a_span"][0])
            for p in spans if p["b_span"][1] > p["b_span"][0] and p["a_span"][1] > p["a_span"][0]]


def detect_byline(pair: Pair, src_text: str, susp_text: str, model: str) -> list[Passage]:
    """byline's engine on (source, suspicious), links merged into passages."""
    from byline.passages import passages
    from byline.records import Article

    c = _engine(model).compare(Article(path=f"{pair.src}.txt", text=src_text), Article(path=f"{pair.susp}.txt", text=susp_text))
    # PAN names the suspicious document, the one that may summarise the other; the engine's own
    # guess at the original (from content alone: PAN's pages have no dates) is not needed here
    return _to_passages(pair, passages(c, copy="b"))


def detect_exact(pair: Pair, src_text: str, susp_text: str) -> list[Passage]:
    """Baseline: sentences with identical word sequences (5+ words), merged into passages."""
    from byline.passages import merge_links
    from byline.records import Link, LinkKind
    from byline.text import split_sentences, words

    a, b = split_sentences(src_text), split_sentences(susp_text)
    where: dict[str, list[int]] = {}
    for s in a:
        key = " ".join(words(s.text))
        if key.count(" ") >= 4:
            where.setdefault(key, []).append(s.index)
    links = [Link(a=(i,), b=(s.index,), kind=LinkKind.VERBATIM, score=1.0) for s in b for i in where.get(" ".join(words(s.text)), ())]
    return _to_passages(pair, merge_links(links, a, b))


def _detect(job: tuple[Pair, str, str, str]) -> tuple[list[Passage], float, str | None]:
    """One pair: detections, seconds, and the error if the detector failed."""
    pair, detector, corpus, model = job
    start = time.perf_counter()
    if detector == "gold":
        return list(pair.cases), time.perf_counter() - start, None
    root = Path(corpus)
    try:
        src_text, susp_text = read_text(root / "src" / f"{pair.src}.txt"), read_text(root / "susp" / f"{pair.susp}.txt")
        if detector == "exact":
            dets = detect_exact(pair, src_text, susp_text)
        else:
            dets = detect_byline(pair, src_text, susp_text, model)
    except Exception as exc:  # a failing pair counts as "no detections" and is reported
        return [], time.perf_counter() - start, f"{pair.susp}-{pair.src}: {type(exc).__name__}: {exc}"
    return dets, time.perf_counter() - start, None


def _init_worker(detector: str, model: str) -> None:
    if detector == "byline":
        _engine(model)


# -- the run --------------------------------------------------------------------------------------


def run(corpus: Path = CORPUS, subset: str | None = None, limit: int | None = None, detector: str = "byline",
        model: str = "static", jobs: int = 1, progress: bool = False) -> dict:
    """Detect on every selected pair; PAN measures per sub-corpus and entire, timing, errors."""
    pairs = load_pairs(corpus, subset, limit)
    jobs_in = [(p, detector, str(corpus), model) for p in pairs]
    load_start = time.perf_counter()
    if jobs > 1:
        pool = mp.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(detector, model))
        results_iter = pool.imap(_detect, jobs_in, chunksize=4)
    else:
        _init_worker(detector, model)
        pool, results_iter = None, map(_detect, jobs_in)
    load_seconds = time.perf_counter() - load_start
    start = time.perf_counter()
    results = []
    for k, r in enumerate(results_iter, 1):
        results.append(r)
        if progress and k % 500 == 0 and detector != "gold":
            print(f"  {k}/{len(pairs)} pairs, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if pool is not None:
        pool.close()
        pool.join()
    wall = time.perf_counter() - start
    by_subset: dict[str, tuple[list[Passage], list[Passage], list[float]]] = {}
    errors = []
    for pair, (dets, secs, err) in zip(pairs, results):
        cases, found, times = by_subset.setdefault(pair.subset, ([], [], []))
        cases.extend(pair.cases)
        found.extend(dets)
        times.append(secs)
        if err:
            errors.append(err)
    out: dict = {"corpus": str(corpus), "detector": detector, "model": model if detector == "byline" else None,
                 "limit_per_subset": limit, "jobs": jobs, "subsets": {}, "errors": errors}
    for name, (cases, found, times) in by_subset.items():
        out["subsets"][name] = {**pan_scores(cases, found), "pairs": len(times), "median_pair_s": statistics.median(times),
                                "max_pair_s": max(times), "pairs_with_detections": None}
    all_cases = [c for v in by_subset.values() for c in v[0]]
    all_found = [d for v in by_subset.values() for d in v[1]]
    times = [t for v in by_subset.values() for t in v[2]]
    out["entire"] = {**pan_scores(all_cases, all_found), "pairs": len(pairs),
                     "median_pair_s": statistics.median(times) if times else 0.0,
                     "pairs_per_s": len(pairs) / wall if wall else 0.0, "seconds": wall, "load_seconds": load_seconds}
    for name in out["subsets"]:
        out["subsets"][name]["pairs_with_detections"] = sum(1 for p, r in zip(pairs, results) if p.subset == name and r[0])
    return out


def format_table(result: dict) -> str:
    """Per sub-corpus and entire: P, R, granularity, plagdet, anchor, pairs, timing."""
    head = f"{'sub-corpus':<28}{'pairs':>6}{'cases':>6}{'dets':>6}{'P':>7}{'R':>7}{'gran':>7}{'plagdet':>9}{'anchor':>8}{'med s':>7}"
    lines = [head]
    for name, s in sorted(result["subsets"].items()):
        anchor = f"{ANCHORS[name]:.3f}" if name in ANCHORS else "-"
        lines.append(f"{name:<28}{s['pairs']:>6}{s['cases']:>6}{s['detections']:>6}{s['precision']:>7.3f}{s['recall']:>7.3f}"
                     f"{s['granularity']:>7.3f}{s['plagdet']:>9.3f}{anchor:>8}{s['median_pair_s']:>7.2f}")
    e = result["entire"]
    lines.append(f"{'entire':<28}{e['pairs']:>6}{e['cases']:>6}{e['detections']:>6}{e['precision']:>7.3f}{e['recall']:>7.3f}"
                 f"{e['granularity']:>7.3f}{e['plagdet']:>9.3f}{ANCHORS['entire']:>8.3f}{e['median_pair_s']:>7.2f}")
    lines.append(f"{e['pairs_per_s']:.2f} pairs/s over {e['seconds']:.0f} s with {result['jobs']} process(es); setup {e['load_seconds']:.1f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="a PAN text-alignment corpus folder")
    ap.add_argument("--subset", help="only sub-corpora whose folder name contains this (e.g. summary)")
    ap.add_argument("--limit", type=int, help="seeded random sample of N pairs per sub-corpus")
    ap.add_argument("--detector", default="byline", choices=["byline", "exact", "gold"])
    ap.add_argument("--model", default="static", choices=["static", "auto", "minilm"], help="byline engine model")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes")
    ap.add_argument("--json", type=Path, help="write the result here")
    args = ap.parse_args(argv)
    if not (args.corpus / "src").is_dir() or not subsets(args.corpus):
        print(f"bench.pan13: {args.corpus} is not a PAN text-alignment corpus (src/, susp/, 0X-*/pairs)", file=sys.stderr)
        return 2
    result = run(args.corpus, args.subset, args.limit, args.detector, args.model, args.jobs, progress=True)
    print(f"PAN13 text alignment, {args.corpus.name}, detector={args.detector}" + (f", model={args.model}" if args.detector == "byline" else ""))
    print(format_table(result))
    for err in result["errors"][:10]:
        print(f"failed: {err}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
