"""How good is the proposer? Precision, recall and the share of right codes, against hand-coded tables.

A proposal **matches** a hand-coded row when both are in the same article and their spans overlap (share at least
one character). **Precision** is the share of proposals that match some hand-coded row; **recall** is the share of
hand-coded rows that some proposal matches. Overlap is generous, so each field is scored as well: every hand-coded
row found is paired with the proposal that overlaps it most, and a field is right when the two codes agree (numbers
equal, units by their last word in the singular, speakers by their words without titles and brackets or by the last
name; a claim's kind compares the proposal's quantity with the hand-coded kind).

Two hand-coded sets are measured the same way: the book's five CECOT articles (``data/``) and the evaluation set of
real news in ``evaluation/`` (its README says how it was made and coded). ``python3 tasks.py evaluate`` prints both.
"""
import math
import re
import sys
from pathlib import Path

import pandas as pd

from ..corpus import load_articles
from ..errors import DataError
from ..files import read_csv
from ..tables import load_table
from .contract import TABLES
from .folder import load_story
from .propose import propose_all

EVALUATION = Path(__file__).resolve().parents[3] / "evaluation"  # the evaluation set: a story folder plus gold/
SCORED = {  # per table, the fields scored on the pairs: (name shown, proposal column, gold column)
    "claims": [("value", "value", "value"), ("unit", "unit", "unit"), ("kind", "quantity", "kind"),
               ("hedge", "hedge", "hedge"), ("attribution", "attributed_to", "attributed_to")],
    "sources": [("speaker", "speaker_as_written", "speaker_as_written"), ("named", "named", "named"),
                ("kind", "kind", "kind")],
    "frames": [("frame", "frame", "frame")],
}
ALL_FOUR = ("value", "unit", "kind", "hedge")  # a claim whose four codes are all right needs no correction but its speaker
# The book codes what a number measures (data/codebooks/claims.md); the proposer can only propose its kind.
KIND_OF_QUANTITY = {"capacity": "count", "planned capacity": "count", "population": "count",
                    "people transferred": "count", "staff": "count", "prisons to build": "count",
                    "capacity change": "factor", "payment": "money", "distance": "length", "land area": "area",
                    "time outside the cell": "duration", "sentence length": "duration", "surveillance": "duration",
                    "opening year": "year", "campaign start year": "year", "year of a permit": "year"}
TITLES = {"sen", "rep", "gov", "col", "lt", "sgt", "gen", "mr", "mrs", "ms", "dr", "president", "former", "vice",
          "secretary", "of", "state", "sheriff", "mayor", "first", "lady", "base", "spokesman", "press", "white",
          "house", "pentagon", "the", "a", "an"}


# Matching ---------------------------------------------------------------------------------------------------------

def with_positions(table: pd.DataFrame, texts: pd.Series) -> pd.DataFrame:
    """``table`` with the ``start`` and ``end`` of each span in its article (the first occurrence: hand-coded spans
    are long enough to be unique)."""
    starts = [texts[row.article_id].find(row.span) for row in table.itertuples()]
    return table.assign(start=starts, end=[start + len(span) for start, span in zip(starts, table["span"])])


def best_overlaps(rows: pd.DataFrame, others: pd.DataFrame) -> pd.Series:
    """For each row, the index of the row of ``others`` (same article) whose span overlaps it most, or None."""
    by_article = {article: list(zip(group.index, group["start"], group["end"]))
                  for article, group in others.groupby("article_id")}
    best = []
    for article, start, end in zip(rows["article_id"], rows["start"], rows["end"]):
        shared = [(min(end, o_end) - max(start, o_start), index)
                  for index, o_start, o_end in by_article.get(article, []) if o_start < end and start < o_end]
        best.append(max(shared)[1] if shared else None)
    return pd.Series(best, index=rows.index, dtype=object)


def overlaps_any(rows: pd.DataFrame, others: pd.DataFrame) -> pd.Series:
    """For each row, whether its span overlaps the span of a row of ``others`` in the same article."""
    return best_overlaps(rows, others).notna()


def precision_recall(proposed: pd.DataFrame, coded: pd.DataFrame) -> dict:
    """Counts, precision and recall of ``proposed`` against ``coded`` (both with article_id, start, end)."""
    proposals_matched = int(overlaps_any(proposed, coded).sum())
    coded_found = int(overlaps_any(coded, proposed).sum())
    return {"proposed": len(proposed), "hand-coded": len(coded), "proposals that match": proposals_matched,
            "hand-coded rows found": coded_found, "precision": share(proposals_matched, len(proposed)),
            "recall": share(coded_found, len(coded))}


