"""Grading a class: submissions made from the real student edition of chapter 1, with every attack a student could make,
graded once for the module; then the pure parts without a kernel.

Each fixture notebook is the student edition of 01-meet-the-articles with answers filled in from the book's answer
cells (or made wrong, missing, faked or failing), or an attack on the grader; the tests read the files the grader
writes. How a run ends early (an endless cell, a kernel that ignores the interrupt, a notebook past its time, a kernel
that dies) is tested on small notebooks run by run_submission.py alone, with short limits.
"""
import base64
import contextlib
import csv
import io
import json
import os
import pickle
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import grade
import gradebook
import judging
import sandbox
from newsreader.exercises import EXERCISES
from newsreader.files import sha256
from student_edition import student_notebook

pytestmark = pytest.mark.xdist_group("grade")  # one worker grades the class once, for every test
ROOT = Path(__file__).resolve().parents[1]
BOOK, DATA = ROOT / "book", ROOT / "data"
CHAPTER = BOOK / "01-meet-the-articles.ipynb"
TIMEOUT, NOTEBOOK_TIMEOUT = 30, 120  # seconds per cell and per notebook: far above chapter 1's, on a loaded machine
SECRET = "GRADER_TEST_SECRET"
MARKER = f"grader-leftover-{os.getpid()}"  # in the command line of the process an attack leaves behind
CHEATS = ("import newsreader.checking\n"
          'newsreader.checking.assess = lambda exercise, answer: ("correct", "")\n'
          'check = lambda exercise_id, answer: print(f"✓ {exercise_id}: correct")')


def book_answers() -> dict[str, tuple[str, str]]:
    """Exercise id -> (answer variable, the book's answer code), read from the chapter's check and answer cells."""
    cells = nbformat.read(CHAPTER, as_version=4).cells
    keys = [cell.source for cell in cells if "answer" in cell.metadata.get("tags", [])]
    checks = [re.fullmatch(r'check\("([\w-]+)", (\w+)\)', cell.source.strip()) for cell in cells]
    return {match[1]: (match[2], next(key for key in keys if re.search(rf"^{match[2]} = ", key, re.MULTILINE)))
            for match in checks if match}


ANSWERS = book_answers()
IDS = list(ANSWERS)  # in the order of the chapter's check cells
N = len(IDS)


def wrong_answer(exercise_id: str) -> str:
    """The answer cell of the exercise's first known mistake (a plausible wrong answer computed from the data)."""
    variable, _ = ANSWERS[exercise_id]
    return f"{variable} = {EXERCISES[exercise_id].mistakes[0].answer()!r}"


def submission(answers: dict[str, str], edit=lambda cells: None):
    """The student edition of chapter 1 with the answer cells of ``answers`` (exercise id -> code) filled in."""
    notebook = student_notebook(CHAPTER)
    for exercise_id, code in answers.items():
        variable, _ = ANSWERS[exercise_id]
        [cell] = [cell for cell in notebook.cells if cell.source.endswith(f"\n{variable} = ...")]
        cell.source = code
    edit(notebook.cells)
    return notebook


def complete() -> dict[str, str]:
    """Right answers in code of the student's own (here: the book's code after a line of their own)."""
    return {exercise_id: f"my_own_work = True\n{code}" for exercise_id, (_, code) in ANSWERS.items()}


def after_setup(code: str):
    """An edit that adds a cell of ``code`` just after the chapter's set-up cell (cell 5)."""
    return lambda cells: cells.insert(5, nbformat.v4.new_code_cell(code))


def fake_check_output(cells):
    """A check cell edited to print a pass, and cheats that redefine check and patch newsreader."""
    [check_cell] = [cell for cell in cells if cell.source.startswith(f'check("{IDS[0]}"')]
    check_cell.source = f'print("✓ {IDS[0]}: correct")'
    cells.insert(cells.index(check_cell), nbformat.v4.new_code_cell(CHEATS))


def str_that_equals_everything(exercise_id):
    variable, _ = ANSWERS[exercise_id]
    return f"class Always(str):\n    __eq__ = lambda self, other: True\n\n{variable} = Always('anything')"


def vandal_code() -> str:
    """Make 003 the article whose outlet is not confirmed, in the run's own copy of the data and then in the
    repository's by its absolute path; then save a (blank) coding sheet, which writes into book/my-coding/."""
    return f"""\
import pandas as pd
for path in ["../data/articles.csv", {str(DATA / "articles.csv")!r}]:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        table["outlet_status"] = ["not confirmed" if i.startswith("003_") else "confirmed" for i in table["id"]]
        table.to_csv(path, index=False)
    except OSError:
        pass
from newsreader.sheets import coding_sheet, save_coding
save_coding(coding_sheet("framing-coding"), "framing-coding", coder="vandal")
"""


def leftover_code(out: Path) -> str:
    """Leave a detached process behind that waits for the results and rewrites them (for at most a minute)."""
    program = (f"import time, pathlib\ngradebook = pathlib.Path({str(out / 'gradebook.csv')!r})\n"
               f"for _ in range(300):\n    time.sleep(0.2)\n    if gradebook.exists():\n"
               f"        time.sleep(0.5)\n        gradebook.write_text('all correct')\n        break\n# {MARKER}")
    return f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {program!r}], start_new_session=True)"


SYSTEM = {"bin", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "proc", "sbin", "tmp", "usr"}


def snoop_code(folder: Path, port: int, earlier: Path) -> str:
    """Look for what a run must not see: the environment, another submission, the repository (its answered notebook),
    an earlier gradebook, the answer-key file, the network, and any folder of the machine beyond the system's and the
    Python environment's; and try to hand what it read back through its feedback (an error message)."""
    return f"""\
import os, pathlib, socket, sys
import newsreader
leaks = [name for name in os.environ if name == {SECRET!r}]
for path in [{str(folder / "complete.ipynb")!r}, {str(DATA / "articles.csv")!r}, {str(ROOT / "tools" / "grade.py")!r},
             {str(CHAPTER)!r}, {str(earlier)!r}, str(pathlib.Path(newsreader.__file__).with_name("keybook.json"))]:
    if os.path.exists(path):
        leaks.append(path)
environment = {{pathlib.Path(sys.prefix), pathlib.Path(sys.base_prefix)}}
inside = {{parent for prefix in environment for parent in prefix.parents}}
seen = inside | environment | {{pathlib.Path("/home", name) for name in ("kit", "job", "student")}}
for parent in inside - {{pathlib.Path("/")}}:
    leaks += [str(path) for path in parent.iterdir() if path not in seen]
leaks += [f"/{{name}}" for name in os.listdir("/") if name not in {sorted(SYSTEM)!r} and pathlib.Path("/", name) not in seen]
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=1).close()
    leaks.append("the network")
except OSError:
    pass
"""


