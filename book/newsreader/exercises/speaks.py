"""Exercises of chapter 3, "Who speaks". Every key is computed from data/sources.csv and the texts."""
import difflib

from ..answers import Choice, Items, NumberMap
from ..coded import CodingAgreement
from ..corpus import article_ids
from ..methods.sources import SECOND_HAND_CHANNELS, quoted, second_hand, voices
from ..methods.ties import at_bottom
from ..tables import load_table
from ..text import words
from .coding import book_coding, coding_by_quotation_marks
from .exercise import Exercise, Mistake

CHAPTER_NUMBER = 3

OFFICIAL_TYPES = ("U.S. government", "Salvadoran government", "prison official")


def sources():
    return load_table("sources")


def kinds_a_quote_pattern_cannot_find():
    table = sources()
    return sorted(set(table["kind"]) - {"direct quote", "partial quote"})


def unnamed_per_article(column="named", unnamed="no"):
    table = sources()
    counts = (table[column] == unnamed).groupby(table["article_id"]).sum()
    return {article_id: int(count) for article_id, count in counts.items()}


def only_anonymous_type():
    table = sources()
    counts = (table["speaker_type"] == "anonymous").groupby(table["article_id"]).sum()
    return {article_id: int(count) for article_id, count in counts.items()}


def official_shares(among=voices):
    table = among(sources())
    return table["speaker_type"].isin(OFFICIAL_TYPES).groupby(table["article_id"]).mean()


def lowest_official_share(among=voices):
    shares = official_shares(among)
    return at_bottom(shares)


def fewest_official_rows():
    table = voices(sources())
    counts = table["speaker_type"].isin(OFFICIAL_TYPES).groupby(table["article_id"]).sum()
    return at_bottom(counts)


def second_hand_shares(through_outlets=True, share=True, channels=SECOND_HAND_CHANNELS):
    """Per article, the share (or number) of its voices whose words come through another outlet or from an anonymous
    source (only the anonymous ones, without ``through_outlets``; through ``channels`` only)."""
    table = voices(sources())
    grouped = second_hand(table, channels if through_outlets else ()).groupby(table["article_id"])
    return (grouped.mean() if share else grouped.sum().astype(int)).to_dict()


def rubio_version(article_id):
    table = sources()
    rows = table[(table["article_id"] == article_id) & table["span"].str.contains("unprecedented")]
    return quoted(rows["span"].iloc[0])


def words_added(first="002_b777e87c142857aa", second="004_7fdfdde264136472", split=words):
    """The words the second version puts in, in order, where difflib aligns the two (the chapter's ``compare_words``:
    the words right of the arrow on its ``insert`` and ``replace`` lines), lower-cased."""
    a, b = ([word.lower() for word in split(rubio_version(article_id))] for article_id in (first, second))
    changes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return [word for operation, _, _, start, end in changes if operation in ("insert", "replace") for word in b[start:end]]


def words_missing_from(first="002_b777e87c142857aa", second="004_7fdfdde264136472"):
    """The words of the second version that the first has nowhere: a set difference, which misses a word the first has
    elsewhere."""
    before = {word.lower() for word in words(rubio_version(first))}
    return sorted({word.lower() for word in words(rubio_version(second))} - before)


def bukele_unprecedented():
    table = sources()
    rows = table[table["span"].str.contains("unprecedented") & (table["speaker_id"] == "bukele")]
    return rows["article_id"].iloc[0]


