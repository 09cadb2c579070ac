"""Typed sentence differences (ETPC) against byline's findings.

    python -m bench.etpc [--limit N] [--json OUT]

ETPC (Kovatchev et al., LREC 2018; ../shared/data/etpc-partial) marks, for MSRP pairs judged
*not* paraphrases, each non-sense-preserving difference between the two sentences with its type
and the words involved (``textual_np_neg.xml``). Three of byline's finding kinds have a
counterpart there; each gold instance is one sentence pair run through ``byline.align.align`` and
``byline.explain.explain`` with the sentence *lacking* the change as the source:

- ``number_changed``: a named-entity substitution whose two sides both hold a number and differ
  in their numbers ("$ 2.5 billion" -> "$ 1.8 billion");
- ``attribution_shift``: a named-entity substitution without numbers, next to a reporting verb
  ("said", "told", "according to") in both sentences: who is credited changed. This reading of
  the gold is ours (ETPC has no attribution type), so its recall is indicative;
- ``unsupported_claim``: an addition/deletion of four or more tokens present in one sentence
  only; that sentence is the copy, the other the source.

Reported per kind: recall (the finding fires on the pair) and located recall (a finding's copy
span overlaps the changed words). As a false-alarm rate, the same kinds are counted on MSRP
*paraphrase* pairs of the test split (a proxy: some paraphrases do change a figure or add a
clause).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.msrp import load as load_msrp

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "etpc-partial"
MSRP = DATA.parent / "msrp"
KINDS = ("number_changed", "attribution_shift", "unsupported_claim")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_REPORTING = re.compile(r"\b(said|says|say|told|tells|according to|reported|reports|announced|stated|added|claimed)\b", re.I)
MIN_ADDED_TOKENS = 4  # shorter additions are mostly function words and modifiers, not claims
REPORTING_WINDOW = 60  # characters between the entity and the reporting verb


@dataclass(frozen=True, slots=True)
class Case:
    """One gold difference: ``copy`` carries the change that ``source`` lacks."""

    kind: str
    pair_id: int
    source: str
    copy: str
    changed: str  # the changed words on the copy side, as ETPC tokenised them


def _tokens_text(text: str | None) -> str:
    return (text or "").strip()


def _near_reporting(sentence: str, words: str) -> bool:
    """Is ``words`` (ETPC tokens, spaces between) within a short distance of a reporting verb?"""
    first = words.split()[0] if words.split() else ""
    pos = sentence.find(first) if first else -1
    if pos < 0:
        return False
    return any(abs(m.start() - pos) <= REPORTING_WINDOW for m in _REPORTING.finditer(sentence))


def load_cases(data: Path = DATA, msrp: Path = MSRP) -> list[Case]:
    """Gold cases of the three kinds from ``textual_np_neg.xml`` with their MSRP sentences."""
    pairs = [(s1, s2) for _, s1, s2 in (*load_msrp("train", msrp), *load_msrp("test", msrp))]
    cases: list[Case] = []
    for rel in ET.parse(data / "textual_np_neg.xml").getroot().iter("relation"):
        pid = int(rel.findtext("pair_id"))
        s1, s2 = pairs[pid - 1]
        kind_name = rel.findtext("type_name") or ""
        t1, t2 = _tokens_text(rel.findtext("s1_text")), _tokens_text(rel.findtext("s2_text"))
        if kind_name.startswith("Same Polarity Substitution (named ent.)") and t1 and t2:
            if _DIGIT.search(t1) and _DIGIT.search(t2):
                if _NUMBER.findall(t1) != _NUMBER.findall(t2):
                    cases.append(Case("number_changed", pid, s1, s2, t2))
            elif _near_reporting(s1, t1) and _near_reporting(s2, t2):
                cases.append(Case("attribution_shift", pid, s1, s2, t2))
        elif kind_name == "Addition/Deletion":
            if t2 and not t1 and len(t2.split()) >= MIN_ADDED_TOKENS:
                cases.append(Case("unsupported_claim", pid, s1, s2, t2))
            elif t1 and not t2 and len(t1.split()) >= MIN_ADDED_TOKENS:
                cases.append(Case("unsupported_claim", pid, s2, s1, t1))
    # one case per (kind, pair, direction): several relations of a kind in a pair test one finding
    unique = {(c.kind, c.pair_id, c.copy): c for c in cases}
    return list(unique.values())


class Explainer:
    """align + explain over one sentence pair, with the static scorer loaded once."""

    def __init__(self, model: str = "static") -> None:
        from byline.align import Scorer
        from byline.embed import load_embedder

        self.scorer = Scorer(load_embedder(model))

    def findings(self, source: str, copy: str):  # noqa: ANN201 - tuple[Finding, ...]
        from byline.align import align
        from byline.explain import explain
        from byline.records import Article
        from byline.text import split_sentences

        src, cp = Article(path="source", text=source), Article(path="copy", text=copy)
        s_sents, c_sents = split_sentences(source), split_sentences(copy)
        links = align(s_sents, c_sents, self.scorer).links
        return explain(src, s_sents, cp, c_sents, links, self.scorer)


def _located(finding, copy: str, changed: str) -> bool:  # noqa: ANN001 - a Finding
    """Does the finding's copy span overlap the first changed word?"""
    if finding.copy_span is None:
        return False
    span = copy[finding.copy_span.start : finding.copy_span.end]
    words = [w for w in re.findall(r"\w+", changed) if len(w) > 1 or w.isdigit()]
    return any(w in span for w in words)


