"""Build the student edition: the chapters without answers, with the helper package, the data and the commands
the chapters tell students to run, and with no answer key in readable form.

    python tools/student_edition.py            # writes _build/student-edition/ (a folder and a zip)

In each chapter, every cell tagged ``answer`` becomes a placeholder (``name = ...``), the gated solution blocks are
removed and all outputs are cleared. The package travels without ``newsreader/exercises`` (the code that computes
every key); instead, the keys are compiled once from data/ into ``book/newsreader/keybook.json``, which holds salted
digests only (``newsreader.keys``). ``tasks.py`` travels too, with the student's commands (``lab``, ``agreement``,
``new-story``, ``propose``, ``report``). A rebuild replaces only the files this tool wrote and nobody changed since,
and removes its own unchanged files that the edition no longer holds; a student's notes, copies, edited notebooks
and data stay as they are, and the tool says so.
"""
import ast
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import edition_markdown

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "book") not in sys.path:  # the package the edition carries, imported from the book
    sys.path.insert(0, str(ROOT / "book"))

from newsreader.checking import SHIPPED, book_keys, data_stamp  # noqa: E402
from newsreader.files import Written, sha256  # noqa: E402

NAME = "reading-the-news-on-cecot-student-edition"
OUTPUT = ROOT / "_build" / "student-edition"
MANIFEST = ".edition-manifest.json"
KEY_CODE = "exercises"  # the package's modules that compute keys: never in the edition
STUDENT_PACKAGES = ("pandas", "matplotlib", "myst-nb", "jsonschema", "jupyterlab", "jupyterlab_myst", "krippendorff", "nbclient", "nbconvert")
SOLUTION_DIRECTIVES = ("```{solution-start}", "```{solution-end}")
README = """# Reading the News on CECOT: student edition

The chapters of the book, with the exercises for you to answer.

1. Install Python 3.11, then, in this folder: `python3 tasks.py lab` (on Windows: `py tasks.py lab`). The first time,
   it creates `.venv` and installs the packages of `requirements.txt` (a few minutes); then it opens JupyterLab.
2. Open a chapter and run its cells from the top. In each exercise, replace the `...` with your code and run the
   check cell below it. `hint("meet-1")` gives a hint for an exercise; `progress("meet")` lists where you stand. Your
   results are kept in `book/my-progress.json`, so they survive a restart of the kernel (after a restart, run the
   chapter's set-up cell first).
3. The other commands the chapters mention: `python3 tasks.py agreement FOLDER` (a class's agreement on the coding
   exercises), and `python3 tasks.py new-story DIR`, `propose DIR`, `report DIR` (the capstone's toolkit).

Keep `book/` and `data/` side by side: the notebooks find the data through the `newsreader` package. The checks know
the answers only as salted digests (`book/newsreader/keybook.json`), so they can tell you whether you are right and
what to look at next, but cannot show you an answer. An answer with few possible values could be found by trying
them, as with `check()` itself; that only spoils the practice: your grade comes from your teacher's grader, which
runs your notebook again and checks every answer with keys of its own.
"""


def placeholder(source: str) -> str:
    """``name = ...`` for each name that the answer cell's last assignment assigns."""
    assignments = [node for node in ast.parse(source).body if isinstance(node, (ast.Assign, ast.AnnAssign))]
    if not assignments:
        raise ValueError(f"an answer cell must assign its answer variable:\n{source}")
    last = assignments[-1]
    targets = last.targets if isinstance(last, ast.Assign) else [last.target]
    names = [node.id for target in targets for node in ast.walk(target) if isinstance(node, ast.Name)]
    return "# Your answer: replace ... with your code.\n" + "\n".join(f"{name} = ..." for name in names)


def is_solution_marker(cell) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith(SOLUTION_DIRECTIVES)


def student_notebook(chapter: Path):
    notebook = nbformat.read(chapter, as_version=4)
    notebook.cells = [cell for cell in notebook.cells if not is_solution_marker(cell)]
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if "answer" in cell.metadata.get("tags", []):
            cell.source = placeholder(cell.source)
        cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)  # when the book's run executed it
    return notebook


def chapters(root: Path = ROOT) -> list[Path]:
    return sorted((root / "book").glob("[0-9][0-9]-*.ipynb"))


def requirements() -> str:
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(pin for pin in pins if pin.split("==")[0].lower() in STUDENT_PACKAGES) + "\n"


