"""Read and validate a story folder with the project's loaders, collecting every problem in one run.

The book's loaders (``newsreader.corpus``, ``newsreader.tables``) stop at the first problem and expect the book's
articles.csv (with provenance columns and sha256 fingerprints). A story folder has a simpler articles.csv, and a
student fixing a folder wants the whole list at once. This module is the adapter: it calls the same readers and
checks (``read_text``, ``read_csv``, ``require_unique_key``, ``clean_text``, ``load_cleaning_rules``,
``require_known_articles``, ``require_spans_in_articles``, ``to_numbers``) piece by piece and keeps each message.
"""
import datetime
import heapq
import re
import zlib
from collections import Counter, defaultdict
from itertools import combinations
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..corpus import RULE_COLUMNS, clean_text, load_cleaning_rules
from ..errors import DataError
from ..files import read_csv, read_text, require_unique_key
from ..methods.reuse import ngrams
from ..tables import SCHEMAS, require_known_articles, require_spans_in_articles, to_numbers
from .contract import LABEL_TERM_COLUMNS, OPTIONAL_TABLES, STATUSES, STORY_COLUMNS, TABLES, VOCABULARIES, table_columns
from .repair import repaired


class StoryError(DataError):
    """A story folder breaks its contract; the message lists every problem, one per line."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(f"- {problem}" for problem in self.problems))


@dataclass
class Story:
    """A validated story folder: the articles (metadata, ``raw_text``, cleaned ``text``) and the coding tables
    present (name -> DataFrame). ``problems`` is empty when the folder keeps its contract."""

    folder: Path
    articles: pd.DataFrame
    tables: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)  # what the toolkit can read but a student should know (language, duplicates)


def load_story(folder) -> Story:
    """The story in ``folder``; raises StoryError listing every problem if it breaks its contract."""
    story = read_story(folder)
    if story.problems:
        raise StoryError(story.problems)
    return story


def read_story(folder) -> Story:
    """Read everything that can be read, and collect every problem (``Story.problems``) instead of stopping."""
    folder, problems = Path(folder), []
    articles = read_story_articles(folder, problems)
    texts = articles.set_index("id")["text"]
    tables = {}
    for name in (*TABLES, *OPTIONAL_TABLES):
        if (folder / f"{name}.csv").exists():
            table = read_coding_table(folder, name, texts, problems)
            if table is not None:
                tables[name] = table
    return Story(folder, articles, tables, problems, warnings=article_warnings(articles))


# The articles -----------------------------------------------------------------------------------------------------

MAX_ARTICLE_BYTES = 2_000_000  # a news article is rarely over 100 kB; past 2 MB a file is not one article


ARTICLE_TEXTS = ("raw_text", "readable", "repairs", "text", "removed")


def read_story_articles(folder: Path, problems: list) -> pd.DataFrame:
    """The articles with a metadata row and a readable text: metadata, ``raw_text``, the ``readable`` text with the
    ``repairs`` made to it (``repair``), the cleaned ``text`` and what the cleaning ``removed``."""
    columns = [*STORY_COLUMNS, *ARTICLE_TEXTS]
    metadata = read_metadata(folder, problems)
    rules = read_cleaning_rules(folder, problems)
    files = {path.stem: path for path in sorted((folder / "articles").glob("*.txt"))}
    if not (folder / "articles").is_dir():
        problems.append("articles/: the folder is missing; create it and put one .txt file per article in it")
    if metadata is None:
        return pd.DataFrame(columns=columns)
    listed = set(metadata["id"])
    for stem in sorted(set(files) - listed):
        problems.append(f"articles/{stem}.txt: has no row in articles.csv; add a row with id {stem} "
                        "(or move the file out of articles/)")
    rows = []
    for index, row in metadata.iterrows():
        if row["id"] not in files:
            problems.append(f"articles.csv row {index + 2}: there is no file articles/{row['id']}.txt; add the "
                            "article's text under that name (or remove the row)")
            continue
        size = files[row["id"]].stat().st_size
        if size > MAX_ARTICLE_BYTES:
            problems.append(f"articles/{row['id']}.txt: is {size:,} bytes, and the toolkit reads articles of up to "
                            f"{MAX_ARTICLE_BYTES:,} bytes (2 MB); keep only the article's text (one article per file)")
            continue
        try:
            raw = read_text(files[row["id"]]).removeprefix("\ufeff")  # a byte-order mark is not part of the text
        except DataError as error:
            problems.append(f"articles/{error}")
            continue
        readable, repairs = repaired(raw)  # a web page's markup, tokenized text
        text, removed = clean_text(unwrapped(readable) if hard_wrapped(readable) else readable, rules)
        rows.append({**row.to_dict(), "raw_text": raw, "readable": readable, "repairs": repairs, "text": text,
                     "removed": removed})
    articles = pd.DataFrame(rows, columns=[*metadata.columns, *ARTICLE_TEXTS])
    return articles.drop_duplicates("id", keep=False).reset_index(drop=True)


def article_warnings(articles: pd.DataFrame) -> list[str]:
    """One line for each article that is not in English, is hard-wrapped or holds characters a reader cannot see or
    that were garbled, and for each set of articles with the same or nearly the same text."""
    warnings = []
    for row in articles.itertuples():
        if not looks_english(row.text):
            warnings.append(f"articles/{row.id}.txt does not look like English (the toolkit's patterns read English): "
                            "check its proposals with special care")
        warnings += [f"articles/{row.id}.txt {repair}" for repair in row.repairs]
        if hard_wrapped(row.readable):
            cut, running = cut_lines(row.readable)
            warnings.append(f"articles/{row.id}.txt is hard-wrapped ({cut} of its {running} lines that run on are cut "
                            "inside a sentence): its lines were joined into paragraphs (a paragraph ends at a blank "
                            "line or before an indented line), so a span has a space where the file has a line break; "
                            "to avoid this, save the article with one paragraph per line")
        warnings += [f"articles/{row.id}.txt {problem}" for problem in odd_characters(row.readable)]
    for text, group in articles.groupby("text", sort=False):
        if len(group) > 1:
            warnings.append(f"articles {', '.join(group['id'])} have the same text: a duplicate counts its figures "
                            "and speakers twice in the report; keep one unless both outlets published it")
    for first, second, shared in near_duplicates(articles.drop_duplicates("text").set_index("id")["text"]):
        warnings.append(f"articles {first}, {second} are nearly the same text (each holds {shared:.0%} or more of the "
                        "other's five-word sequences): a copy counts its figures and speakers twice in the report; "
                        "keep one unless both outlets published it")
    return warnings


# Hard-wrapped text: a wire, a PDF copy or an e-mail breaks its lines inside sentences. A text is hard-wrapped when at
# least three of its lines that run on to the next line (no blank line between) end inside a sentence, and they are
# at least half of those lines; its lines are then joined: a paragraph ends at a blank line or before an indented line.
SENTENCE_ENDS = ('.', '!', '?', ':', ';', '"', '”', '’', "'", ')', '…')


def cut_lines(raw: str) -> tuple[int, int]:
    """(lines that run on and end inside a sentence, lines that run on to another line)."""
    lines = raw.splitlines()
    running = [line.rstrip() for line, after in zip(lines, lines[1:]) if line.strip() and after.strip()]
    return sum(not line.endswith(SENTENCE_ENDS) for line in running), len(running)


def hard_wrapped(raw: str) -> bool:
    cut, running = cut_lines(raw)
    return cut >= 3 and cut >= running / 2


def unwrapped(raw: str) -> str:
    """``raw`` with its lines joined into paragraphs, one per line: a paragraph ends at a blank line or before a line
    that begins with a space or a tab (an indented first line)."""
    paragraphs, current = [], []
    for line in raw.splitlines():
        if current and (not line.strip() or line[:1] in (" ", "\t")):
            paragraphs.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line.strip())
    return "\n\n".join(paragraphs + [" ".join(current)] * bool(current))


# Characters that a reader cannot see (a zero-width space, a soft hyphen), that show a text decoded twice (mojibake:
# "â€™" for "’"), or that a web page left as markup (HTML entities: "&lt;" for "<").
INVISIBLE = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner",
             "\u2060": "word joiner", "\u00ad": "soft hyphen", "\ufeff": "zero-width no-break space"}
MOJIBAKE = re.compile("â€[™œ\u009d˜“”¦¢]|Ã[©¨¡ ³±¼¶§‰]|Â[ \u00a0°£]")
ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,5}|#x[0-9a-fA-F]{2,4});")


def odd_characters(raw: str) -> list[str]:
    """A line for each kind of odd character in ``raw``, saying what it is and what to do."""
    found = []
    invisible = Counter(INVISIBLE[character] for character in raw if character in INVISIBLE)
    if invisible:
        found.append(f"holds characters you cannot see ({', '.join(f'{n} {name}' for name, n in invisible.items())}): "
                     "they stay in the spans, and a search for a word they split fails; delete them in an editor "
                     "that shows them")
    garbled = sorted(set(MOJIBAKE.findall(raw)))
    if garbled:
        found.append(f"holds garbled characters ({', '.join(garbled)}), the mark of a text decoded twice: copy the "
                     "article again, saving it as UTF-8")
    entities = sorted(set(ENTITY.findall(raw)))
    if entities:
        found.append(f"holds markup a web page left in ({', '.join(entities)}): replace each with the character it "
                     "stands for (&lt; is <, &amp; is &)")
    return found


NEAR = 0.9  # two texts are nearly the same when each holds this share of the other's five-word sequences
SKETCH = 64  # sequences sampled per text to find the pairs worth comparing


def near_duplicates(texts: pd.Series) -> list[tuple[str, str, float]]:
    """(id, id, share) for each pair of texts of which each holds at least NEAR of the other's five-word sequences.

    Comparing every pair would cost the square of the number of texts. Each text is sampled instead by the SKETCH
    sequences with the lowest checksums (the same sequences in every text that has them, a MinHash sketch); only
    pairs whose samples share at least half of a sample are compared in full."""
    if len(texts) < 2:
        return []  # one text has no pair
    grams = {name: {zlib.crc32(" ".join(gram).encode()) for gram in ngrams(text, 5)} for name, text in texts.items()}
    holders = defaultdict(list)
    for name, sequences in grams.items():
        for checksum in heapq.nsmallest(SKETCH, sequences):
            holders[checksum].append(name)
    shared = Counter(pair for names in holders.values() for pair in combinations(names, 2))
    found = []
    for (first, second), n in sorted(shared.items()):
        if n >= SKETCH / 2:
            both = len(grams[first] & grams[second])
            share = min(both / len(grams[first]), both / len(grams[second]))
            if share >= NEAR:
                found.append((first, second, share))
    return found


ENGLISH_WORDS = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "was", "on", "with", "as", "he",
                 "she", "said", "by", "at", "from", "his", "her", "have", "has", "are", "be", "this", "were", "an"}


def looks_english(text: str) -> bool:
    """At least a fifth of the words are among the most common English words (about 40 % in English news)."""
    found = re.findall(r"[^\W\d_]+", text.lower())
    return not found or sum(word in ENGLISH_WORDS for word in found) / len(found) >= 0.2


def read_metadata(folder: Path, problems: list):
    """articles.csv, or None if it cannot be read at all; every bad id and date is added to ``problems``."""
    path = folder / "articles.csv"
    try:
        metadata = read_csv(path, STORY_COLUMNS)
    except DataError as error:
        problems.append(f"{error} (articles.csv needs the columns {', '.join(STORY_COLUMNS)})")
        return None
    try:
        require_unique_key(metadata, "id", path)
    except DataError as error:
        problems.append(f"{error}; give every article its own id, the name of its file without .txt")
    for index, row in metadata.iterrows():
        if not is_iso_date(row["published"]):
            problems.append(f"articles.csv row {index + 2}: published {row['published']!r} is not a date written "
                            "YYYY-MM-DD (for example 2030-03-12); if the day is not known, give the earliest "
                            "possible day and say so in a notes column")
        if not row["outlet"].strip():
            problems.append(f"articles.csv row {index + 2}: the outlet is empty; write \"not confirmed\" if it is "
                            "not known")
    return metadata[metadata["id"].str.strip() != ""]


def is_iso_date(text: str) -> bool:
    try:
        return len(text) == 10 and datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def read_cleaning_rules(folder: Path, problems: list) -> pd.DataFrame:
    """The folder's optional cleaning_rules.csv (the book's format); no rules if there is none or it is broken."""
    if not (folder / "cleaning_rules.csv").exists():
        return pd.DataFrame(columns=RULE_COLUMNS)
    try:
        return load_cleaning_rules(folder)
    except DataError as error:
        problems.append(str(error))
        return pd.DataFrame(columns=RULE_COLUMNS)


def read_label_terms(folder) -> dict:
    """The folder's label_terms.csv as {term: what it refers to}, or {} when there is none."""
    path = Path(folder) / "label_terms.csv"
    if not path.exists():
        return {}
    terms = read_csv(path, LABEL_TERM_COLUMNS, key="term")
    return dict(zip(terms["term"], terms["refers_to"]))


