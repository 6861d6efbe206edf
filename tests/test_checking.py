"""The answer kinds, the key snapshot and check/hint/progress: small examples of every rule, then property-based
inputs of every type and size for every exercise. check(), hint() and progress() answer everything with a message."""
import collections
import dataclasses
import datetime
import json
import math
import os
import shutil
import sys
from contextlib import redirect_stdout
from decimal import Decimal
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader import check, hint, progress
from newsreader import checking, record
from newsreader.answers import (Choice, Date, Items, Number, NumberMap, Reading, Sealer, decimals_of,
                                described, roundings, shown)
from newsreader.errors import DataError
from newsreader.exercises import EXERCISES
from newsreader.keys import KeyBook, assess, compile_keys, kind_from_record, load_keys

ROOT = Path(__file__).resolve().parents[1]
IDS = list(EXERCISES)
SEALER = Sealer("salt", "x-1")


def judge(kind, answer, key):
    """What assess says of ``answer`` for an exercise of ``kind`` whose key is ``key``."""
    keys = KeyBook("salt", "", {"x-1": compiled_exercise(kind, key)})
    return assess("x-1", answer, keys)


def compiled_exercise(kind, key, mistakes=()):
    from newsreader.keys import Compiled

    kind = kind_from_record(kind.record())
    return Compiled("x-1", "x", "a hint", kind, kind.seal_key(key, SEALER),
                    tuple((kind.seal(value, SEALER), feedback) for value, feedback in mistakes))


def out_of(function, *arguments) -> str:
    out = StringIO()
    with redirect_stdout(out):
        function(*arguments)
    return out.getvalue()


# --- Numbers ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, decimals", [(0.19, 2), (19.0, 0), (19, 0), (1 / 3, 6), (1200000.0, 0), (0.1 + 0.2, 6),
                                             (np.float64(72.4), 1), (Decimal("2.50"), 1)])
def test_decimals_are_those_the_number_is_written_with(value, decimals):
    assert decimals_of(value) == decimals


def test_a_value_on_a_half_rounds_both_ways():
    assert roundings(0.375, 2) == ["2:37", "2:38"]
    assert roundings(0.3751, 2) == ["2:38"] and roundings(0.19230769, 2) == ["2:19"]
    assert roundings(2.675, 2) == ["2:267", "2:268"]  # as printed, not as the binary 2.67499999...
    assert roundings(-0.375, 2) == ["2:-38", "2:-37"]


def test_a_number_is_sealed_only_at_the_stated_precision():
    """No digest of a coarser rounding: the key cannot be found digit by digit (a student who tries
    0.1, 0.19, 0.192, ... and reads which is right)."""
    from newsreader.answers import Sealer

    assert list(Number(decimals=2).seal(0.19230769, Sealer("salt", "x-1"))) == ["2"]


@pytest.mark.parametrize("answer", [0.19, 0.192, 0.1923077, np.float64(0.1923), np.float32(0.1923), Decimal("0.19"),
                                    [0.19], (0.19,), np.array([0.19]), pd.Series([0.19]), pd.DataFrame({"x": [0.19]})])
def test_a_number_at_the_stated_precision_or_finer_is_right_in_any_form(answer):
    result, message = judge(Number(decimals=2), answer, 0.19230769)
    assert result == "correct"
    assert (".item()" in message or "[0]" in message or ".iat[0, 0]" in message) == (not np.isscalar(answer) and not isinstance(answer, Decimal))


def test_a_number_given_too_coarsely_is_asked_for_the_stated_precision_without_a_verdict():
    """Without a verdict, and without a loop: a wrong value whose rounding ends in zero (0.5 to 2 decimals stays 0.5)
    is told what to do when rounding changes nothing (asked for 2 decimals, a student
    whose value is 0.2 can only write 0.20 again)."""
    expected = ("not yet", "give 2 decimal places: 0.2 is given to 1 decimal place (round at the end, not on the way). "
                "If 0.2 is what your exact value rounds to, it is not the value: check each step against the prompt.")
    assert judge(Number(decimals=2), 0.2, 0.19230769) == judge(Number(decimals=2), 0.2, 0.25) == expected
    assert judge(Number(decimals=2), 0, 0.19230769)[1].startswith("0 is not the value at 2 decimal places")  # 0 says nothing


