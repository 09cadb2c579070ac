"""Claims the source does not make: unlinked copy sentences and unsupported clauses of linked ones.

Every clause of every copy sentence (``byline.text.clause_spans``) is scored against every source
sentence and every adjacent pair of source sentences. A clause is reported when its best support is
under the scorer's line *and* it brings words of its own: several content words the source never
uses. The second condition keeps paraphrase out ("European conflicts" for "the conflict in Europe"
scores low but says nothing new) and lets through the padding rewrites add ("Beijing remains
focused on ... key global players"). Short clauses (connectives, "However, ...") are never reported.
"""

from __future__ import annotations

from ..records import Finding, FindingKind
from .common import SUPPORTED, TOKEN, Clause, Pair, novel_roots, root, roots

RULE = "explain.claims.v1"
MIN_CONTENT = 5  # content words a clause needs to be worth reporting (shorter ones are connective filler)
MIN_CONTENT_UNLINKED = 3  # ... for a copy sentence the alignment left without any source
# A clause under SUPPORTED is reported when at least NOVEL_MIN of its content words, and NOVEL_SHARE of
# them, never occur in the source. On the seed pair the padding clause has 5 of 12 new words; the
# reworded-but-faithful clauses have at most 2 or under a third.
NOVEL_MIN = 3
NOVEL_SHARE = 0.3
NOTHING = 0.25  # support this low is unsupported whatever the words


def claim_findings(pair: Pair) -> list[Finding]:
    """``unsupported_claim`` findings in copy order, one per clause."""
    clauses: list[Clause] = [c for j in range(len(pair.copy_sents)) for c in pair.copy_clauses[j]]
    clauses = [c for c in clauses if len(roots(c.text)) >= MIN_CONTENT_UNLINKED]
    if not clauses or not pair.source_sents:
        return []
    targets = pair.source_sentence_support_texts
    m = pair.support([c.text for c in clauses], targets)
    out: list[Finding] = []
    for k, clause in enumerate(clauses):
        linked = clause.sentence in pair.link_of_copy
        if linked and len(roots(clause.text)) < MIN_CONTENT:
            continue
        col = int(m[k].argmax())
        best = float(m[k, col])
        if best >= SUPPORTED:
            continue
        content = roots(clause.text)
        new = novel_roots(clause.text, pair.source_roots)
        need = NOVEL_MIN if linked else NOVEL_MIN - 1
        if best >= NOTHING and (len(new) < need or len(new) / max(1, len(content)) < NOVEL_SHARE):
            continue
        where = "its sentence is linked to the source, this clause is not" if linked else "its sentence has no source link"
        detail = (f"No source sentence supports this ({where}; best support {best:.2f}); "
                  f"words the source never uses: {', '.join(_show(clause.text, new)[:6])}")
        if best < NOTHING:  # nothing comes close: pointing at a "nearest" source sentence would mislead
            out.append(Finding(FindingKind.UNSUPPORTED_CLAIM, "", clause.text, detail, None, clause.span, RULE))
            continue
        nearest = pair.source_sents[pair.pair_members(col)[0]]
        out.append(Finding(FindingKind.UNSUPPORTED_CLAIM, nearest.text, clause.text, detail,
                           nearest.span, clause.span, RULE))
    return out


def _show(text: str, new_roots: list[str]) -> list[str]:
    """The words of ``text`` behind the novel roots, as written."""
    wanted = set(new_roots)
    out: list[str] = []
    for tok in TOKEN.findall(text):
        r = root(tok)
        if r in wanted and tok not in out:
            out.append(tok)
            wanted.discard(r)
    return out
