"""The book's comparisons on a story folder: the sections of the report, one function each.

Every function takes a validated ``Story`` and returns a table (or shows a figure); rows a student ``rejected``
are left out of every comparison and counted in the status table. ``rests_on_proposals`` says, for each section,
how many of the rows it uses are still only ``proposed``.
"""
import base64
import html
import io
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import HTML, Markdown, display

from ..methods.framing import leading_frames
from ..methods.numbers import overlap
from ..methods.reuse import containment_matrix, shared_passages
from ..files import Written
from ..style import OKABE_ITO, use_book_style
from ..text import paragraphs, sentences, words
from .contract import REPORT_FOLDER, STATUSES, TABLES, WRITTEN, table_columns
from .folder import read_label_terms

MAX_ROWS = 40  # the longest table a section shows; the CSV files hold every row
REUSE_N = 5  # text reuse compares 5-word sequences (chapter 5's choice)
REUSE_PAIRS = 3  # the pairs of articles whose shared passages are shown


def usable(story, name: str) -> pd.DataFrame:
    """The rows of a coding table that count (all but ``rejected``); an empty table with the table's columns if the
    folder has none yet (every section then shows nothing, and says to run ``propose``)."""
    table = story.tables.get(name)
    if table is None:
        return pd.DataFrame(columns=table_columns(name))
    return table[table["status"] != "rejected"]


def short(table: pd.DataFrame, name: str):
    """At most MAX_ROWS rows, so that a report on 200 articles stays readable; when rows are left out, the whole table
    is written to report/NAME.csv and a line says so first ("first 40 of 85 rows; the full table is
    report/text_reuse.csv"). The only table that is cut: ``setup`` lets every other one show whole."""
    if table.empty:
        return Markdown("*No rows.*")
    if len(table) > MAX_ROWS:
        display(Markdown(cut_note(table, write_whole(table, name))))
    return table.head(MAX_ROWS)


def write_whole(table: pd.DataFrame, name: str) -> str:
    """Write ``table`` whole into the report folder of the story the report runs in (the working folder), by the
    report's own record of what it wrote (a file someone changed is kept, and the table goes beside it); its path."""
    written = Written(Path("."), f"{REPORT_FOLDER}/{WRITTEN}")
    path = written.write(f"{REPORT_FOLDER}/{name}.csv", table.to_csv(index=False))
    written.save()
    return path.as_posix()


def cut_note(table: pd.DataFrame, full: str) -> str:
    """The line that says a table is cut: "*First 40 of 205 rows; the full table is report/numbers.csv.*"."""
    return f"*First {MAX_ROWS} of {len(table)} rows; the full table is {full}.*"


# Status: what has been verified -------------------------------------------------------------------------------------

def status_counts(story) -> pd.DataFrame:
    """For each coding table, how many rows have each status (proposed, checked, corrected, rejected, added)."""
    counts = {name: story.tables[name]["status"].value_counts() for name in TABLES if name in story.tables}
    table = pd.DataFrame(counts).T.reindex(columns=list(STATUSES)).fillna(0).astype(int)
    table["total"] = table.sum(axis=1)
    return table.rename_axis("table")


def rests_on_proposals(story, *names) -> str:
    """A sentence (Markdown) saying whether a section rests on rows still ``proposed``."""
    missing = [f"{name}.csv" for name in names if name not in story.tables]
    if missing:
        return f"**Not available:** {', '.join(missing)} is missing; run `propose` first."
    rows = pd.concat([usable(story, name) for name in names])
    proposed = int((rows["status"] == "proposed").sum())
    tables = " and ".join(f"{name}.csv" for name in names)
    if rows.empty:
        return f"**No rows:** {tables} has no rows, so this section shows nothing and nothing in it is verified."
    if proposed:
        return (f"**⚠ Rests on proposals:** {proposed} of the {len(rows)} rows of {tables} used here are still "
                "`proposed`, not verified. Check them against the articles and the codebooks before you rely on "
                "this section.")
    return f"**Verified:** every one of the {len(rows)} rows of {tables} used here has been checked, corrected or added."


def warnings(story) -> str:
    """What a reader should know before the figures (Markdown): articles in another language, duplicates."""
    if not story.warnings:
        return "Every article looks like English and no two articles have the same text."
    return "**Before you read:**\n\n" + "\n".join(f"- {warning}" for warning in story.warnings)


