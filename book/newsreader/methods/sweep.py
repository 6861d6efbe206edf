"""One sweep, every outlet: every occurrence, in all the articles, of each construction the book codes.

The book codes some constructions by hand (a distancing verb in sources.csv, a superlative in claims.csv or
entman.csv, ...). A reading can miss one, and an uneven reading misses them in one outlet and not in another. The
sweep finds every occurrence by pattern, in every article alike, so that a test can require each one to be coded in
its table or listed, with a reason, in the waiver table (data/waivers.csv). The word lists are those of the codebook
data/codebooks/constructions.md (a test checks that the two agree).
"""
import re
from dataclasses import dataclass

import pandas as pd

from ..text import sentences
from .numbers import inside
from .sources import quotation_spans

DISTANCING = ("alleged", "alleged by", "allegedly", "apparently", "appeared", "believed", "considered", "it appears",
              "it was reported", "reportedly", "said to be", "so-called", "supposedly", "suspected")
ATTRIBUTION_VERBS = ("according to", "added", "admitted", "announced", "called", "claimed", "clarified", "confirmed",
                     "declared", "denied", "described", "emphasized", "explained", "expressed", "indicated",
                     "informed", "insisted", "noted", "noting", "praised", "promised", "referred", "replied",
                     "reported", "responded", "revealed", "said", "says", "shared", "stated", "told", "warned",
                     "warning", "wrote")
# Attribution verbs that tell the reader how to take the words, and what each suggests.
JUDGING_VERBS = {"admitted": "reluctance", "alleged": "doubt", "claimed": "doubt", "clarified": "a correction",
                 "confirmed": "a fact", "emphasized": "insistence", "explained": "a fact", "indicated": "a hint",
                 "informed": "a fact", "insisted": "insistence", "noted": "a fact", "noting": "a fact",
                 "praised": "approval", "revealed": "a secret", "warning": "alarm", "warned": "alarm"}
# Words after which an evaluative word describes no noun: it is what is said of something ("praised the", "grateful for").
FUNCTION_WORDS = ("a", "an", "and", "as", "by", "for", "in", "of", "or", "than", "that", "the", "to")
# Words ending in -est that are not superlatives.
NOT_SUPERLATIVES = ("arrest", "chest", "forest", "guest", "honest", "interest", "modest", "protest", "request", "rest",
                    "suggest", "test", "west")
EVALUATIVE = ("bad", "brutal", "cruel", "dangerous", "dismantled", "extraordinary", "generous", "grateful", "great",
              "harsh", "harsher", "harshest", "illegal", "infamous", "inhumane", "notorious", "oppressive", "praised",
              "terrible", "unconstitutional", "unlawful", "unprecedented", "violation", "violent", "worst")
# Words that link a reason to what it explains; "so" after "do" or "doing" is the act again, not a link.
CAUSAL_LINKS = ("as a result", "because", "due to", "in exchange for", "in order to", "making", "owing to", "since",
                "so", "thanks to")


def words_pattern(words) -> str:
    """Any of ``words`` (or phrases) as a whole word: not inside a longer word, nor after a hyphen ("so-called")."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return rf"(?<![\w-])(?:{alternatives})(?![\w-])"


@dataclass(frozen=True)
class Construction:
    """A construction the book codes: how to find it, and which rows of which table code it."""

    name: str
    pattern: str | None  # a case-insensitive regular expression; None: the quotations no speaker is given
    coded_in: tuple[tuple[str, str], ...]  # (table, a pandas query that keeps its rows that code it; "": all rows)
    own_words: bool = False  # only the article's own words count: not the words inside a speaker's quotation marks
    # only an attribution whose verb it is codes it: a distancing word inside a speaker's paraphrase is the reporter's
    # (a speaker does not distance from their own words), so the speaker's row does not code it
    verb_of_attribution: bool = False


CONSTRUCTIONS = (
    Construction("distancing word", words_pattern(DISTANCING), (("sources", ""), ("labels", "")),
                 verb_of_attribution=True),
    Construction("attribution verb", words_pattern(ATTRIBUTION_VERBS), (("sources", ""),)),
    Construction("superlative", rf"(?<![\w-])(?:most|least|best|worst|(?!(?:{'|'.join(NOT_SUPERLATIVES)})\b)\w+est)\b",
                 (("claims", "quantity == 'rank'"), ("entman", "function == 'moral evaluation'"))),
    Construction("evaluative word", words_pattern(EVALUATIVE),  # of the people held: a label (frames codebook)
                 (("entman", "function == 'moral evaluation'"), ("labels", "refers_to == 'people'")),
                 own_words=True),
    Construction("causal link", rf"(?<!\bdo )(?<!\bdoing ){words_pattern(CAUSAL_LINKS)}",
                 (("entman", "function == 'causal interpretation'"),)),
    Construction("scare quote", None, (("labels", "voice == 'scare quote'"),)),
)


def span_positions(text: str, span: str) -> list[tuple[int, int]]:
    """(start, end) of every place where ``span`` stands, word for word, in ``text``."""
    return [match.span() for match in re.finditer(re.escape(span), text)] if span else []


def rows_positions(table: pd.DataFrame, article_id: str, text: str) -> list[tuple[int, int]]:
    """Where the spans of the table's rows for one article stand in its text."""
    rows = table[table["article_id"] == article_id]
    return [position for span in rows["span"] for position in span_positions(text, span)]


