"""tasks.py, the commands CI runs: arguments, the environment stamp, a broken .venv, the site checks, old Pythons."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tasks

ROOT = Path(__file__).resolve().parents[1]


def command(*arguments, code=None):
    program = ["-c", code] if code else [str(ROOT / "tasks.py")]
    return subprocess.run([sys.executable, *program, *arguments], cwd=ROOT, capture_output=True, text=True)


def test_help_exits_0_and_lists_the_commands():
    result = command("--help")
    assert result.returncode == 0
    assert all(name in result.stdout for name in tasks.COMMANDS)


def test_an_unknown_command_is_named():
    result = command("bild")
    assert result.returncode == 2
    assert "Unknown command 'bild'" in result.stderr


@pytest.mark.parametrize("arguments, usage", [
    (["agreement"], "agreement FOLDER"), (["agreement", "a", "b"], "agreement FOLDER"),
    (["edition", "extra"], "edition"), (["book", "extra"], "book"), (["lab", "extra"], "lab"),
])
def test_a_command_given_the_wrong_arguments_prints_its_usage_and_exits_2(arguments, usage):
    result = command(*arguments)
    assert (result.returncode, result.stderr) == (2, f"usage: python3 tasks.py {usage}\n")


def test_an_older_python_gets_a_clear_message():
    code = ("import runpy, sys; sys.version_info = (3, 9, 0); sys.argv = ['tasks.py', 'test']; "
            f"runpy.run_path({str(ROOT / 'tasks.py')!r}, run_name='__main__')")
    result = command(code=code)
    assert result.returncode == 1
    assert "needs Python 3.11 or newer, and this is Python 3.9" in result.stderr


def test_the_stamp_records_requirements_and_interpreter():
    stamp = json.loads(tasks.environment_stamp())
    assert stamp["interpreter"] == sys.executable
    assert len(stamp["requirements"]) == 64


def test_a_venv_whose_python_is_gone_is_made_again(tmp_path, monkeypatch):
    venv_dir = tmp_path / ".venv"
    (venv_dir / "bin").mkdir(parents=True)
    (venv_dir / "bin" / "python").write_text("#!/bin/sh\nexit 1\n")  # a Python that no longer runs
    (venv_dir / "bin" / "python").chmod(0o755)
    (venv_dir / "leftover").write_text("from the old environment")
    (venv_dir / "requirements.sha256").write_text(tasks.environment_stamp())
    made, ran = [], []
    monkeypatch.setattr(tasks, "VENV", venv_dir)
    monkeypatch.setattr(tasks, "BIN", venv_dir / "bin")
    monkeypatch.setattr(tasks, "STAMP", venv_dir / "requirements.sha256")
    monkeypatch.setattr(tasks.venv, "create", lambda path, with_pip: made.append(path) or Path(path).mkdir())
    monkeypatch.setattr(tasks, "run", lambda *command, **options: ran.append(command))
    tasks.ensure_environment()
    assert made == [venv_dir] and not (venv_dir / "leftover").exists()
    assert "install" in ran[0] and (venv_dir / "requirements.sha256").read_text() == tasks.environment_stamp()


def test_the_site_checks_find_heavy_pages_and_outside_requests(tmp_path, monkeypatch, capsys):
    (tmp_path / "light.html").write_text('<img alt="a" src="small.png">', encoding="utf-8")
    (tmp_path / "small.png").write_bytes(b"x" * 10)
    (tmp_path / "heavy.html").write_text('<img src="big.png" alt="b">', encoding="utf-8")
    (tmp_path / "big.png").write_bytes(b"x" * (tasks.PAGE_LIMIT + 1))
    (tmp_path / "outside.html").write_text('<script src="https://cdn.example.org/x.js"></script>', encoding="utf-8")
    (tmp_path / "icons.html").write_text('<script defer src="all.js?v=1"></script>', encoding="utf-8")
    (tmp_path / "all.js").write_bytes(b"x" * (tasks.PAGE_LIMIT + 1))  # a script counts with the page that loads it
    (tmp_path / "lazy.html").write_text('<img loading="lazy" alt="c" src="big.png">', encoding="utf-8")
    monkeypatch.setattr(tasks, "HTML", tmp_path)
    with pytest.raises(SystemExit) as failure:
        tasks.check_site()
    message = str(failure.value)
    assert "heavy.html weighs" in message and "outside.html loads a resource from another host" in message
    assert "icons.html weighs" in message
    assert "light.html" not in message and "lazy.html" not in message
