"""Exercises of chapter 4, "Framing". Every key is computed from data/frames.csv, labels.csv and topics.csv."""
from collections import Counter

from ..answers import Choice, Number, TextSet
from ..corpus import load_articles
from ..tables import load_table
from ..text import words
from .exercise import Exercise, Mistake

LATIN_TIMES_APRIL = "000_089c4aec78f3c403"
NEWSMAX = "001_2bc434667cf9574c"
LATIN_TIMES_FEBRUARY = "002_b777e87c142857aa"


def people_label_rate(article_id=LATIN_TIMES_APRIL, per=1000, column="text"):
    labels = load_table("labels")
    uses = ((labels["article_id"] == article_id) & (labels["refers_to"] == "people")).sum()
    text = load_articles().set_index("id").loc[article_id, column]
    return uses / len(words(text)) * per


def articles_using_only_in_quotations(term="mega-prison", voice="quotation"):
    labels = load_table("labels")
    uses = labels[labels["term"] == term]
    only = uses.groupby("article_id")["voice"].agg(lambda voices: set(voices) == {voice})
    return only[only].index[0]


def pass_agreement():
    frames = load_table("frames")
    return (frames["frame_pass1"] == frames["frame_pass2"]).mean()


def kappa(first, second):
    """Cohen's kappa of two equal-length lists of codes."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / n
    first_counts, second_counts = Counter(first), Counter(second)
    expected = sum(first_counts[code] * second_counts[code] for code in first_counts) / n**2
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def pass_kappa():
    frames = load_table("frames")
    return kappa(list(frames["frame_pass1"]), list(frames["frame_pass2"]))


def omitted_by(article_id=NEWSMAX, covered="yes"):
    topics = load_table("topics")
    matrix = topics.pivot(index="topic", columns="article_id", values="covered") == covered
    others = matrix.drop(columns=article_id).all(axis=1)
    return sorted(matrix.index[others & ~matrix[article_id]])


def most_common_frame(article_id=LATIN_TIMES_FEBRUARY, positions=("headline", "subheading", "lede", "body")):
    frames = load_table("frames")
    rows = frames[(frames["article_id"] == article_id) & frames["position"].isin(positions)]
    return rows["frame"].value_counts().sort_index().idxmax()


def frame_names():
    return sorted(set(load_table("frames")["frame"]))


def article_ids():
    return list(load_articles()["id"])


EXERCISES = [
    Exercise(
        id="framing-1", chapter="framing", kind=Number(tolerance=0.05), key=people_label_rate,
        hint="Count 000's label rows that refer to people, divide by the words of its cleaned text, multiply by 1,000.",
        mistakes=(Mistake(lambda: people_label_rate(per=100), "That is a rate per 100 words; the question asks per 1,000."),
                  Mistake(lambda: people_label_rate(column="raw_text"), "You counted the words of the raw text; use the cleaned `text`.")),
    ),
    Exercise(
        id="framing-2", chapter="framing", kind=Choice(options=article_ids()), key=articles_using_only_in_quotations,
        hint="Keep the rows of `labels` whose term is \"mega-prison\", and look at `voice` article by article.",
        mistakes=(Mistake(lambda: "003_76a03f6ec5875e14", "003 uses \"mega-prison\" inside a quotation, but also in its own headline."),),
    ),
    Exercise(
        id="framing-3", chapter="framing", kind=Number(tolerance=0.005), key=pass_agreement,
        hint="Compare the columns `frame_pass1` and `frame_pass2` row by row and take the mean.",
        mistakes=(Mistake(lambda: 100 * pass_agreement(), "Give the agreement as a fraction between 0 and 1, not as a percentage."),),
    ),
    Exercise(
        id="framing-4", chapter="framing", kind=Number(tolerance=0.005), key=pass_kappa,
        hint="Call `cohen_kappa` on the two columns, as lists.",
        mistakes=(Mistake(pass_agreement, "That is the raw agreement; kappa corrects it for the agreement expected by chance."),),
    ),
    Exercise(
        id="framing-5", chapter="framing", kind=TextSet(), key=omitted_by,
        hint="Pivot `topics` to a topic × article table of True/False; keep the topics all other articles cover and 001 does not.",
        mistakes=(Mistake(lambda: omitted_by(covered="no"), "Those are topics that no other article covers either; the question asks what all the others cover."),),
    ),
    Exercise(
        id="framing-6", chapter="framing", kind=Choice(options=frame_names()), key=most_common_frame,
        hint="Count the values of `frame` among 002's sentences.",
        mistakes=(Mistake(lambda: most_common_frame(positions=("lede",)), "That is the frame of 002's lede; the question asks about all its sentences."),),
    ),
]
