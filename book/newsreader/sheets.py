"""Coding sheets: the sample of units a coding exercise hands out, the student's decisions read as codes, and
saving a coding so that a class can pool its codings (``newsreader.reliability``).

Each coding exercise samples one coded table of data/: ``coding_sheet("numbers-coding")`` gives one row per unit,
its verbatim span, its article and context, and empty decision columns. The codes each column allows come from the
table's codebook (``newsreader.codebooks``).
"""
import math
import re
from numbers import Integral
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import record
from .answers import shown
from .codebooks import code_aliases, codes
from .corpus import load_articles
from .errors import DataError
from .files import WriteRefused, read_csv, write_file
from .tables import SCHEMAS, load_table
from .text import folded, paragraphs, sentences

MY_CODING = Path(__file__).resolve().parents[1] / "my-coding"  # beside the notebooks
PLACEHOLDER = "your-name"  # what the chapters' prose shows in place of a student's name
NO_BOUND = "none"  # what to write in an open-ended number column (``high`` of "more than 80")
TOLERANCE = 0.005  # numbers agree within 0.5 % (99,999 and 100,000 are the same upper bound)


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
    interval: tuple[str, ...] = ()  # two numeric columns, the low end and the high end of one interval

    @property
    def unit_column(self) -> str:
        return SCHEMAS[self.table].key

    @property
    def columns(self) -> list[str]:
        return [self.unit_column, "article_id", "span", "context", *self.decisions]


# Every article appears in every sample, and the units were chosen for the codebook's hard cases; none is one of
# the codebook's examples (a test checks it). A unit is named by its article and words of its span (not by its row
# id), so that renumbering a table does not change the sample.
CODING_EXERCISES = {
    exercise.id: exercise
    for exercise in (
        CodingExercise(
            id="numbers-coding", table="claims", codebook="claims.md", context="sentence",
            # roughly, hundreds of, -plus, up to (a capacity; "can soar to"), no hedge, a hedge carried over from
            # the figure before ("about 75 kilometers (47 miles)"), over, more than
            sample=(("000", "roughly 15,000 inmates"), ("000", "hundreds of suspected"), ("000", "80-plus acres"),
                    ("001", "up to 40,000"), ("001", "$6 million for one year"), ("002", "(47 miles)"),
                    ("002", "over 200 years"), ("003", "more than 20,000"), ("004", "soar to 35")),
            decisions=("quantity", "hedge", "low", "high"), numeric=("low", "high"), open_ended=("high",),
            interval=("low", "high"),
        ),
        CodingExercise(
            id="speaks-coding", table="sources", codebook="sources.md", context="paragraph",
            # anonymous vs unattributed vs unnamed experts; "it was reported"; "according to" an outlet; partial
            # quote vs paraphrase; an institution as speaker; an international body; a speaker known only by role
            sample=(("000", "According to The Wall Street Journal"), ("000", "described the arrangement as"),
                    ("000", "experts are warning"), ("001", "it was reported"), ("001", "Sources told"),
                    ("002", "in a post on X"), ("003", "government of El Salvador also announced"), ("004", "Prevention of Torture"),
                    ("004", "considered one of the most secure"), ("004", "director told her")),
            decisions=("speaker_type", "named", "kind"),
        ),
        CodingExercise(
            id="framing-coding", table="frames", codebook="frames.md", context="sentence before",
            # most are sentences where the keyword dictionary (pass 2) and the reading in context (pass 1) differ
            sample=(("000", "about five more places"), ("000", "for less money"), ("000", "deportation flights"),
                    ("001", "double the size of the maximum-security"), ("001", "Kilmar Abrego Garcia"),
                    ("002", "first overseas trip"), ("002", "CCTV cameras"), ("003", "offers Trump his mega-prison"),
                    ("003", "two implications"), ("003", "only convicted criminals"), ("004", "worst prison"),
                    ("004", "oppressive heat")),
            decisions=("frame",),
        ),
    )
}


def coding_exercise(exercise_id: str) -> CodingExercise:
    if exercise_id not in CODING_EXERCISES:
        raise DataError(f"{exercise_id!r} is not a coding exercise; they are {sorted(CODING_EXERCISES)}")
    return CODING_EXERCISES[exercise_id]


