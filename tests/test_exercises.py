"""Self-tests of every exercise in the book: the key passes, the placeholder is "not attempted", each declared mistake
is recognised with its feedback (a number's at the stated precision or finer), a wrong type gets a message, not a traceback, and every
message says what to do next and never holds the answer."""
import re

import pandas as pd
import pytest

from answer_forms import printed_forms
from newsreader import check, hint
from newsreader.answers import MAX_DECIMALS, Number, NumberMap, roundings
from newsreader.coded import CodingAgreement
from newsreader.exercises import EXERCISES
from newsreader.exercises.framing import people_label_uses, primary_frame_unlike
from newsreader.exercises.meet import (post_words_start, pooled_quoted_share_by_month, quoted_share_by_month,
                                       words_in_quotations)
from newsreader.exercises.speaks import fewest_official_rows
from newsreader.keys import assess
from newsreader.tables import load_table

IDS = list(EXERCISES)
CODING = {i for i in IDS if isinstance(EXERCISES[i].kind, CodingAgreement)}  # coding exercises report agreement


def passed(exercise_id):
    return f"◆ {exercise_id}: coded" if exercise_id in CODING else f"✓ {exercise_id}: correct"


@pytest.mark.parametrize("exercise_id", IDS)
def test_answer_key_passes(exercise_id, capsys):
    check(exercise_id, EXERCISES[exercise_id].key())
    out = capsys.readouterr().out
    assert out.startswith(passed(exercise_id))
    if exercise_id in CODING:
        assert "Every decision agrees with the book's." in out


@pytest.mark.parametrize("exercise_id", IDS)
def test_placeholder_is_not_attempted(exercise_id, capsys):
    check(exercise_id, ...)
    assert capsys.readouterr().out.startswith(f"○ {exercise_id}: not attempted")


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_exercise_declares_a_plausible_mistake(exercise_id):
    assert EXERCISES[exercise_id].mistakes, "declare at least one plausible wrong answer"


MISTAKES = [(i, n, m) for i in IDS for n, m in enumerate(EXERCISES[i].mistakes)]


@pytest.mark.parametrize("exercise_id, number, mistake", MISTAKES, ids=[f"{i}-mistake{n}" for i, n, _ in MISTAKES])
def test_plausible_mistake_fails_with_its_feedback(exercise_id, number, mistake, capsys):
    check(exercise_id, mistake.answer())
    out = capsys.readouterr().out
    assert out.startswith((f"✗ {exercise_id}: not yet", f"◆ {exercise_id}: coded"))
    assert mistake.feedback in out


def roundings_of_mistakes():
    """Every declared mistake of a number, rounded to the stated precision and each finer one at which it differs from
    the key (and stays more than zero): (exercise id, number of the mistake, the rounded value)."""
    cases = []
    for exercise_id in IDS:
        kind = EXERCISES[exercise_id].kind
        if not isinstance(kind, Number):
            continue
        key = float(EXERCISES[exercise_id].key())
        for number, mistake in enumerate(EXERCISES[exercise_id].mistakes):
            value = float(mistake.answer())
            for decimals in range(kind.decimals, MAX_DECIMALS + 1):
                rounded = round(value, decimals)
                if rounded and not set(roundings(rounded, kind.decimals)) & set(roundings(key, kind.decimals)):
                    cases.append((exercise_id, number, int(rounded) if decimals == 0 else rounded))
    return cases


@pytest.mark.parametrize("exercise_id, number, answer", roundings_of_mistakes())
def test_a_declared_mistake_is_recognised_at_the_stated_precision_or_finer(exercise_id, number, answer, keys):
    result, message = assess(exercise_id, answer, keys)
    assert (result, message) == ("not yet", EXERCISES[exercise_id].mistakes[number].feedback)


class Opaque:
    """An answer of a type no exercise expects."""


@pytest.mark.parametrize("exercise_id", IDS)
def test_wrong_type_gets_a_message(exercise_id, capsys):
    check(exercise_id, Opaque())
    out = capsys.readouterr().out
    assert out.startswith(f"✗ {exercise_id}: not yet — expected ")


