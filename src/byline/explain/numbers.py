"""Numbers the copy changed: "4.2 million residents" in the source, "4.5 million residents" in the copy.

Quantities are read from both sides of every link (digits, decimals, thousands separators,
percentages, currency, scale words such as "million"/"bn", ordinals, years, and number words from
"two" to "ninety-nine", "hundred", "a dozen") and normalised to a value, a unit and the word they
count. Within a link, a copy quantity with no equal on the source side is paired with the source
quantity of the same unit counting the same thing (or with the only candidate of that unit) whose
value the copy does not repeat. Rounding as written ("about 63,000" for 63,238) is not a change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Finding, FindingKind, Sentence, Span
from ..text import STOPWORDS, normalise
from .common import TOKEN, Pair, root, same_root
from .lexicon import CARDINALS, CURRENCIES, MONTHS, ORDINALS, SCALES

RULE = "explain.numbers.v1"
YEARS = (1800, 2100)  # a bare four-digit number in this range is read as a year

_DIGITS = re.compile(
    r"(?<![\w.,/\[-])(?P<cur>US\$|[$€£¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?:(?P<ord>st|nd|rd|th)\b|"
    r"(?P<short>bn|mn|mln|tn|[mkb])\b|"
    r"\s?(?P<pct>%|percent\b|per\s+cent\b)|"
    r"\s(?P<scale>million|billion|trillion|thousand|hundred)\b)?"
    r"(?![\w:\]])",
    re.IGNORECASE,
)
_WORDS = re.compile(
    r"\b(?P<a>a\s+)?(?P<w>(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:two|three|four|five|six|seven|eight|nine))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|dozen|hundred)(?:\s+(?:hundred|thousand|million|billion|trillion))?"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|twentieth|hundredth)\b"
    r"(?:\s?(?P<pct>%|percent\b|per\s+cent\b))?",
    re.IGNORECASE,
)
_UNITS_DIGIT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# Words between a number and the thing it counts ("28 more people", "3 of the 10 ships").
_SKIP_AFTER = frozenset({"more", "than", "of", "the", "about", "some", "additional", "other", "new", "extra", "per", "cent"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number as written, normalised."""

    span: Span  # article offsets
    text: str
    value: float
    unit: str  # "" (a count), "%", "$" (or another currency sign), "ordinal", "year", "day"
    counts: str  # root of the word it counts ("resid"), "" when none follows
    digits: int  # significant digits as written: a copy may round to this precision


def _significant(num: str, dec: str | None) -> int:
    if dec:
        return len(num.replace(",", "").lstrip("0")) + len(dec)
    return max(1, len(num.replace(",", "").lstrip("0").rstrip("0")))


def _counts(text: str, end: int) -> str:
    for tok in TOKEN.findall(text[end : end + 60])[:4]:
        w = normalise(tok)
        if w in _SKIP_AFTER or w in STOPWORDS or w in SCALES or w.isdigit():
            continue
        return root(w)
    return ""


def quantities(sent: Sentence) -> list[Quantity]:
    """The quantities of one sentence, in order (spans in article offsets)."""
    text, base = sent.text, sent.span.start
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text):
        num, dec = m.group("num"), m.group("dec")
        value = float(num.replace(",", "") + (f".{dec}" if dec else ""))
        unit = ""
        scale = (m.group("scale") or m.group("short") or "").lower()
        if scale:
            value *= SCALES.get(scale, 1.0)
        if m.group("cur"):
            unit = CURRENCIES.get(m.group("cur").lower(), m.group("cur"))
        elif m.group("pct"):
            unit = "%"
        elif m.group("ord"):
            unit = "ordinal"
        elif not dec and "," not in num and YEARS[0] <= value <= YEARS[1] and len(num) == 4:
            unit = "year"
        else:
            before = TOKEN.findall(text[max(0, m.start() - 12) : m.start()])
            if before and normalise(before[-1]) in MONTHS and value <= 31:
                unit = "day"
        counts = "year" if unit == "year" else "" if unit == "day" else _counts(text, m.end())
        s, e = m.start(), m.end()
        out.append(Quantity(Span(base + s, base + e), text[s:e].strip(), value, unit, counts, _significant(num, dec)))
        taken.append((s, e))
    for m in _WORDS.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        parts = normalise(m.group("w")).replace("-", " ").split()
        if parts[0] in ORDINALS:
            value, unit = float(ORDINALS[parts[0]]), "ordinal"
        else:
            value = 0.0
            for p in parts:
                if p in CARDINALS and p not in ("hundred",):
                    value += CARDINALS[p]
                elif p in _UNITS_DIGIT:
                    value += _UNITS_DIGIT[p]
                elif p in SCALES:
                    value = (value or 1.0) * SCALES[p]
            unit = "%" if m.group("pct") else ""
        if m.group("a") and parts[0] not in ("dozen", "hundred"):
            continue  # "a second" is not a quantity
        s, e = m.start(), m.end()
        if m.group("a"):
            s = m.start("w")
        counts = _counts(text, m.end())
        out.append(Quantity(Span(base + s, base + e), text[s:e], value, unit, counts, len(str(int(value)).rstrip("0")) or 1))
    return sorted(out, key=lambda q: q.span.start)


def same_value(a: Quantity, b: Quantity) -> bool:
    """Equal, or equal once the more precise one is rounded to the other's written precision."""
    if a.unit != b.unit:
        return False
    if a.value == b.value:
        return True
    for x, y in ((a, b), (b, a)):
        if x.value and float(f"{x.value:.{y.digits}g}") == y.value and y.digits < x.digits:
            return True
    return False


def number_findings(pair: Pair) -> list[Finding]:
    """``number_changed`` findings: one per copy quantity that differs from its source counterpart."""
    out: list[Finding] = []
    for link in pair.links:
        src = [q for i in link.a for q in quantities(pair.source_sents[i])]
        cp = [q for j in link.b for q in quantities(pair.copy_sents[j])]
        if not src or not cp:
            continue
        open_src = [s for s in src if not any(same_value(s, c) for c in cp)]
        open_cp = [c for c in cp if not any(same_value(c, s) for s in src)]
        for c in open_cp:
            pool = [s for s in open_src if s.unit == c.unit]
            # years all "count" years: they pair only as the single year on each side
            match = [s for s in pool if s.counts and c.counts and same_root(s.counts, c.counts) and c.unit != "year"]
            alike = c.unit == "year" or not (pool[0].counts and c.counts) if pool else False
            if not match and len(pool) == 1 and sum(1 for x in open_cp if x.unit == c.unit) == 1 and alike:
                match = pool  # the only number of its kind on each side, nothing says they count different things
            if not match:
                continue
            s = match[0]
            open_src.remove(s)
            what = f" ({_word_after(pair.copy.text, c)})" if c.counts else ""
            out.append(Finding(FindingKind.NUMBER_CHANGED, s.text, c.text,
                               f"{s.text} in the source became {c.text} in the copy{what}",
                               s.span, c.span, RULE))
    return out


def _word_after(text: str, q: Quantity) -> str:
    for tok in TOKEN.findall(text[q.span.end : q.span.end + 60])[:4]:
        if root(tok) == q.counts:
            return tok
    return q.counts
