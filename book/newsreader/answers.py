"""How a student's answer is read and compared with a key that is known only by its salted digests.

Each kind of answer (a number, a text, a date, a list of items, numbers by key) does three things:

- ``read(answer)``: the answer in one canonical form, whatever reasonable form the student wrote it in (a numpy array,
  Series or Index for a list; "31 January 2025", a ``date`` or a ``Timestamp`` for a date; a one-element Series for one
  value), or ``Unreadable`` with a message that says what to change;
- ``seal(value, sealer)``: a key or a declared mistake as salted digests of that canonical form: each item of a list
  and each value of a dict separately, so that feedback can count items; a number only at the precision the prompt
  states (both ways when the value sits on a half), so that no digest gives a key away digit by digit. No key can be
  read back; one with few possible values can be found by trying them, as with check() itself;
- ``agrees(reading, sealed, sealer)``: whether a read answer agrees with sealed digests, and ``feedback`` when it
  agrees with neither the key nor a declared mistake: what to check next, never the answer, and never "too high" or
  "too low" (which would let a student home in on a number).

A kind turns into a plain record (``record()``) and back, so that the student edition carries it without the code
that computes keys (``newsreader.keys``).
"""
import calendar
import datetime
import hashlib
import math
import numbers
import re
import reprlib
from collections import Counter
from collections.abc import KeysView, Mapping, Set, ValuesView
from dataclasses import dataclass, fields, is_dataclass
from decimal import ROUND_FLOOR, Decimal

import numpy as np
import pandas as pd

from .text import folded

CORRECT, NOT_YET, NOT_ATTEMPTED, CODED = "correct", "not yet", "not attempted", "coded"
MAX_DECIMALS = 6  # answers are compared to at most this many decimals
HALF_MARGIN = Decimal("1e-6")  # a value this close to a half is taken to round both ways

_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxdict = _short.maxset = _short.maxtuple = 6


class Unreadable(Exception):
    """An answer that cannot be read as its kind expects; the message says what to change."""


@dataclass(frozen=True)
class Reading:
    """An answer in its canonical form, and a note for the student on the form it came in ("" if none)."""

    value: object
    note: str = ""


@dataclass(frozen=True)
class Sealer:
    """Salted digests (to compare) and sealed texts (to open only when needed) for one exercise."""

    salt: str
    exercise_id: str

    def digest(self, text: str) -> str:
        return hashlib.sha256(f"{self.salt}\x1f{self.exercise_id}\x1f{text}".encode()).hexdigest()[:32]

    def seal(self, text: str, where: str) -> str:
        return self.xor(text.encode(), where).hex()

    def open(self, sealed: str, where: str) -> str:
        return self.xor(bytes.fromhex(sealed), where).decode()

    def xor(self, data: bytes, where: str) -> bytes:
        stream = hashlib.shake_256(f"{self.salt}\x1f{self.exercise_id}\x1f{where}".encode()).digest(len(data))
        return bytes(a ^ b for a, b in zip(data, stream))


# --- Messages ---------------------------------------------------------------------------------------------------

def type_name(value) -> str:
    return type(value).__name__


