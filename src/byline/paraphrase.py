"""Sentence-pair paraphrase decisions: do two sentences say the same thing?

``align.Scorer`` answers a one-sided question (does the source *support* the copy?), which is
right for aligning a copy to its source but too lenient for "same meaning": a sentence that adds
a clause, or changes a number or a name, is still well supported. The judge here reads the pair
both ways with a small logistic regression over features of two kinds:

- surface: word n-gram overlap (n = 1..4) and content-word containment, the smaller and the
  larger of the two directions; the count of content words each side has alone; character
  4-gram Dice; length difference; numbers, capitalised names and negation present on one side
  only; the word-sequence similarity ratio;
- meaning: the cosine of the two sentence embeddings.

Features are symmetric (a paraphrase is), so the order of the two sentences does not matter.
The weights in ``MODELS`` were fit by ``python -m bench.msrp`` on the 4,076 MSRP training pairs,
the threshold by 5-fold cross-validation on the same pairs (F1 of the paraphrase class); nothing
of the test split was used. On the MSRP test split the MiniLM judge scores F1 83.9 / accuracy
76.5 and the static one 82.8 / 75.4 (bench/msrp.py prints the current figures).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from .embed import Embedder
from .text import content_words, stem, words

FEATURES = (
    "1gram_min", "1gram_max", "2gram_min", "2gram_max", "3gram_min", "3gram_max", "4gram_min", "4gram_max",
    "content_min", "content_max", "alone_min", "alone_max", "char4_dice", "log_length_ratio", "length_diff",
    "numbers_differ", "numbers_differ_any", "numbers_any", "names_differ_share", "names_differ", "negation_differs",
    "sequence_ratio", "cosine",
)

_NUMBER = re.compile(r"\d[\d,.]*")
_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-zA-Z'-]+")  # capitalised words past the first
_NEGATION = frozenset("not no never n't nor none nothing nobody neither without".split())


@dataclass(frozen=True, slots=True)
class ParaphraseModel:
    """A fitted judge: feature standardisation, logistic weights and the decision threshold."""

    embedder: str
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.coef) + self.bias)))


def _ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def _numbers(text: str) -> set[str]:
    return {m.group().replace(",", "").rstrip(".") for m in _NUMBER.finditer(text)}


def _names(text: str) -> set[str]:
    return {m.group().lower() for m in _NAME.finditer(text.strip())}


def surface_features(s1: str, s2: str) -> list[float]:
    """The surface features of one pair, in ``FEATURES`` order (all but the cosine)."""
    t1, t2 = words(s1), words(s2)
    out: list[float] = []
    for n in (1, 2, 3, 4):
        a, b = _ngrams(t1, n), _ngrams(t2, n)
        shared = sum((a & b).values())
        p1, p2 = shared / max(sum(a.values()), 1), shared / max(sum(b.values()), 1)
        out += [min(p1, p2), max(p1, p2)]
    c1, c2 = {stem(w) for w in content_words(s1)}, {stem(w) for w in content_words(s2)}
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


def features(pairs: Sequence[tuple[str, str]], embedder: Embedder) -> np.ndarray:
    """Feature matrix (len(pairs), len(FEATURES)) for sentence pairs."""
    if not pairs:
        return np.zeros((0, len(FEATURES)))
    surface = np.array([surface_features(s1, s2) for s1, s2 in pairs], dtype=np.float64)
    texts = list(dict.fromkeys(s for pair in pairs for s in pair))
    vecs = embedder.encode(texts)
    row = {t: k for k, t in enumerate(texts)}
    a = vecs[[row[s1] for s1, _ in pairs]]
    b = vecs[[row[s2] for _, s2 in pairs]]
    return np.hstack([surface, (a * b).sum(axis=1, dtype=np.float64)[:, None]])


def fit(x: np.ndarray, y: np.ndarray, embedder: str, l2: float = 1.0, threshold: float = 0.5) -> ParaphraseModel:
    """Logistic regression on standardised features, L2 penalty ``l2 / 2 * |w|^2`` (Newton steps).

    Deterministic: the same data give the same model, so shipped weights can be checked.
    """
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
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
    return ParaphraseModel(embedder, tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                           tuple(float(v) for v in w[:-1]), float(w[-1]), float(threshold))


class ParaphraseJudge:
    """Paraphrase decisions for sentence pairs with one embedder and its fitted model."""

    def __init__(self, embedder: Embedder, model: ParaphraseModel | None = None) -> None:
        self.embedder = embedder
        if model is None:
            if embedder.name not in MODELS:
                raise ValueError(f"no paraphrase model fitted for embedder {embedder.name!r}; fit one with bench.msrp")
            model = MODELS[embedder.name]
        self.model = model

    def probability(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Probability that each pair is a paraphrase."""
        return self.model.probability(features(pairs, self.embedder))

    def decide(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """True where a pair is judged a paraphrase (probability >= the model's threshold)."""
        return self.probability(pairs) >= self.model.threshold


# Fitted by ``python -m bench.msrp --fit`` on MSRP train (l2 = 1.0), printed to 6 significant
# digits; the bench refits on every run and says when these no longer match a fresh fit.
MODELS: dict[str, ParaphraseModel] = {
    'minilm-l6-static-256.v1': ParaphraseModel(
        embedder='minilm-l6-static-256.v1',
        mean=(0.606192, 0.714246, 0.43623, 0.519128, 0.335421, 0.403097, 0.265417, 0.32252, 0.616663,
              0.735589, 2.66045, 4.58611, 0.608113, 0.15819, 3.05005, 0.701668, 0.262758, 0.426644,
              0.454085, 1.76987, 0.0461237, 0.61395, 0.838513),
        scale=(0.143222, 0.155874, 0.187574, 0.216531, 0.205172, 0.242586, 0.2084, 0.250695, 0.159644,
               0.170997, 1.86952, 2.12402, 0.154009, 0.112897, 2.21744, 1.58387, 0.440132, 0.49459,
               0.379008, 1.80734, 0.209753, 0.153805, 0.100242),
        coef=(1.22265, -0.632765, -0.038337, -0.488359, -0.165035, -0.35673, 0.144074, -0.237979, 0.0275977,
              -0.219741, -0.210047, 0.0372079, 0.648644, 0.71061, -0.574632, -0.346677, -0.0807589, 0.014297,
              0.0129817, 0.109688, -0.194738, 0.654597, 0.53565),
        bias=1.04477, threshold=0.464083,
    ),
    'all-minilm-l6-v2': ParaphraseModel(
        embedder='all-minilm-l6-v2',
        mean=(0.606192, 0.714246, 0.43623, 0.519128, 0.335421, 0.403097, 0.265417, 0.32252, 0.616663,
              0.735589, 2.66045, 4.58611, 0.608113, 0.15819, 3.05005, 0.701668, 0.262758, 0.426644,
              0.454085, 1.76987, 0.0461237, 0.61395, 0.793791),
        scale=(0.143222, 0.155874, 0.187574, 0.216531, 0.205172, 0.242586, 0.2084, 0.250695, 0.159644,
               0.170997, 1.86952, 2.12402, 0.154009, 0.112897, 2.21744, 1.58387, 0.440132, 0.49459,
               0.379008, 1.80734, 0.209753, 0.153805, 0.141022),
        coef=(1.38241, -0.763226, -0.0135922, -0.604404, -0.0556821, -0.300874, 0.127268, -0.263881, -0.0572526,
              -0.109007, -0.104077, 0.0137548, 0.800406, 0.762672, -0.531932, -0.307148, -0.0832806, 0.016894,
              0.0546032, 0.0368029, -0.181874, 0.583063, 0.542767),
        bias=1.05058, threshold=0.429013,
    ),
}