def exfiltrate_code(paths: list[Path]) -> str:
    """Raise an error whose message holds whatever the run could read of ``paths``: it would reach the feedback."""
    return (f"stolen = []\nfor path in {[str(path) for path in paths]!r}:\n    try:\n"
            "        stolen.append(open(path, encoding='utf-8').read(100))\n    except OSError:\n        pass\n"
            "raise RuntimeError('stolen: ' + ' | '.join(stolen))")


def write(folder: Path, name: str, notebook) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / name)


EARLIER_SECRET = "student-99,earlier grade that no run may read"


def make_submissions(folder: Path, out: Path, port: int, earlier: Path) -> None:
    meet_1, _ = ANSWERS[IDS[0]]
    write(folder, "complete.ipynb", submission(complete()))
    write(folder, "late/partial.ipynb", submission({i: complete()[i] for i in IDS[:2]}))
    write(folder, "wrong.ipynb", submission({i: wrong_answer(i) for i in IDS}))
    faked = {**complete(), IDS[0]: wrong_answer(IDS[0]), IDS[1]: wrong_answer(IDS[1]),
             IDS[-1]: str_that_equals_everything(IDS[-1])}
    write(folder, "faked.ipynb", submission(faked, fake_check_output))
    write(folder, "raises.ipynb", submission({**complete(), IDS[1]: "{}['003']"}))
    vandal = {**complete(), IDS[0]: f"{meet_1} = '003_76a03f6ec5875e14'"}
    write(folder, "vandal.ipynb", submission(vandal, after_setup(vandal_code())))
    keys = {i: f"from newsreader.exercises import EXERCISES as _E\n{ANSWERS[i][0]} = _E[{i!r}].key()" for i in IDS}
    write(folder, "keys.ipynb", submission(keys))
    write(folder, "book.ipynb", nbformat.read(CHAPTER, as_version=4))
    intruder = {**complete(), IDS[0]: f"{ANSWERS[IDS[0]][1]}\nif leaks:\n    {meet_1} = ', '.join(leaks)"}
    snoop = snoop_code(folder, port, earlier) + leftover_code(out)
    exfiltrate = exfiltrate_code([earlier, CHAPTER, folder / "complete.ipynb"])
    write(folder, "intruder.ipynb", submission(intruder, lambda cells: (after_setup(snoop)(cells),
                                                                         after_setup(exfiltrate)(cells))))
    poison = "x = " + " + ".join(["1"] * 300_000)  # too deep for Python's parser: the grader's, and the kernel's
    write(folder, "poison.ipynb", submission({IDS[0]: complete()[IDS[0]]}, after_setup(poison)))
    other = BOOK / "02-the-numbers.ipynb"
    write(folder, "elsewhere.ipynb", student_notebook(other))  # another chapter's notebook, not this class's
    (folder / FORMULA_FILE).write_text('{"cells": [', encoding="utf-8")  # named like a spreadsheet formula
    write(folder, "mystery.ipynb", nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")]))
    (folder / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    (folder / "notes.txt").write_text("My answers are in the notebook.", encoding="utf-8")


FORMULA_FILE = '=HYPERLINK("http--evil")_01-meet-the-articles.ipynb'


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def run_main(*argv) -> tuple[int, str]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = grade.main([str(part) for part in argv])
    return code, printed.getvalue()


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and marker.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    out = tmp_path_factory.mktemp("results") / "grades"  # does not exist yet: the grader creates it
    listener = socket.create_server(("127.0.0.1", 0))
    earlier = tmp_path_factory.mktemp("earlier") / "gradebook.csv"
    earlier.write_text(EARLIER_SECRET, encoding="utf-8")
    make_submissions(folder, out, listener.getsockname()[1], earlier)
    before = {"submissions": grade.fingerprints(folder), "data": grade.fingerprints(DATA),
              "book": grade.fingerprints(BOOK)}
    os.environ[SECRET] = "do not show this to a submission"
    try:
        code, printed = run_main(folder, "--out", out, "--timeout", TIMEOUT, "--notebook-timeout", NOTEBOOK_TIMEOUT,
                                 "--jobs", 2)
    finally:
        del os.environ[SECRET]
        listener.close()
    return {"folder": folder, "before": before, "out": out, "code": code, "printed": printed,
            "rows": read_csv(out / "gradebook.csv"), "left behind": processes_with(MARKER)}


def verdicts(graded, name) -> dict[str, tuple[str, str]]:
    return {row["exercise"]: (row["verdict"], row["message"]) for row in graded["rows"] if row["submission"] == name}


def flags_of(graded, name) -> str:
    return next(row["flags"] for row in graded["rows"] if row["submission"] == name)


# --- Nothing outside a run changes ---------------------------------------------------------------------------

def test_the_submissions_the_data_and_the_book_are_unchanged(graded):
    assert grade.fingerprints(graded["folder"]) == graded["before"]["submissions"]
    assert grade.fingerprints(DATA) == graded["before"]["data"]
    assert grade.fingerprints(BOOK) == graded["before"]["book"]
    assert not (BOOK / "my-coding").exists()  # the vandal's save_coding wrote into its own copy
    assert graded["code"] == 0
    assert "data/, book/, the keys' copy and every submission file are byte-for-byte unchanged." in graded["printed"]


def test_a_process_a_submission_leaves_behind_is_killed_with_its_run(graded):
    assert graded["left behind"] == []
    record = json.loads((graded["out"] / gradebook.RECORD).read_text())
    assert sha256(graded["out"] / "gradebook.csv") == record["gradebook.csv"]


def test_rewriting_the_data_changes_no_key(graded):
    verdict, message = verdicts(graded, "vandal.ipynb")[IDS[0]]
    assert verdict == "incorrect" and message.startswith("'003_76a03f6ec5875e14' is not the answer.")
    assert verdicts(graded, "complete.ipynb")[IDS[0]] == ("correct", "")


def test_a_run_sees_no_other_submission_no_repository_no_environment_and_no_network(graded):
    assert verdicts(graded, "intruder.ipynb") == {i: ("correct", "") for i in IDS}


def test_nothing_a_run_tried_to_read_reaches_its_feedback(graded):
    feedback = (graded["out"] / "feedback" / "intruder.txt").read_text(encoding="utf-8")
    assert re.search(r"\n  Cell \d+ raised RuntimeError \(the notebook's own message: 'stolen: '\)\n", feedback)
    for path in graded["out"].rglob("*"):
        assert path.is_dir() or EARLIER_SECRET not in path.read_text(encoding="utf-8"), path


def test_a_notebook_too_deep_for_the_parser_stops_no_grading(graded):
    rows = verdicts(graded, "poison.ipynb")
    assert rows[IDS[0]] == ("correct", "") and {rows[i][0] for i in IDS[1:]} == {"not attempted"}
    assert verdicts(graded, "complete.ipynb") == {i: ("correct", "") for i in IDS}


def test_a_notebook_the_grader_cannot_look_at_is_an_error_of_its_own(monkeypatch):
    def too_deep(*arguments):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(grade, "flags", too_deep)
    late = gradebook.Submission("late.ipynb", "late", notebook=submission({}), chapter=grade.book_chapters()[1])
    grade.examine(late, {late.chapter.name: set()})
    assert late.problem == "the grader could not read its code (RecursionError: maximum recursion depth exceeded)"


def test_the_honest_submission_next_to_the_cheats_is_all_correct_and_unflagged(graded):
    assert verdicts(graded, "complete.ipynb") == {i: ("correct", "") for i in IDS}
    assert flags_of(graded, "complete.ipynb") == ""


# --- Flags -----------------------------------------------------------------------------------------------------

def test_calling_the_keys_is_flagged_and_earns_nothing(graded):
    assert flags_of(graded, "keys.ipynb") == "uses the package's answer keys (.key(, EXERCISES, newsreader.exercises)"
    assert {verdict for verdict, _ in verdicts(graded, "keys.ipynb").values()} == {"error"}  # the edition has no keys


def test_the_books_own_notebook_is_flagged(graded):
    assert flags_of(graded, "book.ipynb") == f"answer cells equal the book's ({', '.join(IDS)}: {N} of {N})"
    assert flags_of(graded, "faked.ipynb") == ("uses the package's answer keys (newsreader.checking); typed as a value, "
                                               f"not computed ({IDS[0]}, {IDS[1]}: 2 of {N})")
    assert ("Flagged as looking copied (see the flags column): book.ipynb, faked.ipynb, keys.ipynb"
            in graded["printed"])


# --- Verdicts --------------------------------------------------------------------------------------------------

def test_one_row_per_submission_and_exercise_in_book_order(graded):
    names = sorted({row["submission"].removeprefix("'") for row in graded["rows"]})
    assert names == sorted(["book.ipynb", "broken.ipynb", "complete.ipynb", "faked.ipynb", "intruder.ipynb",
                            "keys.ipynb", "late/partial.ipynb", "mystery.ipynb", "raises.ipynb", "vandal.ipynb",
                            "wrong.ipynb", "poison.ipynb", "elsewhere.ipynb", FORMULA_FILE])
    assert [(row["submission"].removeprefix("'"), row["exercise"]) for row in graded["rows"]] == [
        (name, exercise_id) for name in sorted(names) for exercise_id in IDS]


def test_a_partial_submission_is_correct_then_not_attempted(graded):
    rows = verdicts(graded, "late/partial.ipynb")
    assert [rows[i][0] for i in IDS] == ["correct"] * 2 + ["not attempted"] * (N - 2)
    assert all(rows[i][1].startswith("replace the ... with your answer") for i in IDS[2:])


def test_wrong_answers_are_incorrect_with_the_checks_own_feedback(graded):
    assert verdicts(graded, "wrong.ipynb") == {i: ("incorrect", EXERCISES[i].mistakes[0].feedback) for i in IDS}


def test_a_faked_check_output_a_redefined_check_and_a_patched_newsreader_do_not_count(graded):
    rows = verdicts(graded, "faked.ipynb")
    assert rows[IDS[0]] == ("incorrect", EXERCISES[IDS[0]].mistakes[0].feedback)
    assert rows[IDS[1]] == ("incorrect", EXERCISES[IDS[1]].mistakes[0].feedback)
    verdict, message = rows[IDS[-1]]
    assert verdict == "error" and "is not plain data (it uses __main__.Always)" in message
    assert all(rows[i] == ("correct", "") for i in IDS[2:-1])


def test_a_cell_that_raises_is_named_and_the_later_exercises_are_still_graded(graded):
    rows = verdicts(graded, "raises.ipynb")
    variable, _ = ANSWERS[IDS[1]]
    verdict, message = rows[IDS[1]]
    assert verdict == "error"
    assert re.fullmatch(rf"{variable} is not defined \(the run had a failure: cell \d+ raised KeyError \(the "
                        r"notebook's own message: \"'003'\"\)\)", message)
    assert all(rows[i] == ("correct", "") for i in IDS if i != IDS[1])


def test_unreadable_and_unknown_notebooks_are_in_the_gradebook_as_errors(graded):
    broken, mystery = verdicts(graded, "broken.ipynb"), verdicts(graded, "mystery.ipynb")
    assert list(broken) == list(mystery) == IDS
    assert all(v == "error" and m.startswith("not a readable notebook (NotJSONError") for v, m in broken.values())
    assert all(v == "error" and m.startswith("unknown chapter") for v, m in mystery.values())
    skipped = read_csv(graded["out"] / "skipped.csv")
    assert skipped == [{"file": "notes.txt", "student": "notes", "reason": "not a notebook (.txt)"}]


def test_a_notebook_of_another_chapter_is_an_error_of_its_student_and_moves_no_maximum(graded):
    rows = verdicts(graded, "elsewhere.ipynb")
    assert list(rows) == IDS and set(rows.values()) == {("error", "another chapter: this notebook is 02-the-numbers, "
                                                         f"and the class is graded on {CHAPTER.stem}")}
    assert (f"Chapter {CHAPTER.stem} (the chapter of 10 of 14 notebooks): every student's maximum is {N} points."
            in graded["printed"])
    assert ("1 notebook(s) of another chapter, not run (an error row for each exercise, with the reason): "
            "elsewhere.ipynb (02-the-numbers)" in graded["printed"])
    elsewhere = (graded["out"] / "feedback" / "elsewhere.txt").read_text(encoding="utf-8")
    assert elsewhere.startswith(f"Feedback for elsewhere\n\nScore: 0 of {N} points.")


def test_an_answer_typed_as_a_value_where_the_book_computes_it_is_flagged():
    [chapter] = [chapter for chapter in grade.book_chapters() if chapter.name == CHAPTER.stem]
    assert set(chapter.computed) == set(IDS)  # the book computes every answer of chapter 1

    def flagged(answers):
        notebook = submission(answers)
        return grade.flags(notebook, chapter, grade.code_lines(student_notebook(CHAPTER)))

    found_offline = ['a', 1, {'b': -2.5}]
    typed = {IDS[0]: wrong_answer(IDS[0]), IDS[2]: f"# found it\n{ANSWERS[IDS[2]][0]}: list = {found_offline!r}"}
    assert flagged({**complete(), **typed}) == [f"typed as a value, not computed ({IDS[0]}, {IDS[2]}: 2 of {N})"]
    assert flagged(complete()) == flagged({}) == []  # computed answers, and the edition's blanks (...)


def test_the_class_chapter_can_be_given_and_must_be_a_chapter(tmp_path):
    write(tmp_path / "class", "a.ipynb", submission({}))
    code, printed = run_main(tmp_path / "class", "--out", tmp_path / "grades", "--chapter", "09")
    assert code == 2 and printed.startswith("Nothing graded: --chapter '09' is not a chapter of the book (they are 00-")
    book = gradebook.Gradebook(submissions=[gradebook.Submission("a.ipynb", "a", chapter=grade.book_chapters()[1])])
    grade.class_chapter(book, grade.book_chapters(), "04")
    assert book.chapter.name.startswith("04-") and book.submissions[0].problem.startswith("another chapter")


def test_a_cell_that_looks_like_a_formula_is_text_in_every_csv(graded):
    student = FORMULA_FILE.split("_")[0]
    for name in ("gradebook.csv", "totals.csv", "canvas.csv", "submissions.csv"):
        with (graded["out"] / name).open(encoding="utf-8", newline="") as file:
            cells = [cell for row in csv.reader(file) for cell in row]
        assert f"'{student}" in cells and not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))], name


