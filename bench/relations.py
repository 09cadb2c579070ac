"""Relation kind and direction on the labelled fictional pairs in tests/data/pairs.

    python -m bench.relations [--model auto|static|minilm] [-v]

Each pair is run in both argument orders; a pair counts as right when the kind matches and, for
derived kinds, the original does too. Prints one row per pair and the totals.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "pairs"


def load_labels(folder: Path = PAIRS) -> list[dict[str, str]]:
    with open(folder / "labels.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="auto", choices=["auto", "static", "minilm"])
    ap.add_argument("-v", "--verbose", action="store_true", help="print the evidence of wrong verdicts")
    args = ap.parse_args(argv)
    from byline.compare import Engine

    engine = Engine(model=args.model)
    articles = {}
    right = total = 0
    print(f"{'a':<24}{'b':<24}{'label':<18}{'a,b':<18}{'b,a':<18}")
    for row in load_labels():
        for name in (row["a_file"], row["b_file"]):
            if name not in articles:
                articles[name] = engine.load(str(PAIRS / name))
        a, b = articles[row["a_file"]], articles[row["b_file"]]
        cells = []
        for flip in (False, True):
            c = engine.compare(b, a) if flip else engine.compare(a, b)
            orig = c.relation.original
            if flip and orig in "ab":
                orig = "b" if orig == "a" else "a"
            ok = c.relation.kind.value == row["kind"] and (not c.relation.kind.derived or orig == row["original"] or row["original"] == "unknown")
            right += ok
            total += 1
            cells.append(f"{c.relation.kind.value}/{orig}{'' if ok else ' X'}")
            if not ok and args.verbose:
                ev = {k: v for k, v in c.relation.evidence.items()}
                print("   ", "flip" if flip else "", ev)
        print(f"{row['a_file']:<24}{row['b_file']:<24}{row['kind'] + '/' + row['original']:<18}{cells[0]:<18}{cells[1]:<18}")
    print(f"right: {right}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