def label_terms_used(story) -> str:
    """Which label terms the proposals looked for (Markdown)."""
    terms = read_label_terms(story.folder)
    if terms:
        return f"The terms of `label_terms.csv`: {', '.join(sorted(terms))}."
    return ("There is no `label_terms.csv`, so the book's terms for the CECOT story were used; they may not fit your "
            "story: add your own as described above.")


# Measures ---------------------------------------------------------------------------------------------------------

def measures(story) -> pd.DataFrame:
    """One row per article: outlet, date, and how long it is (words, sentences, paragraphs)."""
    articles = story.articles.set_index("id")
    return pd.DataFrame({
        "outlet": articles["outlet"], "published": articles["published"],
        "words": articles["text"].map(lambda text: len(words(text))),
        "sentences": articles["text"].map(lambda text: len(sentences(text))),
        "paragraphs": articles["text"].map(lambda text: len(paragraphs(text))),
    }).rename_axis("article")


# Numbers ----------------------------------------------------------------------------------------------------------

def numbers_side_by_side(story) -> pd.DataFrame:
    """Every number, grouped by what it measures (quantity and unit), with the interval its hedge implies."""
    claims = usable(story, "claims")
    claims = claims[claims["quantity"] != "date"]
    columns = ["quantity", "unit", "article_id", "span", "hedge", "low", "high", "attributed_to", "status"]
    return claims[columns].sort_values(["quantity", "unit", "article_id", "low"]).reset_index(drop=True)


NOT_COMPARED = ("date", "order", "year", "time")  # what places or orders things, never a figure to compare
GROUPED_BY = ["quantity", "unit", "scope"]


def comparable_numbers(story) -> pd.DataFrame:
    """The numbers that can be compared, within and across articles: a figure with a scope (what exactly it covers,
    data/codebooks/claims.md), never a date or an order; ``high`` inf where there is no upper bound. A count of
    watchtowers and a count of implications are never compared: only the same quantity, unit and scope are."""
    claims = usable(story, "claims")
    claims = claims[~claims["quantity"].isin(NOT_COMPARED) & (claims["scope"].str.strip() != "")]
    return claims.assign(high=claims["high"].fillna(float("inf")))


def unscoped_figures(story) -> pd.DataFrame:
    """Quantities and units that more than one figure shares but whose figures have no scope yet: to compare them,
    write in claims.csv what each covers (the same words for the same thing)."""
    claims = usable(story, "claims")
    claims = claims[~claims["quantity"].isin(NOT_COMPARED) & (claims["scope"].str.strip() == "")
                    & (claims["unit"].str.strip() != "")]
    groups = claims.groupby(["quantity", "unit"]).agg(figures=("claim_id", "size"), articles=("article_id", "nunique"),
                                                      examples=("span", lambda spans: " | ".join(spans[:3])))
    return groups[groups["figures"] > 1].sort_values("figures", ascending=False).reset_index()


def number_disagreements(story) -> pd.DataFrame:
    """Each number that cannot be true together with another number of the same quantity, unit and scope, in the
    same article or another: their hedge intervals do not overlap. ``conflicts`` counts those other numbers,
    ``for example`` shows the one furthest away.

    Sorting the lows and highs of a group counts the conflicts of every row at once (n log n, not every pair); the
    example pair is confirmed with ``newsreader.methods.numbers.overlap``.
    """
    rows = []
    for (quantity, unit, scope), group in comparable_numbers(story).groupby(GROUPED_BY):
        lows, highs = np.sort(group["low"].to_numpy()), np.sort(group["high"].to_numpy())
        lowest_high, highest_low = group.loc[group["high"].idxmin()], group.loc[group["low"].idxmax()]
        for row in group.itertuples():
            above = len(lows) - np.searchsorted(lows, row.high, side="right")  # others starting above its high
            below = np.searchsorted(highs, row.low, side="left")  # others ending below its low
            if above + below == 0:
                continue
            other = highest_low if above else lowest_high
            if overlap((row.low, row.high), (other["low"], other["high"])):
                continue  # cannot happen when the counts are right: the example must be a real conflict
            rows.append({"quantity": quantity, "unit": unit, "scope": scope, "article": row.article_id, "says": row.span,
                         "conflicts": int(above + below), "for example": f"{other['span']} ({other['article_id']})",
                         "status": "proposed" if "proposed" in (row.status, other["status"]) else "verified"})
    columns = ["quantity", "unit", "scope", "article", "says", "conflicts", "for example", "status"]
    return pd.DataFrame(rows, columns=columns)


