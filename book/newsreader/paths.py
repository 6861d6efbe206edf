"""Where the data lives: data/ beside book/, found from this file, never from the working directory.

``use_data(folder)`` reads another folder for a while (the grader computes its keys from a pristine copy).
"""
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
_chosen: ContextVar[Path | None] = ContextVar("data_folder", default=None)


def data_dir(override=None) -> Path:
    """The data folder to read: ``override`` if given, else the one ``use_data`` chose, else the project's."""
    if override is not None:
        return Path(override)
    return _chosen.get() or DATA_DIR


@contextmanager
def use_data(folder):
    """Within the ``with`` block, every loader that is given no folder reads ``folder``."""
    token = _chosen.set(Path(folder))
    try:
        yield Path(folder)
    finally:
        _chosen.reset(token)
