"""byline's benchmark harness: the field's public data sets, scored with the field's own measures.

    python -m bench all                  every benchmark, then docs/benchmarks.md
    python -m bench.extraction           Scrapinghub article extraction (181 pages)
    python -m bench.pan13 --limit 50     PAN 2013 text alignment (passages)
    python -m bench.msrp                 MSRP sentence paraphrase decisions
    python -m bench.etpc                 ETPC typed differences -> byline findings

Data is read from ../shared/data (see each folder's MANIFEST.md); nothing is copied into the repo.
"""