@pytest.mark.parametrize("answer, message", [
    ("12", "expected a whole number (an int), but got the text '12': remove the quotes"),
    ("12 km", "remove the quotes (and any unit or % sign)"),
    ("twelve", "expected a whole number (an int), but got the text 'twelve'"),
    (True, "but got bool True"),
    (math.nan, "expected a finite number, but got nan: check for a division by zero"),
    (10**400, "of a sensible size, but got one with 401 digits"),
    (12.5, "expected a whole number (a count), but got 12.5, which is not whole: count the rows or items themselves"),
    ([1, 2], "but got a list of several values: the answer is one number; select the one the question asks about"),
    ((1, 2), "but got a tuple of several values: the answer is one number; select the one the question asks about (e.g. "
             "with .loc[...] or .item() after a condition), or compute it from them"),
    ([], "your answer is empty, where the question expects a whole number (an int): if you selected rows with a "
         "condition, it kept none"),
])
def test_what_is_not_a_number_of_the_right_kind_gets_a_message_that_says_what_to_change(answer, message):
    result, said = judge(Number(whole=True), answer, 12)
    assert result == "not yet" and message in said


def test_a_wrong_number_gets_what_to_check_next_never_which_way_it_is_off():
    low, high = judge(Number(decimals=1), 70.1, 72.42)[1], judge(Number(decimals=1), 75.0, 72.42)[1]
    assert low.replace("70.1", "N") == high.replace("75.0", "N")  # no "too low", "too high" to home in with
    assert "Check each step against the prompt" in low and "hint('x-1')" in low


def test_a_declared_mistake_is_recognised_at_the_stated_precision_and_a_coarser_answer_is_asked_for_it():
    kind, key = Number(decimals=2), 0.19230769
    exercise = compiled_exercise(kind, key, [(19.230769, "Give a fraction, not a percentage.")])
    keys = KeyBook("salt", "", {"x-1": exercise})
    for answer in (19.230769, 19.23, np.float64(19.2308)):
        assert assess("x-1", answer, keys) == ("not yet", "Give a fraction, not a percentage."), answer
    for answer in (19.2, 19, np.int64(19)):  # coarser, and a percentage: the percentage is what to fix first
        assert assess("x-1", answer, keys)[1].startswith("give it as a fraction between 0 and 1"), answer
    assert assess("x-1", 0.2, keys)[1].startswith("give 2 decimal places: 0.2 is given to 1 decimal place"), 0.2
    assert assess("x-1", 18.0, keys)[1].startswith("18.0 is not the value")


# --- Texts and dates --------------------------------------------------------------------------------------------

def test_a_text_ignores_case_spaces_quote_style_and_a_full_stop():
    assert judge(Choice(), "  The World’s WORST prison. ", "the world's worst prison")[0] == "correct"
    assert judge(Choice(), ["the world's worst prison"], "the world's worst prison")[0] == "correct"
    assert judge(Choice(), "the worst prison", "the world's worst prison")[0] == "not yet"


def test_a_choice_names_its_options_and_asks_for_a_full_id():
    kind = Choice(options=["000_089c4aec78f3c403", "001_2bc434667cf9574c"])
    assert judge(kind, "001", "001_2bc434667cf9574c") == (
        "not yet", "give the full id (such as '001_2bc434667cf9574c'), not only its first digits.")
    assert "is not one of the options ['000_089c4aec78f3c403', '001_2bc434667cf9574c']: give one of them" in judge(kind, "x", "000_089c4aec78f3c403")[1]


def test_options_are_computed_only_when_the_keys_are_compiled():
    calls = []
    kind = Choice(options=lambda: calls.append(1) or ["a"])
    assert not calls
    assert kind.record()["options"] == ["a"] and calls


@pytest.mark.parametrize("written", ["2025-02-03", "2025-2-3", "2025/02/03", "2025.2.3", "3 February 2025",
                                     "3 Feb 2025", "February 3, 2025", "Feb. 3rd, 2025", "Monday 3 February 2025",
                                     "Monday, February 3, 2025", "3rd of February 2025", "2025-02-03T00:00:00",
                                     datetime.date(2025, 2, 3), datetime.datetime(2025, 2, 3, 22, 5),
                                     pd.Timestamp("2025-02-03"), np.datetime64("2025-02-03"), pd.Series([pd.Timestamp("2025-02-03")])])
def test_a_date_is_read_in_every_unambiguous_form(written):
    assert judge(Date(), written, "2025-02-03")[0] == "correct"


@pytest.mark.parametrize("written, message", [
    ("3/2/2025", "'3/2/2025' could be 3 February or 2 March: write the date as \"YYYY-MM-DD\""),
    ("3 February", "'3 February' has no year: give the year too"),
    ("2025-02-30", "'2025-02-30' is not a day of the calendar"),
    ("late Monday", "could not read 'late Monday' as one"),
    (pd.NaT, "expected a date"),
])
def test_a_date_that_is_ambiguous_or_incomplete_gets_a_message(written, message):
    result, said = judge(Date(), written, "2025-02-03")
    assert result == "not yet" and message in said


