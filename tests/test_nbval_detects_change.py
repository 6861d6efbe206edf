"""The notebook tests guard the facts: altering one value in a data table makes nbval fail."""
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]

# (table, key column, key, column, new value, chapter whose outputs show it)
ALTERATIONS = [
    ("articles", "id", "001_2bc434667cf9574c", "outlet", "Newsmax TV", "01-meet-the-articles.ipynb"),
    ("claims", "claim_id", "000-06", "value", "16000", "02-the-numbers.ipynb"),
    ("sources", "source_id", "004-s13", "named", "yes", "03-who-speaks.ipynb"),
    ("topics", "topic_row_id", "003-t7", "covered", "yes", "04-framing.ipynb"),
]


@pytest.mark.parametrize("table, key_column, key, column, value, chapter", ALTERATIONS,
                         ids=[f"{a[0]}-{a[5][:2]}" for a in ALTERATIONS])
def test_nbval_fails_when_one_data_value_changes(tmp_path, table, key_column, key, column, value, chapter):
    project = tmp_path / "project"
    for folder in ["book", "data", "tests"]:
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__", "_build"))
    shutil.copy(ROOT / "pytest.ini", project)
    path = project / "data" / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (frame[key_column] == key).sum() == 1
    frame.loc[frame[key_column] == key, column] = value
    frame.to_csv(path, index=False)

    run = subprocess.run([sys.executable, "-m", "pytest", f"book/{chapter}", "-q"],
                         cwd=project, capture_output=True, text=True)
    assert run.returncode == 1, run.stdout[-2000:]
    assert "failed" in run.stdout.splitlines()[-1]
