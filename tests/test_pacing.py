"""Cores that fit a class: every exercise declares a novice's minutes, every chapter's core (chapter 0 and the capstone
included) fits one 50-minute class by the rules of newsreader.pacing, and the lesson plans fill those 50 minutes."""
import re
from pathlib import Path

import nbformat
import pytest

from newsreader.chapters import chapter_paths, plan, sections
from newsreader.exercises import EXERCISES
from newsreader.pacing import (CLASS_MINUTES, WORDS_PER_MINUTE, Part, codebook_part, core_minutes,
                               exercise_minutes, pacing, parts)
from newsreader.codebooks import codebook_text
from newsreader.text import words

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = chapter_paths(ROOT / "book")
MINUTES = exercise_minutes(EXERCISES)
LESSON_PLANS = (ROOT / "book" / "instructors" / "lesson-plans.md").read_text(encoding="utf-8")


def test_every_exercise_declares_a_novices_minutes():
    assert all(0 < exercise.minutes <= 30 for exercise in EXERCISES.values())


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_chapter_has_a_core_that_fits_one_class(chapter):
    assert plan(chapter), "a chapter says in its plan box which sections are its core"
    assert core_minutes(chapter, MINUTES) <= CLASS_MINUTES, pacing(chapter, MINUTES).round(1).to_string()


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_the_parts_are_the_chapters_sections_with_their_exercises(chapter):
    """The pacing cuts a chapter where newsreader.chapters does, and counts every exercise the chapter checks once."""
    found = {(part.title, part.extension): part.exercises for part in parts(chapter)}
    assert all(found[(section.title, section.extension)] == section.exercises for section in sections(chapter))
    checked = re.findall(r'^check\("([\w-]+)"', "\n".join(cell.source for cell in nbformat.read(chapter, as_version=4).cells
                                                         if cell.cell_type == "code"), re.MULTILINE)
    assert sorted(i for exercises in found.values() for i in exercises) == sorted(checked)


def test_a_part_counts_words_at_150_a_minute_three_quarters_of_a_minute_a_cell_and_its_exercises():
    part = Part("A section", False, words=300, cells=4, exercises=("x-1", "x-2"))
    assert part.reading_minutes() == 300 / 150 + 4 * 0.75
    assert part.exercise_minutes({"x-1": 5, "x-2": 3}) == 8


def test_an_exercise_counts_the_codebook_parts_its_prompt_sends_the_student_to():
    """A novice's coding minutes are half reading the codebook: the pacing counts the parts each coding
    exercise reads, and each part is a real stretch of its codebook, shorter than the whole."""
    for exercise_id, exercise in EXERCISES.items():
        read = sum(len(words(codebook_part(*part))) for part in exercise.reads)
        assert MINUTES[exercise_id] == exercise.minutes + read / WORDS_PER_MINUTE
        for codebook, part in exercise.reads:
            assert 10 < len(words(codebook_part(codebook, part))) < len(words(codebook_text(codebook)))
    assert all(EXERCISES[i].reads for i in ("numbers-coding", "speaks-coding", "framing-coding"))


def test_the_pacing_page_shows_every_chapter_as_computed():
    page = nbformat.read(ROOT / "book" / "instructors" / "pacing.ipynb", as_version=4)
    shown = "".join(output.get("data", {}).get("text/html", "") for cell in page.cells if cell.cell_type == "code"
                    for output in cell.outputs)
    for chapter in CHAPTERS:
        assert f"<td>{core_minutes(chapter, MINUTES):.0f}</td>" in shown


def test_every_chapter_plan_fills_its_50_minutes_from_zero():
    for block in LESSON_PLANS.split("\n## Chapter ")[1:]:
        times = re.findall(r"^\| (\d+)–(\d+) \|", block, re.MULTILINE)
        assert times[0][0] == "0" and int(times[-1][1]) == CLASS_MINUTES, block[:40]
        assert all(end == start for (_, end), (start, _) in zip(times, times[1:])), block[:40]


def test_the_six_week_unit_has_two_sessions_a_week_and_ends_with_the_capstone():
    six_weeks = LESSON_PLANS.split("## A six-week unit")[1].split("\n## ")[0]
    sessions = re.findall(r"^\| (\d) \| (\d+) \| (.+?) \|", six_weeks, re.MULTILINE)
    assert [(int(week), int(session)) for week, session, _ in sessions] == [(s // 2 + 1, s + 1) for s in range(12)]
    for number, chapter in enumerate(CHAPTERS):
        assert any(f"Chapter {number}'s core" in text or (number == 6 and "chapter 6's core" in text)
                   for _, _, text in sessions), chapter.stem
    assert "Capstone, 1" in sessions[-2][2] and "Capstone, 2" in sessions[-1][2]