@pytest.mark.parametrize("exercise_id", IDS)
def test_hint_is_printed(exercise_id, capsys):
    hint(exercise_id)
    assert capsys.readouterr().out.startswith(f"Hint for {exercise_id}: ")


# --- Every message says the next step and never holds the answer -------------------------------------------------

NEXT_STEP = re.compile(  # an instruction: a verb in the imperative, after a sentence break or a colon
    r"(^|[.;:—(]\s+|\n\s*)(give|use|check|replace|write|run|remove|put|select|pick|count|compute|divide|multiply|"
    r"subtract|read|look|leave|keep|fill|follow|start|take|make|copy|code|split|filter|compare|find|add|lower-case|"
    r"resolve|include|go|try|recount|set|print|restore|fill|list|join)\b", re.IGNORECASE)


def wrong_answers(exercise_id):
    """The answers of a novice who is not there yet: each declared mistake, a wrong type, the placeholder, an empty
    answer, and a near miss of the key's own kind."""
    exercise = EXERCISES[exercise_id]
    key = exercise.key()
    answers = [mistake.answer() for mistake in exercise.mistakes] + [Opaque(), "text", [], {}, ...]
    if isinstance(exercise.kind, Number):
        answers += [float(key) + 10 ** -exercise.kind.decimals * 3, round(float(key), 0) + 7]
    elif isinstance(exercise.kind, NumberMap):
        answers.append({k: v + 1 for k, v in key.items()})
    elif isinstance(key, list):
        answers += [key[:-1], [*key, "something else"]]
    return answers


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_message_says_the_next_step_and_never_holds_the_answer(exercise_id, keys):
    exercise = EXERCISES[exercise_id]
    forms = [] if exercise_id in CODING else printed_forms(exercise.key(), exercise.kind)
    for answer in wrong_answers(exercise_id):
        result, message = assess(exercise_id, answer, keys)
        assert result != "correct", answer
        if result == "coded":
            continue  # an agreement report, which shows the book's codes once every unit is coded: by design
        assert NEXT_STEP.search(message), (answer, message)
        given = repr(answer) if not isinstance(answer, Opaque) else ""
        leaked = [form for form in forms if form.casefold() in message.casefold() and form.casefold() not in given.casefold()]
        assert not leaked, (answer, message)


# --- A novice's slips, each made from the key: each gets the next step, and a count is never given away ------------

def period_of(days):
    return (pd.Timestamp(min(days)), pd.Timestamp(max(days))), True


