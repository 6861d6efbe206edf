"""The instructors' page of common mistakes groups every wrong answer that an exercise declares: none is left under
"Other mistakes ... not yet grouped"."""
import json
import re
from pathlib import Path

from newsreader.exercises import EXERCISES

PAGE = Path(__file__).resolve().parents[1] / "book" / "instructors" / "common-mistakes.ipynb"


def test_every_declared_mistake_is_grouped_on_the_page():
    cells = json.loads(PAGE.read_text(encoding="utf-8"))["cells"]
    grouped = {(exercise_id, int(number)) for cell in cells if cell["cell_type"] == "code"
               for exercise_id, number in re.findall(r"\('([\w-]+)', (\d+)\)", "".join(cell["source"]))}
    declared = {(exercise_id, number) for exercise_id, exercise in EXERCISES.items()
                for number in range(len(exercise.mistakes))}
    assert declared <= grouped, sorted(declared - grouped)
