"""Load a hand-coded table from data/ and hold it to its contract.

Every table keeps one fact per row, a unique key, the id of a known article and, where it
has a ``span`` column, the verbatim words it was coded from: each span must occur in the
cleaned text of its article.
"""
from dataclasses import dataclass

import pandas as pd

from .corpus import load_articles
from .errors import DataError
from .files import read_csv
from .paths import data_dir


@dataclass(frozen=True)
class Schema:
    key: str
    columns: tuple[str, ...]
    numeric: tuple[str, ...] = ()  # converted to numbers; blank cells become NaN
    span_required: bool = True  # False where a row may have no span (e.g. a topic an article omits)


SCHEMAS = {
    "claims": Schema(
        key="claim_id",
        columns=("claim_id", "article_id", "span", "value", "unit", "quantity", "hedge", "low", "high",
                 "attributed_to", "attribution_type", "refers_to_date", "note"),
        numeric=("value", "low", "high"),
    ),
    "sources": Schema(
        key="source_id",
        columns=("source_id", "article_id", "span", "speaker_as_written", "speaker_id", "speaker_type",
                 "named", "kind", "verb", "channel", "says_how_obtained", "remark_id", "note"),
    ),
    "frames": Schema(
        key="sentence_id",
        columns=("sentence_id", "article_id", "position", "span", "voice", "frame_pass1", "frame_pass2",
                 "frame", "resolution"),
    ),
    "labels": Schema(
        key="label_id",
        columns=("label_id", "article_id", "span", "term", "refers_to", "voice"),
    ),
    "events": Schema(
        key="mention_id",
        columns=("mention_id", "article_id", "event", "description", "span", "date_as_written", "date_found_in",
                 "counted_from", "resolved_start", "resolved_end", "depends_on_publication_day", "resolved_by",
                 "resolution"),
    ),
    "upstream": Schema(
        key="upstream_id",
        columns=("upstream_id", "source", "date", "quantity", "value", "unit", "hedge", "words"),
        numeric=("value",),
    ),
    "entman": Schema(
        key="entman_id",
        columns=("entman_id", "article_id", "function", "span", "frame", "speaker", "polarity", "basis", "note"),
        span_required=False,  # a causal interpretation that the article does not give has no span
    ),
    "waivers": Schema(
        key="waiver_id",
        columns=("waiver_id", "article_id", "construction", "span", "reason"),
    ),
    "topics": Schema(
        key="topic_row_id",
        columns=("topic_row_id", "article_id", "topic", "covered", "span"),
        span_required=False,
    ),
}


def load_table(name: str, data=None) -> pd.DataFrame:
    """The table ``data/<name>.csv``, checked against its schema and the articles.

    Raises DataError naming the file and the problem: missing file or column, duplicate key,
    unknown article id, non-numeric value, or a span that is not in its article.
    """
    schema = SCHEMAS.get(name)
    if schema is None:
        raise DataError(f"{name}.csv: not a known table; the tables are {sorted(SCHEMAS)}")
    path = data_dir(data) / f"{name}.csv"
    table = read_csv(path, schema.columns, key=schema.key)
    if "article_id" in table.columns:
        texts = load_articles(data).set_index("id")["text"]
        require_known_articles(table, texts, path)
        if "span" in table.columns:
            require_spans_in_articles(table, texts, path, schema.span_required)
    return to_numbers(table, schema.numeric, path)


def require_known_articles(table, texts, path) -> None:
    unknown = sorted(set(table["article_id"]) - set(texts.index))
    if unknown:
        raise DataError(f"{path.name}: unknown article id(s) {', '.join(map(repr, unknown))}")


def require_spans_in_articles(table, texts, path, span_required) -> None:
    for row in table.itertuples():
        if not row.span.strip():
            if span_required:
                raise DataError(f"{path.name}: {getattr(row, table.columns[0])} has an empty span")
            continue
        if row.span not in texts[row.article_id]:
            raise DataError(
                f"{path.name}: the span of {getattr(row, table.columns[0])} is not in article {row.article_id}: {row.span!r}"
            )


def to_numbers(table, columns, path) -> pd.DataFrame:
    for column in columns:
        converted = pd.to_numeric(table[column].replace("", None), errors="coerce")
        bad = table.loc[converted.isna() & (table[column].str.strip() != ""), column]
        if len(bad):
            raise DataError(f"{path.name}: column {column} has a value that is not a number: {bad.iloc[0]!r}")
        table[column] = converted
    return table
