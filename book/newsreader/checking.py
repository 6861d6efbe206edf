"""check(), hint() and progress(): the self-checking exercises of every chapter.

The exercises themselves are declared in ``newsreader.exercises``, one module per chapter.
Every function here prints one short message and returns nothing, so a student's notebook
shows a line of feedback and never a traceback.
"""
from .errors import DataError
from .exercises import EXERCISES

CORRECT, NOT_YET, NOT_ATTEMPTED = "correct", "not yet", "not attempted"
ICONS = {CORRECT: "✓", NOT_YET: "✗", NOT_ATTEMPTED: "○"}  # plain symbols: every font has them

_results: dict[str, str] = {}  # exercise id -> last result in this session


def check(exercise_id: str, answer) -> None:
    """Print whether ``answer`` solves the exercise, with feedback that helps without giving it away."""
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        print(unknown(exercise_id))
        return
    result, message = assess(exercise, answer)
    _results[exercise_id] = result
    print(f"{ICONS[result]} {exercise_id}: {result}" + (f" — {message}" if message else ""))


def assess(exercise, answer) -> tuple[str, str]:
    """The result of ``answer`` and a message for the student."""
    if answer is Ellipsis:
        return NOT_ATTEMPTED, f"replace the ... with your answer ({exercise.kind.expects})."
    problem = exercise.kind.problem(answer)
    if problem:
        return NOT_YET, problem + "."
    try:
        key = exercise.key()
    except DataError as error:
        return NOT_YET, f"the answer key could not be computed: {error}"
    try:
        if exercise.kind.matches(answer, key):
            return CORRECT, ""
        return NOT_YET, exercise.explain(answer, key)
    except (TypeError, ValueError) as error:
        return NOT_YET, f"your answer could not be compared with the expected one ({error}); check its contents."


def hint(exercise_id: str) -> None:
    """Print the hint of an exercise."""
    exercise = EXERCISES.get(exercise_id)
    print(unknown(exercise_id) if exercise is None else f"Hint for {exercise_id}: {exercise.hint}")


def progress(chapter: str | None = None) -> None:
    """Print one line per exercise (of one chapter, if given): its last result in this session."""
    ids = [i for i in EXERCISES if chapter is None or EXERCISES[i].chapter == chapter]
    if not ids:
        print(f"No exercises for chapter {chapter!r}. Chapters: {sorted({e.chapter for e in EXERCISES.values()})}")
        return
    for exercise_id in ids:
        result = _results.get(exercise_id, NOT_ATTEMPTED)
        print(f"{ICONS[result]} {exercise_id}: {result}")
    done = sum(_results.get(i) == CORRECT for i in ids)
    print(f"{done} of {len(ids)} correct")


def unknown(exercise_id) -> str:
    return f"There is no exercise {exercise_id!r}. Exercise ids look like {next(iter(EXERCISES))!r}; see the prompt above the cell."
