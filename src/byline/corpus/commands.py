"""The corpus subcommands: ``ingest``, ``trace``, ``source``, ``errors`` and ``delete``.

``register(subparsers)`` adds them to byline's argparse parser (``byline.cli``); each handler
takes the parsed arguments and returns an exit status. Library errors (``BylineError``) are
turned into one line by the CLI; progress goes to stderr, results to stdout or files.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

DB_HELP = "the store file (SQLite; created by ingest)"
EXIT_INTERRUPTED = 130


def register(sub: Any) -> None:  # argparse's _SubParsersAction has no public type
    """Add the corpus subcommands to ``sub`` (from ``ArgumentParser.add_subparsers``)."""
    p = sub.add_parser(
        "ingest", help="add pages to a corpus store (folders, globs, HTML, text, JSONL, WARC)",
        description="Read, extract and index pages into the store. Folders are walked recursively; .html/.htm(.gz), "
        ".txt, .jsonl (lines with text or html, and optional id, url, title, published) and .warc(.gz) are read. "
        "The same page ingested twice is stored once; an interrupted ingest keeps every finished batch, and a "
        "rerun skips what is stored. Pages that cannot be used are recorded (see `byline errors`) and skipped.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    p.add_argument("--db", required=True, metavar="FILE", help=DB_HELP)
    p.add_argument("--model", choices=["static", "hash"], default=None,
                   help="sentence model for the vector index (default: the store's, else static); fixed per store")
    p.add_argument("--batch", type=int, default=None, metavar="N",
                   help="pages per transaction (default 256; an HTML page counts as 8)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes for extraction and embedding (default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(handler=run_ingest)

    p = sub.add_parser(
        "trace", help="find every copy in the store: relations, stories and provenance graphs",
        description="Propose candidate pairs (MinHash LSH over word 5-grams, key terms, sentence-vector neighbours), "
        "verify each with the compare engine, group related articles into stories and find each story's original "
        "and chains of copies. Verdicts are stored: a rerun only judges new pairs.",
    )
    p.add_argument("--db", required=True, metavar="FILE", help=DB_HELP)
    p.add_argument("--json", metavar="FILE", help="write articles, relations and stories as JSON ('-' = stdout)")
    p.add_argument("--html", metavar="FILE", help="write a self-contained HTML report with a graph per story")
    p.add_argument("--model", choices=["auto", "static", "minilm", "hash"], default="auto",
                   help="sentence model of the compare engine, as in `byline compare` (default auto; hash: no model, for tests)")
    p.add_argument("--recheck", action="store_true", help="judge every candidate pair again, even those already stored")
    p.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                   help="judge pairs in N worker processes (0: one per CPU; default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or terminal summary")
    p.set_defaults(handler=run_trace)

    p = sub.add_parser(
        "source", help="where did these pages come from? their best sources in the store",
        description="Read and extract each PAGE (it need not be ingested), search the store's index for candidates "
        "and verify each with the compare engine. Prints the matches, most likely source first. The index is "
        "loaded once for all pages; a page that cannot be read is reported and skipped.",
    )
    p.add_argument("pages", nargs="+", metavar="PAGE", help="page(s) to look up (paths, or - for stdin)")
    p.add_argument("--db", required=True, metavar="FILE", help=DB_HELP)
    p.add_argument("--json", nargs="?", const="-", metavar="FILE",
                   help="write the result as JSON (to stdout if no FILE): one object, or a list of them for several pages")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="candidates to verify per page (default 10)")
    p.add_argument("--model", choices=["auto", "static", "minilm", "hash"], default="auto",
                   help="sentence model of the compare engine, as in `byline compare` (default auto; hash: for tests)")
    p.set_defaults(handler=run_source)

    p = sub.add_parser("errors", help="list the pages that could not be ingested, and why",
                       description="List every page an ingest recorded as unusable, with its reason and time.")
    p.add_argument("--db", required=True, metavar="FILE", help=DB_HELP)
    p.add_argument("--json", nargs="?", const="-", metavar="FILE", help="write the list as JSON (to stdout if no FILE)")
    p.set_defaults(handler=run_errors)

    p = sub.add_parser("delete", help="remove articles from the store (with their index entries and relations)",
                       description="Delete articles named by id, id prefix (8+ characters) or ingested path.")
    p.add_argument("refs", nargs="+", metavar="ID_OR_PATH",
                   help="article id (or its first 8+ characters), or the path it was ingested from")
    p.add_argument("--db", required=True, metavar="FILE", help=DB_HELP)
    p.set_defaults(handler=run_delete)


def _open(path: str, create: bool = False):  # noqa: ANN202 - byline.store.Store
    from ..store import Store

    return Store(path, create=create)


def _console():  # noqa: ANN202 - rich Console
    from rich.console import Console

    return Console(stderr=True)


def _write(path: str, text: str) -> None:
    from ..cli import write_output

    write_output(path, text)


def run_ingest(args: argparse.Namespace) -> int:
    from ..embed import load_embedder
    from .ingest import BATCH_PAGES, ingest

    console = _console()
    show = console.is_terminal and not args.quiet
    embedder = load_embedder(args.model) if args.model else None
    with _open(args.db, create=True) as store:
        before = store.count()
        progress_cm = _progress(console, "ingest", "pages") if show else None
        try:
            if progress_cm:
                with progress_cm as (bar, task):
                    stats = ingest(args.paths, store, embedder, batch=args.batch or BATCH_PAGES, jobs=args.jobs,
                                   progress=lambda s: bar.update(task, completed=s.pages, errors=s.errors))
            else:
                stats = ingest(args.paths, store, embedder, batch=args.batch or BATCH_PAGES, jobs=args.jobs)
        except KeyboardInterrupt:
            stored = store.count() - before
            print(f"byline: ingest interrupted; {stored} new articles are stored, nothing half-written. "
                  "Run the same command again to continue.", file=sys.stderr)
            return EXIT_INTERRUPTED
        total = store.count()
    if not args.quiet:
        print(f"ingested {stats.pages} pages in {stats.seconds:.1f} s ({stats.pages_per_second:.0f} pages/s): "
              f"{stats.added} new, {stats.skipped} already stored, {stats.duplicates} duplicates, {stats.errors} errors; "
              f"the store holds {total} articles", file=sys.stderr)
        for path, problem in stats.error_list[:5]:
            print(f"  error: {path}: {problem}", file=sys.stderr)
        if stats.errors > 5:
            print(f"  … see `byline errors --db {args.db}`", file=sys.stderr)
    return 0


def _jobs(value: str) -> int:
    """argparse type of --jobs: a count of worker processes, 0 meaning one per CPU."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (one per CPU) or a positive number of processes, not {value!r}")
    return n


