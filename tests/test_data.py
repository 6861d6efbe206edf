"""Data integrity across data/: unchanged articles, every table loadable (keys, article ids, verbatim spans)."""
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from newsreader import load_articles, load_table
from newsreader.tables import SCHEMAS

DATA = Path(__file__).resolve().parents[1] / "data"
NOT_HAND_CODED = {"articles", "cleaning_rules"}
TABLES = sorted(SCHEMAS)  # every known table: a deleted table fails its test, it does not drop it


def test_article_files_match_their_recorded_fingerprints():
    articles = pd.read_csv(DATA / "articles.csv", dtype=str)
    assert sorted(articles["file"]) == sorted(f"articles/{path.name}" for path in (DATA / "articles").iterdir())
    for row in articles.itertuples():
        assert hashlib.sha256((DATA / row.file).read_bytes()).hexdigest() == row.sha256


def test_unconfirmed_facts_are_marked_as_such():
    articles = load_articles().set_index("id")
    assert articles.loc["004_7fdfdde264136472", "outlet_status"] == "not confirmed"
    assert articles.loc["004_7fdfdde264136472", "outlet"] == ""
    assert set(articles["outlet_status"]) | set(articles["date_status"]) == {"confirmed", "not confirmed"}
    assert (articles["date_earliest"] <= articles["date_latest"]).all()


def test_a_range_of_dates_says_what_each_end_rests_on():
    """A note of a range justifies both its ends, not only its start: it names each end ("Earliest: 16 April 2025, ...",
    "Latest: ...") and says where it comes from."""
    articles = load_articles()
    for row in articles[articles["date_earliest"] != articles["date_latest"]].itertuples():
        for label, day in [("Earliest", row.date_earliest), ("Latest", row.date_latest)]:
            written = pd.Timestamp(day).strftime("%-d %B %Y")
            assert re.search(rf"{label}: {written}, \w+", row.date_note), (row.id, label, written)


def test_the_bibliography_gives_each_article_as_published():
    """Rendered by the book's style (not BibTeX's lower case, "El salvador", nor a doubled year, "4 February 2025,
    2025"), each article's title keeps its words and case, its year stands once, and a headline is the one in
    articles.csv."""
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    bibliography = parse_file(DATA.parent / "book" / "references.bib")
    style, text = find_plugin("pybtex.style.formatting", "plain")(), find_plugin("pybtex.backends", "text")()
    headlines = set(load_articles()["headline"])
    articles = {key for key, entry in bibliography.entries.items() if "book's corpus" in entry.fields.get("note", "")}
    assert len(articles) == 5
    for entry in style.format_bibliography(bibliography, articles):
        rendered, fields = entry.text.render(text), bibliography.entries[entry.key].fields
        title = fields["title"].replace("{", "").replace("}", "")
        assert title in rendered and rendered.split(" URL: ")[0].count(fields["year"]) == 1, rendered
        assert title in headlines or " (" in title, title  # a title that is not a headline says what it is


def test_every_csv_in_data_is_a_known_table():
    tables = {path.stem for path in DATA.glob("*.csv")} - NOT_HAND_CODED
    assert tables <= set(SCHEMAS), tables - set(SCHEMAS)


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_with_verbatim_spans_and_known_articles(name):
    table = load_table(name)
    assert len(table) > 0


def test_every_table_is_documented():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    codebooks = " ".join(path.read_text(encoding="utf-8") for path in (DATA / "codebooks").glob("*.md"))
    for name in TABLES:
        schema = SCHEMAS[name]
        assert f"{name}.csv" in readme
        documented = readme if name == "events" else codebooks
        for column in schema.columns:
            assert f"`{column}`" in documented, f"{name}.{column} is not documented"


WEEKDAYS = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"


def test_a_date_note_quotes_its_article_and_names_only_the_weekdays_it_writes():
    """A date note gives an article only the weekdays it writes (only 001 says "Monday" of 14 April, not 000). A weekday
    the article does not write must come with the article that does (its number)."""
    for row in load_articles().itertuples():
        for quoted in re.findall(r'"([^"]+)"', row.date_note):
            assert quoted in row.raw_text, (row.id, quoted)
        for weekday in set(re.findall(WEEKDAYS, row.date_note)) - set(re.findall(WEEKDAYS, row.text)):
            assert re.search(rf"\b(?!{row.id[:3]})\d{{3}}\b[^.;]*{weekday}", row.date_note), (row.id, weekday)
