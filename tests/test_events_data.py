"""events.csv: every resolved date is reproduced by code from the date as written and the publication day, the rows
resolved from an outside source are the listed ones, and the table agrees with the dates coded in claims.csv."""
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from newsreader import cleaning_log, load_articles, load_table, sentences
from newsreader.methods.dates import iso_period, possible_days, resolve_over

EVENTS = load_table("events").set_index("mention_id", drop=False)
CLAIMS = load_table("claims")
ARTICLES = load_articles().set_index("id")
REMOVED = cleaning_log(ARTICLES.reset_index())
README = (Path(__file__).resolve().parents[1] / "data" / "README.md").read_text(encoding="utf-8")

BY_RULE = EVENTS[EVENTS["resolved_by"] == "rule"]
# The only dates that no words of the article give: the Wall Street Journal's report, an outside fact.
FROM_OUTSIDE = ["000-e02", "001-e01"]


def period(row):
    return pd.Timestamp(row.resolved_start), pd.Timestamp(row.resolved_end)


def anchors(row):
    """The days a date is counted from: each possible publication day, or the period of another mention."""
    if row.counted_from == "publication":
        article = ARTICLES.loc[row.article_id]
        return possible_days(article["date_earliest"], article["date_latest"])
    return list(period(EVENTS.loc[row.counted_from]))


def test_vocabularies():
    assert set(EVENTS["resolved_by"]) == {"rule", "outside source"}
    assert set(EVENTS["date_found_in"]) <= {"span", "removed text", ""}
    assert set(EVENTS["depends_on_publication_day"]) <= {"yes", "no"}
    assert all(EVENTS["mention_id"].str[:3] == EVENTS["article_id"].str[:3])
    others = EVENTS.loc[EVENTS["counted_from"] != "publication", "counted_from"]
    assert set(others) <= set(EVENTS["mention_id"]) | {""}


def test_each_event_has_one_description():
    assert (EVENTS.groupby("event")["description"].nunique() == 1).all()


def test_resolved_from_outside_are_the_listed_rows():
    assert sorted(EVENTS.index[EVENTS["resolved_by"] == "outside source"]) == FROM_OUTSIDE
    for row in EVENTS.loc[FROM_OUTSIDE].itertuples():
        assert row.date_as_written == "" and row.date_found_in == "" and row.counted_from == ""
        assert "Outside fact (data/README.md)" in row.resolution
        start, end = period(row)
        assert start == end and f"{start.day} {start:%B %Y}" in README  # "16 April 2025"


@pytest.mark.parametrize("row", list(BY_RULE.itertuples()), ids=list(BY_RULE.index))
def test_date_as_written_is_where_the_row_says(row):
    if row.date_found_in == "span":
        assert row.date_as_written in row.span
    else:
        removed = REMOVED.loc[REMOVED["article_id"] == row.article_id, "removed_text"]
        assert row.date_found_in == "removed text" and any(row.date_as_written in text for text in removed)


@pytest.mark.parametrize("row", list(BY_RULE.itertuples()), ids=list(BY_RULE.index))
def test_resolution_is_reproduced_by_code(row):
    resolved = resolve_over(row.date_as_written, anchors(row))
    assert resolved is not None, f"no rule resolves {row.date_as_written!r}"
    (start, end), depends = resolved
    assert (start, end) == period(row)
    if row.counted_from == "publication":
        assert depends == (row.depends_on_publication_day == "yes")
    else:  # counted from another mention: it depends on the publication day only if that mention does
        assert row.depends_on_publication_day == EVENTS.loc[row.counted_from, "depends_on_publication_day"]


def positions(text, span):
    return [(m.start(), m.end()) for m in re.finditer(re.escape(span), text)]


def overlapping_mentions(claim):
    text = ARTICLES.loc[claim.article_id, "text"]
    mine = positions(text, claim.span)
    return [row for row in EVENTS[EVENTS["article_id"] == claim.article_id].itertuples()
            if any(a < d and c < b for a, b in mine for c, d in positions(text, row.span))]


DATED_CLAIMS = CLAIMS[CLAIMS["refers_to_date"].map(iso_period).notna()]


@pytest.mark.parametrize("claim", list(DATED_CLAIMS.itertuples()), ids=list(DATED_CLAIMS["claim_id"]))
def test_agrees_with_the_dates_of_claims(claim):
    """Every claim with a date (quantity `date`, and the years of an opening, a campaign, a permit, ...) contains the
    period of every event mention its span overlaps: no claim is dated more precisely than its own article's words allow
    (000's "earlier this week" is not the Monday that only 001 names). A claim may be coarser ("2025-03/2025-04" for six
    weeks). There is no exception."""
    claimed = iso_period(claim.refers_to_date)
    for row in overlapping_mentions(claim):
        start, end = period(row)
        assert claimed[0] <= start and end <= claimed[1], (claim.claim_id, row.mention_id)


