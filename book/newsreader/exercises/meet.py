"""Exercises of chapter 1, "Meet the articles". Every key is computed from data/."""
import re

import pandas as pd

from ..answers import Choice, Date, Number, NumberMap
from ..corpus import article_ids, load_articles
from ..text import words
from .exercise import EL_PAIS, LATIN_TIMES_FEBRUARY, Exercise, Mistake

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


def word_counts(column="text"):
    return {row.id: len(words(row[column])) for _, row in load_articles().iterrows()}


def monday_before_publication(days_back=pd.offsets.Week(weekday=0)):
    published = pd.Timestamp(article(LATIN_TIMES_FEBRUARY)["date_earliest"])
    return (published - days_back).strftime("%Y-%m-%d")


def quoted_share(text):
    quoted = sum(len(words(quote)) for quote in re.findall(QUOTATION, text))
    return quoted / len(words(text))


def el_pais_quoted_share(column="text"):
    return quoted_share(article(EL_PAIS)[column])


EXERCISES = [
    Exercise(
        id="meet-1",
        chapter="meet", minutes=3,
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
        ),
    ),
    Exercise(
        id="meet-3",
        chapter="meet", minutes=6,
        kind=NumberMap(),
        key=word_counts,
        hint="Apply `words` to each cleaned text and take `len`; build a dict from article id to count.",
        mistakes=(
            Mistake(lambda: word_counts("raw_text"), "These counts include the boilerplate: use the cleaned `text` column, not `raw_text`."),
        ),
    ),
    Exercise(
        id="meet-5",
        chapter="meet", minutes=4,
        kind=Date(),
        key=monday_before_publication,
        hint="002 was published on a Tuesday. Which Monday does 'late Monday' mean to a reader that day?",
        mistakes=(
            Mistake(lambda: monday_before_publication(pd.Timedelta(0)), "That is the day 002 was published; 'late Monday' is a day the article looks back to. Go back to the Monday before it."),
            Mistake(lambda: monday_before_publication(pd.Timedelta(days=8)), "That Monday is a week too early: the article reports news from the day before it was published. Count back from the publication day to the nearest Monday."),
        ),
    ),
    Exercise(
        id="meet-4",
        chapter="meet", minutes=8,
        kind=Number(decimals=2),
        key=el_pais_quoted_share,
        hint="Find the quotations with `re.findall(QUOTATION, text)`, count their words, and divide by all the words of the cleaned text.",
        mistakes=(
            Mistake(lambda: el_pais_quoted_share("raw_text"), "You measured the raw text: its embedded post and subscription notice add words that are not article text. Use the cleaned `text`."),
            Mistake(lambda: 100 * el_pais_quoted_share(), "Give the share as a fraction between 0 and 1, not as a percentage."),
        ),
    ),
]
