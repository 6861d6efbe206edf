"""The tests guard the facts and the figures: altering one value of any table in data/, or the colour of a figure,
makes the committed outputs differ from a fresh run, so nbval fails."""
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from newsreader.tables import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]

# table: (key column, key, column, new value, chapter whose outputs show it)
ALTERATIONS = {
    "articles": ("id", "001_2bc434667cf9574c", "outlet", "Newsmax TV", "01-meet-the-articles.ipynb"),
    "cleaning_rules": ("rule", "copyright line", "what_it_removes", "The rights line.", "01-meet-the-articles.ipynb"),
    "claims": ("claim_id", "000-06", "value", "16000", "02-the-numbers.ipynb"),
    "upstream": ("upstream_id", "official-population", "date", "2024-06-12", "02-the-numbers.ipynb"),
    "sources": ("source_id", "004-s13", "named", "yes", "03-who-speaks.ipynb"),
    "frames": ("sentence_id", "002-05", "frame", "economic", "04-framing.ipynb"),
    "labels": ("label_id", "000-l01", "voice", "quotation", "04-framing.ipynb"),
    "topics": ("topic_row_id", "003-t7", "covered", "yes", "04-framing.ipynb"),
    "entman": ("entman_id", "004-m06", "frame", "quality of life", "04-framing.ipynb"),
    "waivers": ("waiver_id", "w02", "reason", "A reason that changed.", "04-framing.ipynb"),
    "events": ("mention_id", "001-e05", "resolved_start", "2025-04-13", "05-timeline-and-reuse.ipynb"),
}


def test_every_table_has_an_alteration():
    tables = {path.stem for path in (ROOT / "data").glob("*.csv")} | set(SCHEMAS)
    assert tables == set(ALTERATIONS)


def project_copy(tmp_path):
    project = tmp_path / "project"
    for folder in ["book", "data", "tests"]:
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__", "_build"))
    shutil.copy(ROOT / "pytest.ini", project)
    return project


def nbval_fails(project, chapter):
    quick = ["-x", "-p", "no:xdist", "-p", "no:hypothesispytest"]  # stop at the first difference; skip unused plugins
    run = subprocess.run([sys.executable, "-m", "pytest", f"book/{chapter}", "-q", *quick],
                         cwd=project, capture_output=True, text=True)
    return run.returncode == 1 and "failed" in run.stdout.splitlines()[-1], run.stdout


@pytest.mark.parametrize("table", list(ALTERATIONS))
def test_nbval_fails_when_one_data_value_changes(tmp_path, table):
    key_column, key, column, value, chapter = ALTERATIONS[table]
    project = project_copy(tmp_path)
    path = project / "data" / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (frame[key_column] == key).sum() == 1 and frame.loc[frame[key_column] == key, column].item() != value
    frame.loc[frame[key_column] == key, column] = value
    frame.to_csv(path, index=False)
    failed, output = nbval_fails(project, chapter)
    assert failed, output[-2000:]


def test_nbval_fails_when_a_figure_changes(tmp_path):
    project = project_copy(tmp_path)
    chapter = project / "book" / "01-meet-the-articles.ipynb"
    notebook = chapter.read_text(encoding="utf-8")
    assert notebook.count('color=\\"#0072B2\\"') == 1  # the bars of the first figure, in the cell's source
    chapter.write_text(notebook.replace('color=\\"#0072B2\\"', 'color=\\"#0072B3\\"'), encoding="utf-8")
    failed, output = nbval_fails(project, "01-meet-the-articles.ipynb")
    assert failed, output[-2000:]
    assert "image/svg+xml" in output  # the figure is what differs