def shown(value) -> str:
    """A short, plain rendering of a value for a message: numbers as numbers (not ``np.float64(...)``), and nothing
    longer than a line, however large the value."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and abs(value) >= 10**15:
        return f"a whole number with {len(str(abs(int(value))))} digits"
    if is_number(value):
        return repr(int(value)) if isinstance(value, numbers.Integral) else repr(round(float(value), 12))  # 392.4, not 392.40000000000003
    if hasattr(value, "shape"):  # a DataFrame, Series or array: its size says more than its first rows
        return f"a {type_name(value)} of shape {tuple(value.shape)}"
    try:
        return " ".join(_short.repr(value).split())
    except Exception:  # an object whose repr fails still gets a message
        return f"<{type_name(value)}>"


def described(value) -> str:
    """What a value is, for "expected ..., but got ..." messages. Plain data is shown; any other object only by its
    type and fields, because an object (a result with an estimate, say) may hold the answer itself."""
    if isinstance(value, str):
        return f"the text {shown(value)}"
    names = getattr(value, "_fields", None) or ([f.name for f in fields(value)] if is_dataclass(value) else None)
    if not names and (hasattr(value, "shape") or isinstance(value, (type(None), bool, numbers.Number, list, tuple, set, dict))):
        return shown(value) if hasattr(value, "shape") else f"{type_name(value)} {shown(value)}"
    article = "an" if type_name(value)[:1].lower() in "aeiou" else "a"
    return f"{article} {type_name(value)}" + (f" with the fields {', '.join(names)}: pick the one the question asks for" if names else "")


def expected(expects: str, value, advice: str = "") -> str:
    """An "expected ..., but got ..." message that ends with what to do next."""
    what = described(value)
    return f"expected {expects}, but got {what}" + ("" if ": " in what else f": {advice or 'print it to see what it holds, and give ' + expects}")


def is_number(value) -> bool:
    return isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, (bool, np.bool_))


def unwrapped(answer) -> tuple[object, str]:
    """A one-element list, tuple, set, array, Series, Index or 1×1 DataFrame as its element, with a note on how to get
    the value itself; anything else as it is, with no note."""
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        return answer[0], one_element_note(answer, "[0]")
    if isinstance(answer, (set, frozenset)) and len(answer) == 1:
        return next(iter(answer)), "(your answer is a one-element set: next time, give the value itself, without the braces)"
    if isinstance(answer, pd.DataFrame) and answer.shape == (1, 1):
        return answer.iat[0, 0], one_element_note(answer, ".iat[0, 0]")
    if isinstance(answer, (np.ndarray, pd.Series, pd.Index)) and answer.size == 1 and answer.ndim == 1:
        return answer[0] if isinstance(answer, (np.ndarray, pd.Index)) else answer.iloc[0], one_element_note(answer, ".item()")
    return answer, ""


def one_element_note(container, how: str) -> str:
    return f"(your answer is a one-element {type_name(container)}: next time, {how} gives the value itself)"


CONTAINERS = (list, tuple, set, frozenset, np.ndarray, pd.Series, pd.Index, KeysView, ValuesView)


def container_name(value) -> str:
    """What a container is, in a student's words ("a list", "a pandas Series")."""
    names = {list: "a list", tuple: "a tuple", set: "a set", frozenset: "a set", np.ndarray: "a numpy array",
             pd.Series: "a pandas Series", pd.DataFrame: "a table (DataFrame)", dict: "a dict"}
    return next((name for kind, name in names.items() if isinstance(value, kind)),
                "a pandas Index" if isinstance(value, pd.Index) else f"a {type_name(value)}")


def several(value) -> bool:
    """A container of more than one value (a table, a list, an array, ...), which a question for one value cannot take."""
    return isinstance(value, pd.DataFrame) or (isinstance(value, (*CONTAINERS, Mapping)) and getattr(value, "ndim", 1) != 0
                                                and len(value) > 1)


def labelled_by_texts(value) -> bool:
    """A Series of numbers (or other non-texts) whose index holds texts: the names a question asks for are its index."""
    return (isinstance(value, pd.Series) and len(value) > 0 and all(isinstance(label, str) for label in value.index)
            and not any(isinstance(item, str) for item in value))


def empty_selection(expects: str) -> str:
    return (f"your answer is empty, where the question expects {expects}: if you selected rows with a condition, it kept "
            "none. Print the column's values (e.g. table[\"column\"].unique()) and compare them with the value you "
            "wrote, letter by letter: case, spelling and spaces count in a condition")


# --- The kinds ----------------------------------------------------------------------------------------------------

class Kind:
    """What every kind shares: a record, and how a read answer is judged against the key and the mistakes."""

    name = ""

    def record(self) -> dict:
        return {"name": self.name}

    def seal_key(self, value, sealer: Sealer) -> dict:
        """The key sealed: like a declared mistake, unless the kind needs more of the key for its feedback."""
        return self.seal(value, sealer)


