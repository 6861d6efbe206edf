"""The registry of exercises: every module in this package declares a list ``EXERCISES``.

A new chapter adds a module here (named after the chapter); nothing else needs to change.
"""
import importlib
import pkgutil

from .exercise import Exercise, Mistake


def collect() -> dict[str, Exercise]:
    registry = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name == "exercise":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for exercise in module.EXERCISES:
            if exercise.id in registry:
                raise ValueError(f"exercise id {exercise.id!r} is declared twice")
            registry[exercise.id] = exercise
    return registry


EXERCISES = collect()

__all__ = ["EXERCISES", "Exercise", "Mistake"]
