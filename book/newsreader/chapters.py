"""The chapters' own structure, read from the notebooks: their objectives, sections (core or extension), exercises
and discussion questions. The instructor pages show these from the chapters, and the tests hold the pages to them,
so that a question, a section or an exercise is written once, in its chapter."""
import json
import re
from dataclasses import dataclass
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1]
EXTENSION = "Extension: "
STRUCTURAL = ("Set-up", "What we found", "What to take away", "Discussion questions")  # not sections of the lesson
PLAN_TITLE = "Plan of the chapter"


@dataclass(frozen=True)
class Section:
    title: str  # without "Extension: "
    extension: bool
    exercises: tuple[str, ...]  # the ids of the exercises it sets, in order


def chapter_paths(book: Path = BOOK) -> list[Path]:
    """The chapter notebooks, in order (00-python-basics.ipynb, 01-meet-the-articles.ipynb, ...)."""
    return sorted(book.glob("[0-9][0-9]-*.ipynb"))


def chapter_path(name: str, book: Path = BOOK) -> Path:
    """The notebook of a chapter named by its file name without ".ipynb" ("02-the-numbers")."""
    return book / f"{name}.ipynb"


def markdown(path: Path) -> list[str]:
    """The sources of the notebook's markdown cells, in order."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]


def title(path: Path) -> str:
    return markdown(path)[0].splitlines()[0].lstrip("# ").strip()


def plain(text: str) -> str:
    """Text without MyST roles or emphasis: {term}`labels <label>` -> labels; a line break becomes a space."""
    return " ".join(re.sub(r"\{\w+\}`([^`<]*?)\s*(?:<[^`]*>)?`", r"\1", text).replace("*", "").split())


def objectives(path: Path) -> list[str]:
    """The chapter's numbered learning objectives, from its first cell ("By the end of the chapter you can: ...")."""
    listing = markdown(path)[0].split("you can:")[1].strip().split("\n\n")[0]
    return [plain(item).rstrip(";.") for item in re.split(r"^\d+\. ", listing, flags=re.MULTILINE)[1:]]


def sections(path: Path) -> list[Section]:
    """The chapter's sections ("## " headings, structural ones left out), each with the exercises it sets."""
    found, current, exercises = [], None, []
    for source in markdown(path):
        for line in source.splitlines():
            heading = re.match(r"## (.+)", line)
            if heading:
                if current:
                    found.append(Section(current.removeprefix(EXTENSION), current.startswith(EXTENSION), tuple(exercises)))
                current = None if heading[1].strip() in STRUCTURAL else heading[1].strip()
                exercises = []
            elif current and (label := re.match(r":label: ([\w-]+)", line)):
                exercises.append(label[1])
    return found


def plan(path: Path) -> tuple[list[str], list[str]] | None:
    """The core sections and the extensions the chapter's "Plan of the chapter" box lists, or None without one."""
    box = next((source for source in markdown(path) if PLAN_TITLE in source), None)
    if box is None:
        return None
    core = box.split("**Core, for one 50-minute class:**")[1].split(", with their exercises.")[0]
    extensions = box.split("(marked *Extension* in their titles):")[1].split(". The lesson plans")[0]
    return [part.strip() for part in core.split(";")], [part.strip() for part in extensions.split(";")]


def discussion_questions(path: Path) -> list[str]:
    """The chapter's numbered discussion questions, as written (MyST roles and all)."""
    source = next((source for source in markdown(path) if "## Discussion questions" in source), "")
    listing = source.split("## Discussion questions")[1].split("\n\n")[1] if source else ""
    return [" ".join(item.split()) for item in re.split(r"^\d+\. ", listing, flags=re.MULTILINE)[1:]]


def discussion_question(chapter: str, opening: str, book: Path = BOOK) -> tuple[int, str]:
    """(number, text) of the chapter's one discussion question that starts with ``opening``."""
    questions = discussion_questions(chapter_path(chapter, book))
    matches = [(number, text) for number, text in enumerate(questions, start=1) if text.startswith(opening)]
    if len(matches) != 1:
        raise LookupError(f"{chapter}: {len(matches)} discussion questions start with {opening!r}")
    return matches[0]