def plot_number_intervals(story):
    """The intervals of the quantities that more than one article reports, one panel per quantity and unit (the
    four with the most mentions); one line per mention, from its low to its high value."""
    claims = comparable_numbers(story)
    claims = claims[claims.groupby(GROUPED_BY)["article_id"].transform("nunique") > 1]
    if claims.empty:
        return Markdown("No quantity with a scope is reported by more than one article.")
    sizes = claims.groupby(GROUPED_BY).size().sort_values(ascending=False)
    groups = [((quantity, unit), claims[(claims["quantity"] == quantity) & (claims["unit"] == unit)
                                        & (claims["scope"] == scope)]) for quantity, unit, scope in sizes.index[:4]]
    fig, axes = plt.subplots(len(groups), 1, figsize=(7, 1.4 + 1.6 * len(groups)), squeeze=False, layout="constrained")
    for ax, ((quantity, unit), group) in zip(axes[:, 0], groups):
        group = group.sort_values(["article_id", "low"]).reset_index(drop=True)
        open_ended = np.isinf(group["high"])
        drawn_high = group["high"].where(~open_ended, group["low"] * 1.5)
        ax.hlines(group.index, group["low"], drawn_high, color=OKABE_ITO[4], linewidth=4)
        ax.hlines(group.index[open_ended], group["low"][open_ended], drawn_high[open_ended], color=OKABE_ITO[5],
                  linewidth=4, linestyles="dotted", label="no upper bound")
        if len(group) <= 12:
            ax.set_yticks(group.index, group["article_id"].str[:18])
        ax.set_ylabel("mention")
        ax.invert_yaxis()
        ax.set_title(f"{quantity} ({unit})", loc="left", fontsize=10)
        ax.set_xlabel(unit)
    fig.suptitle("The same quantity as each article reports it: lines that do not overlap cannot both be true")
    return show_figure(fig, alt=("Horizontal interval chart: for each quantity reported by more than one article, one "
                                 "line per mention from its low to its high value (dotted where the hedge sets no "
                                 "upper bound), so that lines which do not overlap show figures that cannot both be "
                                 "true."),
                       caption="Each line is one number, from the low to the high end its hedge allows.")


# Who speaks -------------------------------------------------------------------------------------------------------

def who_speaks(story) -> pd.DataFrame:
    """Per article: attributions, how many to named speakers, to anonymous sources, to no one, and the kinds."""
    sources = usable(story, "sources")
    by_article = sources.groupby("article_id")
    table = pd.DataFrame({
        "attributions": by_article.size(),
        "named": by_article["named"].apply(lambda named: int((named == "yes").sum())),
        "anonymous": by_article["speaker_type"].apply(lambda types: int((types == "anonymous").sum())),
        "unattributed": by_article["speaker_type"].apply(lambda types: int((types == "unattributed").sum())),
    })
    kinds = pd.crosstab(sources["article_id"], sources["kind"])
    return table.join(kinds).reindex(story.articles["id"], fill_value=0).astype(int).rename_axis("article")


def speakers(story) -> pd.DataFrame:
    """Who is given words: each speaker id with the articles that quote or paraphrase them, most frequent first."""
    sources = usable(story, "sources")
    sources = sources.assign(speaker=sources["speaker_id"].replace("", "(not coded)"))
    table = sources.groupby("speaker").agg(attributions=("source_id", "size"), articles=("article_id", "nunique"))
    return table.sort_values(["attributions", "articles"], ascending=False)


# Labels, frames and coverage ----------------------------------------------------------------------------------------

def labels_by_article(story) -> pd.DataFrame:
    """How often each article uses each label (term), by what it refers to."""
    labels = usable(story, "labels")
    return pd.crosstab([labels["refers_to"], labels["term"]], labels["article_id"])


def frame_shares(story) -> pd.DataFrame:
    """The share of each article's sentences in each frame, with its leading frame(s) and the frame of its lede."""
    frames = usable(story, "frames")
    shares = pd.crosstab(frames["article_id"], frames["frame"], normalize="index").round(2)
    lede = frames[frames["position"] == "lede"].set_index("article_id")["frame"]
    return shares.assign(leading=leading_frames(shares).map(", ".join), lede=lede).rename_axis("article")


