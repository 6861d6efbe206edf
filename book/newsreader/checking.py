"""check(), hint() and progress(): the self-checking exercises of every chapter.

Every answer is judged by ``newsreader.keys.assess`` against a snapshot of the keys: in the book, compiled from data/
when first needed and again whenever a file in it changes; in the student edition, which holds no code that computes
keys, read from its answer-key file. Every check is recorded beside the notebook (``newsreader.record``), so progress
survives a restart. Every function here prints one short message and returns nothing, whatever it is given: a
notebook shows a line of feedback, never a traceback.
"""
import importlib.util
import os
from functools import lru_cache
from pathlib import Path

from . import record
from .answers import CODED, CORRECT, NOT_ATTEMPTED, NOT_YET, shown
from .keys import KeyBook, assess, compile_keys, load_keys, unknown
from .paths import data_dir
from .text import folded

ICONS = {CORRECT: "✓", NOT_YET: "✗", NOT_ATTEMPTED: "○", CODED: "◆"}  # plain symbols: every font has them
MISSING = object()  # stands for an argument the student left out
SHIPPED = Path(__file__).with_name("keybook.json")  # the student edition's keys
IN_EDITION = importlib.util.find_spec(f"{__package__}.exercises") is None
GRADING = "NEWSREADER_GRADING"  # set by the grader in a graded run, whose copy of the edition holds no answer-key file
GRADED_RUN = ("This is a graded run: the grader checks every answer itself, with keys it computed, so check() and "
              "hint() have no keys here.")


def current_keys(chapter: str | None = None) -> KeyBook:
    """The keys to judge by: the edition's file; or the book's, compiled from the data folder in use (only those of
    ``chapter`` if given: a chapter's notebook needs no others)."""
    if IN_EDITION:
        return shipped_keys()
    folder = data_dir()
    return book_keys(folder, data_stamp(folder), chapter)


@lru_cache(maxsize=1)
def shipped_keys() -> KeyBook:
    return load_keys(SHIPPED)


@lru_cache(maxsize=16)
def book_keys(folder: Path, _stamp: tuple, chapter: str | None = None) -> KeyBook:
    return compile_keys(folder, chapter)


def exercise_chapters() -> dict[str, str]:
    """Every exercise id, in the book's order, with its chapter: from the edition's key file, or from the book's
    declarations (no key is computed)."""
    if IN_EDITION:
        return {i: exercise.chapter for i, exercise in shipped_keys().exercises.items()}
    from .exercises import EXERCISES

    return {i: exercise.chapter for i, exercise in EXERCISES.items()}


def chapter_of(exercise_id) -> str | None:
    """The chapter of an exercise (case and spaces in its id do not matter), or None if there is no such exercise."""
    return exercise_chapters().get(folded(exercise_id).replace(" ", "")) if isinstance(exercise_id, str) else None


def loaded_keys(exercise_id=None) -> KeyBook | None:
    """The current keys (in the book, those of the exercise's chapter), or None after printing why they cannot be read
    (a damaged answer-key file or data folder)."""
    if IN_EDITION and os.environ.get(GRADING) and not SHIPPED.exists():
        print(GRADED_RUN)
        return None
    try:
        return current_keys(chapter_of(exercise_id))
    except Exception as error:
        print(f"The answer keys could not be read ({shown(str(error))}): restore the data folder, or take the edition "
              "again from its zip.")
        return None


def data_stamp(folder: Path) -> tuple:
    """What changes when any file below ``folder`` changes: names, sizes, modification times."""
    files = sorted(path for path in Path(folder).rglob("*") if path.is_file())
    return tuple((path.as_posix(), path.stat().st_size, path.stat().st_mtime_ns) for path in files)


def check(exercise_id=MISSING, answer=MISSING) -> None:
    """Print whether ``answer`` solves the exercise, with feedback that helps without giving it away."""
    if answer is MISSING:
        print('check() needs the exercise id and your answer, for example check("meet-1", unconfirmed_outlet).')
        return
    keys = loaded_keys(exercise_id)
    if keys is None:
        return
    exercise = keys.find(exercise_id)
    if exercise is None:
        print(unknown(exercise_id, keys))
        return
    result, message = assess(exercise.id, answer, keys)
    saved = record.remember(exercise.id, result)
    print(f"{ICONS[result]} {exercise.id}: {result}" + (f" — {message}" if message else "") + (f" {saved}" if saved else ""))


def hint(exercise_id=MISSING) -> None:
    """Print the hint of an exercise."""
    if exercise_id is MISSING:
        print('Give the exercise id, for example hint("meet-1").')
        return
    keys = loaded_keys(exercise_id)
    if keys is not None:
        exercise = keys.find(exercise_id)
        print(unknown(exercise_id, keys) if exercise is None else f"Hint for {exercise.id}: {exercise.hint}")


def progress(chapter=None) -> None:
    """Print one line per exercise (of one chapter, if given): its best result so far, and the latest try where it
    differs. The record is kept beside the notebook, so it survives a restart."""
    try:
        index = exercise_chapters()
    except Exception as error:  # a damaged answer-key file: one line, not a traceback
        print(f"The list of exercises could not be read ({shown(str(error))}): take the edition again from its zip.")
        return
    chapters = list(dict.fromkeys(index.values()))
    if chapter is not None and not (isinstance(chapter, str) and chapter in chapters):
        print(f"No exercises for chapter {shown(chapter)}. Chapters: {chapters}")
        return
    ids = [i for i, name in index.items() if chapter is None or name == chapter]
    done = record.results()
    for exercise_id in ids:
        entry = done.get(exercise_id, {"best": NOT_ATTEMPTED, "latest": NOT_ATTEMPTED})
        latest = f" (latest try: {ICONS[entry['latest']]} {entry['latest']})" if entry["latest"] != entry["best"] else ""
        print(f"{ICONS[entry['best']]} {exercise_id}: {entry['best']}{latest}")
    print(f"{sum(done.get(i, {}).get('best') in (CORRECT, CODED) for i in ids)} of {len(ids)} done")
