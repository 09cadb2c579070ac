import pytest

from byline.records import Article, RelationKind
from byline.relate import Measures, classify, containment, direction_from_content, direction_from_dates, machine_style, parse_date


def M(**kw) -> Measures:
    base = dict(supported=0.0, strong=0.0, strong_sentences=0, used=0.0, lexical=0.0, verbatim=0.0,
                order=1.0, topic=0.3, length=1.0, shared_specifics=0.0)
    base.update(kw)
    return Measures(**base)


@pytest.mark.parametrize(
    "m, reverse, kind",
    [
        (M(lexical=0.97, supported=1, strong=1, used=1, verbatim=1), M(lexical=0.96), RelationKind.VERBATIM),
        (M(lexical=0.7, supported=1, strong=1, used=0.9, verbatim=0.8), M(lexical=0.6), RelationKind.NEAR_COPY),
        (M(supported=0.95, strong=0.8, used=0.8, lexical=0.05, length=0.9, topic=0.9), M(), RelationKind.REWRITE),
        (M(supported=0.9, strong=0.6, strong_sentences=3, used=0.5, lexical=0.05, length=0.25, topic=0.9), M(),
         RelationKind.SUMMARY),
        # a short text with one sentence matching a longer one shares a fact, it does not summarise it
        (M(supported=1.0, strong=1.0, strong_sentences=1, used=0.1, length=0.15, topic=0.9, shared_specifics=0.2), M(),
         RelationKind.INDEPENDENT),
        (M(supported=0.3, strong=0.25, strong_sentences=3, used=0.35, lexical=0.25, verbatim=0.25, length=1.5,
           strong_words=90), M(), RelationKind.PARTIAL),
        # the same share of strongly linked text, but only a site's recurring sign-off: not a passage
        (M(supported=0.3, strong=0.25, strong_sentences=3, used=0.35, lexical=0.25, verbatim=0.25, length=1.5,
           strong_words=25), M(), RelationKind.UNRELATED),
        # well supported, but drawing on a third of the source with names and numbers of its own:
        # another outlet's report of the same event ...
        (M(supported=0.7, strong=0.45, strong_sentences=6, used=0.35, lexical=0.02, topic=0.9, shared_specifics=0.15,
           novel=0.6, copy_specifics=20), M(), RelationKind.INDEPENDENT),
        # ... while the same support with the source's cast is a rewrite
        (M(supported=0.7, strong=0.45, strong_sentences=6, used=0.35, lexical=0.02, topic=0.9, shared_specifics=0.5,
           novel=0.2, copy_specifics=20), M(), RelationKind.REWRITE),
        (M(supported=0.3, strong=0.05, strong_sentences=1, used=0.3, topic=0.85, shared_specifics=0.3), M(), RelationKind.INDEPENDENT),
        (M(supported=0.1, topic=0.85, shared_specifics=0.01), M(), RelationKind.UNRELATED),
        (M(supported=0.05, topic=0.2), M(), RelationKind.UNRELATED),
        # same story, well supported, every name and number from the source: a retelling ...
        (M(supported=0.45, strong=0.3, strong_sentences=2, used=0.35, topic=0.85, shared_specifics=0.2,
           novel=0.1, copy_specifics=8, strong_words=40), M(), RelationKind.REWRITE),
        # ... unless its one clear match is a phrase ...
        (M(supported=0.45, strong=0.02, strong_sentences=1, used=0.35, topic=0.85, shared_specifics=0.2,
           novel=0.1, copy_specifics=8, strong_words=4), M(), RelationKind.INDEPENDENT),
        # ... or it is a brief a tenth of the source's length
        (M(supported=0.45, strong=0.3, strong_sentences=1, used=0.1, topic=0.85, shared_specifics=0.2,
           novel=0.1, copy_specifics=8, strong_words=40, length=0.1), M(), RelationKind.INDEPENDENT),
        # ... but with names and numbers of its own it is another newsroom's report
        (M(supported=0.45, strong=0.3, strong_sentences=2, used=0.35, topic=0.85, shared_specifics=0.2,
           novel=0.7, copy_specifics=8), M(), RelationKind.INDEPENDENT),
        # ... and too few specifics to tell
        (M(supported=0.45, strong=0.3, strong_sentences=2, used=0.35, topic=0.85, shared_specifics=0.2,
           novel=0.0, copy_specifics=2), M(), RelationKind.INDEPENDENT),
        # a short text padded to twice its length: no strong sentence, a blurred topic, but every
        # name and number comes from the source and most of the source's come back
        (M(supported=0.3, strong=0.0, strong_sentences=0, used=0.6, topic=0.55, shared_specifics=0.7, novel=0.1,
           copy_specifics=7, length=2.6), M(), RelationKind.REWRITE),
        # ... which names of its own make something else
        (M(supported=0.3, strong=0.0, strong_sentences=0, used=0.6, topic=0.55, shared_specifics=0.7, novel=0.4,
           copy_specifics=7, length=2.6), M(), RelationKind.UNRELATED),
        # a one-line notice elaborated to three times its length: every sentence rests on it, all of
        # it comes back, and there are no names to keep ...
        (M(supported=1.0, used=1.0, topic=0.74, length=2.9, copy_words=18, source_words=7), M(), RelationKind.REWRITE),
        # ... but two long texts need more than support (and a notice only half used is not elaborated)
        (M(supported=1.0, used=1.0, topic=0.74, length=2.9, copy_words=180, source_words=70), M(), RelationKind.UNRELATED),
        (M(supported=1.0, used=0.5, topic=0.74, length=2.9, copy_words=18, source_words=7), M(), RelationKind.UNRELATED),
    ],
)
def test_classify(m, reverse, kind):
    got, conf = classify(m, reverse)
    assert got is kind
    assert 0.0 <= conf <= 1.0


