"""The registry of exercises: every module in this package declares ``CHAPTER_NUMBER`` and a list ``EXERCISES``.

A new chapter adds a module here (named after the chapter); nothing else needs to change. Exercises are listed
in chapter order, then by their number in the chapter. Declaring an exercise reads no data: keys,
mistakes and answer options are functions, called only when an answer is checked.
"""
import importlib
import pkgutil

from .exercise import Exercise, Mistake


def collect() -> dict[str, Exercise]:
    modules = [importlib.import_module(f"{__name__}.{info.name}")
               for info in pkgutil.iter_modules(__path__) if info.name not in ("exercise", "coding")]
    registry = {}
    for module in sorted(modules, key=lambda module: module.CHAPTER_NUMBER):
        for exercise in sorted(module.EXERCISES, key=position):
            if exercise.id in registry:
                raise ValueError(f"exercise id {exercise.id!r} is declared twice")
            registry[exercise.id] = exercise
    return registry


def position(exercise) -> float:
    """An exercise's place in its chapter: its number ("meet-3" is 3); a coding exercise comes last."""
    number = exercise.id.rsplit("-", 1)[1]
    return int(number) if number.isdigit() else float("inf")


EXERCISES = collect()

__all__ = ["EXERCISES", "Exercise", "Mistake"]
