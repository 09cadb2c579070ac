import numpy as np

from byline.align import Scorer, align, char_coverage, order_kept
from byline.embed import HashEmbedder
from byline.records import Link, LinkKind
from byline.text import split_sentences

SOURCE = (
    "The Dunmore council approved a 4.2 million dollar budget for new water pipes on Monday. "
    "Mayor Ilsa Brandt said the old cast-iron mains had burst eleven times since January. "
    "Work will likely begin in the eastern district, where leaks are most frequent. "
    "Engineer Tomas Reyl warned that the project may take three years to finish. "
    "Residents will see a small rise in water bills from next spring."
)
COPY = (
    "The Dunmore council approved a 4.2 million dollar budget for new water pipes on Monday. "
    "Old cast-iron water mains in the town have burst eleven times since January, and the work starts in the eastern district where leaks are most frequent. "
    "The council also plans a new football stadium near the river."
)


def _setup():
    scorer = Scorer(HashEmbedder())
    return scorer, split_sentences(SOURCE), split_sentences(COPY)


def test_matrix_shape_and_range():
    scorer, s, c = _setup()
    m = scorer.matrix([x.text for x in c], [x.text for x in s])
    assert m.shape == (3, 5)
    assert float(m.min()) >= 0.0 and float(m.max()) <= 1.0
    assert m[0, 0] > 0.95  # verbatim


def test_lexical_is_idf_weighted_containment():
    lex = Scorer.lexical(["mayor brandt budget"], ["mayor brandt", "budget"])
    assert lex.shape == (1, 2)
    assert 0 < lex[0, 0] < 1 and 0 < lex[0, 1] < 1
    assert abs(lex[0].sum() - 1.0) < 1e-6


def test_align_verbatim_fused_and_unsupported():
    scorer, s, c = _setup()
    al = align(s, c, scorer)
    by_copy = {j: link for link in al.links for j in link.b}
    assert by_copy[0].a == (0,) and by_copy[0].kind is LinkKind.VERBATIM
    assert set(by_copy[1].a) == {1, 2} and by_copy[1].kind is LinkKind.FUSED
    assert 2 in al.b_unmatched  # the stadium is nowhere in the source
    assert 4 in al.a_unmatched  # nor are the water bills in the copy


def test_empty_sides():
    scorer, s, _ = _setup()
    al = align(s, (), scorer)
    assert al.links == () and al.a_unmatched == tuple(range(len(s)))


def test_order_kept_and_coverage():
    inorder = [Link((0,), (0,), LinkKind.NEAR, 1.0), Link((1,), (1,), LinkKind.NEAR, 1.0), Link((2,), (2,), LinkKind.NEAR, 1.0)]
    reversed_ = [Link((2,), (0,), LinkKind.NEAR, 1.0), Link((1,), (1,), LinkKind.NEAR, 1.0), Link((0,), (2,), LinkKind.NEAR, 1.0)]
    assert order_kept(inorder) == 1.0
    assert order_kept(reversed_) == 0.0
    _, s, _ = _setup()
    assert char_coverage(s, set()) == 0.0
    assert char_coverage(s, {x.index for x in s}) == 1.0
    assert np.isclose(char_coverage(s, {0}), len(s[0].span) / sum(len(x.span) for x in s))


def test_shared_tail_is_a_recurring_ending_not_a_copy():
    from byline.align import shared_tail

    about = ("About Fenwick Instruments. Fenwick Instruments makes sensors for tidal power plants. "
             "The company is based in Aberdeen and employs around 300 people. For more information, visit fenwick.example.")
    one = split_sentences("Fenwick opened a plant in Norway on Tuesday. The plant will test sensors in cold water. "
                          "Managers expect first results in spring, when the ice has gone from the fjord and the tides are strongest. "
                          "The site was chosen for its fast currents and its road link to the port of Bergen, two hours away. " + about)
    two = split_sentences("Fenwick named a new chief financial officer. She joins from a shipping firm in Bergen. "
                          "Her first task is the annual report, which the board wants out before the summer holidays begin. "
                          "She replaces a finance chief who retired after fifteen years and two changes of owner at the firm. " + about.replace("around 300", "about 300"))
    assert shared_tail(one, two) == 4
    assert shared_tail(one, one) == 0  # a full copy shares its ending too, and everything else
    lone = split_sentences("A storm closed the harbour on Monday. Crews cleared the road by noon. For more information, visit fenwick.example.")
    assert shared_tail(one, lone) == 0  # one shared sentence is a sign-off, not a block


def test_static_embedder_pools_as_the_model_does() -> None:
    """The sparse pooling gives the model's own vectors (its float16 mean, to float16 precision)."""
    from byline.embed import _normalise_rows, load_embedder

    static = load_embedder("static")
    texts = [SOURCE, COPY, "", "!!!", "water " * 3000, *[x.text for x in split_sentences(SOURCE)]]
    ours = static.encode(texts)
    theirs = _normalise_rows(static._model.encode(texts, show_progress_bar=False))
    assert ours.shape == theirs.shape == (len(texts), static.dim) and ours.dtype == np.float32
    assert np.abs(ours - theirs).max() < 2e-3
    assert not ours[2].any() and not theirs[2].any()  # no tokens: a zero vector, as before
