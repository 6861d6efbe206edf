"""Quotations and attributions: find them with patterns."""
import re

QUOTED = r'"([^"\n]+)"'  # words between a pair of (normalised) quotation marks, within one paragraph
# A quotation followed by a speaker and a verb (", Noem said", ", he added"); [^\S\n] keeps it within one paragraph.
ATTRIBUTION = (r'"([^"\n]+)"[^\S\n]*(?:,[^\S\n]*)?([A-Z][a-z]+|he|she)[^\S\n]'
               r'(said|added|replied|told|described)')


def normalise_quotes(text: str) -> str:
    """Curly double quotation marks become straight ones, so that one pattern finds both styles."""
    return text.replace("“", '"').replace("”", '"')


def find_quotations(text: str) -> list[str]:
    """The quotations of ``text``, each within one paragraph."""
    return re.findall(QUOTED, normalise_quotes(text))


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation of ``text``, its quotation marks included, in reading order. A quotation left
    open at the end of its paragraph (it continues in the next one) runs to the paragraph's end."""
    return [match.span() for match in re.finditer(r'"[^"\n]+(?:"|$)', normalise_quotes(text), re.MULTILINE)]


def find_attributions(text: str) -> list[tuple[str, str, str]]:
    """(quotation, speaker, verb) for each quotation directly followed by a speaker and a verb."""
    return re.findall(ATTRIBUTION, normalise_quotes(text))


def quoted(span: str) -> str:
    """The words inside quotation marks in ``span``, joined by spaces, by the rule of ``quotation_spans`` (a span lies
    within one paragraph, so a mark left open at its end runs to the end of the span)."""
    text = normalise_quotes(span)
    return " ".join(text[start:end].strip('"') for start, end in quotation_spans(span))


# Channels by which words reach an article through another outlet (data/codebooks/sources.md, "Second-hand").
SECOND_HAND_CHANNELS = ("another outlet's report", "interview")


def voices(table):
    """The rows of a sources table that give someone's words: not the speakerless constructions ("is believed",
    "it appears"), which the codebook counts as no source of any kind."""
    return table[table["speaker_type"] != "unattributed"]


def second_hand(table, channels=SECOND_HAND_CHANNELS):
    """A True/False Series: whether each row's words reach the article through another outlet (by one of
    ``channels``) or from people it does not name."""
    return table["channel"].isin(channels) | (table["speaker_type"] == "anonymous")


def as_written(table) -> dict:
    """Each speaker's label, in the articles' own words: the longest way an article writes the speaker (up to a comma;
    rows that explain in brackets left out). A named speaker is labelled by the longest name any article gives; an
    unnamed one, whom only the words identify, by each article's own words with its number where the articles word
    it differently, so that no article is given another's words."""
    written = table[~table["speaker_as_written"].str.contains(r"\(")]
    longest = written.groupby(["speaker_id", "article_id"])["speaker_as_written"].agg(
        lambda spans: max(spans, key=len).split(",")[0])
    unnamed = set(table.loc[table["named"] == "no", "speaker_id"])
    labels = {}
    for speaker, by_article in longest.groupby(level="speaker_id"):
        by_article = by_article.droplevel("speaker_id")
        if speaker in unnamed and by_article.str.casefold().nunique() > 1:
            labels[speaker] = "; ".join(f"{words} ({article[:3]})" for article, words in by_article.items())
        else:
            labels[speaker] = max(by_article, key=len)
    return labels