# The coding tables ------------------------------------------------------------------------------------------------

def read_coding_table(folder: Path, name: str, texts: pd.Series, problems: list):
    """``name``.csv held to the book's contract for that table plus ``status``; None if it cannot be read."""
    path, schema = folder / f"{name}.csv", SCHEMAS[name]
    if is_header_only(path):
        return pd.DataFrame(columns=table_columns(name))
    try:
        table = read_csv(path, table_columns(name))
    except DataError as error:
        problems.append(str(error))
        return None
    for check in (lambda: require_unique_key(table, schema.key, path),
                  lambda: require_known_articles(table, texts, path)):
        try:
            check()
        except DataError as error:
            problems.append(str(error))
    known = table[table["article_id"].isin(texts.index)]
    problems += row_by_row(lambda rows: require_spans_in_articles(rows, texts, path, schema.span_required), known,
                           "copy the words exactly from the cleaned article")
    problems += unknown_codes(table, name, path)
    numbers_problems = row_by_row(lambda rows: to_numbers(rows.copy(), schema.numeric, path), table,
                                  "write the number in digits, without units or commas", key=schema.key)
    if numbers_problems:
        problems += numbers_problems
        return None
    table = to_numbers(table, schema.numeric, path)
    problems += inverted_intervals(table, path, schema.key)
    return table


