"""The forms a student may reasonably write a right answer in, generated from a key.

``right_forms(key, decimals)`` gives (label, answer) pairs: a number as int, float or numpy scalar, rounded to the
stated precision or finer, or inside a one-element list, array or Series; a text in another case or with spaces
around it; a date in every unambiguous written form and as a date, datetime, Timestamp or numpy datetime; a list as a
tuple, set, array, Series, Index or dict keys, in any order, with its items in upper case, or inside a one-element
Series (what ``.loc[mask, column]`` gives for a cell that holds a list), and a list of one as its item alone; a single
value inside a one-element set; a dict as a Series, with numpy or float values, ids in upper case, and months
(``"2025-02"``) as a Timestamp, a Period, a month's name with or without its year, or without a leading zero.

Run it to count how many of them ``check`` accepts for every exercise of the book:
    .venv/bin/python tests/answer_forms.py
"""
import datetime
import math
import re
import sys
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import numpy as np
import pandas as pd

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def number_forms(key, decimals: int):
    value = float(key)
    rounded = round(value, decimals)
    forms = [("as computed", key), ("float at the stated precision", rounded),
             ("numpy float at the stated precision", np.float64(rounded)),
             ("one decimal finer", round(value, decimals + 1)), ("two decimals finer", round(value, decimals + 2)),
             ("one-element list", [rounded]), ("one-element array", np.array([rounded])),
             ("one-element Series", pd.Series([rounded], index=["x"])), ("one-element set", {rounded})]
    if decimals == 0 and value.is_integer():
        forms += [("int", int(value)), ("numpy int", np.int64(int(value))), ("float of a whole number", float(int(value)))]
    return forms


def date_forms(iso: str):
    day = datetime.date.fromisoformat(iso)
    return [("ISO", iso), ("day month year", f"{day.day} {day:%B %Y}"), ("month day, year", f"{day:%B} {day.day}, {day:%Y}"),
            ("weekday, day month year", f"{day:%A} {day.day} {day:%B %Y}"), ("short month", f"{day.day} {day:%b %Y}"),
            ("without leading zeros", f"{day.year}-{day.month}-{day.day}"), ("slashes", f"{day:%Y/%m/%d}"),
            ("date", day), ("datetime", datetime.datetime(day.year, day.month, day.day)), ("Timestamp", pd.Timestamp(day)),
            ("numpy datetime64", np.datetime64(iso)), ("one-element Series", pd.Series([pd.Timestamp(day)])),
            ("one-element set", {iso})]


def text_forms(key: str):
    return [("as given", key), ("upper case", key.upper()), ("spaces around", f"  {key} "),
            ("one-element list", [key]), ("one-element Series", pd.Series([key])), ("one-element set", {key})]


def list_forms(key: list):
    items = list(key)
    forms = [("list", items), ("reversed list", items[::-1]), ("tuple", tuple(items)), ("set", set(items)),
             ("numpy array", np.array(items, dtype=object)), ("numpy array of str", np.array(items)),
             ("Series", pd.Series(items)), ("Index", pd.Index(items)), ("dict keys", dict.fromkeys(items).keys()),
             ("items with spaces around", [f" {item} " for item in items]), ("items in upper case", [item.upper() for item in items]),
             ("a one-element Series holding the list", pd.Series([items], index=["x"]))]
    if len(items) == 1:
        forms.append(("the one item alone", items[0]))
    if items and all(ISO_DATE.fullmatch(item) for item in items):
        forms += [("DatetimeIndex", pd.DatetimeIndex(items)), ("Timestamps", [pd.Timestamp(item) for item in items]),
                  ("written out", [f"{pd.Timestamp(item).day} {pd.Timestamp(item):%B %Y}" for item in items])]
    return forms


def numpy_number(value):
    """A value as numpy holds it: an int64 for a whole number, else a float64."""
    return np.int64(value) if float(value).is_integer() else np.float64(value)


MONTH = re.compile(r"\d{4}-\d{2}")


def dict_forms(key: dict):
    forms = [("dict", dict(key)), ("Series", pd.Series(key)), ("numpy values", {k: numpy_number(v) for k, v in key.items()}),
             ("float values", {k: float(v) for k, v in key.items()}), ("reversed order", dict(reversed(list(key.items())))),
             ("keys in upper case", {k.upper(): v for k, v in key.items()})]
    if all(MONTH.fullmatch(k) for k in key):
        months = {k: pd.Period(k, freq="M") for k in key}
        forms += [(label, {written(months[k]): v for k, v in key.items()}) for label, written in (
            ("months as Timestamps", lambda month: month.to_timestamp()), ("months as Periods", lambda month: month),
            ("months by name and year", lambda month: month.strftime("%B %Y")),
            ("months by short name and year", lambda month: month.strftime("%b %Y")),
            ("months without a leading zero", lambda month: f"{month.year}-{month.month}"),
            ("months by name alone", lambda month: month.strftime("%B")))]
        forms.append(("months as a Series indexed by Periods", pd.Series(list(key.values()), index=pd.PeriodIndex(list(key), freq="M"))))
    return forms


