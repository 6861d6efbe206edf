"""Grading a class: submissions made from the real student edition of chapter 1, graded once for the module.

Each fixture notebook is the student edition of 01-meet-the-articles with answers filled in from the book's answer
cells (or made wrong, missing, faked, endless or fatal); the tests read the CSVs the grader writes.
"""
import contextlib
import csv
import hashlib
import io
import pickle
import re
from pathlib import Path

import nbformat
import pytest

import grade
from newsreader.exercises import EXERCISES
from student_edition import student_notebook

pytestmark = pytest.mark.xdist_group("grade")  # one worker grades the class once, for every test
BOOK = Path(__file__).resolve().parents[1] / "book"
CHAPTER = BOOK / "01-meet-the-articles.ipynb"
TIMEOUT = 5  # seconds per cell: far above any cell of chapter 1, short enough for the endless notebook
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
    return {exercise_id: code for exercise_id, (_, code) in ANSWERS.items()}


def fake_check_output(cells):
    """A check cell edited to print a pass, and cheats that redefine check and patch newsreader."""
    [check_cell] = [cell for cell in cells if cell.source.startswith(f'check("{IDS[0]}"')]
    check_cell.source = f'print("✓ {IDS[0]}: correct")'
    cells.insert(cells.index(check_cell), nbformat.v4.new_code_cell(CHEATS))


def kill_the_kernel(cells):
    """The kernel's process exits in a new cell 4, just after the chapter's imports."""
    cells.insert(3, nbformat.v4.new_code_cell("import os\nos._exit(1)"))


def str_that_equals_everything(exercise_id):
    variable, _ = ANSWERS[exercise_id]
    return f"class Always(str):\n    __eq__ = lambda self, other: True\n\n{variable} = Always('anything')"


def write(folder: Path, name: str, notebook) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / name)


