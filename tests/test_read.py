"""Read stage: decoding, HTML sniffing, refusals with clear problems, and corpus ingest."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from byline.errors import InputError
from byline.read import iter_pages, read_page
from byline.records import Page

STORY = "The café’s “harbour” menu costs €12 — naïve, said Zoë.\nA second line of the story.\n"
HTML = "<!DOCTYPE html><html><head><title>T</title></head><body><p>{}</p></body></html>"


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


# ---------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    "encoding, prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),  # UTF-8 BOM, dropped
        ("cp1252", b""),  # no declaration: decoded as Western text, not guessed as cp1250
        ("utf-16", b""),  # Python writes a BOM
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),  # no BOM: NUL in every other byte
    ],
)
def test_text_encodings_are_decoded(tmp_path, encoding, prefix):
    path = write(tmp_path, "story.txt", prefix + STORY.encode(encoding))
    page = read_page(path)
    assert page.body == STORY
    assert page.kind == "text"


def test_latin1_declared_in_html_meta(tmp_path):
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 au lait, \xa3 3</p></body></html>'
    page = read_page(write(tmp_path, "p.html", html.encode("latin-1")))
    assert "Café au lait, £ 3" in page.body
    assert page.kind == "html"


def test_crlf_becomes_lf(tmp_path):
    page = read_page(write(tmp_path, "a.txt", b"One line.\r\nTwo line.\r\n"))
    assert page.body == "One line.\nTwo line.\n"


def test_gzip_is_opened(tmp_path):
    path = write(tmp_path, "page.html.gz", gzip.compress(HTML.format("Hello there.").encode()))
    page = read_page(path)
    assert page.kind == "html"
    assert "Hello there." in page.body


@pytest.mark.parametrize(
    "name, body, kind",
    [
        ("a.txt", HTML.format("x"), "html"),  # content wins over the suffix
        ("a", "<div><p>One</p><p>Two</p></div>", "html"),
        ("a.html", "<p>One paragraph.</p>", "html"),
        ("a.txt", "A story that mentions the <p> tag once.", "text"),
        ("a.html", "Plain words, saved under the wrong name.", "text"),
    ],
)
def test_html_or_text_by_content(tmp_path, name, body, kind):
    assert read_page(write(tmp_path, name, body)).kind == kind


# ---------------------------------------------------------------- refusals


def _sparse(tmp_path: Path, name: str, size: int) -> str:
    path = tmp_path / name
    with open(path, "wb") as f:
        f.truncate(size)  # sparse: no disk, and the size check runs before reading
    return str(path)


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda t: str(t / "missing.txt"), "no such file"),
        (lambda t: str(t), "is a directory"),
        (lambda t: write(t, "empty.txt", b""), "empty file"),
        (lambda t: write(t, "blank.txt", b" \n\n\t\n"), "empty file"),
        (lambda t: write(t, "nul.txt", b"text\x00\x01\x02\x03binary\xff\xfe" * 50), "binary file, not text or HTML"),
        (lambda t: write(t, "img.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "binary file, not text or HTML"),
        (lambda t: _sparse(t, "huge.html", 52_400_000), "page too large (52.4 MB > 20 MB limit)"),
        (lambda t: write(t, "bomb.txt.gz", gzip.compress(b"a" * 21_000_000)),
         "page too large (over 20 MB once decompressed)"),
        (lambda t: write(t, "bad.txt.gz", b"\x1f\x8b" + b"not really gzip"), "not a valid gzip file"),
    ],
)
def test_bad_input_raises_input_error(tmp_path, make, problem):
    path = make(tmp_path)
    with pytest.raises(InputError) as err:
        read_page(path)
    assert err.value.problem == problem
    assert err.value.path == path
    assert str(err.value) == f"{path}: {problem}"


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode("cp1252"))))
    page = read_page("-")
    assert (page.path, page.body, page.kind) == ("-", STORY, "text")


def test_empty_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match="^-: empty file$"):
        read_page("-")


# ---------------------------------------------------------------- JSONL


def _jsonl(tmp_path: Path, name: str = "corpus.jsonl") -> str:
    lines = [
        json.dumps({"id": "a1", "text": "First story text.", "url": "https://example.org/a1", "title": "First"}),
        "",
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"html": HTML.format("Second story."), "published": "2024-05-01"}),
        json.dumps({"title": "no body"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
    ]
    data = ("\n".join(lines) + "\n").encode()
    return write(tmp_path, name, gzip.compress(data) if name.endswith(".gz") else data)


@pytest.mark.parametrize("name", ["corpus.jsonl", "corpus.jsonl.gz"])
def test_jsonl_pages_and_bad_lines(tmp_path, name):
    path = _jsonl(tmp_path, name)
    items = list(iter_pages([path]))
    got = [(type(i).__name__, i.path, getattr(i, "problem", None)) for i in items]
    assert got == [
        ("Page", f"{path}#a1", None),
        ("InputError", f"{path}#3", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("InputError", f"{path}#4", "not a JSON object (found list)"),
        ("Page", f"{path}#5", None),
        ("InputError", f"{path}#6", "no 'text' or 'html' field"),
        ("InputError", f"{path}#7", "empty 'text'"),
        ("InputError", f"{path}#8", "'text' is not a string"),
    ]
    first, second = items[0], items[3]
    assert (first.kind, first.body) == ("text", "First story text.")
    assert dict(first.meta) == {"id": "a1", "url": "https://example.org/a1", "title": "First"}
    assert second.kind == "html" and second.meta["published"] == "2024-05-01"


def test_read_page_names_a_jsonl_record(tmp_path):
    path = _jsonl(tmp_path)
    assert read_page(f"{path}#a1").body == "First story text."
    assert read_page(f"{path}#5").kind == "html"
    with pytest.raises(InputError, match="no such record"):
        read_page(f"{path}#zz")
    with pytest.raises(InputError, match="holds several pages"):
        read_page(path)


# ---------------------------------------------------------------- WARC


def _warc(tmp_path: Path, name: str) -> str:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / name
    records = [
        ("https://example.org/story", "200 OK", "text/html; charset=windows-1252",
         HTML.format("Caf\xe9 owners met on Monday.").encode("cp1252")),
        ("https://example.org/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://example.org/plain", "200 OK", "text/plain", b"A plain text page."),
    ]
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(name, {"software": "byline tests"}))
        for url, status, ctype, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return str(path)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_response_records(tmp_path, name):
    path = _warc(tmp_path, name)
    items = list(iter_pages([path]))
    assert [(type(i).__name__, i.path) for i in items] == [
        ("Page", f"{path}#1"), ("InputError", f"{path}#2"), ("InputError", f"{path}#3"), ("Page", f"{path}#4"),
    ]
    story, gone, logo, plain = items
    assert story.kind == "html" and "Café owners met" in story.body
    assert story.meta["url"] == "https://example.org/story"
    assert story.meta["published"].endswith("Z")
    assert gone.problem == "HTTP status 404, not a page"
    assert logo.problem == "not a page (content type image/png)"
    assert (plain.kind, plain.body) == ("text", "A plain text page.")
    assert read_page(f"{path}#4").body == "A plain text page."


def test_corrupt_warc_yields_one_error(tmp_path):
    path = write(tmp_path, "broken.warc", b"this is not a WARC file\n" * 20)
    items = list(iter_pages([path]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].problem.startswith("not a readable WARC")


# ---------------------------------------------------------------- folders and globs


def test_iter_pages_walks_folders_and_globs(tmp_path):
    write(tmp_path, "corpus/a.txt", "Story A.")
    write(tmp_path, "corpus/sub/b.html", HTML.format("Story B."))
    write(tmp_path, "corpus/sub/c.htm.gz", gzip.compress(HTML.format("Story C.").encode()))
    write(tmp_path, "corpus/sub/empty.txt", "")
    write(tmp_path, "corpus/logo.png", b"\x89PNG")  # not a page suffix: skipped in a folder walk
    write(tmp_path, "corpus/.hidden/d.txt", "Hidden.")
    root = tmp_path / "corpus"
    items = list(iter_pages([str(root)]))
    assert [Path(i.path).relative_to(root).as_posix() for i in items] == [
        "a.txt", "sub/b.html", "sub/c.htm.gz", "sub/empty.txt",
    ]
    assert isinstance(items[-1], InputError) and items[-1].problem == "empty file"
    globbed = list(iter_pages([str(root / "**" / "*.htm*")]))
    assert sorted(Path(p.path).name for p in globbed) == ["b.html", "c.htm.gz"]


def test_iter_pages_never_raises(tmp_path):
    good = write(tmp_path, "good.txt", "A good page.")
    items = list(iter_pages([str(tmp_path / "nope.txt"), str(tmp_path / "*.none"), good]))
    assert [type(i) for i in items] == [InputError, InputError, Page]
    assert items[0].problem == "no such file"
    assert items[1].problem == "no files match this pattern"