# --- Totals, LMS files, feedback -------------------------------------------------------------------------------

def test_totals_give_each_student_a_score_out_of_the_same_maximum(graded):
    totals = {row["student"]: row for row in read_csv(graded["out"] / "totals.csv")}
    assert totals["keys"]["flags"].startswith("uses the package's answer keys")
    assert {student: row["score"] for student, row in totals.items()} == {
        "book": str(N), "keys": "0", "broken": "0", "complete": str(N), "faked": str(N - 3), "intruder": str(N),
        "late": "2", "mystery": "0", "raises": str(N - 1), "vandal": str(N - 1), "wrong": "0", "poison": "1",
        "elsewhere": "0", "'" + FORMULA_FILE.split("_")[0]: "0"}  # a file that is not a notebook is no student
    assert {row["maximum"] for row in totals.values()} == {str(N)}


def test_canvas_and_moodle_files_hold_the_totals_in_their_formats(graded):
    with (graded["out"] / "canvas.csv").open(encoding="utf-8") as file:
        canvas = list(csv.reader(file))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", CHAPTER.stem]
    assert canvas[1] == ["Points Possible", "", "", "", "", str(N)]
    assert ["", "", "", "complete", "", str(N)] in canvas
    moodle = {row["Identifier"]: row for row in read_csv(graded["out"] / "moodle.csv")}
    complete = moodle["Participant complete"]
    assert (complete["Grade"], complete["Maximum Grade"]) == (str(N), str(N)) and complete["Last modified (grade)"]