def vocabulary(exercise_id: str) -> dict[str, list[str]]:
    """The codes allowed in each text decision column of the exercise, from its codebook."""
    spec = coding_exercise(exercise_id)
    return {column: codes(spec.codebook, column) for column in spec.decisions if column not in spec.numeric}


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
    text = folded(value).replace(",", "").replace(" ", "")
    if open_ended and text == NO_BOUND:
        return NO_BOUND
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def read_decisions(table: pd.DataFrame, spec: CodingExercise, allowed: dict[str, list[str]] | None = None
                   ) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """The decisions of ``table`` as canonical codes ("" where blank; numbers as floats or NO_BOUND), and the
    problems found: (row position, column, message) for every cell that is not a code of its column.

    ``allowed`` gives the codes of each text column (by default the codebook's)."""
    allowed = vocabulary(spec.id) if allowed is None else allowed
    canonical = {column: {folded(code): code for code in allowed[column]} for column in allowed}
    aliases = {column: {folded(alias): code for alias, code in code_aliases(spec.codebook, column).items()} for column in allowed}
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
                parsed = canonical[column].get(folded(value)) if isinstance(value, str) else None
                alias = aliases[column].get(folded(value)) if isinstance(value, str) and parsed is None else None
                if alias:
                    problems.append((position, column, f"{shown(value)} is one of the words the codebook codes as {alias!r}: write {alias!r}"))
                elif parsed is None:
                    problems.append((position, column, f"{shown(value)} is not a code of {column} (the codes: {', '.join(allowed[column])})"))
            decisions.iat[position, spec.decisions.index(column)] = parsed if parsed is not None else ""
    return decisions, problems


def impossible_intervals(decisions: pd.DataFrame, spec: CodingExercise) -> list[str]:
    """The units whose interval ends before it starts (a low end above the high end)."""
    if not spec.interval:
        return []
    low, high = spec.interval
    return [unit for unit, row in decisions.iterrows()
            if isinstance(row[low], float) and isinstance(row[high], float) and row[low] > row[high]]


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


# --- The sheet, saving and loading -------------------------------------------------------------------------------

class CodingSheet(pd.DataFrame):
    """A coding sheet: a DataFrame whose columns take any value, whatever was written in them before. A column
    assigned numbers as a list (``sheet["low"] = [13500, ...]``) is kept as objects, so that writing "none" into one
    of its cells later is no change of type (pandas warns about one, and will refuse it)."""

    @property
    def _constructor(self):
        return CodingSheet

    def __reduce_ex__(self, protocol):
        return pd.DataFrame, (), pd.DataFrame(self).__getstate__()  # pickled as a plain DataFrame, all the grader unpickles

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        for column in ([key] if isinstance(key, str) else key if isinstance(key, list) else []):
            if column in self.columns and self[column].dtype != object:
                super().__setitem__(column, self[column].astype(object))


def coding_sheet(exercise_id: str) -> pd.DataFrame:
    """The sheet to code: one row per unit with its id, article, verbatim span and context; decisions empty ("")."""
    spec = coding_exercise(exercise_id)
    table = load_table(spec.table)
    rows = sample_rows(spec, table)
    texts = load_articles().set_index("id")["text"]
    sheet = rows[[spec.unit_column, "article_id", "span"]].copy()
    sheet["context"] = [context_of(spec, row, table, texts[row["article_id"]]) for _, row in rows.iterrows()]
    for column in spec.decisions:
        sheet[column] = ""
    return CodingSheet(sheet.reset_index(drop=True))


def sample_rows(spec: CodingExercise, table=None) -> pd.DataFrame:
    """The rows of the sample in its table, in the sample's order, indexed by unit id."""
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
    return list(sample_rows(spec).index)


def context_of(spec: CodingExercise, row: pd.Series, table: pd.DataFrame, text: str) -> str:
    if spec.context == "sentence before":
        article = table.loc[table["article_id"] == row["article_id"], "span"].tolist()
        position = article.index(row["span"])
        return article[position - 1] if position else ""
    pieces = sentences(text) if spec.context == "sentence" else paragraphs(text)
    return next((piece for piece in pieces if row["span"] in piece), next(p for p in paragraphs(text) if row["span"] in p))


def as_csv_text(table: pd.DataFrame, spec: CodingExercise) -> str:
    decisions, _ = read_decisions(table, spec)
    out = table[spec.columns].astype(object).copy()
    for column in spec.decisions:
        out[column] = [format_number(value) if isinstance(value, float) else value for value in decisions[column]]
    return out.to_csv(index=False, lineterminator="\n")


