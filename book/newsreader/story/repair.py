"""Two kinds of article that are not plain text, each repaired by a stated rule before the toolkit reads it, and
warned about by name (the spans a proposal gives are then those of the repaired text):

- **a web page's markup** (HTML tags such as ``<p>`` or ``<a href="...">``): an article that holds HTML tags is read
  as a web page. Its scripts and styles are removed with what is in them, every other tag is removed (a tag that
  starts or ends a block, such as ``<p>`` or ``<br>``, becomes a line break), every web address (``http://``,
  ``https://``, ``www.``) is removed, and its entities are replaced by the characters they stand for (``&quot;`` by
  ``"``). A ``<`` before a word that is no HTML element (a wire's ``<GE>``, a stock symbol) is left as it is.
- **tokenized text**, as language-processing corpora store news (``plane 's``, ``did n't``, ```` We ... , ''``):
  an article in which at least three of these marks of tokenization stand is joined back: ````` and ``''`` become
  opening and closing quotation marks, a clitic (``'s``, ``n't``, ``'re`` ...) and a point, comma or closing bracket
  are joined to the word before, and an opening bracket or a currency sign to the word after.

A third kind is read, not repaired: **quotations in single marks** (``'The intention was to destroy the plane,' he
said``), as British outlets write them. In an article that has no double quotation mark and at least three single
marks that open a quotation, the proposer takes a single mark as a quotation mark where it opens one (before a word, after
a space, a bracket, a dash or the start of a line) or closes the one open in its paragraph (after a word or a point,
before a space, a point or the end); an apostrophe inside a word ("Lubitz's") is neither. The spans are the article's
own words, with its single marks.
"""
import html
import re

BLOCK_ELEMENTS = ("p|div|br|li|ul|ol|h[1-6]|blockquote|table|tr|td|th|figure|figcaption|section|article|header|"
                  "footer|hr|pre|dl|dt|dd|aside|nav|main")
INLINE_ELEMENTS = "a|span|img|i|b|em|strong|u|s|sup|sub|small|font|center|abbr|cite|q|time|mark|iframe|noscript|wbr"
HIDDEN = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)  # removed with their content
BLOCK_TAG = re.compile(rf"</?(?:{BLOCK_ELEMENTS})(?=[\s/>])[^>]*>", re.IGNORECASE)
INLINE_TAG = re.compile(rf"</?(?:{INLINE_ELEMENTS})(?=[\s/>])[^>]*>", re.IGNORECASE)
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)]", re.IGNORECASE)  # not a point after it
TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")

# The marks of tokenized text: the PTB quotation marks, a clitic split from its word, a point or comma set apart.
TOKENIZED = re.compile(r"``|''|\s(?:n't|'s|'re|'ve|'ll|'m|'d)\b|\w\s[,.;:?!](?=\s|$)")
MIN_TOKENIZED_MARKS = 3


def html_tags(raw: str) -> list[str]:
    """The HTML elements whose tags ``raw`` holds, each once, in the order of the alphabet ("a", "img", "p")."""
    tags = HIDDEN.findall(raw) + [TAG_NAME.match(tag).group(1) for pattern in (BLOCK_TAG, INLINE_TAG)
                                  for tag in pattern.findall(raw)]
    return sorted({tag.lower() for tag in tags})


def without_markup(raw: str) -> str:
    """``raw`` as the words a reader of the web page sees: scripts and styles, tags and web addresses removed, a
    block's tag made a line break, entities replaced by their characters (the rule in this module's docstring)."""
    text = HIDDEN.sub("", raw)
    text = BLOCK_TAG.sub("\n", text)
    text = INLINE_TAG.sub("", text)
    text = URL.sub("", text)
    return html.unescape(text)


def tokenized(raw: str) -> bool:
    return len(TOKENIZED.findall(raw, 0, 100_000)) >= MIN_TOKENIZED_MARKS  # the opening is enough to tell


def detokenized(raw: str) -> str:
    """``raw`` with its tokens joined back (the rule in this module's docstring)."""
    text = re.sub(r"``\s?", "“", raw)
    text = re.sub(r"\s?''", "”", text)
    text = re.sub(r"(?<=\w) (n't|'s|'re|'ve|'ll|'m|'d)\b", r"\1", text)
    text = re.sub(r"(?<=\S) ([,.;:?!%)\]”])(?=\s|$|[,.”])", r"\1", text)
    return re.sub(r"([(\[“$]) (?=\S)", r"\1", text)


def repaired(raw: str) -> tuple[str, list[str]]:
    """(the text the toolkit reads, one line for each repair made, naming what was found)."""
    text, done = raw, []
    tags = html_tags(raw) if "<" in raw else []
    if tags:
        urls = len(URL.findall(HIDDEN.sub("", raw)))
        done.append(f"holds a web page's markup (HTML tags {', '.join(f'<{tag}>' for tag in tags)}"
                    f"{f'; {urls} web addresses' if urls else ''}): the toolkit removed the tags and web addresses and "
                    "replaced the entities by their characters before reading it (its spans are of that text); to "
                    "avoid this, save the article's text as a browser shows it")
        text = without_markup(text)
    if tokenized(text):
        marks = sorted({mark.group().strip()[-1] if mark.group()[0].isalnum() else mark.group().strip()
                        for mark in TOKENIZED.finditer(text)})
        done.append(f"is tokenized text (words and marks set apart by spaces: {' '.join(marks)}): the toolkit "
                    "joined them back before reading it (`` and '' become quotation marks; its spans are of that "
                    "text); to avoid this, use the article as it was published")
        text = detokenized(text)
    return text, done


SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–]))['‘](?=[\w…])", re.MULTILINE)
SINGLE_CLOSING = re.compile(r"(?<=[\w.,!?;:…])['’](?=[\s.,;:!?)\]—–-]|$)", re.MULTILINE)
MIN_SINGLE_QUOTATIONS = 3


def single_quotes_as_double(text: str) -> str:
    """``text`` with the single marks that quote made double (one character for one, so positions stay), when it
    quotes with single marks (the rule in this module's docstring); else ``text`` itself."""
    if re.search(r'["“”]', text) or len(SINGLE_OPENING.findall(text)) < MIN_SINGLE_QUOTATIONS:
        return text
    marks, open_at = list(text), None
    for mark in re.finditer(r"['‘’\n]", text):
        at = mark.start()
        if text[at] == "\n":
            open_at = None  # a quotation left open runs to the end of its paragraph
        elif open_at is None and SINGLE_OPENING.match(text, at):
            marks[at], open_at = '"', at
        elif open_at is not None and SINGLE_CLOSING.match(text, at):
            marks[at], open_at = '"', None
    return "".join(marks)
