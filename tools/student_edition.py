"""Build the student edition: the chapters without answers, with the helper package and the data.

    python tools/student_edition.py            # writes _build/student-edition/ (a folder and a zip)

In each chapter, every cell tagged ``answer`` becomes a placeholder (``name = ...``), the gated solution
blocks are removed and all outputs are cleared. A rebuild replaces only the files this tool wrote and nobody
changed since; a student's notes, copies, edited notebooks and data stay as they are, and the tool says so.
"""
import ast
import hashlib
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import edition_markdown

ROOT = Path(__file__).resolve().parents[1]
NAME = "reading-the-news-on-cecot-student-edition"
OUTPUT = ROOT / "_build" / "student-edition"
MANIFEST = ".edition-manifest.json"
STUDENT_PACKAGES = ("pandas", "matplotlib", "myst-nb", "jsonschema", "jupyterlab", "jupyterlab_myst", "krippendorff", "nbclient", "nbconvert")
SOLUTION_DIRECTIVES = ("```{solution-start}", "```{solution-end}")
README = """# Reading the News on CECOT: student edition

The chapters of the book, with the exercises for you to answer.

1. Install Python 3.11, then, in this folder:
   `python3 -m venv .venv`, then `.venv/bin/pip install -r requirements.txt`
   (on Windows: `.venv\\Scripts\\pip install -r requirements.txt`).
2. Start JupyterLab: `.venv/bin/jupyter lab book` (Windows: `.venv\\Scripts\\jupyter lab book`).
3. Open a chapter and run its cells from the top. In each exercise, replace the `...` with your code and run the
   check cell below it. `hint("meet-1")` gives a hint for an exercise; `progress("meet")` lists where you stand.

Keep `book/` and `data/` side by side: the notebooks find the data through the `newsreader` package.
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
    return notebook


def chapters(root: Path = ROOT) -> list[Path]:
    return sorted((root / "book").glob("[0-9][0-9]-*.ipynb"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def requirements() -> str:
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(pin for pin in pins if pin.split("==")[0].lower() in STUDENT_PACKAGES) + "\n"


@dataclass
class Update:
    """What a rebuild did to the edition folder: nothing a student made is lost."""

    written: list[str] = field(default_factory=list)  # new, or replaced because this tool wrote it and nobody changed it
    changed_kept: list[str] = field(default_factory=list)  # this tool's files that someone changed: left as they are
    others_kept: list[str] = field(default_factory=list)  # files this tool did not write (notes, copies): untouched
    warning: str = ""

    def __str__(self) -> str:
        lines = [f"{len(self.written)} file(s) written or brought up to date."]
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
    """Copy ``fresh`` into ``folder`` file by file, replacing only this tool's own, unchanged files."""
    report = Update()
    before, report.warning = read_manifest(folder)
    after = {}
    for source in sorted(path for path in fresh.rglob("*") if path.is_file()):
        name = source.relative_to(fresh).as_posix()
        target, digest = folder / name, sha256(source)
        if target.exists() and sha256(target) != digest and before.get(name) != sha256(target):
            report.changed_kept.append(name)
            after[name] = before.get(name, "")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or sha256(target) != digest:
            shutil.copyfile(source, target)
            report.written.append(name)
        after[name] = digest
    ours = set(after) | set(before)
    report.others_kept = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                                if path.is_file() and path.name != MANIFEST and path.relative_to(folder).as_posix() not in ours)
    (folder / MANIFEST).write_text(json.dumps(after, indent=1), encoding="utf-8")
    return report


def read_manifest(folder: Path) -> tuple[dict, str]:
    """The files this tool wrote, with their fingerprints; a damaged manifest counts as none (nothing is replaced)."""
    path = folder / MANIFEST
    if not path.exists():
        return {}, ""
    try:
        written = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(written, dict) and all(isinstance(v, str) for v in written.values()):
            return written, ""
    except (ValueError, UnicodeDecodeError):
        pass
    return {}, (f"The record of what this tool wrote ({MANIFEST}) is damaged, so no existing file is replaced; "
                "only missing files are written.")


def write_edition(folder: Path) -> None:
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "tests" / "story_corpus", folder / "tests" / "story_corpus")  # the capstone's example
    shutil.copytree(ROOT / "book" / "newsreader", folder / "book" / "newsreader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / "requirements.txt").write_text(requirements(), encoding="utf-8")
    for chapter in chapters():
        nbformat.write(student_notebook(chapter), folder / "book" / chapter.name)
    edition_markdown.adapt(folder)


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
