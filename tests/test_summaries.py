"""Claims like "both", "only", "never", "every", "the most", "agree" in a chapter's "What we found" are computed (a glue
role), not typed
(a word inside quotation marks is an article's, not the book's claim); the few that describe a method rather than the
data are listed here, each with its reason."""
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb"))
# Quantifiers, and the judgement calls of issue 18 ("the most", "agree", "primary"): computed, never typed.
QUANTIFIER = re.compile(r"\b(both|all|only|never|every|none|alone|most|least|agrees?|agreed|primary)\b", re.IGNORECASE)
ABOUT_A_METHOD = {  # sentence start: why it needs no computed value
    "A regular expression finds every number written in digits": "tests/test_numbers_data.py proves it for every article",
    "The same test, applied to every group": "the groups follow, glued",
    "Only these mentions depend on": "the mentions follow, glued",
    "A folder is checked as the book's data are": "about the toolkit's procedure, tested in tests/test_story.py",
    "the list of topics was made by the same procedure": "about the procedure, written in data/codebooks/frames.md",
}


def summary_sentences(chapter):
    cells = json.loads(chapter.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    found = text.split("## What we found")[1].split("## What to take away")[0]
    return [" ".join(s.split()) for bullet in re.split(r"\n- ", found) for s in re.split(r"(?<=[.;])\s", bullet)]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_quantified_claims_in_the_summary_are_computed(chapter):
    typed = [s for s in summary_sentences(chapter) if QUANTIFIER.search(re.sub(r'"[^"]*"', "", s)) and "{glue" not in s
             and not any(s.lstrip("- ").startswith(start) or start in s for start in ABOUT_A_METHOD)]
    assert not typed, typed
