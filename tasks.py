"""The project's commands. Each one first makes sure .venv holds exactly requirements.txt.

    python3 tasks.py book        install, build the student edition and the book (strict), check the site
    python3 tasks.py test [ARGS] install, run the whole test suite on every core (unit, data, exercises, edition,
                                 nbval, browser); ARGS go to pytest
    python3 tasks.py lab         open the chapters in JupyterLab
    python3 tasks.py edition     build only the student edition
    python3 tasks.py benchmark   time each notebook, the book build and the test suite
    python3 tasks.py agreement FOLDER     a class's intercoder reliability, from one CSV per coder
    python3 tasks.py grade SUBMISSIONS --out OUT   grade a folder of student notebooks
    python3 tasks.py new-story DIR | propose DIR | report DIR   the toolkit: the book's methods on your own story
    python3 tasks.py evaluate    the toolkit's proposals scored against hand-coded real news and the book's articles

The student edition carries this file with the commands a student runs: lab, agreement, new-story, propose, report.
"""
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

if sys.version_info < (3, 11):
    sys.exit(f"This project needs Python 3.11 or newer, and this is Python {sys.version_info[0]}.{sys.version_info[1]} "
             f"({sys.executable}). Install Python 3.11 and run, for example: python3.11 tasks.py test")

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / "requirements.sha256"
HTML = ROOT / "_build" / "html"
PAGE_LIMIT, SITE_LIMIT = 1_000_000, 15_000_000  # bytes


def run(*command, **options):
    """Run a command from the project folder; stop with its exit code if it fails."""
    result = subprocess.run([str(part) for part in command], cwd=options.pop("cwd", ROOT), **options)
    if result.returncode:
        sys.exit(result.returncode)


def environment_stamp() -> str:
    """What .venv must have been made from: this requirements.txt, and this interpreter."""
    requirements = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
    return json.dumps({"requirements": requirements, "python": platform.python_version(), "interpreter": sys.executable})


def ensure_environment():
    """Create .venv and install requirements.txt, unless that exact file is installed already with this interpreter.
    A .venv whose Python is gone (moved, upgraded, deleted) is made again."""
    wanted = environment_stamp()
    python_works = (BIN / "python").exists() and subprocess.run([str(BIN / "python"), "-c", ""]).returncode == 0
    if python_works and STAMP.exists() and STAMP.read_text() == wanted:
        return install_kernel_advice()
    if VENV.exists() and not python_works:
        print("The Python of .venv no longer runs; making .venv again ...")
        shutil.rmtree(VENV)
    if not VENV.exists():
        print("Creating the virtual environment in .venv ...")
        venv.create(VENV, with_pip=True)
    print("Installing the pinned packages (a few minutes the first time) ...")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt")
    install_kernel_advice()
    STAMP.write_text(wanted)


def install_kernel_advice():
    """Make every kernel of .venv explain a NameError after a restart (book/newsreader/errors.py), once."""
    if not (VENV / "etc" / "ipython" / "ipython_kernel_config.py").exists():
        run(BIN / "python", "-m", "newsreader.errors", cwd=ROOT / "book")


def edition():
    ensure_environment()
    run(BIN / "python", "tools/student_edition.py")


