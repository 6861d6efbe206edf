"""Plumbing for the book *Reading the News on CECOT*.

Load the five articles and the hand-coded tables from ``data/``, and check
exercise answers. The analysis itself stays visible in the notebooks.
"""
from .checking import check, hint, progress
from .corpus import cleaning_log, load_articles, load_cleaning_rules
from .errors import DataError, register_with_ipython
from .tables import load_table
from .style import OKABE_ITO, use_book_style
from .text import WORD_PATTERN, paragraphs, sentences, words

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

register_with_ipython()