SLIPS = [  # (exercise, the slip as a novice makes it, from the key; what the message must say, or "correct")
    ("basics-1", lambda key: ["word"] * key, "count its items with len(...)"),
    ("basics-2", lambda key: ["paragraph"] * key, "count its items with len(...)"),
    ("basics-3", lambda key: {k: ["sentence"] * v for k, v in key.items()}, "count its items with len(...)"),
    ("numbers-1", lambda key: pd.Series([key], index=[1]), "correct"),
    ("numbers-2", lambda key: float(round(key)), "round only at the end, with the exact factors and constants the chapter gives"),
    ("numbers-2", lambda key: key / 1.609344 * 1.61, "Multiply by KM_PER_MILE, the exact factor"),  # a false pass once
    ("numbers-3", lambda key: (6e6 - key / 2, 6e6 + key / 2), "the answer is one number; select the one"),
    ("numbers-5", lambda key: pd.Series(range(2, 2 + len(key)), index=key), "the names are its index: take list(series.index)"),
    ("speaks-3", lambda key: pd.Series([0.6] * len(key), index=key), "the names are its index"),
    ("speaks-3", lambda key: key[0], "correct"),
    ("speaks-3", lambda key: fewest_official_rows(), "then keep the smallest share"),  # the fewest official rows (here the highest shares)
    ("framing-3", lambda key: pd.Series([4], index=[key]), "the name is in its index: take .index[0]"),
    ("story-2", lambda key: 0.15, "not a share or a mean"),
    ("numbers-8", lambda key: 1 / key, "Divide the other way round"),  # the ratio upside down
    ("framing-1", lambda key: key / 1000, "Multiply by 1,000"),
    ("framing-6", lambda key: 1 - key, "the passes differ"),
    ("meet-4", lambda key: {k: 100 * v for k, v in key.items()}, "not as a percentage: divide by 100"),
    ("meet-4", lambda key: {pd.Timestamp(f"{k}-01"): v for k, v in key.items()}, "correct"),
    ("meet-4", lambda key: {pd.Period(k, freq="M").strftime("%B"): v for k, v in key.items()}, "correct"),
    ("speaks-4", lambda key: {k: 100 * v for k, v in key.items()}, "not as a percentage: divide by 100"),
    ("speaks-1", lambda key: [f"{k}s" for k in key], "not written as the data write it"),
    ("framing-5", lambda key: [k.replace(".", "") for k in key], "not written as the data write it"),
    ("framing-5", lambda key: key[0], "the question asks the same of every article"),  # 001's one omission
    ("story-1", lambda key: [k.title() for k in key], "correct"),
    ("meet-1", lambda key: {key}, "correct"),
    ("meet-2", lambda key: -1, "-1 is what `str.find` returns when it does not find the text"),
    ("meet-2", lambda key: key - 1, "the position that `str.find` returns for the line's first words"),  # not "one early", which gives it away
    ("meet-2", lambda key: post_words_start(), "in the middle of the text"),  # find("We have offered"): 003's sentence quoting the post
    ("timeline-2", period_of, "list every day in it, e.g. with pd.date_range(start, end)"),
    ("timeline-3", lambda key: pd.Index([key, "a", "b", "c"]), "check it (> or >=, == or !="),
    ("timeline-5", lambda key: key[:40] + "...", "pandas cut it short to display it"),
    ("speaks-2", lambda key: {}, "case, spelling and spaces count in a condition"),
    ("story-1", lambda key: [], "case, spelling and spaces count in a condition"),
    ("speaks-5", lambda key: ["agreed", "to", "the"], "correct"),  # what the chapter's compare_words shows inserted
    ("speaks-5", lambda key: ["agreed", "to"], "although 002's has it elsewhere"),  # the set difference, or a word left out
    ("speaks-5", lambda key: " ".join(key), "give each word as an item of its own (e.g. text.split())"),  # one string
    ("speaks-5", lambda key: [" ".join(key)], "give each word as an item of its own"),  # the words joined into one item of a list
    ("speaks-5", lambda key: ["wrong words here"], "give each word as an item of its own"),  # whatever its words
    ("framing-1", lambda key: people_label_uses(), "the number of labels; the question asks for a rate"),  # the count, not divided
    ("framing-6", lambda key: load_table("frames").eval("frame == frame_pass2").mean(), "Compare `frame_pass1` with `frame_pass2`"),
    ("story-2", lambda key: 0, "An answer of 0 says that the proposals found every hand-coded source"),  # the 0 of a filter that kept no row
    ("story-2", lambda key: 1, "the precision side"),  # the one proposal that overlaps no hand-coded row
    ("timeline-2", lambda key: [min(key), max(key)], "every day in it, not only its first and last"),
    ("meet-5", lambda key: key[:1], "the list is not complete"),
    ("framing-4", lambda key: primary_frame_unlike(column="frame_pass2"), "Use the `frame` column"),
    ("story-2", lambda key: (pd.DataFrame(index=range(key)), pd.DataFrame(index=range(3))), "count its rows with len(...)"),
    ("story-2", lambda key: pd.DataFrame({"span": ["x"] * key}), "count its rows with len(...)"),
    ("timeline-5", lambda key: key.split(), '" ".join(...)'),
    ("numbers-7", lambda key: pd.Series([15.0, 2.0], index=["population", "x"]) / pd.Series([40.0, 3.0], index=["capacity", "y"]),
     "two one-row Series with different labels give nan"),
    ("basics-4", lambda key: ", ".join(key), "make every item of the list one of them"),
    ("story-1", lambda key: [f"{k}.txt" for k in key], "make every item of the list one of them"),
    ("numbers-coding", lambda key: key.assign(low=["6 million"] * len(key)), "Write a number in digits"),
    ("framing-6", lambda key: round(key * len(load_table("frames"))), "a count of sentences; the question asks for a share"),
    ("numbers-3", lambda key: key / 1e6, "in millions of dollars"),
    ("basics-1", lambda key: 12, "the headline of 003"),  # a student who counted 003's headline, 12 words
    # lookups: a value the chapter shows above the exercise, read off as the answer
    ("numbers-4", lambda key: "003_76a03f6ec5875e14", "is not one of the options"),  # the article, read off `shared`
    ("numbers-6", lambda key: ["000_089c4aec78f3c403", "001_2bc434667cf9574c"], "make every item of the list one of them"),
    ("story-1", lambda key: ["01_courier"], "should not be in the list"),  # the one article head(10) showed
    ("story-1", lambda key: ["01_courier", "02_harbour", "04_ledger"], "asks for those that have none"),
    # a share of the wrong measure: the wrong column is named before the rounding, at any rounding
    ("meet-4", lambda key: {k: round(v, 1) for k, v in quoted_share_by_month(measure=words_in_quotations).items()}, "mean number of quoted words"),
    ("meet-4", lambda key: quoted_share_by_month(measure=words_in_quotations), "mean number of quoted words"),
    ("meet-4", lambda key: pooled_quoted_share_by_month(), "the mean of the articles' own shares"),  # the pooled share, equal to the key at 2 decimals
]


