"""The project's commands. Each one first makes sure .venv holds exactly requirements.txt.

    python3 tasks.py book        install, build the student edition and the book (strict), check the site
    python3 tasks.py test        install, run the whole test suite (unit, data, exercises, edition, nbval)
    python3 tasks.py lab         open the chapters in JupyterLab
    python3 tasks.py edition     build only the student edition
    python3 tasks.py benchmark   time each notebook, the book build and the test suite
    python3 tasks.py agreement FOLDER     a class's intercoder reliability, from one CSV per coder
    python3 tasks.py grade SUBMISSIONS --out OUT   grade a folder of student notebooks
    python3 tasks.py new-story DIR | propose DIR | report DIR   the toolkit: the book's methods on your own story
"""
import hashlib
import os
import re
import subprocess
import sys
import time
import venv
from pathlib import Path

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


def ensure_environment():
    """Create .venv and install requirements.txt, unless that exact file is installed already."""
    wanted = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not VENV.exists():
        print("Creating the virtual environment in .venv ...")
        venv.create(VENV, with_pip=True)
    print("Installing the pinned packages (a few minutes the first time) ...")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt")
    STAMP.write_text(wanted)


def edition():
    ensure_environment()
    run(BIN / "python", "tools/student_edition.py")


def book():
    edition()
    run(BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going")
    check_site()
    print(f"\nThe book is built. Open it in a browser: {(HTML / 'index.html').as_uri()}")


def check_site():
    """The built site stays light and self-contained: page weights, and no page loading from another host."""
    pages = sorted(p for p in HTML.rglob("*.html") if "_static" not in p.parts)
    total = sum(f.stat().st_size for f in HTML.rglob("*") if f.is_file())
    problems = [f"the site weighs {total:,} bytes (limit {SITE_LIMIT:,})"] if total > SITE_LIMIT else []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        weight = page.stat().st_size + sum(image_size(page, name) for name in images(html))
        if weight > PAGE_LIMIT:
            problems.append(f"{page.name} weighs {weight:,} bytes with its images (limit {PAGE_LIMIT:,})")
        if 'src="http' in html or "src='http" in html or 'stylesheet" href="http' in html:
            problems.append(f"{page.name} loads a resource from another host")
    print(f"Site: {len(pages)} pages, {total:,} bytes in all.")
    if problems:
        sys.exit("Site check failed:\n- " + "\n- ".join(problems))


def images(html):
    return re.findall(r'<img[^>]*\ssrc="([^"]+)"', html)


def image_size(page, name):
    path = page.parent / name
    return path.stat().st_size if path.is_file() else 0


def test():
    ensure_environment()
    run(BIN / "python", "-m", "pytest", "-n", "2", "--dist", "loadfile", *sys.argv[2:])


def lab():
    ensure_environment()
    run(BIN / "jupyter", "lab", "book")


def benchmark():
    """Wall-clock times on this machine: each notebook run top to bottom, the book build, the test suite."""
    ensure_environment()
    for chapter in sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb")):
        timed(f"run {chapter.name}", BIN / "jupyter", "nbconvert", "--to", "notebook", "--execute",
              "--stdout", chapter.name, cwd=ROOT / "book", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timed("build the book", BIN / "jupyter-book", "build", ".", "-W", "-n", "--keep-going", stdout=subprocess.DEVNULL)
    timed("test suite", BIN / "python", "-m", "pytest", "-q", stdout=subprocess.DEVNULL)


def timed(label, *command, **options):
    start = time.perf_counter()
    run(*command, **options)
    print(f"{label:40} {time.perf_counter() - start:6.1f} s", flush=True)


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
    "agreement": package_command("from newsreader.reliability import main; "
                                 "sys.exit(main(sys.argv[1]) if len(sys.argv) == 2 else 'usage: python3 tasks.py agreement FOLDER')"),
    "grade": grade, "new-story": story, "propose": story, "report": story,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]]()
