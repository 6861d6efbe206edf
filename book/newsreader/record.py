"""The record of a student's work, kept beside the notebooks in ``my-progress.json``: each exercise's best result,
its latest try and the number of tries, and the name the student saves codings under.

The record survives a restart of the kernel (``progress()`` shows it). The environment variable
``NEWSREADER_PROGRESS`` names another file: the test suite sets it, so that checking the book's own notebooks writes
nothing into the repository and starts from an empty record.
"""
import json
import os
from pathlib import Path

from .answers import CODED, CORRECT, NOT_ATTEMPTED, NOT_YET
from .files import WriteRefused, write_file

NAME = "my-progress.json"
VARIABLE = "NEWSREADER_PROGRESS"
MARK = "progress in Reading the News on CECOT"
FOLDER = Path.cwd()  # the kernel's working folder when newsreader is imported: the notebook's folder
RANK = {NOT_ATTEMPTED: 0, NOT_YET: 1, CODED: 2, CORRECT: 3}


def path() -> Path:
    return Path(os.environ.get(VARIABLE) or FOLDER / NAME)


def read() -> dict:
    """The record: {"record": MARK, "name": ..., "exercises": {id: {"best", "latest", "tries"}}}; an empty one if
    there is none yet, or the file is not a record."""
    try:
        data = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"record": MARK, "name": "", "exercises": {}}
    return data if is_record(data) else {"record": MARK, "name": "", "exercises": {}}


def is_record(data) -> bool:
    return isinstance(data, dict) and data.get("record") == MARK and isinstance(data.get("exercises"), dict) and all(
        isinstance(entry, dict) and entry.get("best") in RANK and entry.get("latest") in RANK
        for entry in data["exercises"].values())


def holds_record(file: Path) -> bool:
    try:
        return is_record(json.loads(Path(file).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False


def write(data: dict) -> str:
    """Save the record, replacing only an earlier record; "" if saved, else a note that says why not."""
    target = path()
    try:
        write_file(target.parent, target.name, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True),
                   fallbacks=lambda name: (), replaceable=holds_record)
    except (OSError, WriteRefused) as error:
        return f"(Your progress was not saved: {error}.)"
    return ""


def remember(exercise_id: str, result: str) -> str:
    """Record a check's result; "" if saved, else a note that says why not."""
    data = read()
    entry = data["exercises"].get(exercise_id, {"best": NOT_ATTEMPTED, "tries": 0})
    data["exercises"][exercise_id] = {"best": max(entry["best"], result, key=RANK.get), "latest": result,
                                      "tries": int(entry.get("tries", 0)) + 1}
    return write(data)


def results() -> dict[str, dict]:
    """Each recorded exercise's best result, latest try and number of tries."""
    return read()["exercises"]


def student_name() -> str:
    return str(read().get("name") or "")


def remember_name(name: str) -> str:
    """Record the name codings are saved under; "" if saved, else a note that says why not."""
    data = read()
    data["name"] = name
    return write(data)
