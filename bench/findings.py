"""Findings on the newsroom-dev spins against their planted changes (../shared/data/newsroom-dev).

    python -m bench.findings [--verbose] [--model auto|static|minilm] [--json OUT]
    python -m bench.findings --fit-claims     refit the unsupported-claim model, leave-one-source-out

For each of the 20 ``spin`` documents, the source article (its ``articleBody`` in the Scrapinghub
article-extraction benchmark, keyed by the gold's ``source_id``) is compared with the spin (read by
``byline.compare.load_article``, which strips the page chrome) through ``Engine().compare``, and the
findings are scored against the gold's ``planted`` fields:

- ``unsupported_claim``: a finding is right when its copy span overlaps the planted
  ``unsupported_claim`` sentence; recall = planted claims found / planted.
- ``attribution_shift``: right when its copy span overlaps the planted ``attribution_shift``
  sentence (the gold plants one shift per spin; any other shift is counted as false).
- ``number_changed``: right when its copy span overlaps the planted ``changed_number.rewrite``
  (every other number of a spin is unchanged, possibly written in words).
- ``source_dropped``: recall over the gold's ``dropped_named_sources`` (people), counted when a
  finding's source text holds the whole name ("Kevin Mayer"; ``surname only`` counts those named
  by one word of it). A person finding is right when it names one of them (any word of the name);
  an organisation finding is right when none of its name words (beyond generic ones such as
  "Ministry") occur in the spin: a proxy, the gold lists people only.

Pairs whose verdict is not derived with the source as original are listed; their findings are
scored as returned. Prints one table per finding kind; ``--verbose`` lists misses and false findings.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA = SHARED / "newsroom-dev"
SOURCES = SHARED / "article-extraction-benchmark" / "ground-truth.json"
KINDS = ("unsupported_claim", "attribution_shift", "number_changed", "source_dropped")
# Words of an organisation's name too generic to show it is named in the copy.
GENERIC_ORG_WORDS = frozenset(
    """the of and for a an ministry department office agency council committee commission group company
    inc corp co university institute center centre association foundation government police court
    house national international news""".split()
)


@dataclass
class Spin:
    """One spin document, its source and the gold."""

    id8: str
    source_id: str
    source_text: str
    path: Path
    gold: dict


@dataclass
class Tally:
    """Counts for one finding kind."""

    planted: int = 0
    found: int = 0
    reported: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def precision(self) -> float | None:
        return self.right / self.reported if self.reported else None

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None


def load_spins(data: Path = DATA, sources: Path = SOURCES) -> list[Spin]:
    """The spin documents in gold order, with their source bodies."""
    bodies = json.loads(sources.read_text(encoding="utf-8"))
    out = []
    for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g.get("relation") != "spin":
            continue
        sid = g["source_id"]
        out.append(Spin(sid[:8], sid, bodies[sid]["articleBody"], data / g["file"], g))
    return out


def locate(text: str, needle: str) -> tuple[int, int] | None:
    """The span of ``needle`` in ``text``, whitespace, quotes and punctuation between words free."""
    words = re.findall(r"\w+", needle)
    if not words:
        return None
    pattern = r"\W+".join(re.escape(w) for w in words)
    m = re.search(pattern, text, flags=re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def overlaps(span, target: tuple[int, int] | None) -> bool:  # noqa: ANN001 - a Span or None
    return span is not None and target is not None and span.start < target[1] and target[0] < span.end


def _show(f) -> str:  # noqa: ANN001 - a Finding
    text = f.copy_text or f.source_text
    text = " ".join(text.split())
    return text if len(text) <= 140 else text[:137] + "..."


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", text)]


def _contains_words(text: str, name: str) -> bool:
    """Does ``text`` hold every word of ``name``, in order and together ("James Kennedy Jr" for "James Kennedy Jr.")?"""
    have, want = _words(text), _words(name)
    return any(have[k : k + len(want)] == want for k in range(len(have) - len(want) + 1))


def _org_named(name: str, copy_text: str) -> bool:
    """Proxy: does the copy hold a distinctive word of the organisation's name?"""
    have = {w.lower() for w in re.findall(r"\w+", copy_text)}
    distinctive = [w.lower() for w in re.findall(r"\w+", name) if w.lower() not in GENERIC_ORG_WORDS]
    return bool(distinctive) and any(w in have for w in distinctive)