def plot_frame_shares(story):
    """The frame shares as stacked bars: one per article, or one per outlet when there are more than 20 articles."""
    shares = frame_shares(story).drop(columns=["leading", "lede"])
    if shares.empty:
        return Markdown("No frames to show.")
    if len(shares) > 20:
        outlets = story.articles.set_index("id")["outlet"]
        frames = usable(story, "frames")
        shares = pd.crosstab(frames["article_id"].map(outlets), frames["frame"], normalize="index")
    shares = shares[shares.sum().sort_values(ascending=False).index]
    fig, ax = plt.subplots(figsize=(7, 1.5 + 0.35 * len(shares)), layout="constrained")
    left = pd.Series(0.0, index=shares.index)
    for i, frame in enumerate(shares.columns):
        ax.barh(shares.index.str[:18], shares[frame], left=left, color=OKABE_ITO[i % 8],
                hatch=["", "//", ".."][i // 8 % 3], edgecolor="white", label=frame)
        left += shares[frame]
    ax.invert_yaxis()
    ax.set_xlabel("Share of the article's sentences")
    ax.set_ylabel("Article" if len(shares) == len(story.articles) else "Outlet")
    ax.legend(fontsize=7, bbox_to_anchor=(1.01, 1), loc="upper left")
    ax.set_title("How each article's sentences divide among the frames")
    return show_figure(fig, alt=("Stacked horizontal bar chart, one bar per article, dividing its sentences among the "
                                 "frames the coding gives them, each frame with its own colour."),
                       caption="Frames sentence by sentence (the keyword dictionary's frame until a student codes it).")


def coverage(story) -> pd.DataFrame:
    """Which frames (and, with a topics.csv, which topics) each article covers at all: ✓ or blank, one row per
    article (so that the table grows down, not across, with the number of articles)."""
    frames = usable(story, "frames")
    covered = pd.crosstab(frames["frame"], frames["article_id"]) > 0
    if "topics" in story.tables:
        topics = usable(story, "topics")
        by_topic = topics.pivot_table(index="topic", columns="article_id", values="covered", aggfunc="first") == "yes"
        covered = pd.concat({"frame": covered, "topic": by_topic})
    return covered.T.replace({True: "✓", False: ""}).rename_axis("article")


# Text reuse -------------------------------------------------------------------------------------------------------

def reuse_pairs(story) -> pd.DataFrame:
    """Pairs of articles by how much of one's 5-word sequences the other contains (``containment_matrix``),
    highest first; a pair appears once, with the direction in which it is higher."""
    texts = story.articles.set_index("id")["text"]
    matrix = containment_matrix(texts, REUSE_N)
    pairs = matrix.stack().rename("containment").reset_index()
    pairs = pairs[pairs["contained"] < pairs["in"]]
    reverse = matrix.T.stack().rename("other way").reset_index()
    pairs = pairs.merge(reverse, on=["contained", "in"])
    pairs["containment"] = pairs[["containment", "other way"]].max(axis=1).round(2)
    pairs = pairs.drop(columns="other way").rename(columns={"contained": "article", "in": "other article"})
    pairs = pairs[pairs["containment"] > 0]  # pairs that share no five-word sequence are not listed
    return pairs.sort_values(["containment", "article"], ascending=[False, True]).reset_index(drop=True)


def shared_passages_of_top_pairs(story, pairs: pd.DataFrame, min_words: int = 8) -> pd.DataFrame:
    """The passages of at least ``min_words`` words shared by the REUSE_PAIRS most similar ``pairs`` (``reuse_pairs``)."""
    texts = story.articles.set_index("id")["text"]
    rows = []
    for article, other in pairs.head(REUSE_PAIRS)[["article", "other article"]].itertuples(index=False):
        passages = shared_passages(texts[article], texts[other], min_words)
        rows += [{"article": article, "other article": other, "words": passage.words, "passage": passage.passage}
                 for passage in passages.itertuples()]
    return pd.DataFrame(rows, columns=["article", "other article", "words", "passage"])


# Figures as self-contained HTML -----------------------------------------------------------------------------------

def show_figure(fig, alt: str, caption: str):
    """The figure as an HTML <figure> with the PNG embedded (no file, no request) and its alt text and caption."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return HTML(f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
                f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def setup() -> None:
    """The book's figure style and table display for the report: no table is cut by pandas ("..."), since ``short``
    cuts the long ones and says so."""
    use_book_style()
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.max_rows", None)
    pd.set_option("display.max_columns", None)
