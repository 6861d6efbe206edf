"""Property tests over every exercise's key: every reasonable form of the right answer is accepted, and answers
near the key are not (tests/answer_forms.py lists the forms)."""
import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from answer_forms import ISO_DATE, MONTH, numpy_number, right_forms
from newsreader.answers import MAX_DECIMALS, Choice, Number, NumberMap, roundings
from newsreader.coded import CodingAgreement
from newsreader.exercises import EXERCISES
from newsreader.keys import assess

ANSWERED = [i for i, exercise in EXERCISES.items() if not isinstance(exercise.kind, CodingAgreement)]
KEYS = {i: EXERCISES[i].key() for i in ANSWERED}
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def decimals(exercise_id) -> int:
    kind = EXERCISES[exercise_id].kind
    return kind.number.decimals if isinstance(kind, NumberMap) else getattr(kind, "decimals", 0)


@pytest.mark.parametrize("exercise_id", ANSWERED)
def test_every_listed_form_of_the_key_is_right(exercise_id, keys):
    refused = [(label, assess(exercise_id, form, keys)) for label, form in right_forms(KEYS[exercise_id], decimals(exercise_id))
               if assess(exercise_id, form, keys)[0] != "correct"]
    assert not refused


def right_answer(exercise_id):
    """A strategy for right answers of one exercise, in forms drawn at random."""
    key, places = KEYS[exercise_id], decimals(exercise_id)
    if isinstance(key, dict):
        keyed = st.permutations(list(key.items())).flatmap(
            lambda items: st.tuples(*[st.tuples(key_form(k), st.just(v)) for k, v in items]))
        return keyed.flatmap(lambda items: st.sampled_from([
            dict(items), pd.Series(dict(items)), {k: numpy_number(v) for k, v in items}, {k: float(v) for k, v in items}]))
    if isinstance(key, list):
        cased = st.permutations(key).flatmap(lambda items: st.tuples(*[item_form(item) for item in items]) if items else st.just(()))
        return cased.flatmap(lambda items: st.sampled_from([list(items), tuple(items), set(items), np.array(items, dtype=object),
                                                            pd.Series(items, dtype=object), pd.Index(items, dtype=object),
                                                            pd.Series([list(items)], index=["x"]), *items[:len(items) == 1]]))
    if isinstance(key, str) and ISO_DATE.fullmatch(key):
        return st.sampled_from([form for _, form in right_forms(key, places)])
    if isinstance(key, str):
        return item_form(key).flatmap(lambda item: st.sampled_from([item, {item}]))
    finer = st.integers(places, MAX_DECIMALS).map(lambda d: round(float(key), d))
    return finer.flatmap(lambda value: st.sampled_from([value, np.float64(value), [value], pd.Series([value]), np.array([value]), {value}]))


def key_form(key: str):
    """A key of a dict answer as a student may write it: an id in any case with spaces around; a month
    ("2025-02") also as a Timestamp, a Period or its name, with or without the year."""
    forms = [key, key.upper(), f" {key}"]
    if MONTH.fullmatch(key):
        month = pd.Period(key, freq="M")
        forms += [month, month.to_timestamp(), month.strftime("%B %Y"), month.strftime("%b %Y"), month.strftime("%B"),
                  f"{month.year}-{month.month}"]
    return st.sampled_from(forms)


def item_form(item: str):
    if ISO_DATE.fullmatch(item):
        day = datetime.date.fromisoformat(item)
        return st.sampled_from([item, day, pd.Timestamp(day), f"{day.day} {day:%B %Y}", f"{day:%B} {day.day}, {day:%Y}"])
    return st.sampled_from([item, item.upper(), f" {item}  ", item.title()])


@SETTINGS
@given(data=st.data(), exercise_id=st.sampled_from(ANSWERED))
def test_a_right_answer_in_any_form_is_right(data, exercise_id, keys):
    answer = data.draw(right_answer(exercise_id))
    assert assess(exercise_id, answer, keys)[0] == "correct", answer


def near_miss(exercise_id):
    """A strategy for wrong answers close to the key: a number a few units of its precision off, a list with one item
    more, less or changed, a dict with one value off, a date a few days off, another option."""
    key, kind, places = KEYS[exercise_id], EXERCISES[exercise_id].kind, decimals(exercise_id)
    if isinstance(key, dict):
        return st.tuples(st.sampled_from(sorted(key)), st.integers(1, 3), st.sampled_from([1, -1])).map(
            lambda change: {k: v + change[1] * change[2] if k == change[0] else v for k, v in key.items()})
    if isinstance(key, list):
        changes = [key[:i] + key[i + 1:] for i in range(len(key))] + [[*key, "000_089c4aec78f3c403" if "000_089c4aec78f3c403" not in key else "x"]]
        return st.sampled_from(changes + ([[*key[1:], "another"]] if key else []))
    if isinstance(key, str) and ISO_DATE.fullmatch(key):
        return st.integers(1, 7).flatmap(lambda days: st.sampled_from([
            (datetime.date.fromisoformat(key) + datetime.timedelta(days=sign * days)).isoformat() for sign in (1, -1)]))
    if isinstance(kind, Choice) and kind.record()["options"]:
        return st.sampled_from([option for option in kind.record()["options"] if option != key])
    if isinstance(key, str):
        return st.sampled_from([key.rsplit(" ", 1)[0] if " " in key else key[:-1], key + " too"])  # one word shortened: "003-0"
    step = 10 ** -places
    rounded = [int(end.split(":")[1]) * step for end in roundings(key, places)]
    return st.tuples(st.integers(1, 3), st.sampled_from([1, -1])).map(
        lambda change: round((max(rounded) if change[1] > 0 else min(rounded)) + change[0] * change[1] * step, places))


@SETTINGS
@given(data=st.data(), exercise_id=st.sampled_from(ANSWERED))
def test_an_answer_near_the_key_is_not_right(data, exercise_id, keys):
    answer = data.draw(near_miss(exercise_id))
    result, message = assess(exercise_id, answer, keys)
    assert result != "correct", answer
    if isinstance(EXERCISES[exercise_id].kind, Number):
        assert "too high" not in message and "too low" not in message