def unspoken_quotations(text: str, article_id: str, sources: pd.DataFrame) -> list[tuple[int, int]]:
    """The quotations of an article that no attribution gives to a speaker (sources.csv: no row, or an
    ``unattributed`` one, covers them): quotation marks that are the reporter's own."""
    spoken = rows_positions(sources[sources["speaker_type"] != "unattributed"], article_id, text)
    return [(start, end) for start, end in quotation_spans(text) if not inside(start, end, spoken)]


def occurrences(texts: pd.Series, sources: pd.DataFrame) -> pd.DataFrame:
    """Every occurrence of every construction in every article (``texts``: article id -> cleaned text), with the
    sentence it stands in; ``sources`` tells which quotations have a speaker."""
    rows = []
    for article_id, text in texts.items():
        unspoken = unspoken_quotations(text, article_id, sources)
        spoken = [span for span in quotation_spans(text) if span not in unspoken]  # a scare quote is the article's
        for construction in CONSTRUCTIONS:
            if construction.pattern is None:
                found = unspoken
            else:
                found = [match.span() for match in re.finditer(construction.pattern, text, re.IGNORECASE)]
            if construction.own_words:
                found = [(start, end) for start, end in found if not inside(start, end, spoken)]
            rows += [{"construction": construction.name, "article_id": article_id, "start": start, "end": end,
                      "words": text[start:end], "sentence": sentence_at(text, start)} for start, end in found]
    return pd.DataFrame(rows, columns=["construction", "article_id", "start", "end", "words", "sentence"])


def sentence_at(text: str, position: int) -> str:
    """The sentence of ``text`` that holds the character at ``position``."""
    for sentence in sentences(text):
        for start, end in span_positions(text, sentence):
            if start <= position < end:
                return sentence
    return ""


def coverage(found: pd.DataFrame, texts: pd.Series, tables: dict, waivers: pd.DataFrame) -> pd.DataFrame:
    """``found`` (from ``occurrences``) with where each occurrence is coded: ``coded``, the first table one of whose
    coding rows overlaps it ("" if none), and ``waiver_id``, the waiver whose span overlaps it ("" if none)."""
    by_name = {construction.name: construction for construction in CONSTRUCTIONS}
    coded, waived = [], []
    for row in found.itertuples():
        text, occurrence, construction = texts[row.article_id], (row.start, row.end), by_name[row.construction]
        tables_coding = [(name, tables[name].query(query) if query else tables[name])
                         for name, query in construction.coded_in]
        if construction.verb_of_attribution:
            tables_coding = [(name, rows[rows["verb"].map(lambda verbs: is_verb_of(row.words, verbs))]
                              if "verb" in rows else rows) for name, rows in tables_coding]
        coded.append(next((name for name, rows in tables_coding
                           if overlaps_any(occurrence, rows_positions(rows, row.article_id, text))), ""))
        mine = waivers[(waivers["article_id"] == row.article_id) & (waivers["construction"] == row.construction)]
        waived.append(next((waiver.waiver_id for waiver in mine.itertuples()
                            if overlaps_any(occurrence, span_positions(text, waiver.span))), ""))
    return found.assign(coded=coded, waiver_id=waived)


def context_accounts(text: str, article_id: str, sources: pd.DataFrame) -> list[tuple[str, str]]:
    """(speaker_id, sentence) for every sentence that is, by context, a named source's account in the reporter's
    words (the sources codebook's rule): after a ``citation`` row of ``sources`` that names a source, each sentence
    that no row covers, up to the first sentence with a row of anyone else (a speaker, or an unattributed "is
    believed"). A sentence with only the cited source's own rows (its quotation) continues the run; a citation whose
    own sentence gives someone else's words ("Noem said, the Journal reported") reports those words and starts none."""
    mine = sources[sources["article_id"] == article_id]
    rows = [(speaker, span_positions(text, span)) for speaker, span in zip(mine["speaker_id"], mine["span"])]

    def speakers_in(sentence):
        where = span_positions(text, sentence)
        return {speaker for speaker, positions in rows if any(overlaps_any(position, positions) for position in where)}

    accounts = []
    for citation in mine[(mine["kind"] == "citation") & (mine["named"] == "yes")].itertuples():
        cited_end = max(end for _, end in span_positions(text, citation.span))
        cited_sentence = sentence_at(text, cited_end - 1)
        if speakers_in(cited_sentence) - {citation.speaker_id}:
            continue
        for sentence in sentences(text[text.index(cited_sentence) + len(cited_sentence):]):
            speakers = speakers_in(sentence)
            if speakers - {citation.speaker_id}:
                break
            if not speakers:
                accounts.append((citation.speaker_id, sentence))
    return accounts