def _progress(console, label: str, unit: str):  # noqa: ANN001, ANN202
    """A rich progress display with a count and a rate, yielding (progress, task)."""
    from contextlib import contextmanager

    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    @contextmanager
    def cm():  # noqa: ANN202
        columns = [SpinnerColumn(), TextColumn(label), BarColumn(bar_width=30), TextColumn("{task.completed:,} " + unit),
                   TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn()]
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task(label, total=None, errors=0, rate="")

            class Bar:
                def update(self, task_id, completed, errors=0):  # noqa: ANN001, ANN202
                    elapsed = progress.tasks[0].elapsed or 0.0
                    rate = f"{completed / elapsed:,.0f} {unit}/s" if elapsed > 0 else ""
                    progress.update(task_id, completed=completed, errors=errors, rate=rate)

            yield Bar(), task

    return cm()


def run_trace(args: argparse.Namespace) -> int:
    from .. import __version__
    from ..report import trace as report
    from .trace import corpus_engine, trace

    console = _console()
    show = console.is_terminal and not args.quiet
    jobs = args.jobs or os.cpu_count() or 1
    with _open(args.db) as store:
        engine = corpus_engine(args.model)
        try:
            if show:
                with _progress(console, "verify", "pairs") as (bar, task):
                    result = trace(store, engine, recheck=args.recheck, jobs=jobs,
                                   progress=lambda s: bar.update(task, completed=s.verified, errors=s.failed))
            else:
                result = trace(store, engine, recheck=args.recheck, jobs=jobs)
        except KeyboardInterrupt:
            print("byline: trace interrupted; the verdicts so far are stored, a rerun continues.", file=sys.stderr)
            return EXIT_INTERRUPTED
        if args.json:
            _write(args.json, json.dumps(report.to_dict(result), ensure_ascii=False, indent=1) + "\n")
        if args.html:
            comparisons = _comparisons(store, result, engine, report.MAX_PAIRS_HTML)
            _write(args.html, report.render_html(result, comparisons, __version__))
    if not args.quiet and args.json != "-":
        from rich.console import Console

        report.render(result, Console())
    return 0


