"""The contract of a story folder: its articles.csv, the coding tables the toolkit proposes, and their vocabularies.

A story folder holds ``articles/`` (one UTF-8 ``.txt`` per article, the file name is the article's id),
``articles.csv`` (at least ``id, outlet, published, title``), and, once proposed, the coding tables
``claims.csv``, ``sources.csv``, ``labels.csv`` and ``frames.csv``. The coding tables have the columns of the book's
tables in ``data/`` plus ``status``: every row starts ``proposed`` and the student changes it as they verify it.
Optional: ``cleaning_rules.csv`` (as in ``data/``) and ``label_terms.csv`` (``term, refers_to``).
"""
from pathlib import Path

from ..methods.framing import KEYWORDS, NO_KEYWORD
from ..methods.numbers import APPROXIMATE, LOWER_BOUND, VAGUE_RANGES
from ..tables import SCHEMAS

# The invented example story (four fictional articles), used by the tests, the capstone chapter and the benchmark.
EXAMPLE = Path(__file__).resolve().parents[3] / "tests" / "story_corpus"

STORY_COLUMNS = ("id", "outlet", "published", "title")
TABLES = ("claims", "sources", "labels", "frames")  # the tables the toolkit proposes, in the order it reports them
OPTIONAL_TABLES = ("topics",)  # validated and reported when the student writes one; never proposed
LABEL_TERM_COLUMNS = ("term", "refers_to")
REPORT_FOLDER = "report"  # what ``report`` writes: the report, the whole of each table it cuts, and its record of them
WRITTEN = ".written.json"  # what the toolkit wrote in report/, so that it never replaces a file someone changed

# Columns that data/ has beyond the loader's schema (the book added them in the second coding pass).
EXTRA_COLUMNS = {"claims": ("scope", "traced_to", "traced_type")}

# What a row's status says: proposed by the toolkit; checked (right as proposed); corrected (a code or the span was
# changed); rejected (not a fact of this kind: kept so that the report can count it); added (a row the toolkit missed).
STATUSES = ("proposed", "checked", "corrected", "rejected", "added")
VERIFIED = ("checked", "corrected", "added")

# "range" is the toolkit's: a range written out ("26-28 percent"), whose low and high are its two ends.
HEDGES = ("none", *APPROXIMATE, "up to", *LOWER_BOUND, *VAGUE_RANGES, "considered", "believed", "range")
FRAMES = (*KEYWORDS, "morality", "fairness and equality", "cultural identity", "public opinion", NO_KEYWORD)

# The controlled vocabularies that hold for any story (data/codebooks/). Speaker types, quantities and what a label
# refers to are the story's own, so they are free text. An empty cell is allowed only where listed with "".
VOCABULARIES = {
    "claims": {
        "hedge": HEDGES,
        "attribution_type": ("reporter", "named person", "anonymous source", "other outlet"),
        "traced_type": ("", "anonymous source", "other outlet"),
    },
    "sources": {
        "named": ("yes", "no"),
        "kind": ("direct quote", "partial quote", "paraphrase", "citation"),
        "says_how_obtained": ("yes", "no"),
    },
    "labels": {"voice": ("reporter", "paraphrase", "quotation", "scare quote")},
    "frames": {
        "position": ("headline", "subheading", "lede", "body"),
        "voice": ("reporter", "quotation"),
        "frame_pass1": ("", *FRAMES),
        "frame_pass2": FRAMES,
        "frame": FRAMES,
    },
    "topics": {"covered": ("yes", "no")},
}


def table_columns(name: str) -> tuple[str, ...]:
    """The columns of a story's coding table: the book's columns for it, then ``status``."""
    return (*SCHEMAS[name].columns, *EXTRA_COLUMNS.get(name, ()), "status")
