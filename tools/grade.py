"""Grade a class: run every student notebook in a folder and check its answers with the book's own checks.

    python tools/grade.py SUBMISSIONS --out OUT [--timeout 60] [--jobs 2] [--overwrite]

Each notebook in SUBMISSIONS (searched in subfolders too) is a chapter of the student edition that a student
filled in. The grader reads it into memory (the file itself is never opened for writing, and its bytes are
checked unchanged at the end), runs that copy in a fresh kernel whose working folder is the book's ``book/``
(so ``import newsreader`` works as in class), with a time limit per cell. A cell that raises, or runs too long
and is interrupted, is recorded and the run goes on, so later exercises are still graded. If two cells in a row
run out of time (the kernel did not come back), or the kernel dies, the run ends and every exercise of that
notebook is an error with the reason. Notebooks run side by side (``--jobs``); one that never ends holds up no other.

**Which chapter.** The exercise ids the submission names (in ``check("<id>", ...)`` calls and in the
``:label: <id>`` of its exercise prompts) decide: the chapter of the book that owns most of them. A notebook that
names none, or names two chapters equally, is identified by its file name if that contains a chapter's file name
(``01-meet-the-articles``); otherwise it is skipped as "unknown chapter".

**Which answer.** The variable that holds each exercise's answer is read from the book's chapter notebooks (the
check cell ``check("<id>", <variable>)``), never from the submission. After the run, the grader pickles those
variables (their values at the end of the run) out of the kernel and judges them in its own process with
``newsreader.checking.assess``: what the notebook printed, and any ``check`` or ``newsreader`` the student
redefined, do not count. The pickles are read with an allow-list of plain types (built-ins, numpy and pandas
values), so an answer cannot run code in the grader or bring its own comparison (a ``str`` subclass equal to
everything is an error, not a pass).

**Verdicts** (one row per submission and exercise in ``gradebook.csv``):
``correct``; ``incorrect`` (the check's "not yet", with its feedback); ``not attempted`` (the answer is still
``...``); ``error`` (the variable does not exist or cannot be read, or the kernel died or timed out: the message
says why); ``coded`` (a coding exercise: the student's coding is compared with the book's and the message gives
the agreement figure; it is neither right nor wrong).

**Outputs** in OUT (created if missing): ``gradebook.csv``, ``totals.csv`` (per submission), ``exercises.csv``
(per exercise, hardest first: the lowest share of correct answers) and ``skipped.csv`` (files that are not gradable
notebooks, with the reason). The grader refuses to replace earlier results in OUT unless given ``--overwrite``,
and refuses an OUT inside SUBMISSIONS. Nothing in SUBMISSIONS is ever written.

Students' notebooks are programs: the grader runs them with your permissions, as opening them in Jupyter would.
It is not a sandbox. Run it on a machine (or account) where that is acceptable.
"""
import argparse
import ast
import asyncio
import csv
import hashlib
import io
import logging
import os
import pickle
import re
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import DEVNULL

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
if str(BOOK) not in sys.path:
    sys.path.insert(0, str(BOOK))
sys.dont_write_bytecode = True  # grading writes nothing into book/, not even a __pycache__

from newsreader.checking import current_keys  # noqa: E402  (imported from the project's book/, after the path is set)
from newsreader.keys import assess  # noqa: E402
from newsreader.exercises import EXERCISES  # noqa: E402

