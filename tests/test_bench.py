"""The benchmark harness: its measures on hand-made cases, and a few real items per benchmark.

The real-data tests read ../shared/data and skip when it is absent; they take seconds and never
look at timings.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.metrics import (
    Passage,
    binary_prf,
    extraction_prf,
    extraction_scores,
    granularity,
    macro_precision,
    macro_recall,
    page_counts,
    pan_scores,
    plagdet,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def needs(folder: str) -> Path:
    path = DATA / folder
    if not path.exists():
        pytest.skip(f"../shared/data/{folder} is not available")
    return path


# -- PAN measures ---------------------------------------------------------------------------------


def P(t0: int, tl: int, s0: int, sl: int, susp: str = "d1", src: str = "s1") -> Passage:
    return Passage(susp, t0, tl, src, s0, sl)


def test_pan_perfect_and_empty():
    case = P(100, 50, 10, 60)
    assert pan_scores([case], [case])["plagdet"] == 1.0
    assert macro_recall([], []) == 1.0 and macro_precision([], []) == 1.0
    assert macro_recall([case], []) == 0.0 and macro_precision([], [case]) == 0.0


def test_pan_partial_overlap_counts_both_documents():
    case = P(0, 100, 0, 100)
    half = P(50, 100, 0, 100)  # covers half the case in the suspicious text, all of it in the source
    assert macro_recall([case], [half]) == pytest.approx(150 / 200)
    assert macro_precision([case], [half]) == pytest.approx(150 / 200)


def test_pan_detection_must_overlap_in_both_documents():
    case = P(0, 100, 0, 100)
    elsewhere_in_source = P(0, 100, 500, 100)
    other_source = P(0, 100, 0, 100, src="s2")
    assert macro_recall([case], [elsewhere_in_source, other_source]) == 0.0


def test_pan_granularity_and_plagdet():
    case = P(0, 100, 0, 100)
    pieces = [P(0, 50, 0, 50), P(50, 50, 50, 50)]
    assert granularity([case], pieces) == 2.0
    s = pan_scores([case], pieces)
    assert s["recall"] == 1.0 and s["precision"] == 1.0
    assert s["plagdet"] == pytest.approx(1 / math.log2(3))
    assert plagdet(0.0, 0.0, 1.0) == 0.0
    # an undetected case leaves granularity alone but halves recall
    assert granularity([case, P(900, 10, 900, 10)], [case]) == 1.0
    assert macro_recall([case, P(900, 10, 900, 10)], [case]) == 0.5


# -- extraction measure ---------------------------------------------------------------------------


def test_extraction_counts_shingles_with_multiplicity():
    tp, fp, fn = page_counts("a b c d a b c d", "a b c d")
    # truth: 5 shingles, one of them ("a b c d") twice; prediction: that shingle once
    assert (tp, fp, fn) == pytest.approx((1 / 5, 0.0, 4 / 5))
    assert page_counts("one two", "one two") == (1.0, 0.0, 0.0)  # short text: one shingle


def test_extraction_empty_prediction_is_left_out_of_precision():
    counts = [page_counts("w x y z v", ""), page_counts("w x y z v", "w x y z v")]
    s = extraction_prf(counts)
    assert s["precision"] == 1.0 and s["recall"] == 0.5


def test_extraction_reproduces_published_trafilatura_figure():
    from bench.extraction import load_system, load_truth, published, published_f1

    data = needs("article-extraction-benchmark")
    pred, version = load_system(data / "output" / "trafilatura.json")
    s = extraction_scores(load_truth(data), pred, n_bootstrap=0)
    assert version == "2.0.0"
    assert round(s["f1"], 3) == published_f1("trafilatura", version, published(data)) == 0.958


# -- PAN13 harness --------------------------------------------------------------------------------


def test_pan13_gold_scores_one_and_exact_baseline_runs():
    from bench import pan13

    corpus = needs("pan13-text-alignment") / "train_corpus"
    gold = pan13.run(corpus, limit=3, detector="gold")
    assert set(gold["subsets"]) >= {"02-no-obfuscation", "05-summary-obfuscation"}
    assert gold["entire"]["plagdet"] == 1.0 and gold["entire"]["cases"] > 0
    exact = pan13.run(corpus, subset="02-no", limit=3, detector="exact")
    s = exact["subsets"]["02-no-obfuscation"]
    assert s["pairs"] == 3 and s["recall"] > 0.3 and s["precision"] > 0.8 and not exact["errors"]


def test_pan13_reads_offsets_into_the_right_text():
    from bench import pan13

    corpus = needs("pan13-text-alignment") / "train_corpus"
    pairs = [p for p in pan13.load_pairs(corpus, "02-no", limit=5) if p.cases]
    assert pairs
    for p in pairs:
        susp = pan13.read_text(corpus / "susp" / f"{p.susp}.txt")
        src = pan13.read_text(corpus / "src" / f"{p.src}.txt")
        for c in p.cases:  # verbatim cases: the same words on both sides
            assert susp[c.this_offset : c.this_end].split() == src[c.source_offset : c.source_end].split()


# -- MSRP harness ---------------------------------------------------------------------------------


def test_msrp_loads_splits_and_picks_a_threshold():
    import numpy as np

    from bench import msrp

    data = needs("msrp")
    assert len(msrp.load("train", data)) == 4076 and len(msrp.load("test", data)) == 1725
    thr, f1 = msrp.best_threshold(np.array([0.9, 0.8, 0.3, 0.2]), np.array([1, 1, 0, 0]))
    assert 0.3 < thr <= 0.8 and f1 == 1.0
    assert binary_prf([1, 1, 0, 0], [1, 0, 1, 0]) == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "accuracy": 0.5}


def test_msrp_scores_a_few_pairs_with_the_hash_embedder():
    from bench import msrp
    from byline.align import Scorer
    from byline.embed import HashEmbedder

    rows = msrp.load("test", needs("msrp"))[:12]
    scores = msrp.pair_scores(Scorer(HashEmbedder()), rows, block=5)
    for v in msrp.VARIANTS:
        assert scores[v].shape == (12,) and ((scores[v] >= 0) & (scores[v] <= 1)).all()


def test_msrp_judge_fits_on_train_and_scores_test():
    from bench import msrp
    from byline.embed import HashEmbedder

    data = needs("msrp")
    train, test = msrp.load("train", data)[:60], msrp.load("test", data)[:20]
    r, _, _ = msrp.evaluate_judge(HashEmbedder(), train, test)
    assert 0 < r["threshold"] < 1 and 0 <= r["test"]["f1"] <= 1 and r["shipped_matches_fit"] is False
    assert "MODELS" in msrp.models_literal({"models": {"hash": {"judge": r}}})


# -- extraction harness with byline's extractor ---------------------------------------------------


def test_extraction_runs_byline_on_a_few_pages():
    from bench import extraction

    data = needs("article-extraction-benchmark")
    truth = extraction.load_truth(data)
    for mode in ("fast", "best"):
        s = extraction.run_byline(mode, truth, data, limit=3)
        assert s["pages"] == 3 and not s["failures"] and s["f1"] > 0.5


# -- ETPC harness ---------------------------------------------------------------------------------


def test_etpc_gold_cases_point_at_real_sentences():
    from bench import etpc

    needs("etpc-partial")
    needs("msrp")
    cases = etpc.load_cases()
    kinds = {c.kind for c in cases}
    assert kinds == set(etpc.KINDS)
    for c in cases[:50]:
        first = c.changed.split()[0]
        assert first in c.copy or first in ("``", "''")  # ETPC tokens come from the copy sentence


@pytest.mark.slow
def test_etpc_runs_explain_on_a_few_cases():
    from bench import etpc

    needs("etpc-partial")
    r = etpc.run(limit=2, controls=2)
    assert {k: v["cases"] for k, v in r["kinds"].items()} == {k: 2 for k in etpc.KINDS}
    assert not r["errors"]
