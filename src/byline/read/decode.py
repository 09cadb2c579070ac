"""Bytes to text: size limit, gzip, encoding detection, binary refusal, HTML-or-text sniffing.

Every container (a file, stdin, a JSONL line, a WARC record) ends here, so all of them refuse bad
input with the same short ``InputError`` problems and decode legacy encodings the same way.

Encoding order, most to least trustworthy:

    BOM  >  strict UTF-8  >  declared charset (HTTP header, <meta>, XML declaration)
         >  Windows-1252 when the result reads as Western text  >  charset-normalizer

Strict UTF-8 goes before a declared charset because pages that declare ISO-8859-1 but are really
UTF-8 are common, while legacy bytes that happen to form valid UTF-8 are rare. Windows-1252 is
tried before charset-normalizer because, on short Western pages, charset-normalizer guessed cp1250
or cp1006 for Windows-1252 text (tried by hand on a few one-paragraph news snippets).
"""

from __future__ import annotations

import codecs
import re
import zlib

from ..errors import InputError

MAX_PAGE_BYTES = 20_000_000  # a news page is 50 KB-2 MB of HTML; 20 MB leaves room for inline assets
_MB = 1_000_000

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# File signatures of formats that are never a page (checked before any decoding).
_MAGIC = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF", b"BZh", b"\xfd7zXZ",
          b"OggS", b"RIFF", b"ID3", b"SQLite format 3")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# WHATWG: browsers read these labels as Windows-1252, and so do we.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
                        "windows-1252", "cp1252", "iso_8859-1", "8859-1"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.01  # decoded text with more control characters than this is binary
WESTERN_MAX_NON_ASCII = 0.2  # cp1252 guess accepted when <= 20% of letters are non-ASCII
# Tags that only HTML has; searched near the top so a text article quoting "<p>" stays text.
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|\?xml)\b",
                         re.I | re.S)
_HTML_TAG = re.compile(r"<(?:html|head|body|p|div|article|section|span|br|h[1-6]|table|ul|li|a\s|img|"
                       r"meta|title|script|style|main|header|footer|nav)\b[^<>]{0,500}>", re.I)
MIN_HTML_TAGS = 3  # tags in the first 8 KB that make an unsuffixed page HTML
BINARY = "binary file, not text or HTML"


def too_large(n_bytes: int) -> str:
    """The problem text for a page over the size limit."""
    return f"page too large ({n_bytes / _MB:.1f} MB > {MAX_PAGE_BYTES // _MB} MB limit)"


def check_size(n_bytes: int, path: str) -> None:
    if n_bytes > MAX_PAGE_BYTES:
        raise InputError(path, too_large(n_bytes))


def gunzip(data: bytes, path: str) -> bytes:
    """Decompress gzip data, refusing output over the page limit (a zip bomb stops early)."""
    d = zlib.decompressobj(wbits=31)
    try:
        out = d.decompress(data, MAX_PAGE_BYTES + 1)
    except zlib.error:
        raise InputError(path, "not a valid gzip file") from None
    if len(out) > MAX_PAGE_BYTES:
        # Decompressed size is unknown without inflating it all; report what was reached.
        raise InputError(path, f"page too large (over {MAX_PAGE_BYTES // _MB} MB once decompressed)")
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def _codec(label: str | bytes | None) -> str | None:
    """A Python codec name for a charset label, or None for an unknown label."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    label = label.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte (for mostly-ASCII text)."""
    sample = data[:4000]
    half = max(1, len(sample) // 2)
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _looks_western(text: str) -> bool:
    letters = sum(ch.isalpha() for ch in text)
    non_ascii = sum(1 for ch in text if ord(ch) > 127 and ch.isalpha())
    return letters > 0 and non_ascii <= WESTERN_MAX_NON_ASCII * letters


def _declared(data: bytes, declared: str | None) -> str | None:
    codec = _codec(declared)
    if codec:
        return codec
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return _codec(m.group(1)) if m else None


def _decode_with(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        if codec == "cp1252":  # five byte values are undefined in cp1252; latin-1 maps them all
            return data.decode("latin-1")
        return None


def decode(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode page bytes to text, or raise ``InputError`` for binary data.

    ``declared`` is a charset from outside the bytes (an HTTP Content-Type header).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                raise InputError(path, f"{BINARY} (bad {codec.upper()} after its byte-order mark)") from None
    if data.startswith(_MAGIC):
        raise InputError(path, BINARY)
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        text = _decode_with(data, codec) if codec else None
        if text is None:
            raise InputError(path, BINARY)
        return _refuse_controls(text, path)
    try:
        return _refuse_controls(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    codec = _declared(data, declared)
    text = _decode_with(data, codec) if codec else None
    if text is None:
        text = _decode_with(data, "cp1252")
        if text is not None and not _looks_western(text):
            text = None
    if text is None:
        from charset_normalizer import from_bytes  # imported late: 50 ms, and rarely needed

        best = from_bytes(data).best()
        if best is None:
            raise InputError(path, BINARY)
        text = str(best)
    return _refuse_controls(text, path)


def _refuse_controls(text: str, path: str) -> str:
    n = len(_CONTROL.findall(text[:100_000]))
    if n > MAX_CONTROL_SHARE * min(len(text), 100_000):
        raise InputError(path, BINARY)
    return text


def sniff_kind(text: str, name: str = "") -> str:
    """``"html"`` or ``"text"``, by content; the file name only breaks a tie.

    A page is HTML when it opens like HTML (doctype, <html>, <head>, ...) or carries several
    HTML tags near the top; a ``.html`` name lowers that to one tag.
    """
    head = text[:8192]
    if _HTML_START.match(head):
        return "html"
    tags = len(_HTML_TAG.findall(head))
    lowered = name.lower().removesuffix(".gz")
    need = 1 if lowered.endswith((".html", ".htm", ".xhtml", ".shtml")) else MIN_HTML_TAGS
    return "html" if tags >= need else "text"


def page_text(data: bytes, path: str, name: str = "", declared: str | None = None) -> tuple[str, str]:
    """Checked, decompressed and decoded page bytes: ``(text, kind)``.

    Raises ``InputError`` for an empty, binary or too-large page.
    """
    check_size(len(data), path)
    if is_gzip(data):
        data = gunzip(data, path)
    if not data.strip():
        raise InputError(path, "empty file")
    text = decode(data, path, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty file")
    return text, sniff_kind(text, name)


__all__ = ["BINARY", "MAX_PAGE_BYTES", "check_size", "decode", "gunzip", "is_gzip", "page_text",
           "sniff_kind", "too_large"]


def os_problem(exc: OSError) -> str:
    """The short problem an ``InputError`` states for a failed open or read."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()
