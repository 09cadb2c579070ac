"""Sentence-level paraphrase decisions on MSRP (Microsoft Research Paraphrase Corpus, ../shared/data/msrp).

    python -m bench.msrp [--models static,minilm] [--cross] [--limit N] [--json OUT]

byline's sentence decision is the support score of ``byline.align.Scorer``: does sentence 1 (the
"source") say what sentence 2 (the "copy") says? Each pair gets four scores from
``Scorer.matrix``: ``s2|s1`` (sentence 2 supported by sentence 1), ``s1|s2``, and their ``min``
(each must support the other: a paraphrase, not an entailment) and ``mean``. Scores are taken on
the diagonal of ``Scorer.matrix`` over blocks of pairs, so the Scorer's IDF weights come from a
few hundred news sentences rather than from the two sentences of one pair.

Reported on the 1,725 test pairs: precision/recall/F1 (paraphrase class) and accuracy

- at ``byline.align.SUPPORTED`` (the engine's own line, never tuned on MSRP),
- at the score variant and threshold that maximise F1 on the 4,076 training pairs (train only), and
- for ``byline.paraphrase.ParaphraseJudge``: a logistic regression over symmetric surface, word
  order, soft word alignment and entity features and the embedding cosine, fit on the training
  pairs, its threshold chosen by 5-fold cross-validation on them. ``--fit`` prints the fitted
  models as the ``MODELS`` literal that byline ships; every run says whether the shipped models
  still match a fresh fit.
- with ``--cross``, for that judge blended with ``byline.crossencoder``: the offline MiniLM
  fine-tuned as a sentence-pair classifier on nine tenths of the training pairs (once, then cached),
  the blend weight and threshold chosen on the held-out tenth (judge probabilities out of fold).

Anchors (test set, accuracy / F1): majority class 66.5 / 79.9; Wan et al. 2006 75.6 / 83.0 (best
classic, ACL wiki); XLNet-Large ensemble 93.0 / 90.7 (GLUE-era transformer). Target (issue 4): F1 >= 85.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

from bench.metrics import binary_prf

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "msrp"
VARIANTS = ("s2|s1", "s1|s2", "min", "mean")
BLOCK = 256  # pairs per Scorer.matrix call: IDF over 512 sentences, matrices of 256 x 256


def load(split: str, data: Path = DATA) -> list[tuple[int, str, str]]:
    """(label, sentence 1, sentence 2) of ``train`` or ``test`` (BOM, tabs, no header)."""
    rows = []
    with open(data / f"msr_paraphrase_{split}.txt", encoding="utf-8-sig", newline="") as fh:
        for rec in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(rec) == 5 and rec[0] in ("0", "1"):
                rows.append((int(rec[0]), rec[3], rec[4]))
    return rows


def pair_scores(scorer, rows: list[tuple[int, str, str]], block: int = BLOCK) -> dict[str, np.ndarray]:
    """Every score variant for every pair."""
    fwd, bwd = [], []
    for k in range(0, len(rows), block):
        chunk = rows[k : k + block]
        s1, s2 = [r[1] for r in chunk], [r[2] for r in chunk]
        fwd.append(np.diag(scorer.matrix(s2, s1)))
        bwd.append(np.diag(scorer.matrix(s1, s2)))
    f, b = np.concatenate(fwd), np.concatenate(bwd)
    return {"s2|s1": f, "s1|s2": b, "min": np.minimum(f, b), "mean": (f + b) / 2}


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(threshold, F1) maximising F1 when ``score >= threshold`` means paraphrase."""
    order = np.argsort(-scores)
    s, g = scores[order], gold[order]
    tp = np.cumsum(g)
    fp = np.cumsum(1 - g)
    f1 = 2 * tp / (tp + fp + g.sum())
    # only cut between distinct scores
    ok = np.append(s[1:] < s[:-1], True)
    k = int(np.argmax(np.where(ok, f1, -1)))
    thr = float(s[k] if k + 1 >= len(s) else (s[k] + s[k + 1]) / 2)
    return thr, float(f1[k])


