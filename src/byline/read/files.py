"""Files, folders, globs and stdin: the paths a user types, turned into pages.

``read_page`` is for one page (``byline compare A B``): a bad input raises ``InputError``.
``iter_pages`` is for corpora: a bad file or record is yielded as an ``InputError`` and the
ingest goes on. Records inside a container are named ``FILE#N`` (or ``FILE#ID`` for JSONL
records with an id); ``read_page`` accepts those names, so any page an ingest reported can be
read again on its own.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Page
from . import jsonl, warc
from .decode import MAX_PAGE_BYTES, check_size, os_problem, page_text

# Files a folder walk picks up (a named file is read whatever its suffix).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc",)


def _container(name: str) -> str | None:
    """``"jsonl"``, ``"warc"`` or None (a single page), by suffix (``.gz`` allowed)."""
    lowered = name.lower().removesuffix(".gz")
    if lowered.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lowered.endswith(WARC_SUFFIXES):
        return "warc"
    return None


def _wanted(name: str) -> bool:
    lowered = name.lower().removesuffix(".gz")
    return lowered.endswith(PAGE_SUFFIXES) or _container(name) is not None


def _read_stdin() -> Page:
    data = sys.stdin.buffer.read(MAX_PAGE_BYTES + 1)
    text, kind = page_text(data, "-")
    return Page("-", text, kind)


def _read_file(path: str) -> Page:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(path, os_problem(exc)) from None
    if Path(path).is_dir():
        raise InputError(path, "is a directory")
    if not Path(path).is_file():
        raise InputError(path, "not a regular file")
    check_size(st.st_size, path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_PAGE_BYTES + 1)
    except OSError as exc:
        raise InputError(path, os_problem(exc)) from None
    text, kind = page_text(data, path, os.path.basename(path))
    return Page(path, text, kind)


def _only_page(path: str, kind: str) -> Page:
    """The single page of a container file; several pages must be named ``FILE#N``."""
    items = jsonl.iter_jsonl(path) if kind == "jsonl" else warc.iter_warc(path)
    pages: list[Page] = []
    first_error: InputError | None = None
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
            if len(pages) > 1:
                raise InputError(path, f"holds several pages; name one as {path}#1, {path}#2, ...")
        elif first_error is None:
            first_error = item
    if pages:
        return pages[0]
    raise first_error or InputError(path, "no pages")


def read_page(path: str) -> Page:
    """Read one page: a file (``.gz`` allowed), ``-`` for stdin, or ``FILE#N`` inside a JSONL/WARC file.

    Raises ``InputError`` naming the problem: "no such file", "is a directory", "empty file",
    "binary file, not text or HTML", "page too large (... MB > 20 MB limit)".
    """
    if path == "-":
        return _read_stdin()
    if "#" in path and not os.path.exists(path):
        base, fragment = path.rsplit("#", 1)
        kind = _container(base)
        if kind and os.path.isfile(base):
            finder = jsonl.find_record if kind == "jsonl" else warc.find_record
            return finder(base, fragment)
    kind = _container(path)
    if kind and os.path.isfile(path):
        return _only_page(path, kind)
    return _read_file(path)


def _walk(folder: str) -> Iterator[str | InputError]:
    """Page files under ``folder``, recursively, in sorted order; hidden entries skipped."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _wanted(name):
                yield os.path.join(root, name)
    for exc in errors:
        yield InputError(str(exc.filename or folder), os_problem(exc))


def _iter_file(path: str) -> Iterator[Page | InputError]:
    kind = _container(path)
    if kind == "jsonl":
        yield from jsonl.iter_jsonl(path)
    elif kind == "warc":
        yield from warc.iter_warc(path)
    else:
        try:
            yield _read_file(path)
        except InputError as exc:
            yield exc


def _iter_target(target: str) -> Iterator[Page | InputError]:
    if os.path.isdir(target):
        for item in _walk(target):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _iter_file(item)
    else:
        yield from _iter_file(target)


def iter_pages(paths: Iterable[str]) -> Iterator[Page | InputError]:
    """Every page under ``paths`` (files, folders walked recursively, glob patterns, ``-``).

    Never raises ``InputError``: a missing file, an unmatched pattern or a bad record is yielded
    in its place, so one bad page never stops an ingest.
    """
    for arg in paths:
        if arg == "-":
            try:
                yield _read_stdin()
            except InputError as exc:
                yield exc
        elif os.path.exists(arg) or not glob.has_magic(arg):
            yield from _iter_target(arg)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield InputError(arg, "no files match this pattern")
            for match in matches:
                yield from _iter_target(match)
