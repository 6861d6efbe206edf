"""How good is the proposer? Precision and recall of its proposals against a hand-coded table.

A proposal **matches** a hand-coded row when both are in the same article and their spans overlap (share at least
one character). Precision is the share of proposals that match some hand-coded row; recall is the share of
hand-coded rows that some proposal matches. Overlap is generous: a proposal "40,000" matches a coded
"expanding it from 40,000", whatever value, unit or speaker it proposes. The codes themselves are what the
student checks.
"""
import pandas as pd

from ..corpus import load_articles
from ..tables import load_table
from .propose import propose_all


def with_positions(table: pd.DataFrame, texts: pd.Series) -> pd.DataFrame:
    """``table`` with the ``start`` and ``end`` of each span in its article (the first occurrence: the book's spans
    are long enough to be unique)."""
    starts = [texts[row.article_id].find(row.span) for row in table.itertuples()]
    return table.assign(start=starts, end=[start + len(span) for start, span in zip(starts, table["span"])])


def overlaps_any(rows: pd.DataFrame, others: pd.DataFrame) -> pd.Series:
    """For each row, whether its span overlaps the span of a row of ``others`` in the same article."""
    by_article = {article_id: list(zip(group["start"], group["end"])) for article_id, group in others.groupby("article_id")}
    return pd.Series([any(start < other_end and other_start < end
                          for other_start, other_end in by_article.get(article_id, []))
                      for article_id, start, end in zip(rows["article_id"], rows["start"], rows["end"])],
                     index=rows.index, dtype=bool)


def precision_recall(proposed: pd.DataFrame, coded: pd.DataFrame) -> dict:
    """Counts, precision and recall of ``proposed`` against ``coded`` (both with article_id, start, end)."""
    proposals_matched = int(overlaps_any(proposed, coded).sum())
    coded_found = int(overlaps_any(coded, proposed).sum())
    return {"proposed": len(proposed), "hand-coded": len(coded), "proposals that match": proposals_matched,
            "hand-coded rows found": coded_found,
            "precision": proposals_matched / len(proposed) if len(proposed) else float("nan"),
            "recall": coded_found / len(coded) if len(coded) else float("nan")}


def proposer_against_the_book(tables=("claims", "sources"), data=None) -> pd.DataFrame:
    """Run the proposer on the book's cleaned articles and measure it against the hand-coded tables in data/:
    one row per table, with counts, precision and recall."""
    articles = load_articles(data).rename(columns={"date_earliest": "published", "headline": "title"})
    texts = articles.set_index("id")["text"]
    proposals = propose_all(articles)
    rows = [precision_recall(proposals[name], with_positions(load_table(name, data), texts)) for name in tables]
    return pd.DataFrame(rows, index=pd.Index(tables, name="table"))


def missed_and_extra(name: str, data=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the hand-coded rows no proposal overlaps, the proposals that overlap no hand-coded row) for one table."""
    articles = load_articles(data).rename(columns={"date_earliest": "published", "headline": "title"})
    texts = articles.set_index("id")["text"]
    proposed = propose_all(articles)[name]
    coded = with_positions(load_table(name, data), texts)
    return coded[~overlaps_any(coded, proposed)], proposed[~overlaps_any(proposed, coded)]
