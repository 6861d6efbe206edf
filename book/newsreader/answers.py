"""How an answer is compared with the key: one class per kind of answer.

Each kind says what it expects (``expects``), finds a wrong type or shape before comparing
(``problem``), compares by content with a tolerance (``matches``), and explains a mismatch
without giving the answer away (``feedback``).
"""
import math
import numbers
from collections.abc import Mapping, Sequence, Set

import pandas as pd


def type_name(value) -> str:
    return type(value).__name__


def normalise(text: str) -> str:
    """Compare text without regard to case, surrounding spaces or curly vs straight quotes."""
    return " ".join(str(text).replace("’", "'").replace("“", '"').replace("”", '"').split()).casefold()


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class Number:
    """An int or float, equal to the key within ``tolerance`` (absolute)."""

    def __init__(self, tolerance=1e-6):
        self.tolerance = tolerance
        self.expects = "a number (int or float)"

    def problem(self, answer):
        if not is_number(answer):
            return f"expected {self.expects}, but got {type_name(answer)} {answer!r}"
        if not math.isfinite(answer):
            return f"expected a finite number, but got {answer!r}"
        return None

    def matches(self, answer, key) -> bool:
        return abs(answer - key) <= self.tolerance

    def feedback(self, answer, key) -> str:
        direction = "too high" if answer > key else "too low"
        return f"{answer!r} is {direction}."


class Choice:
    """One text answer; with ``options``, it must be one of them. Case and spacing do not matter."""

    def __init__(self, options=()):
        self.options = tuple(options)
        self.expects = "a string" + (f", one of {list(self.options)}" if self.options else "")

    def problem(self, answer):
        if not isinstance(answer, str):
            return f"expected {self.expects}, but got {type_name(answer)} {answer!r}"
        if self.options and normalise(answer) not in {normalise(option) for option in self.options}:
            return f"{answer!r} is not one of the options {list(self.options)}"
        return None

    def matches(self, answer, key) -> bool:
        return normalise(answer) == normalise(key)

    def feedback(self, answer, key) -> str:
        return f"{answer!r} is not the answer."


class TextSet:
    """A list, tuple or set of strings, compared as a set (order and case do not matter)."""

    expects = "a list or set of strings"

    def problem(self, answer):
        if isinstance(answer, str) or not isinstance(answer, (Sequence, Set)):
            return f"expected {self.expects}, but got {type_name(answer)} {answer!r}"
        not_text = [item for item in answer if not isinstance(item, str)]
        if not_text:
            return f"expected only strings in the collection, but found {not_text[0]!r}"
        return None

    def matches(self, answer, key) -> bool:
        return as_set(answer) == as_set(key)

    def feedback(self, answer, key) -> str:
        right = len(as_set(answer) & as_set(key))
        extra = len(as_set(answer) - as_set(key))
        return f"{right} of the {len(as_set(key))} expected items are there; {extra} item(s) should not be."


def as_set(items) -> set:
    return {normalise(item) for item in items}


class NumberByKey:
    """A dict or pandas Series mapping each key (e.g. an article id) to a number."""

    expects = "a dict or pandas Series from each key to a number"

    def __init__(self, tolerance=1e-6):
        self.number = Number(tolerance)

    def problem(self, answer):
        if not isinstance(answer, (Mapping, pd.Series)):
            return f"expected {self.expects}, but got {type_name(answer)}"
        not_numbers = [key for key, value in dict(answer).items() if not is_number(value)]
        if not_numbers:
            return f"expected a number for every key, but the value for {not_numbers[0]!r} is {dict(answer)[not_numbers[0]]!r}"
        return None

    def matches(self, answer, key) -> bool:
        return not self.feedback(answer, key)

    def feedback(self, answer, key) -> str:
        answer, key = dict(answer), dict(key)
        missing = sorted(set(key) - set(answer), key=str)
        extra = sorted(set(answer) - set(key), key=str)
        wrong = sorted((k for k in key if k in answer and not self.number.matches(answer[k], key[k])), key=str)
        parts = []
        if missing:
            parts.append(f"missing key(s) {missing}")
        if extra:
            parts.append(f"unexpected key(s) {extra}")
        if wrong:
            parts.append(f"the value is not right for {wrong}")
        return "; ".join(parts)


class Table:
    """A DataFrame with the given ``columns``, compared by content: row order and index do not matter."""

    def __init__(self, columns, tolerance=1e-6):
        self.columns = list(columns)
        self.tolerance = tolerance
        self.expects = f"a pandas DataFrame with columns {self.columns}"

    def problem(self, answer):
        if not isinstance(answer, pd.DataFrame):
            return f"expected {self.expects}, but got {type_name(answer)}"
        missing = [column for column in self.columns if column not in answer.columns]
        if missing:
            return f"the DataFrame is missing column(s) {missing} (it has {list(answer.columns)})"
        return None

    def matches(self, answer, key) -> bool:
        return not self.feedback(answer, key)

    def feedback(self, answer, key) -> str:
        if len(answer) != len(key):
            return f"expected {len(key)} rows, but got {len(answer)}"
        answer, key = self.sorted_rows(answer), self.sorted_rows(key)
        wrong = [column for column in self.columns if not self.same_column(answer[column], key[column])]
        return f"the values differ in column(s) {wrong}" if wrong else ""

    def sorted_rows(self, table):
        return table[self.columns].astype(object).sort_values(self.columns, key=lambda c: c.map(str)).reset_index(drop=True)

    def same_column(self, left, right) -> bool:
        return all(
            abs(a - b) <= self.tolerance if is_number(a) and is_number(b) else normalise(a) == normalise(b)
            for a, b in zip(left, right)
        )
