"""Grade a class: run every student notebook in a folder, each in a sandbox, and judge its answers with keys computed
before any of them ran.

    python tools/grade.py SUBMISSIONS --out OUT [--timeout 60] [--notebook-timeout 300] [--jobs N]
                          [--weights FILE] [--student-id PATTERN] [--assignment TITLE] [--overwrite]

**Keys first.** Before any submission runs, the grader copies ``data/`` to a private read-only folder and computes
from it every exercise's key and declared mistake; it judges every answer against those, in its own process. What a
submission does to any data cannot change a key.

**Each run isolated.** Each notebook runs in a throwaway copy of the student edition, in a fresh kernel, with a time
limit per cell (``--timeout``) and per notebook (``--notebook-timeout``), and resource limits; see ``sandbox.py`` for
what bubblewrap adds and what the grader says when it is missing. A cell that raises, or runs too long, is recorded
and the run goes on; answers are exported after each answer cell, so those computed before a kernel got stuck or
died still count. ``data/``, ``book/`` and every submission are fingerprinted before and after: any change is
reported and the exit status is 1.

**Which chapter.** The exercise ids the submission names (in ``check("<id>", ...)`` calls and in ``:label: <id>`` of
its exercise prompts) decide: the chapter that owns most of them. If none does, or two chapters tie, the file name
decides when it contains a chapter's name (``01-meet-the-articles``); otherwise every exercise is an error.

**Which answer.** The variable that holds each answer is read from the book's check cells
(``check("<id>", <variable>)``), never from the submission; its value at the end of the run (or at the last export)
is pickled out of the kernel and read back with an allow-list of plain types (built-ins, numpy and pandas values), so
an answer cannot run code in the grader or bring its own comparison. What the notebook printed, and any ``check`` or
``newsreader`` it redefined, do not count.

**Which student.** ``--student-id`` is a regular expression with a group named ``student`` (and optionally ``name``),
searched in the submission's path inside SUBMISSIONS; or ``canvas`` (Canvas's download names,
``smithjane_12345_678_chapter.ipynb``: the Canvas user id), ``moodle`` (Moodle's, ``Jane Smith_12345_assignsubmission_
file_...``: the participant number); by default, the first folder of the path, else the file name up to its first
``_`` or ``.``. Every file of a student counts; for each exercise the best of their submissions is kept.

**Verdicts and points.** ``correct`` and ``coded`` (a coding exercise, compared with the book's coding by agreement)
earn the exercise's points (``--weights FILE``: a CSV with columns ``exercise,points``; 1 each by default);
``incorrect``, ``not attempted`` and ``error`` (with the reason: the answer is missing, the notebook could not be
read, the kernel died or timed out) earn 0. **Flags** mark what looks copied: code that uses the package's answer
keys, and answer cells equal to the book's. A flag is a reason to look, not a verdict.

**Outputs** in OUT, written at the end, each file atomically: ``gradebook.csv`` (one row per student, submission and
exercise), ``totals.csv`` (student, score, maximum), ``canvas.csv`` and ``moodle.csv`` (the same totals in the
formats Canvas's gradebook import and Moodle's grading worksheet upload take), ``submissions.csv``, ``exercises.csv``
(hardest first), ``skipped.csv`` (files that are not notebooks) and ``feedback/<student>.txt``. The grader refuses
to replace results in OUT unless given ``--overwrite``, and then keeps any file someone changed since.
"""
import argparse
import ast
import base64
import csv
import dataclasses
import io
import json
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import nbformat

import sandbox
from student_edition import write_edition

ROOT = Path(__file__).resolve().parents[1]
BOOK, DATA = ROOT / "book", ROOT / "data"
if str(BOOK) not in sys.path:
    sys.path.insert(0, str(BOOK))
sys.dont_write_bytecode = True  # grading writes nothing into book/, not even a __pycache__

from newsreader.checking import assess  # noqa: E402  (imported from the project's book/, after the path is set)
from newsreader.exercises import EXERCISES, Mistake  # noqa: E402
from newsreader.files import Written, sha256, write_file  # noqa: E402
from newsreader.paths import use_data  # noqa: E402

VERDICTS = ("correct", "incorrect", "not attempted", "error", "coded")
EARNING = ("correct", "coded")  # the verdicts that earn an exercise's points
VERDICT_OF_RESULT = {"correct": "correct", "not yet": "incorrect", "not attempted": "not attempted", "coded": "coded"}
MESSAGE_LIMIT = 300  # characters of any message in the outputs
RECORD = ".grade-record.json"
RUNNER = Path(__file__).with_name("run_submission.py")
KERNEL_ENVIRONMENT = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
                      "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                      "JUPYTER_PLATFORM_DIRS": "1"}
STUDENT_IDS = {
    "canvas": r"(?:^|/)(?P<name>[^/_]+)_(?:LATE_)?(?P<student>\d+)_\d+_[^/]*$",
    "moodle": r"^(?P<name>[^/_]+)_(?P<student>\d+)_assignsubmission_file",
    "default": r"^(?P<student>[^/]+)/|^(?P<file>[^/_.]+)",
}
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([\w.-]+)["']""")
EXERCISE_LABEL = re.compile(r"^:label:\s*([\w.-]+)\s*$", re.MULTILINE)
KEY_USE = re.compile(r"\bnewsreader\.(?:exercises|checking|keys)\b|\bEXERCISES\b|\.key\s*\(|\.mistakes\b"
                     r"|\bbook_coding\b|\bcompile_keys\b")

