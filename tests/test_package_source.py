"""The helper package's comments and docstrings explain the code, not the project's history: none cites a review's
finding ("fact-check fc8a B1"), which a reader of the code cannot look up."""
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "book" / "newsreader"
FINDING = re.compile(r"\bfc\d+[a-z]?\b|fact-check", re.IGNORECASE)


def test_no_comment_of_the_package_cites_a_review_finding():
    cited = [f"{path.relative_to(PACKAGE)}:{number}" for path in sorted(PACKAGE.rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if FINDING.search(line)]
    assert not cited
