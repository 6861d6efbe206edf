"""The student edition: no answer in readable form and no code that computes one, no solutions, no outputs; the
commands its pages name; it runs top to bottom with every check "not attempted" and judges a right answer right; and
a rebuild never loses anything a student made."""
import ast
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import student_edition
from answer_forms import stands_in
from lookups import ARTICLE_ID, output_text, printed, shown, text_forms, windows
from newsreader.chapters import EXTENSION
from newsreader.coded import CodingAgreement
from newsreader.exercises import EXERCISES
from edition_markdown import glued_values
from student_edition import MANIFEST, NAME, ROOT, build, chapters, placeholder

# What students compute from, the articles and the tables, as in the book; and the evaluation set's articles and gold
# tables, whose numbers are their articles' own ("storm_cnn-66" is a sentence's number, not a key).
MATERIAL = ("data/", "tests/story_corpus/", "evaluation/")
CHECK = re.compile(r'^check\("([\w-]+)", (\w+)\)$', re.M)


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


def edition_texts(folder: Path, archive: Path) -> dict[str, str]:
    """Every file of the edition, and every file of its zip, as text."""
    texts = {path.relative_to(folder).as_posix(): path.read_bytes().decode("utf-8", errors="replace")
             for path in folder.rglob("*") if path.is_file()}
    with zipfile.ZipFile(archive) as bundle:
        texts |= {f"zip:{name.split('/', 1)[1]}": bundle.read(name).decode("utf-8", errors="replace") for name in bundle.namelist()}
    return texts


def key_computing_names() -> list[str]:
    """The functions of newsreader/exercises/*.py that the exercises name as a key, a mistake or their options: the
    code that computes answers (their helpers, which read a table or an article, compute nothing the edition lacks)."""
    modules = [ast.parse(path.read_text(encoding="utf-8")) for path in (ROOT / "book" / "newsreader" / "exercises").glob("*.py")]
    defined = {node.name for module in modules for node in module.body if isinstance(node, ast.FunctionDef)}
    declared = [node.value for module in modules for node in module.body if isinstance(node, ast.Assign)
                and any(isinstance(target, ast.Name) and target.id == "EXERCISES" for target in node.targets)]
    return sorted(defined & {node.id for value in declared for node in ast.walk(value) if isinstance(node, ast.Name)})


def test_the_edition_holds_no_code_that_computes_a_key(edition):
    """Not the package's key code (newsreader/exercises, so that keys.compile_keys has nothing to run there), and no
    call of a key function anywhere: in the package, the notebooks' code or any other file, in the folder or the zip."""
    folder, archive = edition
    assert not (folder / "book" / "newsreader" / "exercises").exists()
    names = key_computing_names()
    assert {"book_coding", "unconfirmed_outlet", "missed_by_pattern", "most_contained_pair"} <= set(names)
    calls = re.compile(r"\b(" + "|".join(names) + r")\s*\(")
    for name, text in edition_texts(folder, archive).items():
        if name.endswith(".ipynb"):  # its code, not its prose
            text = "\n".join(cell.source for cell in nbformat.reads(text, as_version=4).cells if cell.cell_type == "code")
        assert not calls.search(text), (name, calls.search(text)[0])


def test_the_edition_holds_no_answer_in_readable_form(edition):
    """Each key, as it would be printed (tests/lookups.py: text_forms, the forms of answer_forms.printed_key, which
    leave out what every student sees anyway: one option among those the check lists, such as one article id among
    five, and one item of a list, a value of a table; and a fraction as a percentage, a date written out), is nowhere
    in the edition or its zip, and no answer variable is assigned anything but the placeholder.
    The articles and tables (MATERIAL) hold what the keys are computed from, so the printed forms are looked for
    everywhere else, and the assignments everywhere. A coding's key is sealed in the key file, and data/'s tables
    hold it, as the chapters say."""
    folder, archive = edition
    texts = {name: text.casefold() for name, text in edition_texts(folder, archive).items()}
    variables = [variable.casefold() for chapter in chapters() for exercise_id, variable in CHECK.findall(
        "\n".join(cell.source for cell in nbformat.read(chapter, as_version=4).cells)) if not exercise_id.endswith("-coding")]
    assigned = re.compile(rf"\b({'|'.join(variables)})\s*=\s*(?!\.\.\.)\S")
    for name, text in texts.items():
        assert not assigned.search(text), (name, assigned.search(text)[0])
    for exercise_id, exercise in EXERCISES.items():
        forms = [] if exercise_id.endswith("-coding") else [f.casefold() for f in text_forms(exercise.key(), exercise.kind)]
        for name, text in texts.items():
            if not name.removeprefix("zip:").startswith(MATERIAL):
                found = [form for form in forms if stands_in(form, text)]
                assert not found, (exercise_id, name, found)