def book():
    ensure_environment()  # the build writes the student edition too (book/_ext/reader_site.py)
    run(BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going")
    check_site()
    print(f"\nThe book is built. Open it in a browser: {(HTML / 'index.html').as_uri()}")


def check_site():
    """The built site stays light and self-contained: the site's weight; each page's first visit, the page with the
    scripts, style sheets and images it loads at once (not the images it loads lazily, nor what a style sheet loads:
    the browser test measures those too); and no page loading from another host."""
    pages = sorted(p for p in HTML.rglob("*.html") if "_static" not in p.parts)
    total = sum(f.stat().st_size for f in HTML.rglob("*") if f.is_file())
    problems = [f"the site weighs {total:,} bytes (limit {SITE_LIMIT:,})"] if total > SITE_LIMIT else []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        weight = page.stat().st_size + sum(local_size(page, address) for address in loaded_at_once(html))
        if weight > PAGE_LIMIT:
            problems.append(f"{page.name} weighs {weight:,} bytes with what it loads at once (limit {PAGE_LIMIT:,})")
        if 'src="http' in html or "src='http" in html or 'stylesheet" href="http' in html:
            problems.append(f"{page.name} loads a resource from another host")
    print(f"Site: {len(pages)} pages, {total:,} bytes in all.")
    if problems:
        sys.exit("Site check failed:\n- " + "\n- ".join(problems))


LOADED_AT_ONCE = re.compile(r'<script[^>]*\ssrc="([^"]+)"|<link(?=[^>]*\srel="stylesheet")[^>]*\shref="([^"]+)"'
                            r'|<img(?![^>]*\sloading="lazy")[^>]*\ssrc="([^"]+)"')


def loaded_at_once(html):
    """The addresses of the scripts, style sheets and (not lazily loaded) images of a page."""
    return ["".join(groups) for groups in LOADED_AT_ONCE.findall(html)]


def local_size(page, address):
    path = page.parent / address.split("?")[0]
    return path.stat().st_size if path.is_file() else 0


# Every core; a notebook's cells, a page's browser checks and a shared fixture's tests stay on one (conftest.py).
PYTEST = [BIN / "python", "-m", "pytest", "-n", "auto", "--dist", "loadgroup"]


def test():
    ensure_environment()
    run(*PYTEST, *sys.argv[2:])


def lab():
    ensure_environment()
    run(BIN / "jupyter", "lab", "book")


BUDGETS = {"notebook": 2.0, "build": 30.0, "tests": 150.0, "loop": 60.0,  # a notebook: times the floor; others: s
           "grading": 90.0}  # "tests": the whole suite, browser included; "loop": the suite without the browser
FLOOR_NOTEBOOK = {  # the floor: a notebook that only imports pandas and matplotlib and draws one figure
    "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
               "source": "import matplotlib.pyplot as plt\nimport pandas as pd\n\n"
                         "pd.Series([1, 2, 3]).plot.bar()\nplt.show()"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5,
}


GRADED_CHAPTER = "04-framing"  # the benchmark's class: answers, mistakes and a coding exercise


def benchmark():
    """Wall-clock times on this machine, each against its budget: every notebook run top to bottom (as a ratio to
    the floor, timed in the same run), a clean build of the book, grading a sample class of 30, the test suite with and
    without the browser, and the toolkit on 200 articles."""
    ensure_environment()
    with tempfile.TemporaryDirectory() as scratch:
        floor_path = Path(scratch) / "floor.ipynb"
        floor_path.write_text(json.dumps(FLOOR_NOTEBOOK), encoding="utf-8")
        floor = run_notebook(floor_path)
        print(f"{'floor notebook':45} {floor:6.1f} s")
        notebooks = sorted((ROOT / "book").rglob("*.ipynb"))
        for notebook in (path for path in notebooks if ".ipynb_checkpoints" not in path.parts):
            seconds = run_notebook(notebook)
            print_budget_row(str(notebook.relative_to(ROOT / "book")), seconds, f"{seconds / floor:.1f}× the floor",
                             seconds <= BUDGETS["notebook"] * floor)
        seconds = seconds_to_run(BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going", "--path-output",
                                 scratch, stdout=subprocess.DEVNULL)
        print_budget_row("clean build of the book", seconds, f"budget {BUDGETS['build']:.0f} s",
                         seconds <= BUDGETS["build"])
        run(BIN / "python", "tools/sample_class.py", Path(scratch) / "class", "--chapter", GRADED_CHAPTER,
            stdout=subprocess.DEVNULL)
        seconds = seconds_to_run(BIN / "python", "tools/grade.py", Path(scratch) / "class", "--out",
                                 Path(scratch) / "grades", stdout=subprocess.DEVNULL)
        print_budget_row(f"grading a class of 30 ({GRADED_CHAPTER}, with its coding)", seconds,
                         f"budget {BUDGETS['grading']:.0f} s", seconds <= BUDGETS["grading"])
    seconds = seconds_to_run(*PYTEST, "-q", stdout=subprocess.DEVNULL)
    print_budget_row("test suite, browser included", seconds, f"budget {BUDGETS['tests']:.0f} s",
                     seconds <= BUDGETS["tests"])
    seconds = seconds_to_run(*PYTEST, "-q", "--ignore=tests/browser", stdout=subprocess.DEVNULL)
    print_budget_row("test suite without the browser", seconds, f"budget {BUDGETS['loop']:.0f} s",
                     seconds <= BUDGETS["loop"])
    run(BIN / "python", "-m", "newsreader.story.benchmark", "200", env={**os.environ, "PYTHONPATH": str(ROOT / "book")})


def run_notebook(path: Path) -> float:
    return seconds_to_run(BIN / "jupyter", "nbconvert", "--to", "notebook", "--execute", "--stdout", path.name,
                 cwd=path.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def seconds_to_run(*command, **options) -> float:
    start = time.perf_counter()
    run(*command, **options)
    return time.perf_counter() - start


def print_budget_row(label, seconds, measure, within):
    print(f"{label:45} {seconds:6.1f} s   {measure:22} {'within budget' if within else 'OVER BUDGET'}", flush=True)


def package_command(call):
    """A command that calls one function of the helper package with the command-line arguments, run from the
    folder the user is in (so that relative paths mean what they typed)."""
    def command():
        ensure_environment()
        environment = {**os.environ, "PYTHONPATH": str(ROOT / "book")}
        run(BIN / "python", "-c", f"import sys; {call}", *sys.argv[2:], cwd=Path.cwd(), env=environment)
    return command


def story():
    """new-story DIR, propose DIR, report DIR: the toolkit (newsreader.story.cli.main)."""
    ensure_environment()
    run(BIN / "python", "-m", "newsreader.story.cli", *sys.argv[1:], cwd=Path.cwd(),
        env={**os.environ, "PYTHONPATH": str(ROOT / "book")})


def grade():
    ensure_environment()
    run(BIN / "python", ROOT / "tools" / "grade.py", *sys.argv[2:], cwd=Path.cwd())


COMMANDS = {
    "book": book, "test": test, "lab": lab, "edition": edition, "benchmark": benchmark,
    "agreement": package_command("from newsreader.reliability import main; sys.exit(main(sys.argv[1]))"),
    "grade": grade, "new-story": story, "propose": story, "report": story,
    "evaluate": package_command("from newsreader.story.evaluate import main; sys.exit(main())"),
}

INSTRUCTORS = ("book", "test", "edition", "benchmark", "grade")  # not in the student edition, which has no tools/
IN_EDITION = not (ROOT / "tools").is_dir()


def available() -> list[str]:
    return [name for name in COMMANDS if not (IN_EDITION and name in INSTRUCTORS)]


def usage() -> str:
    """The help text, with only the commands this folder has."""
    hidden, lines = [name for name in COMMANDS if name not in available()], []
    for line in __doc__.splitlines():
        continued = line.startswith(" " * 12) and lines and lines[-1] is None  # the rest of a hidden command's line
        lines.append(None if continued or any(f"tasks.py {name} " in f"{line} " for name in hidden) else line)
    return "\n".join(line for line in lines if line is not None)


USAGE = {"book": "book", "lab": "lab", "edition": "edition", "benchmark": "benchmark", "evaluate": "evaluate",
         "agreement": "agreement FOLDER"}  # commands whose arguments are checked here (the others parse their own)


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if arguments else 2
    if arguments[0] not in available():
        where = " (it is not part of the student edition)" if arguments[0] in COMMANDS else ""
        print(f"Unknown command {arguments[0]!r}{where}. The commands are: {', '.join(available())}.\n{usage()}", file=sys.stderr)
        return 2
    expected = USAGE.get(arguments[0])
    if expected and len(arguments) != len(expected.split()):
        print(f"usage: python3 tasks.py {expected}", file=sys.stderr)
        return 2
    COMMANDS[arguments[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
