"""Shared definitions of a word, a sentence and a paragraph, so that every chapter counts alike."""
import re

# A word: letters or digits, possibly joined by an apostrophe, hyphen, point or comma
# ("Bukele's", "MS-13", "U.S", "40,000" each count once).
WORD_PATTERN = r"[^\W_]+(?:[’'.,-][^\W_]+)*"

# Abbreviations whose final point does not end a sentence ("the U.S. Homeland Security Secretary") ...
ABBREVIATIONS = ("U.S.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Sen.", "Gov.", "Rep.")
# ... unless the next word opens a sentence and cannot continue a name or a title ("in the U.S. Among the deportees").
SENTENCE_OPENERS = ("A", "Among", "An", "And", "As", "At", "But", "He", "However", "In", "It", "She", "So", "Still",
                    "The", "There", "These", "They", "This", "Those", "We", "While")

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
    """The sentences of ``text``: split paragraph by paragraph at SENTENCE_END, except after an abbreviation that a
    sentence opener does not follow."""
    return [sentence for paragraph in paragraphs(text) for sentence in split_paragraph(paragraph)]


def split_paragraph(paragraph: str) -> list[str]:
    pieces, start = [], 0
    for end in SENTENCE_END.finditer(paragraph):
        next_word = re.match(r"[\"“‘(\[]?(\w+)", paragraph[end.end():])[1]
        if paragraph[: end.start() + 1].endswith(ABBREVIATIONS) and next_word not in SENTENCE_OPENERS:
            continue
        pieces.append(paragraph[start : end.end()].strip())
        start = end.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]