def inverted_intervals(table: pd.DataFrame, path: Path, key: str) -> list[str]:
    """A message for every row whose low is above its high (a claim cannot then be compared with anything)."""
    if not {"low", "high"} <= set(table.columns):
        return []
    inverted = table[table["low"] > table["high"]]
    return [f"{path.name}: {row[key]} has low {row['low']:g} above high {row['high']:g}; an interval runs from its "
            "lower end (low) to its higher end (high): swap them" for _, row in inverted.iterrows()]


def row_by_row(check, table: pd.DataFrame, advice: str, key=None) -> list[str]:
    """Every problem ``check`` finds in ``table``: the whole table at once when it passes (fast), else each row
    on its own, so that one run reports all the rows that fail, not only the first."""
    try:
        check(table)
        return []
    except DataError:
        pass
    problems = []
    for index in range(len(table)):
        try:
            check(table.iloc[[index]])
        except DataError as error:
            where = f"{table.iloc[index][key]}: " if key else ""
            problems.append(f"{error} ({where}{advice})")
    return problems


def is_header_only(path: Path) -> bool:
    """A table with a header and no rows (a story may have no numbers): valid, and empty."""
    try:
        return len([line for line in read_text(path).splitlines() if line.strip()]) == 1
    except DataError:
        return False  # read_csv reports the problem


def unknown_codes(table: pd.DataFrame, name: str, path: Path) -> list[str]:
    """A message for every cell whose code is not in its vocabulary (and every unknown status)."""
    vocabularies = {**VOCABULARIES.get(name, {}), "status": STATUSES}
    key = SCHEMAS[name].key
    return [f"{path.name}: {row_key} has the unknown {column} {code!r}; use one of {list(allowed)} "
            "(see the codebooks in data/codebooks/)"
            for column, allowed in vocabularies.items() if column in table.columns
            for row_key, code in table.loc[~table[column].isin(allowed), [key, column]].itertuples(index=False)]
