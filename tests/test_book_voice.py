"""The book's own voice: the loaded labels that chapter 4 teaches students to examine appear in the book's prose
only as quotations (inside quotation marks or code), never as the book's own words."""
import json
import re
from pathlib import Path

import pytest

from newsreader.methods.framing import label_uses

ROOT = Path(__file__).resolve().parents[1]
# Labels that judge or assume: the book may quote them, never use them. ("Inmates", "facility" and the like are
# plain descriptions, which the book also uses.)
LOADED = ["mega-prison", "megaprison", "infamous", "world's worst prison", "concrete and steel pit", "criminals",
          "gang members", "illegal immigrant", "unlawful immigrant", "psychopaths", "terrorists", "murderers",
          "illegal migrant criminals"]
ALLOWED_BEFORE = ("alleged ", "suspected ", "convicted ")  # "alleged gang members" keeps an allegation an allegation
QUOTED = re.compile(
    r"`[^`]*`"  # code
    r'|"(?:[^"\n]|\n(?!\n))*"|“[^”]*”'  # double quotation marks, within a paragraph
    r"|(?<!\w)'(?:[^'\n]|'(?=\w))+'(?!\w)|‘[^’]*’"  # single quotation marks (an apostrophe inside is allowed)
    r"|\([^)]*\.ipynb\)"  # links to notebooks
)


def prose_files():
    pages = [ROOT / "README.md", *sorted((ROOT / "book").rglob("*.md"))]
    notebooks = sorted((ROOT / "book").rglob("*.ipynb"))
    return [path for path in pages + notebooks if "_build" not in path.parts and ".ipynb_checkpoints" not in path.parts]


def prose(path):
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def own_words(text):
    """The text without what it quotes: quotation marks, code, roles, fenced code blocks and the glossary's terms."""
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return QUOTED.sub("", text)


@pytest.mark.parametrize("path", prose_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_loaded_labels_only_as_quotations(path):
    text = own_words(prose(path))
    uses = [text[max(0, start - 40):end + 10].replace("\n", " ") for start, end, term in label_uses(text, LOADED)
            if not text[:start].lower().endswith(ALLOWED_BEFORE)]
    assert not uses, uses
