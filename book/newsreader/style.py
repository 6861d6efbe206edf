"""One look for every figure: a fixed size (so outputs are identical on every machine), the Okabe-Ito palette,
which stays distinguishable for readers with colour-vision deficiencies, text large enough to read on a phone,
and SVG output that is the same on every run, so that the test suite compares figures as text."""
import matplotlib as mpl

OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

BOOK_STYLE = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 12,
    "legend.fontsize": 11,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
    "svg.fonttype": "none",  # text stays text: smaller files, searchable labels
    "svg.hashsalt": "reading-the-news-on-cecot",  # the same element ids on every run
}


def use_book_style() -> None:
    """Apply the book's figure style to every figure drawn after this call; in a notebook, draw figures as SVG."""
    mpl.rcParams.update(BOOK_STYLE)
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # outside Jupyter there is no inline backend to configure
        return
    set_matplotlib_formats("svg", metadata={"Date": None}, bbox_inches="tight")
