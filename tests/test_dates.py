"""newsreader.methods.dates: every rule on dates whose answer can be checked on a calendar, and no exception ever."""
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.methods.dates import (as_period, common_period, iso_period, possible_days, resolve_date,
                                      resolve_over)

D = pd.Timestamp
TUESDAY = "2025-02-04"  # 002 and 003 were published on Tuesday 4 February 2025
THURSDAY = "2025-04-17"  # 001 on Thursday 17 April 2025


@pytest.mark.parametrize("expression, published, expected", [
    ("Monday", TUESDAY, D("2025-02-03")),
    ("late Monday", TUESDAY, D("2025-02-03")),
    ("on Monday", THURSDAY, D("2025-04-14")),
    ("Tuesday", TUESDAY, D("2025-02-04")),  # the publication day itself
    ("last Tuesday", TUESDAY, D("2025-01-28")),
    ("yesterday", TUESDAY, D("2025-02-03")),
    ("last month", THURSDAY, (D("2025-03-01"), D("2025-03-31"))),
    ("last month", "2025-01-15", (D("2024-12-01"), D("2024-12-31"))),  # across the new year
    ("this month", THURSDAY, (D("2025-04-01"), D("2025-04-30"))),
    ("this weekend", TUESDAY, (D("2025-02-01"), D("2025-02-02"))),
    ("this weekend", "2025-02-08", (D("2025-02-08"), D("2025-02-09"))),  # published on the Saturday
    ("last weekend", "2025-02-08", (D("2025-02-01"), D("2025-02-02"))),
    ("last year", TUESDAY, (D("2024-01-01"), D("2024-12-31"))),
    ("last week", THURSDAY, (D("2025-04-07"), D("2025-04-13"))),
    ("earlier this week", "2025-04-16", (D("2025-04-14"), D("2025-04-15"))),
    ("earlier this week", TUESDAY, D("2025-02-03")),  # a single day is a day, not a period
    ("in March", THURSDAY, (D("2025-03-01"), D("2025-03-31"))),
    ("in March", "2025-09-01", (D("2025-03-01"), D("2025-03-31"))),
    ("in March", "2025-11-01", (D("2026-03-01"), D("2026-03-31"))),  # the nearest March lies ahead
    ("in December", "2025-01-10", (D("2024-12-01"), D("2024-12-31"))),  # the nearest December is last year's
    ("mid-March", THURSDAY, (D("2025-03-11"), D("2025-03-20"))),
    ("late March", THURSDAY, (D("2025-03-21"), D("2025-03-31"))),
    ("early 2023", THURSDAY, (D("2023-01-01"), D("2023-04-30"))),
    ("in 2023", THURSDAY, (D("2023-01-01"), D("2023-12-31"))),
    ("since 2019", THURSDAY, (D("2019-01-01"), D("2019-12-31"))),
    ("in March 2022", THURSDAY, (D("2022-03-01"), D("2022-03-31"))),
    ("February 3", "2025-02-05", D("2025-02-03")),
    ("3 February", "2025-02-05", D("2025-02-03")),
    ("February 4, 2025", TUESDAY, D("2025-02-04")),
    ("Monday (February 3)", "2025-02-05", D("2025-02-03")),
    ("February 29", "2025-01-10", D("2024-02-29")),  # only a leap year has one
    ("in recent weeks", "2025-04-16", (D("2025-03-05"), D("2025-04-16"))),
    ("a year later", "2022-03-01", D("2023-03-01")),
    ("two weeks earlier", TUESDAY, D("2025-01-21")),
    ("3 days ago", TUESDAY, D("2025-02-01")),
])
def test_resolves_against_the_publication_day(expression, published, expected):
    assert resolve_date(expression, published) == expected


@pytest.mark.parametrize("expression, published", [
    ("Tuesday (February 3)", TUESDAY),  # 3 February 2025 was a Monday: the text contradicts itself
    ("earlier this week", "2025-02-03"),  # nothing is earlier in the week than a Monday
    ("February 30", TUESDAY),
    ("recently", TUESDAY),  # too vague for a rule
    ("once", TUESDAY),
    ("", TUESDAY),
    ("Monday", "not a date"),
    ("Monday", None),
])
def test_unknown_or_impossible_gives_none(expression, published):
    assert resolve_date(expression, published) is None


def test_resolving_against_each_possible_publication_day():
    days = possible_days("2025-04-16", "2025-04-17")
    assert days == [D("2025-04-16"), D("2025-04-17")]
    assert resolve_over("earlier this week", days) == ((D("2025-04-14"), D("2025-04-16")), True)
    assert resolve_over("last month", days) == ((D("2025-03-01"), D("2025-03-31")), False)
    assert resolve_over("recently", days) is None


def test_common_period_is_what_every_mention_allows():
    week, monday = (D("2025-04-14"), D("2025-04-16")), (D("2025-04-14"), D("2025-04-14"))
    assert common_period([week, monday]) == monday
    assert common_period([monday, (D("2025-04-15"), D("2025-04-15"))]) is None
    assert common_period([]) is None


@pytest.mark.parametrize("text, expected", [
    ("2025-04-14", (D("2025-04-14"), D("2025-04-14"))),
    ("2025-03", (D("2025-03-01"), D("2025-03-31"))),
    ("2024", (D("2024-01-01"), D("2024-12-31"))),
    ("2025-02-01/2025-02-02", (D("2025-02-01"), D("2025-02-02"))),
    ("2025-03/2025-04", (D("2025-03-01"), D("2025-04-30"))),
    ("future", None),
    ("", None),
    ("2025-13", None),
])
def test_iso_period(text, expected):
    assert iso_period(text) == expected


def test_as_period():
    assert as_period(D("2025-02-03")) == (D("2025-02-03"), D("2025-02-03"))
    assert as_period(None) is None


@given(st.text(max_size=40), st.one_of(st.none(), st.text(max_size=20), st.dates().map(str), st.integers()))
def test_never_raises(expression, published):
    resolve_date(expression, published)


@given(st.dates(min_value=pd.Timestamp("1900-01-01").date(), max_value=pd.Timestamp("2100-12-31").date()),
       st.sampled_from(["Monday", "Friday", "last month", "last year", "earlier this week", "in recent weeks",
                        "last week", "last weekend", "yesterday"]))
def test_past_expressions_never_point_after_publication(published, expression):
    """News tells of the past: these expressions end on or before the publication day (or are None)."""
    period = as_period(resolve_date(expression, published))
    assert period is None or (period[0] <= period[1] <= pd.Timestamp(published))
