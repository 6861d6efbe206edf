"""Shared fixtures: a private copy of data/ that a test may break without touching the real one, and a record of
checks of each test's own."""
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# Property tests have no deadline: on a shared 2-core machine one slow example is load, not a defect (speed is measured
# by `python3 tasks.py benchmark`).
settings.register_profile("book", deadline=None)
settings.load_profile("book")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ in a temporary folder."""
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


@pytest.fixture(autouse=True)
def own_progress_record(tmp_path_factory, monkeypatch) -> Path:
    """Each test's checks are recorded in a file of its own (newsreader/record.py)."""
    path = tmp_path_factory.mktemp("progress") / "my-progress.json"
    monkeypatch.setenv("NEWSREADER_PROGRESS", str(path))
    return path


@pytest.fixture(scope="session")
def keys():
    """The book's keys, compiled once: the very snapshot check() uses."""
    from newsreader.checking import current_keys

    return current_keys()
