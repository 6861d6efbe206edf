"""The one exception the loaders raise, and how a notebook shows it: a message that names the file and the problem."""
import sys


class DataError(Exception):
    """A file in data/ is missing, unreadable or does not follow its contract."""


def show_without_traceback(shell, exception_type, error, traceback, tb_offset=None):
    """IPython handler: print a DataError as one clear line instead of a traceback."""
    print(f"Data problem: {error}", file=sys.stderr)


def register_with_ipython() -> None:
    """In a notebook, show every DataError as one line. Outside IPython, do nothing."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((DataError,), show_without_traceback)