def share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


# Comparing codes --------------------------------------------------------------------------------------------------

def same_code(field: str, proposed, coded) -> bool:
    """Whether a proposed code says what the hand-coded one says (the rules of the module docstring)."""
    if field == "value":
        return same_number(proposed, coded)
    if field == "unit":
        return unit_key(proposed) == unit_key(coded)
    if field in ("speaker", "attribution"):
        return same_speaker(str(proposed), str(coded))
    return str(proposed).strip().lower() == str(coded).strip().lower()


def same_number(proposed, coded) -> bool:
    """Equal numbers, or both missing (a date in words has no value)."""
    a, b = as_number(proposed), as_number(coded)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def as_number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def unit_key(unit) -> str:
    """"US dollars per year" -> "dollar", "rank (world)" -> "rank", "Jobs" -> "job": the last word, singular."""
    words = re.sub(r"\(.*?\)|\bper\b.*", "", str(unit).lower()).split()
    last = words[-1] if words else ""
    return last[:-1] if last.endswith("s") and not last.endswith("ss") else last


def speaker_key(speaker: str) -> list[str]:
    """The words that identify a speaker: the name a pronoun was resolved to, without titles, brackets or articles."""
    inside = re.search(r"\[(.+?)\]", speaker)
    words = re.findall(r"[\w'’.-]+", (inside.group(1) if inside else speaker).lower().replace("’", "'"))
    return [word.strip(".") for word in words if word.strip(".") not in TITLES] or words


def same_speaker(proposed: str, coded: str) -> bool:
    """Right when the words agree, or the last words (a surname, a group's noun) do; "(is believed)" and
    "(believed)" both say that no one is named."""
    if proposed.startswith("(") and coded.startswith("("):
        return True
    a, b = speaker_key(proposed), speaker_key(coded)
    return bool(a) and bool(b) and (a == b or a[-1] == b[-1])


def field_scores(proposed: pd.DataFrame, coded: pd.DataFrame, name: str) -> dict:
    """For each field of ``name``, the share of the hand-coded rows found whose paired proposal has it right."""
    pairs = best_overlaps(coded, proposed)
    found = coded[pairs.notna()]
    partner = proposed.loc[pairs.dropna().tolist()].reset_index(drop=True)
    right = {field: pd.Series([same_code(field, p, c) for p, c in zip(partner[p_col], found[c_col])], dtype=bool)
             for field, p_col, c_col in SCORED[name]}
    scores = {field: right[field].mean() if len(found) else float("nan") for field in right}
    if name == "claims":
        scores["value, unit, kind and hedge"] = (pd.concat([right[f] for f in ALL_FOUR], axis=1).all(axis=1).mean()
                                                 if len(found) else float("nan"))
    if name == "frames":
        framed = (partner["frame"] != "other").to_numpy()  # the keyword dictionary found a keyword
        scores["frame, where a keyword was found"] = right["frame"][framed].mean() if framed.any() else float("nan")
    if name == "sources":
        anonymous = (found["speaker_type"] == "anonymous").to_numpy()
        proposed_anonymous = (partner["speaker_type"] == "anonymous").to_numpy()
        scores["anonymous found"] = share(int((anonymous & proposed_anonymous).sum()),
                                          int((coded["speaker_type"] == "anonymous").sum()))
    return scores


def spans_found_once(proposed: pd.DataFrame, texts: pd.Series) -> float:
    """The share of proposed spans that occur exactly once in their article, so that a reader can find them."""
    return share(sum(texts[row.article_id].count(row.span) == 1 for row in proposed.itertuples()), len(proposed))


def scores(proposals: dict, gold: dict, texts: pd.Series) -> pd.Series:
    """Every figure for one set of articles: per table, precision ("real"), recall, each field, spans found once."""
    figures = {}
    for name, coded in gold.items():
        proposed = proposals[name][proposals[name]["article_id"].isin(texts.index)]
        counts = precision_recall(proposed, coded)
        figures[(name, "real (precision)")] = counts["precision"]
        figures[(name, "found (recall)")] = counts["recall"]
        figures.update({(name, field): value for field, value in field_scores(proposed, coded, name).items()})
        figures[(name, "span found once")] = spans_found_once(proposed, texts)
        figures[(name, "hand-coded rows")] = len(coded)
    return pd.Series(figures)


