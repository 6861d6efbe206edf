"""Ties: "the most" and "the least" name every item tied at the top or the bottom, never one picked by order."""

import pandas as pd


def at_top(values: pd.Series) -> list:
    """The labels of ``values`` tied at its largest value, sorted."""
    return sorted(values.index[values == values.max()])


def at_bottom(values: pd.Series) -> list:
    """The labels of ``values`` tied at its smallest value, sorted."""
    return sorted(values.index[values == values.min()])


def named(items: list) -> str:
    """Items as prose names them: "002", "002 and 004", "000, 001 and 004"."""
    items = [str(item) for item in items]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]
