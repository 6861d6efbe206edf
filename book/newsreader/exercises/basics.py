"""Exercises of chapter 0, "Python basics". Every key is computed from data/articles.csv and the texts."""
from ..answers import Items, Number, NumberMap
from ..corpus import article_ids, load_articles
from ..text import paragraphs, sentences, words
from .exercise import EL_PAIS, LATIN_TIMES_APRIL, Exercise, Mistake

CHAPTER_NUMBER = 0

FEBRUARY = "2025-02"


def article(article_id):
    return load_articles().set_index("id").loc[article_id]


def headline_words(article_id=LATIN_TIMES_APRIL):
    return len(words(article(article_id)["headline"]))


def headline_characters():
    return len(article(LATIN_TIMES_APRIL)["headline"])


def el_pais_paragraphs(column="text"):
    return len(paragraphs(article(EL_PAIS)[column]))


def el_pais_lines_with_blanks():
    return len(article(EL_PAIS)["text"].split("\n"))


def sentence_counts(column="text", short_ids=False):
    return {(row.id[:3] if short_ids else row.id): len(sentences(getattr(row, column)))
            for row in load_articles().itertuples()}


def ids_where(column, value, equal=True):
    articles = load_articles()
    selected = (articles[column] == value) if equal else (articles[column] != value)
    return sorted(articles.loc[selected, "id"])


def february_words(statistic="mean", month=FEBRUARY):
    articles = load_articles()
    counts = articles["text"].map(lambda text: len(words(text)))
    if month is not None:
        counts = counts[articles["date_earliest"].str[:7] == month]
    return getattr(counts, statistic)()


EXERCISES = [
    Exercise(
        id="basics-1", chapter="basics", minutes=5, kind=Number(whole=True), key=headline_words,
        hint="Take the headline of 000 as a string, pass it to `words`, and take `len` of the list you get back.",
        mistakes=(Mistake(headline_characters, "That is the number of characters: `len` of a string counts its characters. "
                                               "Split the headline into words with `words` first, then take `len` of the list."),
                  Mistake(lambda: headline_words(EL_PAIS), "That is the headline of 003, which the variable `headline` still holds; "
                                                          "the question asks about 000. Take 000's headline from `articles` with its id.")),
    ),
    Exercise(
        id="basics-2", chapter="basics", minutes=3, kind=Number(whole=True), key=el_pais_paragraphs,
        hint="`paragraphs(text)` returns a list with one item per paragraph; `len` counts the items. Start from the cleaned `text`.",
        mistakes=(
            Mistake(lambda: el_pais_paragraphs("raw_text"), "You counted the paragraphs of the raw text, which still holds the "
                                                            "boilerplate. Use the cleaned `text` column."),
            Mistake(el_pais_lines_with_blanks, "You counted lines, including the blank lines between paragraphs. "
                                               "`paragraphs` keeps only the lines that have text. Use `len(paragraphs(...))` on the cleaned text."),
        ),
    ),
    Exercise(
        id="basics-3", chapter="basics", minutes=8, kind=NumberMap(), key=sentence_counts,
        hint="Loop over the rows of `articles`; for each one, store `len(sentences(...))` of its cleaned text under its id.",
        mistakes=(
            Mistake(lambda: sentence_counts(short_ids=True), "Use the full article ids (such as \"000_089c4aec78f3c403\") as "
                                                            "the keys, not their first three digits."),
            Mistake(lambda: sentence_counts("raw_text"), "These counts include the sentences of the boilerplate: use the "
                                                         "cleaned `text` column, not `raw_text`."),
        ),
    ),
    Exercise(
        id="basics-4", chapter="basics", minutes=6, kind=Items(options=article_ids), key=lambda: ids_where("date_status", "confirmed"),
        hint="Build a boolean mask by comparing the `date_status` column with a value, then select the `id` column of "
             "the rows where the mask is True.",
        mistakes=(
            Mistake(lambda: ids_where("outlet_status", "confirmed"), "Those are the articles whose outlet is confirmed; "
                                                                    "the question asks about the date (`date_status`). Filter on `date_status` instead."),
            Mistake(lambda: ids_where("date_status", "confirmed", equal=False), "Those are the articles whose date is not "
                                                                               "confirmed: check the comparison (== or !=)."),
        ),
    ),
    Exercise(
        id="basics-5", chapter="basics", minutes=5, warm_up=True, kind=Number(decimals=1), key=february_words,
        hint="Keep the rows whose `month` is \"2025-02\", then take the `.mean()` of their `words` column.",
        mistakes=(
            Mistake(lambda: february_words("sum"), "That is the total of the February articles; the question asks for the "
                                                   "average per article: take `.mean()` instead of `.sum()`."),
            Mistake(lambda: february_words(month=None), "That is the average of all five articles; keep only the February "
                                                        "rows first."),
            Mistake(lambda: february_words(month="2025-04"), "That is the average of the April articles; the question asks "
                                                             "about February: keep the rows whose `month` is \"2025-02\"."),
        ),
    ),
]