# What an answer may be made of when the grader unpickles it: plain data, no code.
SAFE_GLOBALS = {
    "builtins": {"Ellipsis", "bool", "bytearray", "complex", "dict", "float", "frozenset", "int", "list", "range",
                 "set", "slice", "str", "tuple"},
    "collections": {"Counter", "OrderedDict", "defaultdict"},
    "datetime": {"date", "datetime", "time", "timedelta"},
    "numpy": {"dtype", "ndarray"},
    "numpy._core.multiarray": {"_reconstruct", "scalar"},
    "numpy.core.multiarray": {"_reconstruct", "scalar"},
    "numpy._core.numeric": {"_frombuffer"},
    "numpy.core.numeric": {"_frombuffer"},
    "pandas._libs.arrays": {"__pyx_unpickle_NDArrayBacked"},
    "pandas._libs.internals": {"_unpickle_block"},
    "pandas._libs.missing": {"NA"},
    "pandas._libs.tslibs.timedeltas": {"_timedelta_unpickle"},
    "pandas._libs.tslibs.timestamps": {"_unpickle_timestamp"},
    "pandas.core.arrays.categorical": {"Categorical"},
    "pandas.core.arrays.datetimes": {"DatetimeArray"},
    "pandas.core.arrays.string_": {"StringArray", "StringDtype"},
    "pandas.core.dtypes.dtypes": {"CategoricalDtype"},
    "pandas.core.frame": {"DataFrame"},
    "pandas.core.indexes.base": {"Index", "_new_Index"},
    "pandas.core.indexes.datetimes": {"DatetimeIndex", "_new_DatetimeIndex"},
    "pandas.core.indexes.multi": {"MultiIndex"},
    "pandas.core.indexes.range": {"RangeIndex"},
    "pandas.core.internals.managers": {"BlockManager", "SingleBlockManager"},
    "pandas.core.series": {"Series"},
}


class GradeError(Exception):
    """The grading cannot start (bad folders or options, earlier results in the way, keys that cannot be computed)."""


class UnsafeAnswer(pickle.UnpicklingError):
    """An answer made of something other than plain data."""


class PlainDataUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if name in SAFE_GLOBALS.get(module, ()):
            return super().find_class(module, name)
        raise UnsafeAnswer(f"{module}.{name}")


def plain_loads(data: bytes):
    """Unpickle ``data`` if it holds only plain data (built-ins, numpy and pandas values); else UnsafeAnswer."""
    return PlainDataUnpickler(io.BytesIO(data)).load()


