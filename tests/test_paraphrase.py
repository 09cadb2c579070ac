"""The paraphrase judge: symmetric features, a deterministic fit, decisions from a fitted model."""

from __future__ import annotations

import numpy as np
import pytest

from byline.embed import HashEmbedder
from byline.paraphrase import FEATURES, MODELS, ParaphraseJudge, features, fit, surface_features

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


def test_surface_features_are_symmetric_and_named():
    a, b = SAME[0]
    assert len(surface_features(a, b)) == len(FEATURES) - 1  # all but the cosine
    assert surface_features(a, b) == surface_features(b, a)


def test_number_and_name_changes_show_in_the_features():
    f = dict(zip(FEATURES, surface_features("The fund paid 120 families in 2021.", "The fund paid 210 families in 2021.")))
    assert f["numbers_differ"] == 2 and f["numbers_differ_any"] == 1.0
    f = dict(zip(FEATURES, surface_features("Ministers met Anna Holm in Riga.", "Ministers met Peter Sand in Riga.")))
    assert f["names_differ"] > 0
    f = dict(zip(FEATURES, surface_features("The bridge is safe.", "The bridge is not safe.")))
    assert f["negation_differs"] == 1.0


def test_fit_is_deterministic_and_separates_training_pairs():
    emb = HashEmbedder()
    pairs = SAME + DIFFERENT
    y = np.array([1] * len(SAME) + [0] * len(DIFFERENT))
    x = features(pairs, emb)
    assert x.shape == (8, len(FEATURES))
    m1, m2 = fit(x, y, emb.name), fit(x, y, emb.name)
    assert m1 == m2
    judge = ParaphraseJudge(emb, m1)
    assert judge.decide(pairs).tolist() == y.astype(bool).tolist()
    p = judge.probability([SAME[1], tuple(reversed(SAME[1]))])
    assert p[0] == pytest.approx(p[1])  # order of the two sentences does not matter


def test_judge_needs_a_model_for_its_embedder():
    with pytest.raises(ValueError, match="no paraphrase model"):
        ParaphraseJudge(HashEmbedder())
    for name, model in MODELS.items():
        assert model.embedder == name and len(model.coef) == len(FEATURES) and 0 < model.threshold < 1
    assert features([], HashEmbedder()).shape == (0, len(FEATURES))
