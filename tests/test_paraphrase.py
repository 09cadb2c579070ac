"""The paraphrase judge: symmetric features, a deterministic fit, decisions from a fitted model."""

from __future__ import annotations

import numpy as np
import pytest

from byline.embed import HashEmbedder
from byline.paraphrase import (
    ENTITIES, FEATURES, MODELS, ORDER, SOFT, SURFACE, ParaphraseJudge, entity_features, features, fit, order_features,
    soft_features, surface_features,
)

SAME = [
    ("The harbour board approved the new ferry timetable on Tuesday.", "On Tuesday the harbour board approved the new ferry timetable."),
    ("Rain closed the mountain pass for three days.", "The mountain pass was closed by rain for three days."),
    ("The museum will reopen its east wing in May.", "In May the museum will reopen its east wing."),
    ("Farmers in the valley harvested less barley this year.", "This year farmers in the valley harvested less barley."),
]
DIFFERENT = [
    ("The harbour board approved the new ferry timetable on Tuesday.", "The harbour board rejected a plan to sell two ferries to a private operator."),
    ("Rain closed the mountain pass for three days.", "Rain closed the mountain pass for eleven days, and two villages ran short of fuel."),
    ("The museum will reopen its east wing in May.", "The museum sold 40,000 tickets for its summer exhibition."),
    ("Farmers in the valley harvested less barley this year.", "Mayor Ilse Brandt said the valley needs a second school."),
]


def test_feature_names_are_unique_and_in_blocks():
    assert len(set(FEATURES)) == len(FEATURES) == len(SURFACE) + len(ORDER) + len(SOFT) + len(ENTITIES) + 1
    assert FEATURES[-1] == "cosine"


def test_lexical_features_are_symmetric_and_named():
    a, b = SAME[0]
    assert len(surface_features(a, b)) == len(SURFACE) and len(order_features(a, b)) == len(ORDER)
    assert surface_features(a, b) == surface_features(b, a)
    assert order_features(a, b) == order_features(b, a)


def test_number_and_name_changes_show_in_the_features():
    f = dict(zip(FEATURES, surface_features("The fund paid 120 families in 2021.", "The fund paid 210 families in 2021.")))
    assert f["numbers_differ"] == 2 and f["numbers_differ_any"] == 1.0
    f = dict(zip(FEATURES, surface_features("Ministers met Anna Holm in Riga.", "Ministers met Peter Sand in Riga.")))
    assert f["names_differ"] > 0
    f = dict(zip(FEATURES, surface_features("The bridge is safe.", "The bridge is not safe.")))
    assert f["negation_differs"] == 1.0


def test_an_added_clause_shows_as_a_run_at_the_tail():
    short = "The factory index rose to 58.9 from 55.9 in July."
    f = dict(zip(ORDER, order_features(short, short[:-1] + ", its highest level in fifteen months.")))
    assert f["gap_run_min"] == 0 and f["gap_run_max"] == 6 and f["gaps_max"] == 1  # one piece, in order
    assert f["new_tail_max"] == 2 and f["new_run_max"] == 3 and f["new_head_max"] == 0  # "in" is shared
    f = dict(zip(ORDER, order_features(short, "In July the factory index rose to 58.9 from 55.9.")))
    assert f["new_run_max"] == 0 and f["gap_run_max"] == 2  # reordered, nothing added


def test_soft_alignment_matches_by_word_vector_and_counts_by_word_class():
    unit = np.eye(4)
    vectors = {"index": unit[0], "rose": unit[1], "increased": unit[1], "sharply": unit[2], "tokyo": unit[3]}
    w1 = [("index", "noun"), ("rose", "verb")]
    w2 = [("index", "noun"), ("increased", "verb"), ("sharply", "adv"), ("tokyo", "propn")]
    f = dict(zip(SOFT, soft_features(w1, w2, vectors)))
    assert f["unmatched_run_max"] == 3 and f["unmatched_run_min"] == 1  # "rose" / "increased" differ by stem
    assert f["unaligned_run_max"] == 2 and f["unaligned_run_min"] == 0  # ... but align by vector
    assert f["unaligned_adv_max"] == 1 and f["unaligned_propn_max"] == 1 and f["unaligned_verb_max"] == 0
    assert soft_features(w1, w2, vectors) == soft_features(w2, w1, vectors)
    assert soft_features([], w2, vectors) == [0.0] * len(SOFT)


def test_entities_one_side_lacks_are_counted_by_kind():
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab
    d1 = Doc(vocab, words="Ministers met Anna Holm in Riga".split(), ents=["O", "O", "B-PERSON", "I-PERSON", "O", "B-GPE"])
    d2 = Doc(vocab, words="Ministers met Peter Sand in Riga".split(), ents=["O", "O", "B-PERSON", "I-PERSON", "O", "B-GPE"])
    d3 = Doc(vocab, words="Holm met ministers in Riga".split(), ents=["B-PERSON", "O", "O", "O", "B-GPE"])
    f = dict(zip(ENTITIES, entity_features(d1, d2)))
    assert f["alone_person_min"] == f["alone_person_max"] == 1 and f["alone_gpe_max"] == 0
    f = dict(zip(ENTITIES, entity_features(d1, d3)))
    assert f["alone_person_max"] == 1 and f["alone_person_min"] == 0  # "Holm" is in "Anna Holm"; not the reverse


def test_fit_is_deterministic_and_separates_training_pairs():
    emb = HashEmbedder()
    pairs = SAME + DIFFERENT
    y = np.array([1] * len(SAME) + [0] * len(DIFFERENT))
    x = features(pairs, emb)
    assert x.shape == (8, len(FEATURES))
    m1, m2 = fit(x, y, emb.name, l2=1.0), fit(x, y, emb.name, l2=1.0)
    assert m1 == m2 and m1.word_embedder == emb.name
    judge = ParaphraseJudge(emb, m1)
    assert judge.decide(pairs).tolist() == y.astype(bool).tolist()
    p = judge.probability([SAME[1], tuple(reversed(SAME[1]))])
    assert p[0] == pytest.approx(p[1])  # order of the two sentences does not matter


def test_judge_needs_a_model_for_its_embedder_and_its_word_vectors():
    with pytest.raises(ValueError, match="no paraphrase model"):
        ParaphraseJudge(HashEmbedder())
    for name, model in MODELS.items():
        assert model.embedder == name and len(model.coef) == 2 * len(FEATURES) and 0 < model.threshold < 1
    assert features([], HashEmbedder()).shape == (0, len(FEATURES))
    model = fit(np.random.default_rng(0).random((6, len(FEATURES))), np.array([0, 1] * 3), "hash-256.v1", "other")
    with pytest.raises(ValueError, match="word vectors"):
        ParaphraseJudge(HashEmbedder(), model, word_embedder=HashEmbedder(64))
