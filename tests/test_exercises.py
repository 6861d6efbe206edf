"""Self-tests of every exercise in the book: the key passes, the placeholder is "not attempted",
each declared mistake fails with its own feedback, and a wrong type gets a message, not a traceback."""
import pytest

from newsreader import check, hint
from newsreader.exercises import EXERCISES

IDS = list(EXERCISES)
CODING = {i for i in IDS if hasattr(EXERCISES[i].kind, "assess")}  # coding exercises report agreement instead


def passed(exercise_id):
    return f"◆ {exercise_id}: coded" if exercise_id in CODING else f"✓ {exercise_id}: correct"


def failed(exercise_id):
    return f"◆ {exercise_id}: coded" if exercise_id in CODING else f"✗ {exercise_id}: not yet"


@pytest.mark.parametrize("exercise_id", IDS)
def test_answer_key_passes(exercise_id, capsys):
    check(exercise_id, EXERCISES[exercise_id].key())
    out = capsys.readouterr().out
    assert out.startswith(passed(exercise_id))
    if exercise_id in CODING:
        assert "Every decision agrees with the book's." in out


@pytest.mark.parametrize("exercise_id", IDS)
def test_placeholder_is_not_attempted(exercise_id, capsys):
    check(exercise_id, ...)
    assert capsys.readouterr().out.startswith(f"○ {exercise_id}: not attempted")


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_declares_a_plausible_mistake(exercise_id):
    assert EXERCISES[exercise_id].mistakes, "declare at least one plausible wrong answer"


@pytest.mark.parametrize(
    "exercise_id, mistake",
    [(i, m) for i in IDS for m in EXERCISES[i].mistakes],
    ids=[f"{i}-mistake{n}" for i in IDS for n, _ in enumerate(EXERCISES[i].mistakes)],
)
def test_plausible_mistake_fails_with_its_feedback(exercise_id, mistake, capsys):
    check(exercise_id, mistake.answer())
    out = capsys.readouterr().out
    assert out.startswith(failed(exercise_id))
    assert mistake.feedback in out


class Opaque:
    """An answer of a type no exercise expects."""


@pytest.mark.parametrize("exercise_id", IDS)
def test_wrong_type_gets_a_message(exercise_id, capsys):
    check(exercise_id, Opaque())
    out = capsys.readouterr().out
    assert out.startswith(f"✗ {exercise_id}: not yet — expected ")


@pytest.mark.parametrize("exercise_id", IDS)
def test_hint_is_printed(exercise_id, capsys):
    hint(exercise_id)
    assert capsys.readouterr().out.startswith(f"Hint for {exercise_id}: ")
