"""The chapters keep the book's contracts: exercises wired to checks, figures with alt text and a caption,
and committed outputs from one clean top-to-bottom run with every check passing."""
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from newsreader.exercises import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb"))
CHECK = re.compile(r'^check\("([\w-]+)", \w+\)$')


def read(chapter):
    return nbformat.read(chapter, as_version=4)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_every_chapter_is_in_the_table_of_contents():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = {chapter["file"] for part in toc["parts"] for chapter in part["chapters"]}
    assert {f"book/{chapter.stem}" for chapter in CHAPTERS} <= files


def test_every_declared_exercise_is_checked_in_exactly_one_notebook():
    checked = [CHECK.match(cell.source).group(1) for chapter in CHAPTERS for cell in code_cells(read(chapter))
               if CHECK.match(cell.source)]
    assert sorted(checked) == sorted(EXERCISES)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_each_answer_cell_sits_in_a_gated_solution_before_its_check(chapter):
    cells = read(chapter).cells
    for index, cell in enumerate(cells):
        if "answer" in cell.metadata.get("tags", []):
            label = cells[index - 1].source.split("```{solution-start} ")[1].split("\n")[0]
            assert ":class: dropdown" in cells[index - 1].source
            assert cells[index + 1].source.startswith("```{solution-end}")
            assert CHECK.match(cells[index + 2].source).group(1) == label
            assert f":label: {label}" in "".join(c.source for c in cells[:index])


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_figure_has_alt_text_and_a_caption(chapter):
    for cell in code_cells(read(chapter)):
        if any({"image/png", "image/svg+xml"} & set(output.get("data", {})) for output in cell.outputs):
            options = cell.metadata.get("mystnb", {})
            assert len(options.get("image", {}).get("alt", "")) > 40, cell.source[:80]
            assert options.get("figure", {}).get("caption"), cell.source[:80]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_committed_outputs_come_from_one_clean_run_with_every_check_passing(chapter):
    cells = code_cells(read(chapter))
    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    for cell in cells:
        assert not [o for o in cell.outputs if o.output_type == "error" or o.get("name") == "stderr"], cell.source[:80]
        assert not cell.source.startswith("hint("), "hint() is for students, never run in the book"
        if CHECK.match(cell.source):
            assert cell.outputs[0].text.startswith(("✓", "◆")), cell.outputs[0].text  # ◆: a coding exercise, coded
