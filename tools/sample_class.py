"""Write a sample class: one notebook per student for one chapter, made from the student edition, to try the grader
on (and to time it: ``python3 tasks.py benchmark`` grades a sample class of 30).

    python tools/sample_class.py FOLDER [--students 30] [--chapter 01-meet-the-articles]

Most students answer with the book's own code after a line of their own; every fifth gives each exercise's first
known mistake, and the last leaves the notebook as the edition gave it. Files are named ``student-NN_CHAPTER.ipynb``,
and no file in FOLDER is replaced.
"""
import argparse
import sys
from pathlib import Path

import nbformat

from grade import book_chapters
from judging import BOOK, assigning
from newsreader.exercises import EXERCISES
from newsreader.files import write_file
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


def student_answers(number: int, students: int, book: dict[str, tuple[str, str]]) -> dict[str, str]:
    if number == students:
        return {}
    if number % 5 == 0:
        return {variable: f"{variable} = {EXERCISES[exercise_id].mistakes[0].answer()!r}"
                for exercise_id, (variable, _) in book.items() if EXERCISES[exercise_id].mistakes}
    return {variable: f"my_own_work = {number}\n{code}" for variable, code in book.values()}


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
