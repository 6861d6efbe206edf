"""Small pure functions the proposer needs beyond ``newsreader.methods``: read the hedge before a number, the unit
after it, its value; find where sentences and quotations stand; guess a speaker. Each one is a proposal for a
student to check, never a coding decision, and each is a candidate to move into ``newsreader.methods``.
"""
import re

import pandas as pd

from ..methods import dates
from ..methods.dates import resolve_date
from ..methods.numbers import NUMBER_WORDS, VAGUE_RANGES
from ..methods.sources import QUOTED, normalise_quotes
from ..text import ABBREVIATIONS, paragraphs, sentences

# Hedge words as written, and the codebook's hedge each stands for (data/codebooks/claims.md).
HEDGE_BEFORE = {"about": "about", "around": "about", "nearly": "about", "almost": "about", "roughly": "roughly",
                "approximately": "approximately", "some": "some", "up to": "up to", "more than": "more than",
                "over": "more than", "at least": "more than", "passed": "more than", "tens of": "tens of thousands"}
HEDGE_PATTERN = re.compile(r"(?i)\b(" + "|".join(sorted(HEDGE_BEFORE, key=len, reverse=True)) + r")\s+$")

WORD_VALUES = {**NUMBER_WORDS, "double": 2, "twice": 2, "half": 0.5, "dozen": 12, "dozens": 24, "hundreds": 200,
               "thousands": 2000, "millions": 2_000_000}
SCALES = {"million": 1e6, "billion": 1e9}
VAGUE_WORDS = ("dozens", "hundreds", "thousands", "millions")  # "at least two of", so coded "more than"

