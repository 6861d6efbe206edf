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

**Which chapter.** A class is graded on one chapter, given with ``--chapter`` (``04-framing`` or ``04``) or else the
chapter of most notebooks; every student's maximum is that chapter's points. A notebook's chapter is decided by the
exercise ids it names (in ``check("<id>", ...)`` calls and in ``:label: <id>`` of its exercise prompts): the chapter
that owns most of them; if none does, or two chapters tie, by its file name when that contains a chapter's name
(``01-meet-the-articles``). A notebook larger than 20 MB (``MAX_NOTEBOOK_BYTES``) is not even read. A notebook of
another chapter, or of none, is not run: each exercise of the class's chapter
is an error row for its student, with the reason, and the summary lists it.

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
keys, answer cells equal to the book's, and answers typed as values (a number, a string, a list of them) where the
book computes them. A flag is a reason to look, not a verdict.

**Outputs** in OUT, written at the end, each file atomically: ``gradebook.csv`` (one row per student, submission and
exercise), ``totals.csv`` (student, score, maximum), ``canvas.csv`` and ``moodle.csv`` (the same totals in the
formats Canvas's gradebook import and Moodle's grading worksheet upload take), ``submissions.csv``, ``exercises.csv``
(hardest first), ``skipped.csv`` (files that are not notebooks) and ``feedback/<student>.txt``. The grader refuses
to replace results in OUT unless given ``--overwrite``, and then keeps any file someone changed since.

The parts: this file finds, identifies and runs the submissions; ``judging.py`` computes the keys and judges the
answers; ``sandbox.py`` isolates each run of ``run_submission.py``; ``gradebook.py`` writes the outputs.
"""
import argparse
import ast
import csv
import json
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

import sandbox
from gradebook import ANOTHER_CHAPTER, EARNING, RECORD, Gradebook, Submission, coding_sheet, summary, write_reports
from judging import BOOK, GradeError, KeyBook, Run, assigning, compile_keys, judge_submission, one_line, read_run
from newsreader.checking import GRADING
from newsreader.exercises import EXERCISES
from newsreader.files import sha256
from student_edition import write_edition

ROOT = BOOK.parent
DATA = ROOT / "data"
RUNNER = Path(__file__).with_name("run_submission.py")
PYTHON = Path(os.path.abspath(sys.executable))  # without "..": the sandbox holds the environment, not the folders around
KERNEL_ENVIRONMENT = {"PATH": f"{PYTHON.parent}:/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
                      "PYTHONDONTWRITEBYTECODE": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                      "JUPYTER_PLATFORM_DIRS": "1", GRADING: "1"}
STUDENT_IDS = {
    "canvas": r"(?:^|/)(?P<name>[^/_]+)_(?:LATE_)?(?P<student>\d+)_\d+_[^/]*$",
    "moodle": r"^(?P<name>[^/_]+)_(?P<student>\d+)_assignsubmission_file",
    "default": r"^(?P<student>[^/]+)/|^(?P<file>[^/_.]+)",
}
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([\w.-]+)["']""")
EXERCISE_LABEL = re.compile(r"^:label:\s*([\w.-]+)\s*$", re.MULTILINE)
MAX_NOTEBOOK_BYTES = 20 * 1024**2  # a larger file is not read: parsing takes several times its size in memory
KEY_USE = re.compile(r"\bnewsreader\.(?:exercises|checking|keys)\b|\bEXERCISES\b|\.key\s*\(|\.mistakes\b"
                     r"|\bbook_coding\b|\bcompile_keys\b")


# --- The book: which chapter holds which exercises, in which variable, with which answer cell ------------------

@dataclass(frozen=True)
class Chapter:
    name: str  # the chapter's file name without .ipynb, e.g. "01-meet-the-articles"
    answers: tuple[tuple[str, str], ...]  # (exercise id, the expression its check cell passes), in book order
    solutions: tuple[tuple[str, str], ...] = ()  # (exercise id, the book's answer cell, normalised)
    computed: frozenset[str] = frozenset()  # the exercises whose answer the book computes (not a typed value)

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


# What parsing a hostile cell can raise: bad syntax, a null byte, an expression nested too deep for the parser.
PARSE_FAILURES = (SyntaxError, ValueError, RecursionError, MemoryError)


def normalised(source: str) -> str:
    """The code without comments and layout (its syntax tree), so that copies compare equal however they are spaced;
    code that cannot be parsed, without its layout."""
    try:
        return ast.dump(ast.parse(source))
    except PARSE_FAILURES:
        return " ".join(source.split())


