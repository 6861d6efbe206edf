"""The answer kinds and the check/hint/progress messages, on small examples."""
import math

import pandas as pd
import pytest

from newsreader import check, hint, progress
from newsreader.answers import Choice, Number, NumberByKey, Table, TextSet


@pytest.mark.parametrize("answer, message", [
    ("12", "expected a number (int or float), but got str '12'"),
    (True, "expected a number (int or float), but got bool True"),
    (math.nan, "expected a finite number"),
])
def test_number_rejects_what_is_not_a_number(answer, message):
    assert message in Number().problem(answer)


def test_number_compares_with_a_tolerance():
    assert Number(tolerance=0.01).matches(0.195, 0.19)
    assert not Number(tolerance=0.001).matches(0.195, 0.19)
    assert Number().feedback(5, 3) == "5 is too high."


def test_choice_ignores_case_spacing_and_quote_style():
    kind = Choice(options=["alpha", "beta"])
    assert kind.problem(" Alpha ") is None
    assert kind.matches(" Alpha ", "alpha")
    assert "is not one of the options" in kind.problem("gamma")
    assert Choice().matches("the world’s worst", "The world's worst")


def test_text_set_compares_as_a_set():
    kind = TextSet()
    assert kind.matches(["b", "A"], {"a", "b"})
    assert "expected a list or set of strings" in kind.problem("a")
    assert "found 3" in kind.problem(["a", 3])
    assert kind.feedback(["a", "c"], ["a", "b"]) == "1 of the 2 expected items are there; 1 item(s) should not be."


def test_number_by_key_names_missing_extra_and_wrong_keys():
    kind = NumberByKey()
    assert kind.matches(pd.Series({"a": 1, "b": 2}), {"b": 2, "a": 1})
    assert kind.feedback({"a": 1, "c": 5}, {"a": 2, "b": 2}) == (
        "missing key(s) ['b']; unexpected key(s) ['c']; the value is not right for ['a']")
    assert "the value for 'a' is '1'" in kind.problem({"a": "1"})


def test_table_ignores_row_order_and_index():
    kind = Table(columns=["id", "n"])
    key = pd.DataFrame({"id": ["x", "y"], "n": [1, 2]})
    answer = pd.DataFrame({"id": ["y", "x"], "n": [2.0, 1.0], "extra": [0, 0]}, index=[7, 3])
    assert kind.problem(answer) is None
    assert kind.matches(answer, key)
    assert kind.feedback(answer.assign(n=[2, 5]), key) == "the values differ in column(s) ['n']"
    assert kind.feedback(answer.head(1), key) == "expected 2 rows, but got 1"
    assert "missing column(s) ['n']" in kind.problem(answer.drop(columns="n"))


def test_check_messages(capsys):
    check("meet-1", ...)
    check("meet-1", 42)
    check("meet-1", "004_7fdfdde264136472")
    check("no-such-exercise", 1)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("○ meet-1: not attempted — replace the ... with your answer")
    assert lines[1].startswith("✗ meet-1: not yet — expected a string, one of")
    assert lines[2] == "✓ meet-1: correct"
    assert lines[3].startswith("There is no exercise 'no-such-exercise'")


def test_hint_and_progress(capsys):
    hint("meet-2")
    hint("nope")
    check("meet-2", -1)
    progress("meet")
    progress("nope")
    out = capsys.readouterr().out
    assert out.startswith("Hint for meet-2: ")
    assert "There is no exercise 'nope'" in out
    assert "✗ meet-2: not yet" in out
    assert "No exercises for chapter 'nope'" in out


def test_an_answer_that_cannot_be_compared_gets_a_message():
    from newsreader.checking import assess
    from newsreader.exercises import Exercise

    class Fragile(Number):
        def matches(self, answer, key):
            raise TypeError("cannot compare")

    exercise = Exercise(id="x-1", chapter="x", kind=Fragile(), key=lambda: 1, hint="")
    assert assess(exercise, 2) == ("not yet", "your answer could not be compared with the expected one "
                                              "(cannot compare); check its contents.")


def test_data_errors_show_as_one_line_in_a_notebook(capsys):
    from newsreader.errors import DataError, show_without_traceback

    show_without_traceback(None, DataError, DataError("articles.csv: file not found"), None)
    assert capsys.readouterr().err == "Data problem: articles.csv: file not found\n"
