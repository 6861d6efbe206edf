"""The codebooks in ``data/codebooks/``: the codes each column allows and the rules the book applied.

The book keeps one copy of them: the coding exercises read their codes and quote their rules from here. A column's
codes are the names in the codebook table whose header starts with that column (the frames), else the `backticked`
words of the column's row in the table of columns.
"""
import re
from functools import lru_cache

import pandas as pd

from .errors import DataError
from .files import read_text
from .paths import data_dir


FILE_NAME = re.compile(r"[\w-]+\.(?:csv|md)")  # a table or a codebook a row refers to, never a code


def codebook_text(name: str) -> str:
    """The text of ``data/codebooks/<name>``, read again whenever the file (or the data folder in use) changes."""
    path = data_dir() / "codebooks" / name
    stat = path.stat() if path.is_file() else None
    return read_codebook(path, stat and (stat.st_size, stat.st_mtime_ns))


@lru_cache(maxsize=16)
def read_codebook(path, _stamp) -> str:
    return read_text(path)


def table_rows(markdown: str, first_header: str) -> list[list[str]]:
    """The rows (as lists of cells), header first, of the markdown table whose header's first cell is
    ``first_header``; [] if there is none."""
    rows = []
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else None
        if cells is None:
            if rows:
                break
        elif rows:
            if not set(line) <= set("|-: "):  # skip the |---| line
                rows.append(cells)
        elif cells[0] == first_header:  # a code table's header, not the `column` row of the column table
            rows.append(cells)
    return rows


def column_meaning(codebook: str, column: str) -> str:
    """The meaning of ``column`` in the codebook's table of columns (its first such row)."""
    for line in codebook_text(codebook).splitlines():
        match = re.match(rf"\|\s*`{re.escape(column)}`\s*\|(.*)\|\s*$", line)
        if match:
            return match[1].strip()
    raise DataError(f"codebooks/{codebook}: no row for the column `{column}`")


def codes(codebook: str, column: str) -> list[str]:
    """The codes the codebook allows in ``column``: its table of codes, else the words in backticks of its row in the
    table of columns, except a file the row refers to (`sources.csv`)."""
    listed = [row[0] for row in table_rows(codebook_text(codebook), column)[1:]]
    return listed or [code for code in dict.fromkeys(re.findall(r"`([^`]+)`", column_meaning(codebook, column)))
                      if not FILE_NAME.fullmatch(code)]


def code_aliases(codebook: str, column: str) -> dict[str, str]:
    """The other words the codebook gives for a code in ``column``'s row: `up to` (also "can soar to") gives
    {"can soar to": "up to"}."""
    return {alias: code for code, also in re.findall(r'`([^`]+)` \(also ([^)]*)\)', column_meaning(codebook, column))
            for alias in re.findall(r'"([^"]+)"', also)}


def hedge_convention(hedge: str) -> str:
    """The clause of claims.md's convention "Hedges as intervals" that applies to ``hedge``."""
    paragraph = next((p for p in codebook_text("claims.md").split("\n\n") if p.startswith("**Hedges as intervals")), "")
    if not paragraph:
        raise DataError("codebooks/claims.md: the paragraph **Hedges as intervals** is missing")
    convention = " ".join(paragraph.split("**", 2)[2].split()).lstrip(": ").replace("`", "")
    for clause in convention.split(";"):
        quoted = re.findall(r'"([^"]+)"', clause)
        if hedge == "none" and clause.strip().startswith("no hedge") or any(
                hedge == word or hedge.startswith(word + " ") for word in quoted):
            return clause.strip().rstrip(".")
    return convention


def code_definition(codebook: str, column: str, code: str) -> str:
    """The codebook's words for ``code`` in ``column``: its row in the code table, its ``(definition)`` in the
    column's row, the whole row if it is short, else just the code."""
    header, *body = table_rows(codebook_text(codebook), column) or [[]]
    rows = {row[0]: row for row in body}
    if code in rows:
        return f"{code}: {header[1]} {rows[code][1]}".replace("... ", "") + (f" (e.g. {rows[code][2]})" if len(rows[code]) > 2 else "")
    meaning = column_meaning(codebook, column)
    match = re.search(rf"`{re.escape(code)}`( \([^)]*\)| if [^,;]*)", meaning)
    if match:
        return match[0].replace("`", "")
    return meaning.replace("`", "") if len(meaning) < 120 else code


def rule(codebook: str, table: str, column: str, book_row: pd.Series) -> str:
    """The codebook rule that decides ``column`` for this unit of ``table``, with the book's reading where the
    table has one."""
    if table == "claims":
        if column == "quantity":
            reading = f"; the book reads this figure as \"{book_row['scope']}\"" if book_row.get("scope") else ""
            return f"quantity is {column_meaning(codebook, 'quantity').split(',')[0]}{reading}"
        convention = hedge_convention(book_row["hedge"])  # decides hedge, low and high alike
        alias = code_definition(codebook, "hedge", book_row["hedge"])
        return f"{alias}; {convention}" if alias != book_row["hedge"] else convention
    definition = code_definition(codebook, column, book_row[column])
    if table == "sources":
        speaker = f" (the speaker as written: {book_row['speaker_as_written']})" if column != "kind" else ""
        return construction_rule(codebook, book_row["span"]) or definition + speaker
    return definition


def construction_rule(codebook: str, span: str) -> str:
    """The first rule of the codebook's list "The same construction, the same code" whose quoted example words
    stand in ``span``, or "" if none does."""
    paragraph = next((p for p in codebook_text(codebook).split("\n\n") if p.startswith("**The same construction")), "")
    for bullet in (" ".join(bullet.split()) for bullet in re.split(r"\n- ", paragraph)[1:]):
        examples = [example.strip(" .,") for example in re.findall(r'"([^"]+)"', bullet)]
        if any(example and example.casefold() in span.casefold() for example in examples):
            return bullet.rstrip(";.").replace("`", "")
    return ""
