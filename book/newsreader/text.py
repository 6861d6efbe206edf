"""Shared definitions of a word, a sentence and a paragraph, so that every chapter counts alike."""
import re

# A word: letters or digits, possibly joined by an apostrophe, hyphen, point or comma
# ("Bukele's", "MS-13", "U.S", "40,000" each count once).
WORD_PATTERN = r"[^\W_]+(?:[’'.,-][^\W_]+)*"

# Abbreviations whose final point does not end a sentence.
ABBREVIATIONS = ("U.S.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Sen.", "Gov.", "Rep.")

# A candidate sentence end: . ! ? or …, any closing quote or bracket, then spaces,
# then something that can open a sentence (a capital, a digit or an opening quote).
SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def folded(text) -> str:
    """Text as compared for meaning: without regard to case, runs of spaces, or curly vs straight quotes."""
    return " ".join(str(text).replace("’", "'").replace("“", '"').replace("”", '"').split()).casefold()


def words(text: str) -> list[str]:
    """The words of ``text``, by WORD_PATTERN."""
    return re.findall(WORD_PATTERN, text)


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of ``text``, stripped: in these files a paragraph is a line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: split paragraph by paragraph at SENTENCE_END, except after an abbreviation."""
    return [sentence for paragraph in paragraphs(text) for sentence in split_paragraph(paragraph)]


def split_paragraph(paragraph: str) -> list[str]:
    pieces, start = [], 0
    for end in SENTENCE_END.finditer(paragraph):
        if paragraph[: end.start() + 1].endswith(ABBREVIATIONS):
            continue
        pieces.append(paragraph[start : end.end()].strip())
        start = end.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]