class Number(Kind):
    """An int or float, stated to ``decimals`` decimal places; ``whole`` if it is a count."""

    name = "number"

    def __init__(self, decimals: int = 0, whole: bool = False):
        self.decimals, self.whole = decimals, whole

    def record(self) -> dict:
        return {**super().record(), "decimals": self.decimals, "whole": self.whole}

    @property
    def expects(self) -> str:
        if self.whole:
            return "a whole number (an int)"
        return f"a number (int or float) to {places(self.decimals)} or more" if self.decimals \
            else "a number (int or float), to the nearest whole number or finer"

    def read(self, answer) -> Reading:
        value, note = unwrapped(answer)
        if isinstance(value, str):
            raise Unreadable(number_text_problem(value, self.expects))
        if several(value):
            raise Unreadable(self.several_problem(value))
        if isinstance(value, (*CONTAINERS, Mapping)) and getattr(value, "ndim", 1) != 0 and len(value) == 0:
            raise Unreadable(empty_selection(self.expects))
        if not is_number(value):
            raise Unreadable(expected(self.expects, value))
        try:
            finite = math.isfinite(value)
        except OverflowError:
            raise Unreadable(f"expected {self.expects} of a sensible size, but got one with {len(str(abs(int(value))))} "
                             "digits: check what you computed") from None
        if not finite:
            raise Unreadable(f"expected a finite number, but got {shown(value)}: check for a division by zero, a missing "
                             "value, or a condition that keeps no row (the mean of nothing is nan; check the spelling "
                             "and case of the value you compare with)")
        if self.whole and not float(value).is_integer():
            raise Unreadable(f"expected a whole number (a count), but got {shown(value)}, which is not whole: count the "
                             "rows or items themselves (e.g. with len(...) or .sum() of a True/False column), not a share "
                             "or a mean")
        return Reading(value, note)

    def several_problem(self, value) -> str:
        """What to do with several values where one number is asked: never how many there are, which may be the
        answer (the number of words in a list of words)."""
        what = container_name(value)
        if isinstance(value, pd.Series) and value.isna().all():
            return (f"expected {self.expects}, but got a pandas Series of nan values: dividing one Series by another "
                    "pairs their values by index label, and two one-row Series with different labels give nan. Take "
                    "each value first, with .iloc[0] or .item(), then divide")
        if self.whole and isinstance(value, pd.DataFrame):
            return f"expected {self.expects}, but got a table (DataFrame): count its rows with len(...)"
        if self.whole and isinstance(value, (tuple, list)) and all(isinstance(item, (pd.DataFrame, list)) for item in value):
            return (f"expected {self.expects}, but got {what} of tables: take the one the question asks about (e.g. "
                    "first, second = ...) and count its rows with len(...)")
        items = list(value.values()) if isinstance(value, Mapping) else [] if isinstance(value, pd.DataFrame) else list(value)
        if self.whole and items and all(isinstance(item, str) for item in items):
            return f"expected {self.expects}, but got {what} of texts: count its items with len(...)"
        return (f"expected {self.expects}, but got {what} of several values: the answer is one number; select the one "
                "the question asks about (e.g. with .loc[...] or .item() after a condition), or compute it from them")

    def seal(self, value, sealer: Sealer, prefix: str = "") -> dict:
        number = self.read(value).value
        return {str(self.decimals): sorted(sealer.digest(prefix + end) for end in roundings(number, self.decimals))}

    def agrees(self, reading: Reading, sealed: dict, sealer: Sealer, prefix: str = "") -> bool:
        """At the stated precision: the answer rounded to it (28.0 for a key of 27.96 to 1 decimal agrees)."""
        ends = roundings(reading.value, self.decimals)
        return bool({sealer.digest(prefix + end) for end in ends} & set(sealed[str(self.decimals)]))

    def shortfall(self, reading: Reading) -> str:
        """What to change in a wrong answer given more coarsely than the prompt asks (without saying whether it is
        right at its own precision), or ""."""
        given, value = decimals_of(reading.value), reading.value
        if given >= self.decimals or value == 0 or not isinstance(value, numbers.Integral) and float(value).is_integer():
            return ""  # zero is exact at any precision; 28.0 may be 27.96 rounded to 1 decimal
        return (f"give {places(self.decimals)}: {shown(value)} is given to {places(given)} (round at the end, not on "
                f"the way). If {shown(value)} is what your exact value rounds to, it is not the value: check each step "
                "against the prompt.")

    def feedback(self, reading: Reading, sealed: dict, sealer: Sealer, prefix: str = "") -> str:
        value = reading.value
        if is_percentage(self, value, sealed, sealer, prefix):
            return "give it as a fraction between 0 and 1, not as a percentage: divide by 100."
        if shortfall := self.shortfall(reading):
            return shortfall
        precision = f" at {places(self.decimals)}" if self.decimals else ""
        if value == 0:
            return (f"0 is not the value{precision}. If a condition selected the rows you counted or added up, it kept "
                    "none: check the spelling and case of the value you compare with (print the column's values with "
                    f".unique()); hint({sealer.exercise_id!r}) gives the method.")
        rounding = ", and round only at the end, with the exact factors and constants the chapter gives" if self.decimals else ""
        return (f"{shown(value)} is not the value{precision}. Check each step against the prompt: which rows, which "
                f"column, which unit{rounding}; hint({sealer.exercise_id!r}) gives the method.")