class CachedEmbedder:
    """An embedder that encodes every distinct text once (MSRP sentences recur across calls)."""

    def __init__(self, inner, texts: list[str]) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        unique = list(dict.fromkeys(texts))
        self._rows = dict(zip(unique, inner.encode(unique)))

    def encode(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self._rows]
        if missing:
            self._rows.update(zip(missing, self.inner.encode(missing)))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._rows[t] for t in texts])


def evaluate(model: str, train: list, test: list, cross: bool = False, full: bool = True) -> dict:
    """Scores on both splits; decisions at SUPPORTED and at the train-chosen variant/threshold."""
    from byline.align import SUPPORTED, Scorer
    from byline.embed import load_embedder

    t = time.perf_counter()
    embedder = load_embedder(model)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    scorer = Scorer(CachedEmbedder(embedder, [s for r in (*train, *test) for s in r[1:]]))
    tr = pair_scores(scorer, train)
    te = pair_scores(scorer, test)
    seconds = time.perf_counter() - t
    gtr, gte = np.array([r[0] for r in train]), np.array([r[0] for r in test])
    out: dict = {"model": scorer.embedder.name, "load_s": load_s, "pairs_per_s": (len(train) + len(test)) / seconds, "variants": {}}
    best = None
    for v in VARIANTS:
        thr, f1_train = best_threshold(tr[v], gtr)
        entry = {
            "at_supported": binary_prf(gte, te[v] >= SUPPORTED),
            "threshold": thr,
            "train_f1": f1_train,
            "test": binary_prf(gte, te[v] >= thr),
        }
        out["variants"][v] = entry
        if best is None or f1_train > out["variants"][best]["train_f1"]:
            best = v
    out["chosen"] = best
    out["supported"] = SUPPORTED
    out["judge"], xtr, xte = evaluate_judge(scorer.embedder, train, test)
    if cross and scorer.embedder.name == "all-minilm-l6-v2":
        out["cross"] = evaluate_cross(train, test, xtr, xte, cache=full)
    return out


FOLDS = 5


def out_of_fold(x: np.ndarray, y: np.ndarray, embedder: str) -> np.ndarray:
    """Judge probabilities for the training pairs, each from a fit on the other folds."""
    from byline.paraphrase import fit

    folds = np.random.default_rng(0).permutation(len(y)) % FOLDS
    prob = np.zeros(len(y))
    for k in range(FOLDS):
        model = fit(x[folds != k], y[folds != k], embedder)
        prob[folds == k] = model.probability(x[folds == k])
    return prob


def cv_threshold(x: np.ndarray, y: np.ndarray, embedder: str) -> tuple[float, float]:
    """(threshold, F1) maximising F1 over out-of-fold probabilities on the training pairs."""
    return best_threshold(out_of_fold(x, y, embedder), y)


DEV_SHARE = 0.1  # of the training pairs, held out from the cross-encoder to choose the blend


