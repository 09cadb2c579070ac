"""Passages (byline.passages.merge_links) on hand-made sentence lists: merging, boundaries, summaries.

Sentences are made-up words, so the rules are tested without the aligner or a model; the PAN13
figures are in docs/benchmarks.md (``python -m bench.pan13``).
"""

from __future__ import annotations

from byline.passages import merge_links
from byline.records import Link, LinkKind, Sentence, Span

WORDS = ("alpha", "bravo", "carmen", "delta", "echoes", "foxtrot", "golfer", "hotel",
         "india", "juliet", "kilos", "lima", "mikes", "novas", "oscar", "papas")


def _words(k: int | str, n: int = len(WORDS)) -> str:
    return " ".join(f"{w}{k}" for w in WORDS[:n])


def _doc(keys: list[int | str]) -> tuple[Sentence, ...]:
    """Sentences of sixteen made-up words each (over 100 characters); sentences with the same key
    share all their words (a string key is the sentence itself)."""
    out, pos = [], 0
    for i, k in enumerate(keys):
        text = k if isinstance(k, str) else _words(k) + "."
        out.append(Sentence(i, Span(pos, pos + len(text)), text))
        pos += len(text) + 1
    return tuple(out)


def _verbatim(pairs: list[tuple[int, int]]) -> list[Link]:
    return [Link((i,), (j,), LinkKind.VERBATIM, 1.0) for i, j in pairs]


def test_merge_near_links_and_split_far_ones():
    a = _doc(list(range(40)))
    b = _doc([100 + k for k in range(5)] + [0, 1, 900, 3] + [200 + k for k in range(21)] + [30] + list(range(300, 309)))
    links = _verbatim([(0, 5), (1, 6), (3, 8)])  # one sentence skipped on each side
    links.append(Link((30,), (30,), LinkKind.VERBATIM, 1.0))  # far away on both sides, one long sentence
    out = merge_links(links, a, b)
    assert [p["a_span"] for p in out] == [[a[0].span.start, a[3].span.end], [a[30].span.start, a[30].span.end]]
    assert [p["b_span"] for p in out] == [[b[5].span.start, b[8].span.end], [b[30].span.start, b[30].span.end]]
    assert out[0]["kind"] == "verbatim" and out[0]["links"] == 3


def test_drop_lone_weak_link_and_one_sided_pairs():
    a, b = _doc(list(range(40))), _doc([1000 + k for k in range(10)])
    weak = [Link((20,), (9,), LinkKind.PARAPHRASE, 0.45)]  # no shared words: not a seed
    assert merge_links(weak, a, b) == []
    # a seed passage does not grow through pairs that reuse one of its sentences
    a2, b2 = _doc([1, 2, 3, 4, 5, 6]), _doc([1, 2, 77, 78])
    links = [*_verbatim([(0, 0), (1, 1)]), Link((3,), (1,), LinkKind.PARAPHRASE, 0.5)]
    (p,) = merge_links(links, a2, b2)
    assert p["a_span"] == [a2[0].span.start, a2[1].span.end]


def test_drop_look_alikes_of_a_sentence_with_a_near_copy():
    # source sentence 4 shares half its words with copy sentence 1, whose verbatim copy is source 0
    a = _doc([1, 2, 3, 4, _words(1, 8) + " " + _words(500, 8) + ".", 6])
    b = _doc([90, 1, 2, 91])
    links = [*_verbatim([(0, 1), (1, 2)]), Link((4,), (1,), LinkKind.FUSED, 0.9)]
    (p,) = merge_links(links, a, b)
    assert p["a_span"] == [a[0].span.start, a[1].span.end] and p["links"] == 2


def test_drop_short_stretches():
    short = [f"{w}7 {w}8." for w in ("alpha", "bravo")]  # two sentences, 30 characters in all
    a, b = _doc([1, *short, 2]), _doc([3, *short, 4])
    assert merge_links(_verbatim([(1, 1), (2, 2)]), a, b) == []


def test_repeated_source_sentence_is_paired_where_the_copy_continues():
    # source sentence 9 repeats sentence 2; the aligner took the first copy for copy sentence 2
    a = _doc([0, 1, 2, 3, 4, 5, 6, 7, 8, 2, 10])
    b = _doc([50, 7, 8, 2, 51])
    out = merge_links(_verbatim([(7, 1), (8, 2), (2, 3)]), a, b)
    assert [p["a_span"] for p in out] == [[a[7].span.start, a[9].span.end]]