def one_line(text, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` on one line of at most ``limit`` characters: every message in the outputs goes through here."""
    text = re.sub(r"\s*\n\s*", "; ", re.sub(r":\s*\n\s*", ": ", str(text).strip()))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


# --- The keys: computed once, before any submission runs ------------------------------------------------------

@dataclass(frozen=True)
class KeyBook:
    """Every exercise with its key and declared mistakes frozen to the values computed from ``data`` (a private
    read-only copy of data/, which the judging also reads for answer options and codebooks)."""

    data: Path
    exercises: dict


def frozen(value):
    return lambda: deepcopy(value)  # a copy each time: no comparison can change the key


def compile_keys(data: Path) -> KeyBook:
    """Compute every key and mistake from ``data`` now. Until newsreader.keys lands, today's exercises are frozen."""
    exercises = {}
    with use_data(data):
        for exercise_id, exercise in EXERCISES.items():
            try:
                mistakes = tuple(Mistake(frozen(mistake.answer()), mistake.feedback) for mistake in exercise.mistakes)
                exercises[exercise_id] = dataclasses.replace(exercise, key=frozen(exercise.key()), mistakes=mistakes)
            except Exception as error:
                raise GradeError(f"the key of {exercise_id} cannot be computed from data/ "
                                 f"({type(error).__name__}: {one_line(error)})") from None
    return KeyBook(data, exercises)


def judge_answer(exercise_id: str, answer, keys: KeyBook) -> tuple[str, str]:
    """The verdict and message of one answer, judged against the compiled keys."""
    exercise = keys.exercises.get(exercise_id)
    if exercise is None:
        return "error", f"the book's check cell names {exercise_id!r}, which newsreader does not declare"
    try:
        with use_data(keys.data):
            result, message = assess(exercise, answer)
    except Exception as error:
        return "error", one_line(f"the check failed on this answer ({type(error).__name__}: {error})")
    if result in VERDICT_OF_RESULT:
        return VERDICT_OF_RESULT[result], one_line(message)
    return "error", one_line(f"the check returned an unknown result {result!r}: {message}")


# --- The book: which chapter holds which exercises, in which variable, with which answer cell ------------------

@dataclass(frozen=True)
class Chapter:
    name: str  # the chapter's file name without .ipynb, e.g. "01-meet-the-articles"
    answers: tuple[tuple[str, str], ...]  # (exercise id, the expression its check cell passes), in book order
    solutions: tuple[tuple[str, str], ...] = ()  # (exercise id, the book's answer cell, normalised)

    @property
    def ids(self) -> list[str]:
        return [exercise_id for exercise_id, _ in self.answers]


def check_call(source: str) -> tuple[str, str] | None:
    """(id, answer expression) if ``source`` is exactly one call ``check("<id>", <expression>)``."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return None
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Call):
        return None
    call = body[0].value
    if not (isinstance(call.func, ast.Name) and call.func.id == "check" and len(call.args) == 2
            and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
        return None
    return call.args[0].value, ast.get_source_segment(source, call.args[1])


def assigning(expression: str) -> re.Pattern:
    """A line that assigns ``expression`` (``x = ...``, ``x: int = ...``; not ``x == ...``)."""
    return re.compile(rf"^\s*{re.escape(expression)}\s*(:[^=\n]*)?=(?!=)", re.MULTILINE)


def normalised(source: str) -> str:
    """The code without comments and layout (its syntax tree), so that copies compare equal however they are spaced."""
    try:
        return ast.dump(ast.parse(source))
    except SyntaxError:
        return " ".join(source.split())


def book_chapters(book: Path = BOOK) -> list[Chapter]:
    chapters = []
    for path in sorted(book.glob("[0-9][0-9]-*.ipynb")):
        cells = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
        answers = tuple(call for call in map(check_call, (cell.source for cell in cells)) if call)
        answer_cells = [cell.source for cell in cells if "answer" in cell.metadata.get("tags", [])]
        solutions = tuple((exercise_id, normalised(source)) for exercise_id, expression in answers
                          for source in answer_cells if assigning(expression).search(source))
        chapters.append(Chapter(path.stem, answers, solutions))
    return chapters


def identify(notebook, filename: str, chapters: list[Chapter]) -> Chapter | None:
    """The chapter a submission is: the one owning most of the exercise ids it names, else the one its name names."""
    text = "\n".join(cell.source for cell in notebook.cells)
    named = set(CHECK_CALL.findall(text)) | set(EXERCISE_LABEL.findall(text))
    votes = Counter({chapter: len(named & set(chapter.ids)) for chapter in chapters})
    ranked = [chapter for chapter, count in votes.most_common() if count]
    if ranked and (len(ranked) == 1 or votes[ranked[0]] > votes[ranked[1]]):
        return ranked[0]
    return named_by(filename, chapters)


def named_by(filename: str, chapters: list[Chapter]) -> Chapter | None:
    by_name = [chapter for chapter in chapters if chapter.name in filename]
    return by_name[0] if len(by_name) == 1 else None


# --- Flags: what looks copied ----------------------------------------------------------------------------------

def flags(notebook, chapter: Chapter, edition_lines: set[str]) -> list[str]:
    """Why a submission looks copied: lines the student added that use the answer keys, answer cells that equal the
    book's."""
    found = []
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    key_uses = sorted({match for cell in cells for line in cell.source.splitlines()
                       if line.strip() not in edition_lines for match in KEY_USE.findall(line)})
    if key_uses:
        found.append("uses the package's answer keys (" + ", ".join(key_uses) + ")")
    sources = {normalised(cell.source) for cell in cells}
    copied = [exercise_id for exercise_id, solution in chapter.solutions if solution in sources]
    if copied:
        found.append(f"answer cells equal the book's ({', '.join(copied)}: {len(copied)} of {len(chapter.ids)})")
    return found


def code_lines(notebook) -> set[str]:
    return {line.strip() for cell in notebook.cells if cell.cell_type == "code" for line in cell.source.splitlines()}


# --- Running one submission ------------------------------------------------------------------------------------

@dataclass
class Run:
    """What running one submission left: each answer's pickle (or why there is none), the failures, and whether the
    run ended early."""

    answers: dict[str, tuple[str, object]] = field(default_factory=dict)
    failures: dict[int, str] = field(default_factory=dict)  # cell number (from 1) -> what went wrong
    stopped: str = ""  # why the run ended early, if it did
    seconds: float = 0.0


def read_run(ended: sandbox.Ended, limits: sandbox.Limits) -> Run:
    """The run's record (see run_submission.py), read as untrusted data."""
    if ended.status is None:
        stopped = f"the run was stopped after {limits.seconds} s (the notebook's time limit)"
    else:
        stopped = "" if ended.status == 0 else f"the run ended with status {ended.status}"
    try:
        record = json.loads(ended.output)
        run = Run(failures={int(cell): one_line(message) for cell, message in record["failures"].items()},
                  stopped=one_line(record["stopped"] or stopped))
        if record["answers"]:
            run.answers = plain_loads(base64.b64decode(record["answers"]))
        if not isinstance(run.answers, dict):
            raise ValueError("the answers are not a table")
    except Exception as error:
        return Run(stopped=stopped or one_line(f"the run left no readable record ({type(error).__name__}: {error})"))
    return run


def run_job(notebook, chapter: Chapter, folder: Path, box: sandbox.Sandbox, kit: Path, timeouts: tuple[int, int]) -> Run:
    """Run one submission in the sandbox; ``folder`` is its own job folder."""
    view = box.view(kit, folder)
    expressions = [expression for _, expression in chapter.answers]
    export_after = [number for number, cell in enumerate(notebook.cells, 1) if cell.cell_type == "code"
                    and any(assigning(expression).search(cell.source) for expression in expressions)]
    job = {"notebook": notebook, "expressions": expressions, "export_after": export_after,
           "cell_timeout": timeouts[0], "notebook_timeout": timeouts[1], "limits": box.resource_limits(),
           "edition": str(view.kit / "edition"), "work": str(view.home / "edition")}
    (folder / "job.json").write_text(json.dumps(job), encoding="utf-8")
    start = time.perf_counter()
    ended = box.run([sys.executable, str(view.kit / RUNNER.name), str(view.job / "job.json")], kit, folder,
                    KERNEL_ENVIRONMENT)
    run = read_run(ended, box.limits)
    run.seconds = time.perf_counter() - start
    return run


def answer_message(expression: str, reason: str, run: Run, notebook) -> str:
    """Why an answer is missing, with the failure of the cell that should have made it, if any."""
    cells = [number for number, cell in enumerate(notebook.cells, 1)
             if cell.cell_type == "code" and assigning(expression).search(cell.source)]
    cause = next((f"cell {number} {run.failures[number]}" for number in cells if number in run.failures), "")
    cause = cause or run.stopped
    cause = cause or next((f"cell {number} {failure}" for number, failure in sorted(run.failures.items())), "")
    what = f"{expression} is not defined" if reason.startswith("NameError") else f"{expression}: {reason}"
    return one_line(what + (f" (the run had a failure: {cause})" if cause else ""))


def judge(exercise_id: str, expression: str, run: Run, notebook, keys: KeyBook) -> tuple[str, str]:
    """The verdict and message of one exercise of one run."""
    state, content = run.answers.get(expression, ("missing", "NameError"))
    if state == "missing" and run.stopped and not run.answers:
        return "error", run.stopped
    if state == "missing":
        return "error", answer_message(expression, str(content), run, notebook)
    if state == "unreadable":
        return "error", one_line(f"{expression}: {content}")
    try:
        answer = plain_loads(content)
    except UnsafeAnswer as error:
        return "error", (f"{expression} is not plain data (it uses {one_line(error, 80)}); only built-in, numpy and "
                         "pandas values can be graded")
    except Exception as error:
        return "error", one_line(f"{expression} could not be read ({type(error).__name__}: {error})")
    return judge_answer(exercise_id, answer, keys)


# --- Grading a folder ------------------------------------------------------------------------------------------

@dataclass
class Submission:
    name: str  # path inside SUBMISSIONS
    student: str
    chapter: Chapter | None = None
    notebook: object = None
    problem: str = ""  # why it cannot be run (unreadable, unknown chapter)
    flags: list[str] = field(default_factory=list)
    run: Run | None = None


@dataclass
class Gradebook:
    rows: list[dict] = field(default_factory=list)  # student, submission, chapter, exercise, verdict, points, ...
    submissions: list[Submission] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # file, student, reason
    weights: dict[str, float] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # files that changed while grading (never, we hope)
    protections: tuple[list[str], list[str]] = ([], [])
    unmatched_ids: int = 0  # file names the student-id pattern did not match


def fingerprints(folder: Path, skip: str = "__pycache__") -> dict[str, str]:
    """Each file's sha256 by its path in ``folder`` (bytecode caches left out: they are not content)."""
    return {path.relative_to(folder).as_posix(): sha256(path) for path in sorted(folder.rglob("*"))
            if path.is_file() and skip not in path.parts}


def changes(label: str, before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [f"{label}/{name}" for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]


def read_notebook(path: Path):
    """The notebook in ``path`` (an in-memory copy), or raise ValueError with the reason it cannot be graded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(path.read_bytes().decode("utf-8"), as_version=4)
            nbformat.validate(notebook)
    except Exception as error:
        raise ValueError(one_line(f"not a readable notebook ({type(error).__name__}: "
                                  f"{(str(error).strip().splitlines() or [''])[0]})")) from None
    return notebook


def student_of(name: str, pattern: re.Pattern) -> str | None:
    match = pattern.search(name)
    if not match:
        return None
    groups = match.groupdict()
    return (groups.get("student") or groups.get("file") or "").strip() or None


def discover(submissions: Path, pattern: re.Pattern, chapters: list[Chapter], gradebook: Gradebook) -> None:
    """Read every file: notebooks become submissions (with the reason if they cannot be run), the rest are skipped."""
    for path in sorted(path for path in submissions.rglob("*") if path.is_file()):
        name = path.relative_to(submissions).as_posix()
        student = student_of(name, pattern)
        gradebook.unmatched_ids += student is None
        student = student or name
        if path.suffix != ".ipynb" or ".ipynb_checkpoints" in path.parts:
            reason = "a Jupyter checkpoint (an autosave copy)" if path.suffix == ".ipynb" else \
                f"not a notebook ({path.suffix or 'no extension'})"
            gradebook.skipped.append({"file": name, "student": student, "reason": reason})
            continue
        submission = Submission(name, student)
        try:
            submission.notebook = read_notebook(path)
            submission.chapter = identify(submission.notebook, path.name, chapters)
            if submission.chapter is None:
                submission.problem = ("unknown chapter: it names no exercise of one chapter of the book, and its "
                                      "file name names no chapter")
        except ValueError as error:
            submission.problem = str(error)
            submission.chapter = named_by(path.name, chapters)
        gradebook.submissions.append(submission)


def grade(submissions: Path, out: Path, timeouts: tuple[int, int] = (60, 300), jobs: int = 2,
          weights: dict[str, float] | None = None, pattern: str = STUDENT_IDS["default"], progress=print,
          use_bubblewrap: bool = True) -> Gradebook:
    """Compute the keys, run every notebook of ``submissions`` isolated, and judge it; fingerprint what must not
    change. ``timeouts``: seconds per cell, per notebook."""
    chapters = book_chapters()
    gradebook = Gradebook(weights={**{i: 1.0 for i in EXERCISES}, **(weights or {})})
    discover(submissions, re.compile(pattern), chapters, gradebook)
    before = {"data": fingerprints(DATA), "book": fingerprints(BOOK), "submissions": fingerprints(submissions)}
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        scratch = Path(scratch)
        keys = compile_keys(pristine_copy(DATA, scratch / "data"))
        before["keys"] = fingerprints(keys.data)
        kit = make_kit(scratch / "kit")
        edition_lines = {chapter.name: code_lines(nbformat.read(kit / "edition" / "book" / f"{chapter.name}.ipynb", 4))
                         for chapter in chapters}
        limits = sandbox.Limits(seconds=timeouts[1] + 2 * timeouts[0] + 30)
        box = sandbox.Sandbox([ROOT, submissions, out, scratch], limits, use_bubblewrap)
        gradebook.protections = box.protections()
        runnable = [s for s in gradebook.submissions if not s.problem]
        for submission in runnable:
            submission.flags = flags(submission.notebook, submission.chapter, edition_lines[submission.chapter.name])
        run_all(runnable, box, kit, scratch / "runs", timeouts, jobs, progress)
        after = {"data": fingerprints(DATA), "book": fingerprints(BOOK), "submissions": fingerprints(submissions),
                 "keys": fingerprints(keys.data)}
        gradebook.changed = [change for label in before for change in changes(label, before[label], after[label])]
        gradebook.rows = rows(gradebook, chapters, keys)
    return gradebook


def pristine_copy(data: Path, copy: Path) -> Path:
    """A read-only copy of data/ (files 0444, folders 0555) that no submission can see."""
    shutil.copytree(data, copy)
    for path in sorted(copy.rglob("*"), key=lambda p: -len(p.parts)) + [copy]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return copy


def make_kit(kit: Path) -> Path:
    """What every run gets read-only: the program that runs a notebook, and the student edition it copies."""
    kit.mkdir()
    shutil.copy(RUNNER, kit / RUNNER.name)
    write_edition(kit / "edition")
    return kit


def run_all(runnable: list[Submission], box, kit: Path, folder: Path, timeouts, jobs: int, progress) -> None:
    folder.mkdir()
    finished = 0

    def one(numbered):
        nonlocal finished
        number, submission = numbered
        (folder / str(number)).mkdir()
        submission.run = run_job(submission.notebook, submission.chapter, folder / str(number), box, kit, timeouts)
        finished += 1
        progress(f"  [{finished}/{len(runnable)}] ran {submission.name} ({submission.run.seconds:.0f} s)")

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(one, enumerate(runnable)))


def rows(gradebook: Gradebook, chapters: list[Chapter], keys: KeyBook) -> list[dict]:
    """One row per submission and exercise; a submission that could not be run has an error row for each exercise of
    its chapter (from its file name), else of every chapter the class handed in."""
    class_chapters = list(dict.fromkeys(s.chapter for s in gradebook.submissions if s.chapter and not s.problem))
    result = []
    for submission in gradebook.submissions:
        for chapter in [submission.chapter] if submission.chapter else class_chapters or [None]:
            for exercise_id, expression in chapter.answers if chapter else [("", "")]:
                if submission.problem:
                    verdict, message = "error", submission.problem
                else:
                    verdict, message = judge(exercise_id, expression, submission.run, submission.notebook, keys)
                weight = gradebook.weights.get(exercise_id, 0.0)
                result.append({"student": submission.student, "submission": submission.name,
                               "chapter": chapter.name if chapter else "", "exercise": exercise_id, "verdict": verdict,
                               "points": weight if verdict in EARNING else 0.0, "max_points": weight,
                               "message": message, "flags": "; ".join(submission.flags)})
    return result


# --- Reports ---------------------------------------------------------------------------------------------------

def best_rows(gradebook: Gradebook) -> dict[str, dict[str, dict]]:
    """For each student, for each exercise of the class, the row with the most points (the first such)."""
    best = {}
    for row in gradebook.rows:
        kept = best.setdefault(row["student"], {}).get(row["exercise"])
        if kept is None or row["points"] > kept["points"]:
            best[row["student"]][row["exercise"]] = row
    return best


def totals(gradebook: Gradebook) -> list[dict]:
    """One row per student: score, maximum (the same for everyone: every exercise of every chapter graded)."""
    exercises = {row["exercise"]: row["max_points"] for row in gradebook.rows if row["exercise"]}
    maximum = sum(exercises.values())
    best = best_rows(gradebook)
    students = list(dict.fromkeys([s.student for s in gradebook.submissions] + [f["student"] for f in gradebook.skipped]))
    result = []
    for student in sorted(students, key=str.casefold):
        mine = best.get(student, {})
        files = [s.name for s in gradebook.submissions if s.student == student]
        flagged = sorted({flag for s in gradebook.submissions if s.student == student for flag in s.flags})
        result.append({"student": student, "score": number(sum(row["points"] for row in mine.values())),
                       "maximum": number(maximum), "submissions": len(files),
                       "note": "" if files else "no notebook handed in", "flags": "; ".join(flagged)})
    return result


def number(value: float) -> str:
    return f"{value:g}"


def exercise_summary(gradebook: Gradebook) -> list[dict]:
    """One row per exercise, hardest first: lowest share of correct answers (coding exercises, never wrong, last)."""
    order = {exercise_id: position for position, exercise_id in enumerate(EXERCISES)}
    counts = {}
    for row in gradebook.rows:
        if row["exercise"]:
            counts.setdefault(row["exercise"], Counter())[row["verdict"]] += 1

    def difficulty(item):
        """Coding exercises last; then the lowest share correct, the most answers incorrect, the book's order."""
        exercise_id, count = item
        return (count["coded"] == count.total(), count["correct"] / count.total(), -count["incorrect"],
                order.get(exercise_id, len(order)))

    return [{"exercise": exercise_id, "submissions": count.total(), **{v: count[v] for v in VERDICTS},
             "share correct": f"{count['correct'] / count.total():.2f}"}
            for exercise_id, count in sorted(counts.items(), key=difficulty)]


def per_submission(gradebook: Gradebook) -> list[dict]:
    result = []
    for submission in gradebook.submissions:
        mine = [row for row in gradebook.rows if row["submission"] == submission.name]
        counts = Counter(row["verdict"] for row in mine)
        run = submission.run
        problems = submission.problem or (run.stopped if run else "")
        if run and run.failures:
            problems = "; ".join(filter(None, [problems, failures_line(run)]))
        result.append({"submission": submission.name, "student": submission.student,
                       "chapter": submission.chapter.name if submission.chapter else "",
                       **{v: counts[v] for v in VERDICTS}, "points": number(sum(row["points"] for row in mine)),
                       "seconds": f"{run.seconds:.1f}" if run else "", "problems": one_line(problems),
                       "flags": "; ".join(submission.flags)})
    return result


def failures_line(run: Run) -> str:
    return "; ".join(f"cell {number} {failure}" for number, failure in sorted(run.failures.items()))


def canvas_rows(total_rows: list[dict], title: str) -> list[list[str]]:
    """Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then the assignment's column, and a
    "Points Possible" row. Canvas matches a row by ID (its user number), else by SIS Login ID: a numeric student id
    goes to ID, any other to SIS Login ID."""
    maximum = total_rows[0]["maximum"] if total_rows else "0"
    table = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title],
             ["Points Possible", "", "", "", "", maximum]]
    for row in total_rows:
        numeric = row["student"].isdigit()
        table.append(["", row["student"] if numeric else "", "", "" if numeric else row["student"], "", row["score"]])
    return table


def moodle_rows(total_rows: list[dict], graded_at: str) -> list[list[str]]:
    """Moodle's assignment grading worksheet (Upload grading worksheet): Identifier ("Participant <number>"), Grade,
    Maximum Grade, Last modified (grade), Feedback comments."""
    table = [["Identifier", "Full name", "Grade", "Maximum Grade", "Last modified (grade)", "Feedback comments"]]
    for row in total_rows:
        table.append([f"Participant {row['student']}", "", row["score"], row["maximum"], graded_at,
                      f"{row['score']} of {row['maximum']} points; see your feedback file for each exercise."])
    return table


def feedback(student: str, gradebook: Gradebook) -> str:
    """A student's feedback file: each exercise's verdict, points and message; what went wrong in their runs."""
    mine = [s for s in gradebook.submissions if s.student == student]
    best = best_rows(gradebook).get(student, {})
    score = sum(row["points"] for row in best.values())
    lines = [f"Feedback for {student}", "", f"Score: {number(score)} of {number(sum(r['max_points'] for r in best.values()))} points."]
    for submission in mine:
        lines += ["", f"{submission.name}" + (f" (chapter {submission.chapter.name})" if submission.chapter else "")]
        if submission.problem:
            lines.append(f"  This notebook could not be graded: {submission.problem}")
        elif submission.run:
            if submission.run.stopped:
                lines.append(f"  The run ended early: {submission.run.stopped}")
            lines += [f"  Cell {number} {failure}" for number, failure in sorted(submission.run.failures.items())]
        for row in gradebook.rows:
            if row["submission"] == submission.name and row["exercise"]:
                message = f": {row['message']}" if row["message"] else ""
                lines.append(f"  {row['exercise']}: {row['verdict']} ({number(row['points'])} of "
                             f"{number(row['max_points'])}){message}")
    if not mine:
        lines += ["", "No notebook of yours was found among the submissions: "
                  + ", ".join(f["file"] for f in gradebook.skipped if f["student"] == student)]
    return "\n".join(lines) + "\n"


def csv_text(table: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    return buffer.getvalue()


def dict_csv(rows: list[dict], columns: list[str]) -> str:
    return csv_text([columns] + [[str(row[column]) for column in columns] for row in rows])


def safe_file_name(student: str) -> str:
    return re.sub(r"[^\w.-]+", "_", student).strip("._") or "student"


def write_reports(gradebook: Gradebook, out: Path, title: str) -> list[Path]:
    """Write every output file through the project's rule (atomically; a file someone changed is kept)."""
    out.mkdir(parents=True, exist_ok=True)
    record = Written(out, RECORD)
    total_rows = totals(gradebook)
    files = {
        "gradebook.csv": dict_csv([{**row, "points": number(row["points"]), "max_points": number(row["max_points"])}
                                   for row in gradebook.rows],
                                  ["student", "submission", "chapter", "exercise", "verdict", "points", "max_points",
                                   "message", "flags"]),
        "totals.csv": dict_csv(total_rows, ["student", "score", "maximum", "submissions", "note", "flags"]),
        "canvas.csv": csv_text(canvas_rows(total_rows, title)),
        "moodle.csv": csv_text(moodle_rows(total_rows, datetime.now().strftime("%Y-%m-%d %H:%M:%S"))),
        "submissions.csv": dict_csv(per_submission(gradebook), ["submission", "student", "chapter", *VERDICTS, "points",
                                                                "seconds", "problems", "flags"]),
        "exercises.csv": dict_csv(exercise_summary(gradebook), ["exercise", "submissions", *VERDICTS, "share correct"]),
        "skipped.csv": dict_csv(gradebook.skipped, ["file", "student", "reason"]),
    }
    used = set()
    for row in total_rows:
        name = safe_file_name(row["student"])
        while name.casefold() in used:
            name += "_"
        used.add(name.casefold())
        files[f"feedback/{name}.txt"] = feedback(row["student"], gradebook)
    written = [record.write(name, content) for name, content in files.items()]
    record.save()
    return written


def summary(gradebook: Gradebook, written: list[Path], seconds: float) -> str:
    counts = Counter(row["verdict"] for row in gradebook.rows)
    graded = [s for s in gradebook.submissions if not s.problem]
    lines = [f"Graded {len(graded)} notebook(s) of {len({s.student for s in gradebook.submissions})} student(s) in "
             f"{seconds:.0f} s: " + ", ".join(f"{counts[v]} {v}" for v in VERDICTS) + "."]
    hardest = [row for row in exercise_summary(gradebook) if row["coded"] < row["submissions"]][:3]
    if hardest:
        lines.append("Hardest exercises: " + ", ".join(f"{row['exercise']} ({row['correct']} of "
                                                        f"{row['submissions']} correct)" for row in hardest) + ".")
    unreadable = [s for s in gradebook.submissions if s.problem]
    if unreadable:
        lines.append(f"{len(unreadable)} notebook(s) could not be graded (every exercise an error, with the reason): "
                     + listed([s.name for s in unreadable]))
    flagged = [s for s in gradebook.submissions if s.flags]
    if flagged:
        lines.append(f"Flagged as looking copied (see the flags column): {listed([s.name for s in flagged])}")
    if gradebook.skipped:
        lines.append(f"Skipped {len(gradebook.skipped)} file(s) that are not notebooks (skipped.csv): "
                     + listed([row["file"] for row in gradebook.skipped]))
    if gradebook.unmatched_ids:
        lines.append(f"{gradebook.unmatched_ids} file name(s) did not match --student-id: their path is the student id.")
    have, missing = gradebook.protections
    lines.append("Each run had " + "; ".join(have) + ".")
    if missing:
        lines.append("MISSING protections: " + "; ".join(missing) + ".")
    if gradebook.changed:
        lines.append("WARNING: these files changed while the class was graded (a submission wrote to them?): "
                     + listed(gradebook.changed) + ". Restore them before you trust this grading or grade again.")
    else:
        lines.append("data/, book/, the keys' copy and every submission file are byte-for-byte unchanged.")
    gradebook_file = next((path for path in written if path.name.startswith("gradebook")), None)
    lines.append(f"Written in {written[0].parent if written else ''}: {len(written)} file(s)"
                 + (f"; {gradebook_file.name} has sha256 {sha256(gradebook_file)[:16]}" if gradebook_file else "") + ".")
    renamed = [path.name for path in written if path.parent.name != "feedback" and re.search(r"-\d+\.", path.name)]
    if renamed:
        lines.append("Kept files someone changed in OUT; the new results are in " + listed(renamed) + ".")
    return "\n".join(lines)


def listed(names: list[str], shown: int = 10) -> str:
    """At most ``shown`` names, then how many more."""
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


# --- The command -----------------------------------------------------------------------------------------------

OUTPUT_NAMES = ("gradebook.csv", "totals.csv", "canvas.csv", "moodle.csv", "submissions.csv", "exercises.csv",
                "skipped.csv", "feedback", RECORD)


def prepare_output(submissions: Path, out: Path, overwrite: bool) -> None:
    """Check the folders. Refuse to replace earlier results unless asked to, and any OUT inside what is graded."""
    if not submissions.is_dir():
        raise GradeError(f"{submissions} is not a folder of submissions")
    if out.exists() and not out.is_dir():
        raise GradeError(f"{out} is a file, not a folder for the results")
    for folder, what in ((submissions, "the submissions"), (DATA, "data/"), (BOOK, "book/")):
        if out.resolve() == folder.resolve() or folder.resolve() in out.resolve().parents:
            raise GradeError(f"{out} is inside {what}: write the results to a folder outside it")
    existing = [name for name in OUTPUT_NAMES if (out / name).exists() or (out / name).is_symlink()]
    if existing and not overwrite:
        raise GradeError(f"{out} already holds results ({', '.join(existing)}); pass --overwrite to replace "
                         "them, or choose another --out")


def read_weights(path: Path) -> dict[str, float]:
    """The points of each exercise from a CSV with columns exercise,points; GradeError naming the problem."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            table = list(csv.DictReader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise GradeError(f"--weights {path}: cannot be read ({one_line(error, 120)})") from None
    if not table or not {"exercise", "points"} <= set(table[0]):
        raise GradeError(f"--weights {path}: needs the columns exercise and points, and one row per exercise")
    weights = {}
    for line, row in enumerate(table, start=2):
        exercise_id, points = (row["exercise"] or "").strip(), (row["points"] or "").strip()
        if exercise_id not in EXERCISES:
            raise GradeError(f"--weights {path}, line {line}: {one_line(exercise_id, 60)!r} is not an exercise of the "
                             f"book (they look like {next(iter(EXERCISES))!r})")
        if exercise_id in weights:
            raise GradeError(f"--weights {path}, line {line}: {exercise_id} is listed twice")
        try:
            weights[exercise_id] = float(points)
        except ValueError:
            weights[exercise_id] = -1.0
        if not 0 <= weights[exercise_id] < float("inf"):
            raise GradeError(f"--weights {path}, line {line}: the points of {exercise_id} must be a number, 0 or more "
                             f"(not {one_line(points, 40)!r})")
    return weights


def student_pattern(text: str) -> str:
    pattern = STUDENT_IDS.get(text, text)
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise GradeError(f"--student-id {text!r} is not a regular expression ({error})") from None
    if "student" not in compiled.groupindex:
        raise GradeError(f"--student-id {text!r} has no group named student, as in (?P<student>[^_]+)")
    return pattern


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="grade", description="Run a folder of student notebooks, each in a sandbox, and grade their exercises "
        "with keys computed before any of them ran.")
    parser.add_argument("submissions", metavar="SUBMISSIONS", type=Path,
                        help="folder of student notebooks (.ipynb), searched recursively")
    parser.add_argument("--out", metavar="OUT", type=Path, required=True,
                        help="folder for the gradebook, totals, LMS files and feedback (created if missing)")
    parser.add_argument("--timeout", metavar="SECONDS", type=int, default=60,
                        help="whole seconds a cell may run (default 60)")
    parser.add_argument("--notebook-timeout", metavar="SECONDS", type=int, default=300,
                        help="whole seconds a notebook may run (default 300)")
    parser.add_argument("--jobs", metavar="N", type=int, default=os.cpu_count() or 1,
                        help="notebooks run at the same time (default: the number of cores)")
    parser.add_argument("--weights", metavar="FILE", type=Path,
                        help="CSV with columns exercise,points (default: 1 point each)")
    parser.add_argument("--student-id", metavar="PATTERN", default="default",
                        help="canvas, moodle, or a regular expression with a group named student, searched in each "
                             "file's path (default: the first folder, else the file name up to its first _ or .)")
    parser.add_argument("--assignment", metavar="TITLE", help="the assignment's column title in canvas.csv "
                        "(default: the chapters graded)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the results already in OUT (files someone changed are kept)")
    options = parser.parse_args(argv)
    if options.timeout < 1 or options.notebook_timeout < 1 or options.jobs < 1:
        parser.error("--timeout, --notebook-timeout and --jobs must be at least 1")
    return options


def main(argv: list[str]) -> int:
    options = arguments(argv)
    start = time.perf_counter()
    try:
        prepare_output(options.submissions, options.out, options.overwrite)
        weights = read_weights(options.weights) if options.weights else {}
        pattern = student_pattern(options.student_id)
        gradebook = grade(options.submissions, options.out, (options.timeout, options.notebook_timeout),
                          options.jobs, weights, pattern)
    except GradeError as error:
        print(f"Nothing graded: {error}", file=sys.stderr)
        return 2
    chapters = list(dict.fromkeys(row["chapter"] for row in gradebook.rows if row["chapter"]))
    written = write_reports(gradebook, options.out, options.assignment or " + ".join(chapters) or "notebook")
    print(summary(gradebook, written, time.perf_counter() - start))
    if not gradebook.submissions:
        print(f"Warning: no notebook in {options.submissions} could be graded; is it the right folder?", file=sys.stderr)
    return 1 if gradebook.changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