def typed_value(source: str, expression: str) -> bool | None:
    """Whether the last statement of ``source`` that assigns ``expression`` assigns a literal value (a number, a
    string, a list or dict of them, as ``ast.literal_eval`` reads it; not the edition's ``...``); None if no statement
    does, or the code cannot be parsed."""
    try:
        statements = ast.parse(source).body
    except PARSE_FAILURES:
        return None
    values = [statement.value for statement in statements if isinstance(statement, (ast.Assign, ast.AnnAssign))
              and statement.value is not None and expression in [ast.unparse(target) for target in (
                  statement.targets if isinstance(statement, ast.Assign) else [statement.target])]]
    if not values:
        return None
    try:
        return ast.literal_eval(values[-1]) is not Ellipsis
    except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
        return False


def book_chapters(book: Path = BOOK) -> list[Chapter]:
    chapters = []
    for path in sorted(book.glob("[0-9][0-9]-*.ipynb")):
        cells = [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]
        answers = tuple(call for call in map(check_call, (cell.source for cell in cells)) if call)
        answer_cells = [cell.source for cell in cells if "answer" in cell.metadata.get("tags", [])]
        solutions = tuple((exercise_id, normalised(source)) for exercise_id, expression in answers
                          for source in answer_cells if assigning(expression).search(source))
        computed = frozenset(exercise_id for exercise_id, expression in answers for source in answer_cells
                             if typed_value(source, expression) is False)
        chapters.append(Chapter(path.stem, answers, solutions, computed))
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
    book's, answers typed as values where the book computes them (found offline, or copied)."""
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
    typed = [exercise_id for exercise_id, expression in chapter.answers if exercise_id in chapter.computed
             and any(typed_value(cell.source, expression) for cell in cells)]
    if typed:
        found.append(f"typed as a value, not computed ({', '.join(typed)}: {len(typed)} of {len(chapter.ids)})")
    return found


def code_lines(notebook) -> set[str]:
    return {line.strip() for cell in notebook.cells if cell.cell_type == "code" for line in cell.source.splitlines()}


# --- Running one submission ------------------------------------------------------------------------------------

def run_job(notebook, chapter: Chapter, folder: Path, box: sandbox.Sandbox, kit: Path,
            timeouts: tuple[int, int]) -> Run:
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
    ended = box.run([str(PYTHON), str(view.kit / RUNNER.name), str(view.job / "job.json")], kit, folder,
                    KERNEL_ENVIRONMENT)
    run = read_run(ended, box.limits)
    run.seconds = time.perf_counter() - start
    return run


# --- Grading a folder ------------------------------------------------------------------------------------------

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
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            submission.problem = (f"too large to grade ({path.stat().st_size / 1024**2:.1f} MB; a notebook may have at "
                                  f"most {MAX_NOTEBOOK_BYTES // 1024**2} MB): clear its outputs and hand it in again")
            gradebook.submissions.append(submission)
            continue
        try:
            submission.notebook = read_notebook(path)
            submission.chapter = identify(submission.notebook, path.name, chapters)
            if submission.chapter is None:
                submission.problem = ("unknown chapter: it names no exercise of one chapter of the book, and its "
                                      "file name names no chapter")
        except ValueError as error:
            submission.problem = str(error)
        gradebook.submissions.append(submission)


def class_chapter(gradebook: Gradebook, chapters: list[Chapter], given: str | None) -> None:
    """Choose the chapter the class is graded on (given, else that of most notebooks) and make every notebook of
    another chapter an error of its own student."""
    if given:
        chosen = [chapter for chapter in chapters if given in (chapter.name, chapter.name[:2])]
        if not chosen:
            raise GradeError(f"--chapter {given!r} is not a chapter of the book (they are "
                             + ", ".join(chapter.name for chapter in chapters) + ")")
        gradebook.chapter, gradebook.chapter_reason = chosen[0], "given with --chapter"
    else:
        votes = Counter(s.chapter for s in gradebook.submissions if s.chapter and not s.problem).most_common()
        if not votes:
            raise GradeError("no notebook could be read as a chapter of the book; name the chapter with --chapter")
        if len(votes) > 1 and votes[0][1] == votes[1][1]:
            raise GradeError("as many notebooks are of " + " as of ".join(c.name for c, _ in votes[:2])
                             + ": name the class's chapter with --chapter")
        gradebook.chapter = votes[0][0]
        gradebook.chapter_reason = f"the chapter of {votes[0][1]} of {len(gradebook.submissions)} notebooks"
    for submission in gradebook.submissions:
        if submission.chapter and submission.chapter != gradebook.chapter and not submission.problem:
            submission.problem = (f"{ANOTHER_CHAPTER}: this notebook is {submission.chapter.name}, and the class is "
                                  f"graded on {gradebook.chapter.name}")