@pytest.mark.parametrize("exercise_id, slip, said", SLIPS, ids=[f"{i}-{n}" for n, (i, _, _) in enumerate(SLIPS)])
def test_a_novices_slip_gets_the_next_step_and_never_a_count(exercise_id, slip, said, keys):
    key = EXERCISES[exercise_id].key()
    result, message = assess(exercise_id, slip(key), keys)
    if said == "correct":
        assert result == "correct", message
        return
    assert result == "not yet" and said in message, message
    kind = EXERCISES[exercise_id].kind
    whole = getattr(getattr(kind, "number", kind), "whole", False)  # a count, which a message must never give
    counts = (list(key.values()) if isinstance(key, dict) else [key]) if whole else []
    assert not [n for n in counts if float(n).is_integer() and re.search(rf"(?<![\w.]){int(n)}(?![\w]|\.\d)", message)]


def test_the_advice_to_split_a_phrase_does_not_depend_on_whether_its_words_are_right(keys):
    """A phrase given as one item is told to split it whatever its words are: advice given only when the words were
    the key's told the student they were right. The message is the same, but for the phrase itself."""
    key = EXERCISES["speaks-5"].key()
    right, wrong = " ".join(key), " ".join(f"wrong{n}" for n in range(len(key)))
    messages = [assess("speaks-5", [phrase], keys)[1].replace(phrase, "PHRASE") for phrase in (right, wrong)]
    assert messages[0] == messages[1] and "give each word as an item of its own" in messages[0]


def test_each_framing_5_message_says_what_its_answer_is():
    """A wrong-answer message names the topics it responds to truly (never "no other article covers either" of a topic
    another article covers), checked against the coverage matrix for every article."""
    covered = load_table("topics").pivot(index="topic", columns="article_id", values="covered") == "yes"
    newsmax = next(article for article in covered.columns if article.startswith("001"))
    claims = {
        "only one article covers": lambda topic: covered.loc[topic].sum() == 1,
        "001 omits and all the others cover": lambda topic: not covered.loc[topic, newsmax]
        and covered.loc[topic].drop(newsmax).all(),
    }
    for mistake in EXERCISES["framing-5"].mistakes:
        claim = next(test for phrase, test in claims.items() if phrase in mistake.feedback)
        assert mistake.answer() and all(claim(topic) for topic in mistake.answer()), mistake.feedback
