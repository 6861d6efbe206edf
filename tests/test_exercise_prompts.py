"""The exercises as a student meets them: each prompt says what kind of answer to give and, where the check uses one,
to what precision; a warm-up look-up says so, in chapters 0 and 1 only and at most four times; each analysis chapter
makes the student write a filter, a group-by or a merge at least twice (declared with the exercise and found in its
answer cell); and the coding exercises come after a worked row, say that the chapter's own table holds the book's
coding, and ask for the student's name once."""
import ast
import re
from pathlib import Path

import nbformat
import pytest

from newsreader.answers import Choice, Date, Items, Number, NumberMap
from newsreader.exercises import EXERCISES
from newsreader.exercises.exercise import OPERATIONS
from newsreader.sheets import CODING_EXERCISES, sample_rows
from newsreader.tables import load_table

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb"))
CELLS = {chapter.stem: nbformat.read(chapter, as_version=4).cells for chapter in CHAPTERS}
ANALYSIS = ("meet", "numbers", "speaks", "framing", "timeline")  # chapters 1 to 5
WARM_UP_CHAPTERS, MOST_WARM_UPS = ("basics", "meet"), 4


def prompt(exercise_id) -> str:
    """The text of the exercise's {exercise} block, as one line."""
    for cells in CELLS.values():
        for cell in cells:
            if cell.cell_type == "markdown" and re.search(rf"^:label: {exercise_id}$", cell.source, re.MULTILINE):
                return " ".join(cell.source.split("```{exercise}")[1].split("```")[0].split())
    raise LookupError(exercise_id)


def answer_code(exercise_id) -> str:
    """The book's answer cell of the exercise: the cell tagged "answer" that its check cell follows."""
    for cells in CELLS.values():
        for index, cell in enumerate(cells):
            if cell.cell_type == "code" and re.match(rf'check\("{exercise_id}", ', cell.source):
                return next(c.source for c in reversed(cells[:index]) if "answer" in c.metadata.get("tags", []))
    raise LookupError(exercise_id)


def said(kind) -> list[str]:
    """What a prompt must say for its kind of answer (any one of the phrases)."""
    if isinstance(kind, NumberMap):
        return ["a dict"]
    if isinstance(kind, Number):
        if kind.whole:
            return ["an int", "a count"]
        return [f"{kind.decimals} decimal place"] if kind.decimals else ["to the nearest"]
    if isinstance(kind, Items):
        return ["a list of days", "in a list"] if kind.item == "date" else ["a list"]
    if isinstance(kind, Date):
        return ['"YYYY-MM-DD"']
    if isinstance(kind, Choice):
        return ["id", "string", "name"] if kind.record().get("options") else ["string"]
    return ["coding_sheet("]


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_each_prompt_says_the_kind_of_answer_and_its_precision(exercise_id):
    kind = EXERCISES[exercise_id].kind
    assert any(phrase in prompt(exercise_id) for phrase in said(kind)), (said(kind), prompt(exercise_id))
    if isinstance(kind, NumberMap) and not kind.number.whole:
        assert f"{kind.number.decimals} decimal place" in prompt(exercise_id)


def test_warm_ups_are_few_said_so_and_only_at_the_start():
    warm_ups = [i for i, exercise in EXERCISES.items() if exercise.warm_up]
    assert len(warm_ups) <= MOST_WARM_UPS
    assert all(EXERCISES[i].chapter in WARM_UP_CHAPTERS and "Warm-up" in prompt(i) for i in warm_ups)
    assert not [i for i in EXERCISES if "Warm-up" in prompt(i) and i not in warm_ups]


CONDITIONS = ("isin", "contains", "startswith", "endswith", "between")  # methods that give a True/False column


def is_condition(node) -> bool:
    return isinstance(node, ast.Compare) or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                                             and node.func.attr in CONDITIONS)


