"""The answer kinds and the check/hint/progress messages: small examples, then property-based inputs of every
type and size for every exercise. check(), hint() and progress() answer everything with a message."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader import check, hint, progress
from newsreader.answers import Choice, Number, NumberByKey, TextSet, shown
from newsreader.exercises import EXERCISES

IDS = list(EXERCISES)


@pytest.mark.parametrize("answer, message", [
    ("12", "expected a number (int or float), but got str '12'"),
    (True, "expected a number (int or float), but got bool True"),
    (math.nan, "expected a finite number"),
    (10**400, "of a sensible size, but got one with 401 digits"),
])
def test_number_rejects_what_is_not_a_number(answer, message):
    assert message in Number().problem(answer)


def test_number_compares_with_a_tolerance():
    assert Number(tolerance=0.01).matches(0.195, 0.19)
    assert not Number(tolerance=0.001).matches(0.195, 0.19)
    assert Number().feedback(5, 3) == "5 is too high."
    assert Number().feedback(np.float64(0.5), 3) == "0.5 is too low."


def test_choice_ignores_case_spacing_and_quote_style():
    kind = Choice(options=["alpha", "beta"])
    assert kind.problem(" Alpha ") is None
    assert kind.matches(" Alpha ", "alpha")
    assert "is not one of the options" in kind.problem("gamma")
    assert Choice().matches("the world’s worst", "The world's worst")


def test_choice_options_are_computed_only_when_an_answer_is_checked():
    calls = []
    kind = Choice(options=lambda: calls.append(1) or ["a"])
    assert not calls
    assert kind.problem("a") is None and calls


def test_text_set_compares_as_a_set_and_refuses_duplicates():
    kind = TextSet()
    assert kind.matches(["b", "A"], {"a", "b"})
    assert "expected a list or set of strings" in kind.problem("a")
    assert "found 3" in kind.problem(["a", 3])
    assert "'a' appears more than once" in kind.problem(["a", "b", "a"])
    assert kind.feedback(["a", "c"], ["a", "b"]) == "1 of the 2 expected items are there; 1 item(s) should not be."


def test_number_by_key_names_missing_extra_and_wrong_keys():
    kind = NumberByKey()
    assert kind.matches(pd.Series({"a": 1, "b": 2}), {"b": 2, "a": 1})
    assert kind.feedback({"a": 1, "c": 5}, {"a": 2, "b": 2}) == (
        "missing key(s) ['b']; unexpected key(s) ['c']; the value is not right for ['a']")
    assert "the value for 'a': expected a number" in kind.problem({"a": "1"})


def test_shown_keeps_messages_short_and_numbers_plain():
    assert shown(np.float64(0.25)) == "0.25" and shown(np.int64(3)) == "3"
    assert len(shown("x" * 100_000)) < 80
    assert len(shown(list(range(100_000)))) < 80


def test_check_messages(capsys):
    check("meet-1", ...)
    check("meet-1", 42)
    check("meet-1", "004_7fdfdde264136472")
    check("no-such-exercise", 1)
    check("meet-1")
    check()
    hint()
    check(["meet-1"], 1)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("○ meet-1: not attempted — replace the ... with your answer")
    assert lines[1].startswith("✗ meet-1: not yet — expected a string, one of")
    assert lines[2] == "✓ meet-1: correct"
    assert lines[3].startswith("There is no exercise 'no-such-exercise'")
    assert lines[4] == lines[5] == 'check() needs the exercise id and your answer, for example check("meet-1", unconfirmed_outlet).'
    assert lines[6] == 'Give the exercise id, for example hint("meet-1").'
    assert lines[7].startswith("There is no exercise ['meet-1']")


def test_hint_and_progress_in_chapter_order(capsys):
    hint("meet-2")
    hint("nope")
    check("meet-2", -1)
    progress("meet")
    progress("nope")
    progress(42)
    progress()
    out = capsys.readouterr().out
    assert out.startswith("Hint for meet-2: ")
    assert "There is no exercise 'nope'" in out
    assert "✗ meet-2: not yet" in out
    assert "No exercises for chapter 'nope'" in out and "No exercises for chapter 42" in out
    listed = [line.split(":")[0][2:] for line in out.splitlines() if line[:1] in "✓✗○◆" and ":" in line]
    assert listed[-len(EXERCISES):] == IDS
    assert IDS[0].startswith(("basics", "meet"))


def test_an_answer_that_cannot_be_compared_gets_a_message():
    from newsreader.checking import assess
    from newsreader.exercises import Exercise

    class Fragile(Number):
        def matches(self, answer, key):
            raise TypeError("cannot compare")

    exercise = Exercise(id="x-1", chapter="x", kind=Fragile(), key=lambda: 1, hint="")
    assert assess(exercise, 2) == ("not yet", "your answer could not be compared with the expected one "
                                              "('cannot compare'); check its contents.")


def test_a_table_with_a_header_and_no_rows_gets_a_message_from_check(data_copy, monkeypatch, capsys):
    (data_copy / "claims.csv").write_text((data_copy / "claims.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
                                          encoding="utf-8")
    monkeypatch.setattr("newsreader.paths.DATA_DIR", data_copy)
    check("numbers-3", 1.0)
    assert "claims.csv: has a header but no rows" in capsys.readouterr().out


def test_data_errors_show_as_one_line_in_a_notebook(capsys):
    from newsreader.errors import DataError, show_without_traceback

    show_without_traceback(None, DataError, DataError("articles.csv: file not found"), None)
    assert capsys.readouterr().err == "Data problem: articles.csv: file not found\n"


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
    st.dictionaries(st.text(max_size=5), st.floats(), max_size=4),
    st.builds(np.float64, st.floats()), st.builds(np.int64, st.integers(-10**9, 10**9)),
    st.builds(lambda n: pd.DataFrame({"a": range(n)}), st.integers(0, 200_000)),
    st.builds(lambda n: pd.Series(range(n)), st.integers(0, 1000)),
    st.just(Hostile()), st.just(object()), st.just(print),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(exercise_id=st.sampled_from(IDS), answer=ANY_VALUE)
def test_check_answers_every_input_with_one_short_line(exercise_id, answer):
    from io import StringIO
    from contextlib import redirect_stdout

    out = StringIO()
    with redirect_stdout(out):
        check(exercise_id, answer)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 600, lines
    assert lines[0][0] in "✓✗○◆"
    assert "np.float64(" not in lines[0] and "np.int64(" not in lines[0]


@settings(max_examples=100, deadline=None)
@given(value=ANY_VALUE)
def test_hint_and_progress_answer_any_argument(value):
    from io import StringIO
    from contextlib import redirect_stdout

    with redirect_stdout(StringIO()):
        hint(value)
        progress(value if not isinstance(value, str) else value[:10])
