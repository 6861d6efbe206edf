"""How the suite is shared between pytest-xdist workers (`python3 tasks.py test` runs `--dist loadgroup`), and where the
checks it runs are recorded.

A test goes to whichever worker is free, except the tests of one group, which run in order on one worker: the cells
of a notebook (nbval runs them in one kernel), and the tests that share an expensive fixture (their module or page
says so with an `xdist_group` mark).

Every `check()` records its result (newsreader/record.py); each worker records in a file of its own, which the nbval
kernels inherit through the environment, so that checking the book's notebooks writes nothing into the repository.
"""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

RECORDS = tempfile.mkdtemp(prefix="newsreader-progress-")


def pytest_configure(config):
    os.environ["NEWSREADER_PROGRESS"] = str(Path(RECORDS) / "my-progress.json")


def pytest_unconfigure(config):
    shutil.rmtree(RECORDS, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