def test_each_student_gets_a_feedback_file_with_every_verdict_and_what_went_wrong(graded):
    raises = (graded["out"] / "feedback" / "raises.txt").read_text(encoding="utf-8")
    assert raises.startswith(f"Feedback for raises\n\nScore: {N - 1} of {N} points.")
    assert re.search(r"\n  Cell \d+ raised KeyError \(the notebook's own message: \"'003'\"\)\n", raises)
    assert f"  {IDS[0]}: correct (1 of 1)" in raises
    broken = (graded["out"] / "feedback" / "broken.txt").read_text(encoding="utf-8")
    assert "This notebook could not be graded: not a readable notebook" in broken


def test_the_exercise_summary_lists_the_hardest_first(graded):
    summary = read_csv(graded["out"] / "exercises.csv")
    assert sorted(row["exercise"] for row in summary) == sorted(IDS)
    shares = [float(row["share correct"]) for row in summary]
    assert shares == sorted(shares)


def test_the_printed_summary_names_the_protections(graded):
    printed = graded["printed"]
    assert "Graded 10 notebook(s) of 14 student(s) in" in printed
    assert ("3 notebook(s) could not be graded (every exercise an error, with the reason): "
            f"{FORMULA_FILE}, broken.ipynb, mystery.ipynb") in printed
    assert "Each run had its own process group" in printed
    if sandbox.bubblewrap_works() or os.environ.get("CI") == "true":  # CI installs bubblewrap: it must work there
        assert "bubblewrap: only the system's programs and libraries and the Python environment" in printed
        assert "MISSING" not in printed


def test_earlier_results_are_not_replaced_without_overwrite(graded):
    out = graded["out"]
    before = grade.fingerprints(out)
    code, printed = run_main(graded["folder"], "--out", out)
    assert code == 2 and "already holds results (gradebook.csv, totals.csv" in printed and "--overwrite" in printed
    assert grade.fingerprints(out) == before


# --- How a run ends early: small notebooks run by run_submission.py alone, with short limits -------------------

ENDLESS = "import time\nwhile True:\n    time.sleep(0.1)"