def test_copy_cut_where_it_starts_and_ends_inside_fused_sentences():
    core1, core2 = _words(1), _words(2)
    host_a, host_b = _words("x", 8), _words("y", 8)  # different text around the copy on each side
    a = _doc([0, f"{host_a} {core1}.", f"{core2} {host_a}.", 3])
    b = _doc([5, f"{host_b} {core1}.", f"{core2} {host_b}.", 6])
    links = [Link((1,), (1,), LinkKind.PARAPHRASE, 0.8), Link((2,), (2,), LinkKind.PARAPHRASE, 0.8)]
    (p,) = merge_links(links, a, b)
    a_text = " ".join(s.text for s in a)
    b_text = " ".join(s.text for s in b)
    assert a_text[p["a_span"][0] : p["a_span"][1]] == f"{core1}. {core2}"
    assert b_text[p["b_span"][0] : p["b_span"][1]] == f"{core1}. {core2}"


def test_look_alike_neighbours_on_both_sides_extend_a_passage():
    # the sentences before the copied pair share half their words with each other, unlinked
    before_a = _words(7, 8) + " " + _words("p", 8) + "."
    before_b = _words(7, 8) + " " + _words("q", 8) + "."
    a = _doc([0, 1, before_a, 3, 4, 5, 6])
    b = _doc([50, 51, before_b, 3, 4, 52])
    (p,) = merge_links(_verbatim([(3, 3), (4, 4)]), a, b)
    assert p["a_span"] == [a[2].span.start, a[4].span.end] and p["b_span"] == [b[2].span.start, b[4].span.end]


def test_summary_run_covers_its_whole_source():
    # four adjacent copy sentences, each condensing two source sentences 4-5 apart
    a = _doc(list(range(20)))
    b = _doc([50, 51] + [0, 5, 10, 15] + [52, 53])
    links = [Link((k * 5, k * 5 + 1), (2 + k,), LinkKind.FUSED, 0.8) for k in range(4)]
    (p,) = merge_links(links, a, b)
    assert p["kind"] == "summary" and p["b_span"] == [b[2].span.start, b[5].span.end]
    assert p["a_span"] == [a[0].span.start, a[-1].span.end]  # spread over the source: all of it
    assert p["links"] == 4 and p["score"] == 0.8
    assert len(merge_links(links, a, b, summaries=False)) == 4  # without the summary rules: four pieces


def test_summary_is_looked_for_in_the_copy_only():
    # the same texts the other way round: a summary in a is found when a is named the copy
    a = _doc([50, 51] + [0, 5, 10, 15] + [52, 53])
    b = _doc(list(range(20)))
    links = [Link((2 + k,), (k * 5, k * 5 + 1), LinkKind.FUSED, 0.8) for k in range(4)]
    (p,) = merge_links(links, a, b, copy="a")
    assert p["kind"] == "summary" and p["a_span"] == [a[2].span.start, a[5].span.end]
    assert p["b_span"] == [b[0].span.start, b[-1].span.end]
    assert all(p["kind"] != "summary" for p in merge_links(links, a, b, copy="b"))


def test_summary_picks_join_and_copied_blocks_stay_apart():
    # picks of two sentences from the top and one from the end of a source, two sentences apart
    # in the copy: one summary of the whole source
    a = _doc(list(range(30)))
    b = _doc([50, 0, 1, 51, 52, 28, 53])
    (p,) = merge_links(_verbatim([(0, 1), (1, 2), (28, 5)]), a, b)
    assert p["kind"] == "summary" and p["b_span"] == [b[1].span.start, b[5].span.end]
    assert p["a_span"] == [a[0].span.start, a[-1].span.end]
    # two blocks of five copied sentences far apart in the source: two copies
    b2 = _doc([50, 0, 1, 2, 3, 4, 20, 21, 22, 23, 24, 51])
    out = merge_links(_verbatim([(i, 1 + k) for k, i in enumerate([0, 1, 2, 3, 4, 20, 21, 22, 23, 24])]), a, b2)
    assert [p["a_span"] for p in out] == [[a[0].span.start, a[4].span.end], [a[20].span.start, a[24].span.end]]
    assert [p["kind"] for p in out] == ["verbatim", "verbatim"]
