"""Exercises of chapter 6, "Bring your own story". Keys are computed from the invented example story
(tests/story_corpus) and from the book's hand-coded tables in data/."""
from ..answers import Items, Number
from .exercise import Exercise, Mistake

CHAPTER_NUMBER = 6


def example_articles():
    from ..story.contract import EXAMPLE  # imported here: declaring an exercise reads nothing
    from ..story.folder import load_story
    return load_story(EXAMPLE).articles


def story_ids():
    return list(example_articles()["id"])


def proposed_sources():
    from ..story.propose import propose_sources
    return propose_sources(example_articles())


def articles_without_speaker_type(speaker_type="anonymous", first_rows=None):
    """The articles with no proposed source of ``speaker_type`` (among the ``first_rows`` only, if given: what the
    chapter shows of the table)."""
    sources = proposed_sources().head(first_rows) if first_rows else proposed_sources()
    having = set(sources.loc[sources["speaker_type"] == speaker_type, "article_id"])
    return sorted(set(sources["article_id"] if first_rows else story_ids()) - having)


def articles_with_speaker_type(speaker_type="anonymous"):
    return sorted(set(story_ids()) - set(articles_without_speaker_type(speaker_type)))


def scores():
    from ..story.evaluate import proposer_against_the_book
    return proposer_against_the_book()


def sources_missed():
    """How many hand-coded rows of sources no proposal found."""
    row = scores().loc["sources"]
    return int(row["hand-coded"] - row["hand-coded rows found"])


def sources_proposed_wrongly():
    row = scores().loc["sources"]
    return int(row["proposed"] - row["proposals that match"])


def sources_found():
    return int(scores().loc["sources", "hand-coded rows found"])


EXERCISES = [
    Exercise(
        id="story-1", chapter="story", minutes=4, kind=Items(options=story_ids), key=articles_without_speaker_type,
        hint="Collect the article ids of the proposed sources whose `speaker_type` is \"anonymous\"; the answer is the articles of `sources` that are not among them (a set difference).",
        mistakes=(Mistake(articles_with_speaker_type, "Those are the articles that have an anonymous source; the question "
                          "asks for those that have none. Take the article ids of `sources` that are not among them."),
                  Mistake(lambda: articles_without_speaker_type(first_rows=10), "The first rows of a table cannot show "
                          "that something is absent: the table has more rows than `.head(10)` shows. Filter the whole "
                          "table."),
                  Mistake(lambda: articles_without_speaker_type("unattributed"),
                          "Those are the articles with no phrase that names no one (\"is believed\"); an anonymous "
                          "source is a person kept unnamed on purpose. Filter on the `speaker_type` \"anonymous\".")),
    ),
    Exercise(
        id="story-2", chapter="story", minutes=4, kind=Number(whole=True), key=sources_missed,
        hint="`missed, extra = missed_and_extra(\"sources\")` gives the two tables: count the rows of the first with `len`.",
        mistakes=(Mistake(sources_proposed_wrongly, "That is the count of the proposals that overlap no hand-coded row (the "
                          "second table, the precision side); the question asks how many hand-coded rows of sources no "
                          "proposal found. Count the rows of the first table of `missed_and_extra(\"sources\")`."),
                  Mistake(sources_found, "That counts the hand-coded rows that were found; the question asks how many "
                          "no proposal found. Count the rows of the first table of `missed_and_extra(\"sources\")`."),
                  # 0 comes from many slips (another table's count, a filter that keeps no row): the
                  # feedback names none of them as the cause
                  Mistake(lambda: 0, "An answer of 0 says that the proposals found every hand-coded source. Count "
                          "the rows of the first table of `missed_and_extra(\"sources\")` with `len`, and if you "
                          "filtered a table first, print it: is it the sources table, and did the filter keep rows?")),
    ),
]
