"""Quotations and attributions: find them with patterns, and compare two versions of the same words."""
import difflib
import re

from ..text import words

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
    """The words inside quotation marks in ``span``, joined by spaces."""
    return " ".join(re.findall(r'"([^"]*)"', normalise_quotes(span)))


def word_differences(first: str, second: str) -> list[tuple[str, str, str]]:
    """(operation, words of ``first``, words of ``second``) for each stretch where two texts differ, word by word."""
    a, b = words(first.lower()), words(second.lower())
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(operation, " ".join(a[a_start:a_end]), " ".join(b[b_start:b_end]))
            for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes() if operation != "equal"]
