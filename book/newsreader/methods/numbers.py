"""Numbers in a text: find them with a pattern, turn a hedge into an interval, compare two intervals."""
import math
import re

# Digits (with thousands separators, an optional dollar sign and "million"/"billion") or a number word.
NUMBER = (r"(?i)\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s(?:million|billion))?"
          r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|double|twice|half)\b")

# Quantities that are only kinds: a count of watchtowers and a count of implications are not the same thing, so
# rows of these kinds are never compared across articles.
KINDS = ("count", "duration", "order", "date")

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12}

KM_PER_MILE = 1.609344  # exact, by definition
HECTARES_PER_ACRE = 0.40468564224  # exact, by definition

# The book's convention (data/codebooks/claims.md): how each hedge turns a value into an interval (low, high).
APPROXIMATE = ("about", "roughly", "approximately", "some")  # the value ± 10 %
LOWER_BOUND = ("more than", "one of")  # "more than" also stands for "over" and "-plus"; no upper bound
VAGUE_RANGES = {"hundreds of": (200, 999), "tens of thousands": (20_000, 99_999)}


def find_numbers(text: str) -> list[re.Match]:
    """Every match of NUMBER in ``text``, in reading order."""
    return list(re.finditer(NUMBER, text))


def hedge_interval(value: float, hedge: str) -> tuple[float, float]:
    """The interval (low, high) that ``hedge`` makes of ``value``; ``high`` is inf when there is no upper bound.

    "up to" on a capacity or a maximum, "considered"/"believed" on a rank, and no hedge give the value itself.
    """
    if hedge in APPROXIMATE:
        return round(0.9 * value, 10), round(1.1 * value, 10)
    if hedge in LOWER_BOUND:
        return value, math.inf
    if hedge in VAGUE_RANGES:
        return VAGUE_RANGES[hedge]
    return value, value


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two intervals (low, high) overlap when each starts before the other ends: both could be true at once."""
    return a[0] <= b[1] and b[0] <= a[1]


def inside(start: int, end: int, spans) -> bool:
    """Whether the stretch ``start:end`` of a text lies within one of ``spans`` (pairs of positions)."""
    return any(span_start <= start and end <= span_end for span_start, span_end in spans)
