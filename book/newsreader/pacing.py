"""How long a chapter takes a novice, computed from its notebook: the pacing table of the instructor guide, and the
test that keeps every chapter's core within one 50-minute class.

A chapter is cut at its "## " headings into parts: its opening (title, objectives and boxes), each section (core, or
an extension: "Extension: " in its title) and the structural parts (set-up, what we found, what to take away,
discussion questions), which belong to the core. A part's minutes are

- its words (markdown and code, at ``WORDS_PER_MINUTE``: a novice reads the code before running it),
- plus ``MINUTES_PER_CELL`` for each code cell to run and read the output of,
- plus the minutes of the exercises it sets (``exercise_minutes``): each one's declared minutes
  (``Exercise.minutes``), which include writing the answer and running its check, so that an answer cell and a check
  cell count as neither words nor cells; and the words of the codebook parts its prompt sends the student to read
  (``Exercise.reads``), at ``WORDS_PER_MINUTE``.

Calibration, against the measured minutes of a novice working through the student edition: for each core (chapters 0 to
6: 52, 52, 65, 45, 60, 48, 33) and for each exercise. On the chapters as they were then, these minutes leave, after the
per-exercise minutes (the coding minutes included reading the whole codebook, as the prompts then asked), 33, 28, 25,
17, 20, 25 and 26 minutes for reading the core; the words at 150 a minute take 12.4, 14.4, 13.5, 8.8, 13.7, 17.4 and
18.5 of them, and the least-squares minutes per code cell for the rest is 0.76, so ``MINUTES_PER_CELL`` is 0.75 (it was
0.5, fitted to an earlier, shorter measurement). The rules then give 49.4, 52.6, 59.5, 41.3, 58.2, 51.6 and 36.7
minutes: within 4 minutes of the measured ones, except chapter 2, which they underestimate by 5.5. The cores were then
cut until these rules give at most 50 minutes for each, and the measured minutes, less what left the core by these rules
(sections moved to extensions, and the codebook reading the coding prompts no longer ask for: they name the parts a
coder needs), is at most 50 too: 47.8, 44.2, 47.8, 42.8, 43.7, 46.2 and 35.4 when this was written.
"""
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .chapters import EXTENSION
from .codebooks import codebook_text, column_meaning, table_rows
from .text import words

WORDS_PER_MINUTE = 150
MINUTES_PER_CELL = 0.75
CLASS_MINUTES = 50
OPENING = "Opening"  # the part before the first heading: title, objectives, "Python you'll use", the plan box
SOLUTION = ("```{solution-start}", "```{solution-end}")  # markers of the book's model answers, not in the edition


@dataclass(frozen=True)
class Part:
    """A stretch of a chapter under one "## " heading."""

    title: str  # without "Extension: "
    extension: bool
    words: int
    cells: int
    exercises: tuple[str, ...]

    def reading_minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE + self.cells * MINUTES_PER_CELL

    def exercise_minutes(self, minutes: dict[str, float]) -> float:
        return sum(minutes[exercise] for exercise in self.exercises)


def is_exercise_cell(cell: dict) -> bool:
    """An answer cell or a check cell: the exercise's minutes count them."""
    source = "".join(cell["source"])
    return "answer" in cell.get("metadata", {}).get("tags", []) or source.startswith("check(")


def pieces(cell: dict) -> list[tuple[str | None, str]]:
    """A cell's text cut at its "## " headings: (heading or None, the text under it); a code cell is one piece."""
    source = "".join(cell["source"])
    if cell["cell_type"] != "markdown":
        return [(None, source)]
    cut = re.split(r"^## (.+)$", source, flags=re.MULTILINE)
    return [(None, cut[0])] + [(heading.strip(), text) for heading, text in zip(cut[1::2], cut[2::2])]


def parts(path: Path) -> list[Part]:
    """The chapter's parts, in order."""
    found, title, counts = [], OPENING, {"words": 0, "cells": 0, "exercises": []}

    def close():
        if counts["words"] or counts["cells"]:
            found.append(Part(title.removeprefix(EXTENSION), title.startswith(EXTENSION), counts["words"],
                              counts["cells"], tuple(counts["exercises"])))

    for cell in json.loads(Path(path).read_text(encoding="utf-8"))["cells"]:
        if "".join(cell["source"]).lstrip().startswith(SOLUTION) or is_exercise_cell(cell):
            continue
        counts["cells"] += cell["cell_type"] == "code"
        for heading, text in pieces(cell):
            if heading:
                close()
                title, counts = heading, {"words": 0, "cells": 0, "exercises": []}
            counts["words"] += len(words(text)) + (len(words(heading)) if heading else 0)
            counts["exercises"] += re.findall(r"^:label: ([\w-]+)", text, re.MULTILINE)
    close()
    return found


def pacing(path: Path, minutes: dict[str, float]) -> pd.DataFrame:
    """One row per part of the chapter: core or extension, words, cells, its exercises with their ``minutes``, and
    the minutes of each; a last row per kind ("Core, in all" and "Extensions, in all")."""
    rows = [{"part": part.title, "core": not part.extension, "words": part.words, "cells": part.cells,
             "exercises": ", ".join(part.exercises), "reading": part.reading_minutes(),
             "exercise minutes": part.exercise_minutes(minutes)} for part in parts(path)]
    table = pd.DataFrame(rows)
    table["minutes"] = table["reading"] + table["exercise minutes"]
    totals = [table[table["core"] == core].sum(numeric_only=True).to_frame().T.assign(
        part=name, core=core, exercises="") for core, name in ((True, "Core, in all"), (False, "Extensions, in all"))
        if (table["core"] == core).any()]
    return pd.concat([table, *totals], ignore_index=True)


def core_minutes(path: Path, minutes: dict[str, float]) -> float:
    """A novice's minutes for the chapter's core: what a 50-minute class has to hold."""
    return sum(part.reading_minutes() + part.exercise_minutes(minutes) for part in parts(path) if not part.extension)


def codebook_part(codebook: str, part: str) -> str:
    """The text of one part of a codebook: a column's table of codes, else the paragraph whose bold title starts with
    ``part``, else the column's row in the table of columns (DataError if there is none)."""
    text = codebook_text(codebook)
    codes = table_rows(text, part)
    if codes:
        return "\n".join(" | ".join(row) for row in codes)
    paragraph = next((p for p in text.split("\n\n") if p.startswith(f"**{part}")), None)
    return paragraph if paragraph is not None else column_meaning(codebook, part)


def exercise_minutes(exercises) -> dict[str, float]:
    """Each exercise's minutes for a novice: its declared minutes and the codebook parts it reads."""
    return {i: exercise.minutes + sum(len(words(codebook_part(*part))) for part in exercise.reads) / WORDS_PER_MINUTE
            for i, exercise in exercises.items()}
