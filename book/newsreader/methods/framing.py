"""Framing: a keyword dictionary that codes a sentence's frame, labels found as whole words, leading frames, and the
codebook's rules for a label's voice, an article's primary frame and its problem definition."""
import bisect
import re

import pandas as pd

from .numbers import inside
from .sources import quotation_spans
from .sweep import (articles_own, holds_the_reporters_adjective, in_a_relative_clause, overlaps_any, span_positions,
                    speaker_of, speakers_by_span, unspoken_quotations)
from .ties import at_top

# The keyword dictionary of the frames codebook (data/codebooks/frames.md), in its order: the first frame with a
# keyword inside the sentence wins. Keywords match case-insensitively anywhere, even inside a longer word
# ("eat" in "create", "lights" in "flights"): that is the dictionary's documented weakness.
KEYWORDS = {
    "legality": ("unconstitutional", "judge", "legal challenge", "asylum", "violation", "safe third country"),
    "economic": ("$", "fee", "pay", "cost", "money", "sustainable"),
    "health and safety": ("heat", "temperature", "ventilation"),
    "quality of life": ("mattress", "eat", "shower", "sleep", "bunks", "lights", "conditions", "cells"),
    "security and defense": ("security", "guard", "watchtower", "weapon", "fence", "cctv", "secure"),
    "capacity and resources": ("capacity", "double", "doubling", "space", "acres", "expan", "build", "hold",
                               "big enough"),
    "crime and punishment": ("criminal", "gang", "convicted", "sentence", "murderer", "terrorist", "psychopath",
                             "crackdown"),
    "external regulation and reputation": ("united nations", "torture", "nuclear", "washington", "bilateral"),
    "policy prescription and evaluation": ("plan", "solution", "deport", "send", "outsource", "offer"),
    "political": ("president", "secretary", "administration", "visit", "leader"),
}
NO_KEYWORD = "other"

# The labels the frames codebook counts, for the people held and for the prison ("CECOT" is a name, not a label);
# a term an article also uses in its other number is listed in both ("migrants", "migrant"). "…" in a term stands
# for the words, up to five, that name what the people belong to ("members of the Venezuelan gang").
LABEL_TERMS = {
    "people": ("illegal migrant criminals", "convicted criminals", "dangerous criminals", "dangerous criminal",
               "alleged criminals", "criminals", "alleged gang members", "suspected gang members", "gang members",
               "alleged MS-13 member", "members of … gang", "deportees", "migrants", "migrant", "unlawful immigrant", "illegal immigrant",
               "inmates", "prisoners", "psychopaths", "terrorists", "murderers",
               "individuals deported", "those deported", "violent U.S. offenders", "bad ones"),
    "prison": ("mega-prison", "megaprison", "infamous", "maximum-security prison", "world's worst prison",
               "largest prison", "concrete and steel pit", "jails", "facility", "Terrorism Confinement Center",
               "Center for Confinement for Terrorism", "Centro de Confinamiento del Terrorismo"),
}


# A label counts in both numbers and both spellings: a singular the list holds beside its plural is recorded as the
# plural, and "megaprison" (001) as "mega-prison".
SAME_TERM = {term: f"{term}s" for terms in LABEL_TERMS.values() for term in terms if f"{term}s" in terms} | {
    "megaprison": "mega-prison"}


def canonical_term(term: str) -> str:
    """The term as ``labels.csv`` records it: a singular under its plural ("dangerous criminal", "dangerous criminals"),
    a spelling under the list's first ("megaprison", "mega-prison")."""
    return SAME_TERM.get(term, term)


# The topics whose evidence is a word in the text: the codebook's cue words, as patterns (frames.md, topics), those
# that say it in so many words first, then those that show it by a reading. Third-country nationals are shown in so
# many words, or by a gang the article calls Venezuelan among those sent; the facility's security by what the article
# tells of it, or by the kind of prison it names ("maximum-security").
THIRD_COUNTRY_WORDS = r"third country|other countries|nationality"
SECURITY_WORDS = r"\bsecure\b|\bguard|watchtower"
TOPIC_CUES = {"third-country nationals": (THIRD_COUNTRY_WORDS, r"Venezuelan"),
              "Tren de Aragua": (r"Tren de Aragua",),
              "security of the facility": (SECURITY_WORDS, r"maximum-security")}


