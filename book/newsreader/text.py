"""Shared definitions of a word, a sentence and a paragraph, so that every chapter counts alike."""
import re

# A word: letters or digits, possibly joined by an apostrophe, hyphen, point or comma
# ("Bukele's", "MS-13", "U.S", "40,000" each count once).
WORD_PATTERN = r"[^\W_]+(?:[’'.,-][^\W_]+)*"

# Abbreviations whose final point does not end a sentence ("the U.S. Homeland Security Secretary", "Gen. David
# Petraeus", "Ford Motor Co. Chairman") ...
ABBREVIATIONS = ("U.S.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Sen.", "Gov.", "Rep.", "Sens.", "Reps.", "Cong.",
                 "Gen.", "Col.", "Lt.", "Maj.", "Capt.", "Sgt.", "Cpl.", "Adm.", "Cmdr.", "Atty.", "Supt.",
                 "Det.", "Prof.", "Rev.", "Msgr.", "Hon.", "Mt.", "Ft.", "Inc.", "Corp.", "Co.", "Ltd.", "Bros.",
                 "a.m.", "p.m.", "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.",
                 "Ind.", "Kan.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.",
                 "Nev.", "Okla.", "Ore.", "Pa.", "Penn.", "Tenn.", "Tex.", "Va.", "Vt.", "Wash.", "Wis.", "Wyo.")
# ... and initials ("Brian M. Good", "John F. Kennedy", "the U.K. Treasury": single capitals, each with its point) ...
INITIALS = re.compile(r"(?:^|[^\w.’'])(?:[A-Z]\.)+$")
# ... unless the next word opens a sentence and cannot continue a name or a title ("in the U.S. Among the deportees").
SENTENCE_OPENERS = ("A", "Among", "An", "And", "As", "At", "But", "He", "However", "In", "It", "She", "So", "Still",
                    "The", "There", "These", "They", "This", "Those", "We", "While")
# Abbreviations that stand before a number, and end no sentence there ("the No. 2 Republican", "until Oct. 5").
BEFORE_A_NUMBER = ("No.", "Nos.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.")
# A quoted question or exclamation goes on in the name and verb that attribute it ('"Is it?" Walsh asked.').
ATTRIBUTION_AFTER = re.compile(r"(?:[A-Z][\w.’'-]*\s){1,4}(?:said|says|asked|asks|added|adds|wrote|writes|replied|"
                               r"told|tweeted)\b")

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
        quoted_question = end.group()[0] in "?!" and end.group()[1:2] in ('"', "”")
        if quoted_question and ATTRIBUTION_AFTER.match(paragraph, end.end()):
            continue
        if not ends_a_sentence(paragraph[: end.start() + 1], paragraph[end.end():]):
            continue
        pieces.append(paragraph[start : end.end()].strip())
        start = end.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def ends_a_sentence(before: str, after: str) -> bool:
    """Whether the point that ends ``before`` ends a sentence, given the text ``after`` it: not after an abbreviation
    or an initial (unless a sentence opener follows), nor after "No." or a month's abbreviation before a number."""
    next_word = re.match(r"[\"“‘(\[]?(\w+)", after)[1]
    last_word = before.rsplit(None, 1)[-1].lstrip("\"“‘([")
    if last_word in BEFORE_A_NUMBER:
        return not next_word[0].isdigit()
    if last_word in ABBREVIATIONS or INITIALS.search(before):
        return next_word in SENTENCE_OPENERS
    return True
