"""Judging a class's answers: keys computed once before any submission runs, answers read back as plain data.

``compile_keys(data)`` computes and seals every exercise's key and declared mistakes (``newsreader.keys``) from a
private read-only copy of data/, before any submission runs; ``judge_answer(exercise_id, answer, keys)`` judges one
answer against them in the grader's own process with ``newsreader.keys.assess``, the comparison check() uses too.

A run's record (see run_submission.py) is untrusted data: ``plain_loads`` accepts only plain values (built-ins,
numpy and pandas), so that an answer cannot run code in the grader or bring its own comparison; and
``judge_submission`` decodes and judges a run's answers in a child process with limits on its memory and CPU time,
so that a pickle of a few bytes that builds gigabytes (``bytearray(10**10)``) costs the grader nothing but that
submission's verdicts.
"""
import base64
import io
import json
import os
import pickle
import re
import resource
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sandbox
from run_submission import UNSAVED

BOOK = Path(__file__).resolve().parents[1] / "book"
if str(BOOK) not in sys.path:
    sys.path.insert(0, str(BOOK))
sys.dont_write_bytecode = True  # grading writes nothing into book/, not even a __pycache__

from newsreader import keys  # noqa: E402  (imported from the project's book/, after the path is set)
from newsreader.paths import use_data  # noqa: E402

VERDICT_OF_RESULT = {"correct": "correct", "not yet": "incorrect", "not attempted": "not attempted", "coded": "coded"}
MESSAGE_LIMIT = 300  # characters of any message in the outputs
DECODING_MEMORY = 1024**3  # bytes of memory the judging of one submission may take beyond the grader's own
DECODING_SECONDS = 60  # seconds of CPU time it may take

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


@dataclass(frozen=True)
class KeyBook:
    """Every exercise's key and declared mistakes, computed once from ``data`` (a private read-only copy of data/,
    which the judging also reads for answer options and codebooks) and sealed by ``newsreader.keys``."""

    data: Path
    keys: keys.KeyBook


def compile_keys(data: Path) -> KeyBook:
    """Compute every key and mistake from ``data`` now, before any submission runs."""
    book = keys.compile_keys(data)
    if book.problems():
        raise GradeError("some keys cannot be computed from data/: " + one_line("; ".join(book.problems())))
    return KeyBook(data, book)


def judge_answer(exercise_id: str, answer, book: KeyBook) -> tuple[str, str]:
    """The verdict and message of one answer, judged against the compiled keys (``newsreader.keys.assess``, the one
    comparison that check() also uses)."""
    if book.keys.find(exercise_id) is None:
        return "error", f"the book's check cell names {exercise_id!r}, which newsreader does not declare"
    with use_data(book.data):
        result, message = keys.assess(exercise_id, answer, book.keys)
    if result in VERDICT_OF_RESULT:
        return VERDICT_OF_RESULT[result], one_line(message)
    return "error", one_line(f"the check returned an unknown result {result!r}: {message}")


def assigning(expression: str) -> re.Pattern:
    """A line that assigns ``expression`` (``x = ...``, ``x: int = ...``; not ``x == ...``)."""
    return re.compile(rf"^\s*{re.escape(expression)}\s*(:[^=\n]*)?=(?!=)", re.MULTILINE)


@dataclass
class Run:
    """What running one submission left: each answer's pickle (or why there is none), the failures, and whether the
    run ended early."""

    answers: dict[str, tuple[str, object]] = field(default_factory=dict)  # decoded in the judging's child process
    exported: bytes = b""  # the answers as the run handed them back: an untrusted pickle
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
        return Run(failures={int(cell): one_line(message) for cell, message in record["failures"].items()},
                   stopped=one_line(record["stopped"] or stopped),
                   exported=base64.b64decode(record["answers"] or ""))
    except Exception as error:
        return Run(stopped=stopped or unreadable_record(error))


def unreadable_record(error: BaseException) -> str:
    return one_line(f"the run left no readable record ({type(error).__name__}: {error})")


def decoded(run: Run) -> Run:
    """The run with its exported answers unpickled as plain data (or, if they cannot be, why)."""
    try:
        answers = plain_loads(run.exported) if run.exported else {}
        if not isinstance(answers, dict):
            raise ValueError("the answers are not a table")
    except Exception as error:
        return Run(failures=run.failures, stopped=run.stopped or unreadable_record(error), seconds=run.seconds)
    return Run(answers, run.exported, run.failures, run.stopped, run.seconds)