# The two hand-coded sets ------------------------------------------------------------------------------------------

def book_articles(data=None) -> pd.DataFrame:
    """The book's cleaned articles in the toolkit's format (id, published, title, text)."""
    return load_articles(data).rename(columns={"date_earliest": "published", "headline": "title"})


def book_gold(texts: pd.Series, data=None) -> dict:
    """The book's hand-coded claims, sources and frames with span positions, claims with the kind of their quantity."""
    claims = load_table("claims", data)
    claims = claims.assign(kind=claims["quantity"].map(lambda quantity: KIND_OF_QUANTITY.get(quantity, quantity)))
    return {"claims": with_positions(claims, texts), "sources": with_positions(load_table("sources", data), texts),
            "frames": with_positions(load_table("frames", data), texts)}


def evaluation_gold(texts: pd.Series, folder: Path = EVALUATION) -> dict:
    """The evaluation set's gold tables with span positions (its claims' ``quantity`` is already a kind)."""
    gold = {name: read_csv(folder / "gold" / f"{name}.csv", ("article_id", "span")) for name in SCORED}
    gold["claims"] = gold["claims"].rename(columns={"quantity": "kind"})
    return {name: with_positions(table, texts) for name, table in gold.items()}


PARTS = {  # the parts of the evaluation set that are hand-coded, and what each says about the proposer
    "dev": "the rules were tuned on it",
    "held-out": "the rules were never tuned on it",
    "trial": "a reviewer's trial; the rules were fixed for the problems it showed",
}


def evaluation_table(folder: Path = EVALUATION, data=None) -> pd.DataFrame:
    """Every figure, side by side: the book's five articles, the evaluation set's coded articles together, and each
    part of them (``PARTS``)."""
    book = book_articles(data)
    book_texts = book.set_index("id")["text"]
    story = load_story(folder)
    texts = story.articles.set_index("id")["text"]
    parts = story.articles.set_index("id")["part"]
    gold = evaluation_gold(texts, folder)
    proposals = propose_all(story.articles)
    columns = {"book (CECOT)": scores(propose_all(book), book_gold(book_texts, data), book_texts)}
    for label, wanted in (("real news", tuple(PARTS)), *((f"{part} part", (part,)) for part in PARTS)):
        ids = parts[parts.isin(wanted)].index
        part_gold = {name: table[table["article_id"].isin(ids)] for name, table in gold.items()}
        columns[f"{label} ({len(ids)} articles)"] = scores(proposals, part_gold, texts[ids])
    table = pd.DataFrame(columns)
    table.index.names = ["table", "measure"]
    return table


def proposer_against_the_book(tables=("claims", "sources"), data=None) -> pd.DataFrame:
    """Run the proposer on the book's cleaned articles and measure it against the hand-coded tables in data/:
    one row per table, with counts, precision and recall."""
    articles = book_articles(data)
    texts = articles.set_index("id")["text"]
    proposals = propose_all(articles)
    rows = [precision_recall(proposals[name], with_positions(load_table(name, data), texts)) for name in tables]
    return pd.DataFrame(rows, index=pd.Index(tables, name="table"))


def missed_and_extra(name: str, data=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the hand-coded rows no proposal overlaps, the proposals that overlap no hand-coded row) for one table."""
    if name not in TABLES:
        raise DataError(f'missed_and_extra("{name}"): no such table; give one of {", ".join(TABLES)}')
    articles = book_articles(data)
    texts = articles.set_index("id")["text"]
    proposed = propose_all(articles)[name]
    coded = with_positions(load_table(name, data), texts)
    return coded[~overlaps_any(coded, proposed)], proposed[~overlaps_any(proposed, coded)]


def shown(table: pd.DataFrame) -> pd.DataFrame:
    """The table as printed: shares as whole percentages, counts as counts."""
    counts = table.index.get_level_values("measure") == "hand-coded rows"
    return table.apply(lambda column: [f"{value:.0f}" if is_count else "–" if pd.isna(value) else f"{value:.0%}"
                                       for value, is_count in zip(column, counts)])


def main() -> int:
    """``python3 tasks.py evaluate``: print every figure for the book's articles and the evaluation set."""
    with pd.option_context("display.width", 160, "display.max_rows", 100):
        print(shown(evaluation_table()).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
