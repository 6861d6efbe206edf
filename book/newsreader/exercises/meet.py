"""Exercises of chapter 1, "Meet the articles". Every key is computed from data/."""
import re

import pandas as pd

from ..answers import Choice, Items, Number, NumberMap
from ..corpus import article_ids, load_articles
from ..methods.dates import resolve_date
from ..text import sentences, words
from .exercise import EL_PAIS, Exercise, Mistake

CHAPTER_NUMBER = 1

QUOTATION = r"“[^”]*”|\"[^\"]*\""


def article(article_id):
    return load_articles().set_index("id").loc[article_id]


def unconfirmed_outlet():
    articles = load_articles()
    return articles.loc[articles["outlet_status"] == "not confirmed", "id"].item()


def unconfirmed_date():
    articles = load_articles()
    return articles.loc[articles["date_status"] == "not confirmed", "id"].iloc[0]


def boilerplate_start():
    return article(EL_PAIS)["raw_text"].find("Sign up for our weekly newsletter")


def spanish_part_start():
    return article(EL_PAIS)["raw_text"].find("Tu suscripción")


def post_words_start():
    """Where the words of Bukele's post first stand in 003: in the article's own sentence that quotes them, mid-text."""
    return article(EL_PAIS)["raw_text"].find("We have offered")


def boilerplate_start_in_cleaned_text():
    """-1: what str.find gives when the text is not there, as the newsletter line is not in the cleaned text."""
    return article(EL_PAIS)["text"].find("Sign up for our weekly newsletter")


def word_counts(column="text"):
    return {row.id: len(words(row[column])) for _, row in load_articles().iterrows()}


def weekend_days(days_after=0):
    """The days of El País's "this weekend", read on its publication day (or ``days_after`` later)."""
    published = pd.Timestamp(article(EL_PAIS)["date_earliest"]) + pd.Timedelta(days=days_after)
    return [day.strftime("%Y-%m-%d") for day in pd.date_range(*resolve_date("this weekend", published))]


def weekend_and_monday():
    return [*weekend_days(), (pd.Timestamp(weekend_days()[-1]) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")]


def pooled_quoted_share_by_month():
    """Each news moment's quoted words over all its words: the share of the pooled text, not the mean of the
    articles' shares."""
    articles = load_articles()
    month = articles["date_earliest"].str[:7]
    quoted = articles["text"].map(words_in_quotations).groupby(month).sum()
    return (quoted / articles["text"].map(lambda text: len(words(text))).groupby(month).sum()).to_dict()


def words_in_quotations(text):
    return sum(len(words(quote)) for quote in re.findall(QUOTATION, text))


def quoted_share(text):
    return words_in_quotations(text) / len(words(text))


def quoted_share_by_month(column="text", measure=quoted_share):
    """The mean quotation share (or another ``measure``) of each news moment's articles, by the month of their
    earliest date."""
    articles = load_articles()
    shares = articles[column].map(measure)
    return shares.groupby(articles["date_earliest"].str[:7]).mean().to_dict()


def longer_sentences(measure="words per sentence", above=True):
    """The articles whose sentences are longer on average (or, with another measure, which are longer) than the
    mean of the five."""
    articles = load_articles().set_index("id")
    counts = articles["text"].map(lambda text: len(words(text)))
    values = counts / articles["text"].map(lambda text: len(sentences(text))) if measure == "words per sentence" else counts
    chosen = values > values.mean() if above else values < values.mean()
    return sorted(values.index[chosen])


EXERCISES = [
    Exercise(
        id="meet-1",
        chapter="meet", minutes=2, warm_up=True,
        kind=Choice(options=article_ids),
        key=unconfirmed_outlet,
        hint="Filter `articles` on the column that says how sure we are of the outlet.",
        mistakes=(
            Mistake(unconfirmed_date, "For that article the date and the original address are not confirmed, but the outlet is. Look at outlet_status."),
        ),
    ),
    Exercise(
        id="meet-2",
        chapter="meet", minutes=8,
        kind=Number(whole=True),
        key=boilerplate_start,
        hint="`str.find` gives the position of the first character of a piece of text; find the first line that is not article text.",
        mistakes=(
            Mistake(spanish_part_start, "That is where the Spanish notice starts, but the English line just before it (a newsletter sign-up) is not article text either. Find where that English line starts."),
            Mistake(lambda: boilerplate_start() - 1, "That is not where the non-article line starts: give the position that `str.find` returns for the line's first words, written exactly as they stand in the raw text."),
            Mistake(post_words_start, "That is where the words of Bukele's post first stand: inside a sentence of the article that quotes them, in the middle of the text. The question asks where the non-article text at the end begins: read the last lines of the raw text."),
            Mistake(boilerplate_start_in_cleaned_text, "-1 is what `str.find` returns when it does not find the text. The cleaned `text` has no boilerplate left. Look in the raw text (`raw_text`) for the first words of the non-article line, written exactly as they stand there (spelling, case, spaces)."),
        ),
    ),
    Exercise(
        id="meet-3",
        chapter="meet", minutes=6,
        kind=NumberMap(),
        key=word_counts,
        hint="Apply `words` to each cleaned text and take `len`: `.map` on the `text` column of `articles.set_index(\"id\")` gives a Series from id to count (a dict works too).",
        mistakes=(
            Mistake(lambda: word_counts("raw_text"), "These counts include the boilerplate: use the cleaned `text` column, not `raw_text`."),
        ),
    ),
    Exercise(
        id="meet-5",
        chapter="meet", minutes=5,
        kind=Items(item="date"),
        key=weekend_days,
        hint="003 was published on a Tuesday. A news report tells of the past: 'this weekend' is the Saturday and Sunday just before it.",
        mistakes=(
            Mistake(lambda: weekend_days(days_after=7), "That weekend comes after 003 was published; a news report tells of the past. Go back to the weekend before the publication day."),
            Mistake(weekend_and_monday, "A weekend is a Saturday and a Sunday: leave out the Monday."),
        ),
    ),
    Exercise(
        id="meet-4",
        chapter="meet", minutes=8, writes=("group-by",),
        kind=NumberMap(decimals=3, whole=False, keys="month"),
        key=quoted_share_by_month,
        hint="Make a column with each article's month (the first 7 characters of `date_earliest`), group `measures` by it, and take the `.mean()` of `quoted_share`.",
        mistakes=(
            Mistake(lambda: quoted_share_by_month("raw_text"), "You measured the raw texts: their embedded post and subscription notice add words that are not article text. Use the cleaned `text`, as `measures` does."),
            Mistake(pooled_quoted_share_by_month, "That is the share of each month's words taken together (its quoted words over all its words), where one long article weighs more. The question asks for the mean of the articles' own shares: take the mean of the column `quoted_share`."),
            Mistake(lambda: quoted_share_by_month(measure=words_in_quotations), "That is the mean number of quoted words, a count; the question asks for the share of each article's words that are quoted. Take the mean of the column `quoted_share`."),
        ),
    ),
    Exercise(
        id="meet-6",
        chapter="meet", minutes=6, writes=("filter",),
        kind=Items(options=article_ids),
        key=longer_sentences,
        hint="Compute the mean of the column `words_per_sentence`, then keep the rows of `measures` whose value is larger and take their `id`.",
        mistakes=(
            Mistake(lambda: longer_sentences(above=False), "Those articles have shorter sentences than the average: check the comparison (> or <)."),
            Mistake(lambda: longer_sentences(measure="words"), "Those are the longer articles; the question asks about longer sentences. Compare `words_per_sentence` with its mean."),
        ),
    ),
]