def test_containment():
    assert containment("a b c d e f", "x a b c d e f y") == 1.0
    assert containment("a b c d e f", "f e d c b a") == 0.0


def test_dates_decide_direction():
    a = Article(path="a", text="x", published="2026-03-14T09:30:00Z")
    b = Article(path="b", text="x", published="2026-03-15")
    assert direction_from_dates(a, b) == "a"
    assert direction_from_dates(b, a) == "b"
    same_day = Article(path="c", text="x", published="2026-03-14")
    assert direction_from_dates(a, same_day) is None
    assert direction_from_dates(a, Article(path="d", text="x")) is None
    assert parse_date("not a date") is None


def test_content_direction_prefers_wire_marks_and_detail():
    source = Article(
        path="s",
        text="DUNMORE (Reuters) — Mayor Ilsa Brandt said the 4.2 million dollar plan “will fix the mains for a generation.” "
        "Engineer Tomas Reyl of Halden Works said the work may take three years.",
        byline="Reporting by Jo Amari; Editing by Pat Lowe",
    )
    copy = Article(path="c", text="The town will significantly upgrade its pipes, showcasing a comprehensive plan. "
                   "Officials noted the work is essential and will take years.")
    m = M(supported=1.0, strong=0.8)
    r = M(supported=0.5, strong=0.3)
    side, strength, votes = direction_from_content(source, copy, m, r)
    assert side == "a" and strength > 0.3
    assert votes["wire_marks"] > 0 and votes["machine_style"] > 0
    side, _, _ = direction_from_content(copy, source, r, m)
    assert side == "b"


def test_longer_words_vote_for_the_rewrite():
    plain = Article(path="p", text="The site takes no blame for what the posts above say. They are here for fun only.")
    fancy = Article(path="f", text="The website disclaims responsibility regarding the aforementioned publications. "
                    "They are provided exclusively for entertainment.")
    m = M(supported=1.0, strong=1.0)
    side, _, votes = direction_from_content(plain, fancy, m, m)
    assert side == "a" and votes["word_length"] > 0
    side, _, votes = direction_from_content(fancy, plain, m, m)
    assert side == "b" and votes["word_length"] < 0


def test_machine_style_rate():
    assert machine_style("Furthermore, this is a testament to the vibrant landscape.") > 0.3
    assert machine_style("The council met on Monday.") == 0.0


# Two unrelated German texts (written for this test) and a light edit of the first.
GERMAN_A = (
    "Der Stadtrat von Lindenfeld hat am Dienstag beschlossen, die alte Brücke über den Fluss zu sanieren. "
    "Die Arbeiten sollen im Frühjahr beginnen und etwa zwei Jahre dauern. "
    "Während der Bauzeit wird eine Umleitung über die Nordstraße eingerichtet. "
    "Bürgermeisterin Anna Vogt sagte, die Sanierung sei seit Jahren überfällig."
)
GERMAN_B = (
    "Im Tierpark von Hohenwald ist ein junges Nashorn zur Welt gekommen. "
    "Das Kalb wiegt nach Angaben der Pfleger rund vierzig Kilogramm und ist wohlauf. "
    "Besucher können die Mutter und ihr Junges ab nächster Woche im Außengehege sehen. "
    "Der Zoodirektor freut sich über den ersten Nachwuchs seit zehn Jahren."
)


