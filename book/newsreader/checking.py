"""check(), hint() and progress(): the self-checking exercises of every chapter.

The exercises themselves are declared in ``newsreader.exercises``, one module per chapter. Every function here
prints one short message and returns nothing, whatever it is given, so a student's notebook shows a line of
feedback and never a traceback.
"""
from .answers import shown
from .errors import DataError
from .exercises import EXERCISES

CORRECT, NOT_YET, NOT_ATTEMPTED, CODED = "correct", "not yet", "not attempted", "coded"
ICONS = {CORRECT: "✓", NOT_YET: "✗", NOT_ATTEMPTED: "○", CODED: "◆"}  # plain symbols: every font has them
MISSING = object()  # stands for an argument the student left out

_results: dict[str, str] = {}  # exercise id -> last result in this session


def check(exercise_id=MISSING, answer=MISSING) -> None:
    """Print whether ``answer`` solves the exercise, with feedback that helps without giving it away."""
    if answer is MISSING:
        print('check() needs the exercise id and your answer, for example check("meet-1", unconfirmed_outlet).')
        return
    exercise = find(exercise_id)
    if exercise is None:
        print(unknown(exercise_id))
        return
    result, message = assess(exercise, answer)
    _results[exercise.id] = result
    print(f"{ICONS[result]} {exercise.id}: {result}" + (f" — {message}" if message else ""))


def find(exercise_id):
    return EXERCISES.get(exercise_id) if isinstance(exercise_id, str) else None


def assess(exercise, answer) -> tuple[str, str]:
    """The result of ``answer`` and a message for the student; never raises."""
    if answer is Ellipsis:
        return NOT_ATTEMPTED, f"replace the ... with your answer ({exercise.kind.expects})."
    try:
        problem = exercise.kind.problem(answer)
        if problem:
            return NOT_YET, problem + "."
        key = exercise.key()
    except DataError as error:
        return NOT_YET, f"the answer key could not be computed because of a data problem: {error}"
    except Exception as error:  # a student's object can fail in any way; the student gets a message, not a traceback
        return NOT_YET, f"your answer could not be checked ({type(error).__name__}: {shown(str(error))}); check its contents."
    try:
        if hasattr(exercise.kind, "assess"):  # coding exercises report agreement, not right or wrong
            result, message = exercise.kind.assess(answer, key)
            advice = exercise.explain(answer, key)  # a declared mistake's feedback, or ""
            return result, message + (f"\n{advice}" if advice else "")
        if exercise.kind.matches(answer, key):
            return CORRECT, ""
        return NOT_YET, exercise.explain(answer, key)
    except Exception as error:
        return NOT_YET, f"your answer could not be compared with the expected one ({shown(str(error))}); check its contents."


def hint(exercise_id=MISSING) -> None:
    """Print the hint of an exercise."""
    exercise = find(exercise_id)
    print(unknown(exercise_id) if exercise is None else f"Hint for {exercise.id}: {exercise.hint}")


def progress(chapter=None) -> None:
    """Print one line per exercise (of one chapter, if given): its last result in this session."""
    chapters = list(dict.fromkeys(exercise.chapter for exercise in EXERCISES.values()))
    if chapter is not None and not (isinstance(chapter, str) and chapter in chapters):
        print(f"No exercises for chapter {shown(chapter)}. Chapters: {chapters}")
        return
    ids = [i for i in EXERCISES if chapter is None or EXERCISES[i].chapter == chapter]
    for exercise_id in ids:
        result = _results.get(exercise_id, NOT_ATTEMPTED)
        print(f"{ICONS[result]} {exercise_id}: {result}")
    done = sum(_results.get(i) in (CORRECT, CODED) for i in ids)
    print(f"{done} of {len(ids)} done")


def unknown(exercise_id) -> str:
    if exercise_id is MISSING:
        return 'Give the exercise id, for example hint("meet-1").'
    return (f"There is no exercise {shown(exercise_id)}. Exercise ids look like {next(iter(EXERCISES))!r}; "
            "see the prompt above the cell.")
