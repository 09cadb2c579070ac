"""Run the benchmarks and write docs/benchmarks.md.

    python -m bench all [--pan-limit N] [--pan-jobs N] [--skip NAME,...] [--out FILE]
    python -m bench docs [--results FILE] [--out FILE]     rewrite the page from saved results
    python -m bench NAME [ARGS]     one benchmark module (extraction, pan13, msrp, etpc, ...)

``all`` runs every benchmark whose data is present, saves the raw results next to the page
(``docs/benchmarks.json``) and renders the page from them. ``--pan-limit`` (default 50) samples
that many pairs per PAN13 sub-corpus; ``--pan-limit 0`` runs the full 5,185-pair corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "benchmarks.md"
NAMES = ("extraction", "pan13", "msrp", "etpc")


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f"{kb / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"cpus": str(os.cpu_count() or ""), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "platform": platform.platform(), "commit": commit or "uncommitted",
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def run_all(pan_limit: int | None, pan_jobs: int, skip: set[str]) -> dict:
    """Every benchmark whose data is present (missing data is recorded, not fatal)."""
    results: dict = {"machine": machine(), "pan_limit": pan_limit}
    stamp = results["machine"]["date"]
    if "extraction" not in skip:
        from bench import extraction

        if (extraction.DATA / "ground-truth.json").exists():
            print("bench: extraction ...", file=sys.stderr)
            results["extraction"] = {**extraction.run(), "measured": stamp}
    if "pan13" not in skip:
        from bench import pan13

        if (pan13.CORPUS / "src").is_dir():
            print("bench: pan13 ...", file=sys.stderr)
            results["pan13"] = {**pan13.run(pan13.CORPUS, limit=pan_limit or None, jobs=pan_jobs, progress=True), "measured": stamp}
    if "msrp" not in skip:
        from bench import msrp

        if (msrp.DATA / "msr_paraphrase_test.txt").exists():
            print("bench: msrp ...", file=sys.stderr)
            results["msrp"] = {**msrp.run(cross=True), "measured": stamp}
    if "etpc" not in skip:
        from bench import etpc

        if (etpc.DATA / "textual_np_neg.xml").exists():
            print("bench: etpc ...", file=sys.stderr)
            results["etpc"] = {**etpc.run(), "measured": stamp}
    return results


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] not in ("all", "docs") and not argv[0].startswith("-"):
        import importlib
        import importlib.util

        if importlib.util.find_spec(f"bench.{argv[0]}") is not None:
            return importlib.import_module(f"bench.{argv[0]}").main(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["all", "docs"])
    ap.add_argument("--pan-limit", type=int, default=50, help="PAN13 pairs per sub-corpus (0 = all)")
    ap.add_argument("--pan-jobs", type=int, default=1, help="PAN13 worker processes")
    ap.add_argument("--skip", default="", help="benchmarks to leave out, comma-separated")
    ap.add_argument("--results", type=Path, help="saved results (default: the JSON next to --out)")
    ap.add_argument("--out", type=Path, default=DOCS)
    args = ap.parse_args(argv)
    from bench.report import render

    saved = args.results or args.out.with_suffix(".json")
    if args.command == "all":
        results = run_all(args.pan_limit, args.pan_jobs, {s for s in args.skip.split(",") if s})
        if saved.exists():  # keep figures of skipped benchmarks from the previous run
            old = json.loads(saved.read_text())
            for name in NAMES:
                if name not in results and name in old:
                    results[name] = old[name]
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_text(json.dumps(results, indent=1))
    else:
        results = json.loads(saved.read_text())
    text = render(results)
    extra = args.out.with_name("benchmarks-pairwise.md")  # compare/corpus figures, measured by their own commands
    if extra.exists():
        text = text.rstrip("\n") + "\n\n" + extra.read_text()
    args.out.write_text(text)
    print(f"bench: wrote {args.out} and {saved}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