def test_a_day_and_month_above_twelve_is_unambiguous_and_a_wrong_date_is_shown_in_words():
    assert judge(Date(), "14/4/2025", "2025-04-14")[0] == "correct"
    assert judge(Date(), "2025-04-15", "2025-04-14")[1].startswith("you gave Tuesday 15 April 2025, which is not the day")


# --- Collections ------------------------------------------------------------------------------------------------

KEY = ["001_2bc434667cf9574c", "002_b777e87c142857aa"]


@pytest.mark.parametrize("answer", [KEY, KEY[::-1], tuple(KEY), set(KEY), np.array(KEY), np.array(KEY, dtype=object),
                                    pd.Series(KEY), pd.Index(KEY), dict.fromkeys(KEY).keys(), [k.upper() for k in KEY],
                                    [f" {k} " for k in KEY]])
def test_a_list_is_read_from_every_collection_in_any_order(answer):
    assert judge(Items(), answer, KEY)[0] == "correct"


def test_items_are_compared_as_sets_not_as_supersets_or_subsets():
    sealed = Items().seal(KEY, SEALER)
    assert Items().agrees(Reading(sorted(KEY)), sealed, SEALER)
    assert not Items().agrees(Reading(sorted([*KEY, "003_76a03f6ec5875e14"])), sealed, SEALER)  # a superset
    assert not Items().agrees(Reading(KEY[:1]), sealed, SEALER)  # a subset
    assert not Items().agrees(Reading([]), sealed, SEALER)


@pytest.mark.parametrize("answer, message", [
    (pd.Series([True, False]), "got a True/False mask: use it to select the rows"),
    (pd.DataFrame({"id": KEY}), "got a table (DataFrame) of shape (2, 1): select the column"),
    (np.array([KEY]), "got an array of shape (1, 2)"),
    ([KEY[0], KEY[1], KEY[0].upper()], "appears more than once: remove the copies"),
    ([KEY[0], KEY[0]], "is '001_2bc434667cf9574c' 2 times over: an item paired with itself (the diagonal of a table, say)"),
    ([KEY[0], 3], "expected only strings in the list, but found int 3"),
    ({"a": 1}, "expected a list of strings, but got dict"),
])
def test_what_is_not_a_list_of_items_gets_a_message_that_says_what_to_change(answer, message):
    result, said = judge(Items(), answer, KEY)
    assert result == "not yet" and message in said


def test_one_value_where_a_list_is_asked_is_a_list_of_one_with_a_note():
    """speaks-3's idxmin() and framing-5's one topic: the single value is read as a list of one."""
    assert judge(Items(), KEY[0], KEY[:1]) == ("correct", "(one value counts as a list of one: next time, put it in a "
                                                          "list, e.g. [\"...\"])")
    assert judge(Items(item="date"), pd.Timestamp("2025-02-01"), ["2025-02-01"])[0] == "correct"
    assert judge(Items(), KEY[0], KEY)[1].startswith("every item you gave is one the question asks for, but the list is not complete")


def test_a_one_element_series_that_holds_the_list_is_the_list():
    """numbers-1: .loc[mask, "missed"] gives a one-element Series whose value is the list of ids."""
    assert judge(Items(), pd.Series([KEY], index=[1]), KEY) == (
        "correct", "(your answer is a pandas Series that holds the list: next time, .item() gives the list itself)")
    assert judge(Items(), [list(KEY)], KEY)[0] == "correct"


def test_a_series_of_numbers_labelled_by_names_says_to_take_its_index():
    """speaks-3's nsmallest(1), numbers-5's counts by quantity, framing-3's value_counts().head(1)."""
    counts = pd.Series([2, 3], index=KEY)
    assert "the names are its index: take list(series.index)" in judge(Items(), counts, KEY)[1]
    assert "the names are its index" in judge(Items(), pd.Series([0.6], index=KEY[:1]), KEY[:1])[1]
    said = judge(Choice(), pd.Series([4], index=["crime and punishment"]), "crime and punishment")[1]
    assert "the name is in its index: take .index[0], or use .idxmax() or .idxmin()" in said and "4" not in said


def test_several_values_where_one_text_is_asked_say_to_check_the_condition():
    """timeline-3 with >= instead of >: an Index of several events."""
    said = judge(Choice(), pd.Index(["a", "b", "c", "d"]), "a")[1]
    assert "got a pandas Index of several values" in said and "check it (> or >=, == or !=)" in said