def test_english_check():
    from byline.text import is_english

    assert is_english("The council said on Tuesday that the bridge would be repaired within two years.")
    assert not is_english(GERMAN_A)
    assert not is_english("")


def test_foreign_pages_are_judged_on_their_words(hash_engine):
    """The English embedders see any two texts in one foreign language as alike: words decide."""
    a, b = Article(path="a", text=GERMAN_A), Article(path="b", text=GERMAN_B)
    c = hash_engine.compare(a, b)
    assert c.relation.kind is RelationKind.UNRELATED
    assert c.relation.evidence["lexical_only"] == "not English"
    copy = Article(path="c", text=GERMAN_A.replace("am Dienstag", "am Mittwoch"))
    assert hash_engine.compare(a, copy).relation.kind in (RelationKind.VERBATIM, RelationKind.NEAR_COPY)


def test_partial_reuse_is_read_outside_quotations():
    # Two reports share three verbatim sentences; all three are a statement both of them quote.
    quoted = M(supported=0.4, strong=0.3, strong_sentences=3, strong_words=60, used=0.3, lexical=0.2, verbatim=0.3,
               topic=0.9, shared_specifics=0.2, own_strong=0.0, own_strong_sentences=0, own_strong_words=0,
               own_verbatim=0.0, own_lexical=0.02)
    assert classify(quoted, M())[0] is RelationKind.INDEPENDENT
    # The same passage outside quotation marks is reuse.
    unquoted = M(**{**quoted.as_dict(), "strong_sentences": 3, "strong_words": 60, "copy_specifics": 0,
                    "own_strong": 0.3, "own_strong_sentences": 3, "own_strong_words": 60, "own_verbatim": 0.3, "own_lexical": 0.2})
    assert classify(unquoted, M())[0] is RelationKind.PARTIAL


def test_measure_finds_quoted_links():
    from byline.align import Scorer, align
    from byline.embed import HashEmbedder
    from byline.relate import measure
    from byline.text import split_sentences

    statement = '"We have no plans to close the Kestrel Quay pier this winter, and repairs will start in March," the board said.'
    a = Article("a", "The harbour board met on Tuesday to discuss the budget. " + statement + " Fishermen welcomed the news.")
    b = Article("b", "Ferry passengers had feared a long closure. " + statement + " Tickets went on sale the same day.")
    sa, sb = split_sentences(a.text), split_sentences(b.text)
    scorer = Scorer(HashEmbedder())
    m = measure(a, sa, b, sb, align(sa, sb, scorer), topic=0.9)
    assert m.strong_sentences == 1 and m.own_strong_sentences == 0
    assert m.lexical > m.own_lexical


def test_compare_on_sentences_split_beforehand_is_the_same(hash_engine):
    # `source` hands the engine the sentences that ingest split and the store kept
    from byline.text import split_sentences

    a = Article("a", "The harbour board met on Tuesday. It approved the pier repairs. Work starts in March, it said.")
    b = Article("b", "On Tuesday the harbour board approved repairs to the pier. Work will start in March.")
    plain = hash_engine.compare(a, b)
    given = hash_engine.compare(a, b, a_sentences=split_sentences(a.text), b_sentences=split_sentences(b.text))
    assert given.relation == plain.relation and given.links == plain.links


def test_plainly_unrelated_pairs_get_the_verdict_the_full_alignment_gives():
    # corpus engines skip the alignment of plainly unrelated pairs: same kind, confidence and
    # direction as the full pipeline, on every pair of the fixture texts (three stories)
    from itertools import combinations
    from pathlib import Path

    from byline.compare import Engine, load_article
    from byline.embed import HashEmbedder

    full, quick = Engine(embedder=HashEmbedder(), explain=False), Engine(embedder=HashEmbedder(), explain=False, skip_unrelated=True)
    folder = Path(__file__).parent / "data" / "pairs"
    articles = [load_article(str(p)) for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".html") and p.name != "README.md"]
    skipped = 0
    for a, b in combinations(articles, 2):
        want, got = full.compare(a, b).relation, quick.compare(a, b).relation
        assert (got.kind, got.confidence, got.original) == (want.kind, want.confidence, want.original), (a.path, b.path)
        skipped += "linkable" in got.evidence
    assert skipped >= 10  # the shortcut was taken: the stories' texts are unrelated to each other
