"""claims.csv: each value matches its span, intervals follow the hedge convention, vocabularies hold."""
import re

import pandas as pd
import pytest

from newsreader import load_table

CLAIMS = load_table("claims")
QUANTITIES = {"capacity", "planned capacity", "capacity change", "population", "people transferred", "payment",
              "staff", "distance", "duration", "time outside the cell", "sentence length", "surveillance",
              "temperature", "land area", "count", "rank", "order", "opening year", "campaign start year",
              "year of a permit", "date", "prisons to build"}
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "double": 2, "doubling": 2, "one": 1, "first": 1,
         "largest": 1, "most": 1, "a year": 1, "hundreds": 200, "tens of thousands": 20000}


def written_values(span):
    digits = [float(d.replace(",", "")) for d in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", span)]
    millions = [v * 1_000_000 for v in digits] if "million" in span else []
    words = [value for word, value in WORDS.items() if re.search(rf"\b{word}\b", span, re.IGNORECASE)]
    return digits + millions + words


@pytest.mark.parametrize("row", list(CLAIMS.itertuples()), ids=list(CLAIMS["claim_id"]))
def test_value_is_written_in_its_span(row):
    assert row.value in written_values(row.span), (row.span, row.value)


def test_controlled_vocabularies():
    assert set(CLAIMS["quantity"]) <= QUANTITIES
    assert set(CLAIMS["attribution_type"]) <= {"reporter", "named person", "anonymous source", "other outlet"}


@pytest.mark.parametrize("hedge", ["about", "roughly", "approximately", "some"])
def test_approximate_hedges_span_ten_percent(hedge):
    rows = CLAIMS[CLAIMS["hedge"] == hedge]
    assert len(rows)
    assert ((rows["low"] - 0.9 * rows["value"]).abs() < 1e-6).all()
    assert ((rows["high"] - 1.1 * rows["value"]).abs() < 1e-6).all()


def test_lower_bounds_have_no_upper_bound():
    rows = CLAIMS[CLAIMS["hedge"].isin(["more than", "one of"])]
    assert (rows["low"] == rows["value"]).all() and rows["high"].isna().all()


def test_every_interval_contains_its_value():
    high = CLAIMS["high"].fillna(float("inf"))
    assert ((CLAIMS["low"] <= CLAIMS["value"]) & (CLAIMS["value"] <= high)).all()


def test_every_article_has_numbers_and_the_april_lede_rests_on_the_journal():
    assert CLAIMS["article_id"].nunique() == 5
    journal = CLAIMS[CLAIMS["attributed_to"] == "The Wall Street Journal"]
    assert set(journal["article_id"].str[:3]) == {"000", "001"}


def test_upstream_figures_load():
    upstream = load_table("upstream").set_index("upstream_id")
    assert upstream.loc["menafn-planned", "value"] / upstream.loc["menafn-start", "value"] == pytest.approx(16 / 3)
    assert pd.api.types.is_numeric_dtype(upstream["value"])
