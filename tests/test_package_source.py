"""The source explains itself. Comments and docstrings of the helper package and of the tests explain the code, not the
project's history: none cites a review's finding ("fact-check fc8a B1", "review L3") or a review itself ("the browser
review's problem 6", "(review of 2026-11-27)"), which a reader of the code cannot look up (the finding belongs in the
commit message; the comment says the slip or the case it models). And no parameter of the package hides a name the
module imports."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "book" / "newsreader"
TESTS = ROOT / "tests"
FINDING = re.compile(r"\bfc\d+[a-z]?\b|fact-check|\breview [A-Z]\d+\b|walk-?through|\breview of \d{4}|\breview's\b"
                     r"|\breviewers? found\b|\b(?:novice|instructor|browser|code|student) review\b", re.IGNORECASE)


def citations(folder, files="*.py"):
    """``file:line`` of each line of ``folder``'s ``files`` that cites a review's finding (this file, which shows
    the forms of a citation, aside)."""
    return [f"{path.relative_to(ROOT)}:{number}" for path in sorted(folder.rglob(files)) if path != Path(__file__).resolve()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if FINDING.search(line)]


def test_the_finding_pattern_sees_each_form_of_citation():
    cited = ["Fact-check fc9a D2: ...", "fc10a A1: ...", "(review L1, L2)", "the finding (fc8a C3)",
             "# Walk-through 6: ...", "the third novice Walk-Through", "(the novice walkthrough)", "(review of 2026-11-27)",
             "the review's first try", "the instructor review's attack", "the browser review's problem 6",
             "A reviewer found", "slips reviewers found", "the novice review met a NameError", "a code review of this round"]
    explained = ["a span ends before a describing clause", "the reviewer's table", "fc", "review of a chapter",
                 "a review of 12 claims", "walk through the rows", "the reviewer's trial", "a student who counted 003's headline",
                 "the reviews of a book", "review the code", "the measured minutes of a novice"]
    assert [bool(FINDING.search(line)) for line in cited + explained] == [True] * len(cited) + [False] * len(explained)


def test_no_comment_of_the_package_cites_a_review_finding():
    assert not citations(PACKAGE)


def test_no_comment_of_the_tests_cites_a_review_finding():
    assert not citations(TESTS)


def test_no_row_of_the_data_tables_cites_a_review_finding():
    """The chapters print the tables' notes to students, who cannot look a finding up (the codebooks keep the record of
    each revision)."""
    assert not citations(ROOT / "data", "*.csv")


def imported_names(module):
    """The names a module's imports bind, and the modules it imports from (``traceback`` of ``from traceback import
    walk_tb``: a parameter of that name reads as the module)."""
    imports = [node for node in module.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return ({alias.asname or alias.name.split(".")[0] for node in imports for alias in node.names}
            | {node.module.split(".")[0] for node in imports if isinstance(node, ast.ImportFrom) and node.module and not node.level})


def shadowing_parameters(source):
    """``function(parameter)`` for each parameter that has the name of a module-level import of ``source``."""
    module = ast.parse(source)
    imported = imported_names(module)
    return [f"{node.name}({argument.arg})" for node in ast.walk(module)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            for argument in ast.walk(node.args) if isinstance(argument, ast.arg) and argument.arg in imported]


def test_the_shadowing_check_finds_a_parameter_named_like_an_import():
    assert shadowing_parameters("from traceback import walk_tb\ndef f(traceback, tb): pass") == ["f(traceback)"]
    assert shadowing_parameters("from traceback import walk_tb\ndef f(tb): pass") == []


def test_no_parameter_of_the_package_hides_an_imported_name():
    shadowing = {str(path.relative_to(ROOT)): found for path in sorted(PACKAGE.rglob("*.py"))
                 if (found := shadowing_parameters(path.read_text(encoding="utf-8")))}
    assert not shadowing