def run(limit: int | None = None, controls: int = 300, data: Path = DATA, msrp: Path = MSRP) -> dict:
    """Recall per kind on the gold cases; firing rate per kind on MSRP paraphrase pairs."""
    cases = load_cases(data, msrp)
    if limit:
        by_kind: dict[str, list[Case]] = {}
        for c in cases:
            by_kind.setdefault(c.kind, []).append(c)
        cases = [c for k in KINDS for c in by_kind.get(k, [])[:limit]]
    ex = Explainer()
    hits, located, totals, errors = Counter(), Counter(), Counter(), []
    start = time.perf_counter()
    for c in cases:
        totals[c.kind] += 1
        try:
            found = [f for f in ex.findings(c.source, c.copy) if f.kind.value == c.kind]
        except Exception as exc:  # an explain failure counts as a miss and is listed
            errors.append(f"pair {c.pair_id} {c.kind}: {type(exc).__name__}: {exc}")
            continue
        hits[c.kind] += bool(found)
        located[c.kind] += any(_located(f, c.copy, c.changed) for f in found)
    control_pairs = [(s1, s2) for label, s1, s2 in load_msrp("test", msrp) if label == 1][:controls]
    fired = Counter()
    for s1, s2 in control_pairs:
        try:
            kinds = {f.kind.value for f in ex.findings(s1, s2)}
        except Exception as exc:
            errors.append(f"control: {type(exc).__name__}: {exc}")
            continue
        for k in KINDS:
            fired[k] += k in kinds
    seconds = time.perf_counter() - start
    out = {"kinds": {}, "controls": len(control_pairs), "seconds": seconds, "errors": errors}
    for k in KINDS:
        n = totals[k]
        out["kinds"][k] = {"cases": n, "recall": hits[k] / n if n else None, "located_recall": located[k] / n if n else None,
                           "fires_on_paraphrases": fired[k] / len(control_pairs) if control_pairs else None}
    return out


def format_table(result: dict) -> str:
    lines = [f"{'finding kind':<20}{'cases':>7}{'recall':>9}{'located':>9}{'fires on paraphrases':>22}"]
    for k, s in result["kinds"].items():
        rec = f"{s['recall']:.3f}" if s["recall"] is not None else "-"
        loc = f"{s['located_recall']:.3f}" if s["located_recall"] is not None else "-"
        lines.append(f"{k:<20}{s['cases']:>7}{rec:>9}{loc:>9}{s['fires_on_paraphrases']:>22.3f}")
    lines.append(f"{result['controls']} MSRP test paraphrase pairs as controls; {result['seconds']:.0f} s; {len(result['errors'])} errors")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="at most N gold cases per kind")
    ap.add_argument("--controls", type=int, default=300, help="MSRP paraphrase pairs for the false-alarm rate")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    if not (DATA / "textual_np_neg.xml").exists() or not (MSRP / "msr_paraphrase_train.txt").exists():
        print(f"bench.etpc: {DATA} or {MSRP} not found", file=sys.stderr)
        return 2
    result = run(args.limit, args.controls)
    print("ETPC non-paraphrase differences -> byline findings (sentence level)")
    print(format_table(result))
    for e in result["errors"][:10]:
        print(f"failed: {e}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