def is_verb_of(words: str, verbs: str) -> bool:
    """Whether ``words`` (a distancing word: "it was reported") are one of an attribution's ``verbs`` ("reported";
    "called, noting"), or hold it."""
    return any(verb in words.lower() for verb in verbs.lower().split(", ") if verb)


def whose_words(found: pd.DataFrame, texts: pd.Series, sources: pd.DataFrame) -> list[str]:
    """Whose evaluation each evaluative word of ``found`` is: the speaker of the account it stands in (``speaker_of``),
    except an adjective that describes the noun after it inside a named speaker's account ("the country's infamous
    Terrorism Confinement Center" in a report of a plan, "illegal migrant criminals" in Noem's, "the oppressive heat" in
    a correspondent's account by context): the account only names that thing, so the adjective is the reporter's
    wording (frames codebook), as is a relative clause that describes a thing the account names. "unattributed" marks
    words given to no one; ``articles_own`` tells which speakers are the article's own voice."""
    def evaluator(row, speaker) -> str:
        text = texts[row.article_id]
        reporters = describes_a_noun(text, row.end) or in_a_relative_clause(text, row.start)
        return "reporter" if reporters and not articles_own(speaker) else speaker

    return [evaluator(row, speaker) for row, speaker in zip(found.itertuples(), account_speakers(found, texts, sources))]


def account_speakers(found: pd.DataFrame, texts: pd.Series, sources: pd.DataFrame) -> list[str]:
    """Whose account each occurrence of ``found`` stands in (``speaker_of``): "reporter" outside every account. An
    evaluative word can be the reporter's wording inside someone's account (``whose_words``)."""
    spans = {article_id: speakers_by_span(texts[article_id], article_id, sources)
             for article_id in found["article_id"].unique()}
    return [speaker_of((row.start, row.end), spans[row.article_id]) for row in found.itertuples()]


def holds_the_reporters_adjective(text: str, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` hold an evaluative or distancing word that describes the noun after
    it (000's "infamous Terrorism", 001's "illegal migrant criminals", "alleged criminals"): the reporter's wording, a
    judgement or a distance, in any account (frames codebook)."""
    return any(describes_a_noun(text, start + match.end())
               for match in re.finditer(words_pattern((*EVALUATIVE, *DISTANCING)), text[start:end], re.IGNORECASE))


def describes_a_noun(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` stands before a word it describes ("infamous Terrorism", "illegal migrant"),
    not before punctuation or a function word ("generous,", "praised the", "grateful for")."""
    following = re.match(r" ([A-Za-z][\w.-]*)", text[end:])
    return bool(following) and following[1].lower() not in FUNCTION_WORDS


def in_a_relative_clause(text: str, start: int) -> bool:
    """Whether the words at ``start`` stand in a relative clause ("the maximum-security prison where U.S. deportees
    are being held"): after "where", "which" or "who" in their sentence, with no comma between. Such a clause
    describes a thing that an account names, in the reporter's words, not the account's (claims codebook,
    Attribution)."""
    sentence = sentence_at(text, start)
    sentence_start = next(begin for begin, end in span_positions(text, sentence) if begin <= start < end)
    return re.search(r"\b(?:where|which|who)\b[^,;:]*$", text[sentence_start:start]) is not None


def speakers_by_span(text: str, article_id: str, sources: pd.DataFrame) -> list[tuple[str, list[tuple[int, int]]]]:
    """(speaker, positions) of every stretch of an article's text that stands in someone's account, in the order in
    which ``speaker_of`` decides: the attributions (``sources``, their ``speaker_id``), then the by-context accounts
    (``context_accounts``). Computed once for an article, for all its occurrences."""
    attribution = sources[sources["article_id"] == article_id]
    candidates = [*zip(attribution["speaker_id"], attribution["span"]), *context_accounts(text, article_id, sources)]
    return [(speaker, span_positions(text, span)) for speaker, span in candidates]


def speaker_of(occurrence: tuple[int, int], spans: list[tuple[str, list[tuple[int, int]]]]) -> str:
    """The one rule, for evaluations and labels alike, for whose account the stretch ``occurrence`` of an article's
    text stands in when it is outside a speaker's quotation marks: the speaker of the first of its ``spans``
    (``speakers_by_span``) that overlaps it, else "reporter". Words that an ``unattributed`` row gives to no one ("is
    considered") keep that speaker, and are the article's own (``articles_own``)."""
    return next((speaker for speaker, positions in spans if overlaps_any(occurrence, positions)), "reporter")


def articles_own(speaker: str) -> bool:
    """Whether words that ``speaker_of`` gives to ``speaker`` are the article's own: the reporter's, or given to no one
    (``unattributed``), as a scare quote is."""
    return speaker in ("reporter", "unattributed")


def overlaps_any(occurrence: tuple[int, int], positions) -> bool:
    """Whether the stretch ``occurrence`` (start, end) shares at least one character with one of ``positions``."""
    start, end = occurrence
    return any(other_start < end and start < other_end for other_start, other_end in positions)
