"""The command line: verdicts, outputs, and one clear line for every kind of bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from byline.cli import main

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "pairs"
STORY = str(PAIRS / "pipes_original.html")
COPY = str(PAIRS / "pipes_near_copy.txt")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_compare_writes_json_and_html(tmp_path, capsys):
    j, h = tmp_path / "out.json", tmp_path / "out.html"
    code, out, _ = run(capsys, "compare", STORY, COPY, "--model", "hash", "--json", str(j), "--html", str(h))
    assert code == 0
    d = json.loads(j.read_text())
    assert d["relation"]["kind"] == "near_copy"
    assert d["a"]["path"] == STORY and d["b"]["path"] == COPY
    assert h.read_text().lstrip().lower().startswith("<!doctype html")
    assert "near" in out.lower()  # the terminal verdict


def test_json_to_stdout(capsys):
    code, out, _ = run(capsys, "compare", STORY, COPY, "--model", "hash", "--json", "-")
    assert code == 0
    assert json.loads(out)["byline_version"]


def test_stdin_as_one_side(monkeypatch, capsys):
    import io

    text = Path(COPY).read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, _ = run(capsys, "compare", STORY, "-", "--model", "hash", "--json", "-")
    assert code == 0
    assert json.loads(out)["b"]["path"] == "-"


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    huge = tmp_path / "huge.html"
    huge.write_bytes(b"<html><body><p>" + b"word " * (50 * 1024 * 1024 // 5) + b"</p></body></html>")
    return {
        "missing": (tmp_path / "nope.html", "no such file"),
        "directory": (tmp_path, "directory"),
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "huge": (huge, "too large"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "huge"])
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, case):
    path, words = _bad_inputs(tmp_path)[case]
    code, out, err = run(capsys, "compare", str(path), STORY, "--model", "hash")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and words in lines[0].lower()
    assert "Traceback" not in err


def test_non_utf8_text_is_decoded(tmp_path, capsys):
    page = tmp_path / "latin1.txt"
    text = Path(COPY).read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    paragraphs[2] = "Café owners in Calder Falls were not consulted. " + paragraphs[2]
    page.write_bytes("\n\n".join(paragraphs).encode("cp1252", errors="replace"))
    code, out, _ = run(capsys, "compare", STORY, str(page), "--model", "hash", "--json", "-")
    assert code == 0
    assert "Café owners" in json.loads(out)["b"]["body"]


def test_pairs_mode_keeps_going_after_a_bad_pair(tmp_path, capsys):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(f"{STORY}\t{COPY}\n{tmp_path / 'missing.txt'}\t{COPY}\n{COPY}\t{STORY}\n")
    out_path = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "compare", "--pairs", str(tsv), "--model", "hash", "--json", str(out_path))
    assert code == 2
    rows = [json.loads(line) for line in out_path.read_text().splitlines()]
    assert len(rows) == 3
    assert rows[0]["relation"]["kind"] == rows[2]["relation"]["kind"] == "near_copy"
    assert "error" in rows[1] and "missing.txt" in rows[1]["error"]
    assert err.count("byline: error:") == 1


def test_usage_errors(capsys):
    assert run(capsys, "compare", STORY)[0] == 2
    assert run(capsys, "compare", "-", "-")[0] == 2
    assert run(capsys, "compare", "--pairs", "x.tsv", STORY, COPY)[0] == 2


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "compare" in out


def test_no_traceback_in_a_real_process(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "byline", "compare", str(tmp_path / "missing.txt"), STORY, "--model", "hash"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith("byline: error:") and "Traceback" not in proc.stderr
