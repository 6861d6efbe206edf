"""Shared fixtures: a private copy of data/ that a test may break without touching the real one."""
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ in a temporary folder."""
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
