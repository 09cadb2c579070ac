"""JSON Lines corpora: one page per line, ``{"text" | "html": ..., "id", "url", "title", "published"}``.

A bad line becomes an ``InputError`` in the stream (never raised), so one broken record does not
stop an ingest. Pages are named ``FILE#ID`` when the record has an ``id``, else ``FILE#LINE``
(1-based), and ``read_page`` accepts either name back.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from typing import IO

from ..errors import InputError
from ..records import Page
from .decode import check_size, sniff_kind, os_problem

META_KEYS = ("id", "url", "title", "published")


def _open(path: str) -> IO[bytes]:
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _page(raw: bytes, path: str, line_no: int) -> Page:
    where = f"{path}#{line_no}"
    check_size(len(raw), where)
    try:
        obj = json.loads(raw)
    except UnicodeDecodeError:
        raise InputError(where, "not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(where, f"not a JSON object (found {type(obj).__name__})")
    meta = {k: str(obj[k]) for k in META_KEYS if obj.get(k) not in (None, "")}
    if "id" in meta:
        where = f"{path}#{meta['id']}"
    field = "html" if isinstance(obj.get("html"), str) and obj["html"].strip() else "text"
    body = obj.get(field)
    if body is None:
        raise InputError(where, "no 'text' or 'html' field")
    if not isinstance(body, str):
        raise InputError(where, f"'{field}' is not a string")
    if not body.strip():
        raise InputError(where, f"empty '{field}'")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    kind = "html" if field == "html" else sniff_kind(body)
    return Page(where, body, kind, meta)


def iter_jsonl(path: str) -> Iterator[Page | InputError]:
    """Pages of a ``.jsonl`` (or ``.jsonl.gz``) file; bad lines are yielded as ``InputError``."""
    try:
        f = _open(path)
    except OSError as exc:
        yield InputError(path, os_problem(exc))
        return
    with f:
        line_no = 0
        try:
            for line_no, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                try:
                    yield _page(raw, path, line_no)
                except InputError as exc:
                    yield exc
        except (OSError, EOFError, zlib.error):
            yield InputError(path, f"not a valid gzip file (stopped after line {line_no})")


def find_record(path: str, fragment: str) -> Page:
    """The record of ``path`` named by ``fragment``: its ``id``, or its 1-based line number."""
    want_line = int(fragment) if fragment.isdigit() else None
    needle = fragment.encode("utf-8")
    try:
        with _open(path) as f:
            for line_no, raw in enumerate(f, 1):
                if line_no == want_line and raw.strip():
                    return _page(raw, path, line_no)
                if needle in raw:  # cheap filter before parsing the line for its id
                    try:
                        obj = json.loads(raw)
                    except (ValueError, UnicodeDecodeError):
                        continue
                    if isinstance(obj, dict) and str(obj.get("id")) == fragment:
                        return _page(raw, path, line_no)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(path, f"cannot read ({exc})") from None
    raise InputError(f"{path}#{fragment}", "no such record")
