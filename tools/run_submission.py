"""Run one student notebook and export its answers: the part of grading that runs inside the sandbox.

    python run_submission.py JOB

JOB is a JSON file that ``grade.py`` wrote: the notebook, the expressions that hold its answers, the cells after which
to export them, the time and resource limits, the student edition to copy and the working folder to copy it into.

The program sets its resource limits (the kernel and everything it starts inherit them), copies the edition, and runs
the notebook's cells one by one in a fresh kernel whose working folder is the copy's ``book/``. A cell that raises, or
runs too long and is interrupted, is recorded and the run goes on; two cells in a row that run out of time mean the
kernel is stuck, and no cell starts after the notebook's deadline. After each cell that assigns an answer, and at the
end, the kernel pickles the answers. After every cell the program replaces its standard output (a file that the grader
opened) with one JSON record, so a run the grader has to stop keeps what it had:
``{"failures": {cell number: what went wrong}, "stopped": why the run ended early or "", "answers": base64 or null}``.

It imports nothing from the project: in the sandbox the repository is out of sight.
"""
import asyncio
import base64
import json
import logging
import os
import re
import resource
import shutil
import sys
import time
from pathlib import Path
from subprocess import DEVNULL

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

TIMEOUT_NAME = "CellTimeout"
MESSAGE_LIMIT = 300  # characters of an error message kept
EXPORT_TIMEOUT = 10  # seconds the kernel has to pickle the answers
UNSAVED = "the answers could not be saved"  # how the reason begins when the export failed (the grader reads it)
DISK_FULL = ("the run's disk limit was reached (its home folder, /tmp and /dev/shm each have a size limit, "
             "see the grading guide)")
NO_SPACE = "[Errno 28]"  # how Python's OSError for a full disk (ENOSPC) begins
LIMITS = {"memory": resource.RLIMIT_AS, "cpu": resource.RLIMIT_CPU, "file_size": resource.RLIMIT_FSIZE,
          "processes": resource.RLIMIT_NPROC}

# Run in the kernel: pickle each answer (or say why it cannot be) into a file, replaced in one step.
EXPORT_CELL = '''\
def _grader_export(expressions, path):
    import os, pickle
    answers = {{}}
    for expression in expressions:
        try:
            value = eval(expression, globals())
        except BaseException as error:
            answers[expression] = ("missing", f"{{type(error).__name__}}: {{error}}"[:{limit}])
            continue
        try:
            answers[expression] = ("value", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except BaseException as error:
            answers[expression] = ("unreadable", f"a {{type(value).__name__}} cannot be pickled ({{error}})"[:{limit}])
    with open(path + ".partial", "wb") as file:
        pickle.dump(answers, file)
    os.replace(path + ".partial", path)


_grader_export({expressions!r}, {path!r})
del _grader_export
'''


class KernelStuck(Exception):
    """Two cells in a row ran out of time: the kernel did not come back."""


class OutOfTime(Exception):
    """The notebook's time is up (the cell that was running had only what was left of it)."""


class QuietClient(NotebookClient):
    def output(self, outs, msg, display_id, cell_index):
        return None  # outputs never count: not keeping them bounds the memory a chatty cell can take


def limit_resources(limits: dict) -> None:
    for name, value in limits.items():
        resource.setrlimit(LIMITS[name], (value, value))


def short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MESSAGE_LIMIT else text[:MESSAGE_LIMIT - 1] + "…"


def raised(content: dict) -> str:
    """What a cell raised, its message quoted as the notebook's own (it could pose as the grader's words)."""
    name = re.sub(r"\W", "", str(content.get("ename", "")))[:60] or "Error"
    message = str(content.get("evalue", ""))
    full = f"; {DISK_FULL}" if NO_SPACE in message else ""
    return f"raised {name}{full} (the notebook's own message: {message!r})"


def publish(record: dict) -> None:
    """Replace what the grader will read: this program's standard output, a file the grader opened for it."""
    data = json.dumps(record).encode("utf-8")
    os.ftruncate(1, 0)
    os.pwrite(1, data, 0)


