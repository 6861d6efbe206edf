"""Plumbing for the book *Reading the News on CECOT*.

Load the five articles and the hand-coded tables from ``data/``, and check exercise answers. The analysis itself
stays visible in the notebooks; the methods they build step by step live, tested, in ``newsreader.methods``.
Importing the package reads no data: a data problem shows up, as one clear line, when a table is first loaded.
"""
from .errors import DataError, register_with_ipython

register_with_ipython()  # first, so that whatever fails later in a notebook is shown as one line

from .checking import check, hint, progress  # noqa: E402
from .corpus import cleaning_log, load_articles, load_cleaning_rules  # noqa: E402
from .style import OKABE_ITO, use_book_style  # noqa: E402
from .tables import load_table  # noqa: E402
from .text import WORD_PATTERN, paragraphs, sentences, words  # noqa: E402

__all__ = [
    "DataError",
    "OKABE_ITO",
    "WORD_PATTERN",
    "check",
    "cleaning_log",
    "hint",
    "load_articles",
    "load_cleaning_rules",
    "load_table",
    "paragraphs",
    "progress",
    "sentences",
    "use_book_style",
    "words",
]
