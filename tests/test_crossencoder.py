"""The cross-encoder trains, saves, loads and scores pairs symmetrically (tiny run; no MSRP needed)."""

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from byline import crossencoder  # noqa: E402

PAIRS = [
    ("The council approved the budget on Tuesday.", "On Tuesday the council passed the budget."),
    ("Prices rose 3 percent in March.", "Prices fell 3 percent in March."),
    ("The river flooded the lower town.", "Floodwater from the river covered the lower town."),
    ("She won the race in record time.", "The mayor opened a new library."),
]
LABELS = [1, 0, 1, 0]


def test_train_save_load_and_score(tmp_path):
    model = crossencoder.train(PAIRS, LABELS, epochs=1, batch=2)
    before = model.logits(PAIRS)
    assert before.shape == (4,) and np.isfinite(before).all()
    model.save(tmp_path / "m")
    loaded = crossencoder.CrossEncoder.load(tmp_path / "m")
    assert np.allclose(loaded.logits(PAIRS), before, atol=1e-5)
    # a paraphrase has no direction: both orders give one score
    swapped = loaded.logits([(b, a) for a, b in PAIRS])
    assert np.allclose(swapped, before, atol=1e-5)


def test_load_without_weights_names_the_folder(tmp_path):
    from byline.errors import BylineError

    with pytest.raises(BylineError, match=str(tmp_path)):
        crossencoder.CrossEncoder.load(tmp_path)