def run_record(tmp_path, cells: list[str], cell_timeout=2, notebook_timeout=60) -> bytes:
    """Run the cells as run_submission.py runs a submission (no sandbox); the record it leaves. The answers are x and
    y, exported after every cell that assigns them."""
    (tmp_path / "edition" / "book").mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    job = {"notebook": notebook, "expressions": ["x", "y"], "cell_timeout": cell_timeout,
           "notebook_timeout": notebook_timeout, "limits": {}, "edition": str(tmp_path / "edition"),
           "work": str(tmp_path / "work"),
           "export_after": [n for n, source in enumerate(cells, 1) if re.match(r"[xy] = ", source)]}
    (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
    with (tmp_path / "record.json").open("wb") as record:
        subprocess.run([sys.executable, ROOT / "tools" / "run_submission.py", tmp_path / "job.json"], stdout=record,
                       cwd=tmp_path, timeout=60, check=True)
    return (tmp_path / "record.json").read_bytes()


def run_alone(tmp_path, cells: list[str], **timeouts) -> dict:
    """The record of ``run_record``, with the answers unpickled."""
    record = json.loads(run_record(tmp_path, cells, **timeouts))
    answers = judging.plain_loads(base64.b64decode(record["answers"])) if record["answers"] else {}
    record["answers"] = {name: judging.plain_loads(value) for name, (state, value) in answers.items()
                         if state == "value"}
    return record


def test_an_endless_cell_is_stopped_and_a_kernel_that_ignores_the_interrupt_keeps_the_answers_it_had(tmp_path):
    stuck = f"import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n{ENDLESS}"
    record = run_alone(tmp_path, ["x = 1", ENDLESS, "y = 2", stuck, "y = 3", "z = 4"])
    assert record == {"failures": {"2": "ran longer than 2 s and was stopped", "4": "ran longer than 2 s and was "
                                   "stopped"}, "answers": {"x": 1, "y": 2},
                      "stopped": "cells 4 and 5 both ran longer than their time: the kernel is stuck, so the answers "
                                 "are those it had before"}


def test_a_notebook_past_its_time_is_stopped_with_the_answers_it_had(tmp_path):
    record = run_alone(tmp_path, ["x = 1", *["import time\ntime.sleep(1)"] * 6, "y = 2"], cell_timeout=10,
                       notebook_timeout=3)
    assert re.fullmatch(r"the notebook ran longer than 3 s, so cells [2-6] to 8 were not run \(or not to their end\)",
                        record["stopped"])
    assert record["answers"] == {"x": 1}


def test_a_kernel_that_dies_leaves_the_answers_it_had_and_the_reason(tmp_path):
    record = run_alone(tmp_path, ["x = 1", "import os\nos._exit(1)", "y = 2"])
    assert record["stopped"] == ("the kernel stopped while running cell 2 (it crashed, exited, or went over a "
                                 "resource limit)")
    assert record["answers"] == {"x": 1}


def test_a_cells_error_text_is_quoted_as_the_notebooks_own(tmp_path):
    record = run_alone(tmp_path, ['raise RuntimeError("done.\\n  meet-1: correct (1 of 1)")'])
    assert record["failures"] == {"1": "raised RuntimeError (the notebook's own message: 'done.\\n meet-1: correct "
                                       "(1 of 1)')"}


FULL_DISK = "import errno\ndef open(*arguments, **options):\n    raise OSError(errno.ENOSPC, 'No space left on device')"


def test_answers_that_cannot_be_saved_on_a_full_disk_are_errors_that_say_so(tmp_path):
    """The export of the answers writes a file; on a full disk it fails (here its ``open`` says so, as a full home
    folder would): the answers are errors that name the disk limit, never "not defined"."""
    cells = ["x = 1", FULL_DISK, "y = 2"]
    record = run_record(tmp_path, cells)
    run = judging.decoded(judging.read_run(sandbox.Ended(0, record), sandbox.Limits(seconds=60)))
    assert run.stopped.startswith("the answers could not be saved after cell 3: the run's disk limit was reached")
    assert pickle.loads(run.answers["x"][1]) == 1
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    assert judging.judge(IDS[0], "y", run, notebook, None) == ("error", run.stopped)


def test_a_stopped_run_makes_each_missing_answer_an_error_with_the_reason():
    run = judging.Run(stopped="the kernel stopped while running cell 6")
    assert judging.judge(IDS[0], ANSWERS[IDS[0]][0], run, nbformat.v4.new_notebook(), None) == (
        "error", "the kernel stopped while running cell 6")


# --- Without bubblewrap: what is missing is said, and a change is reported with exit status 1 ------------------

def test_without_bubblewrap_a_changed_submission_is_reported_with_exit_status_1(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "bubblewrap_works", lambda: False)
    folder = tmp_path / "submissions"
    variable, _ = ANSWERS[IDS[1]]
    small = [f"{variable} = {EXERCISES[IDS[1]].key()!r}", f'check("{IDS[1]}", {variable})']  # a chapter 1 notebook
    write(folder, "honest.ipynb", nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in small]))
    tamper = f"import pathlib\npathlib.Path({str(folder / 'honest.ipynb')!r}).write_text('{{}}')"
    write(folder, "tamper.ipynb", nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in [tamper, *small]]))
    code, printed = run_main(folder, "--out", tmp_path / "grades", "--timeout", TIMEOUT, "--jobs", 2)
    assert code == 1
    assert "WARNING: these files changed while the class was graded (a submission wrote to them?): " \
           "submissions/honest.ipynb" in printed
    assert "MISSING protections: bubblewrap (apt-get install bubblewrap)" in printed
    rows = read_csv(tmp_path / "grades" / "gradebook.csv")
    assert [row["verdict"] for row in rows if row["submission"] == "honest.ipynb" and row["exercise"] == IDS[1]] == [
        "correct"]  # graded from the copy read before any run


# --- Refusals and bad input: one line, exit status 2 -----------------------------------------------------------

def test_results_are_never_written_inside_the_submissions_or_the_repository(tmp_path):
    for out in (tmp_path / "grades", DATA / "grades", BOOK / "grades"):
        code, printed = run_main(tmp_path, "--out", out)
        assert code == 2 and "inside" in printed and len(printed.splitlines()) == 1
        assert not out.exists()


def test_a_folder_without_notebooks_is_refused_and_nothing_is_written(tmp_path):
    (tmp_path / "class").mkdir()
    for number in range(30):
        (tmp_path / "class" / f"file-{number}.conf").write_text("x", encoding="utf-8")
    code, printed = run_main(tmp_path / "class", "--out", tmp_path / "grades")
    assert code == 2 and printed == (
        f"Nothing graded: {tmp_path / 'class'} holds no notebook (.ipynb), only 30 other file(s) such as file-0.conf, "
        "file-1.conf, file-10.conf; is it the right folder?\n")
    assert not (tmp_path / "grades").exists()


def test_a_notebook_over_the_size_limit_is_an_error_row_and_never_read(tmp_path, monkeypatch):
    with (tmp_path / "huge.ipynb").open("wb") as huge:
        huge.truncate(grade.MAX_NOTEBOOK_BYTES + 1024**2)  # sparse: takes no disk
    monkeypatch.setattr(grade, "read_notebook", lambda path: pytest.fail(f"{path} was read"))
    book = gradebook.Gradebook()
    grade.discover(tmp_path, re.compile(grade.STUDENT_IDS["default"]), [], book)
    [huge] = book.submissions
    assert huge.problem == ("too large to grade (21.0 MB; a notebook may have at most 20 MB): clear its outputs and "
                            "hand it in again")