def sheet_problem(table, spec: CodingExercise, units: list[str]) -> str | None:
    """What keeps ``table`` from being read as a coding sheet of ``spec`` for ``units`` (its first problem), or None."""
    if not isinstance(table, pd.DataFrame):
        return f"expected the coding sheet (a pandas DataFrame from coding_sheet({spec.id!r})), but got {type(table).__name__}"
    missing = [column for column in (spec.unit_column, *spec.decisions) if column not in table.columns]
    if missing:
        return f"the DataFrame is missing column(s) {missing}; start from coding_sheet({spec.id!r})"
    added = [label for label, unit in zip(table.index, table[spec.unit_column]) if is_blank(unit) and not isinstance(label, Integral)]
    if added:
        return (f"a row labelled {shown(added[0])} was added at the bottom: in my_coding.loc[row, column] = ... the row is "
                "the number on the left (0, 1, 2 ...), not the unit id; by unit id, write my_coding.loc[my_coding"
                f"[{spec.unit_column!r}] == {shown(added[0])}, {spec.decisions[0]!r}] = ... instead. Start again from "
                f"coding_sheet({spec.id!r})")
    try:
        require_units(table[spec.unit_column], units, "the sheet")
    except DataError as error:
        return str(error)
    return None


class SavedPath(type(Path())):
    """The path of a saved coding, which a notebook shows as a sentence rather than as PosixPath('...')."""

    def _repr_pretty_(self, printer, cycle):
        printer.text(f"Saved to {self}")


def save_coding(table: pd.DataFrame, exercise_id: str, coder: str | None = None, folder=None, overwrite: bool = False) -> Path:
    """Write ``table`` (your coding sheet) to ``FOLDER/<exercise_id>/<coder>.csv`` and return the path.

    ``coder`` is your name, as it becomes the file name: letters (accents are fine), digits, - and _. Give it once: it
    is remembered beside the notebooks (``my-progress.json``), and every later ``save_coding`` in every chapter uses
    it. FOLDER is ``my-coding/`` beside the notebooks unless given. A class pools the files of one exercise in one
    folder and runs ``python3 tasks.py agreement FOLDER``. An existing file with other contents is never replaced
    unless ``overwrite=True``; saving the same coding again is fine.
    """
    spec = coding_exercise(exercise_id)
    name = coder_name(coder, exercise_id)
    problem = sheet_problem(table, spec, unit_ids(spec)) or next((f"unit {table[spec.unit_column].iloc[p]}, column {c}: {m}" for p, c, m in
                                                                  read_decisions(table, spec)[1]), None)
    if problem:
        raise DataError(f"not saved: {problem}")
    text = as_csv_text(table, spec)
    folder = Path(folder if folder is not None else MY_CODING)
    try:
        path = write_file(folder, f"{exercise_id}/{name}.csv", text, fallbacks=lambda file: (),
                          replaceable=lambda path: overwrite or path.read_text(encoding="utf-8", errors="replace") == text)
    except WriteRefused as refused:
        taken = (folder / exercise_id / f"{name}.csv").is_file()
        raise DataError(f"{folder / exercise_id / (name + '.csv')}: a different coding is already saved there; use another "
                        "coder name, or save_coding(..., overwrite=True) to replace it" if taken else f"not saved: {refused}") from None
    remembered = record.remember_name(name)
    blank = table[list(spec.decisions)].apply(lambda column: column.isna() | (column.astype(str).str.strip() == ""))
    if blank.any(axis=1).any():
        print(f"Saved {path}, with {int(blank.any(axis=1).sum())} of {len(table)} units not fully coded yet: the "
              "agreement command counts their blank cells as missing. Save again when you have coded them.")
    if remembered:
        print(remembered)
    return SavedPath(path)


def coder_name(coder, exercise_id: str) -> str:
    """The name a coding is saved under: ``coder``, or the one given before; DataError for a placeholder ("your-name",
    or ``...`` left as it is), which would make every student who keeps it write the same file, or a name that is no
    file name. The book shows no example name, which students would copy into one file name (a test keeps it so)."""
    if coder is None:
        if record.student_name():
            return record.student_name()
        raise DataError(f'give your own name once: save_coding(my_coding, "{exercise_id}", coder="...") with your name '
                        "between the quotes (letters, digits, - and _); later saves remember it")
    if coder is Ellipsis:
        raise DataError("replace the ... after coder= with your own name, in quotes: every student who keeps the ... "
                        "would save to the same file")
    name = unicodedata.normalize("NFC", str(coder).strip())
    if name.casefold() == PLACEHOLDER:
        raise DataError(f'replace "{PLACEHOLDER}" with your own name: every student who keeps "{PLACEHOLDER}" would '
                        "save to the same file")
    if not re.fullmatch(r"[^\W_][\w-]*", name):
        raise DataError(f"coder name {shown(coder)}: use letters (accents are fine), digits, - and _ only "
                        "(it becomes the file name)")
    return name


def exercise_of_columns(columns) -> CodingExercise | None:
    """The coding exercise whose sheet has these columns (its unit id first), or None."""
    columns = list(columns)
    return next((spec for spec in CODING_EXERCISES.values()
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