EXERCISES = [
    Exercise(
        id="speaks-1", chapter="speaks", minutes=3, kind=Items(), key=kinds_a_quote_pattern_cannot_find,
        hint="A direct or partial quote is in quotation marks by definition. Which values of `kind` need none?",
        mistakes=(Mistake(lambda: ["paraphrase"], "One more kind of attribution needs no quotation marks. Look at every value of `kind` again."),),
    ),
    Exercise(
        id="speaks-2", chapter="speaks", minutes=6, writes=("group-by",), kind=NumberMap(), key=unnamed_per_article,
        hint="Count, per article, the rows whose `named` column is \"no\".",
        mistakes=(Mistake(only_anonymous_type, "You counted only the speaker type \"anonymous\"; unnamed experts, unattributed phrases and an unnamed director are not named either. Count the rows whose `named` is \"no\"."),),
    ),
    Exercise(
        id="speaks-3", chapter="speaks", minutes=9, writes=("group-by",), kind=Items(options=article_ids), key=lowest_official_share,
        hint="Keep the rows that have a speaker (speaker type not \"unattributed\"). For each article, the share is its official voices divided by all its voices: the mean of a True/False column. Then keep every article whose share equals the smallest.",
        mistakes=(
            Mistake(fewest_official_rows, "Those are the articles with the fewest official voices in number (and, here, the highest share of them), not the lowest share. Divide each article's official voices by its number of voices, then keep the smallest share."),
            Mistake(lambda: lowest_official_share(among=lambda table: table), "You counted \"is believed\", \"is considered\" and \"it appears\" as voices. They have no speaker: keep only the rows whose speaker type is not \"unattributed\"."),
        ),
    ),
    Exercise(
        id="speaks-4", chapter="speaks", minutes=8, writes=("group-by",), kind=NumberMap(decimals=2, whole=False),
        key=second_hand_shares,
        hint="Keep the rows that have a speaker (speaker type not \"unattributed\"). Build a True/False column: channel \"another outlet's report\" or \"interview\", or speaker type \"anonymous\". Group it by `article_id` and take the mean: every article is in it, those with no second-hand source at 0.",
        mistakes=(
            Mistake(lambda: second_hand_shares(share=False), "Those are counts; the question asks for shares. Divide by each article's number of voices: the mean of the True/False column does it."),
            Mistake(lambda: second_hand_shares(through_outlets=False), "You counted only the anonymous sources; words that come through another outlet are second-hand too. Count a row when either condition holds: join the two masks with |."),
            Mistake(lambda: second_hand_shares(channels=("another outlet's report",)), "You left out the interviews: in these articles every row coded \"interview\" is one given to another outlet or reported by one (\"Noem told the Journal\", the director \"told her\", \"Noem said, the Journal reported\"; a sentence beside such words shares their channel, by the codebook's rule), so the words reached the article through that outlet. Count the channel \"interview\" too."),
        ),
    ),
    Exercise(
        id="speaks-5", chapter="speaks", minutes=8, kind=Items(words=True), key=words_added,
        hint="Take the quoted words of each version with `quoted` and give them to `compare_words` (002's first): the words 004's version has where 002's has none or others are right of the arrow on its `insert` and `replace` lines.",
        mistakes=(Mistake(lambda: words_added("004_7fdfdde264136472", "002_b777e87c142857aa"), "That is the other direction: the words 002's version has where 004's has others or none. Give 002's version to `compare_words` first."),
                  Mistake(lambda: words_added(split=str.split), "`.split()` keeps punctuation on the words (\"unprecedented,\" is not \"unprecedented\"), so words both versions have look different. Split the quoted words with `words`, as `compare_words` does."),
                  Mistake(words_missing_from, "Your list misses what 004's version has at a new place although 002's has it elsewhere (a set difference of the two versions misses such words too). Take every word right of the arrow on `compare_words`' `insert` and `replace` lines.")),
    ),
    Exercise(
        id="speaks-6", chapter="speaks", stated_in=("unprecedented_by",), minutes=4, writes=("filter",), kind=Choice(options=article_ids), key=bukele_unprecedented,
        hint="Find the rows whose span contains \"unprecedented\" and look at `speaker_id`.",
        mistakes=(Mistake(lambda: "002_b777e87c142857aa", "In 002 the word is Rubio's (002's \"He\", read as Rubio, named in the sentence before). Look at `speaker_id` in the other rows."),),
    ),
    Exercise(
        # a novice's measured 20 minutes, less the reading of the whole codebook they included (951 words)
        id="speaks-coding", chapter="speaks", minutes=14, kind=CodingAgreement("speaks-coding"),
        reads=(("sources.md", "speaker_type"), ("sources.md", "named"), ("sources.md", "kind"), ("sources.md", "Examples"),
               ("sources.md", "The same construction, the same code, in every article")),
        key=lambda: book_coding("speaks-coding"),
        hint="Read the context column. Who does the sentence say is speaking: a named person or institution, sources kept unnamed on purpose, or no one at all (\"is believed\")? Then: a whole quoted statement, a few quoted words inside the reporter's sentence, or the reporter's words?",
        mistakes=(Mistake(coding_by_quotation_marks, "Quotation marks alone do not make a direct quote: a few quoted words inside the reporter's sentence are a partial quote. Read where each quotation starts and ends: a whole statement or a few words."),),
    ),
]