def score_pair(spin: Spin, comparison, tallies: dict[str, Tally]) -> None:  # noqa: ANN001 - a Comparison
    """Add one pair's findings to the tallies."""
    copy = comparison.b if comparison.source_side == "a" else comparison.a
    planted = spin.gold["planted"]
    targets = {
        "unsupported_claim": planted["unsupported_claim"],
        "attribution_shift": planted["attribution_shift"],
        "number_changed": planted["changed_number"]["rewrite"],
    }
    for kind, needle in targets.items():
        t = tallies[kind]
        where = locate(copy.text, needle)
        found = [f for f in comparison.findings if f.kind.value == kind]
        t.planted += 1
        t.reported += len(found)
        right = [f for f in found if overlaps(f.copy_span, where)]
        t.right += len(right)
        if right:
            t.found += 1
        else:
            t.misses.append(f"{spin.id8}: {' '.join(needle.split())}" + ("" if where else "  [not located in the spin]"))
        t.false += [f"{spin.id8}: {_show(f)}" for f in found if f not in right]

    t = tallies["source_dropped"]
    found = [f for f in comparison.findings if f.kind.value == "source_dropped"]
    names = spin.gold.get("dropped_named_sources", [])
    t.planted += len(names)
    t.reported += len(found)
    texts = [" ".join(f.source_text.split()) for f in found]
    for name in names:
        whole = [x for x in texts if _contains_words(x, name)]
        parts = {w.lower() for w in re.findall(r"\w+", name) if len(w) > 2}
        partial = [x for x in texts if parts & {w.lower() for w in re.findall(r"\w+", x)}]
        if whole:
            t.found += 1
        elif partial:
            t.extra["surname only"] = t.extra.get("surname only", 0) + 1
            t.misses.append(f"{spin.id8}: {name}  [named only as: {' / '.join(partial)}]")
        else:
            t.misses.append(f"{spin.id8}: {name}")
    gold_words = {w.lower() for n in names for w in re.findall(r"\w+", n) if len(w) > 2}
    for f, text in zip(found, texts):
        person = "(person;" in f.detail
        if person:
            ok = bool(gold_words & {w.lower() for w in re.findall(r"\w+", text)})
        else:
            t.extra["organisations"] = t.extra.get("organisations", 0) + 1
            ok = not _org_named(text, copy.text)
        t.right += ok
        if not ok:
            t.false.append(f"{spin.id8}: {text}  [{'person' if person else 'organisation'}]")


def run(model: str = "auto", spins: Iterable[Spin] | None = None, engine=None,  # noqa: ANN001
        record: dict | None = None) -> dict:
    """Compare every spin with its source and score the findings; returns the tallies and verdicts.

    ``record``: when given, the claim candidates of each spin (``byline.explain.claims.candidates``)
    are stored in it under the spin's id8, with the copy text they index."""
    from byline.compare import Engine, load_article
    from byline.explain import claims
    from byline.records import Article

    spins = list(spins) if spins is not None else load_spins()
    engine = engine or Engine(model=model)
    tallies = {k: Tally() for k in KINDS}
    verdicts, comparisons = [], {}
    start = time.perf_counter()
    original = claims.candidates
    current: list[str] = [""]
    if record is not None:
        def recording(pair, explained=()):  # noqa: ANN001, ANN202
            out = original(pair, explained)
            record.setdefault(current[0], []).extend(out)
            return out
        claims.candidates = recording
    try:
        for spin in spins:
            current[0] = spin.id8
            source = Article(path=spin.source_id, text=spin.source_text)
            copy = load_article(str(spin.path))
            c = engine.compare(source, copy)
            comparisons[spin.id8] = c
            verdicts.append({"id": spin.id8, "kind": c.relation.kind.value, "original": c.relation.original,
                             "findings": len(c.findings)})
            score_pair(spin, c, tallies)
    finally:
        claims.candidates = original
    return {"tallies": tallies, "verdicts": verdicts, "seconds": time.perf_counter() - start,
            "comparisons": comparisons, "model": engine.model}


# -- the unsupported-claim model, refitted leave-one-source-out --------------------------------

def claim_data(model: str = "auto") -> tuple[list[str], list[list[list[float]]], list[list[int]], list[int]]:
    """Per spin: its id8, its claim candidates' features and labels (1: overlaps the planted claim),
    and whether the planted claim is among the candidates at all."""
    record: dict[str, list] = {}
    spins = load_spins()
    result = run(model, spins, record=record)
    ids, xs, ys, reachable = [], [], [], []
    for spin in spins:
        c = result["comparisons"][spin.id8]
        copy = c.b if c.source_side == "a" else c.a
        where = locate(copy.text, spin.gold["planted"]["unsupported_claim"])
        cands = record.get(spin.id8, [])
        labels = [int(overlaps(cd.clause.span, where)) for cd in cands]
        ids.append(spin.id8)
        xs.append([list(cd.features) for cd in cands])
        ys.append(labels)
        reachable.append(int(any(labels)))
    return ids, xs, ys, reachable


def _claim_scores(probs: list[list[float]], ys: list[list[int]], threshold: float) -> tuple[int, int, int]:
    """(reported, right, planted claims found) over all spins at ``threshold``."""
    reported = right = found = 0
    for p, y in zip(probs, ys):
        hits = [lab for q, lab in zip(p, y) if q >= threshold]
        reported += len(hits)
        right += sum(hits)
        found += int(any(hits))
    return reported, right, found


