"""The student edition: no answer-key code, no solutions, no outputs; it runs top to bottom with every
check "not attempted"; and a rebuild never loses anything a student made."""
import json
import re
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient

import student_edition
from student_edition import MANIFEST, NAME, build, chapters, placeholder


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    output = tmp_path_factory.mktemp("edition")
    archive, _ = build(output)
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
    NotebookClient(notebook, timeout=300, coalesce_streams=True,  # a printed line may come in two parts
                   resources={"metadata": {"path": str(folder / "book")}}).execute()
    outputs = check_outputs(notebook)
    assert len(outputs) == sum("check(" in cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert all(re.fullmatch(r"○ [^\n]*not attempted[^\n]*\n", output) for output in outputs), outputs  # one line


def test_a_rebuild_keeps_everything_a_student_made(tmp_path):
    build(tmp_path)
    folder = tmp_path / NAME
    notebook = next((folder / "book").glob("*.ipynb"))
    answered = notebook.read_text(encoding="utf-8").replace("= ...", "= 42", 1)
    notebook.write_text(answered, encoding="utf-8")
    mine = {"notes.md": "my notes", f"book/{notebook.stem}-Copy1.ipynb": "{}", "book/.ipynb_checkpoints/x.ipynb": "{}",
            "my-coding/framing-coding/me.csv": "sentence_id,frame\n"}
    for name, text in mine.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    edited_data = folder / "data" / "labels.csv"
    edited_data.write_text(edited_data.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    _, report = build(tmp_path)

    assert notebook.read_text(encoding="utf-8") == answered
    assert all((folder / name).read_text(encoding="utf-8") == text for name, text in mine.items())
    assert edited_data.read_text(encoding="utf-8").endswith("\n\n")
    assert set(report.changed_kept) == {f"book/{notebook.name}", "data/labels.csv"}
    assert set(report.others_kept) == set(mine)
    assert f"book/{notebook.name}" in str(report) and "notes.md" in str(report)


def test_an_unchanged_edition_is_brought_up_to_date(tmp_path):
    build(tmp_path)
    notebook = next((tmp_path / NAME / "book").glob("*.ipynb"))
    manifest = tmp_path / NAME / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(student_edition.sha256(notebook), "0" * 64))
    notebook.write_text("old version", encoding="utf-8")  # as if an older edition had written it
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    recorded[f"book/{notebook.name}"] = student_edition.sha256(notebook)
    manifest.write_text(json.dumps(recorded), encoding="utf-8")
    _, report = build(tmp_path)
    assert report.written == [f"book/{notebook.name}"] and not report.changed_kept


def test_a_damaged_record_gets_a_message_and_nothing_is_replaced(tmp_path, capsys, monkeypatch):
    build(tmp_path)
    (tmp_path / NAME / MANIFEST).write_text("{not json", encoding="utf-8")
    notebook = next((tmp_path / NAME / "book").glob("*.ipynb"))
    notebook.write_text("a student's version", encoding="utf-8")
    monkeypatch.setattr(student_edition, "OUTPUT", tmp_path)
    student_edition.main()
    out = capsys.readouterr().out
    assert "is damaged, so no existing file is replaced" in out
    assert notebook.read_text(encoding="utf-8") == "a student's version"


def test_placeholder_names_the_last_assignment():
    assert placeholder("x = 1\nshare = x / 2\nshare").endswith("\nshare = ...")
    assert placeholder("low, high = 1, 2").endswith("\nlow = ...\nhigh = ...")
    with pytest.raises(ValueError, match="must assign"):
        placeholder("print(1)")
