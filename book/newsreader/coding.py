"""Coding exercises: the student codes a sample of units by a codebook, and sees how far they agree with the book.

Each chapter hands out a coding sheet (``coding_sheet("numbers-coding")``): one row per unit, the verbatim span,
its article and context, and empty decision columns. ``check()`` never calls a coding right or wrong: it reports
the agreement with the book's coding, column by column (percent and Cohen's kappa), and the codebook rule behind
each difference. ``save_coding`` writes the sheet to a folder of the student's own, so that a class can pool its
codings and measure its own reliability (``newsreader.reliability``).

The codes allowed in each column and the rules quoted in the feedback are read from the codebooks in
``data/codebooks/`` (the book keeps one copy of them): a column's codes are the names in the codebook table whose
header starts with that column (the frames), else the `backticked` words of the column's row.
"""
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from .answers import normalise, shown, type_name
from .corpus import load_articles
from .errors import DataError
from .files import read_csv, read_text
from .methods.agreement import cohen_kappa, percent_agreement
from .paths import data_dir
from .tables import SCHEMAS, load_table
from .text import paragraphs, sentences

MY_CODING = Path(__file__).resolve().parents[1] / "my-coding"  # beside the notebooks
NO_BOUND = "none"  # what to write in an open-ended number column (``high`` of "more than 80")
TOLERANCE = 0.005  # numbers agree within 0.5 % (99,999 and 100,000 are the same upper bound)
SHOWN = 8  # differences listed in a check message; the rest are counted


@dataclass(frozen=True)
class CodingExercise:
    """A sample of one coded table for the student to code again."""

    id: str
    table: str  # the table in data/ that holds the book's coding
    codebook: str  # its codebook in data/codebooks/
    sample: tuple[tuple[str, str], ...]  # the units: (article number, words of the span), one row each
    decisions: tuple[str, ...]  # the columns the student fills in
    context: str  # what the sheet's context column holds: "sentence", "paragraph" or "sentence before"
    numeric: tuple[str, ...] = ()  # decision columns holding numbers, compared with a tolerance
    open_ended: tuple[str, ...] = ()  # numeric columns where NO_BOUND means "no bound"

    @property
    def unit_column(self) -> str:
        return SCHEMAS[self.table].key

    @property
    def columns(self) -> list[str]:
        return [self.unit_column, "article_id", "span", "context", *self.decisions]


# Every article appears in every sample, and the units were chosen for the codebook's hard cases. A unit is named
# by its article and words of its span (not by its row id), so that renumbering a table does not change the sample.
EXERCISES = {
    exercise.id: exercise
    for exercise in (
        CodingExercise(
            id="numbers-coding", table="claims", codebook="claims.md", context="sentence",
            # roughly, hundreds of, -plus, up to (a capacity; "can soar to"), no hedge, tens of thousands, over
            sample=(("000", "roughly 15,000 inmates"), ("000", "hundreds of suspected"), ("000", "80-plus acres"),
                    ("001", "up to 40,000"), ("001", "$6 million for one year"), ("002", "tens of thousands"),
                    ("002", "over 200 years"), ("003", "more than 20,000"), ("004", "soar to 35")),
            decisions=("quantity", "hedge", "low", "high"), numeric=("low", "high"), open_ended=("high",),
        ),
        CodingExercise(
            id="speaks-coding", table="sources", codebook="sources.md", context="paragraph",
            # anonymous vs unattributed vs unnamed experts; "it was reported"; partial quote vs paraphrase;
            # an institution as speaker; a speaker known only by role
            sample=(("000", "according to people familiar"), ("000", "described the arrangement as"),
                    ("000", "experts are warning"), ("001", "it was reported"), ("001", "Sources told"),
                    ("002", "in a post on X"), ("003", "Washington promised"), ("004", "is believed to host"),
                    ("004", "considered one of the most secure"), ("004", "director told her")),
            decisions=("speaker_type", "named", "kind"),
        ),
        CodingExercise(
            id="framing-coding", table="frames", codebook="frames.md", context="sentence before",
            # most are sentences where the keyword dictionary (pass 2) and the reading in context (pass 1) differ
            sample=(("000", "about five more places"), ("000", "$6 million annually"), ("000", "deportation flights"),
                    ("001", "double the size of the maximum-security"), ("001", "Kilmar Abrego Garcia"),
                    ("002", "outsource part of its prison system"), ("002", "first overseas trip"),
                    ("002", "riot police guard"), ("003", "two implications"), ("003", "only convicted criminals"),
                    ("004", "worst prison"), ("004", "oppressive heat")),
            decisions=("frame",),
        ),
    )
}


