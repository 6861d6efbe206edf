"""Figures whose drawing code is not the lesson: the chapters decide what to show and the title that states the
finding; these functions only draw. Colours from the book's Okabe-Ito palette."""
import textwrap

import matplotlib.pyplot as plt
import pandas as pd

from .style import OKABE_ITO


def two_column_network(pairs: pd.DataFrame, left: str, right: str, labels: dict, highlighted: set, title: str,
                       column_names=("article", "source")):
    """Lines from each item in column ``left`` of ``pairs`` to each item in column ``right``; the right-hand items
    in ``highlighted`` are drawn in bold and another colour. ``labels`` maps an item to the text shown for it."""
    left_nodes, right_nodes = sorted(pairs[left].unique()), sorted(pairs[right].unique())
    height = max(len(left_nodes), len(right_nodes))
    y_left, y_right = spread(left_nodes, height), spread(right_nodes, height)
    fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
    for pair in pairs.itertuples():
        ax.plot([0, 1], [y_left[getattr(pair, left)], y_right[getattr(pair, right)]], color=OKABE_ITO[4], linewidth=1.5)
    for node, y in y_left.items():
        ax.annotate(labels.get(node, node), (0, y), ha="right", va="center", xytext=(-6, 0), textcoords="offset points")
    for node, y in y_right.items():
        style = {"color": OKABE_ITO[5], "fontweight": "bold"} if node in highlighted else {}
        ax.annotate(textwrap.fill(labels.get(node, node), 32), (1, y), va="center", xytext=(6, 0),  # a long one wraps
                    textcoords="offset points", **style)
    ax.plot([0] * len(y_left), list(y_left.values()), "o", color=OKABE_ITO[4])
    ax.plot([1] * len(y_right), list(y_right.values()), "s", color=OKABE_ITO[5])
    ax.set_xlim(-0.3, 2.2)
    ax.set_xticks([0, 1], list(column_names))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_title(title)
    return fig


def spread(nodes, height) -> dict:
    """Positions from top to bottom, the same height for either column."""
    step = (height - 1) / max(len(nodes) - 1, 1)
    return {node: height - 1 - i * step for i, node in enumerate(nodes)}
