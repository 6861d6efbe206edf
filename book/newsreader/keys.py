"""The answer keys as a snapshot, and the one function that judges an answer against them.

``compile_keys(data)`` computes every exercise's key and declared mistakes once, from one data folder, and seals them
(``newsreader.answers``): a ``KeyBook`` holds, per exercise, its chapter, hint and kind of answer, salted digests of
the key and of each mistake with its feedback, and no key in readable form. ``assess(exercise_id, answer, keys)`` is
the one comparison: ``check()`` in the book and in the student edition, and the grader, all call it, so that their
verdicts agree by construction.

The student edition ships a KeyBook saved as JSON (``KeyBook.save``, ``load_keys``) instead of the exercise modules
that compute keys, so ``compile_keys`` works only where ``newsreader.exercises`` is present: in the book.
"""
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .answers import (CORRECT, NOT_ATTEMPTED, NOT_YET, Choice, Date, Items, Kind, Number, NumberMap, Sealer,
                      Unreadable, shown)
from .coded import CodingAgreement
from .errors import DataError
from .files import sha256, write_file
from .paths import data_dir, use_data
from .text import folded

FORMAT = "newsreader keybook 1"
KINDS = {kind.name: kind for kind in (Number, Choice, Date, Items, NumberMap, CodingAgreement)}


def kind_from_record(record: dict) -> Kind:
    """The answer kind a record describes (``Kind.record()``)."""
    parameters = dict(record)
    return KINDS[parameters.pop("name")](**parameters)


@dataclass(frozen=True)
class Compiled:
    """One exercise, compiled: what the student sees of it (chapter, hint, kind) and its sealed key and mistakes."""

    id: str
    chapter: str
    hint: str
    kind: Kind
    key: dict | None = None  # None if the key could not be computed: then ``problem`` says why
    mistakes: tuple[tuple[dict, str], ...] = ()  # (sealed wrong answer, its feedback)
    problem: str = ""

    def as_json(self) -> dict:
        return {"chapter": self.chapter, "hint": self.hint, "kind": self.kind.record(), "key": self.key,
                "mistakes": [{"sealed": sealed, "feedback": feedback} for sealed, feedback in self.mistakes],
                "problem": self.problem}

    @classmethod
    def from_json(cls, exercise_id: str, data: dict) -> "Compiled":
        return cls(exercise_id, data["chapter"], data["hint"], kind_from_record(data["kind"]), data["key"],
                   tuple((mistake["sealed"], mistake["feedback"]) for mistake in data["mistakes"]), data["problem"])


@dataclass(frozen=True)
class KeyBook:
    """Every exercise compiled from one data folder, in the book's order."""

    salt: str
    source: str  # the fingerprint of the data folder the keys were computed from
    exercises: dict[str, Compiled]

    def sealer(self, exercise_id: str) -> Sealer:
        return Sealer(self.salt, exercise_id)

    def find(self, exercise_id) -> Compiled | None:
        """The exercise with this id; case and spaces around do not matter."""
        if not isinstance(exercise_id, str):
            return None
        return self.exercises.get(exercise_id) or self.exercises.get(folded(exercise_id).replace(" ", ""))

    def problems(self) -> list[str]:
        """One line per exercise whose key could not be computed."""
        return [f"{compiled.id}: {compiled.problem}" for compiled in self.exercises.values() if compiled.problem]

    def as_text(self) -> str:
        return json.dumps({"format": FORMAT, "salt": self.salt, "source": self.source,
                           "exercises": {i: compiled.as_json() for i, compiled in self.exercises.items()}},
                          ensure_ascii=False, indent=0, sort_keys=False)

    def save(self, path) -> Path:
        """Write the KeyBook to ``path`` (replacing only an earlier KeyBook there) and return the path."""
        path = Path(path)
        return write_file(path.parent, path.name, self.as_text(), fallbacks=lambda name: (), replaceable=is_keybook)