def test_a_near_miss_in_spelling_says_to_copy_the_item_from_the_table():
    """speaks-1's plurals, framing-5's "US citizens": the filter's value, not the condition, is wrong."""
    said = judge(Items(), ["citations", "paraphrases"], ["citation", "paraphrase"])[1]
    assert "'citations' is nearly an expected item, but not written as the data write it: copy" in said
    assert "nearly an expected item" in judge(Items(), ["US citizens"], ["U.S. citizens"])[1]
    assert "nearly" not in judge(Items(), ["legal challenges"], ["U.S. citizens"])[1]
    assert "not written as the data write it" in judge(Choice(), "the worlds worst prison", "the world's worst prison")[1]


def test_an_empty_selection_says_that_the_condition_kept_no_row():
    """A filter on "Anonymous" where the data say "anonymous" keeps nothing: say so, not "check the condition"."""
    for kind, key in ((Items(), KEY), (NumberMap(), {"a": 1}), (Number(whole=True), 3)):
        said = judge(kind, {} if isinstance(kind, NumberMap) else [], key)[1]
        assert "it kept none" in said and "case, spelling and spaces count in a condition" in said, kind
    assert "a condition that keeps no row" in judge(Number(decimals=1), math.nan, 2.5)[1]
    assert "it kept none" in judge(Number(whole=True), 0, 3)[1]


def test_a_percentage_where_a_fraction_is_asked_says_divide_by_100():
    """meet-4 and speaks-4 (dicts of shares) and any share: 26 for 0.26."""
    key = {"2025-02": 0.2557, "2025-04": 0.1415}
    assert judge(NumberMap(decimals=2, whole=False, keys="month"), {"2025-02": 26, "2025-04": 14}, key)[1] == (
        "give each value as a fraction between 0 and 1, not as a percentage: divide by 100.")
    assert judge(Number(decimals=2), 37.5, 0.375)[1].startswith("give it as a fraction between 0 and 1, not as a percentage")
    assert "percentage" not in judge(Number(decimals=2), 41, 0.375)[1]


def test_a_text_copied_from_a_cut_display_says_to_take_the_value_itself():
    said = judge(Choice(), "a passage that pandas cut...", "a passage that pandas cut short for display")[1]
    assert said.startswith('your text ends with "...": pandas cut it short to display it. Take the value itself')


def test_a_period_where_days_are_asked_says_to_list_its_days():
    """timeline-2 answered with resolve_over's (start, end), depends."""
    period = ((pd.Timestamp("2025-04-14"), pd.Timestamp("2025-04-16")), True)
    assert "list every day in it, e.g. with pd.date_range(start, end)" in judge(Items(item="date"), period, ["2025-04-14"])[1]


def test_a_whole_float_given_where_decimals_are_asked_may_be_a_rough_factor():
    """numbers-2's 45 * 1.6 = 72.0: not only a rounding."""
    said = judge(Number(decimals=2), 72.0, 72.42048)[1]
    assert "round only at the end, with the exact factors and constants the chapter gives" in said


def test_a_list_given_for_a_count_says_len_and_never_how_many():
    """basics-1: words(headline) instead of its len; basics-3: a dict of sentence lists."""
    said = judge(Number(whole=True), ["w"] * 15, 15)[1]
    assert "count its items with len(...)" in said and "15" not in said
    said = judge(NumberMap(), {"a": ["s"] * 18, "b": ["s"] * 11}, {"a": 18, "b": 11})[1]
    assert "the value for 'a': expected a whole number (an int), but got a list of texts: count its items" in said
    assert "18" not in said and "11" not in said


def test_months_are_read_as_keys_in_every_form_a_group_by_gives():
    """meet-4: grouped by a Period, a Timestamp, the month's name or number."""
    key, kind = {"2025-02": 0.26, "2025-04": 0.14}, NumberMap(decimals=2, whole=False, keys="month")
    for written in ([pd.Period("2025-02"), pd.Period("2025-04")], [pd.Timestamp("2025-02-01"), pd.Timestamp("2025-04-01")],
                    ["February 2025", "April 2025"], ["Feb 2025", "Apr 2025"], ["2025-2", "2025-4"], ["February", "April"],
                    [2, 4], ["02/2025", "04/2025"]):
        assert judge(kind, dict(zip(written, key.values())), key)[0] == "correct", written
    days = {pd.Timestamp("2025-02-03"): 0.3, pd.Timestamp("2025-02-04"): 0.2, pd.Timestamp("2025-04-16"): 0.14}
    assert "several keys fall in the month 2025-02: you grouped by days, not months" in judge(kind, days, key)[1]
    assert "expected months as keys" in judge(kind, {"000_089c4aec78f3c403": 0.26}, key)[1]


def test_ids_as_keys_ignore_case_and_a_single_value_may_come_in_a_set():
    key = {"000_089c4aec78f3c403": 4, "001_2bc434667cf9574c": 2}
    assert judge(NumberMap(), {k.upper(): v for k, v in key.items()}, key)[0] == "correct"
    assert judge(Choice(options=KEY), {KEY[0].upper()}, KEY[0]) == (
        "correct", "(your answer is a one-element set: next time, give the value itself, without the braces)")
    assert judge(Number(decimals=2), {0.19}, 0.19230769)[0] == "correct"