@dataclass
class Update:
    """What a rebuild did to the edition folder: nothing a student made is lost."""

    written: list[str] = field(default_factory=list)  # new, or replaced because this tool wrote it and nobody changed it
    removed: list[str] = field(default_factory=list)  # this tool's unchanged files that the edition no longer holds
    changed_kept: list[str] = field(default_factory=list)  # this tool's files that someone changed: left as they are
    others_kept: list[str] = field(default_factory=list)  # files this tool did not write (notes, copies): untouched
    warning: str = ""

    def __str__(self) -> str:
        lines = [f"{len(self.written)} file(s) written or brought up to date."]
        if self.removed:
            lines.append("No longer part of the edition, so removed (this tool wrote them): " + ", ".join(self.removed))
        if self.changed_kept:
            lines.append("Changed since the edition was written, so NOT replaced (your work is kept; delete or rename a "
                         "file to get the new version): " + ", ".join(self.changed_kept))
        if self.others_kept:
            lines.append("Not written by this tool, left untouched: " + ", ".join(self.others_kept))
        return "\n".join(([self.warning] if self.warning else []) + lines)


def build(output: Path) -> tuple[Path, Update]:
    """Write the edition under ``output``: a zip of the fresh edition, and the folder brought up to date without
    replacing or deleting anything this tool did not write, or that someone changed since."""
    with tempfile.TemporaryDirectory() as staging:
        fresh = Path(staging) / NAME
        write_edition(fresh)
        output.mkdir(parents=True, exist_ok=True)
        archive = make_zip(fresh, output / f"{NAME}.zip")
        return archive, update(output / NAME, fresh)


def update(folder: Path, fresh: Path) -> Update:
    """Copy ``fresh`` into ``folder`` file by file, replacing (or removing) only this tool's own, unchanged files."""
    report, record = Update(), Written(folder, MANIFEST)
    if (folder / MANIFEST).exists() and not record.files:
        report.warning = (f"The record of what this tool wrote ({MANIFEST}) is damaged, so no existing file is replaced; "
                          "only missing files are written.")
    names = sorted(path.relative_to(fresh).as_posix() for path in fresh.rglob("*") if path.is_file())
    for name in names:
        source, target = fresh / name, folder / name
        if target.is_file() and not target.is_symlink() and sha256(target) == sha256(source):
            record.files[name] = sha256(target)  # already this version
        elif (target.exists() or target.is_symlink()) and not record.unchanged(target):
            report.changed_kept.append(name)
        else:
            record.write(name, source.read_bytes(), fallbacks=lambda taken: ())
            report.written.append(name)
    for name in sorted(set(record.files) - set(names)):
        if record.unchanged(folder / name):
            (folder / name).unlink()
            report.removed.append(name)
        if not (folder / name).exists():
            del record.files[name]
    report.others_kept = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
                                and path.name != MANIFEST and path.relative_to(folder).as_posix() not in record.files)
    record.save()
    return report


def write_edition(folder: Path, with_keys: bool = True) -> None:
    """Write a fresh edition into the new folder ``folder``: the notebooks without answers, the package without the
    code that computes keys, the keys as digests (unless ``with_keys`` is False: the grader's copy, whose check() says
    that the grader checks), the data, the example story, tasks.py, README and requirements."""
    keys = book_keys(ROOT / "data", data_stamp(ROOT / "data"))  # compiled once per process while data/ is unchanged
    if keys.problems():
        raise SystemExit("The student edition is not written: these answer keys cannot be computed from data/:\n- "
                         + "\n- ".join(keys.problems()))
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "tests" / "story_corpus", folder / "tests" / "story_corpus")  # the capstone's example
    shutil.copytree(ROOT / "evaluation", folder / "evaluation")  # chapter 6 measures the proposer on it
    shutil.copytree(ROOT / "book" / "newsreader", folder / "book" / "newsreader",
                    ignore=shutil.ignore_patterns("__pycache__", KEY_CODE, SHIPPED.name))
    if with_keys:
        keys.save(folder / "book" / "newsreader" / SHIPPED.name)
    shutil.copyfile(ROOT / "tasks.py", folder / "tasks.py")
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / "requirements.txt").write_text(requirements(), encoding="utf-8")
    for chapter in chapters():
        nbformat.write(student_notebook(chapter), folder / "book" / chapter.name)
    edition_markdown.adapt(folder, keys)


def make_zip(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                bundle.write(path, Path(NAME) / path.relative_to(folder))
    return archive


def main():
    archive, report = build(OUTPUT)
    print(f"Student edition: {OUTPUT / NAME} and {archive}\n{report}")


if __name__ == "__main__":
    main()
