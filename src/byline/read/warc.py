"""WARC archives: each HTTP response record holding a page becomes one ``Page``.

Read with fastwarc (2.3x warcio's speed on .warc.gz here, see shared/stack.md section 7).
Records are numbered among the file's response records, from 1: ``FILE#3`` is the third
response, and ``read_page`` accepts that name back. A record that is not a 2xx text/HTML response,
or that cannot be decoded, is yielded as an ``InputError``; a corrupt archive yields one error and
stops that file only.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..records import Page
from .decode import MAX_PAGE_BYTES, page_text, too_large, os_problem

# Payload types that can hold an article; anything else (images, JSON, PDF) is refused by name.
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"})


def _records(f):  # noqa: ANN001, ANN202 - fastwarc types are Cython classes
    from fastwarc.warc import ArchiveIterator, WarcRecordType  # imported late: optional at import time

    return ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True)


def _page(rec, where: str) -> Page:  # noqa: ANN001 - a fastwarc WarcRecord
    status = rec.http_headers.status_code if rec.http_headers is not None else None
    if status is not None and not 200 <= status < 300:
        raise InputError(where, f"HTTP status {status}, not a page")
    ctype = (rec.http_content_type or "").lower()
    if ctype and ctype not in PAGE_TYPES:
        raise InputError(where, f"not a page (content type {ctype})")
    if rec.content_length > MAX_PAGE_BYTES + 65536:  # headers included; refuse before reading
        raise InputError(where, too_large(rec.content_length))
    data = rec.reader.read(MAX_PAGE_BYTES + 1)
    text, kind = page_text(data, where, "page.html" if "html" in ctype else "", rec.http_charset)
    meta = {}
    url = rec.headers.get("WARC-Target-URI")
    if url:
        meta["url"] = url.strip("<>")
    date = rec.headers.get("WARC-Date")
    if date:
        meta["published"] = date
    return Page(where, text, kind, meta)


def iter_warc(path: str) -> Iterator[Page | InputError]:
    """Pages of a ``.warc``/``.warc.gz`` file; bad records are yielded as ``InputError``."""
    try:
        f = open(path, "rb")
    except OSError as exc:
        yield InputError(path, os_problem(exc))
        return
    index = 0
    with f:
        try:
            for rec in _records(f):
                index += 1
                try:
                    yield _page(rec, f"{path}#{index}")
                except InputError as exc:
                    yield exc
        except (OSError, ValueError, EOFError) as exc:  # fastwarc: OSError("Invalid WARC header")
            where = path if index == 0 else f"{path}#{index + 1}"
            yield InputError(where, f"not a readable WARC ({exc})")
            return
    if index == 0:
        yield InputError(path, "no WARC response records")


def find_record(path: str, fragment: str) -> Page:
    """Response record number ``fragment`` (1-based) of ``path``."""
    if not fragment.isdigit():
        raise InputError(f"{path}#{fragment}", "WARC records are named by number (FILE#1, FILE#2, ...)")
    for item in iter_warc(path):
        if isinstance(item, InputError) and item.path == path:
            raise item
        if item.path == f"{path}#{fragment}":
            if isinstance(item, InputError):
                raise item
            return item
    raise InputError(f"{path}#{fragment}", "no such record")