def test_every_date_written_in_words_in_claims_is_a_mention_here():
    dates = CLAIMS[CLAIMS["quantity"] == "date"]
    unmatched = [claim.claim_id for claim in dates.itertuples() if not overlapping_mentions(claim)]
    assert unmatched == []


def sentence_of(row):
    return next(sentence for sentence in sentences(ARTICLES.loc[row.article_id, "text"]) if row.span in sentence)


def test_a_first_arrival_is_one_the_article_calls_first():
    """A first arrival is one the article calls first (not 000's "deported ... in recent weeks": 000 never says so)."""
    for row in EVENTS[EVENTS["description"].str.contains(r"\bfirst\b", case=False)].itertuples():
        assert re.search(r"\b(?:first|initial)\b", sentence_of(row), re.IGNORECASE), row.mention_id



def test_a_visit_is_an_event_only_of_an_article_that_mentions_the_visit():
    """An event described as a visit is a mention only of an article that speaks of the visit (004's "Rubio revealed on
    Monday (February 3)" is not one): it needs a sentence of the article that names the visitor and a visit."""
    for row in EVENTS[EVENTS["description"].str.contains(r"\bvisits\b")].itertuples():
        visitor = row.description.split(" visits ")[0].split()[-1]
        assert any(visitor in sentence and re.search(r"\bvisit", sentence)
                   for sentence in sentences(ARTICLES.loc[row.article_id, "text"])), row.mention_id

def differing_scope_words():
    """Single words by which the articles describe one quantity differently ("capacity" against "size")."""
    scopes = CLAIMS.groupby("quantity")["scope"].agg(set)
    return {scope for variants in scopes[scopes.map(len) > 1] for scope in variants if " " not in scope}


def test_an_event_is_described_without_one_articles_word_where_the_articles_differ():
    """An event's description does not take one article's word where the articles differ (the Journal's report is not
    described with 000's "double ... capacity", where 001 says "size")."""
    words = differing_scope_words()
    assert {"capacity", "size"} <= words
    for event, rows in EVENTS.groupby("event"):
        if rows["article_id"].nunique() > 1:
            used = set(re.findall(r"\w+", rows["description"].iloc[0].lower())) & words
            assert not used, (event, used)


DETAILS = {"tours": r"\btour", "signs": r"\bsign"}  # what a description may add to "visits", "agrees"


def test_an_events_shared_description_adds_no_detail_one_of_its_articles_lacks():
    """An event's description, shared by every mention, adds no detail that one of its articles lacks (noem-visit's is
    not "visits El Salvador and tours CECOT": 001 never says she toured the prison)."""
    for event, rows in EVENTS.groupby("event"):
        for word, pattern in DETAILS.items():
            if re.search(rf"\b{word}\b", rows["description"].iloc[0]):
                lacking = [article for article in rows["article_id"].unique()
                           if not re.search(pattern, ARTICLES.loc[article, "text"], re.IGNORECASE)]
                assert not lacking, (event, word, lacking)


PLACES = ["Oval Office", "White House", "Tecoluca", "San Salvador"]  # where the tables place remarks and the prison


@pytest.mark.parametrize("table", ["claims", "events", "sources", "entman"])
def test_a_place_the_tables_name_for_an_article_is_in_the_article(table):
    """A place is named in an article's words (000 says "the White House", not 001's "the Oval Office meeting"). A row's
    own words name a place only if its article does; an event's description, shared by every mention, only if every
    article that mentions the event does."""
    rows = load_table(table)
    for column in ["note", "scope", "description", "resolution"]:
        if column not in rows:
            continue
        for row in rows.itertuples():
            shared = column == "description"
            articles = set(rows.loc[rows["event"] == row.event, "article_id"]) if shared else {row.article_id}
            for place in PLACES:
                if place in getattr(row, column):
                    assert all(place in ARTICLES.loc[article, "text"] for article in articles), (row[1], column, place)


def test_chapter_5_counts_as_agreeing_only_the_dates_the_texts_own_words_give():
    """A date counts as agreeing only where the texts' own words give it, not where it comes from an outside source (the
    Journal's report) or from a reading of a rough phrase exactly (001's "a year later"). The rule of events.md ("When
    mentions agree") keeps the mentions resolved by rule from the publication day; the chapter's glue counts by it."""
    by_the_texts = EVENTS[(EVENTS["resolved_by"] == "rule") & (EVENTS["counted_from"] == "publication")]
    shared = by_the_texts.groupby("event")["article_id"].nunique().gt(1).sum()
    cells = json.loads((Path(__file__).resolve().parents[1] / "book" / "05-timeline-and-reuse.ipynb").read_text(
        encoding="utf-8"))["cells"]
    glued = {output["metadata"]["scrapbook"]["name"]: output["data"]["application/papermill.record/text/plain"]
             for cell in cells for output in cell.get("outputs", []) if "scrapbook" in output.get("metadata", {})}
    assert glued["timeline_shared_events"] == str(shared) and "wsj-report" not in by_the_texts["event"].to_list()
