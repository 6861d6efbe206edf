"""Dates written in words: resolve "last month" or "late Monday" against the day an article was published.

``resolve_date(expression, published)`` returns a day (a pandas Timestamp), a period ``(start, end)`` (both days
included), or None when the expression is not one the rules below know. It never raises.

The rules are the book's conventions (data/codebooks/events.md), written for news reports, which tell of the past:

- a weekday ("Monday", "on Monday", "late Monday") is the latest such day on or before the publication day;
- "last month", "last year", "last week" are the whole calendar month, year or week (Monday to Sunday) before;
- "this weekend" is the weekend of the publication day if it falls on a weekend, else the latest weekend before it;
- "earlier this week" runs from the Monday of the publication week to the day before publication;
- a month or a day without a year ("in March", "February 3") is the one nearest the publication day;
- "in recent weeks" is the RECENT_WEEKS weeks up to the publication day;
- "early", "mid" and "late" narrow a month to its first, second or last third ("mid-March" is 11 to 20 March)
  and a year to its first, second or last four months; a day stays a day ("late Monday" is that Monday);
- "since 2019" is the period in which the state began: 2019;
- "a year later", "two weeks earlier", "three days ago" are counted from the anchor, which for "later" and
  "earlier" is usually another date in the text rather than the publication day.
"""
import re

import pandas as pd

from .numbers import NUMBER_WORDS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
AMOUNTS = {"a": 1, "an": 1, **NUMBER_WORDS}  # "a year later" counts one year
RECENT_WEEKS = 6  # the book's convention for "in recent weeks"
PREPOSITIONS = ("on", "in", "since", "during", "of")  # words that introduce a date without changing it
PARTS = ("early", "mid", "late")

DAY = pd.Timedelta(days=1)
WEEKDAY = "(" + "|".join(WEEKDAYS) + ")"
MONTH = "(" + "|".join(MONTHS) + ")"


def resolve_date(expression, published):
    """The day or period ``expression`` names, read on the day ``published``; None if the rules do not know it."""
    try:
        anchor = pd.Timestamp(published)
        if pd.isna(anchor):
            return None
        anchor = anchor.normalize()
        part, words = split_part(normalise(expression))
        for pattern, rule in RULES:
            match = re.fullmatch(pattern, words)
            if match:
                return narrow(rule(anchor, *match.groups()), part)
    except (ValueError, TypeError, OverflowError):
        return None
    return None


def normalise(expression: str) -> str:
    """Lower-case words and numbers only, without a leading preposition: "on Monday (February 3)" -> "monday february 3"."""
    words = re.sub(r"[^a-z0-9]+", " ", str(expression).lower()).split()
    while words and words[0] in PREPOSITIONS:
        words = words[1:]
    return " ".join(words)


def split_part(words: str) -> tuple[str, str]:
    """("late", "march") from "late march": the part of a period that a leading early/mid/late names."""
    first, _, rest = words.partition(" ")
    if first in PARTS and rest:
        return first, rest
    return "", words


def as_result(start, end):
    """A single day as a Timestamp, a longer period as (start, end)."""
    return start if start == end else (start, end)


def as_period(resolved):
    """Any result of ``resolve_date`` as (start, end); None stays None."""
    if resolved is None:
        return None
    if isinstance(resolved, tuple):
        return resolved
    return resolved, resolved


# Periods ----------------------------------------------------------------------------------------------------------

def whole_month(year: int, month: int):
    start = pd.Timestamp(year=year, month=month, day=1)
    return start, start + pd.offsets.MonthEnd(0)


def whole_year(year: int):
    return pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31)


def week_of(day):
    """Monday to Sunday of the week that contains ``day``."""
    monday = day - pd.Timedelta(days=day.weekday())
    return monday, monday + pd.Timedelta(days=6)


def nearest(candidates, anchor):
    """The period among ``candidates`` closest to ``anchor`` (the earlier one on a tie: news tells of the past)."""
    def distance(period):
        start, end = period
        return max(start - anchor, anchor - end, pd.Timedelta(0))
    return min(candidates, key=lambda period: (distance(period), period[0]))


def narrow(resolved, part: str):
    """The early, mid or late third of a whole month or year; anything else is returned unchanged."""
    if not part or not isinstance(resolved, tuple):
        return resolved
    start, end = resolved
    thirds = None
    if (start, end) == whole_month(start.year, start.month):
        thirds = [(start, start + 9 * DAY), (start + 10 * DAY, start + 19 * DAY), (start + 20 * DAY, end)]
    elif (start, end) == whole_year(start.year):
        thirds = [(whole_month(start.year, first)[0], whole_month(start.year, first + 3)[1]) for first in (1, 5, 9)]
    return as_result(*thirds[PARTS.index(part)]) if thirds else resolved


# Rules: (pattern over normalised words, function of the anchor and the pattern's groups) ------------------------

def weekday_on_or_before(anchor, weekday):
    return anchor - pd.Timedelta(days=(anchor.weekday() - WEEKDAYS.index(weekday)) % 7)


def weekday_before(anchor, weekday):
    return weekday_on_or_before(anchor - DAY, weekday)


def dated_weekday(anchor, weekday, month, day, year=None):
    """"Monday (February 3)": the date, provided it falls on that weekday; otherwise the text contradicts itself."""
    date = day_in_month(anchor, month, day, year)
    return date if WEEKDAYS[date.weekday()] == weekday else None


def day_in_month(anchor, month, day, year=None):
    month_number, day_number = MONTHS.index(month) + 1, int(day)
    if year is not None:
        return pd.Timestamp(year=int(year), month=month_number, day=day_number)
    candidates = []
    for year_number in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            date = pd.Timestamp(year=year_number, month=month_number, day=day_number)
        except ValueError:  # 29 February exists only in leap years
            continue
        candidates.append((date, date))
    return nearest(candidates, anchor)[0]


