"""Where things stand in a text, for the proposer: sentences, paragraphs and quotations as (start, end) spans found in
one pass each; the span that contains a stretch (by bisection, so that a long article stays fast); the voice of a
sentence; the date a date expression refers to; and a span long enough to be found once in its article.
"""
import bisect
import functools
import re

import pandas as pd

from ..methods.dates import WEEKDAYS, resolve_date
from ..methods.sources import QUOTED, normalise_quotes
from ..text import paragraphs, sentences


@functools.lru_cache(maxsize=4)
def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text`` (``newsreader.text.sentences``), in reading order; the last few
    texts are remembered, since claims, sources and frames all need them."""
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


def containing_span(start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span among ``spans`` (sorted, not overlapping) that contains ``start:end``, or None; by bisection."""
    index = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= start and end <= spans[index][1]:
        return spans[index]
    return None


LETTER = re.compile(r"[^\W\d_]")


def voice_of(sentence: str) -> str:
    """"quotation" if more than half of the sentence's letters stand inside quotation marks (a mark left open runs
    to the end of the sentence), else "reporter" (the rule of data/codebooks/frames.md)."""
    pieces = normalise_quotes(sentence).split('"')  # the odd pieces stand inside quotation marks
    quoted_letters = sum(len(LETTER.findall(piece)) for piece in pieces[1::2])
    letters = quoted_letters + sum(len(LETTER.findall(piece)) for piece in pieces[0::2])
    return "quotation" if letters and quoted_letters > letters / 2 else "reporter"


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


# Words that put what follows in the future ("could be on the floor as early as Thursday", "will be made Thursday").
FUTURE = re.compile(r"\b(?:as early as|as soon as|by|until|starting|beginning|will|would|could|should|may|might|shall|"
                    r"expected to|scheduled|plans? to)\b", re.I)
EARLIER_DATE = re.compile(r"\b(?:that|the same)\s+$", re.I)  # "at that March 2 event": a date the text gave before


def refers_to(span: str, quantity: str, published: str, before: str = "") -> str:
    """The date a claim names: a year is itself; a date ("on Monday", "Oct. 23") is resolved on the publication day,
    a weekday forward when the words ``before`` it in its sentence look ahead ("as early as Thursday"); a date that
    points back to one given before ("that March 2 event") is left to the student."""
    if quantity == "year":
        found = re.search(r"\d{4}", span)
        return found.group() if found else ""
    if quantity != "date" or EARLIER_DATE.search(before):
        return ""
    resolved = resolve_date(re.sub(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.", r"\1", span), published)
    weekday = any(day in span.lower() for day in WEEKDAYS)
    if weekday and isinstance(resolved, pd.Timestamp) and resolved < pd.Timestamp(published) and \
            FUTURE.search(re.split(r"[;,.]", before)[-1][-80:]):
        resolved += pd.Timedelta(days=7)  # the next such day, not the last
    return iso(resolved)


TOKEN = re.compile(r"\w+")
PIECE = 3  # letters in the pieces of words that find a word inside a longer one


class Findable:
    """Spans a reader can find with the search of an editor: each occurs exactly once in the text. A span that occurs
    more often grows by a word at a time, left then right, within its sentence.

    Counting stays fast on a long text: an index says which sentences hold each word, and a span is counted only in
    the sentences that hold its rarest inner word (an inner word is whole wherever the span occurs), or, for a span of
    one or two words, in the sentences that hold a word with the span's longest word inside it ("2009" in "2009" and
    "20091"), found through the words' three-letter pieces. An occurrence that runs across two sentences is not
    counted. Only a span whose longest word has fewer than three letters is counted in the whole text, and there are
    few such spans."""

    def __init__(self, text: str, sentence_bounds: list[tuple[int, int]]):
        self.text, self.sentence_bounds, self.counts = text, sentence_bounds, {}
        self.index, self.pieces = {}, None
        for number, (start, end) in enumerate(sentence_bounds):
            for token in set(TOKEN.findall(text, start, end)):
                self.index.setdefault(token, []).append(number)

    def count(self, span: str) -> int:
        if span not in self.counts:
            tokens = TOKEN.findall(span)
            if len(tokens) > 2:
                rarest = min(tokens[1:-1], key=lambda token: len(self.index.get(token, ())))
                self.counts[span] = self.count_in(span, self.index.get(rarest, ()))
            elif tokens and len(longest := max(tokens, key=len)) >= PIECE:
                self.counts[span] = self.count_in(span, self.sentences_with_inside(longest))
            else:
                self.counts[span] = self.text.count(span)
        return self.counts[span]

    def count_in(self, span: str, numbers) -> int:
        """How often ``span`` occurs in the sentences ``numbers``; in the whole text at once when they are many."""
        if len(numbers) > len(self.sentence_bounds) // 4:
            return self.text.count(span)
        return sum(self.text.count(span, *self.sentence_bounds[number]) for number in numbers)

    def sentences_with_inside(self, word: str) -> set[int]:
        """The numbers of the sentences that hold a word with ``word`` inside it."""
        if self.pieces is None:  # each three-letter piece of a word -> the words that hold it (built once)
            self.pieces = {}
            for token in self.index:
                for at in range(len(token) - PIECE + 1):
                    self.pieces.setdefault(token[at:at + PIECE], set()).add(token)
        holders = [self.pieces.get(word[at:at + PIECE], set()) for at in range(len(word) - PIECE + 1)]
        words = set.intersection(*sorted(holders, key=len))
        return {number for token in words if word in token for number in self.index[token]}
    def widen(self, start: int, end: int, bounds: tuple[int, int]) -> tuple[int, int]:
        """(start, end) widened until the span occurs once, or to the whole sentence ``bounds``; kept as it is when the
        whole sentence occurs more than once (no part of it can then be found once)."""
        if self.count(self.text[start:end]) > 1 and self.count(self.text[bounds[0]:bounds[1]]) > 1:
            return start, end
        for _ in range(12):
            if self.count(self.text[start:end]) <= 1:
                break
            left = self.text.rfind(" ", bounds[0], max(bounds[0], start - 1))
            right = self.text.find(" ", min(bounds[1], end + 1), bounds[1])
            start = bounds[0] if left < 0 else left + 1
            end = bounds[1] if right < 0 else right
            if (start, end) == bounds:
                break
        return start, end
