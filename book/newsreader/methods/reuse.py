"""Text reuse: what two texts share, word for word or nearly.

Texts are compared as lists of lower-cased words (``newsreader.text.words``), paragraph by paragraph: a shared
n-gram or passage never runs across a paragraph break, so that the end of one quotation and the first word of the
next paragraph do not make a "shared" phrase. Every function is a pure function of its texts.
"""
import difflib
import re
from collections.abc import Mapping

import pandas as pd

from ..text import paragraphs, words
from .sources import QUOTED, find_quotations, normalise_quotes


def lower_words(text: str) -> list[str]:
    return [word.lower() for word in words(text)]


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    """The distinct word n-grams of ``text`` (lower-cased), none crossing a paragraph break."""
    grams = set()
    for paragraph in paragraphs(text):
        tokens = lower_words(paragraph)
        grams.update(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return grams


def containment(a: str, b: str, n: int) -> float:
    """The share of ``a``'s distinct n-grams that also occur in ``b`` (0 when ``a`` has no n-gram at all).

    Containment is not symmetric: a short text can be wholly contained in a long one, not the other way round.
    """
    grams_a = ngrams(a, n)
    if not grams_a:
        return 0.0
    return len(grams_a & ngrams(b, n)) / len(grams_a)


def containment_matrix(texts: Mapping, n: int) -> pd.DataFrame:
    """Containment of every text (row) in every other (column); ``texts`` maps a name to a text."""
    grams = {name: ngrams(text, n) for name, text in dict(texts).items()}
    names = list(grams)
    return pd.DataFrame(
        [[len(grams[a] & grams[b]) / len(grams[a]) if grams[a] else 0.0 for b in names] for a in names],
        index=pd.Index(names, name="contained"), columns=pd.Index(names, name="in"),
    )


def tokens_with_breaks(text: str, side: str) -> tuple[list, list[int]]:
    """The lower-cased words of ``text`` with a marker at each paragraph break that matches nothing, and the word
    number of each token (None for a marker)."""
    tokens, positions, count = [], [], 0
    for index, paragraph in enumerate(paragraphs(text)):
        for word in lower_words(paragraph):
            tokens.append(word)
            positions.append(count)
            count += 1
        tokens.append((side, index))  # a break: never equal to a word, nor to the other text's breaks
        positions.append(None)
    return tokens, positions


def shared_passages(a: str, b: str, min_words: int = 5) -> pd.DataFrame:
    """Every passage of at least ``min_words`` words that ``a`` and ``b`` share, longest first.

    The longest common run of words is found with difflib's SequenceMatcher (autojunk off, so that frequent words
    still count), taken out of both texts, and the search repeated, so passages in a different order in the two
    texts are found too. Columns: ``words`` (length), ``a_start`` and ``b_start`` (word numbers, from 0), and
    ``passage`` (the words, lower-cased, joined by spaces).
    """
    tokens_a, positions_a = tokens_with_breaks(a, "a")
    tokens_b, positions_b = tokens_with_breaks(b, "b")
    found = []
    while True:
        matcher = difflib.SequenceMatcher(a=tokens_a, b=tokens_b, autojunk=False)
        match = matcher.find_longest_match(0, len(tokens_a), 0, len(tokens_b))
        if match.size < min_words:
            break
        found.append({"words": match.size, "a_start": positions_a[match.a], "b_start": positions_b[match.b],
                      "passage": " ".join(tokens_a[match.a:match.a + match.size])})
        for i in range(match.size):  # taken out: replaced by markers that match nothing
            tokens_a[match.a + i] = ("a taken", match.a + i)
            tokens_b[match.b + i] = ("b taken", match.b + i)
    columns = ["words", "a_start", "b_start", "passage"]
    passages = pd.DataFrame(found, columns=columns)
    return passages.sort_values(["words", "a_start"], ascending=[False, True], ignore_index=True)


def without_quotations(text: str) -> str:
    """``text`` with every quotation (as ``find_quotations`` finds them) replaced by a paragraph break:
    what is left is the reporter's own words."""
    return re.sub(QUOTED, "\n", normalise_quotes(text))


def similarity(a: str, b: str) -> float:
    """difflib's ratio of two texts, word by word (lower-cased): 1 for the same words, 0 for none in common."""
    return difflib.SequenceMatcher(a=lower_words(a), b=lower_words(b), autojunk=False).ratio()


def closest_quotations(a: str, b: str, threshold: float) -> pd.DataFrame:
    """For each quotation in text ``a``, the most similar quotation in text ``b``.

    Columns: ``quotation`` (in a), ``closest`` (in b; empty if b has none), ``ratio`` (``similarity``) and
    ``match`` (ratio at least ``threshold``). Quotations of fewer than two words (scare quotes) are left out.
    """
    quotes_a = [quote for quote in find_quotations(a) if len(words(quote)) >= 2]
    quotes_b = [quote for quote in find_quotations(b) if len(words(quote)) >= 2]
    rows = []
    for quote in quotes_a:
        scored = [(similarity(quote, other), other) for other in quotes_b]
        ratio, closest = max(scored, key=lambda pair: pair[0], default=(0.0, ""))
        rows.append({"quotation": quote, "closest": closest, "ratio": ratio, "match": ratio >= threshold})
    return pd.DataFrame(rows, columns=["quotation", "closest", "ratio", "match"])
