"""The field's own measures, re-implemented from their definitions so byline's figures compare.

PAN character-level measures (Potthast, Stein, Barrón-Cedeño, Rosso, "An Evaluation Framework for
Plagiarism Detection", COLING 2010), as the PAN text-alignment evaluator computes them:

- a case or a detection is a pair of character ranges, one in the suspicious document and one in
  the source document; a detection *detects* a case when both ranges overlap (same documents);
- macro recall = mean over all cases of (characters of the case, counted in both documents, that
  lie under a detecting detection) / (case length in both documents); cases nobody detected count 0;
- macro precision = the same with the roles swapped (mean over detections);
- granularity = mean number of detections per *detected* case (1 when nothing was detected);
- plagdet = F1(precision, recall) / log2(1 + granularity).
- Empty sets follow the evaluator: no cases and no detections is recall = precision = 1; one side
  empty is 0. Duplicate annotations count once (the evaluator collects them in a set).

Scrapinghub article-extraction measure (github.com/scrapinghub/article-extraction-benchmark,
``evaluate.py``): tokens are ``\\w+`` matches (case kept); shingles are token 4-grams counted with
multiplicity (a text of fewer than 4 tokens is one shingle); per page TP/FP/FN over the shingle
multisets are normalised to sum 1 so every page weighs the same; precision is averaged over pages
with a non-empty prediction, recall over pages with a non-empty truth; F1 is the harmonic mean of
the two averages; accuracy = share of pages whose token sequences are identical.
"""

from __future__ import annotations

import math
import random
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# -- PAN text alignment ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Passage:
    """One plagiarism case or detection: ``[this_offset, +this_length)`` in the suspicious
    document ``susp`` and ``[source_offset, +source_length)`` in the source document ``src``."""

    susp: str
    this_offset: int
    this_length: int
    src: str
    source_offset: int
    source_length: int

    @property
    def this_end(self) -> int:
        return self.this_offset + self.this_length

    @property
    def source_end(self) -> int:
        return self.source_offset + self.source_length


def overlaps(x: Passage, y: Passage) -> bool:
    """Do ``x`` and ``y`` share characters in *both* documents (the detection criterion)?"""
    return (
        x.susp == y.susp
        and x.src == y.src
        and y.this_offset < x.this_end
        and y.this_end > x.this_offset
        and y.source_offset < x.source_end
        and y.source_end > x.source_offset
    )