def answer_message(expression: str, reason: str, run: Run, notebook) -> str:
    """Why an answer is missing, with the failure of the cell that should have made it, if any."""
    cells = [number for number, cell in enumerate(notebook.cells, 1)
             if cell.cell_type == "code" and assigning(expression).search(cell.source)]
    cause = next((f"cell {number} {run.failures[number]}" for number in cells if number in run.failures), "")
    cause = cause or run.stopped
    cause = cause or next((f"cell {number} {failure}" for number, failure in sorted(run.failures.items())), "")
    what = f"{expression} is not defined" if reason.startswith("NameError") else \
        f"{expression} raised an error (the notebook's own message: {reason!r})"
    if not cause and not cells:
        cause = f"no cell assigns {expression}: keep the name the exercise's check cell uses for your answer"
        return one_line(f"{what} ({cause})")
    return one_line(what + (f" (the run had a failure: {cause})" if cause else ""))


def judge_submission(answers: tuple[tuple[str, str], ...], run: Run, notebook, keys: KeyBook,
                     sheet=lambda exercise_id, answer: None) -> list[tuple[str, str, str | None]]:
    """(verdict, message, ``sheet(exercise_id, answer)``) for each (exercise id, expression) of ``answers``: the run's
    answers decoded and judged in a child process that may take ``DECODING_MEMORY`` more memory than the grader and
    ``DECODING_SECONDS`` of CPU time; if it goes over, every exercise is an error that says so."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child process; its result is tested)
        os.close(reader)
        os._exit(in_child(writer, lambda: judged_all(answers, decoded(run), notebook, keys, sheet)))
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        output = pipe.read()
    os.waitpid(child, 0)
    try:
        return [tuple(result) for result in json.loads(output)]
    except ValueError:
        reason = over_limits("the answers it handed back", output.decode("utf-8", "replace") or "it was stopped")
        return [("error", reason, None)] * len(answers)


def over_limits(what: str, reason: str) -> str:
    return one_line(f"{what} could not be read within the grader's limits ({DECODING_MEMORY // 1024**2} MB of memory, "
                    f"{DECODING_SECONDS} s of CPU time): {reason}")


def judged_all(answers, run: Run, notebook, keys: KeyBook, sheet) -> list:
    results = []
    for exercise_id, expression in answers:
        verdict, message = judge(exercise_id, expression, run, notebook, keys)
        content = run.answers.get(expression, ("missing", ""))[1]
        results.append([verdict, message, sheet(exercise_id, plain_loads(content)) if verdict == "coded" else None])
    return results


def in_child(pipe: int, work) -> int:
    """Run ``work()`` under the decoding limits and write its result as JSON to ``pipe`` (or, if it fails, the
    reason as text); the exit status."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
        memory = pages * os.sysconf("SC_PAGE_SIZE") + DECODING_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (DECODING_SECONDS, DECODING_SECONDS))
        output = json.dumps(work()).encode("utf-8")
    except BaseException as error:
        output = f"{type(error).__name__} {error}".strip().encode("utf-8")
    with os.fdopen(pipe, "wb") as file:
        file.write(output)
    return 0


def judge(exercise_id: str, expression: str, run: Run, notebook, keys: KeyBook) -> tuple[str, str]:
    """The verdict and message of one exercise of one run."""
    state, content = run.answers.get(expression, ("missing", "NameError"))
    if state == "missing" and run.stopped and (not run.answers or run.stopped.startswith(UNSAVED)):
        return "error", run.stopped
    if state == "missing":
        return "error", answer_message(expression, str(content), run, notebook)
    if state == "unreadable":
        return "error", one_line(f"{expression}: {content}")
    try:
        answer = plain_loads(content)
    except MemoryError:
        return "error", over_limits(expression, "MemoryError")
    except UnsafeAnswer as error:
        return "error", (f"{expression} is not plain data (it uses {one_line(error, 80)}); only built-in, numpy and "
                         "pandas values can be graded")
    except Exception as error:
        return "error", one_line(f"{expression} could not be read ({type(error).__name__}: {error})")
    return judge_answer(exercise_id, answer, keys)
