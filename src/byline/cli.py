"""byline's command line: argv -> engine -> reports. Errors become one line and exit status 2."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import BylineError, InputError

LOGGER = logging.getLogger("byline")
EXIT_BAD_INPUT = 2

DESCRIPTION = """\
byline: where did this news article come from, and what did the copy change?

  byline compare SOURCE COPY                             verdict + findings in the terminal
  byline compare A B --json out.json --html report.html  machine-readable + side-by-side report
  byline compare --pairs pairs.tsv --json out.jsonl      many pairs, models loaded once
"""


def _fail(message: str) -> int:
    print(f"byline: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="byline", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"byline {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    cmp = sub.add_parser(
        "compare",
        help="tell whether one article was made from another, and explain what changed",
        description="Compare two pages (HTML or text; '-' reads stdin). The order of A and B does not decide "
        "which is the original: dates decide when both are known, else the content does.",
    )
    cmp.add_argument("a", nargs="?", metavar="A", help="first page (path, or - for stdin)")
    cmp.add_argument("b", nargs="?", metavar="B", help="second page (path, or - for stdin)")
    cmp.add_argument("--pairs", metavar="TSV", help="file of pairs, two tab-separated paths per line; results in input order")
    cmp.add_argument("--json", metavar="FILE", help="write the JSON result ('-' = stdout); with --pairs, one object per line")
    cmp.add_argument("--html", metavar="FILE", help="write a self-contained HTML report (single pair only)")
    cmp.add_argument("--model", choices=["auto", "static", "minilm", "hash"], default="auto",
                     help="sentence model: static embeddings with MiniLM for unclear pairs (auto, default), one of them "
                     "alone, or hash (no model: fast, for tests)")
    cmp.add_argument("-q", "--quiet", action="store_true", help="no terminal report")
    cmp.set_defaults(handler=run_compare)

    try:
        from .corpus.commands import register
    except ImportError:  # pragma: no cover - the corpus package ships with byline
        pass
    else:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except BylineError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:  # e.g. `byline compare ... --json - | head`
        return 0


def run_compare(args: argparse.Namespace) -> int:
    from rich.console import Console

    if args.pairs:
        if args.a or args.b:
            return _fail("give either A and B or --pairs, not both")
        if args.html:
            return _fail("--html needs a single pair (A B), not --pairs")
        return _run_pairs(args)
    if not (args.a and args.b):
        return _fail("compare needs two pages, A and B (or --pairs FILE)")
    if args.a == "-" and args.b == "-":
        return _fail("only one of A and B can be stdin ('-')")

    from .compare import Engine, load_article
    from .report import html as html_report
    from .report import json as json_report
    from .report import terminal

    a, b = load_article(args.a), load_article(args.b)  # bad input fails before models load
    comparison = Engine(model=args.model).compare(a, b)
    if args.json:
        write_output(args.json, json_report.dumps(json_report.to_dict(comparison, __version__)) + "\n")
    if args.html:
        write_output(args.html, html_report.render_html(comparison, __version__))
    if not args.quiet and args.json != "-":
        terminal.render(comparison, Console(stderr=False))
    return 0


def _run_pairs(args: argparse.Namespace) -> int:
    from rich.console import Console

    from .compare import Engine, load_article
    from .report import json as json_report
    from .report import terminal

    pairs = _read_pairs(args.pairs)
    engine = Engine(model=args.model)
    out = open(args.json, "w", encoding="utf-8") if args.json and args.json != "-" else (sys.stdout if args.json else None)
    console = Console(stderr=True)
    failed = 0
    rows = []
    try:
        for line_no, a_path, b_path in pairs:
            try:
                c = engine.compare(load_article(a_path), load_article(b_path))
            except BylineError as exc:
                failed += 1
                print(f"byline: error: {args.pairs}:{line_no}: {exc}", file=sys.stderr)
                record = {"a": a_path, "b": b_path, "error": str(exc)}
                rows.append((a_path, b_path, None))
            else:
                record = json_report.to_dict(c, __version__)
                rows.append((a_path, b_path, c))
            if out:
                out.write(json_report.dumps_line(record) + "\n")
                out.flush()
    finally:
        if out and out is not sys.stdout:
            out.close()
    if not args.quiet and args.json != "-":
        terminal.render_pairs(rows, console)
    return EXIT_BAD_INPUT if failed else 0


def _read_pairs(path: str) -> list[tuple[int, str, str]]:
    """(line number, a, b) for each non-blank, non-comment line; relative paths resolve from the file."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory, expected a TSV file of pairs")
    base = p.parent
    pairs = []
    for no, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2:
            raise InputError(f"{path}:{no}", "expected two tab-separated paths")
        a, b = (c.strip() for c in cols[:2])
        pairs.append((no, _resolve(a, base), _resolve(b, base)))
    if not pairs:
        raise InputError(path, "no pairs in the file")
    return pairs


def _resolve(path: str, base: Path) -> str:
    if path == "-" or os.path.isabs(path) or os.path.exists(path):
        return path
    return str(base / path)


def write_output(path: str, text: str) -> None:
    """Write a report to ``path`` (``-`` = stdout); an unwritable path is an ``InputError``."""
    if path == "-":
        sys.stdout.write(text)
        return
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror}") from exc


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