def test_a_missing_submissions_folder_is_reported(tmp_path):
    code, printed = run_main(tmp_path / "nowhere", "--out", tmp_path / "grades")
    assert code == 2 and printed == f"Nothing graded: {tmp_path / 'nowhere'} is not a folder of submissions\n"


@pytest.mark.parametrize("weights, message", [
    ("exercise,points\nmeet-9,2\n", "line 2: 'meet-9' is not an exercise of the book"),
    ("exercise,points\nmeet-1,2\nmeet-1,3\n", "line 3: meet-1 is listed twice"),
    ("exercise,points\nmeet-1,two\n", "line 2: the points of meet-1 must be a number, 0 or more (not 'two')"),
    ("exercise,points\nmeet-1,-1\n", "the points of meet-1 must be a number, 0 or more"),
    ("id,score\nmeet-1,2\n", "needs the columns exercise and points"),
])
def test_a_bad_weights_table_is_refused_with_the_line(tmp_path, weights, message):
    (tmp_path / "weights.csv").write_text(weights, encoding="utf-8")
    (tmp_path / "class").mkdir()
    code, printed = run_main(tmp_path / "class", "--out", tmp_path / "grades", "--weights", tmp_path / "weights.csv")
    assert code == 2 and message in printed and len(printed.splitlines()) == 1


def test_weights_are_read_and_default_to_one(tmp_path):
    (tmp_path / "weights.csv").write_text("exercise,points\nmeet-1,2.5\nmeet-2,0\n", encoding="utf-8")
    assert grade.read_weights(tmp_path / "weights.csv") == {"meet-1": 2.5, "meet-2": 0.0}


def test_help_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as stop:
        grade.main(["--help"])
    assert stop.value.code == 0
    assert "--notebook-timeout" in capsys.readouterr().out


# --- Pure parts, without a kernel ------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern, path, student", [
    ("default", "José Núñez/meet the articles (final) – copia.ipynb", "José Núñez"),
    ("default", "alice_complete.ipynb", "alice"),
    ("default", "bob.ipynb", "bob"),
    ("canvas", "smithjane_123456_7891011_01-meet-the-articles.ipynb", "123456"),
    ("canvas", "smithjane_LATE_123456_7891011_01-meet-the-articles-1.ipynb", "123456"),
    ("moodle", "Jane Smith_4321_assignsubmission_file_/01-meet-the-articles.ipynb", "4321"),
    ("moodle", "Jane Smith_4321_assignsubmission_file_01-meet-the-articles.ipynb", "4321"),
    (r"^(?P<student>s\d+)-", "s0042-meet.ipynb", "s0042"),
    (r"^(?P<student>s\d+)-", "meet.ipynb", None),
])
def test_the_student_id_comes_from_the_path_by_a_documented_pattern(pattern, path, student):
    assert grade.student_of(path, re.compile(grade.student_pattern(pattern))) == student


def test_a_student_id_pattern_without_a_student_group_is_refused():
    with pytest.raises(judging.GradeError, match="no group named student"):
        grade.student_pattern(r"^(\w+)_")


def test_every_check_cell_of_the_book_names_a_declared_exercise_once_with_its_answer_cell():
    chapters = grade.book_chapters()
    ids = [exercise_id for chapter in chapters for exercise_id in chapter.ids]
    assert ids and set(ids) <= set(EXERCISES)
    assert len(ids) == len(set(ids))
    chapter_1 = next(chapter for chapter in chapters if chapter.name == CHAPTER.stem)
    assert list(chapter_1.answers) == [(i, ANSWERS[i][0]) for i in IDS]
    assert [exercise_id for exercise_id, _ in chapter_1.solutions] == IDS


def test_a_submission_is_identified_by_its_exercise_ids_then_by_its_file_name():
    chapters = grade.book_chapters()
    by_name = {chapter.name: chapter for chapter in chapters}
    second = next(chapter for chapter in chapters if chapter.name.startswith("02-"))
    cells = [nbformat.v4.new_code_cell(f'check("{i}", x)') for i in second.ids[:2]]
    named_otherwise = nbformat.v4.new_notebook(cells=cells)
    assert grade.identify(named_otherwise, f"{CHAPTER.stem}.ipynb", chapters) == second
    labelled = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"```{{exercise}}\n:label: {IDS[0]}\n")])
    assert grade.identify(labelled, "anything.ipynb", chapters) == by_name[CHAPTER.stem]
    empty = nbformat.v4.new_notebook()
    assert grade.identify(empty, f"ana-{CHAPTER.stem}.ipynb", chapters) == by_name[CHAPTER.stem]
    assert grade.identify(empty, "ana.ipynb", chapters) is None


def test_a_tie_of_exercise_ids_falls_back_to_the_file_name():
    chapters = grade.book_chapters()
    first, second = chapters[1], chapters[2]
    tie = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f'check("{first.ids[0]}", x)\n'
                                                                    f'check("{second.ids[0]}", y)')])
    assert grade.identify(tie, f"ana-{second.name}.ipynb", chapters) == second
    assert grade.identify(tie, "ana.ipynb", chapters) is None


def values(exercise):
    """The key and the known mistakes of an exercise (one that cannot be computed is test_exercises.py's to report)."""
    for compute in [exercise.key] + [mistake.answer for mistake in exercise.mistakes]:
        with contextlib.suppress(Exception):
            yield compute()


def test_every_key_and_known_mistake_of_the_book_can_be_read_back_as_plain_data():
    for exercise in EXERCISES.values():
        for value in values(exercise):
            loaded = judging.plain_loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            assert type(loaded) is type(value) and repr(loaded) == repr(value), exercise.id


class RunsCode:
    def __reduce__(self):
        return print, ("this must never be printed",)


BOMB = 1536 * 1024**2  # bytes: more than the judging may take (and less than this shared machine can spare)


def test_an_answer_that_would_build_gigabytes_in_the_grader_is_an_error_that_says_so(keys):
    """A pickle of a few bytes that builds a bytearray of 1.5 GB through the allowed builtins.bytearray."""
    bomb = f"cbuiltins\nbytearray\n(L{BOMB}L\ntR.".encode()
    variable = ANSWERS[IDS[0]][0]
    run = judging.Run(exported=pickle.dumps({variable: ("value", bomb)}))
    [(verdict, message, _)] = judging.judge_submission(((IDS[0], variable),), run, nbformat.v4.new_notebook(), keys)
    assert (verdict, message) == ("error", f"{variable} could not be read within the grader's limits (1024 MB of "
                                  "memory, 60 s of CPU time): MemoryError")
    honest = exported({variable: EXERCISES[IDS[0]].key()})
    assert judging.judge_submission(((IDS[0], variable),), honest, nbformat.v4.new_notebook(), keys) == [
        ("correct", "", None)]