def exercise(exercise_id: str) -> CodingExercise:
    if exercise_id not in EXERCISES:
        raise DataError(f"{exercise_id!r} is not a coding exercise; they are {sorted(EXERCISES)}")
    return EXERCISES[exercise_id]


# --- The codebooks: codes and rules, read from data/codebooks/ -------------------------------------------------

@cache
def codebook_text(name: str) -> str:
    return read_text(data_dir() / "codebooks" / name)


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


def vocabulary(exercise_id: str) -> dict[str, list[str]]:
    """The codes allowed in each text decision column of the exercise, from its codebook."""
    spec = exercise(exercise_id)
    codes = {}
    for column in spec.decisions:
        if column in spec.numeric:
            continue
        listed = [row[0] for row in table_rows(codebook_text(spec.codebook), column)[1:]]
        codes[column] = listed or list(dict.fromkeys(re.findall(r"`([^`]+)`", column_meaning(spec.codebook, column))))
    return codes


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


def rule(spec: CodingExercise, column: str, book_row: pd.Series) -> str:
    """The codebook rule that decides ``column`` for this unit, with the book's reading where the table has one."""
    if spec.table == "claims":
        if column == "quantity":
            reading = f"; the book reads this figure as \"{book_row['scope']}\"" if book_row.get("scope") else ""
            return f"quantity is {column_meaning(spec.codebook, 'quantity').split(',')[0]}{reading}"
        convention = hedge_convention(book_row["hedge"])  # decides hedge, low and high alike
        alias = code_definition(spec.codebook, "hedge", book_row["hedge"])
        return f"{alias}; {convention}" if alias != book_row["hedge"] else convention
    definition = code_definition(spec.codebook, column, book_row[column])
    if spec.table == "sources":
        speaker = f" (the speaker as written: {book_row['speaker_as_written']})" if column != "kind" else ""
        return construction_rule(spec.codebook, book_row["span"]) or definition + speaker
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


# --- Reading a coding: codes and numbers, with clear messages ---------------------------------------------------

def is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value.strip())


def format_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def read_number(value, open_ended: bool):
    """A number cell as a float, NO_BOUND where allowed, or None if it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = normalise(value).replace(",", "").replace(" ", "")
    if open_ended and text == NO_BOUND:
        return NO_BOUND
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def read_decisions(table: pd.DataFrame, spec: CodingExercise) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """The decisions of ``table`` as canonical codes ("" where blank; numbers as floats or NO_BOUND), and the
    problems found: (row position, column, message) for every cell that is not a code of its column."""
    codes = vocabulary(spec.id)
    canonical = {column: {normalise(code): code for code in codes[column]} for column in codes}
    decisions = pd.DataFrame(index=table[spec.unit_column].astype(str).str.strip(), columns=list(spec.decisions), dtype=object)
    problems = []
    for position, (_, row) in enumerate(table.iterrows()):
        for column in spec.decisions:
            value = row[column]
            if is_blank(value):
                decisions.iat[position, spec.decisions.index(column)] = ""
                continue
            if column in spec.numeric:
                parsed = read_number(value, column in spec.open_ended)
                if parsed is None:
                    allowed = f" or {NO_BOUND!r} for no bound" if column in spec.open_ended else ""
                    problems.append((position, column, f"{shown(value)} is not a number{allowed}"))
            else:
                parsed = canonical[column].get(normalise(value)) if isinstance(value, str) else None
                if parsed is None:
                    problems.append((position, column, f"{shown(value)} is not a code of {column} (the codes: {', '.join(codes[column])})"))
            decisions.iat[position, spec.decisions.index(column)] = parsed if parsed is not None else ""
    return decisions, problems


def labels(decisions: pd.Series, reference: pd.Series, numeric: bool) -> list[str]:
    """Codes as comparable labels: a number within the tolerance of the reference's number takes its label."""
    if not numeric:
        return list(decisions)
    return [snap(value, [ref]) for value, ref in zip(decisions, reference)]