def test_no_codebook_a_chapter_sends_students_to_holds_an_answer():
    """The codebooks are read as the chapters ask (a coding exercise's parts, a rule), so, unlike the tables, they
    hold no key in a printed form (an example of claims.md that used timeline-1's date
    would give it away)."""
    codebooks = {path.name: path.read_text(encoding="utf-8").casefold() for path in (ROOT / "data" / "codebooks").glob("*.md")}
    for exercise_id, exercise in EXERCISES.items():
        if not exercise_id.endswith("-coding"):
            forms = [form.casefold() for form in text_forms(exercise.key(), exercise.kind)]
            assert not {name: found for name, text in codebooks.items() if (found := [f for f in forms if stands_in(f, text)])}, exercise_id


def named_parts(key) -> list[str]:
    """What a sentence must name to state the key: each article by its short id, each text, each count."""
    parts = key.values() if isinstance(key, dict) else key if isinstance(key, list) else [key]
    return [part[:3] if ARTICLE_ID.fullmatch(str(part)) else str(part) for part in parts]


def test_a_summary_that_states_an_answer_in_words_is_a_name_in_the_edition(edition):
    """A value the book glues into a summary that states an exercise's answer in words ("Bukele's in 003") is declared
    (Exercise.stated_in); the declaration is true (the values name the answer), and the edition writes each as its
    name in code, never as its text."""
    folder, _ = edition
    glued = {name: (chapter.stem, text) for chapter in chapters() for name, text in glued_values(chapter).items()}
    notebooks = edition_notebooks(folder)
    declared = [(exercise_id, exercise) for exercise_id, exercise in EXERCISES.items() if exercise.stated_in]
    assert {"speaks-6", "framing-3", "timeline-4", "timeline-6"} <= {exercise_id for exercise_id, _ in declared}
    for exercise_id, exercise in declared:
        stated = " ".join(glued[name][1] for name in exercise.stated_in).casefold()
        assert all(part.casefold() in stated for part in named_parts(exercise.key())), exercise_id
        for name in exercise.stated_in:
            chapter, text = glued[name]
            prose = "\n".join(cell.source for cell in notebooks[f"{chapter}.ipynb"].cells if cell.cell_type == "markdown")
            assert f"`{name}`" in prose and ast.literal_eval(text) not in prose, (exercise_id, name)


def test_the_edition_judges_by_its_key_file_and_has_the_commands_its_pages_name(edition):
    folder, _ = edition
    code = 'from newsreader import check; check("meet-2", 2277); check("meet-2", 2379); import newsreader.exercises'
    run = subprocess.run([sys.executable, "-c", code], cwd=folder / "book", capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "NEWSREADER_PROGRESS": str(folder / "progress.json")})
    assert run.stdout.startswith("✓ meet-2: correct\n✗ meet-2: not yet — That is where the Spanish notice starts")
    assert "No module named 'newsreader.exercises'" in run.stderr
    named = set()  # the commands the edition's pages, messages and generated files tell students to run
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".md", ".py") and path.name != "tasks.py":
            named |= set(re.findall(r"tasks\.py ([a-z][a-z-]+)", path.read_text(encoding="utf-8")))
    helped = subprocess.run([sys.executable, "tasks.py", "--help"], cwd=folder, capture_output=True, text=True).stdout
    offered = set(re.findall(r"python3 tasks\.py ([a-z-]+)", helped)) | set(re.findall(r"\| ([a-z-]+) DIR", helped))
    assert {"agreement", "new-story", "propose", "report", "lab"} <= named <= offered, (named, offered)
    assert not {"book", "test", "grade", "benchmark", "edition"} & offered


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
                assert cell.outputs == [] and cell.execution_count is None and "execution" not in cell.metadata


def check_outputs(notebook):
    return [output.text for cell in notebook.cells if cell.cell_type == "code" and cell.source.startswith("check(")
            for output in cell.outputs]


@pytest.fixture(scope="module")
def executed(edition):
    """A chapter of the edition run top to bottom with every answer left as ``...``: once per chapter, for every test."""
    folder, runs = edition[0], {}

    def run(chapter):
        if chapter not in runs:
            notebook = nbformat.read(folder / "book" / chapter, as_version=4)
            NotebookClient(notebook, timeout=300, coalesce_streams=True,  # a printed line may come in two parts
                           resources={"metadata": {"path": str(folder / "book")}}).execute()
            runs[chapter] = notebook
        return runs[chapter]
    return run