def grade(submissions: Path, out: Path, timeouts: tuple[int, int] = (60, 300), jobs: int = 2,
          weights: dict[str, float] | None = None, pattern: str = STUDENT_IDS["default"], progress=print,
          chapter: str | None = None) -> Gradebook:
    """Compute the keys, run every notebook of ``submissions`` isolated, and judge it; fingerprint what must not
    change. ``timeouts``: seconds per cell, per notebook; ``chapter``: the class's chapter, if given."""
    chapters = book_chapters()
    gradebook = Gradebook(weights={**{i: 1.0 for i in EXERCISES}, **(weights or {})})
    discover(submissions, re.compile(pattern), chapters, gradebook)
    if not gradebook.submissions:
        others = [row["file"] for row in gradebook.skipped]
        raise GradeError(f"{submissions} holds no notebook (.ipynb)" + (
            f", only {len(others)} other file(s) such as {', '.join(others[:3])}" if others else "")
            + "; is it the right folder?")
    class_chapter(gradebook, chapters, chapter)
    before = {"data": fingerprints(DATA), "book": fingerprints(BOOK), "submissions": fingerprints(submissions)}
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        scratch = Path(scratch)
        keys = compile_keys(pristine_copy(DATA, scratch / "data"))
        before["keys"] = fingerprints(keys.data)
        kit = make_kit(scratch / "kit")
        edition_lines = {chapter.name: code_lines(nbformat.read(kit / "edition" / "book" / f"{chapter.name}.ipynb", 4))
                         for chapter in chapters}
        limits = sandbox.Limits(seconds=timeouts[1] + 2 * timeouts[0] + 30)
        box = sandbox.Sandbox(limits)
        gradebook.protections = box.protections()
        for submission in gradebook.submissions:
            examine(submission, edition_lines)
        runnable = [s for s in gradebook.submissions if not s.problem]
        run_all(runnable, box, kit, scratch / "runs", timeouts, jobs, progress)
        after = {"data": fingerprints(DATA), "book": fingerprints(BOOK), "submissions": fingerprints(submissions),
                 "keys": fingerprints(keys.data)}
        gradebook.changed = [change for label in before for change in changes(label, before[label], after[label])]
        gradebook.rows = rows(gradebook, keys)
    return gradebook


def examine(submission: Submission, edition_lines: dict[str, set[str]]) -> None:
    """Flag what looks copied; a notebook the grader cannot even look at is an error of its own, never the class's."""
    if submission.problem:
        return
    try:
        submission.flags = flags(submission.notebook, submission.chapter, edition_lines[submission.chapter.name])
    except Exception as error:
        submission.problem = one_line(f"the grader could not read its code ({type(error).__name__}: {error})")


def pristine_copy(data: Path, copy: Path) -> Path:
    """A read-only copy of data/ (files 0444, folders 0555) that no submission can see."""
    shutil.copytree(data, copy)
    for path in sorted(copy.rglob("*"), key=lambda p: -len(p.parts)) + [copy]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    return copy


def make_kit(kit: Path) -> Path:
    """What every run gets read-only: the program that runs a notebook, and the student edition it copies, without
    its answer-key file (the grader judges with the keys it computed; in the run, check() says so)."""
    kit.mkdir()
    shutil.copy(RUNNER, kit / RUNNER.name)
    write_edition(kit / "edition", with_keys=False)
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
        try:
            list(pool.map(one, enumerate(runnable)))
        except BaseException:  # Ctrl-C: stop the runs now rather than wait for their time limits
            box.stop_all()
            raise


def rows(gradebook: Gradebook, keys: KeyBook) -> list[dict]:
    """One row per submission and exercise of the class's chapter; a submission that could not be run has an error
    row for each, with the reason."""
    chapter, result = gradebook.chapter, []
    for submission in gradebook.submissions:
        if submission.problem:
            judged = [("error", submission.problem, None)] * len(chapter.answers)
        else:
            judged = judge_submission(chapter.answers, submission.run, submission.notebook, keys, coding_sheet)
        for (exercise_id, _), (verdict, message, sheet) in zip(chapter.answers, judged):
            weight = gradebook.weights.get(exercise_id, 0.0)
            result.append({"student": submission.student, "submission": submission.name, "chapter": chapter.name,
                           "exercise": exercise_id, "verdict": verdict,
                           "points": weight if verdict in EARNING else 0.0, "max_points": weight,
                           "message": message, "flags": "; ".join(submission.flags), "sheet": sheet})
    return result


# --- The command -----------------------------------------------------------------------------------------------

OUTPUT_NAMES = ("gradebook.csv", "totals.csv", "canvas.csv", "moodle.csv", "submissions.csv", "exercises.csv",
                "skipped.csv", "feedback", "coding", RECORD)


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
    parser.add_argument("--chapter", metavar="CHAPTER", help="the chapter the class is graded on, e.g. 04-framing "
                        "or 04 (default: the chapter of most notebooks)")
    parser.add_argument("--assignment", metavar="TITLE", help="the assignment's column title in canvas.csv "
                        "(default: the chapter's name)")
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
                          options.jobs, weights, pattern, chapter=options.chapter)
    except GradeError as error:
        print(f"Nothing graded: {error}", file=sys.stderr)
        return 2
    written = write_reports(gradebook, options.out, options.assignment or gradebook.chapter.name)
    print(summary(gradebook, written, time.perf_counter() - start))
    return 1 if gradebook.changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