def right_forms(key, decimals):
    """Every reasonable form of the right answer ``key`` (a number stated to ``decimals`` decimals)."""
    if isinstance(key, dict):
        return dict_forms(key)
    if isinstance(key, (list, tuple)):
        return list_forms(key)
    if isinstance(key, str):
        return date_forms(key) if ISO_DATE.fullmatch(key) else text_forms(key)
    return number_forms(key, decimals)


COMMON_WORDS = {"the", "and", "for", "not"}  # in a message's own sentences, not a key given away


def printed_forms(key, kind) -> list[str]:
    """How a key would look printed: a number at its stated precision and finer, each item of a list, each value of a
    dict. Not looked for, because every student sees them anyway: a choice among options the message lists (an
    article id, a frame's name, a story's article id), an article id in a list, a whole number under 100 (or a number rounded to one), a
    word of fewer than 3 letters or one that any English sentence may hold (COMMON_WORDS)."""
    if isinstance(key, dict):
        return [f"{k}': {v}" for k, v in key.items()] + [f"{k}: {v}" for k, v in key.items()]
    options = kind.record().get("options") or []
    if isinstance(key, list):
        return [item for item in key if not re.fullmatch(r"\d{3}_[0-9a-f]{16}", item) and len(item) > 2
                and item not in options and item not in COMMON_WORDS]
    if isinstance(key, str):
        return [] if options else [key]
    from newsreader.answers import MAX_DECIMALS

    value = float(key)
    if value.is_integer() and abs(value) < 100:
        return []
    forms = ({f"{value:.{d}f}" for d in range(kind.decimals, MAX_DECIMALS + 1)} | {repr(value)} |
             ({f"{value:,.0f}"} if value.is_integer() else set()))
    return sorted(form for form in forms if not re.fullmatch(r"\d{1,2}", form))  # 53.8 rounded to 54: as common


def printed_key(key, kind) -> list[str]:
    """A whole key as code or output would print it: a list in any order (as Python prints it, or joined), a dict or
    its pairs, a text, a number at its stated precision or finer. A single item of a list is not looked for: it is a
    value of a table every student reads; nor is a small whole number, too common to look for (see printed_forms)."""
    if isinstance(key, dict):
        pairs = [f"{k!r}: {v!r}" for k, v in key.items()]
        return [", ".join(pairs), ", ".join(sorted(pairs))]
    if isinstance(key, list):
        if len(key) < 2:  # its one item alone is a value of a table (a topic's name, say), as in any list
            return [repr(key)] if key else []
        orders = (list(key), sorted(key), sorted(key, reverse=True))
        return sorted({form for order in orders for form in (repr(order), repr(order)[1:-1], ", ".join(order))})
    if isinstance(key, str):
        return [] if kind.record().get("options") else [key]
    return printed_forms(key, kind)


def stands_in(form: str, text: str) -> bool:
    """True if ``form`` is in ``text`` (both case-folded) on its own: not inside a longer word or number."""
    return bool(re.search(rf"(?<![\w.]){re.escape(form)}(?![\w]|\.\d)", text)) if form in text else False


def decimals_of_kind(kind) -> int:
    """The precision an exercise states: the kind's ``decimals``, or (before it had one) from its tolerance."""
    if hasattr(kind, "decimals"):
        return kind.decimals
    tolerance = getattr(kind, "tolerance", getattr(getattr(kind, "number", None), "tolerance", 0))
    return max(0, math.ceil(-math.log10(2 * tolerance))) if tolerance else 0


def accepted(exercise_id, answer) -> bool:
    from newsreader import check

    out = StringIO()
    with redirect_stdout(out):
        check(exercise_id, answer)
    return out.getvalue().startswith("✓")


def count() -> tuple[int, int, list]:
    from newsreader.exercises import EXERCISES

    right, refused = 0, []
    for exercise_id, exercise in EXERCISES.items():
        if hasattr(exercise.kind, "assess") or exercise.id.endswith("coding"):
            continue  # a coding is never right or wrong
        for label, form in right_forms(exercise.key(), decimals_of_kind(exercise.kind)):
            if accepted(exercise_id, form):
                right += 1
            else:
                refused.append((exercise_id, label))
    return right, right + len(refused), refused


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "book"))
    right, total, refused = count()
    print(f"{right} of {total} right forms accepted")
    for exercise_id, label in refused:
        print(f"  refused: {exercise_id} ({label})")