VERDICTS = ("correct", "incorrect", "not attempted", "error", "coded")
VERDICT_OF_RESULT = {"correct": "correct", "not yet": "incorrect", "not attempted": "not attempted", "coded": "coded"}
OUTPUT_FILES = ("gradebook.csv", "totals.csv", "exercises.csv", "skipped.csv")
TIMEOUT_NAME = "CellTimeout"
KERNEL_ENV = {"PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}  # no bytecode written into book/ by imports

CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([\w.-]+)["']""")
EXERCISE_LABEL = re.compile(r"^:label:\s*([\w.-]+)\s*$", re.MULTILINE)

# Run in the kernel after the student's cells: pickle each answer (or say why it cannot be) into a file.
EXPORT_CELL = '''\
def _grader_export(expressions, path):
    import pickle
    answers = {{}}
    for expression in expressions:
        try:
            value = eval(expression, globals())
        except BaseException as error:
            answers[expression] = ("missing", f"{{type(error).__name__}}: {{error}}")
            continue
        try:
            answers[expression] = ("value", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except BaseException as error:
            answers[expression] = ("unreadable", f"a {{type(value).__name__}} cannot be pickled ({{error}})")
    with open(path, "wb") as file:
        pickle.dump(answers, file)


_grader_export({expressions!r}, {path!r})
'''

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
    """The grading cannot start (bad folders, earlier results in the way)."""


class KernelStuck(Exception):
    """Two cells in a row ran out of time: the kernel did not come back (or came back to another endless cell)."""


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


# --- The book: which chapter holds which exercises, and in which variable -------------------------------------

@dataclass(frozen=True)
class Chapter:
    name: str  # the chapter's file name without .ipynb, e.g. "01-meet-the-articles"
    answers: tuple[tuple[str, str], ...]  # (exercise id, the expression its check cell passes), in book order

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


def book_chapters(book: Path = BOOK) -> list[Chapter]:
    chapters = []
    for path in sorted(book.glob("[0-9][0-9]-*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        calls = [check_call(cell.source) for cell in notebook.cells if cell.cell_type == "code"]
        chapters.append(Chapter(path.stem, tuple(call for call in calls if call)))
    return chapters


def identify(notebook, filename: str, chapters: list[Chapter]) -> Chapter | None:
    """The chapter a submission is: the one owning most of the exercise ids it names, else the one its name names."""
    text = "\n".join(cell.source for cell in notebook.cells)
    named = set(CHECK_CALL.findall(text)) | set(EXERCISE_LABEL.findall(text))
    votes = Counter({chapter: len(named & set(chapter.ids)) for chapter in chapters})
    ranked = [chapter for chapter, count in votes.most_common() if count]
    if ranked and (len(ranked) == 1 or votes[ranked[0]] > votes[ranked[1]]):
        return ranked[0]
    by_name = [chapter for chapter in chapters if chapter.name in filename]
    return by_name[0] if len(by_name) == 1 else None


# --- Running one submission ----------------------------------------------------------------------------------

@dataclass
class Run:
    """What running one submission left behind: each answer's pickle (or why there is none), and the failures."""

    answers: dict[str, tuple[str, object]] = field(default_factory=dict)
    failures: dict[int, str] = field(default_factory=dict)  # cell number (from 1) -> what went wrong
    stopped: str = ""  # why the run ended early (kernel died, could not start), if it did
    cell: int = 0  # the cell running now (from 1)
    last_timeout: int = 0  # the last cell that ran out of time, if the one just before this did


def quiet_logger() -> logging.Logger:
    """nbclient's log, silenced: what went wrong in a cell is reported in the gradebook instead."""
    logger = logging.getLogger("grade.kernel")
    logger.disabled = True
    return logger


async def run_submission(notebook, chapter: Chapter, timeout: int, scratch: Path) -> Run:
    """Run ``notebook`` (an in-memory copy) in a fresh kernel in book/, then pickle its answers into ``scratch``."""
    run = Run()
    answers_file = scratch / "answers.pickle"
    expressions = [expression for _, expression in chapter.answers]
    notebook.cells.append(nbformat.v4.new_code_cell(EXPORT_CELL.format(expressions=expressions,
                                                                       path=str(answers_file))))
    export_number = len(notebook.cells)

    def started(cell, cell_index):
        run.cell = cell_index + 1

    def executed(cell, cell_index, execute_reply):
        content = (execute_reply or {}).get("content", {})
        timed_out = content.get("ename") == TIMEOUT_NAME
        if content.get("status") == "error":
            name, value = content.get("ename", "Error"), content.get("evalue", "")
            run.failures[cell_index + 1] = value if timed_out else f"raised {name}: {value}"
        if timed_out and run.last_timeout:
            raise KernelStuck(f"cells {run.last_timeout} and {cell_index + 1} both ran longer than {timeout} s: "
                              "the kernel is stuck, so no answer could be read")
        run.last_timeout = cell_index + 1 if timed_out else 0

    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
        error_on_timeout={"ename": TIMEOUT_NAME, "evalue": f"ran longer than {timeout} s and was stopped",
                          "traceback": []},
        resources={"metadata": {"path": str(BOOK)}}, on_cell_start=started, on_cell_executed=executed,
        iopub_timeout=1, shutdown_kernel="immediate", log=quiet_logger(),  # outputs never count; no kernel is reused
    )
    try:
        await client.async_execute(env={**os.environ, **KERNEL_ENV}, stdout=DEVNULL, stderr=DEVNULL)
    except DeadKernelError:
        run.stopped = f"the kernel stopped while running cell {run.cell}"
    except KernelStuck as error:
        run.stopped = str(error)
    except Exception as error:  # a kernel that cannot start, a broken connection: this submission only
        run.stopped = f"the notebook could not be run ({type(error).__name__}: {error})"
    export_failure = run.failures.pop(export_number, None)
    if not run.stopped:
        try:
            run.answers = plain_loads(answers_file.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError) as error:
            run.stopped = f"the answers could not be read from the kernel ({export_failure or error})"
    return run


def answer_message(expression: str, reason: str, run: Run, notebook) -> str:
    """Why an answer is missing, with the failure of the cell that should have made it, if any."""
    assigning = re.compile(rf"^\s*{re.escape(expression)}\s*(:[^=\n]*)?=(?!=)", re.MULTILINE)
    cells = [number for number, cell in enumerate(notebook.cells, 1)
             if cell.cell_type == "code" and assigning.search(cell.source)]
    cause = next((f"cell {number} {run.failures[number]}" for number in cells if number in run.failures), "")
    cause = cause or next((f"cell {number} {failure}" for number, failure in sorted(run.failures.items())), "")
    what = f"{expression} is not defined" if reason.startswith("NameError") else f"{expression}: {reason}"
    return what + (f" (the run had a failure: {cause})" if cause else "")


def verdict(result: str, message: str) -> tuple[str, str]:
    """The gradebook's verdict for a result of ``assess``, and its message on one line."""
    message = re.sub(r"\s*\n\s*", "; ", re.sub(r":\s*\n\s*", ": ", message.strip()))
    if result in VERDICT_OF_RESULT:
        return VERDICT_OF_RESULT[result], message
    return "error", f"the check returned an unknown result {result!r}: {message}"


def judge(exercise_id: str, expression: str, run: Run, notebook) -> tuple[str, str]:
    """The verdict and message of one exercise of one run."""
    if run.stopped:
        return "error", run.stopped
    exercise = EXERCISES.get(exercise_id)
    if exercise is None:
        return "error", f"the book's check cell names {exercise_id!r}, which newsreader does not declare"
    state, content = run.answers.get(expression, ("missing", "NameError"))
    if state == "missing":
        return "error", answer_message(expression, content, run, notebook)
    if state == "unreadable":
        return "error", f"{expression}: {content}"
    try:
        answer = plain_loads(content)
    except UnsafeAnswer as error:
        return "error", (f"{expression} is not plain data (it uses {error}); only built-in, numpy and pandas values "
                         "can be graded")
    except Exception as error:
        return "error", f"{expression} could not be read ({type(error).__name__}: {error})"
    try:
        return verdict(*assess(exercise_id, answer, current_keys()))
    except Exception as error:
        return "error", f"the check failed on this answer ({type(error).__name__}: {error})"


# --- Grading a folder ----------------------------------------------------------------------------------------

@dataclass
class Gradebook:
    rows: list[dict] = field(default_factory=list)  # submission, exercise, verdict, message
    chapters: dict[str, str] = field(default_factory=dict)  # submission -> chapter name
    skipped: list[dict] = field(default_factory=list)  # file, reason
    changed: list[str] = field(default_factory=list)  # originals whose bytes changed during the run (never, we hope)


def fingerprint(path: Path) -> str | None:
    """The file's sha256, or None if it cannot be read (it is then skipped with the reason)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_notebook(path: Path):
    """The notebook in ``path`` (an in-memory copy), or raise ValueError with the reason it cannot be graded."""
    if path.suffix != ".ipynb":
        raise ValueError(f"not a notebook ({path.suffix or 'no extension'})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(path.read_bytes().decode("utf-8"), as_version=4)
            nbformat.validate(notebook)
    except Exception as error:
        raise ValueError(f"not a readable notebook ({type(error).__name__}: {first_line(error)})") from None
    return notebook


def first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [""])[0][:200]


def submission_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def grade(submissions: Path, timeout: int = 60, jobs: int = 2, progress=print) -> Gradebook:
    """Run and check every notebook in ``submissions``; list every other file as skipped, with the reason."""
    chapters = book_chapters()
    gradebook = Gradebook()
    queued = []  # (name, notebook, chapter)
    files = submission_files(submissions)
    before = {path: fingerprint(path) for path in files}
    for path in files:
        name = path.relative_to(submissions).as_posix()
        if ".ipynb_checkpoints" in path.parts:
            gradebook.skipped.append({"file": name, "reason": "a Jupyter checkpoint (an autosave copy)"})
            continue
        try:
            notebook = read_notebook(path)
        except ValueError as error:
            gradebook.skipped.append({"file": name, "reason": str(error)})
            continue
        chapter = identify(notebook, path.name, chapters)
        if chapter is None:
            gradebook.skipped.append({"file": name, "reason": "unknown chapter: it names no exercise of one chapter of "
                                 "the book, and its file name names no chapter"})
            continue
        queued.append((name, notebook, chapter))
    runs = asyncio.run(run_all(queued, timeout, jobs, progress))
    for (name, notebook, chapter), run in zip(queued, runs):
        gradebook.chapters[name] = chapter.name
        for exercise_id, expression in chapter.answers:
            result, message = judge(exercise_id, expression, run, notebook)
            gradebook.rows.append({"submission": name, "exercise": exercise_id, "verdict": result,
                                   "message": message})
    gradebook.changed = [path.relative_to(submissions).as_posix() for path in files
                    if fingerprint(path) != before[path]]
    return gradebook


async def run_all(queued, timeout: int, jobs: int, progress) -> list[Run]:
    slots = asyncio.Semaphore(jobs)
    finished = 0

    async def one(name, notebook, chapter):
        nonlocal finished
        async with slots:
            with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
                run = await run_submission(notebook, chapter, timeout, Path(scratch))
        finished += 1
        progress(f"  [{finished}/{len(queued)}] ran {name}")
        return run

    return await asyncio.gather(*(one(*item) for item in queued))


# --- Reports --------------------------------------------------------------------------------------------------

def totals(gradebook: Gradebook) -> list[dict]:
    rows = []
    for submission, chapter in gradebook.chapters.items():
        counts = Counter(row["verdict"] for row in gradebook.rows if row["submission"] == submission)
        rows.append({"submission": submission, "chapter": chapter, **{v: counts[v] for v in VERDICTS},
                     "total": sum(counts.values())})
    return rows


def exercise_summary(gradebook: Gradebook) -> list[dict]:
    """One row per exercise, hardest first: lowest share of correct answers (coding exercises, never wrong, last)."""
    order = {exercise_id: position for position, exercise_id in enumerate(EXERCISES)}
    counts = {}
    for row in gradebook.rows:
        counts.setdefault(row["exercise"], Counter())[row["verdict"]] += 1

    def difficulty(item):
        """Coding exercises last; then the lowest share correct, the most answers incorrect, the book's order."""
        exercise_id, count = item
        return (count["coded"] == count.total(), count["correct"] / count.total(), -count["incorrect"],
                order.get(exercise_id, len(order)))

    return [{"exercise": exercise_id, "submissions": count.total(), **{v: count[v] for v in VERDICTS},
             "share correct": f"{count['correct'] / count.total():.2f}"}
            for exercise_id, count in sorted(counts.items(), key=difficulty)]


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def write_reports(gradebook: Gradebook, out: Path) -> None:
    write_csv(out / "gradebook.csv", gradebook.rows, ["submission", "exercise", "verdict", "message"])
    write_csv(out / "totals.csv", totals(gradebook), ["submission", "chapter", *VERDICTS, "total"])
    write_csv(out / "exercises.csv", exercise_summary(gradebook),
              ["exercise", "submissions", *VERDICTS, "share correct"])
    write_csv(out / "skipped.csv", gradebook.skipped, ["file", "reason"])


def summary(gradebook: Gradebook, out: Path, seconds: float) -> str:
    counts = Counter(row["verdict"] for row in gradebook.rows)
    lines = [f"Graded {len(gradebook.chapters)} submission(s) in {seconds:.0f} s: "
             + ", ".join(f"{counts[v]} {v}" for v in VERDICTS) + "."]
    hardest = [row for row in exercise_summary(gradebook) if row["coded"] < row["submissions"]][:3]
    if hardest:
        lines.append("Hardest exercises: " + ", ".join(f"{row['exercise']} ({row['correct']} of "
                                                        f"{row['submissions']} correct)" for row in hardest) + ".")
    if gradebook.skipped:
        lines.append(f"Skipped {len(gradebook.skipped)} file(s):")
        lines += [f"  {row['file']}: {row['reason']}" for row in gradebook.skipped]
    if gradebook.changed:
        lines.append("WARNING: these submissions changed while they were graded (a notebook wrote to them?): "
                     + ", ".join(gradebook.changed))
    else:
        lines.append("Every submission file is byte-for-byte unchanged.")
    lines.append(f"Written: {', '.join(str(out / name) for name in OUTPUT_FILES)}")
    return "\n".join(lines)


def prepare_output(submissions: Path, out: Path, overwrite: bool) -> None:
    """Check the folders; create OUT. Refuse to replace earlier results unless asked to."""
    if not submissions.is_dir():
        raise GradeError(f"{submissions} is not a folder of submissions")
    if out.exists() and not out.is_dir():
        raise GradeError(f"{out} is a file, not a folder for the results")
    if out.resolve() == submissions.resolve() or submissions.resolve() in out.resolve().parents:
        raise GradeError(f"{out} is inside {submissions}: write the results to a folder outside the submissions")
    existing = [name for name in OUTPUT_FILES if (out / name).exists()]
    if existing and not overwrite:
        raise GradeError(f"{out} already holds results ({', '.join(existing)}); pass --overwrite to replace "
                         "them, or choose another --out")
    out.mkdir(parents=True, exist_ok=True)


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="grade", description="Run a folder of student notebooks and grade their exercises with the book's checks.")
    parser.add_argument("submissions", metavar="SUBMISSIONS", type=Path,
                        help="folder of student notebooks (.ipynb), searched recursively")
    parser.add_argument("--out", metavar="OUT", type=Path, required=True, help="folder for gradebook.csv, totals.csv, "
                        "exercises.csv and skipped.csv (created if missing)")
    parser.add_argument("--timeout", metavar="SECONDS", type=int, default=60,
                        help="whole seconds a cell may run (default 60)")
    parser.add_argument("--jobs", metavar="N", type=int, default=min(4, os.cpu_count() or 1),
                        help="notebooks run at the same time (default: the number of cores, at most 4)")
    parser.add_argument("--overwrite", action="store_true", help="replace the results already in OUT")
    options = parser.parse_args(argv)
    if options.timeout < 1 or options.jobs < 1:
        parser.error("--timeout and --jobs must be at least 1")
    return options


def main(argv: list[str]) -> int:
    options = arguments(argv)
    try:
        prepare_output(options.submissions, options.out, options.overwrite)
    except GradeError as error:
        print(f"Nothing graded: {error}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    gradebook = grade(options.submissions, options.timeout, options.jobs)
    write_reports(gradebook, options.out)
    print(summary(gradebook, options.out, time.perf_counter() - start))
    if not gradebook.chapters:
        print(f"Warning: no notebook in {options.submissions} could be graded; is it the right folder?", file=sys.stderr)
    return 1 if gradebook.changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
