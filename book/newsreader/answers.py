"""How an answer is compared with the key: one class per kind of answer.

Each kind says what it expects (``expects``), finds a wrong type or shape before comparing
(``problem``), compares by content with a tolerance (``matches``), and explains a mismatch
without giving the answer away (``feedback``).
"""
import math
import numbers
import reprlib
from collections import Counter
from collections.abc import Mapping, Sequence, Set

import pandas as pd

from .text import folded as normalise

_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxdict = _short.maxset = _short.maxtuple = 6


def type_name(value) -> str:
    return type(value).__name__


def shown(value) -> str:
    """A short, plain rendering of any value for a message: numbers as numbers (not ``np.float64(...)``), and
    nothing longer than a line, however large the value."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"a whole number with {len(str(abs(int(value))))} digits"
    if is_number(value):
        return repr(int(value)) if isinstance(value, numbers.Integral) else repr(float(value))
    if hasattr(value, "shape"):  # a DataFrame, Series or array: its size says more than its first rows
        return f"a {type_name(value)} of shape {tuple(value.shape)}"
    try:
        return " ".join(_short.repr(value).split())
    except Exception:  # an object whose repr fails still gets a message
        return f"<{type_name(value)}>"


def described(value) -> str:
    """The type and a short rendering of a value, for "expected ..., but got ..." messages."""
    return shown(value) if hasattr(value, "shape") else f"{type_name(value)} {shown(value)}"


def is_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class Number:
    """An int or float, equal to the key within ``tolerance`` (absolute)."""

    def __init__(self, tolerance=1e-6):
        self.tolerance = tolerance
        self.expects = "a number (int or float)"

    def problem(self, answer):
        if not is_number(answer):
            return f"expected {self.expects}, but got {described(answer)}"
        try:
            finite = math.isfinite(answer)
        except OverflowError:
            return f"expected {self.expects} of a sensible size, but got one with {len(str(abs(int(answer))))} digits"
        if not finite:
            return f"expected a finite number, but got {shown(answer)}"
        return None

    def matches(self, answer, key) -> bool:
        return abs(float(answer) - key) <= self.tolerance + 1e-9  # 0.38 for 0.375 at a tolerance of 0.005

    def feedback(self, answer, key) -> str:
        direction = "too high" if answer > key else "too low"
        return f"{shown(answer)} is {direction}."


class Choice:
    """One text answer; with ``options``, it must be one of them. Case and spacing do not matter.

    ``options`` may be a function that computes them from the data: it is called only when an answer is checked,
    so that declaring an exercise never reads data/.
    """

    def __init__(self, options=()):
        self._options = options

    @property
    def options(self) -> tuple:
        return tuple(self._options() if callable(self._options) else self._options)

    @property
    def expects(self) -> str:
        return "a string" + (f", one of {list(self.options)}" if self._options else "")

    def problem(self, answer):
        if not isinstance(answer, str):
            return f"expected {self.expects}, but got {described(answer)}"
        options = self.options
        if options and normalise(answer) not in {normalise(option) for option in options}:
            return f"{shown(answer)} is not one of the options {list(options)}"
        return None

    def matches(self, answer, key) -> bool:
        return normalise(answer) == normalise(key)

    def feedback(self, answer, key) -> str:
        return f"{shown(answer)} is not the answer."


class TextSet:
    """A list, tuple or set of strings (or a pandas Series of them), compared as a set (order and case do not matter)."""

    expects = "a list or set of strings"

    def problem(self, answer):
        if isinstance(answer, (pd.Series, pd.Index)):
            answer = list(answer)
        if isinstance(answer, str) or not isinstance(answer, (Sequence, Set)):
            return f"expected {self.expects}, but got {described(answer)}"
        not_text = [item for item in answer if not isinstance(item, str)]
        if not_text:
            return f"expected only strings in the collection, but found {shown(not_text[0])}"
        repeated = sorted(item for item, count in Counter(answer).items() if count > 1)
        if repeated:
            return f"each item should appear once, but {shown(repeated[0])} appears more than once"
        return None

    def matches(self, answer, key) -> bool:
        return as_set(answer) == as_set(key)

    def feedback(self, answer, key) -> str:
        right = len(as_set(answer) & as_set(key))
        extra = len(as_set(answer) - as_set(key))
        message = f"{right} of the {len(as_set(key))} expected items are there; {extra} item(s) should not be."
        if as_set(answer) and as_set(answer) == {item[:3] for item in as_set(key)}:
            message += " Give the full ids (such as \"000_089c4aec78f3c403\"), not their first three digits."
        return message


def as_set(items) -> set:
    return {normalise(item) for item in list(items)}


class NumberByKey:
    """A dict or pandas Series mapping each key (e.g. an article id) to a number."""

    expects = "a dict or pandas Series from each key to a number"

    def __init__(self, tolerance=1e-6):
        self.number = Number(tolerance)

    def problem(self, answer):
        if not isinstance(answer, (Mapping, pd.Series)):
            return f"expected {self.expects}, but got {type_name(answer)}"
        for key, value in dict(answer).items():
            problem = self.number.problem(value)
            if problem:
                return f"the value for {shown(key)}: {problem}"
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
            parts.append(f"missing key(s) {shown(missing)}")
        if extra:
            parts.append(f"unexpected key(s) {shown(extra)}")
        if wrong:
            parts.append(f"the value is not right for {shown(wrong)}")
        return "; ".join(parts)