def is_keybook(path: Path) -> bool:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def load_keys(path) -> KeyBook:
    """A KeyBook saved by ``KeyBook.save``; DataError if the file is missing or is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"its format is {data.get('format')!r}, not {FORMAT!r}")
        exercises = {i: Compiled.from_json(i, compiled) for i, compiled in data["exercises"].items()}
    except FileNotFoundError:
        raise DataError(f"{path.name}: file not found (looked in {path.parent}); it comes with the student edition") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise DataError(f"{path.name}: not a readable answer-key file ({error}); take it again from the student "
                        "edition's zip") from None
    return KeyBook(data["salt"], data["source"], exercises)


def fingerprint(folder: Path) -> str:
    """One sha256 of every file below ``folder``: its path and its content."""
    files = sorted(path for path in Path(folder).rglob("*") if path.is_file())
    return hashlib.sha256("\n".join(f"{path.relative_to(folder).as_posix()} {sha256(path)}" for path in files).encode()).hexdigest()


def compile_keys(data=None, chapter: str | None = None) -> KeyBook:
    """Compute every key and declared mistake once (or only those of one ``chapter``), from the data folder ``data``
    (by default the book's), and seal them. An exercise whose key cannot be computed (a data problem) is kept with the
    problem, so that its check says so; ``KeyBook.problems()`` lists them."""
    try:
        from .exercises import EXERCISES
    except ImportError:
        raise DataError("the student edition holds no code that computes answer keys; it uses its answer-key file") from None
    folder = Path(data) if data is not None else data_dir()
    source = fingerprint(folder)
    salt = hashlib.sha256(f"{FORMAT}\x1f{source}".encode()).hexdigest()[:32]
    chosen = {i: exercise for i, exercise in EXERCISES.items() if chapter in (None, exercise.chapter)}
    with use_data(folder):
        return KeyBook(salt, source, {i: compiled(exercise, Sealer(salt, i)) for i, exercise in chosen.items()})


def compiled(exercise, sealer: Sealer) -> Compiled:
    try:
        kind = kind_from_record(exercise.kind.record())  # exactly what the student edition rebuilds from its file
        return Compiled(exercise.id, exercise.chapter, exercise.hint, kind, kind.seal_key(exercise.key(), sealer),
                        tuple((kind.seal(mistake.answer(), sealer), mistake.feedback) for mistake in exercise.mistakes))
    except DataError as error:
        return Compiled(exercise.id, exercise.chapter, exercise.hint, exercise.kind, problem=str(error))


def assess(exercise_id, answer, keys: KeyBook) -> tuple[str, str]:
    """The result of ``answer`` ("correct", "not yet", "not attempted" or "coded") and a message for the student that
    says what to do next and never holds the answer. Never raises."""
    try:
        compiled = keys.find(exercise_id)
        if compiled is None:
            return NOT_YET, unknown(exercise_id, keys)
        if answer is Ellipsis:
            return NOT_ATTEMPTED, f"replace the ... with your answer ({compiled.kind.expects})."
        if compiled.problem:
            return NOT_YET, (f"the answer key could not be computed because of a data problem: {compiled.problem}. "
                             "Restore that file (the zip of the student edition holds the originals), then check again.")
        return judged(compiled, answer, keys.sealer(compiled.id))
    except Exception as error:  # a student's object can fail in any way; the student gets a message, not a traceback
        return NOT_YET, (f"your answer could not be checked ({type(error).__name__}: {shown(str(error))}); check what "
                         "it holds, e.g. by printing it.")


def judged(compiled: Compiled, answer, sealer: Sealer) -> tuple[str, str]:
    kind = compiled.kind
    if isinstance(kind, CodingAgreement):  # a coding is reported as agreement, never as right or wrong
        return kind.assess(answer, compiled.key, compiled.mistakes, sealer)
    try:
        reading = kind.read(answer)
    except Unreadable as problem:
        return NOT_YET, f"{str(problem).rstrip('.')}."
    note = f" {reading.note}" if reading.note else ""
    if kind.agrees(reading, compiled.key, sealer):
        return CORRECT, reading.note
    for sealed, feedback in compiled.mistakes:
        if kind.agrees(reading, sealed, sealer):
            return NOT_YET, feedback + note
    return NOT_YET, kind.feedback(reading, compiled.key, sealer) + note


def unknown(exercise_id, keys: KeyBook) -> str:
    example = next(iter(keys.exercises), "meet-1")
    return (f"There is no exercise {shown(exercise_id)}. Exercise ids look like {example!r}: copy the id from the "
            "prompt above the cell.")
