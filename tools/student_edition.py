"""Build the student edition: the chapters without answers, with the helper package and the data.

    python tools/student_edition.py            # writes _build/student-edition/ (a folder and a zip)

In each chapter, every cell tagged ``answer`` becomes a placeholder (``name = ...``), the gated solution
blocks are removed and all outputs are cleared. The edition refuses to overwrite a notebook that a
student has changed since it was written: nothing typed there is lost.
"""
import ast
import hashlib
import json
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NAME = "reading-the-news-on-cecot-student-edition"
OUTPUT = ROOT / "_build" / "student-edition"
MANIFEST = ".edition-manifest.json"
STUDENT_PACKAGES = ("pandas", "matplotlib", "myst-nb", "jupyterlab", "jupyterlab_myst", "krippendorff", "nbclient", "nbconvert")
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


class EditionError(Exception):
    """The edition cannot be written without losing a student's work."""


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


def protect_student_work(folder: Path) -> None:
    """Refuse to replace an edition whose notebooks changed since this tool wrote them."""
    manifest = folder / MANIFEST
    if not folder.exists():
        return
    if not manifest.exists():
        raise EditionError(f"{folder} exists but was not written by this tool; move it away first.")
    written = json.loads(manifest.read_text(encoding="utf-8"))
    changed = sorted(name for name, digest in written.items()
                     if (folder / name).exists() and sha256(folder / name) != digest)
    if changed:
        raise EditionError(
            f"these notebooks in {folder} were changed since the edition was written: {', '.join(changed)}. "
            "Move the folder away (or save your work elsewhere) and run this again."
        )


def requirements() -> str:
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(pin for pin in pins if pin.split("==")[0].lower() in STUDENT_PACKAGES) + "\n"


def build(output: Path) -> Path:
    """Write the edition folder and its zip under ``output``; return the zip's path."""
    folder = output / NAME
    protect_student_work(folder)
    draft = output / f"{NAME}.draft"  # written aside, then swapped in: a failed run leaves the old edition intact
    shutil.rmtree(draft, ignore_errors=True)
    write_edition(draft)
    shutil.rmtree(folder, ignore_errors=True)
    draft.rename(folder)
    return make_zip(folder, output / f"{NAME}.zip")


def write_edition(folder: Path) -> None:
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "tests" / "story_corpus", folder / "tests" / "story_corpus")  # the capstone's example
    shutil.copytree(ROOT / "book" / "newsreader", folder / "book" / "newsreader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / "requirements.txt").write_text(requirements(), encoding="utf-8")
    written = {}
    for chapter in chapters():
        target = folder / "book" / chapter.name
        nbformat.write(student_notebook(chapter), target)
        written[f"book/{chapter.name}"] = sha256(target)
    (folder / MANIFEST).write_text(json.dumps(written, indent=1), encoding="utf-8")


def make_zip(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != MANIFEST:
                bundle.write(path, Path(NAME) / path.relative_to(folder))
    return archive


def main():
    try:
        print(f"Student edition written: {build(OUTPUT)}")
    except EditionError as error:
        sys.exit(f"Student edition not written: {error}")


if __name__ == "__main__":
    main()