def test_a_wrong_list_names_a_wrong_item_without_counts_and_a_list_of_ids_asks_for_full_ids():
    assert judge(Items(), [KEY[0], "x"], KEY)[1].startswith("'x' should not be in the list. Check each item against the prompt")
    kind = Items(options=[*KEY, "000_089c4aec78f3c403"])
    assert "give the full id (such as '001_2bc434667cf9574c')" in judge(kind, ["001", "002"], KEY)[1]
    assert judge(Items(item="date"), pd.DatetimeIndex(["2025-04-15", "2025-04-14"]), ["2025-04-14", "2025-04-15"])[0] == "correct"


def test_a_value_of_zero_is_right_as_zero_in_any_form_and_only_where_the_key_is_zero():
    """A share that is exactly zero (an article with no second-hand source, speaks-4) is right written 0, 0.0 or as
    numpy's 0.0, and needs no more decimals; a zero is still wrong for a share that is not zero at the stated precision."""
    key = {"000_089c4aec78f3c403": 0.0, "001_2bc434667cf9574c": 0.25}
    for zero in (0, 0.0, np.float64(0.0)):
        assert judge(NumberMap(decimals=2, whole=False), {**key, "000_089c4aec78f3c403": zero}, key) == ("correct", "")
    assert judge(NumberMap(decimals=2, whole=False), {**key, "001_2bc434667cf9574c": 0}, key)[0] == "not yet"
    assert judge(Number(decimals=2), 0, 0.3)[0] == "not yet" and judge(Number(decimals=2), 0, 0.001)[0] == "correct"


def test_numbers_by_key_say_which_keys_are_missing_extra_or_wrong_and_what_positions_mean():
    key = {"000_089c4aec78f3c403": 4, "001_2bc434667cf9574c": 2}
    assert judge(NumberMap(), pd.Series(key), key)[0] == "correct"
    assert judge(NumberMap(), {k: np.int64(v) for k, v in key.items()}, key)[0] == "correct"
    said = judge(NumberMap(), {"000_089c4aec78f3c403": 5, "x": 1}, key)[1]
    assert said == ("missing key(s) ['001_2bc434667cf9574c']: give every one a value; unexpected key(s) ['x']: leave "
                    "them out; the value is not right for ['000_089c4aec78f3c403']: compute those again.")
    assert "the keys are positions (0, 1, 2, ...), not ids" in judge(NumberMap(), pd.Series([4, 2]), key)[1]
    assert "give the full ids as keys (such as '000_089c4aec78f3c403')" in judge(NumberMap(), {"000": 4, "001": 2}, key)[1]
    assert "the value for '000_089c4aec78f3c403': expected a whole number" in judge(NumberMap(), {"000_089c4aec78f3c403": "4"}, key)[1]


def test_an_object_is_described_by_its_type_and_fields_never_by_what_it_holds():
    Interval = collections.namedtuple("Interval", "estimate low high")
    assert described(Interval(0.70857, 0.5, 0.9)) == "an Interval with the fields estimate, low, high: pick the one the question asks for"

    @dataclasses.dataclass
    class Result:
        kappa: float

    assert "0.7" not in judge(Number(decimals=2), Result(0.70857), 0.70857)[1]
    assert shown(np.float64(0.25)) == "0.25" and len(shown("x" * 100_000)) < 80 and len(shown(list(range(100_000)))) < 80
    assert shown(392.4 + 1e-13) == "392.4"  # floating-point noise is not shown (a sum of decimals)


# --- The key snapshot -------------------------------------------------------------------------------------------

def test_a_keybook_holds_no_key_in_readable_form_and_judges_alike_when_saved_and_loaded(keys, tmp_path):
    path = keys.save(tmp_path / "keybook.json")
    loaded = load_keys(path)
    for exercise_id in ("meet-1", "numbers-7", "timeline-2", "basics-3", "framing-coding"):
        answer = EXERCISES[exercise_id].key()
        assert assess(exercise_id, answer, loaded) == assess(exercise_id, answer, keys)
    text = path.read_text(encoding="utf-8")
    assert "0.375" not in text and "2025-04-14" not in text and "capacity and resources" in text  # a frame: an option
    assert keys.save(path) == path  # an earlier KeyBook is replaced
    mine = tmp_path / "notes.json"
    mine.write_text("{}", encoding="utf-8")
    with pytest.raises(Exception, match="taken"):
        keys.save(mine)  # anything else is not