STEMS = ("expan",)  # keywords that stand for the start of words ("expand", "expansion")
ANY_ENDING = r"\w*"


def keyword_frame(sentence: str, whole_words: bool = False) -> str:
    """The frame the keyword dictionary gives ``sentence``: the first frame one of whose keywords it contains.

    By default a keyword matches anywhere, even inside a longer word, as the book's pass 2 is coded
    (data/codebooks/frames.md); with ``whole_words`` it matches only a whole word or the word with an ending
    (``inflected``), never "plan" in "plane" or "eat" in "weather" (the toolkit's proposals).
    """
    lowered = sentence.lower()
    if whole_words:  # one pass finds every keyword; the frame that comes first in the dictionary wins
        found = {match.lastgroup.removesuffix("_sign") for match in WHOLE_WORDS.finditer(lowered)}
        return next((frame for frame, group in FRAME_GROUPS.items() if group in found), NO_KEYWORD)
    return next((frame for frame, keywords in KEYWORDS.items() if any(word in lowered for word in keywords)),
                NO_KEYWORD)


def whole_word(word: str) -> str:
    """A keyword as a whole word after a word boundary, in its ``inflected`` forms or, for a stem ("expan"), with any
    ending (the boundary before it is the pattern's, checked once for every keyword)."""
    return rf"{re.escape(word)}{ANY_ENDING if word in STEMS else inflected(word)}\b"


def inflected(word: str) -> str:
    """The endings a keyword may take and stay the same word: a plural or third person ("plans", "mattresses"), a
    past ("offered", "deported"), a noun of the act ("deportation"). An ending that changes the word's spelling
    ("planned", "planes") or makes a participle ("holding") is another word, and does not match."""
    plural = "es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s"
    past = "d" if word.endswith("e") else "ed"
    return rf"(?:{plural}|{past}|ations?)?"


def frames_pattern() -> re.Pattern:
    """One pattern for the whole dictionary, a named group per frame: the word keywords behind one word boundary
    (three times faster than a boundary per keyword), and a keyword that is not a word ("$") anywhere."""
    words = {frame: [word for word in keywords if word[0].isalnum()] for frame, keywords in KEYWORDS.items()}
    signs = {frame: [word for word in keywords if not word[0].isalnum()] for frame, keywords in KEYWORDS.items()}
    return re.compile(r"\b(?:" + "|".join(f"(?P<{FRAME_GROUPS[frame]}>{'|'.join(map(whole_word, found))})"
                                          for frame, found in words.items() if found) + ")|"
                      + "|".join(f"(?P<{FRAME_GROUPS[frame]}_sign>{'|'.join(map(re.escape, found))})"
                                 for frame, found in signs.items() if found))


FRAME_GROUPS = {frame: f"frame{i}" for i, frame in enumerate(KEYWORDS)}  # a named group per frame
WHOLE_WORDS = frames_pattern()


def label_uses(text: str, terms) -> list[tuple[int, int, str]]:
    """(start, end, term) for every case-insensitive, whole-word use of a term, longest term first.

    A longer term claims its words, so "convicted criminals" is not also counted as "criminals". Curly and
    straight apostrophes are the same; "…" in a term matches up to five words. Each use is checked against the uses
    already taken by bisection, so a long text stays fast.
    """
    flat = text.replace("’", "'")
    present = set(re.findall(r"[\w'-]+", flat.lower()))
    taken = []  # (start, end, term), sorted by start; they never overlap
    for term in sorted(terms, key=len, reverse=True):
        if not set(re.findall(r"[\w'-]+", term.lower())) <= present:
            continue  # a word of the term is not in the text: the term cannot be
        pattern = r"(?: [\w'-]+){0,5}? ".join(map(re.escape, term.split(" … ")))
        for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", flat, re.IGNORECASE):
            index = bisect.bisect_left(taken, (match.start(),))
            neighbours = taken[max(0, index - 1):index + 1]
            if not any(start < match.end() and match.start() < end for start, end, _ in neighbours):
                taken.insert(index, (match.start(), match.end(), term))
    return taken