def _covered(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> int:
    """Characters of ``[start, end)`` under the union of ``ranges``."""
    clipped = sorted((max(s, start), min(e, end)) for s, e in ranges if s < end and e > start)
    total, cur_s, cur_e = 0, None, None
    for s, e in clipped:
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def passage_recall(case: Passage, others: Sequence[Passage]) -> float:
    """Share of ``case``'s characters (both documents) covered by the ``others`` that overlap it."""
    hits = [o for o in others if overlaps(case, o)]
    size = case.this_length + case.source_length
    if not hits or size == 0:
        return 0.0
    this = _covered(case.this_offset, case.this_end, ((o.this_offset, o.this_end) for o in hits))
    source = _covered(case.source_offset, case.source_end, ((o.source_offset, o.source_end) for o in hits))
    return (this + source) / size


def _by_pair(passages: Iterable[Passage]) -> dict[tuple[str, str], list[Passage]]:
    index: dict[tuple[str, str], list[Passage]] = {}
    for p in passages:
        index.setdefault((p.susp, p.src), []).append(p)
    return index


def macro_recall(cases: Iterable[Passage], detections: Iterable[Passage]) -> float:
    """Mean per-case recall over all cases (PAN macro-averaged recall)."""
    cases, detections = set(cases), set(detections)
    if not cases and not detections:
        return 1.0
    if not cases or not detections:
        return 0.0
    det_index = _by_pair(detections)
    return sum(passage_recall(c, det_index.get((c.susp, c.src), ())) for c in cases) / len(cases)


def macro_precision(cases: Iterable[Passage], detections: Iterable[Passage]) -> float:
    """Mean per-detection precision: recall with the roles of cases and detections swapped."""
    return macro_recall(detections, cases)


def granularity(cases: Iterable[Passage], detections: Iterable[Passage]) -> float:
    """Mean number of detections per detected case; 1.0 when no case is detected."""
    det_index = _by_pair(set(detections))
    counts = [sum(overlaps(c, d) for d in det_index.get((c.susp, c.src), ())) for c in set(cases)]
    detected = [n for n in counts if n > 0]
    return sum(detected) / len(detected) if detected else 1.0


def plagdet(recall: float, precision: float, gran: float) -> float:
    """F1 of precision and recall, discounted by log2(1 + granularity)."""
    if recall <= 0 and precision <= 0 or recall < 0 or precision < 0 or gran < 1:
        return 0.0
    return (2 * recall * precision / (recall + precision)) / math.log2(1 + gran)


def pan_scores(cases: Iterable[Passage], detections: Iterable[Passage]) -> dict[str, float]:
    """All four PAN measures plus the number of cases and detections."""
    cases, detections = set(cases), set(detections)
    r, p, g = macro_recall(cases, detections), macro_precision(cases, detections), granularity(cases, detections)
    return {"precision": p, "recall": r, "granularity": g, "plagdet": plagdet(r, p, g), "cases": len(cases), "detections": len(detections)}


# -- Scrapinghub article extraction ---------------------------------------------------------------

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_N = 4  # the benchmark's shingle size


def tokens(text: str | None) -> list[str]:
    """The benchmark's tokens: ``\\w+`` runs, case kept."""
    return _TOKEN.findall(text or "")


def shingle_counts(text: str | None, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """Token ``n``-grams with multiplicity; a non-empty text shorter than ``n`` is one shingle."""
    toks = tokens(text)
    if not toks:
        return Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)))


def page_counts(true: str | None, pred: str | None) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page's predicted shingles against the truth."""
    t, p = shingle_counts(true), shingle_counts(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s > 0 else (tp, fp, fn)


def _page_precision(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def _page_recall(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def extraction_prf(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Page-averaged precision and recall, and the F1 of the two averages."""
    precs = [_page_precision(*c) for c in counts if c[0] + c[1] > 0]
    recs = [_page_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precs) if precs else 0.0
    r = statistics.mean(recs) if recs else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r > 0 else 0.0, "precision": p, "recall": r}


def extraction_scores(truth: dict[str, str], pred: dict[str, str | None], n_bootstrap: int = 1000, seed: int = 0) -> dict[str, float]:
    """The benchmark's F1/precision/recall/accuracy, with bootstrap standard deviations.

    ``truth`` and ``pred`` map item ids to article bodies; their key sets must match, as upstream.
    """
    if truth.keys() != pred.keys():
        raise ValueError("prediction keys do not match ground truth")
    keys = list(truth)
    counts = [page_counts(truth[k], pred[k]) for k in keys]
    exact = [float(tokens(truth[k]) == tokens(pred[k])) for k in keys]
    out = extraction_prf(counts)
    out["accuracy"] = statistics.mean(exact)
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {}
    for _ in range(n_bootstrap):
        idx = [rng.randrange(len(keys)) for _ in keys]
        for name, value in extraction_prf([counts[i] for i in idx]).items():
            samples.setdefault(name, []).append(value)
        samples.setdefault("accuracy", []).append(statistics.mean(exact[i] for i in idx))
    for name, values in samples.items():
        out[f"{name}_std"] = statistics.stdev(values) if len(values) > 1 else 0.0
    out["pages"] = len(keys)
    return out


# -- binary decisions (MSRP) ----------------------------------------------------------------------


def binary_prf(gold: Sequence[int], pred: Sequence[int]) -> dict[str, float]:
    """Precision, recall, F1 of the positive class and accuracy."""
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    correct = sum(1 for g, p in zip(gold, pred) if bool(g) == bool(p))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": correct / len(gold) if len(gold) else 0.0}