def snap(value, earlier: list) -> str:
    """The label of a number: that of the first ``earlier`` number within the tolerance, else its own."""
    if isinstance(value, float):
        for other in earlier:
            if isinstance(other, float) and math.isclose(value, other, rel_tol=TOLERANCE, abs_tol=1e-9):
                return format_number(other)
        return format_number(value)
    return value  # "" (blank) or NO_BOUND


# --- The sheet, the book's coding, saving and loading ----------------------------------------------------------

def coding_sheet(exercise_id: str) -> pd.DataFrame:
    """The sheet to code: one row per unit with its id, article, verbatim span and context; decisions empty ("")."""
    spec = exercise(exercise_id)
    table = load_table(spec.table)
    rows = book_rows(spec, table)
    texts = load_articles().set_index("id")["text"]
    sheet = rows[[spec.unit_column, "article_id", "span"]].copy()
    sheet["context"] = [context_of(spec, row, table, texts[row["article_id"]]) for _, row in rows.iterrows()]
    for column in spec.decisions:
        sheet[column] = ""
    return sheet.reset_index(drop=True)


def book_rows(spec: CodingExercise, table=None) -> pd.DataFrame:
    """The book's coding of the sample: the rows of its table, in the sample's order, indexed by unit id."""
    table = load_table(spec.table) if table is None else table
    chosen = []
    for article, words in spec.sample:
        found = table.index[table[spec.unit_column].str.startswith(article + "-") & table["span"].str.contains(words, regex=False)]
        if len(found) != 1:
            raise DataError(f"{spec.table}.csv: the sample of {spec.id} needs one row of article {article} whose span "
                            f"contains {words!r}, but there are {len(found)}")
        chosen.append(found[0])
    return table.loc[chosen].set_index(spec.unit_column, drop=False)


def unit_ids(spec: CodingExercise) -> list[str]:
    return list(book_rows(spec).index)


def context_of(spec: CodingExercise, row: pd.Series, table: pd.DataFrame, text: str) -> str:
    if spec.context == "sentence before":
        article = table.loc[table["article_id"] == row["article_id"], "span"].tolist()
        position = article.index(row["span"])
        return article[position - 1] if position else ""
    pieces = sentences(text) if spec.context == "sentence" else paragraphs(text)
    return next((piece for piece in pieces if row["span"] in piece), next(p for p in paragraphs(text) if row["span"] in p))


def book_coding(exercise_id: str) -> pd.DataFrame:
    """The coding sheet filled in with the book's coding: the key of the exercise."""
    spec = exercise(exercise_id)
    sheet, rows = coding_sheet(exercise_id), book_rows(spec)
    for column in spec.decisions:
        if column in spec.numeric:
            sheet[column] = [NO_BOUND if pd.isna(value) else format_number(value) for value in rows[column]]
        else:
            sheet[column] = rows[column].tolist()
    return sheet


# Plausible systematic mistakes, for the exercises' feedback.

def coding_without_hedges() -> pd.DataFrame:
    """The numbers sample coded as if no hedge widened a number: hedge none, low = high = the number written."""
    sheet, rows = book_coding("numbers-coding"), book_rows(EXERCISES["numbers-coding"])
    sheet["hedge"] = "none"
    sheet["low"] = sheet["high"] = [format_number(value) for value in rows["value"]]
    return sheet


def coding_by_quotation_marks() -> pd.DataFrame:
    """The sources sample with every span holding quotation marks coded "direct quote", the others "paraphrase"."""
    sheet = book_coding("speaks-coding")
    sheet["kind"] = ["direct quote" if re.search(r"[\"“”]", span) else "paraphrase" for span in sheet["span"]]
    return sheet


def coding_by_keywords() -> pd.DataFrame:
    """The frames sample coded by the keyword dictionary (the book's pass 2), which cannot see context."""
    sheet = book_coding("framing-coding")
    sheet["frame"] = book_rows(EXERCISES["framing-coding"])["frame_pass2"].tolist()
    return sheet


