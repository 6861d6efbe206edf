"""The five articles as one table: metadata, raw text, and a cleaned text with the removed parts kept."""
import hashlib
import re
from functools import lru_cache

import pandas as pd

from .errors import DataError
from .files import decode, read_bytes, read_csv, sha256
from .paths import data_dir
from .text import paragraphs

ARTICLE_COLUMNS = (
    "id", "file", "outlet", "outlet_status", "date_earliest", "date_latest", "date_status",
    "date_note", "headline", "headline_source", "url", "url_kind", "language", "relies_on",
    "notes", "sha256",
)
RULE_COLUMNS = ("rule", "pattern", "what_it_removes")


def load_articles(data=None) -> pd.DataFrame:
    """One row per article: the columns of articles.csv, ``raw_text``, cleaned ``text`` and ``removed``.

    ``removed`` lists the (rule, removed text) pairs, so the cleaning can be audited.
    Raises DataError naming the file if an article is missing, altered, not UTF-8 or empty.
    The table is read once and kept until a file in the folder changes; each call gets its own copy.
    """
    folder = data_dir(data)
    return read_articles(folder, stamp(folder)).copy()


def article_ids(data=None) -> list[str]:
    """The ids of the articles, in the order of articles.csv."""
    return list(load_articles(data)["id"])


def stamp(folder) -> tuple:
    """What changes when any file in ``folder`` or ``folder/articles`` changes: each file's name and fingerprint.

    A fingerprint of the content, not a modification time: a file rewritten with the same size within the clock's
    resolution (a few milliseconds) would otherwise keep the old table in the cache.
    """
    files = [path for place in (folder, folder / "articles") if place.is_dir() for path in sorted(place.iterdir())]
    return tuple((path.name, sha256(path)) for path in files if path.is_file())


@lru_cache(maxsize=8)
def read_articles(folder, _stamp) -> pd.DataFrame:
    articles = read_csv(folder / "articles.csv", ARTICLE_COLUMNS, key="id")
    rules = load_cleaning_rules(folder)
    articles["raw_text"] = [read_article(folder, row) for row in articles.itertuples()]
    cleaned = [clean_text(raw, rules) for raw in articles["raw_text"]]
    articles["text"] = [text for text, _ in cleaned]
    articles["removed"] = [removed for _, removed in cleaned]
    return articles


def read_article(folder, row) -> str:
    path = folder / row.file
    raw = read_bytes(path)
    if hashlib.sha256(raw).hexdigest() != row.sha256:
        raise DataError(
            f"{path.name}: sha256 does not match articles.csv; the article file has been changed "
            "(restore the original, or update the hash only if the change is deliberate)"
        )
    return decode(raw, path)


def load_cleaning_rules(data=None) -> pd.DataFrame:
    """The cleaning rules (data/cleaning_rules.csv): a name, a regular expression, what it removes."""
    path = data_dir(data) / "cleaning_rules.csv"
    rules = read_csv(path, RULE_COLUMNS, key="rule")
    for rule in rules.itertuples():
        try:
            re.compile(rule.pattern)
        except re.error as error:
            raise DataError(f"{path.name}: the pattern of rule '{rule.rule}' is not a valid regular expression ({error})") from None
    return rules


def clean_text(raw: str, rules: pd.DataFrame) -> tuple[str, list[tuple[str, str]]]:
    """Apply each rule in turn; return the text (one stripped paragraph per block) and what was removed."""
    text, removed = raw, []
    for rule in rules.itertuples():
        removed += [(rule.rule, match.strip()) for match in re.findall(rule.pattern, text)]
        text = re.sub(rule.pattern, "", text)
    return "\n\n".join(paragraphs(text)), removed


def cleaning_log(articles: pd.DataFrame) -> pd.DataFrame:
    """A long table of everything the cleaning removed: article_id, rule, removed_text."""
    rows = [
        {"article_id": row.id, "rule": rule, "removed_text": removed}
        for row in articles.itertuples()
        for rule, removed in row.removed
    ]
    return pd.DataFrame(rows, columns=["article_id", "rule", "removed_text"])