def operations(code: str) -> set[str]:
    """What the code does of OPERATIONS: a filter selects rows by a condition (a comparison or a True/False method
    inside [] or .loc[], or .query), a group-by groups rows (.groupby), a merge joins two tables (.merge, .join)."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Subscript) and any(is_condition(part) for part in ast.walk(node.slice)):
            found.add("filter")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            found |= {"groupby": {"group-by"}, "merge": {"merge"}, "join": {"merge"}, "query": {"filter"}}.get(node.func.attr, set())
    return found


@pytest.mark.parametrize("exercise_id", [i for i, exercise in EXERCISES.items() if exercise.writes])
def test_a_declared_operation_is_in_the_answer_the_student_writes(exercise_id):
    exercise = EXERCISES[exercise_id]
    assert set(exercise.writes) <= set(OPERATIONS) and not exercise.warm_up
    assert set(exercise.writes) <= operations(answer_code(exercise_id)), answer_code(exercise_id)


@pytest.mark.parametrize("chapter", ANALYSIS)
def test_each_analysis_chapter_makes_the_student_write_a_filter_group_by_or_merge_twice(chapter):
    assert sum(bool(exercise.writes) for exercise in EXERCISES.values() if exercise.chapter == chapter) >= 2


@pytest.mark.parametrize("exercise_id", list(CODING_EXERCISES))
def test_a_coding_prompt_says_the_chapters_table_holds_the_books_coding(exercise_id):
    table = CODING_EXERCISES[exercise_id].table
    text = prompt(exercise_id)
    assert f"own table, `{table}`, holds the book's coding" in text and 'grades the exercise "coded"' in text


def test_coding_exercises_ask_for_the_students_own_name_once():
    markdown = {stem: "\n".join(c.source for c in cells if c.cell_type == "markdown") for stem, cells in CELLS.items()}
    assert not [stem for stem, text in markdown.items() if 'coder="your-name"' in text]
    saving = [(stem, text) for stem, text in markdown.items() if "save_coding(my_coding" in text]
    first_stem, first = saving[0]
    assert "your own name" in first and "remembered" in first and "`your-name` is refused" in first, first_stem
    for stem, text in saving[1:]:  # later chapters: the name given once is enough
        assert "remembered" in text and re.search(r'save_coding\(my_coding, "[\w-]+-coding"\)', text), stem


def test_chapter_2_shows_a_worked_row_on_a_unit_outside_the_sample_before_its_coding_exercise():
    cells = CELLS["02-the-numbers"]
    spec = CODING_EXERCISES["numbers-coding"]
    before = cells[:next(i for i, c in enumerate(cells) if ":label: numbers-coding" in c.source)]
    worked = next(c.source for c in reversed(before) if c.cell_type == "code" and ".loc[0, " in c.source)
    filled = set(re.findall(r'\.loc\[0, "(\w+)"\] =', worked))
    unit = re.search(r'"(\d{3}-\d{2})"', worked)[1]
    assert filled == set(spec.decisions)
    assert unit in set(load_table(spec.table)[spec.unit_column]) and unit not in set(sample_rows(spec).index)
    assert "worked row" in next(c.source for c in reversed(before) if c.cell_type == "markdown")


def test_every_exercise_prompt_is_found_once():
    labels = [label for cells in CELLS.values() for cell in cells if cell.cell_type == "markdown"
              for label in re.findall(r"^:label: ([\w-]+)$", cell.source, re.MULTILINE)]
    assert sorted(labels) == sorted(EXERCISES)


def test_framing_7_sends_the_student_to_a_kappa_that_an_empty_selection_cannot_break(keys):
    """A student who filters `frames` on a date it does not have keeps no row, on which a hand-written cohen_kappa
    divides by zero. The prompt names the package's function, which gives nan, and the check says what nan means."""
    assert "package_kappa" in prompt("framing-7") and "package_kappa(" in answer_code("framing-7")
    from newsreader.keys import assess
    from newsreader.methods.agreement import cohen_kappa as package_kappa

    frames = load_table("frames")
    nothing = frames[frames["article_id"] == "2025-02"]
    result, message = assess("framing-7", package_kappa(nothing["frame_pass1"], nothing["frame_pass2"]), keys)
    assert result == "not yet" and "a condition that keeps no row" in message, message


def test_framing_7_tells_each_other_selection_apart():
    """Each selection a student may keep instead of April's has its own message, so each must give its own kappa at
    the stated precision (a selection that rounds to another's would be told the other's message)."""
    from newsreader.exercises.framing import pass_kappa

    decimals = EXERCISES["framing-7"].kind.decimals
    kappas = [round(pass_kappa(month=month), decimals) for month in ("2025-04", "2025-02", None)]
    assert len(set(kappas)) == 3, kappas