def fit_claims(model: str = "auto", c_reg: float = 1.0) -> str:
    """Leave-one-source-out figures of the claim model at several thresholds, then the model fitted
    on all 20 spins as the constants of ``byline/explain/claim_model.py``.

    Features are standardised before the (L2, ``C=c_reg``) logistic regression so that one penalty
    suits them all; the exported coefficients act on the raw features (the scaling folded in)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from byline.explain.claim_model import CLAIM_FEATURES, CLAIM_THRESHOLD

    ids, xs, ys, reachable = claim_data(model)
    n = len(ids)

    def fit(rows: list[int]) -> tuple[np.ndarray, float]:
        x = np.array([f for r in rows for f in xs[r]], dtype=float)
        y = np.array([lab for r in rows for lab in ys[r]])
        scale = StandardScaler().fit(x)
        clf = LogisticRegression(C=c_reg, max_iter=5000).fit(scale.transform(x), y)
        sd = np.where(scale.scale_ > 0, scale.scale_, 1.0)
        coef = clf.coef_[0] / sd
        return coef, float(clf.intercept_[0] - np.dot(coef, scale.mean_))

    def predict(params: tuple[np.ndarray, float], x: list[list[float]]) -> list[float]:
        if not x:
            return []
        z = np.array(x, dtype=float) @ params[0] + params[1]
        return list(1.0 / (1.0 + np.exp(-z)))

    held_out = [predict(fit([r for r in range(n) if r != k]), xs[k]) for k in range(n)]
    full = fit(list(range(n)))
    in_sample = [predict(full, x) for x in xs]
    lines = [f"claim candidates: {sum(map(len, xs))} in {n} spins; planted claims among them: {sum(reachable)} / {n}",
             f"{'threshold':>10}{'held-out P':>12}{'R':>7}{'reported':>10}{'in-sample P':>13}{'R':>7}{'reported':>10}"]
    for t in sorted({0.2, 0.3, 0.4, 0.5, 0.6, 0.7, CLAIM_THRESHOLD}):
        rep, right, found = _claim_scores(held_out, ys, t)
        rep2, right2, found2 = _claim_scores(in_sample, ys, t)
        mark = "  <- CLAIM_THRESHOLD" if t == CLAIM_THRESHOLD else ""
        lines.append(f"{t:>10.2f}{(right / rep if rep else 0):>12.3f}{found / n:>7.2f}{rep:>10}"
                     f"{(right2 / rep2 if rep2 else 0):>13.3f}{found2 / n:>7.2f}{rep2:>10}{mark}")
    coef = ", ".join(f"{c:.4f}" for c in full[0])
    lines += ["", "fitted on all spins (paste into claim_model.py):",
              f"CLAIM_FEATURES = {tuple(CLAIM_FEATURES)!r}", f"CLAIM_COEF = np.array([{coef}])",
              f"CLAIM_INTERCEPT = {full[1]:.4f}"]
    return "\n".join(lines)


def _fmt(x: float | None) -> str:
    return f"{x:.3f}" if x is not None else "-"


def format_table(result: dict, verbose: bool = False) -> str:
    tallies: dict[str, Tally] = result["tallies"]
    lines = [f"{'finding kind':<20}{'planted':>9}{'found':>7}{'reported':>10}{'right':>7}{'precision':>11}{'recall':>8}"]
    for kind, t in tallies.items():
        lines.append(f"{kind:<20}{t.planted:>9}{t.found:>7}{t.reported:>10}{t.right:>7}{_fmt(t.precision):>11}{_fmt(t.recall):>8}")
    for kind, t in tallies.items():
        if t.extra:
            lines.append(f"{kind}: " + ", ".join(f"{k} {v}" for k, v in t.extra.items()))
    odd = [v for v in result["verdicts"] if v["kind"] in ("independent", "unrelated") or v["original"] != "a"]
    lines.append(f"{len(result['verdicts'])} spins, model={result['model']}, {result['seconds']:.0f} s; "
                 f"verdicts not derived-with-source-first: {len(odd)}"
                 + "".join(f"\n  {v['id']}: {v['kind']}, original={v['original']}" for v in odd))
    if verbose:
        for kind, t in tallies.items():
            lines.append(f"\n== {kind}: misses ({len(t.misses)})")
            lines += [f"  {m}" for m in t.misses]
            lines.append(f"== {kind}: false findings ({len(t.false)})")
            lines += [f"  {m}" for m in t.false]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="auto", choices=["auto", "static", "minilm"])
    ap.add_argument("--verbose", action="store_true", help="list misses and false findings")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--fit-claims", action="store_true",
                    help="refit the unsupported-claim model (needs scikit-learn) and print leave-one-source-out figures")
    args = ap.parse_args(argv)
    if not (DATA / "gold.jsonl").exists() or not SOURCES.exists():
        print(f"bench.findings: {DATA} or {SOURCES} not found", file=sys.stderr)
        return 2
    if args.fit_claims:
        print(fit_claims(args.model))
        return 0
    result = run(args.model)
    print("newsroom-dev spins: findings against the planted changes")
    print(format_table(result, args.verbose))
    if args.json:
        out = {k: {"planted": t.planted, "found": t.found, "reported": t.reported, "right": t.right,
                   "precision": t.precision, "recall": t.recall, **t.extra} for k, t in result["tallies"].items()}
        args.json.write_text(json.dumps({"kinds": out, "verdicts": result["verdicts"]}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