def dev_mask(n: int) -> np.ndarray:
    """The training pairs held out as the cross-encoder's development set (fixed seed)."""
    mask = np.zeros(n, dtype=bool)
    mask[np.random.default_rng(0).permutation(n)[: int(n * DEV_SHARE)]] = True
    return mask


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def evaluate_cross(train: list, test: list, xtr: np.ndarray, xte: np.ndarray, cache: bool = True) -> dict:
    """The judge blended with a MiniLM cross-encoder; everything chosen on training pairs.

    The cross-encoder is fine-tuned on nine tenths of the training pairs (built once, cached; see
    ``byline.crossencoder``). On the held-out tenth, the blend weight w (0, 0.1, .., 1) and the
    threshold of ``w * cross logit + (1 - w) * judge logit`` are chosen for F1, the judge's
    probabilities there being out-of-fold. The test pairs are scored once, with the judge fit on
    all training pairs.
    """
    from byline import crossencoder
    from byline.paraphrase import fit

    ytr, yte = np.array([r[0] for r in train]), np.array([r[0] for r in test])
    dev = dev_mask(len(train))
    path = crossencoder.default_path()
    t = time.perf_counter()
    built = False
    try:
        if not cache:
            raise FileNotFoundError(path)
        model = crossencoder.CrossEncoder.load(path)
    except Exception:  # noqa: BLE001 - absent or unreadable: build it
        print(f"bench.msrp: fine-tuning the cross-encoder on {int((~dev).sum())} training pairs (once; cached in {path}) ...",
              file=sys.stderr)
        rows = [r for r, d in zip(train, dev) if not d]

        def progress(step: int, total: int, loss: float) -> None:
            if step % 50 == 0 or step == total:
                print(f"  step {step}/{total} loss {loss:.3f}", file=sys.stderr)

        model = crossencoder.train([(r[1], r[2]) for r in rows], [r[0] for r in rows], progress=progress)
        if cache:  # a smoke run (--limit) trains on a handful of pairs: never cache that
            model.save(path)
        built = True
    train_s = time.perf_counter() - t
    t = time.perf_counter()
    cross_dev = model.logits([(r[1], r[2]) for r, d in zip(train, dev) if d])
    cross_te = model.logits([(r[1], r[2]) for r in test])
    pairs_per_s = (int(dev.sum()) + len(test)) / (time.perf_counter() - t)
    judge_dev = _logit(out_of_fold(xtr, ytr, "all-minilm-l6-v2")[dev])
    judge_te = _logit(fit(xtr, ytr, "all-minilm-l6-v2").probability(xte))
    best = None
    for w in np.round(np.linspace(0, 1, 11), 2):
        thr, f1 = best_threshold(w * cross_dev + (1 - w) * judge_dev, ytr[dev])
        if best is None or f1 > best[2]:
            best = (float(w), thr, f1)
    w, thr, f1 = best
    return {"weight": w, "threshold": thr, "dev_f1": f1, "dev_pairs": int(dev.sum()),
            "cross_alone_dev_f1": best_threshold(cross_dev, ytr[dev])[1],
            "test": binary_prf(yte, w * cross_te + (1 - w) * judge_te >= thr),
            "pairs_per_s": pairs_per_s, "built": built, "build_s": round(train_s, 1)}


def evaluate_judge(embedder, train: list, test: list) -> dict:
    """Fit the paraphrase judge on train (threshold by cross-validation), score it on test."""
    from dataclasses import asdict, replace

    from byline.paraphrase import MODELS, features, fit, word_embedder_for

    words = word_embedder_for(embedder)
    t = time.perf_counter()
    xtr = features([(r[1], r[2]) for r in train], embedder, words)
    xte = features([(r[1], r[2]) for r in test], embedder, words)
    seconds = time.perf_counter() - t
    ytr, yte = np.array([r[0] for r in train]), np.array([r[0] for r in test])
    thr, cv_f1 = cv_threshold(xtr, ytr, embedder.name)
    model = replace(fit(xtr, ytr, embedder.name, words.name), threshold=thr)
    shipped = MODELS.get(embedder.name)
    matches = shipped is not None and shipped.word_embedder == model.word_embedder and all(
        np.allclose(getattr(shipped, f), getattr(model, f), rtol=1e-4, atol=1e-6) for f in ("mean", "scale", "coef", "bias", "threshold"))
    return {"threshold": thr, "cv_f1": cv_f1, "test": binary_prf(yte, model.probability(xte) >= thr),
            "pairs_per_s": (len(train) + len(test)) / seconds, "shipped_matches_fit": bool(matches),
            "model": asdict(model)}, xtr, xte


def run(models: tuple[str, ...] = ("static", "minilm"), limit: int | None = None, data: Path = DATA,
        cross: bool = False) -> dict:
    train, test = load("train", data), load("test", data)
    if limit:
        train, test = train[:limit], test[:limit]
    result: dict = {"train_pairs": len(train), "test_pairs": len(test), "models": {}}
    for m in models:
        result["models"][m] = evaluate(m, train, test, cross=cross, full=not limit)
    return result