@pytest.mark.parametrize("content, message", [(None, "keybook.json: file not found"), ("{x", "not a readable answer-key file"),
                                              ('{"format": "other"}', "its format is 'other'")])
def test_an_answer_key_file_that_cannot_be_read_gets_a_message(tmp_path, content, message):
    if content is not None:
        (tmp_path / "keybook.json").write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_keys(tmp_path / "keybook.json")


def test_a_data_problem_spoils_only_the_keys_that_read_that_table(data_copy, monkeypatch):
    (data_copy / "claims.csv").write_text((data_copy / "claims.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
                                          encoding="utf-8")
    broken = compile_keys(data_copy)
    assert "numbers-3: claims.csv: has a header but no rows" in broken.problems()
    assert assess("numbers-3", 1.0, broken)[1].startswith("the answer key could not be computed because of a data problem: claims.csv")
    assert assess("meet-1", "004_7fdfdde264136472", broken) == ("correct", "")


def test_the_books_keys_are_compiled_again_when_a_data_file_changes(data_copy, monkeypatch):
    monkeypatch.setattr("newsreader.paths.DATA_DIR", data_copy)
    assert out_of(check, "meet-1", "004_7fdfdde264136472").startswith("✓")
    articles = data_copy / "articles.csv"
    articles.write_text(articles.read_text(encoding="utf-8").replace(",,not confirmed,", ",,confirmed,"), encoding="utf-8")
    assert not out_of(check, "meet-1", "004_7fdfdde264136472").startswith("✓")


def test_a_check_in_the_book_computes_only_the_keys_of_its_chapter(data_copy, monkeypatch):
    def unreachable():
        raise RuntimeError("a key of another chapter was computed")

    monkeypatch.setattr("newsreader.paths.DATA_DIR", data_copy)  # a data folder not compiled yet
    monkeypatch.setattr("newsreader.exercises.numbers.claim_table", unreachable)
    assert out_of(check, "basics-1", 15) == "✓ basics-1: correct\n"
    assert out_of(check, "numbers-3", 1).startswith("The answer keys could not be read (")


def test_the_student_edition_judges_by_its_answer_key_file(keys, tmp_path, monkeypatch):
    monkeypatch.setattr(checking, "IN_EDITION", True)
    monkeypatch.setattr(checking, "SHIPPED", keys.save(tmp_path / "keybook.json"))
    checking.shipped_keys.cache_clear()
    monkeypatch.setattr(checking, "compile_keys", None)  # nothing is computed
    try:
        assert out_of(check, "numbers-7", 0.375) == "✓ numbers-7: correct\n"
        (tmp_path / "keybook.json").write_text("{", encoding="utf-8")
        checking.shipped_keys.cache_clear()
        assert out_of(check, "numbers-7", 0.375).startswith("The answer keys could not be read (")
    finally:
        checking.shipped_keys.cache_clear()


def test_a_student_edition_cannot_compile_keys(monkeypatch):
    monkeypatch.setitem(sys.modules, "newsreader.exercises", None)  # as if the package were absent
    with pytest.raises(DataError, match="the student edition holds no code that computes answer keys"):
        compile_keys()


# --- check, hint, progress --------------------------------------------------------------------------------------

def test_check_messages(capsys):
    check("meet-1", ...)
    check("meet-1", 42)
    check("meet-1", "004_7fdfdde264136472")
    check("no-such-exercise", 1)
    check("meet-1")
    check()
    hint()
    check(["meet-1"], 1)
    check(" Meet-1 ", "004_7fdfdde264136472")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("○ meet-1: not attempted — replace the ... with your answer")
    assert lines[1].startswith("✗ meet-1: not yet — expected a string, one of")
    assert lines[2] == "✓ meet-1: correct"
    assert lines[3].startswith("There is no exercise 'no-such-exercise'. Exercise ids look like 'basics-1': copy the id")
    assert lines[4] == lines[5] == 'check() needs the exercise id and your answer, for example check("meet-1", unconfirmed_outlet).'
    assert lines[6] == 'Give the exercise id, for example hint("meet-1").'
    assert lines[7].startswith("There is no exercise ['meet-1']")
    assert lines[8] == "✓ meet-1: correct"


def test_progress_keeps_the_best_result_and_shows_a_different_latest_try(capsys, own_progress_record):
    check("meet-2", 2277)
    check("meet-2", -1)
    check("meet-1", 42)
    progress("meet")
    out = capsys.readouterr().out
    assert "✓ meet-2: correct (latest try: ✗ not yet)\n" in out and "✗ meet-1: not yet\n" in out
    in_chapter = sum(exercise.chapter == "meet" for exercise in EXERCISES.values())
    assert "○ meet-3: not attempted\n" in out and out.endswith(f"1 of {in_chapter} done\n")
    saved = json.loads(own_progress_record.read_text(encoding="utf-8"))
    assert saved["exercises"]["meet-2"] == {"best": "correct", "latest": "not yet", "tries": 2}


def test_the_record_is_beside_the_notebook_unless_the_environment_names_another(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSREADER_PROGRESS")
    monkeypatch.setattr(record, "FOLDER", tmp_path)
    assert record.path() == tmp_path / "my-progress.json"


def test_a_file_that_is_not_a_record_is_never_replaced(own_progress_record, capsys):
    own_progress_record.write_text("my notes", encoding="utf-8")
    check("meet-2", 2277)
    assert capsys.readouterr().out.startswith("✓ meet-2: correct (Your progress was not saved: my-progress.json: every name")
    assert own_progress_record.read_text(encoding="utf-8") == "my notes"


def test_hint_and_progress_in_chapter_order(capsys):
    hint("meet-2")
    hint("nope")
    progress("nope")
    progress(42)
    progress()
    out = capsys.readouterr().out
    assert out.startswith("Hint for meet-2: ")
    assert "There is no exercise 'nope'" in out
    assert "No exercises for chapter 'nope'" in out and "No exercises for chapter 42" in out
    listed = [line.split(":")[0][2:] for line in out.splitlines() if line[:1] in "✓✗○◆" and ":" in line]
    assert listed[-len(EXERCISES):] == IDS


class Hostile:
    """An object whose every comparison and repr fails."""

    def __eq__(self, other):
        raise RuntimeError("no")

    def __repr__(self):
        raise RuntimeError("no repr")

    __hash__ = object.__hash__


ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=50), st.builds(lambda s: s * 100_000, st.text(min_size=1, max_size=3)),
    st.lists(st.text(max_size=5), max_size=5), st.builds(lambda s: [s] * 100_000, st.text(max_size=3)), st.lists(st.integers(), max_size=5),
    st.dictionaries(st.text(max_size=5), st.floats(), max_size=4), st.dictionaries(st.integers(), st.integers(), max_size=4),
    st.builds(np.float64, st.floats()), st.builds(np.int64, st.integers(-10**9, 10**9)), st.dates(), st.datetimes(),
    st.builds(lambda n: pd.DataFrame({"a": range(n)}), st.integers(0, 200_000)),
    st.builds(lambda n: pd.Series(range(n)), st.integers(0, 1000)), st.builds(lambda n: np.zeros((n, 2)), st.integers(0, 3)),
    st.just(np.array(5)), st.just(pd.NaT), st.just(Hostile()), st.just(object()), st.just(print), st.just(iter([1])),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(exercise_id=st.sampled_from(IDS), answer=ANY_VALUE)
def test_check_answers_every_input_with_a_short_message(exercise_id, answer):
    lines = out_of(check, exercise_id, answer).splitlines()
    assert len(lines) == 1 and len(lines[0]) < 600, lines
    assert lines[0][0] in "✓✗○◆"
    assert "np.float64(" not in lines[0] and "np.int64(" not in lines[0]


@settings(max_examples=100, deadline=None)
@given(value=ANY_VALUE)
def test_hint_and_progress_answer_any_argument_with_a_line(value):
    assert out_of(hint, value).strip()
    assert out_of(progress, value if not isinstance(value, str) else value[:10]).strip()


# --- After a restart ------------------------------------------------------------------------------------------

def test_progress_survives_a_restart_and_a_name_error_says_to_run_the_set_up_cell(tmp_path):
    """In a real kernel started as JupyterLab starts one (in the notebook's folder, with IPython reading the kernel
    configuration that install_kernel_advice writes), a check is recorded; after a restart, a cell that uses a set-up
    name gets advice instead of a traceback, and progress() still shows the check; a KeyError (a column the table lacks,
    as `frames["date_earliest"]` in framing-7) ends with advice."""
    from jupyter_client.manager import start_new_kernel

    from newsreader.errors import KERNEL_CONFIG

    shutil.copytree(ROOT / "book" / "newsreader", tmp_path / "book" / "newsreader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", tmp_path / "data")
    profile = tmp_path / "ipython" / "profile_default"
    profile.mkdir(parents=True)
    (profile / "ipython_kernel_config.py").write_text(KERNEL_CONFIG, encoding="utf-8")
    environment = {key: value for key, value in os.environ.items() if key != "NEWSREADER_PROGRESS"}
    environment["IPYTHONDIR"] = str(tmp_path / "ipython")
    manager, client = start_new_kernel(cwd=str(tmp_path / "book"), env=environment)
    try:
        assert run(client, 'from newsreader import check\ncheck("meet-2", 2277)')[0] == "✓ meet-2: correct\n"
        manager.restart_kernel(now=True)
        client.wait_for_ready(timeout=60)
        out, error = run(client, 'progress("meet")')
        assert out == "" and error["ename"] == "NameError"
        assert error["traceback"] == ["NameError: 'progress' is not defined yet. After a restart of the kernel, run the "
                                      "chapter's set-up cell (at the top) first, then the cells you need above this one."]
        out, error = run(client, 'from newsreader import check, progress\nprogress("meet")')
        assert out.startswith("○ meet-1: not attempted\n✓ meet-2: correct\n") and error is None
        out, error = run(client, "typo_of_mine")
        assert "If this name is made in a cell above, run that cell first" in error["traceback"][-1]
        out, error = run(client, 'import pandas as pd\npd.DataFrame({"frame": ["x"]})["date_earliest"]')
        assert error["ename"] == "KeyError" and "print the table's columns with .columns" in error["traceback"][-1]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert json.loads((tmp_path / "book" / "my-progress.json").read_text(encoding="utf-8"))["exercises"]["meet-2"]["best"] == "correct"


def run(client, code: str) -> tuple[str, dict | None]:
    """The printed output and the error (None if none) of running ``code`` in the kernel."""
    printed, error = [], None

    def collect(message):
        nonlocal error
        if message["msg_type"] == "stream" and message["content"]["name"] == "stdout":
            printed.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            error = message["content"]

    client.execute_interactive(code, output_hook=collect, timeout=60)
    return "".join(printed), error


def test_the_kernel_advice_is_installed_in_the_environment_and_never_over_a_file_of_someone_else(tmp_path):
    from newsreader.errors import KERNEL_CONFIG, install_kernel_advice

    config = tmp_path / "etc" / "ipython" / "ipython_kernel_config.py"
    assert install_kernel_advice(tmp_path) == f"Kernel start-up advice installed in {config}"
    assert config.read_text(encoding="utf-8") == KERNEL_CONFIG
    assert install_kernel_advice(tmp_path).startswith("Kernel start-up advice installed")  # again: its own file
    config.write_text("c.InteractiveShell.colors = 'nocolor'\n", encoding="utf-8")
    assert install_kernel_advice(tmp_path).startswith("Kernel start-up advice not installed (")
    assert config.read_text(encoding="utf-8") == "c.InteractiveShell.colors = 'nocolor'\n"


def test_every_set_up_cell_says_what_to_do_after_a_restart_and_imports_the_name_the_advice_looks_for():
    import ast

    import nbformat

    from newsreader.errors import SET_UP_NAME

    for chapter in sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb")):
        cell = next(c for c in nbformat.read(chapter, as_version=4).cells if c.cell_type == "code" and "newsreader" in c.source)
        assert cell.source.startswith("# Set-up: run this cell first, and again after every restart"), chapter.name
        imported = {alias.asname or alias.name for node in ast.walk(ast.parse(cell.source))
                    if isinstance(node, ast.ImportFrom) and node.module == "newsreader" for alias in node.names}
        assert SET_UP_NAME in imported, chapter.name


def shown_for(failing) -> list[str]:
    """What the notebook handler shows for the KeyError that ``failing()`` raises, after a traceback of one line."""
    from newsreader.errors import explain_failure

    class Shell:  # what explain_failure uses of IPython's shell
        InteractiveTB = SimpleNamespace(structured_traceback=lambda *arguments, tb_offset=None: ["(traceback)"])

        def _showtraceback(self, exception_type, error, shown):
            self.shown = shown

    shell = Shell()
    with pytest.raises(KeyError) as raised:
        failing()
    explain_failure(shell, raised.type, raised.value, raised.tb)
    return shell.shown


def test_the_key_error_advice_comes_with_a_label_a_table_lacks_and_never_with_a_dicts_key():
    """The advice names a table's columns and row labels: it fits a KeyError that pandas raises, column or row, and
    not one of a dict in the student's own code, which is shown as IPython shows it."""
    from newsreader.errors import KEY_ADVICE

    table = pd.DataFrame({"frame": ["x"]}, index=["a"])
    assert shown_for(lambda: table["date_earliest"]) == ["(traceback)", KEY_ADVICE]
    assert shown_for(lambda: table.loc["b"]) == ["(traceback)", KEY_ADVICE]
    assert shown_for(lambda: {"frame": "x"}["date_earliest"]) == ["(traceback)"]


def test_data_errors_show_as_one_line_in_a_notebook(capsys):
    from newsreader.errors import explain_failure

    explain_failure(None, DataError, DataError("articles.csv: file not found"), None)
    assert capsys.readouterr().err == "Problem: articles.csv: file not found\n"
