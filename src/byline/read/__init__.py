"""Read stage: bytes from files, stdin, JSONL lines and WARC records, decoded into ``Page``s.

    read_page(path)    one page; raises InputError for bad input
    iter_pages(paths)  a corpus; yields InputError in place of a bad file or record
"""

from __future__ import annotations

from .decode import MAX_PAGE_BYTES, sniff_kind
from .files import iter_pages, read_page

__all__ = ["MAX_PAGE_BYTES", "iter_pages", "read_page", "sniff_kind"]
