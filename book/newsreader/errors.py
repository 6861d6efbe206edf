"""The one exception the loaders raise, and how a notebook shows a failure: a DataError as one line that names the
file and the problem; a NameError before the chapter's set-up cell has run as advice to run that cell first.

A restart of the kernel forgets every name, and a student who then runs a cell in the middle of a chapter meets a
NameError before newsreader is even imported. IPython reads ``ipython_kernel_config.py`` from the environment's
``etc/ipython`` folder (``sys.prefix``) when a kernel starts; ``install_kernel_advice()`` writes one there that
imports newsreader at the start of every kernel that can find it (a notebook beside the package), and importing
newsreader registers the handler. ``python3 tasks.py`` installs it in ``.venv``; Binder's ``postBuild`` runs
``python -m newsreader.errors`` from ``book/``.
"""
import sys
from pathlib import Path
from traceback import walk_tb


class DataError(Exception):
    """A file in data/ (or one a student made) is missing, unreadable or does not follow its contract, or a value
    given to a helper (a coder's name, a coding sheet) cannot be used."""


SET_UP_NAME = "check"  # every chapter's set-up cell imports it (a test checks it): until it is there, the cell has not run
KERNEL_CONFIG = """# Written by newsreader (Reading the News on CECOT). When a kernel starts beside the newsreader package, import it,
# so that a NameError after a restart says to run the chapter's set-up cell first.
c.InteractiveShellApp.exec_lines = [
    "import importlib.util as _spec\\nif _spec.find_spec('newsreader'): __import__('newsreader')\\ndel _spec",
]
"""


KEY_ADVICE = ("A KeyError names a column or a row label the table does not have: print the table's columns with "
              ".columns (its row labels with .index), and check the spelling and case; a column of another table "
              "comes in with a merge.")


def raised_in_pandas(tb) -> bool:
    """Whether the innermost frame of the traceback ``tb`` is pandas code: a KeyError there is a label a table lacks (a
    column, or a row of its index), not a key of the student's own dict."""
    frames = [frame for frame, _ in walk_tb(tb)]
    return bool(frames) and frames[-1].f_globals.get("__name__", "").startswith("pandas.")


def explain_failure(shell, exception_type, error, tb, tb_offset=None) -> None:
    """IPython handler: a DataError as one line; a NameError before the set-up cell has run as advice to run it (the
    cell's error, in place of its traceback); any other NameError, and a KeyError that pandas raised (a column a
    table lacks), with a line of advice after its traceback; any other KeyError as IPython shows it."""
    if issubclass(exception_type, DataError):
        print(f"Problem: {error}", file=sys.stderr)
        return
    if issubclass(exception_type, KeyError):
        advice = [KEY_ADVICE] if raised_in_pandas(tb) else []
        shown = shell.InteractiveTB.structured_traceback(exception_type, error, tb, tb_offset=tb_offset) + advice
    elif SET_UP_NAME not in shell.user_ns:
        shown = [f"NameError: {getattr(error, 'name', '')!r} is not defined yet. After a restart of the kernel, run the "
                 "chapter's set-up cell (at the top) first, then the cells you need above this one."]
    else:
        shown = shell.InteractiveTB.structured_traceback(exception_type, error, tb, tb_offset=tb_offset) + [
            "If this name is made in a cell above, run that cell first (after a restart: run the cells from the top)."]
    shell._showtraceback(exception_type, error, shown)  # IPython's hook for showing a traceback, as the kernel sends it


def register_with_ipython() -> None:
    """In a notebook, show failures as ``explain_failure`` does. Outside IPython, do nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((DataError, NameError, KeyError), explain_failure)


def install_kernel_advice(prefix=sys.prefix) -> str:
    """Write ``PREFIX/etc/ipython/ipython_kernel_config.py`` (see above), unless a file of someone else is there;
    return what was done, in one line."""
    from .files import WriteRefused, write_file

    folder = Path(prefix) / "etc" / "ipython"
    try:
        path = write_file(folder, "ipython_kernel_config.py", KERNEL_CONFIG, fallbacks=lambda name: (),
                          replaceable=lambda file: file.read_text(encoding="utf-8", errors="replace").startswith(KERNEL_CONFIG[:40]))
    except (OSError, WriteRefused) as error:
        return f"Kernel start-up advice not installed ({error}); it is optional: the set-up cells say what to do after a restart."
    return f"Kernel start-up advice installed in {path}"


if __name__ == "__main__":
    print(install_kernel_advice())
