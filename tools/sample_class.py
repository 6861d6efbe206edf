"""Write a sample class: one notebook per student for one chapter, made from the student edition, to try the grader
on (and to time it: ``python3 tasks.py benchmark`` grades a sample class of 30).

    python tools/sample_class.py FOLDER [--students 30] [--chapter 01-meet-the-articles]

Most students answer with the book's own code after a line of their own; every fifth gives each exercise's first
known mistake, and the last leaves the notebook as the edition gave it. Every answer uses only what the student
edition has: a coding exercise is the edition's ``coding_sheet`` with the codes filled in (the book's, or the
mistake's), and a mistake is written as a plain value, so that the grader's ``coded`` and mistake feedback are what
the class exercises. Files are named ``student-NN_CHAPTER.ipynb``, and no file in FOLDER is replaced.
"""
import argparse
import sys
from pathlib import Path

import nbformat
import pandas as pd

from grade import book_chapters
from judging import BOOK, assigning
from newsreader.exercises import EXERCISES
from newsreader.files import write_file
from newsreader.sheets import CODING_EXERCISES, coding_sheet
from student_edition import student_notebook


def answer_cells(chapter: Path) -> dict[str, tuple[str, str]]:
    """Exercise id -> (answer variable, the book's answer cell), from the chapter's check and answer cells."""
    [book_chapter] = [c for c in book_chapters() if c.name == chapter.stem]
    cells = [cell.source for cell in nbformat.read(chapter, as_version=4).cells
             if "answer" in cell.metadata.get("tags", [])]
    return {exercise_id: (variable, next(cell for cell in cells if assigning(variable).search(cell)))
            for exercise_id, variable in book_chapter.answers}


def filled(chapter: Path, answers: dict[str, str]):
    """The student edition of ``chapter`` with each answer cell (found by its variable) replaced."""
    notebook = student_notebook(chapter)
    for variable, code in answers.items():
        for cell in notebook.cells:
            if cell.cell_type == "code" and cell.source.endswith(f"\n{variable} = ..."):
                cell.source = code
    return notebook


def plain(value):
    """``value`` with numpy's numbers made Python's, so that its repr is code a student could type."""
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value.item() if hasattr(value, "item") and not isinstance(value, str) else value


def answer_code(variable: str, exercise_id: str, value) -> str:
    """The answer cell that gives ``value``: a literal, or for a coding exercise the edition's coding sheet with the
    codes of ``value`` (a sheet) filled in unit by unit."""
    if exercise_id not in CODING_EXERCISES:
        return f"{variable} = {plain(value)!r}"
    spec = CODING_EXERCISES[exercise_id]
    units = coding_sheet(exercise_id)[spec.unit_column]
    coded = pd.DataFrame(value).set_index(spec.unit_column)
    lines = ["from newsreader.sheets import coding_sheet", "", f"{variable} = coding_sheet({exercise_id!r})"]
    lines += [f"{variable}[{column!r}] = {plain(list(coded[column].reindex(units).fillna('')))!r}"
              for column in spec.decisions]
    return "\n".join(lines)


def student_answers(number: int, students: int, book: dict[str, tuple[str, str]]) -> dict[str, str]:
    if number == students:
        return {}
    if number % 5 == 0:
        return {variable: answer_code(variable, exercise_id, EXERCISES[exercise_id].mistakes[0].answer())
                for exercise_id, (variable, _) in book.items() if EXERCISES[exercise_id].mistakes}
    return {variable: f"my_own_work = {number}\n" + (answer_code(variable, exercise_id, EXERCISES[exercise_id].key())
                                                     if exercise_id in CODING_EXERCISES else code)
            for exercise_id, (variable, code) in book.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="sample_class", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--chapter", default="01-meet-the-articles")
    options = parser.parse_args(argv)
    chapter = BOOK / f"{options.chapter}.ipynb"
    if not chapter.exists():
        parser.error(f"no chapter {options.chapter!r} in {BOOK}")
    book = answer_cells(chapter)
    for number in range(1, options.students + 1):
        notebook = filled(chapter, student_answers(number, options.students, book))
        write_file(options.folder, f"student-{number:02}_{chapter.name}", nbformat.writes(notebook))
    print(f"{options.students} notebooks of {chapter.stem} in {options.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