def _comparisons(store, result, engine, limit: int) -> dict:  # noqa: ANN001
    """Comparisons of the derived pairs (for the side-by-side views), strongest first."""
    out = {}
    explain, engine.explain = engine.explain, True  # the report shows each pair's findings
    try:
        for r in sorted(result.derived(), key=lambda r: -r.relation.confidence)[:limit]:
            out[(r.a, r.b)] = engine.compare(store.article(r.a), store.article(r.b))
    finally:
        engine.explain = explain
    return out


def run_source(args: argparse.Namespace) -> int:
    from ..errors import InputError
    from ..extract import extract
    from ..read import read_page
    from .source import SourceFinder
    from .trace import corpus_engine

    results, failed = [], 0
    with _open(args.db) as store:
        finder = SourceFinder(store, corpus_engine(args.model))
        for page in args.pages:
            try:
                article = extract(read_page(page))
            except InputError as exc:
                if len(args.pages) == 1:
                    raise
                print(f"byline: error: {exc}", file=sys.stderr)  # one bad page does not stop the others
                failed += 1
                continue
            result = finder.find(article, args.limit)
            results.append(result)
            if args.json != "-":
                _print_source(result)
    if args.json:
        data = [r.to_dict() for r in results]
        _write(args.json, json.dumps(data[0] if len(args.pages) == 1 else data, ensure_ascii=False, indent=1) + "\n")
    return 1 if failed else 0


def _print_source(result) -> None:  # noqa: ANN001 - corpus.source.SourceResult
    from rich.console import Console
    from rich.table import Table

    console = Console()
    q = result.query
    console.print(f"[bold]{q.title or q.path}[/]" + (" (already in the store)" if result.ingested else ""), highlight=False)
    if not result.matches:
        console.print("no related article in the store")
        return
    table = Table(show_edge=False)
    for col in ("kind", "confidence", "original", "basis", "match"):
        table.add_column(col)
    for m in result.matches:
        table.add_row(m.kind, f"{m.confidence:.2f}", m.original, m.basis, f"{m.title or ''}\n{m.path}")
    console.print(table)


def run_errors(args: argparse.Namespace) -> int:
    with _open(args.db) as store:
        rows = store.errors()
    if args.json:
        _write(args.json, json.dumps([{"path": p, "problem": e, "at": t} for p, e, t in rows], ensure_ascii=False, indent=1) + "\n")
        if args.json == "-":
            return 0
    if not rows:
        print("no errors recorded")
    for path, problem, at in rows:
        print(f"{path}\t{problem}\t{at}")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from ..errors import InputError

    with _open(args.db) as store:
        missing = []
        for ref in args.refs:
            n = store.delete(ref)
            if n == 0:
                missing.append(ref)
            else:
                print(f"deleted {n} article(s): {ref}", file=sys.stderr)
    if missing:
        raise InputError(missing[0], "no such article in the store")
    return 0
