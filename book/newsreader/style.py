"""One look for every figure: a fixed size (so outputs are identical on every machine) and the
Okabe-Ito palette, which stays distinguishable for readers with colour-vision deficiencies."""
import matplotlib as mpl

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

BOOK_STYLE = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
}


def use_book_style() -> None:
    """Apply the book's figure style to every figure drawn after this call."""
    mpl.rcParams.update(BOOK_STYLE)
