"""The registry of exercises: every module in this package declares ``CHAPTER_NUMBER`` and a list ``EXERCISES``.

A new chapter adds a module here (named after the chapter); nothing else needs to change. Exercises are listed
in chapter order, then in the order their module declares them. Declaring an exercise reads no data: keys,
mistakes and answer options are functions, called only when an answer is checked.
"""
import importlib
import pkgutil

from .exercise import Exercise, Mistake


def collect() -> dict[str, Exercise]:
    modules = [importlib.import_module(f"{__name__}.{info.name}")
               for info in pkgutil.iter_modules(__path__) if info.name != "exercise"]
    registry = {}
    for module in sorted(modules, key=lambda module: module.CHAPTER_NUMBER):
        for exercise in module.EXERCISES:
            if exercise.id in registry:
                raise ValueError(f"exercise id {exercise.id!r} is declared twice")
            registry[exercise.id] = exercise
    return registry


EXERCISES = collect()

__all__ = ["EXERCISES", "Exercise", "Mistake"]