def leading_frames(shares: pd.DataFrame) -> pd.Series:
    """For each row (an article) of a frame-share table, its leading frame(s): all frames tied at the top."""
    return shares.apply(lambda row: tuple(at_top(row)), axis=1)


def label_voices(text: str, article_id: str, sources: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(term, voice, speaker) of every use of a label term (``canonical_term``) in an article, in reading order, by the
    codebook's rule:
    ``quotation`` inside quotation marks that an attribution (``sources``) gives to a speaker, ``scare quote`` inside
    quotation marks that none does; outside quotation marks, ``paraphrase`` where the words stand in a speaker's
    account by the rule that decides an evaluation's speaker (``speaker_of``: an attribution's span, a by-context
    account), else ``reporter``: words given to no one ("is considered") are the
    article's own (``articles_own``), as an evaluation there is, and so is a label whose evaluative or distancing word
    describes the noun after it (``holds_the_reporters_adjective``), or that stands in a relative clause describing a
    thing the account names (``in_a_relative_clause``), in any account, as ``whose_words`` decides for an evaluation.
    ``speaker``: whom a quotation or a paraphrase gives the label to, "unattributed" for words given to no one, else
    "reporter"."""
    quoted, unspoken = quotation_spans(text), unspoken_quotations(text, article_id, sources)
    spans = speakers_by_span(text, article_id, sources)

    def voice(start: int, end: int) -> tuple[str, str]:
        if inside(start, end, unspoken):
            return "scare quote", "reporter"
        speaker = speaker_of((start, end), spans)
        if inside(start, end, quoted):
            return "quotation", speaker
        if articles_own(speaker):
            return "reporter", speaker
        if holds_the_reporters_adjective(text, start, end) or in_a_relative_clause(text, start):
            return "reporter", "reporter"  # "infamous Terrorism"; "the prison where U.S. deportees are being held"
        return "paraphrase", speaker

    all_terms = [term for terms in LABEL_TERMS.values() for term in terms]
    return [(canonical_term(term), *voice(start, end)) for start, end, term in label_uses(text, all_terms)]


def primary_frames(frames: pd.DataFrame) -> pd.DataFrame:
    """Each article's primary frame by the codebook's rule, the frame of the most sentences (of tied frames, the
    one the article reaches first), the first sentence that has it, its number of sentences and its lead: how many
    more than the next frame has (0 in a tie). ``frames``: the sentences in reading order."""
    rows = {}
    for article_id, article in frames.groupby("article_id", sort=False):
        counts = article["frame"].value_counts()
        first = article[article["frame"].isin(counts.index[counts == counts.max()])].iloc[0]
        rows[article_id] = {"frame": first["frame"], "span": first["span"], "sentences": counts.max(),
                            "lead": counts.max() - (counts.iloc[1] if len(counts) > 1 else 0)}
    return pd.DataFrame.from_dict(rows, orient="index")


def main_clause(lede: str) -> str:
    """The lede up to its first comma or colon (with a closing quotation mark that follows it), or to its end: the
    frames codebook's reading of the lede's main clause, attribution included ("is reportedly", "said ... that")."""
    end = re.search(r"[,:][”\"’']?", lede)
    return lede[:end.end()] if end else lede.rstrip(".")


def problem_definitions(frames: pd.DataFrame, sources: pd.DataFrame, texts) -> pd.DataFrame:
    """Each article's problem definition by the codebook's rule, the main clause of its lede, with whose words it is:
    the speaker of the first attribution (``sources``) that overlaps it, else the reporter. ``texts``: article id ->
    cleaned text (a dict or a Series)."""
    rows = {}
    for lede in frames[frames["position"] == "lede"].itertuples():
        span, text = main_clause(lede.span), texts[lede.article_id]
        where = span_positions(text, span)
        mine = sources[sources["article_id"] == lede.article_id]
        speakers = [row.speaker_id for row in mine.itertuples()
                    if any(overlaps_any(position, where) for position in span_positions(text, row.span))]
        rows[lede.article_id] = {"span": span, "speaker": speakers[0] if speakers else "reporter"}
    return pd.DataFrame.from_dict(rows, orient="index")