MONTHS = tuple(month.capitalize() for month in dates.MONTHS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE_WORDS = re.compile(r"\b(?:(?:late|early|mid-?)\s?)?(?:" + "|".join(WEEKDAYS) + r")\b"
                        r"|\b(?:last|next|this) (?:week|weekend|month|year)\b|\bearlier this (?:week|month|year)\b"
                        r"|\bin recent weeks\b|\bin (?:" + "|".join(MONTHS) + r")\b(?! \d)")
SUPERLATIVE = re.compile(r"(?i)\b(?:one of the|the|its|world[’']s) (?:largest|biggest|worst|best|highest|lowest|longest|"
                         r"tallest|most \w+)\b")

UNIT_STOPWORDS = {"of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "from", "with", "than",
                  "each", "per", "is", "was", "were", "are", "had", "has", "it", "that", "this", "before", "after",
                  "more", "less", "a.m", "p.m", "as", "but"}
LENGTH_UNITS = {"metres", "meters", "metre", "meter", "kilometres", "kilometers", "km", "miles", "mile", "feet",
                "foot", "centimetres", "centimeters", "inches", "acres", "hectares"}
TIME_UNITS = {"years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes",
              "minute", "seconds"}


# Numbers ----------------------------------------------------------------------------------------------------------

def number_value(written: str) -> float:
    """The value of a number as NUMBER matches it: "$310 million" is 310,000,000, "3,000" 3000, "ten" 10."""
    lowered = written.lower().lstrip("$")
    if lowered in WORD_VALUES:
        return float(WORD_VALUES[lowered])
    digits, _, scale = lowered.partition(" ")
    return float(digits.replace(",", "")) * SCALES.get(scale, 1)


def hedge_before(text: str, start: int) -> tuple[str, int]:
    """(codebook hedge, where the hedge word starts) for the words just before ``start``; ("none", start) if none."""
    window_start = max(0, start - 20)
    match = HEDGE_PATTERN.search(text[window_start:start])
    if not match:
        return "none", start
    return HEDGE_BEFORE[match.group(1).lower()], window_start + match.start()


def word_after(text: str, end: int) -> tuple[str, int]:
    """(the word right after ``end``, where it ends); ("", end) when a stopword, a punctuation mark or nothing follows."""
    match = re.match(r"[ -]([A-Za-z][a-z]*(?:-[a-z]+)?)\b", text[end:end + 40])
    if not match or match.group(1).lower() in UNIT_STOPWORDS:
        return "", end
    return match.group(1), end + match.end()


def part_of_a_name(text: str, start: int, end: int) -> bool:
    """A number glued to letters by a hyphen ("MS-13", "COVID-19") is part of a name, not a quantity."""
    return bool(re.search(r"[A-Za-z]-$", text[max(0, start - 2):start]))


def an_age(text: str, start: int, end: int) -> bool:
    """A whole number up to 120 right after a capitalised word that is not a month, and set off by a comma before
    and a comma, period or semicolon after, is a person's age ("Ari Volk, 54,"), not a quantity of the story."""
    before = re.search(r"\b([A-Z][\w'’-]*), $", text[max(0, start - 40):start])
    return (bool(re.fullmatch(r"\d{1,3}", text[start:end])) and int(text[start:end]) <= 120
            and text[end:end + 1] in (",", ".", ";") and before is not None and before[1] not in MONTHS)


def number_kind(written: str, text: str, start: int, end: int) -> tuple[str, str, int]:
    """(unit, quantity, where the span ends) proposed for the number ``text[start:end]``.

    Money is "US dollars", a four-digit number from 1800 to 2099 a "year", a number after a month a "date";
    otherwise the next word is the unit (when it is not a stopword), and the quantity is a kind guessed from it.
    """
    if written.startswith("$"):
        return "US dollars", "money", end
    if re.fullmatch(r"(?:18|19|20)\d\d", written):
        return "year", "year", end
    if month_before(text, start):
        return "date", "date", end
    time_of_day = re.match(r"\s?[ap]\.m\.", text[end:end + 6])
    if time_of_day:
        return "time of day", "time", end + time_of_day.end()
    if text[end:end + 1] == "%" or text[end:end + 8] == " percent":
        return "percent", "share", end + (1 if text[end:end + 1] == "%" else 8)
    unit, unit_end = word_after(text, end)
    lowered = unit.lower()
    if lowered in LENGTH_UNITS:
        return lowered, "length", unit_end
    if lowered in TIME_UNITS:
        return lowered, "duration", unit_end
    return lowered, "count", unit_end


def month_before(text: str, start: int) -> str:
    """The month name written just before ``start`` ("March" in "March 3"), or ""."""
    match = re.search(r"\b(" + "|".join(MONTHS) + r")\s$", text[max(0, start - 12):start])
    return match.group(1) if match else ""


def number_date(span: str, quantity: str, published: str) -> str:
    """The date a number names: a year is itself; "March 3" is resolved on the publication day; else ""."""
    if quantity == "year":
        return span
    if quantity == "date":
        return iso(resolve_date(span, published))
    return ""


def vague_number(written: str, hedge: str) -> tuple[float, str]:
    """(value, hedge) of a vague number word: "tens of thousands" and "hundreds" as the codebook codes them (the
    low end of their range), "dozens", "thousands", "millions" as at least two of them ("more than" 24, 2000, ...)."""
    lowered = written.lower()
    if hedge == "tens of thousands" and lowered == "thousands":
        return float(VAGUE_RANGES[hedge][0]), hedge
    if lowered == "hundreds":
        return float(VAGUE_RANGES["hundreds of"][0]), "hundreds of"
    return number_value(lowered), "more than"


# Dates written in words -------------------------------------------------------------------------------------------

def iso(resolved) -> str:
    """A date or period as the tables write it: "2030-03-11", "2030-03", "2030", or "start/end"; "" if unresolved."""
    if resolved is None:
        return ""
    if not isinstance(resolved, tuple):
        return resolved.strftime("%Y-%m-%d")
    start, end = resolved
    if start.day == 1 and end == start + pd.offsets.MonthEnd(0):
        return start.strftime("%Y-%m")
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{start:%Y-%m-%d}/{end:%Y-%m-%d}"


def date_expressions(text: str, published: str) -> list[tuple[int, int, str]]:
    """(start, end, date it refers to) for every date written in words ("on Monday", "last month")."""
    return [(match.start(), match.end(), iso(resolve_date(match.group(), published)))
            for match in DATE_WORDS.finditer(text)]


def superlatives(text: str) -> list[tuple[int, int]]:
    """(start, end) of every superlative ("the largest", "one of the most secure"): a rank, when it ranks the subject."""
    return [match.span() for match in SUPERLATIVE.finditer(text)]


# Where sentences and quotations stand -----------------------------------------------------------------------------

def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text`` (``newsreader.text.sentences``), in reading order."""
    return spans_of(sentences(text), text)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph of ``text`` (``newsreader.text.paragraphs``), in reading order."""
    return spans_of(paragraphs(text), text)


def spans_of(pieces: list[str], text: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of ``text``, the pieces taken in reading order."""
    spans, cursor = [], 0
    for piece in pieces:
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        spans.append((start, cursor))
    return spans


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quotation with its marks (``QUOTED``, curly or straight), within one paragraph.

    ``normalise_quotes`` replaces one character by one, so positions in the normalised text are positions in ``text``.
    """
    return [match.span() for match in re.finditer(QUOTED, normalise_quotes(text))]


def inside(start: int, end: int, spans) -> tuple[int, int] | None:
    """The span among ``spans`` that contains ``start:end``, or None."""
    return next(((s, e) for s, e in spans if s <= start and end <= e), None)


def voice_of(sentence: str) -> str:
    """"quotation" if more than half of the sentence's letters stand inside quotation marks (a mark left open runs
    to the end of the sentence), else "reporter" (the rule of data/codebooks/frames.md)."""
    flat = normalise_quotes(sentence)
    quoted_letters, inside_quote = 0, False
    for character in flat:
        if character == '"':
            inside_quote = not inside_quote
        elif character.isalpha() and inside_quote:
            quoted_letters += 1
    letters = sum(character.isalpha() for character in flat)
    return "quotation" if letters and quoted_letters > letters / 2 else "reporter"


# Speakers ---------------------------------------------------------------------------------------------------------

VERBS = r"said|says|say|told|added|explained|warned|argued|insisted|confirmed|denied|stated|announced|wrote|called|asked"
NAME = r"(?:[A-Z][\w'’.-]*\s)*[A-Z][\w'’-]+"
RELATIVE = r"(?:who|which)\b"  # opens a relative clause, which is not part of the speaker
GROUP = (rf"(?:[Aa]n?|[Tt]he|[Oo]ne|[Ss]omeone|[Ii]ts|[Tt]heir)\s(?:(?!{RELATIVE})[a-z][\w'’-]*\s){{0,3}}"
         rf"(?!{RELATIVE})[a-z][\w'’-]*")  # "the harbour authority"
ABBREVIATED = "|".join(re.escape(abbreviation) for abbreviation in ABBREVIATIONS)  # a period in "U.S." ends no speaker
NOT_AFTER_AUXILIARY = "".join(rf"(?<!\b{word}\s)" for word in ("is", "was", "were", "been", "being", "has", "had"))
SPEAKER_PATTERNS = (  # each speaker starts and ends at a word's edge: never a piece of a word
    re.compile(rf"\b(?P<speaker>{NAME}|{GROUP}|[Hh]e|[Ss]he|[Tt]hey),?(?:\s{RELATIVE}[^,\"]+?,?)?"
               rf"\s{NOT_AFTER_AUXILIARY}(?P<verb>{VERBS})\b"),  # "who was asked ... said": said
    re.compile(rf"\b(?P<verb>said|says|added|asked|wrote)\s(?P<speaker>(?:{NAME}|{GROUP})(?=[,.]|\s{RELATIVE}))"),
    re.compile(rf"\b(?P<verb>according to)\s(?P<speaker>(?:{ABBREVIATED}|[^,.;\"“”])+)"),
)
ANONYMOUS = re.compile(r"asked not to be named|(?:did not|didn't) want (?:his|her|their) name|condition of anonymity|"
                       r"people familiar with|\bsources (?:said|say|told|close)|declined to be named|not authori[sz]ed to", re.IGNORECASE)
UNATTRIBUTED = re.compile(r"\b(?:is|are|was|were) (?:believed|considered|thought|said)\b|\breportedly\b|"
                          r"\bit (?:was|is) reported\b", re.IGNORECASE)
CHANNELS = {"press conference": "press remarks", "told reporters": "press remarks", "interview": "interview",
            "posted": "X post", "on X": "X post", "statement": "document", "reportedly": "another outlet's report",
            "reported by": "another outlet's report"}
ATTRIBUTION_CUE = re.compile(rf"\b(?:{VERBS}|according to|say)\b|{ANONYMOUS.pattern}|{UNATTRIBUTED.pattern}", re.IGNORECASE)
PRONOUNS = ("he", "she", "they")


def find_speaker(span: str) -> tuple[str, str]:
    """(speaker as written, verb) of the first attribution found in ``span``; ("", "") if none is found.

    Words inside quotation marks are not searched, so "I have ... slept through," resident Maria Lind said finds
    "resident Maria Lind", not a name inside the quotation.
    """
    outside = re.sub(QUOTED, lambda m: '"' + " " * (len(m.group()) - 2) + '"', normalise_quotes(span))
    for pattern in SPEAKER_PATTERNS:
        match = pattern.search(outside)
        if match:
            return match.group("speaker").strip(), match.group("verb")
    unattributed = UNATTRIBUTED.search(outside)
    if unattributed:
        return f"({unattributed.group().lower()})", unattributed.group().split()[-1].lower()
    return "", ""


GROUP_NOUNS = {"critics", "officials", "experts", "residents", "engineers", "scientists", "analysts", "authorities",
               "sources", "police", "people", "witnesses", "opponents", "supporters", "campaigners", "locals"}


def speaker_id(speaker: str) -> str:
    """A short id for a speaker: a person's last name ("Mayor Ana Ruiz" -> "ruiz"), a group's words without its
    article ("the harbour authority" -> "harbour-authority"); "" for a pronoun, a passive phrase or nothing."""
    words = speaker_words(speaker)
    if not words or speaker.startswith("(") or speaker.lower() in PRONOUNS:
        return ""
    names = [word for word in words[1:] if word[0].isupper()]
    if names:
        return names[-1].lower()
    if len(words) == 1 and words[0].lower() not in GROUP_NOUNS:
        return words[0].lower()
    return "-".join(word.lower() for word in words if word.lower() not in ARTICLES)


def is_named(speaker: str) -> bool:
    """A speaker identified by a name (a capitalised word that is not a group noun, an article or a pronoun)."""
    words = speaker_words(speaker)
    return bool(words) and not speaker.startswith("(") and any(
        word[0].isupper() and word.lower() not in GROUP_NOUNS | ARTICLES | set(PRONOUNS) for word in words)


ARTICLES = {"a", "an", "the", "one", "someone", "its", "their"}  # the words that open a group (GROUP): never a name


def speaker_words(speaker: str) -> list[str]:
    """The words of a speaker, without the brackets around the name a pronoun was resolved to ("she [Ana Rask]")."""
    return re.sub(r"[\[\]]", " ", speaker.replace("’", "'")).split()


def channel_of(span: str) -> str:
    """Where the words were said, when the span says it ("at a press conference"); "unknown" otherwise."""
    return next((channel for cue, channel in CHANNELS.items() if cue in span), "unknown")
