"""Coefficients of the unsupported-claim model (claims.py), exported from a logistic regression.

Fitted by ``python -m bench.findings --fit-claims`` (scikit-learn, features standardised, L2 with
C=1, the scaling folded into the coefficients below, which act on the raw features) on the claim
candidates of the 20 ``spin`` documents of newsroom-dev (../shared/data/newsroom-dev: AI content-farm
rewrites of 20 Scrapinghub news articles, one planted unsupported claim each; label = the candidate
overlaps the planted claim). Evaluated there leave-one-source-out: see docs/benchmarks-pairwise.md.
The model is evaluated with numpy only; nothing here imports scikit-learn.
"""

from __future__ import annotations

import numpy as np

CLAIM_FEATURES = ("support", "novel_words", "novel_names", "novel_numbers", "novel_times", "restated",
                  "pointer", "crowd", "evaluative")
CLAIM_COEF = np.array([-3.4690, 0.3259, 2.6286, 5.7158, 5.0788, -6.1947, -1.4482, -1.7993, -1.8950])
CLAIM_INTERCEPT = -1.6682
# Reported at or above this probability. Held out (leave-one-source-out) precision and recall barely
# move between 0.2 and 0.5 (0.84-0.89, 0.75-0.80); 0.3 sits inside that plateau. "restated" (a clause
# of a linked sentence made mostly of the source's words) stands in for "its sentence is linked",
# which separates newsroom-dev's planted claims (standalone sentences by that set's design) as well
# but costs the claims added inside a reworded sentence (ETPC additions) a further fifth of their recall.
CLAIM_THRESHOLD = 0.3