def as_csv_text(table: pd.DataFrame, spec: CodingExercise) -> str:
    decisions, _ = read_decisions(table, spec)
    out = table[spec.columns].astype(object).copy()
    for column in spec.decisions:
        out[column] = [format_number(value) if isinstance(value, float) else value for value in decisions[column]]
    return out.to_csv(index=False, lineterminator="\n")


def save_coding(table: pd.DataFrame, exercise_id: str, coder: str, folder=None, overwrite: bool = False) -> Path:
    """Write ``table`` (your coding sheet) to ``FOLDER/<exercise_id>/<coder>.csv`` and return the path.

    FOLDER is ``my-coding/`` beside the notebooks unless given. A class pools the files of one exercise in one
    folder and runs ``python3 tasks.py agreement FOLDER``. An existing file with other contents is never
    replaced unless ``overwrite=True``; saving the same coding again is fine.
    """
    spec = exercise(exercise_id)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", str(coder)):
        raise DataError(f"coder name {shown(coder)}: use letters, digits, - and _ only (it becomes the file name)")
    problem = CodingAgreement(exercise_id).problem(table)
    if problem:
        raise DataError(f"not saved: {problem}")
    path = Path(folder if folder is not None else MY_CODING) / exercise_id / f"{coder}.csv"
    text = as_csv_text(table, spec)
    if path.exists() and not overwrite and path.read_text(encoding="utf-8", errors="replace") != text:
        raise DataError(f"{path}: a different coding is already saved there; "
                        "use another coder name, or save_coding(..., overwrite=True) to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    blank = table[list(spec.decisions)].apply(lambda column: column.isna() | (column.astype(str).str.strip() == ""))
    if blank.any(axis=1).any():
        print(f"Saved {path}, with {int(blank.any(axis=1).sum())} of {len(table)} units not fully coded yet: the "
              "agreement command counts their blank cells as missing. Save again when you have coded them.")
    return path


def exercise_of_columns(columns) -> CodingExercise | None:
    """The coding exercise whose sheet has these columns (its unit id first), or None."""
    columns = list(columns)
    return next((spec for spec in EXERCISES.values()
                 if columns and columns[0] == spec.unit_column and set(spec.decisions) <= set(columns)), None)


def load_coding(path) -> pd.DataFrame:
    """Read back a coding saved by ``save_coding``: the sheet, with every cell as text ("" where blank).

    Raises DataError naming the file (and row) if it cannot be read, is not a known coding sheet, lacks or adds
    units, or holds a code its column does not allow.
    """
    path = Path(path)
    table = read_csv(path, columns=())
    spec = exercise_of_columns(table.columns)
    if spec is None:
        raise DataError(f"{path.name}: not a coding sheet (its columns are {list(table.columns)}; "
                        f"a sheet starts with claim_id, source_id or sentence_id and has the decision columns)")
    require_units(table[spec.unit_column], unit_ids(spec), path.name)
    _, problems = read_decisions(table, spec)
    if problems:
        position, column, message = problems[0]
        raise DataError(f"{path.name}, row {position + 2} ({table[spec.unit_column].iloc[position]}), column {column}: {message}")
    return table


def require_units(units, expected, where: str) -> None:
    """Raise DataError naming ``where`` if ``units`` are not exactly the ``expected`` ids, once each."""
    units = [str(unit).strip() for unit in units]
    missing = [unit for unit in expected if unit not in units]
    extra = [unit for unit in units if unit not in expected]
    repeated = sorted({unit for unit in units if units.count(unit) > 1})
    parts = ([f"missing unit(s) {', '.join(missing)}"] if missing else []) + (
        [f"unit(s) not in the sample {', '.join(map(shown, extra))}"] if extra else []) + (
        [f"unit(s) listed twice {', '.join(repeated)}"] if repeated else [])
    if parts:
        raise DataError(f"{where}: " + "; ".join(parts))


# --- The answer kind -------------------------------------------------------------------------------------------

class CodingAgreement:
    """A coding sheet, compared with the book's coding by agreement, never as right or wrong.

    ``assess`` gives "not attempted" (nothing coded), "not yet" (some units left) or "coded" with the agreement
    per column and the codebook rule behind each difference.
    """

    def __init__(self, exercise_id: str):
        self.spec = EXERCISES[exercise_id]

    @property
    def expects(self) -> str:
        return (f"the coding sheet (a pandas DataFrame from coding_sheet({self.spec.id!r})) "
                f"with the column(s) {', '.join(self.spec.decisions)} filled in")

    def problem(self, answer):
        if not isinstance(answer, pd.DataFrame):
            return f"expected {self.expects}, but got {type_name(answer)}"
        missing = [column for column in (self.spec.unit_column, *self.spec.decisions) if column not in answer.columns]
        if missing:
            return f"the DataFrame is missing column(s) {missing}; start from coding_sheet({self.spec.id!r})"
        try:
            require_units(answer[self.spec.unit_column], unit_ids(self.spec), "the sheet")
            _, problems = read_decisions(answer, self.spec)
        except DataError as error:
            return str(error)
        if problems:
            position, column, message = problems[0]
            more = f" ({len(problems) - 1} more cell(s) like it)" if len(problems) > 1 else ""
            return f"unit {answer[self.spec.unit_column].iloc[position]}, column {column}: {message}{more}"
        return None

    def compared(self, answer, key) -> tuple[list[str], dict[str, tuple[list[str], list[str]]]]:
        """The units in the sample's order, and for each decision column the answer's labels and the key's."""
        mine, _ = read_decisions(answer, self.spec)
        book, _ = read_decisions(key, self.spec)
        mine = mine.loc[book.index]
        return list(book.index), {
            column: (labels(mine[column], book[column], column in self.spec.numeric),
                     labels(book[column], book[column], column in self.spec.numeric))
            for column in self.spec.decisions}

    def matches(self, answer, key) -> bool:
        _, columns = self.compared(answer, key)
        return all(yours == books for yours, books in columns.values())

    def feedback(self, answer, key) -> str:
        return ""  # a coding is never wrong: assess() reports the agreement

    def assess(self, answer, key) -> tuple[str, str]:
        units, columns = self.compared(answer, key)
        left = [unit for i, unit in enumerate(units) if any(yours[i] == "" for yours, _ in columns.values())]
        if len(left) == len(units) and not any(value for yours, _ in columns.values() for value in yours):
            return "not attempted", f"fill in {', '.join(self.spec.decisions)} for each of the {len(units)} units."
        if left:
            return "not yet", f"{len(left)} of {len(units)} units still to code ({', '.join(left)})."
        return "coded", self.agreement_message(units, columns)

    def rule(self, column, book_row) -> str:
        try:
            return rule(self.spec, column, book_row)
        except DataError as error:  # check() never raises: say what is wrong with the codebook instead
            return f"(the rule could not be read: {error})"

    def agreement_message(self, units, columns) -> str:
        lines = ["agreement with the book's coding:"]
        for column, (yours, books) in columns.items():
            agree = sum(a == b for a, b in zip(yours, books))
            lines.append(f"  {column}: {agree} of {len(books)} agree ({percent_agreement(yours, books):.0%}), "
                         f"κ = {cohen_kappa(yours, books):.2f}")
        rows = book_rows(self.spec)
        differences = {}  # (unit, rule) -> the columns it decides, with both codes
        for i, unit in enumerate(units):
            for column, (yours, books) in columns.items():
                if yours[i] != books[i]:
                    differences.setdefault((unit, self.rule(column, rows.loc[unit])), []).append((column, yours[i], books[i]))
        if not differences:
            return "\n".join(lines + ["Every decision agrees with the book's."])
        lines.append("Where you differ, the codebook rule the book applied (either reading can be argued: discuss it):")
        for (unit, reason), cells in list(differences.items())[:SHOWN]:
            names, mine, book = ("/".join(str(cell[k]) for cell in cells) for k in range(3))
            lines.append(f"  {unit} {names}: you {mine}, the book {book}. Codebook: {reason}.")
        if len(differences) > SHOWN:
            lines.append(f"  ... and {len(differences) - SHOWN} more.")
        return "\n".join(lines)