def month_nearest(anchor, month):
    number = MONTHS.index(month) + 1
    return as_result(*nearest([whole_month(anchor.year + offset, number) for offset in (-1, 0, 1)], anchor))


def this_weekend(anchor):
    saturday = weekday_on_or_before(anchor, "saturday")
    return saturday, saturday + DAY


def last_weekend(anchor):
    saturday = weekday_before(week_of(anchor)[0], "saturday")
    return saturday, saturday + DAY


def earlier_this_week(anchor):
    monday = week_of(anchor)[0]
    return as_result(monday, anchor - DAY) if anchor > monday else None


def shifted_month(anchor, months):
    first = anchor.replace(day=1) + pd.DateOffset(months=months)
    return whole_month(first.year, first.month)


def counted(anchor, number, unit, direction):
    """"a year later", "two weeks earlier", "three days ago": one day, counted from the anchor."""
    amount = AMOUNTS[number] if number in AMOUNTS else int(number)
    offset = pd.DateOffset(**{unit + "s": amount})
    return anchor + offset if direction in ("later", "after") else anchor - offset


RULES = [
    (r"today", lambda anchor: anchor),
    (r"yesterday", lambda anchor: anchor - DAY),
    (r"tomorrow", lambda anchor: anchor + DAY),
    (WEEKDAY, weekday_on_or_before),
    (rf"last {WEEKDAY}", weekday_before),
    (rf"{WEEKDAY} {MONTH} (\d{{1,2}})", dated_weekday),
    (rf"{WEEKDAY} {MONTH} (\d{{1,2}}) (\d{{4}})", dated_weekday),
    (rf"{WEEKDAY} (\d{{1,2}}) {MONTH}", lambda anchor, weekday, day, month: dated_weekday(anchor, weekday, month, day)),
    (rf"{MONTH} (\d{{1,2}}) (\d{{4}})", lambda anchor, month, day, year: day_in_month(anchor, month, day, year)),
    (rf"(\d{{1,2}}) {MONTH} (\d{{4}})", lambda anchor, day, month, year: day_in_month(anchor, month, day, year)),
    (rf"{MONTH} (\d{{1,2}})", day_in_month),
    (rf"(\d{{1,2}}) {MONTH}", lambda anchor, day, month: day_in_month(anchor, month, day)),
    (rf"{MONTH} (\d{{4}})", lambda anchor, month, year: whole_month(int(year), MONTHS.index(month) + 1)),
    (MONTH, month_nearest),
    (r"(\d{4})", lambda anchor, year: whole_year(int(year))),
    (r"this week", week_of),
    (r"earlier this week", earlier_this_week),
    (r"last week", lambda anchor: week_of(anchor - pd.Timedelta(days=7))),
    (r"next week", lambda anchor: week_of(anchor + pd.Timedelta(days=7))),
    (r"this weekend", this_weekend),
    (r"last weekend", last_weekend),
    (r"this month", lambda anchor: shifted_month(anchor, 0)),
    (r"earlier this month", lambda anchor: as_result(anchor.replace(day=1), anchor - DAY) if anchor.day > 1 else None),
    (r"last month", lambda anchor: shifted_month(anchor, -1)),
    (r"next month", lambda anchor: shifted_month(anchor, 1)),
    (r"this year", lambda anchor: whole_year(anchor.year)),
    (r"last year", lambda anchor: whole_year(anchor.year - 1)),
    (r"next year", lambda anchor: whole_year(anchor.year + 1)),
    (r"recent weeks", lambda anchor: (anchor - pd.Timedelta(weeks=RECENT_WEEKS), anchor)),
    (r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+) (day|week|month|year)s? "
     r"(later|after|earlier|before|ago)", counted),
]


# Several possible publication days -------------------------------------------------------------------------------

def possible_days(earliest, latest) -> list:
    """Every day from ``earliest`` to ``latest`` (an article whose publication day is known only as a range)."""
    return list(pd.date_range(earliest, latest, freq="D"))


def resolve_over(expression, anchors):
    """Resolve ``expression`` against each anchor: ((start, end) spanning every result, whether they differ).

    None if the expression cannot be resolved against one of the anchors.
    """
    periods = [as_period(resolve_date(expression, anchor)) for anchor in anchors]
    if not periods or any(period is None for period in periods):
        return None
    start, end = min(p[0] for p in periods), max(p[1] for p in periods)
    return (start, end), len(set(periods)) > 1


def iso_period(text: str):
    """(start, end) of an ISO date or period as the tables write it: "2025-03-12", "2025-03", "2024",
    "2025-02-01/2025-02-02" or "2025-03/2025-04". None for anything else (an empty cell, "future")."""
    pieces = str(text).strip().split("/")
    if len(pieces) > 2 or not all(re.fullmatch(r"\d{4}(-\d{2}){0,2}", piece) for piece in pieces):
        return None
    try:
        first, last = iso_bounds(pieces[0]), iso_bounds(pieces[-1])
    except ValueError:
        return None
    return first[0], last[1]


def iso_bounds(piece: str):
    parts = [int(number) for number in piece.split("-")]
    if len(parts) == 1:
        return whole_year(parts[0])
    if len(parts) == 2:
        return whole_month(*parts)
    day = pd.Timestamp(year=parts[0], month=parts[1], day=parts[2])
    return day, day


def common_period(periods):
    """The period that every one of ``periods`` (pairs start, end) allows: the latest start to the earliest end.

    None when they do not overlap: the texts then disagree about the date.
    """
    periods = list(periods)
    if not periods:
        return None
    start, end = max(p[0] for p in periods), min(p[1] for p in periods)
    return (start, end) if start <= end else None
