"""The student edition: no answer-key code, no solutions, no outputs; it runs top to bottom with every
check "not attempted"; and it never overwrites a notebook a student has changed."""
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient

import student_edition
from student_edition import NAME, EditionError, build, chapters, placeholder


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    output = tmp_path_factory.mktemp("edition")
    archive = build(output)
    return output / NAME, archive


def answer_cells(notebook):
    return [cell for cell in notebook.cells if "answer" in cell.metadata.get("tags", [])]


def edition_notebooks(folder):
    return {path.name: nbformat.read(path, as_version=4) for path in sorted((folder / "book").glob("*.ipynb"))}


def test_every_chapter_is_in_the_edition_with_package_and_data(edition):
    folder, archive = edition
    assert sorted(edition_notebooks(folder)) == [chapter.name for chapter in chapters()]
    names = zipfile.ZipFile(archive).namelist()
    for needed in ["README.md", "requirements.txt", "book/newsreader/__init__.py", "data/articles.csv"]:
        assert f"{NAME}/{needed}" in names
    assert not [name for name in names if "__pycache__" in name]


def test_the_edition_holds_no_answer_key_code_no_solutions_no_outputs(edition):
    folder, _ = edition
    students = edition_notebooks(folder)
    for chapter in chapters():
        keys = [cell.source.strip() for cell in answer_cells(nbformat.read(chapter, as_version=4))]
        student = students[chapter.name]
        text = nbformat.writes(student)
        for key in keys:
            assert key not in text
        assert "{solution-start}" not in text and "{solution-end}" not in text
        assert all(cell.source.endswith(" = ...") for cell in answer_cells(student))
        assert len(answer_cells(student)) == len(keys)
        for cell in student.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None


def check_outputs(notebook):
    return [output.text for cell in notebook.cells if cell.cell_type == "code" and cell.source.startswith("check(")
            for output in cell.outputs]


@pytest.mark.parametrize("chapter", [chapter.name for chapter in chapters()])
def test_the_edition_runs_with_every_check_not_attempted(edition, chapter):
    folder, _ = edition
    notebook = nbformat.read(folder / "book" / chapter, as_version=4)
    NotebookClient(notebook, timeout=60, resources={"metadata": {"path": str(folder / "book")}}).execute()
    outputs = check_outputs(notebook)
    assert len(outputs) == sum("check(" in cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert all(output.startswith("○") and "not attempted" in output for output in outputs), outputs


def test_a_students_changes_are_never_overwritten(tmp_path):
    build(tmp_path)
    notebook = next((tmp_path / NAME / "book").glob("*.ipynb"))
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("= ...", "= 42", 1), encoding="utf-8")
    with pytest.raises(EditionError, match=f"{notebook.name}"):
        build(tmp_path)
    assert "= 42" in notebook.read_text(encoding="utf-8")


def test_a_folder_the_tool_did_not_write_is_not_replaced(tmp_path):
    (tmp_path / NAME).mkdir()
    (tmp_path / NAME / "my-notes.txt").write_text("mine")
    with pytest.raises(EditionError, match="was not written by this tool"):
        build(tmp_path)
    assert (tmp_path / NAME / "my-notes.txt").read_text() == "mine"


def test_placeholder_names_the_last_assignment():
    assert placeholder("x = 1\nshare = x / 2\nshare").endswith("\nshare = ...")
    assert placeholder("low, high = 1, 2").endswith("\nlow = ...\nhigh = ...")
    with pytest.raises(ValueError, match="must assign"):
        placeholder("print(1)")


def test_the_command_reports_refusal_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(student_edition, "OUTPUT", tmp_path)
    (tmp_path / NAME).mkdir()
    monkeypatch.setattr("sys.argv", ["student_edition.py"])
    with pytest.raises(SystemExit, match="Student edition not written: .* was not written by this tool"):
        student_edition.main()