def make_submissions(folder: Path) -> None:
    write(folder, "complete.ipynb", submission(complete()))
    write(folder, "late/partial.ipynb", submission({i: complete()[i] for i in IDS[:2]}))
    write(folder, "wrong.ipynb", submission({i: wrong_answer(i) for i in IDS}))
    faked = {**complete(), IDS[0]: wrong_answer(IDS[0]), IDS[1]: wrong_answer(IDS[1]),
             IDS[-1]: str_that_equals_everything(IDS[-1])}
    write(folder, "faked.ipynb", submission(faked, fake_check_output))
    write(folder, "endless.ipynb", submission({**complete(), IDS[1]: "while True:\n    pass"}))
    write(folder, "fatal.ipynb", submission(complete(), kill_the_kernel))
    write(folder, "mystery.ipynb", nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")]))
    (folder / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    (folder / "notes.txt").write_text("My answers are in the notebook.", encoding="utf-8")


def fingerprints(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def files_in(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def run_main(*argv) -> tuple[int, str]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        code = grade.main([str(part) for part in argv])
    return code, printed.getvalue()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    make_submissions(folder)
    before, book_before = fingerprints(folder), files_in(BOOK)
    out = tmp_path_factory.mktemp("results") / "grades"  # does not exist yet: the grader creates it
    code, printed = run_main(folder, "--out", out, "--timeout", TIMEOUT, "--jobs", 2)
    return {"folder": folder, "before": before, "out": out, "code": code, "printed": printed,
            "rows": read_csv(out / "gradebook.csv"), "new in book": files_in(BOOK) - book_before}


def verdicts(graded, name) -> dict[str, tuple[str, str]]:
    return {row["exercise"]: (row["verdict"], row["message"]) for row in graded["rows"] if row["submission"] == name}


def test_the_originals_are_unchanged_and_nothing_is_added_to_the_submissions(graded):
    assert fingerprints(graded["folder"]) == graded["before"]
    assert graded["code"] == 0
    assert "Every submission file is byte-for-byte unchanged." in graded["printed"]


def test_the_kernels_write_nothing_into_the_book(graded):
    assert graded["new in book"] == set()


def test_one_row_per_graded_submission_and_exercise_in_book_order(graded):
    graded_names = ["complete.ipynb", "endless.ipynb", "faked.ipynb", "fatal.ipynb", "late/partial.ipynb",
                    "wrong.ipynb"]
    assert [(row["submission"], row["exercise"]) for row in graded["rows"]] == [
        (name, exercise_id) for name in graded_names for exercise_id in IDS]


def test_a_complete_submission_is_all_correct(graded):
    assert verdicts(graded, "complete.ipynb") == {i: ("correct", "") for i in IDS}


def test_a_partial_submission_is_correct_then_not_attempted(graded):
    rows = verdicts(graded, "late/partial.ipynb")
    assert [rows[i][0] for i in IDS] == ["correct"] * 2 + ["not attempted"] * (len(IDS) - 2)
    assert all(rows[i][1].startswith("replace the ... with your answer") for i in IDS[2:])


def test_wrong_answers_are_incorrect_with_the_checks_own_feedback(graded):
    assert verdicts(graded, "wrong.ipynb") == {
        i: ("incorrect", EXERCISES[i].mistakes[0].feedback) for i in IDS}


def test_a_faked_check_output_a_redefined_check_and_a_patched_newsreader_do_not_count(graded):
    rows = verdicts(graded, "faked.ipynb")
    assert rows[IDS[0]] == ("incorrect", EXERCISES[IDS[0]].mistakes[0].feedback)
    assert rows[IDS[1]] == ("incorrect", EXERCISES[IDS[1]].mistakes[0].feedback)
    verdict, message = rows[IDS[-1]]
    assert verdict == "error" and "is not plain data (it uses __main__.Always)" in message
    assert all(rows[i] == ("correct", "") for i in IDS[2:-1])


def test_an_endless_cell_is_stopped_and_the_later_exercises_are_still_graded(graded):
    rows = verdicts(graded, "endless.ipynb")
    variable, _ = ANSWERS[IDS[1]]
    assert rows[IDS[1]][0] == "error"
    assert rows[IDS[1]][1].startswith(f"{variable} is not defined (the run had a failure: cell ")
    assert rows[IDS[1]][1].endswith(f"ran longer than {TIMEOUT} s and was stopped)")
    assert all(rows[i] == ("correct", "") for i in IDS if i != IDS[1])


def test_a_kernel_that_dies_makes_every_exercise_an_error_with_the_reason(graded):
    assert verdicts(graded, "fatal.ipynb") == {i: ("error", "the kernel stopped while running cell 4") for i in IDS}


def test_totals_per_submission(graded):
    n = len(IDS)
    expected = {  # submission: correct, incorrect, not attempted, error, coded
        "complete.ipynb": (n, 0, 0, 0, 0), "endless.ipynb": (n - 1, 0, 0, 1, 0), "faked.ipynb": (n - 3, 2, 0, 1, 0),
        "fatal.ipynb": (0, 0, 0, n, 0), "late/partial.ipynb": (2, 0, n - 2, 0, 0), "wrong.ipynb": (0, n, 0, 0, 0)}
    totals = read_csv(graded["out"] / "totals.csv")
    assert {row["submission"]: tuple(int(row[v]) for v in grade.VERDICTS) for row in totals} == expected
    assert all(row["chapter"] == CHAPTER.stem and int(row["total"]) == n for row in totals)


def test_the_exercise_summary_lists_the_hardest_first(graded):
    summary = read_csv(graded["out"] / "exercises.csv")
    assert sorted(row["exercise"] for row in summary) == sorted(IDS)
    shares = [float(row["share correct"]) for row in summary]
    assert shares == sorted(shares)
    assert summary[0]["exercise"] == IDS[1]  # wrong in two submissions, timed out in one, killed in one
    assert (summary[0]["correct"], summary[0]["submissions"]) == ("2", "6")


def test_files_that_cannot_be_graded_are_listed_with_the_reason(graded):
    skipped = {row["file"]: row["reason"] for row in read_csv(graded["out"] / "skipped.csv")}
    assert sorted(skipped) == ["broken.ipynb", "mystery.ipynb", "notes.txt"]
    assert skipped["broken.ipynb"].startswith("not a readable notebook (NotJSONError")
    assert skipped["mystery.ipynb"].startswith("unknown chapter")
    assert skipped["notes.txt"] == "not a notebook (.txt)"
    for name, reason in skipped.items():
        assert f"  {name}: {reason}" in graded["printed"]


def test_the_printed_summary(graded):
    n = len(IDS)
    printed = graded["printed"]
    assert ("Graded 6 submission(s) in" in printed and f"s: {3 * n - 2} correct, {n + 2} incorrect, {n - 2} not "
            f"attempted, {n + 2} error, 0 coded." in printed)
    assert f"Hardest exercises: {IDS[1]} (2 of 6 correct)" in printed
    assert "Skipped 3 file(s):" in printed


def test_earlier_results_are_not_replaced_without_overwrite(graded):
    out = graded["out"]
    before = fingerprints(out)
    code, printed = run_main(graded["folder"], "--out", out)
    assert code == 2 and "already holds results (gradebook.csv, totals.csv, exercises.csv, skipped.csv)" in printed
    assert "--overwrite" in printed
    assert fingerprints(out) == before


def test_results_are_never_written_inside_the_submissions(tmp_path):
    code, printed = run_main(tmp_path, "--out", tmp_path / "grades")
    assert code == 2 and "inside" in printed
    assert not (tmp_path / "grades").exists()


def test_a_missing_submissions_folder_is_reported(tmp_path):
    code, printed = run_main(tmp_path / "nowhere", "--out", tmp_path / "grades")
    assert code == 2 and "is not a folder of submissions" in printed


def test_help_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as stop:
        grade.main(["--help"])
    assert stop.value.code == 0
    assert "--timeout" in capsys.readouterr().out


# --- Pure parts, without a kernel ---------------------------------------------------------------------------

def test_every_check_cell_of_the_book_names_a_declared_exercise_once():
    ids = [exercise_id for chapter in grade.book_chapters() for exercise_id in chapter.ids]
    assert ids and set(ids) <= set(EXERCISES)
    assert len(ids) == len(set(ids))
    chapter_1 = next(chapter for chapter in grade.book_chapters() if chapter.name == CHAPTER.stem)
    assert list(chapter_1.answers) == [(i, ANSWERS[i][0]) for i in IDS]


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


def values(exercise):
    """The key and the known mistakes of an exercise (one that cannot be computed is test_exercises.py's to report)."""
    for compute in [exercise.key] + [mistake.answer for mistake in exercise.mistakes]:
        with contextlib.suppress(Exception):
            yield compute()


def test_every_key_and_known_mistake_of_the_book_can_be_read_back_as_plain_data():
    for exercise in EXERCISES.values():
        for value in values(exercise):
            loaded = grade.plain_loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            assert type(loaded) is type(value) and repr(loaded) == repr(value), exercise.id


class RunsCode:
    def __reduce__(self):
        return print, ("this must never be printed",)


def test_an_answer_that_would_run_code_is_refused(capsys):
    with pytest.raises(grade.UnsafeAnswer, match="builtins.print"):
        grade.plain_loads(pickle.dumps(RunsCode()))
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("result, expected", [
    (("correct", ""), ("correct", "")),
    (("not yet", "too high."), ("incorrect", "too high.")),
    (("not attempted", "replace the ..."), ("not attempted", "replace the ...")),
    (("coded", "agreement with the book's coding:\n  quantity: 8 of 9 agree (89%), κ = 0.85\n  hedge: 9 of 9 agree"),
     ("coded", "agreement with the book's coding: quantity: 8 of 9 agree (89%), κ = 0.85; hedge: 9 of 9 agree")),
    (("maybe", "?"), ("error", "the check returned an unknown result 'maybe': ?")),
])
def test_each_result_of_a_check_has_its_verdict(result, expected):
    assert grade.verdict(*result) == expected


def test_a_coding_exercise_is_recorded_with_its_agreement_figure():
    exercise_id = next(exercise_id for exercise_id in EXERCISES if exercise_id.endswith("-coding"))
    coding = pickle.dumps(EXERCISES[exercise_id].key(), protocol=pickle.HIGHEST_PROTOCOL)
    run = grade.Run(answers={"my_coding": ("value", coding)})
    verdict, message = grade.judge(exercise_id, "my_coding", run, nbformat.v4.new_notebook())
    assert verdict == "coded"
    assert re.search(r"\d+ of \d+ agree \(\d+%\)", message) and "\n" not in message


def test_each_answer_variable_is_assigned_only_in_its_answer_cell():
    """The grader reads the answers after the whole run: no later cell of the book may reassign them."""
    for chapter in grade.book_chapters():
        notebook = nbformat.read(BOOK / f"{chapter.name}.ipynb", as_version=4)
        for exercise_id, variable in chapter.answers:
            assigning = re.compile(rf"^\s*{re.escape(variable)}\s*(:[^=\n]*)?=(?!=)", re.MULTILINE)
            cells = [cell for cell in notebook.cells if cell.cell_type == "code" and assigning.search(cell.source)]
            assert len(cells) == 1 and "answer" in cells[0].metadata.get("tags", []), (chapter.name, exercise_id)


def test_a_kernel_that_ignores_the_interrupt_is_given_up_without_running_every_cell(tmp_path):
    cells = ["total = sum(range(10**13))  # one long C call: an interrupt waits for its end", "after = 1",
             *[f'check("{i}", {ANSWERS[i][0]})' for i in IDS]]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
    write(tmp_path / "submissions", "stuck.ipynb", notebook)
    code, _ = run_main(tmp_path / "submissions", "--out", tmp_path / "grades", "--timeout", 1)
    rows = read_csv(tmp_path / "grades" / "gradebook.csv")
    assert code == 0
    assert {row["message"] for row in rows} == {
        "cells 1 and 2 both ran longer than 1 s: the kernel is stuck, so no answer could be read"}
    assert [row["verdict"] for row in rows] == ["error"] * len(IDS)