def is_percentage(number: Number, value, sealed: dict, sealer: Sealer, prefix: str = "") -> bool:
    """A share given as a percentage: the value divided by 100 agrees with the sealed one."""
    return (not number.whole and 1 < abs(value) <= 100
            and number.agrees(Reading(float(as_decimal(value) / 100)), sealed, sealer, prefix))


def places(decimals: int) -> str:
    return f"{decimals} decimal place{'s' * (decimals != 1)}"


def number_text_problem(text: str, expects: str) -> str:
    bare = re.sub(r"[\s,%$€£]|[a-zA-Z°]+$", "", text)
    if re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", bare):
        return (f"expected {expects}, but got the text {shown(text)}: remove the quotes (and any unit or % sign) so "
                "that Python sees a number")
    return expected(expects, text)


def decimals_of(value) -> int:
    """How many decimals a number is written with (0.25: 2; 25.0: 0; 1/3: as many as are compared)."""
    if isinstance(value, numbers.Integral):
        return 0
    exponent = as_decimal(value).normalize().as_tuple().exponent
    return min(max(0, -exponent), MAX_DECIMALS)


def as_decimal(value) -> Decimal:
    """A number as a Decimal, from its shortest printed form: 0.1 is 0.1, not the binary 0.1000000000000000055..."""
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def roundings(value, decimals: int) -> list[str]:
    """``value`` rounded to ``decimals`` decimals, as "decimals:digits" (0.254 to 2 decimals: "2:25"); both ways when it
    sits on a half (0.125 to 2 decimals: 0.12 and 0.13)."""
    scaled = as_decimal(value).scaleb(decimals)
    floor = scaled.to_integral_value(rounding=ROUND_FLOOR)
    fraction = scaled - floor
    if abs(fraction - Decimal("0.5")) <= HALF_MARGIN:
        ends = [floor, floor + 1]
    else:
        ends = [floor + 1 if fraction > Decimal("0.5") else floor]
    return [f"{decimals}:{int(end)}" for end in ends]


class Single(Kind):
    """One value, compared by one digest of its canonical form."""

    tag = ""  # what the value is, so that equal texts of different kinds have different digests

    def seal(self, value, sealer: Sealer) -> dict:
        return {"text": sealer.digest(f"{self.tag}|{self.read(value).value}")}

    def agrees(self, reading: Reading, sealed: dict, sealer: Sealer) -> bool:
        return sealer.digest(f"{self.tag}|{reading.value}") == sealed["text"]


class Choice(Single):
    """One text; with ``options``, one of them. Case, spacing, quote style and surrounding punctuation do not matter.

    ``options`` may be a function that computes them from the data: it is called only when keys are compiled.
    """

    name, tag = "choice", "text"

    def __init__(self, options=()):
        self._options = options

    @property
    def options(self) -> list[str]:
        return list(self._options() if callable(self._options) else self._options)

    def record(self) -> dict:
        return {**super().record(), "options": self.options}

    @property
    def expects(self) -> str:
        return "a string" + (f", one of {options_shown(self.options)}" if self._options else "")

    def read(self, answer) -> Reading:
        if labelled_by_texts(answer):
            raise Unreadable(f"expected {self.expects}, but got a pandas Series of numbers whose index holds the names: "
                             "the name is in its index: take .index[0], or use .idxmax() or .idxmin() instead of sorting")
        value, note = unwrapped(answer)
        if several(value) and not self._options and isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
            raise Unreadable(f"expected one text ({self.expects}), but got {container_name(value)} of texts: if they "
                             "are the words of one passage, join them into one text with \" \".join(...)")
        if several(value):
            raise Unreadable(f"expected one text ({self.expects}), but got {container_name(value)} of several values: "
                             "select the one the question asks for; if your condition keeps more than one row, check it "
                             "(> or >=, == or !=), then take the one value with .item()")
        if not isinstance(value, str):
            raise Unreadable(expected(self.expects, value, "give one text" + (", one of the options" if self._options else "")))
        if re.search(r"(\.\.\.|…)\W*$", value):
            raise Unreadable("your text ends with \"...\": pandas cut it short to display it. Take the value itself "
                             "(e.g. table[\"column\"].iloc[0]) rather than a copy of the display")
        text = plain_text(value)
        if self._options:
            require_option(value, self.options)
        return Reading(text, note)

    def seal_key(self, value, sealer: Sealer) -> dict:
        return {**self.seal(value, sealer), "loose": loose_digests([self.read(value).value], sealer)}

    def feedback(self, reading: Reading, sealed: dict, sealer: Sealer) -> str:
        if set(loose_digests([reading.value], sealer)) & set(sealed.get("loose", ())):
            return (f"{shown(reading.value)} is nearly the answer, but not written as the data write it: copy it from "
                    "the table (spelling, singular or plural, punctuation) rather than typing it.")
        return (f"{shown(reading.value)} is not the answer. Check how you found it, step by step; "
                f"hint({sealer.exercise_id!r}) gives the method.")