class Run:
    def __init__(self, job: dict, book: Path):
        self.job, self.book = job, book
        self.deadline = float("inf")  # set when the kernel is ready: starting it is not the notebook's time
        self.answers_file = book.parent / ".grader-answers.pickle"
        self.record = {"failures": {}, "stopped": "", "answers": None}
        self.cell = 0  # the number of the cell running now
        self.timeout = job["cell_timeout"]  # the time it was given
        self.last_timeout = 0  # the number of the last cell that ran out of time, if it was the one just before
        self.export_error = ""  # why the last export of the answers failed, if it did
        self.export = nbformat.v4.new_code_cell(EXPORT_CELL.format(
            expressions=job["expressions"], path=str(self.answers_file), limit=MESSAGE_LIMIT))

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def cell_timeout(self, cell) -> int:
        """The cell's time: its limit, cut to what is left of the notebook's."""
        if cell is self.export:
            return EXPORT_TIMEOUT
        self.timeout = min(self.job["cell_timeout"], max(1, round(self.remaining())))
        return self.timeout

    def executed(self, cell, cell_index, execute_reply):
        content = (execute_reply or {}).get("content", {})
        if cell is self.export:
            self.export_error = content.get("evalue", "") if content.get("status") == "error" else ""
            return
        timed_out = content.get("ename") == TIMEOUT_NAME
        if timed_out and self.timeout < self.job["cell_timeout"]:
            raise OutOfTime(cell_index + 1)
        if timed_out and self.last_timeout:
            raise KernelStuck(f"cells {self.last_timeout} and {cell_index + 1} both ran longer than their time: "
                              "the kernel is stuck, so the answers are those it had before")
        if content.get("status") == "error":
            self.record["failures"][cell_index + 1] = short(
                f"ran longer than {self.timeout} s and was stopped" if timed_out else raised(content))
        self.last_timeout = cell_index + 1 if timed_out else 0

    async def execute(self) -> None:
        notebook = nbformat.from_dict(self.job["notebook"])
        client = QuietClient(
            notebook, timeout_func=self.cell_timeout, kernel_name="python3", allow_errors=True,
            interrupt_on_timeout=True, error_on_timeout={"ename": TIMEOUT_NAME, "evalue": "", "traceback": []},
            resources={"metadata": {"path": str(self.book)}}, on_cell_executed=self.executed, iopub_timeout=1,
            shutdown_kernel="immediate", log=logging.getLogger("run_submission"))
        client.log.disabled = True  # what went wrong in a cell is in the record instead
        cells = list(notebook.cells)
        notebook.cells.append(self.export)  # nbclient keeps each cell it runs at its place in the notebook
        export_after = set(self.job["export_after"])
        async with client.async_setup_kernel(env=dict(os.environ), stdout=DEVNULL, stderr=DEVNULL):
            self.deadline = time.monotonic() + self.job["notebook_timeout"]
            for index, cell in enumerate(cells):
                if self.remaining() < 1:
                    self.record["stopped"] = self.out_of_time(index + 1)
                    break
                self.cell = index + 1
                await client.async_execute_cell(cell, index)
                if index + 1 in export_after:
                    await self.export_answers(client)
            await self.export_answers(client)

    def out_of_time(self, first: int) -> str:
        return (f"the notebook ran longer than {self.job['notebook_timeout']} s, so cells {first} to "
                f"{len(self.job['notebook']['cells'])} were not run (or not to their end)")

    async def export_answers(self, client) -> None:
        await client.async_execute_cell(self.export, len(client.nb.cells) - 1)
        if self.export_error:
            full = f": {DISK_FULL}" if NO_SPACE in self.export_error else ""
            self.record["stopped"] = short(f"{UNSAVED} after cell {self.cell}{full} ({self.export_error})")
        elif self.record["stopped"].startswith(UNSAVED):  # saved again: the space was freed
            self.record["stopped"] = ""
        if self.answers_file.exists():
            self.record["answers"] = base64.b64encode(self.answers_file.read_bytes()).decode("ascii")
        publish(self.record)

    def start(self) -> dict:
        try:
            asyncio.run(self.execute())
        except DeadKernelError:
            self.record["stopped"] = (f"the kernel stopped while running cell {self.cell} (it crashed, exited, or went "
                                      "over a resource limit)")
        except KernelStuck as error:
            self.record["stopped"] = str(error)
        except OutOfTime as error:
            self.record["stopped"] = self.out_of_time(error.args[0])
        except Exception as error:  # a kernel that cannot start, a broken connection: this submission only
            self.record["stopped"] = short(f"the notebook could not be run ({type(error).__name__}: {error})")
        return self.record


def main(job_path: str) -> None:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    limit_resources(job["limits"])
    work = Path(job["work"])
    shutil.copytree(job["edition"], work, dirs_exist_ok=True)
    publish(Run(job, work / "book").start())


if __name__ == "__main__":
    main(sys.argv[1])