def format_table(result: dict) -> str:
    lines = [f"{'model':<26}{'decision':<30}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}"]
    for name, r in result["models"].items():
        v = r["chosen"]
        sup = r["variants"]["s2|s1"]["at_supported"]
        lines.append(f"{r['model']:<26}{'s2|s1 >= SUPPORTED ' + str(r['supported']):<30}{100 * sup['precision']:>7.1f}{100 * sup['recall']:>7.1f}{100 * sup['f1']:>7.1f}{100 * sup['accuracy']:>7.1f}")
        for var, e in r["variants"].items():
            t = e["test"]
            mark = " *" if var == v else ""
            label = f"{var} >= {e['threshold']:.3f} (train){mark}"
            lines.append(f"{'':<26}{label:<30}{100 * t['precision']:>7.1f}{100 * t['recall']:>7.1f}{100 * t['f1']:>7.1f}{100 * t['accuracy']:>7.1f}")
        j = r.get("judge")
        if j:
            t = j["test"]
            label = f"judge (LR) >= {j['threshold']:.3f} (cv)"
            lines.append(f"{'':<26}{label:<30}{100 * t['precision']:>7.1f}{100 * t['recall']:>7.1f}{100 * t['f1']:>7.1f}{100 * t['accuracy']:>7.1f}")
        c = r.get("cross")
        if c:
            t = c["test"]
            label = f"judge+cross w={c['weight']:.1f} (dev)"
            lines.append(f"{'':<26}{label:<30}{100 * t['precision']:>7.1f}{100 * t['recall']:>7.1f}{100 * t['f1']:>7.1f}{100 * t['accuracy']:>7.1f}")
        lines.append(f"{'':<26}{r['pairs_per_s']:.0f} pairs/s (both directions), model load {r['load_s']:.1f} s")
    lines.append("* = variant chosen on train (highest train F1); anchors F1: 83.0 classic, 90.7 XLNet-Large")
    return "\n".join(lines)


def models_literal(result: dict) -> str:
    """The fitted judges as the ``MODELS`` literal of byline.paraphrase (6 significant digits)."""
    lines = ["MODELS: dict[str, ParaphraseModel] = {"]
    for m in result["models"].values():
        d = m["judge"]["model"]
        lines += [f"    {d['embedder']!r}: ParaphraseModel(",
                  f"        embedder={d['embedder']!r}, word_embedder={d['word_embedder']!r},"]
        for key in ("mean", "scale", "coef"):
            values = [f"{v:.6g}" for v in d[key]]
            rows = [", ".join(values[k : k + 9]) for k in range(0, len(values), 9)]
            lines.append(f"        {key}=(" + (",\n" + " " * (10 + len(key))).join(rows) + "),")
        lines += [f"        bias={d['bias']:.6g}, threshold={d['threshold']:.6g},", "    ),"]
    return "\n".join([*lines, "}"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="static,minilm", help="byline embedders, comma-separated")
    ap.add_argument("--limit", type=int, help="first N pairs of each split (smoke runs)")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--fit", action="store_true", help="print the fitted judge models as byline.paraphrase.MODELS")
    ap.add_argument("--cross", action="store_true",
                    help="also blend the judge with a MiniLM cross-encoder fine-tuned on 9/10 of train "
                         "(built once, ~10 min on 2 cores, cached; see byline.crossencoder)")
    args = ap.parse_args(argv)
    if not (args.data / "msr_paraphrase_test.txt").exists():
        print(f"bench.msrp: {args.data} not found", file=sys.stderr)
        return 2
    result = run(tuple(m for m in args.models.split(",") if m), args.limit, args.data, cross=args.cross)
    print(f"MSRP paraphrase identification: train {result['train_pairs']}, test {result['test_pairs']} pairs")
    print(format_table(result))
    for m in result["models"].values():
        if "judge" in m and not m["judge"]["shipped_matches_fit"]:
            print(f"note: byline.paraphrase.MODELS[{m['model']!r}] differs from this fit (run with --fit to refresh)", file=sys.stderr)
    if args.fit:
        print(models_literal(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
