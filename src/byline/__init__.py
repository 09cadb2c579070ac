"""byline: where did this news article come from, and what did the copy change?

The pipeline, one module per stage, data flowing one way::

    read -> extract -> text -> embed -> align -> relate -> explain -> report
                                   \\-> fingerprint -> store -> candidates (corpus commands)

``byline.compare.Engine`` runs the pairwise part; ``byline.corpus`` the corpus part.
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["__version__"]