def test_in_a_graded_run_check_says_that_the_grader_checks(monkeypatch, tmp_path, capsys):
    from newsreader import checking

    monkeypatch.setattr(checking, "IN_EDITION", True)
    monkeypatch.setattr(checking, "SHIPPED", tmp_path / "keybook.json")
    monkeypatch.setenv(checking.GRADING, "1")
    checking.check(IDS[0], "003")
    assert capsys.readouterr().out == checking.GRADED_RUN + "\n"


def test_the_graders_copy_of_the_edition_holds_no_answer_key_file(tmp_path):
    kit = grade.make_kit(tmp_path / "kit")
    assert not list(kit.rglob("keybook.json")) and list(kit.rglob("01-meet-the-articles.ipynb"))


def test_an_answer_that_would_run_code_is_refused(capsys):
    with pytest.raises(judging.UnsafeAnswer, match="builtins.print"):
        judging.plain_loads(pickle.dumps(RunsCode()))
    assert capsys.readouterr().out == ""


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """Keys compiled from a copy of data/ that is then changed: judging must not notice."""
    data = Path(shutil.copytree(DATA, tmp_path_factory.mktemp("keys") / "data"))
    compiled = judging.compile_keys(data)
    articles = data / "articles.csv"
    articles.write_text(articles.read_text(encoding="utf-8").replace("not confirmed", "confirmed"), encoding="utf-8")
    return compiled


def test_keys_are_computed_once_and_a_change_to_the_data_afterwards_changes_none(keys):
    assert judging.judge_answer(IDS[0], EXERCISES[IDS[0]].key(), keys) == ("correct", "")


@pytest.mark.parametrize("answer, expected", [
    (..., "not attempted"),
    ("nonsense", "incorrect"),
])
def test_each_result_of_a_check_has_its_verdict(keys, answer, expected):
    assert judging.judge_answer(IDS[0], answer, keys)[0] == expected


def test_a_coding_exercise_is_recorded_with_its_agreement_figure(keys):
    exercise_id = next(exercise_id for exercise_id in EXERCISES if exercise_id.endswith("-coding"))
    coding = pickle.dumps(EXERCISES[exercise_id].key(), protocol=pickle.HIGHEST_PROTOCOL)
    run = judging.Run(answers={"my_coding": ("value", coding)})
    verdict, message = judging.judge(exercise_id, "my_coding", run, nbformat.v4.new_notebook(), keys)
    assert verdict == "coded"
    assert re.search(r"\d+ of \d+ agree \(\d+%\)", message) and "\n" not in message


def test_an_answer_under_another_name_is_an_error_that_says_which_name_to_keep():
    renamed = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("bp_start = 2277")])
    message = judging.answer_message("boilerplate_start", "NameError: name 'boilerplate_start' is not defined",
                                     judging.Run(answers={"x": ("value", b"")}), renamed)
    assert message == ("boilerplate_start is not defined (no cell assigns boilerplate_start: keep the name the "
                       "exercise's check cell uses for your answer)")


def test_every_message_is_one_line_of_bounded_length():
    assert judging.one_line("x" * 10**6) == "x" * (judging.MESSAGE_LIMIT - 1) + "…"
    assert judging.one_line("agreement:\n  frame: 8 of 9\n  kind: 9 of 9") == "agreement: frame: 8 of 9; kind: 9 of 9"


def test_each_answer_variable_is_assigned_only_in_its_answer_cell():
    """The grader reads the answers after the answer cells: no later cell of the book may reassign them."""
    for chapter in grade.book_chapters():
        notebook = nbformat.read(BOOK / f"{chapter.name}.ipynb", as_version=4)
        for exercise_id, variable in chapter.answers:
            cells = [cell for cell in notebook.cells if cell.cell_type == "code"
                     and judging.assigning(variable).search(cell.source)]
            assert len(cells) == 1 and "answer" in cells[0].metadata.get("tags", []), (chapter.name, exercise_id)


def test_the_summary_lists_at_most_ten_names_of_a_kind():
    assert gradebook.listed([f"f{i}" for i in range(1067)]) == ", ".join(f"f{i}" for i in range(10)) + " and 1057 more"


def small_gradebook() -> gradebook.Gradebook:
    row = {"student": "ana", "submission": "ana.ipynb", "chapter": CHAPTER.stem, "exercise": IDS[0],
           "verdict": "correct", "points": 1.0, "max_points": 1.0, "message": "", "flags": "", "sheet": None}
    coded = {**row, "student": "student-01", "exercise": "framing-coding", "verdict": "coded", "sheet": "unit,frame\n"}
    return gradebook.Gradebook(rows=[row, coded], submissions=[gradebook.Submission("ana.ipynb", "ana", run=judging.Run())])


def test_a_rerun_replaces_its_own_files_and_keeps_those_someone_changed(tmp_path):
    book = small_gradebook()
    first = gradebook.write_reports(book, tmp_path, "notebook")
    assert "Kept files" not in gradebook.summary(book, first, 1.0)  # student-01.csv is a name, not a renamed file
    (tmp_path / "totals.csv").write_text("ana,5,5  <- the instructor's edit", encoding="utf-8")
    again = gradebook.write_reports(book, tmp_path, "notebook")
    assert (tmp_path / "totals.csv").read_text(encoding="utf-8") == "ana,5,5  <- the instructor's edit"
    assert {path.name for path in again} - {path.name for path in first} == {"totals-2.csv"}
    assert not list(tmp_path.glob("gradebook-*.csv"))  # its own unchanged files were replaced
    assert "Kept files someone changed in OUT; the new results are in totals-2.csv." in gradebook.summary(
        book, again, 1.0)


def exported(answers: dict) -> judging.Run:
    """A run that handed back ``answers`` (expression -> value), as run_submission.py exports them."""
    return judging.Run(exported=pickle.dumps({expression: ("value", pickle.dumps(value))
                                              for expression, value in answers.items()}))