@pytest.mark.parametrize("chapter", [chapter.name for chapter in chapters()])
def test_the_edition_runs_with_every_check_not_attempted(executed, chapter):
    notebook = executed(chapter)
    outputs = check_outputs(notebook)
    assert len(outputs) == sum("check(" in cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert all(re.fullmatch(r"○ [^\n]*not attempted[^\n]*\n", output) for output in outputs), outputs  # one line


def core_cells(notebook) -> list:
    """The code cells of a notebook outside its extension sections (from a heading "## Extension: ..." to the next
    "## " heading): what a class that keeps to the cores runs."""
    cells, in_extension = [], False
    for cell in notebook.cells:
        headings = re.findall(r"^## (.+)$", cell.source, re.MULTILINE) if cell.cell_type == "markdown" else []
        in_extension = headings[-1].startswith(EXTENSION) if headings else in_extension
        if cell.cell_type == "code" and not in_extension:
            cells.append(cell)
    return cells


def test_every_chapters_core_runs_without_its_extensions(edition):
    """A class that skips the extensions, as the lesson plans say, meets no error (a NameError in a core for a name an
    extension defines would stop it). The cores run one after the other in one kernel, whose
    names are cleared before each chapter (%reset), as a fresh kernel would have them."""
    book = edition[0] / "book"
    cells = []
    for chapter in chapters():
        cells.append(nbformat.v4.new_code_cell(f"%reset -f\nimport os\nos.chdir({str(book)!r})  # {chapter.name}"))
        cells += core_cells(nbformat.read(book / chapter.name, as_version=4))
    NotebookClient(nbformat.v4.new_notebook(cells=cells), timeout=300, resources={"metadata": {"path": str(book)}}).execute()


def bound_names(cells, loops=True) -> set[str]:
    """The names the cells' top-level statements bind (with ``loops``, a for loop's variables too; a column set on a
    table binds none)."""
    kinds = {ast.Assign: lambda s: s.targets, ast.AugAssign: lambda s: [s.target], ast.AnnAssign: lambda s: [s.target]}
    if loops:
        kinds[ast.For] = lambda s: [s.target]
    found = set()
    for cell in cells:
        for statement in ast.parse(cell.source).body:
            if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                found.add(statement.name)
            targets = kinds.get(type(statement), lambda s: [])(statement)
            found |= {node.id for target in targets if isinstance(target, (ast.Name, ast.Tuple, ast.List))
                      for node in ast.walk(target) if isinstance(node, ast.Name)}
    return found


@pytest.mark.parametrize("chapter", chapters(), ids=lambda path: path.stem)
def test_no_extension_rebinds_a_name_of_its_chapters_core(chapter):
    """A student may run an extension and then a core cell again: the core's names must still be its own (an
    extension that reuses a core table's name, such as scores, as a loop variable gives the core cell a KeyError)."""
    notebook = nbformat.read(chapter, as_version=4)
    core = [cell for cell in core_cells(notebook) if "answer" not in cell.metadata.get("tags", [])]
    extension = [cell for cell in notebook.cells if cell.cell_type == "code" and cell not in core
                 and "answer" not in cell.metadata.get("tags", [])]
    shared = bound_names(core, loops=False) & bound_names(extension)  # a loop's variable is the loop's own
    assert not shared, shared


@pytest.mark.parametrize("chapter", [chapter.name for chapter in chapters()])
def test_no_answer_can_be_read_off_the_edition_unless_a_declared_warm_up(executed, chapter):
    """Work, not lookups: no key is printed above its exercise, or just after its check, in the edition run as a
    student runs it (tests/lookups.py says where the test looks, and for which forms). A coding exercise is left out:
    its key is the chapter's own table, which the chapter says, and it is graded as coded, never as right."""
    printed = {}
    for exercise_id, window in windows(executed(chapter)).items():
        exercise = EXERCISES[exercise_id]
        if not isinstance(exercise.kind, CodingAgreement):
            printed[exercise_id] = shown(exercise.key(), exercise.kind, window)
    assert {i: form for i, form in printed.items() if form and not EXERCISES[i].warm_up} == {}


def test_no_answer_is_printed_in_an_earlier_chapter_unless_a_declared_warm_up(executed):
    """Work, not lookups, across chapters: no key is printed, in one of its own forms, anywhere in the chapters before
    its exercise's own, run as a student runs them (timeline-1's Monday in chapters 1 and 2, or meet-3's word
    counts in chapter 0's table, would be read off, not worked out)."""
    seen, printed_before = ([], []), {}
    for chapter in chapters():
        notebook = executed(chapter.name)
        for exercise_id in windows(notebook):
            exercise = EXERCISES[exercise_id]
            if not isinstance(exercise.kind, CodingAgreement) and not exercise.warm_up:
                printed_before[exercise_id] = printed(exercise.key(), exercise.kind, *seen)
        seen[0].extend(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        seen[1].extend(output_text(output) for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs)
    assert {i: form for i, form in printed_before.items() if form} == {}


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


def test_a_rebuild_removes_its_own_files_the_edition_no_longer_holds(tmp_path):
    """An edition written before the keys were sealed held newsreader/exercises: a rebuild removes what that tool
    wrote and nobody changed, and keeps what someone changed."""
    build(tmp_path)
    folder = tmp_path / NAME
    old = {"book/newsreader/exercises/meet.py": "def unconfirmed_outlet(): ...\n", "book/newsreader/exercises/x.py": "x = 1\n"}
    recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name, text in old.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
        recorded[name] = student_edition.sha256(folder / name)
    (folder / MANIFEST).write_text(json.dumps(recorded), encoding="utf-8")
    (folder / "book/newsreader/exercises/x.py").write_text("x = 2  # mine now\n", encoding="utf-8")
    _, report = build(tmp_path)
    assert report.removed == ["book/newsreader/exercises/meet.py"] and not (folder / "book/newsreader/exercises/meet.py").exists()
    assert (folder / "book/newsreader/exercises/x.py").read_text(encoding="utf-8") == "x = 2  # mine now\n"


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
