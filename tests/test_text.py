from byline.text import clause_spans, content_words, paragraph_spans, shingles, split_sentences, words


def test_sentences_keep_abbreviations_and_offsets():
    text = (
        "The U.S. envoy met U.N. officials on Tuesday. Talks ran late.\n\n"
        "“We are close,” said Dr. Mara Velsen of the Tarvik Institute. Nothing was signed."
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "The U.S. envoy met U.N. officials on Tuesday.",
        "Talks ran late.",
        "“We are close,” said Dr. Mara Velsen of the Tarvik Institute.",
        "Nothing was signed.",
    ]
    for s in sents:
        assert text[s.span.start : s.span.end] == s.text
    assert [s.index for s in sents] == [0, 1, 2, 3]


def test_paragraph_break_is_a_boundary():
    sents = split_sentences("A headline without a full stop\n\nThe story starts here. It goes on.")
    assert sents[0].text == "A headline without a full stop"
    assert len(sents) == 3


def test_empty_and_punctuation_only():
    assert split_sentences("") == ()
    assert split_sentences("  \n\n —  \n\n") == ()


def test_paragraph_spans_strip_whitespace():
    text = "  one  \n\n\n two\n"
    assert [text[p.start : p.end] for p in paragraph_spans(text)] == ["one", "two"]


def test_words_and_content_words():
    assert words("China’s U.S.-led order") == ["china's", "u.s", "led", "order"]
    assert content_words("The mayor said that the budget's gap is large") == ["mayor", "budget", "gap", "large"]


def test_shingles():
    assert shingles("a b c d e f", 5) == {"a b c d e", "b c d e f"}
    assert shingles("a b", 5) == {"a b"}
    assert shingles("", 5) == set()


def test_clause_spans_cut_long_sentences_only_at_connectives():
    s = ("Despite the storm the harbour reopened on time, experts believe the damage was limited, "
         "and the port authority remains focused on expanding its northern terminal next year.")
    clauses = [s[c.start : c.end] for c in clause_spans(s)]
    assert len(clauses) == 2
    assert clauses[1].startswith("and the port authority")
    short = "He left, and she stayed."
    assert [short[c.start : c.end] for c in clause_spans(short)] == [short]


def test_overlong_sentences_are_cut_at_clause_marks_with_exact_offsets():
    items = ", ".join(f"the {k}th harbour crane of the northern quay" for k in range(30))
    text = "A short opening line. " + items + "; then the list ends. A closing line."
    sents = split_sentences(text, max_chars=400)
    assert sents[0].text == "A short opening line." and sents[-1].text == "A closing line."
    for s in sents:
        assert text[s.span.start : s.span.end] == s.text
        assert len(s.text) <= 400
    middle = sents[1:-1]
    assert len(middle) >= 4
    # cut after a comma, never inside a word, and nothing of the run-on is lost
    assert all(s.text.endswith(",") for s in middle[:-1])
    assert "".join(text[s.span.start : s.span.end] for s in middle).replace(" ", "") == (items + "; then the list ends.").replace(" ", "")
    # pieces are about equally long, not 400 + a stub
    assert max(len(s.text) for s in middle) - min(len(s.text) for s in middle) < 200


def test_overlong_sentence_without_punctuation_or_spaces():
    words_only = " ".join(["gravel"] * 150)  # 1,049 characters, spaces only
    pieces = split_sentences(words_only, max_chars=400)
    assert len(pieces) == 3 and all(len(p.text) <= 400 for p in pieces)
    assert all(p.text.split() == ["gravel"] * len(p.text.split()) for p in pieces)
    blob = "x" * 1000  # no boundary at all: cut anyway, into equal shares
    assert [len(p.text) for p in split_sentences(blob, max_chars=400)] == [333, 333, 334]
    assert split_sentences(blob, max_chars=None)[0].text == blob


def test_normal_sentences_are_never_cut():
    text = "The council met on Tuesday. " * 3
    assert len(split_sentences(text)) == len(split_sentences(text, max_chars=None)) == 3
