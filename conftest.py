"""How the suite is shared between pytest-xdist workers (`python3 tasks.py test` runs `--dist loadgroup`).

A test goes to whichever worker is free, except the tests of one group, which run in order on one worker: the cells
of a notebook (nbval runs them in one kernel), and the tests that share an expensive fixture (their module or page
says so with an `xdist_group` mark).
"""
import pytest


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