def test_a_students_coding_sheet_is_written_for_the_agreement_command(tmp_path, keys):
    from newsreader.exercises.coding import book_coding
    from newsreader.sheets import as_csv_text
    from newsreader.sheets import coding_exercise as exercise
    from newsreader.reliability import read_coders

    chapter = next(c for c in grade.book_chapters() if "framing-coding" in c.ids)
    expression = dict(chapter.answers)["framing-coding"]
    sheets = {"ana": book_coding("framing-coding"), "ben": book_coding("framing-coding").iloc[::-1]}
    submissions = [gradebook.Submission(f"{name}.ipynb", name, chapter=chapter, notebook=nbformat.v4.new_notebook(),
                                        run=exported({expression: sheet})) for name, sheet in sheets.items()]
    book = gradebook.Gradebook(submissions=submissions, chapter=chapter, weights={i: 1.0 for i in EXERCISES})
    book.rows = grade.rows(book, keys)
    gradebook.write_reports(book, tmp_path, "notebook")
    folder = tmp_path / "coding" / "framing-coding"
    assert (folder / "ana.csv").read_text() == as_csv_text(sheets["ana"], exercise("framing-coding"))
    assert read_coders(folder).names == ["ana", "ben"]


def test_without_bubblewrap_the_missing_protections_are_named(monkeypatch):
    monkeypatch.setattr(sandbox, "bubblewrap_works", lambda: False)
    _, missing = sandbox.Sandbox(sandbox.Limits(seconds=10)).protections()
    assert missing and missing[-1].startswith("bubblewrap (apt-get install bubblewrap): without it a submission can "
                                              "read and write whatever your account can")


def sandboxed(tmp_path, program: list[str], **limits) -> sandbox.Ended:
    """Run ``program`` in a sandbox with the given limits (and a minute of time)."""
    box = sandbox.Sandbox(sandbox.Limits(seconds=60, **limits))
    (tmp_path / "kit").mkdir()
    (tmp_path / "job").mkdir()
    return box.run(program, tmp_path / "kit", tmp_path / "job", {"PATH": "/usr/bin:/bin"})


def needs(available: bool, what: str) -> None:
    if not available and os.environ.get("CI") != "true":  # CI installs bubblewrap and runs as root: it must work there
        pytest.skip(f"{what} is not available on this machine")


def test_the_sandboxs_tmp_shm_and_home_have_their_sizes(tmp_path):
    needs(sandbox.bubblewrap_works(), "bubblewrap")
    ended = sandboxed(tmp_path, ["df", "-k", "--output=size", "/tmp", "/dev/shm", str(sandbox.INSIDE / "student")],
                      temporary=8 * 1024**2, disk=16 * 1024**2)
    assert ended.status == 0 and ended.output.split()[1:] == [b"8192", b"8192", b"16384"]


MEMORY_HOG = """import os, time
children = []
for _ in range(3):
    child = os.fork()
    if child == 0:
        held = bytearray(b"x") * (100 * 1024**2)
        time.sleep(1)  # all three at once
        os._exit(0)
    children.append(child)
print(sum(os.waitpid(child, 0)[1] == 0 for child in children), "children held 100 MB", flush=True)
"""


def test_the_memory_of_a_whole_run_is_limited_not_only_each_process(tmp_path):
    needs("memory" in sandbox.Sandbox(sandbox.Limits(seconds=1)).cgroups, "a memory cgroup")
    ended = sandboxed(tmp_path, [os.path.abspath(sys.executable), "-c", MEMORY_HOG], run_memory=150 * 1024**2)
    assert re.search(rb"^[0-2] children held 100 MB$", ended.output, re.MULTILINE), ended.output


def test_the_grading_guide_states_the_limits_the_code_sets():
    guide = " ".join((BOOK / "instructors" / "grading.md").read_text(encoding="utf-8").split())
    limits = sandbox.Limits(seconds=1)
    assert f"Each process of a run may take {limits.memory // 1024**3} GB of memory" in guide
    assert f"at most {limits.run_memory // 1024**3} GB of memory for all its processes together" in guide
    assert f"at most {limits.processes} processes and threads" in guide
    assert (f"home of {sandbox.mb(limits.disk)} MB, a private `/tmp` and `/dev/shm` of {sandbox.mb(limits.temporary)} "
            "MB each") in guide
    assert f"A notebook larger than {grade.MAX_NOTEBOOK_BYTES // 1024**2} MB is not read" in guide


def test_the_runner_imports_nothing_from_the_project():
    source = (ROOT / "tools" / "run_submission.py").read_text(encoding="utf-8")
    imported = re.findall(r"^(?:from|import) ([\w.]+)", source, re.MULTILINE)
    assert set(imported) <= set(sys.stdlib_module_names) | {"nbformat", "nbclient", "nbclient.exceptions"}


def test_a_sample_class_has_own_answers_mistakes_and_a_blank_notebook(tmp_path, capsys):
    import sample_class

    assert sample_class.main([str(tmp_path), "--students", "6"]) == 0
    notebooks = [nbformat.read(path, as_version=4) for path in sorted(tmp_path.glob("*.ipynb"))]
    sources = ["\n".join(cell.source for cell in notebook.cells) for notebook in notebooks]
    assert len(sources) == 6 and "my_own_work = 1\n" in sources[0]
    assert all(f"{variable} = ..." not in sources[0] for variable, _ in ANSWERS.values())
    assert f"{ANSWERS[IDS[0]][0]} = {EXERCISES[IDS[0]].mistakes[0].answer()!r}" in sources[4]  # student 5
    assert sources[5] == "\n".join(cell.source for cell in student_notebook(CHAPTER).cells)
    sample_class.main([str(tmp_path), "--students", "1"])
    assert len(list(tmp_path.glob("*.ipynb"))) == 7  # nothing replaced: the new notebook got a free name


def test_a_sample_class_uses_only_the_edition_and_its_mistakes_get_the_mistakes_feedback(keys):
    """Chapter 4: the mistake student's answers and every student's coding sheet, run as the edition would run them
    (no numpy names, no newsreader.exercises), are judged as the mistake and as coded."""
    import sample_class

    chapter = BOOK / "04-framing.ipynb"
    book = sample_class.answer_cells(chapter)
    for number, expected in ((5, "mistake"), (1, "key")):
        for exercise_id, code in sample_class.student_answers(number, 30, book).items():
            exercise_id = next(i for i, (variable, _) in book.items() if variable == exercise_id)
            if expected == "key" and not exercise_id.endswith("-coding"):
                continue  # the book's own answer cell: it needs the chapter's cells before it
            assert "newsreader.exercises" not in code and "np." not in code, exercise_id
            namespace = {}
            exec(code, namespace)
            verdict, message = judging.judge_answer(exercise_id, namespace[book[exercise_id][0]], keys)
            if exercise_id.endswith("-coding"):
                assert verdict == "coded", (number, exercise_id, message)
            else:
                assert (verdict, message) == ("incorrect", EXERCISES[exercise_id].mistakes[0].feedback), exercise_id
