"""Written once: a discussion question, a chapter's core and its exercises live in the chapter, and the instructor pages
follow it. The notes page shows each question from its chapter and has a note for every one; a lesson plan names its
chapter's core sections and exercises, and they are the core; a chapter's plan box lists its own sections (so that no
chapter loses its questions while the notes keep them, no chapter lacks notes, and no plan calls a finished chapter
"being written")."""
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from newsreader.chapters import chapter_paths, discussion_questions, plan, sections
from newsreader.exercises import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = chapter_paths(ROOT / "book")
NOTES = nbformat.read(ROOT / "book" / "instructors" / "discussion-notes.ipynb", as_version=4).cells
LESSON_PLANS = (ROOT / "book" / "instructors" / "lesson-plans.md").read_text(encoding="utf-8")
QUESTION_CALL = re.compile(r"""^question\("(\d\d-[\w-]+)", (['"])(.+)\2\)$""")


def note_calls():
    """(cell index, chapter, opening) of every question the notes page shows."""
    return [(index, *QUESTION_CALL.match(cell.source).group(1, 3)) for index, cell in enumerate(NOTES)
            if cell.cell_type == "code" and QUESTION_CALL.match(cell.source)]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_question_of_a_chapter_has_exactly_one_note(chapter):
    openings = [opening for _, name, opening in note_calls() if name == chapter.stem]
    noted = [[question for question in discussion_questions(chapter) if question.startswith(opening)]
             for opening in openings]
    assert all(len(matches) == 1 for matches in noted), "a note names a question the chapter does not ask"
    assert sorted(match for matches in noted for match in matches) == sorted(discussion_questions(chapter))


def test_every_note_names_a_chapter_and_follows_its_question():
    names = {chapter.stem for chapter in CHAPTERS}
    calls = note_calls()
    assert calls
    for (index, name, _), following in zip(calls, [*[call[0] for call in calls[1:]], len(NOTES)]):
        assert name in names, name
        assert NOTES[index].metadata.get("tags") == ["remove-input"]
        assert NOTES[index + 1].source.startswith("*Notes.*"), NOTES[index + 1].source[:60]
        assert any("*Model answer.*" in cell.source for cell in NOTES[index + 1:following] if cell.cell_type == "markdown")
        heading = next(cell.source for cell in reversed(NOTES[:index]) if cell.source.startswith("## Chapter"))
        assert heading.startswith(f"## Chapter {int(name[:2])},"), (heading, name)


def lesson_plan(chapter):
    """The lesson plan of a chapter: the section of lesson-plans.md headed "## Chapter <n>, ..."."""
    return LESSON_PLANS.split(f"## Chapter {int(chapter.stem[:2])},")[1].split("\n## ")[0]


def listed(plan_text, label):
    line = " ".join(plan_text.split(f"**{label}")[1].split("\n**")[0].split())
    return line.lstrip(":*, ")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_a_lesson_plan_names_its_chapters_core_and_uses_only_core_exercises(chapter):
    text, found = lesson_plan(chapter), sections(chapter)
    core = [section for section in found if not section.extension]
    assert listed(text, "Core sections:").rstrip(".").split("; ") == [section.title for section in core]
    core_exercises = [exercise for section in core for exercise in section.exercises]
    assert re.findall(r"`([\w-]+)`", listed(text, "Core exercises:")) == core_exercises
    extensions = listed(text, "Extensions")
    for section in found:
        if section.extension:
            assert section.title in extensions and all(f"`{e}`" in extensions for e in section.exercises), section
    table = text.split("| minutes |")[1]
    assert set(re.findall(r"`([a-z]+-(?:\d+|coding))`", table)) <= set(core_exercises) & set(EXERCISES)
    asked = len(discussion_questions(chapter))
    assert all(1 <= int(number) <= asked for number in re.findall(r"[Dd]iscussion question (\d)", text))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_a_chapters_plan_box_lists_its_own_sections(chapter):
    box, found = plan(chapter), sections(chapter)
    if box is None:
        assert not any(section.extension for section in found), "a chapter with extensions needs a plan box"
        return
    assert box == ([section.title for section in found if not section.extension],
                   [section.title for section in found if section.extension])


def test_no_lesson_plan_is_stale_and_every_exercise_practises_an_objective():
    assert "being written" not in LESSON_PLANS
    objectives = nbformat.read(ROOT / "book" / "instructors" / "objectives.ipynb", as_version=4)
    outputs = "".join(str(output) for cell in objectives.cells if cell.cell_type == "code" for output in cell.outputs)
    assert "<table>" in outputs and "not yet assigned to an objective" not in outputs


def test_the_guide_lists_every_instructor_page_and_times_only_a_chapters_core():
    """The guide lists every instructor page (the pacing and grading pages among them), and says that a chapter's core,
    not the whole chapter, fits one 50-minute session (chapter 2 has more than an hour of extensions)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    guide_entry = next(chapter for part in toc["parts"] for chapter in part["chapters"]
                       if chapter["file"] == "book/instructors/guide")
    guide = (ROOT / "book" / "instructors" / "guide.md").read_text(encoding="utf-8")
    listed = guide.split("The pages that follow give the material:")[1].split("\n## ")[0]
    for page in guide_entry["sections"]:
        assert f"{{doc}}`{Path(page['file']).name}`" in listed, page["file"]
    for text in (guide, (ROOT / "README.md").read_text(encoding="utf-8")):
        assert not re.search(r"[Ee]ach chapter fits", text)