def loose(text: str) -> str:
    """A text as a near miss is compared: only its letters and digits, lower-cased, without a final s ("U.S.
    citizens" and "US citizen" are the same; so are "paraphrases" and "paraphrase")."""
    return re.sub(r"[^\w]|_", "", folded(text)).removesuffix("s")


def loose_digests(texts, sealer: Sealer) -> list[str]:
    return sorted({sealer.digest(f"loose|{loose(text)}") for text in texts})


def plain_text(text: str) -> str:
    """Text as compared: folded, without quotation marks or a full stop around it."""
    return folded(text).strip(" .,;:!?\"'“”‘’")


def require_option(text: str, options: list[str], what: str = "give one of them") -> None:
    """Raise Unreadable unless ``text`` is one of ``options`` (as compared); say so if it is a short form of an id.
    ``what`` says what to give (for an item of a list: make every item one of them)."""
    if plain_text(text) in {plain_text(option) for option in options}:
        return
    full = [option for option in options if re.fullmatch(r"\d+", text.strip()) and option.startswith(text.strip() + "_")]
    if full:
        raise Unreadable(f"give the full id (such as {full[0]!r}), not only its first digits")
    raise Unreadable(f"{shown(text)} is not one of the options {options_shown(options)}: {what} as written")


def options_shown(options: list[str], most: int = 12) -> str:
    """The options for a message: all of them, or the first few of a long list (the claim ids of a table)."""
    return str(options) if len(options) <= most else f"{str(options[:3])[:-1]}, ... {options[-1]!r}] (the table's column)"


class Date(Single):
    """A calendar day, written in any unambiguous way ("2025-01-31", "31 January 2025", "January 31, 2025",
    "2025/1/31") or given as a date, datetime, Timestamp or numpy datetime64."""

    name = tag = "date"
    expects = 'a date, written as "YYYY-MM-DD"'

    def read(self, answer) -> Reading:
        value, note = unwrapped(answer)
        return Reading(as_day(value, self.expects).isoformat(), note)

    def feedback(self, reading: Reading, sealed: dict, sealer: Sealer) -> str:
        return (f"you gave {in_words(reading.value)}, which is not the day. Check the day you count from and the "
                f"direction (back or forward); hint({sealer.exercise_id!r}) gives the method.")


MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name} | {
    name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
WEEKDAYS = {name.casefold() for name in [*calendar.day_name, *calendar.day_abbr]}


def as_day(value, expects: str) -> datetime.date:
    """The calendar day of a date object or a written date; Unreadable if it is not one, or could be two."""
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if value is pd.NaT:
        raise Unreadable(f"expected {expects}, but got NaT (a missing date): check the row you selected")
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise Unreadable(expected(expects, value))
    year, month, day = written_date(value)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise Unreadable(f"{shown(value)} is not a day of the calendar: check the day and the month") from None


def written_date(text: str) -> tuple[int, int, int]:
    """(year, month, day) of a written date; Unreadable if it is not one, lacks the year, or could be two days."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T][\d:.]+)?", text)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3])
    numeric = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
        if first <= 12 and second <= 12 and first != second:
            raise Unreadable(f"{shown(text)} could be {first} {calendar.month_name[second]} or {second} "
                             f"{calendar.month_name[first]}: write the date as \"YYYY-MM-DD\"")
        return (year, first, second) if second > 12 else (year, second, first)
    tokens = [token for token in re.findall(r"[a-z]+|\d+", text.casefold())
              if token not in WEEKDAYS and token not in ("st", "nd", "rd", "th", "of", "the")]
    months = [MONTHS[token] for token in tokens if token in MONTHS]
    numbers_ = [int(token) for token in tokens if token.isdigit()]
    years = [number for number in numbers_ if number > 31]
    days = [number for number in numbers_ if number <= 31]
    if len(months) == 1 and len(days) == 1 and len(tokens) == len(numbers_) + 1:
        if len(years) != 1:
            raise Unreadable(f"{shown(text)} has no year: give the year too, e.g. as \"YYYY-MM-DD\"")
        return years[0], months[0], days[0]
    raise Unreadable(f"expected a date, but could not read {shown(text)} as one: write it as \"YYYY-MM-DD\"")


def in_words(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    return f"{day:%A} {day.day} {day:%B %Y}"


class Items(Kind):
    """A collection of texts (``item="text"``) or dates (``item="date"``), compared as a set: order, case and spaces
    around do not matter. A list, tuple, set, numpy array, Series, Index or dict keys all do. With ``options``, every
    item must be one of them; with ``words``, the question asks for single words, and an item that holds a space is
    told to be split, whatever its words are."""

    name = "items"

    def __init__(self, item: str = "text", options=(), words: bool = False):
        self.item, self._options, self.words = item, options, words

    @property
    def options(self) -> list[str]:
        return list(self._options() if callable(self._options) else self._options)

    def record(self) -> dict:
        return {**super().record(), "item": self.item, "options": self.options, "words": self.words}

    @property
    def expects(self) -> str:
        return "a list of dates" if self.item == "date" else "a list of strings"

    def read(self, answer) -> Reading:
        answer, note = self.as_collection(answer)
        items = [self.read_item(item) for item in collection(answer, self.expects)]
        repeated = sorted(item for item, count in Counter(items).items() if count > 1)
        if len(set(items)) == 1 and repeated:
            raise Unreadable(f"your list is {shown(repeated[0])} {len(items)} times over: an item paired with itself (the "
                             "diagonal of a table, say) does not count: leave such pairs out and look again")
        if repeated:
            raise Unreadable(f"each item should appear once, but {shown(repeated[0])} appears more than once: "
                             "remove the copies (set(...) or .unique() keeps one of each)")
        return Reading(sorted(items), note)

    def as_collection(self, answer) -> tuple[object, str]:
        """The answer as a collection of items, and a note on its form: one text (or one date) is a list of one; a
        one-element Series or list that holds the list (what .loc[mask, column] gives for a cell holding a list) is
        that list; a Series of numbers labelled by texts says to take its index."""
        if isinstance(answer, str) or (self.item == "date" and isinstance(answer, (datetime.date, np.datetime64))):
            return [answer], "(one value counts as a list of one: next time, put it in a list, e.g. [\"...\"])"
        one = isinstance(answer, (list, pd.Series, pd.Index, np.ndarray)) and getattr(answer, "ndim", 1) == 1 and len(answer) == 1
        inner = unwrapped(answer)[0] if one else None
        if isinstance(inner, (list, set, frozenset, np.ndarray, pd.Series, pd.Index)):
            return inner, f"(your answer is {container_name(answer)} that holds the list: next time, .item() gives the list itself)"
        if self.item == "text" and labelled_by_texts(answer):
            raise Unreadable(f"expected {self.expects}, but got a pandas Series of numbers whose index holds the names: "
                             "the names are its index: take list(series.index), after keeping the rows you need")
        return answer, ""

    def read_item(self, item) -> str:
        if self.item == "date" and isinstance(item, (tuple, list)) and len(item) == 2 and not isinstance(item[0], bool):
            raise Unreadable(f"your answer holds a period, {shown(item)} (a start and an end): list every day in it, "
                             "e.g. with pd.date_range(start, end)")
        if self.item == "date":
            return as_day(item, "dates").isoformat()
        if not isinstance(item, str):
            raise Unreadable(f"expected only strings in the list, but found {described(item)}: make every item a text")
        if self._options:
            require_option(item, self.options, "make every item of the list one of them, each a text by itself,")
        return plain_text(item)

    def digests(self, items, sealer: Sealer) -> set[str]:
        return {sealer.digest(f"{self.item}|{item}") for item in items}

    def seal(self, value, sealer: Sealer) -> dict:
        return {"items": sorted(self.digests(self.read(value).value, sealer))}

    def seal_key(self, value, sealer: Sealer) -> dict:
        return {**self.seal(value, sealer), "loose": loose_digests(self.read(value).value, sealer)}

    def agrees(self, reading: Reading, sealed: dict, sealer: Sealer) -> bool:
        return self.digests(reading.value, sealer) == set(sealed["items"])

    def feedback(self, reading: Reading, sealed: dict, sealer: Sealer) -> str:
        if not reading.value:
            return empty_selection(self.expects) + "."
        phrase = next((item for item in reading.value if " " in item), None) if self.words else None
        if phrase is not None:  # said before anything that compares with the key, which it would give away
            return f"{shown(phrase)} holds several words: give each word as an item of its own (e.g. text.split())."
        extras = [item for item in reading.value if not self.digests([item], sealer) & set(sealed["items"])]
        near = [item for item in extras if set(loose_digests([item], sealer)) & set(sealed.get("loose", ()))]
        method = f"hint({sealer.exercise_id!r}) gives the method"
        if near:
            return (f"{shown(near[0])} is nearly an expected item, but not written as the data write it: copy each item "
                    "from the table (spelling, singular or plural, punctuation) rather than typing it.")
        if not extras and self.item == "date":
            return ("every day you gave is one the question asks for, but the list is not complete: list every day "
                    "the question allows (for a period, every day in it, not only its first and last: e.g. with "
                    f"pd.date_range(start, end)); {method}.")
        if not extras:
            return f"every item you gave is one the question asks for, but the list is not complete: look for the rest; {method}."
        return f"{shown(extras[0])} should not be in the list. {self.advice}; {method}."

    @property
    def advice(self) -> str:
        """What to check when an item is wrong: a list of options (article ids, say) is a condition's result."""
        if self._options:
            return "Check the condition you selected on, item by item"
        return f"Check each {'day' if self.item == 'date' else 'item'} against the prompt, word by word"


def collection(answer, expects: str) -> list:
    """The items of a list-like answer; Unreadable, with what to do instead, for anything else."""
    if isinstance(answer, pd.DataFrame):
        raise Unreadable(f"expected {expects}, but got a table (DataFrame) of shape {answer.shape}: select the column "
                         "you need, e.g. table[\"id\"]")
    if isinstance(answer, (pd.Series, pd.Index)) and answer.dtype == bool:
        raise Unreadable(f"expected {expects}, but got a True/False mask: use it to select the rows, e.g. "
                         "table.loc[mask, \"id\"]")
    if isinstance(answer, np.ndarray) and answer.ndim != 1:
        raise Unreadable(f"expected {expects}, but got an array of shape {answer.shape}: give one row of items")
    if isinstance(answer, Mapping) or not isinstance(answer, (list, tuple, Set, np.ndarray, pd.Series, pd.Index, KeysView, ValuesView)):
        raise Unreadable(expected(expects, answer))
    return list(answer)


class NumberMap(Kind):
    """A dict or pandas Series from each key to a number, stated to ``decimals`` decimals. The keys are ids (an article
    id, say: case and spaces around do not matter) or, with ``keys="month"``, months: "2025-02" written in any
    unambiguous way ("February 2025", "Feb 2025", "2025-2", a Timestamp or Period; "February" alone, or the month's
    number, when the key has one February)."""

    name = "number map"

    def __init__(self, decimals: int = 0, whole: bool = True, keys: str = "id"):
        self.number, self.keys = Number(decimals, whole), keys

    def record(self) -> dict:
        return {**super().record(), "decimals": self.number.decimals, "whole": self.number.whole, "keys": self.keys}

    @property
    def expects(self) -> str:
        return f"a dict or pandas Series from each {'month' if self.keys == 'month' else 'key'} to a number"

    def read(self, answer) -> Reading:
        if not isinstance(answer, (Mapping, pd.Series)):
            raise Unreadable(expected(self.expects, answer))
        pairs = dict(answer.items())
        if self.keys == "month":
            return Reading(self.values({month_key(key): value for key, value in months_once(pairs)}))
        if pairs and all(isinstance(key, numbers.Integral) for key in pairs):
            raise Unreadable("the keys are positions (0, 1, 2, ...), not ids: make the id the key, e.g. with "
                             ".set_index(\"id\") before you select the column, or {row.id: ... for row in ...}")
        if any(not isinstance(key, str) for key in pairs):
            key = next(key for key in pairs if not isinstance(key, str))
            raise Unreadable(f"expected text keys (ids), but found the key {described(key)}: use the ids as keys")
        return Reading(self.values({key.strip(): value for key, value in pairs.items()}))

    def values(self, pairs: dict) -> dict:
        values = {}
        for key, value in pairs.items():
            try:
                values[key] = self.number.read(value).value
            except Unreadable as problem:
                raise Unreadable(f"the value for {shown(key)}: {problem}") from None
        return values

    def seal(self, value, sealer: Sealer) -> dict:
        values = self.read(value).value
        return {"keys": sorted(values), "values": {key: self.number.seal(number, sealer, f"{key}|") for key, number in values.items()}}

    def aligned(self, reading: Reading, sealed: dict) -> dict:
        """The answer's values under the key's own spelling of each key it matches (an id in another case; a month
        written without its year, when the key has one month of that name); other keys as they are."""
        by_folded = {folded(key): key for key in sealed["keys"]}
        aligned = {}
        for key, value in reading.value.items():
            same_month = [k for k in sealed["keys"] if key in MONTH_NAMES and k.endswith(f"-{MONTH_NAMES[key]:02d}")]
            aligned[by_folded.get(folded(key)) or (same_month[0] if len(same_month) == 1 else key)] = value
        return aligned

    def wrong(self, values: dict, sealed: dict, sealer: Sealer) -> list[str]:
        return sorted(key for key in set(values) & set(sealed["keys"]) if not self.number.agrees(
            Reading(values[key]), sealed["values"][key], sealer, f"{key}|"))

    def agrees(self, reading: Reading, sealed: dict, sealer: Sealer) -> bool:
        values = self.aligned(reading, sealed)
        return set(values) == set(sealed["keys"]) and not self.wrong(values, sealed, sealer)

    def shortfall(self, reading: Reading) -> str:
        return next(filter(None, (self.number.shortfall(Reading(value)) for value in reading.value.values())), "")

    def feedback(self, reading: Reading, sealed: dict, sealer: Sealer) -> str:
        if not reading.value:
            return empty_selection(self.expects) + "."
        values = self.aligned(reading, sealed)
        missing = [key for key in sealed["keys"] if key not in values]
        extra = sorted(key for key in values if key not in sealed["keys"])
        if extra and all(re.fullmatch(r"\d+", key) for key in extra) and all(
                any(full.startswith(key + "_") for full in sealed["keys"]) for key in extra):
            return f"give the full ids as keys (such as {sealed['keys'][0]!r}), not only their first digits."
        parts = ([f"missing key(s) {shown(missing)}: give every one a value"] if missing else []) + (
            [f"unexpected key(s) {shown(extra)}: leave them out"] if extra else [])
        wrong = self.wrong(values, sealed, sealer)
        if wrong and all(is_percentage(self.number, values[key], sealed["values"][key], sealer, f"{key}|") for key in wrong):
            parts.append("give each value as a fraction between 0 and 1, not as a percentage: divide by 100")
        elif wrong:
            parts.append(self.shortfall(reading).rstrip(".") or f"the value is not right for {shown(wrong)}: compute "
                         "those again")
        return "; ".join(parts) + "."


MONTH_NAMES = {calendar.month_name[number]: number for number in range(1, 13)}


def months_once(pairs: dict) -> list[tuple[object, object]]:
    """The pairs of a dict keyed by months; Unreadable if two keys are days (or dates) of one month, which a group-by
    on the full date gives."""
    seen = Counter(month_key(key) for key in pairs)
    doubled = [month for month, count in seen.items() if count > 1]
    if doubled:
        raise Unreadable(f"several keys fall in the month {doubled[0]}: you grouped by days, not months; group by the "
                         "month, e.g. by the first 7 characters of the date (.str[:7])")
    return list(pairs.items())


def month_key(key) -> str:
    """A month as "YYYY-MM", or its English name when no year is given (February; the month's number alone)."""
    if isinstance(key, pd.Period):
        return f"{key.year:04d}-{key.month:02d}"
    if isinstance(key, np.datetime64):
        key = pd.Timestamp(key)
    if isinstance(key, (datetime.date, datetime.datetime)):
        return f"{key.year:04d}-{key.month:02d}"
    if isinstance(key, numbers.Integral) and not isinstance(key, bool) and 1 <= key <= 12:
        return calendar.month_name[int(key)]
    text = str(key).strip() if isinstance(key, str) else None
    if text:
        dated = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ T][\d:.]+)?", text)
        month_year = re.fullmatch(r"(\d{1,2})[-/.](\d{4})", text)
        tokens = re.findall(r"[a-z]+|\d+", text.casefold())
        named = [MONTHS[token] for token in tokens if token in MONTHS]
        years = [token for token in tokens if re.fullmatch(r"\d{4}", token)]
        if dated and 1 <= int(dated[2]) <= 12:
            return f"{dated[1]}-{int(dated[2]):02d}"
        if month_year and 1 <= int(month_year[1]) <= 12:
            return f"{month_year[2]}-{int(month_year[1]):02d}"
        if len(named) == 1 and len(tokens) == 1 + len(years) and len(years) <= 1:
            return f"{years[0]}-{named[0]:02d}" if years else calendar.month_name[named[0]]
    raise Unreadable(f"expected months as keys (such as \"2025-02\"), but found the key {described(key)}: use the months "
                     "as keys, e.g. the first 7 characters of each date (.str[:7])")
