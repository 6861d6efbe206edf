"""A class measures its own reliability: several coders' tables for the same units, one report.

A folder holds one CSV per coder (the file name, without .csv, is the coder's name). The first column is the unit
id and the other columns are decisions; a coding sheet saved by ``newsreader.coding.save_coding`` is recognised,
its context columns are skipped and its codes are checked against the codebook. A file with a problem (not UTF-8,
not a table, other units or columns than most files, a code the codebook does not have) is reported and left out;
every such file is named, and the others are compared.

``agreement_report(folder)`` gives, for every decision column, Krippendorff's alpha over all coders with a bootstrap
95% interval, each coder against the book's coding (for a coding exercise) and against the majority of the other
coders, Cohen's kappa for every pair, and the units with the most disagreement; short enough to read for a class
of 30. The full tables (``coders.csv``, ``pairs.csv``, ``units.csv``, ``columns.csv``) and the figure
(``agreement.png``) go to the subfolder ``agreement/`` of the folder, by the project's rule for writing files (a
file someone changed is kept). ``main(folder)`` is the command ``python3 tasks.py agreement FOLDER``.
"""
import dataclasses
import io
import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from statistics import median

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from .text import folded as normalise
from .sheets import CODING_EXERCISES, CodingExercise, exercise_of_columns, read_decisions, snap
from .errors import DataError
from .files import Written, WriteRefused, numbered, read_csv, require_unique_key, sha256, spreadsheet_cell
from .methods.agreement import (Interval, alpha_interval, describe_codes, is_missing, kappa_interval,
                                most_disagreement, percent_agreement, unit_disagreement)
from .style import BOOK_STYLE, OKABE_ITO

RESULTS, RECORD, FIGURE = "agreement", ".agreement-record.json", "agreement.png"
RELIABLE, TENTATIVE = 0.8, 2 / 3  # Krippendorff (2004), Content Analysis, 2nd ed., p. 241: .800, and .667 for tentative
RESAMPLES, SEED = 1000, 0
BOOK = "(the book)"  # the book's coding, compared with each coder like one more coder
LISTED = 6  # coders (or pairs) named one by one in the printed report; beyond that, the median and the lowest
MESSAGE_LIMIT = 300  # characters of one problem


@dataclass(frozen=True)
class Coders:
    """Every usable coder's decisions: one units × coders table of codes per decision column."""

    names: list[str]
    units: list[str]
    decisions: dict[str, pd.DataFrame]
    exercise: CodingExercise | None
    blanks: list[str]  # one line per file that left cells blank
    skipped: list[str] = field(default_factory=list)  # one line per file left out, with its problem
    book: dict[str, pd.Series] = field(default_factory=dict)  # the book's codes per column, for a coding exercise
    identical: list[list[str]] = field(default_factory=list)  # names of files that are byte for byte the same


def short(text: str, limit: int = MESSAGE_LIMIT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def listed(items: list, shown: int = 5) -> str:
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(str(item) for item in items[:shown]) + more


def read_coders(folder) -> Coders:
    """Read every ``*.csv`` of ``folder``; leave out (and say why) each file with a problem; DataError if fewer than
    two usable files remain."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: not a folder (give the folder that holds one CSV file per coder)")
    paths = sorted(folder.glob("*.csv"))
    tables, skipped = {}, []
    for path in paths:
        try:
            tables[path] = read_table(path)
        except (DataError, OSError) as error:
            skipped.append(short(error))
    spec, reference = common_shape(tables)
    codes = {}
    for path, table in tables.items():
        try:
            if reference is not None:
                require_same_shape(path, table, reference, tables[reference], spec)
            codes[path] = read_codes(path, table, spec)
        except DataError as error:
            skipped.append(short(error))
    if len(codes) < 2:
        found = f"found {len(paths)} coder file(s)" + (f", {len(codes)} usable" if skipped else "")
        inside = sorted(sub.name for sub in folder.iterdir() if sub.is_dir() and any(sub.glob("*.csv")))
        where = (f" (its folders {listed(inside)} hold coder files, one folder per exercise: give one of them, e.g. "
                 f"{folder / inside[0]})") if inside and not paths else ""
        raise DataError("\n".join([f"{folder}: {found}{where}; agreement needs the CSV files of at least two coders",
                                   *skipped[:10]]))
    return dataclasses.replace(assemble(codes, tables[reference], spec, sorted(skipped)),
                               identical=identical_files(list(codes)))


def identical_files(paths: list[Path]) -> list[list[str]]:
    """The names of files that are byte for byte the same, in groups: every one is counted (coders who make the
    same decisions write the same sheet); the report names them for the instructor to judge."""
    groups = {}
    for path in paths:
        groups.setdefault(sha256(path), []).append(path.name)
    return [names for names in groups.values() if len(names) > 1]


def read_table(path: Path) -> pd.DataFrame:
    table = read_csv(path, columns=())
    if len(table.columns) < 2:
        raise DataError(f"{path.name}: needs a unit-id column and at least one decision column (it has "
                        f"{listed(list(table.columns))})")
    require_unique_key(table, table.columns[0], path)
    return table


def common_shape(tables: dict[Path, pd.DataFrame]) -> tuple[CodingExercise | None, Path | None]:
    """The coding exercise most files are (or None), and the first file of the commonest shape (unit ids and, for
    a generic table, columns): the one every other file is compared with."""
    def shape(table):
        spec = exercise_of_columns(table.columns)
        units = tuple(table.iloc[:, 0].str.strip())
        return (spec.id if spec else None, units, None if spec else tuple(table.columns))

    shapes = {path: shape(table) for path, table in tables.items()}
    if not shapes:
        return None, None
    common = Counter(shapes.values()).most_common(1)[0][0]
    reference = next(path for path, found in shapes.items() if found == common)
    return exercise_of_columns(tables[reference].columns), reference


def require_same_shape(path, table, first, first_table, spec) -> None:
    """A coder's file has the reference file's unit-id column, decision columns and units."""
    if table.columns[0] != first_table.columns[0]:
        raise DataError(f"{path.name}: the first column is {table.columns[0]!r}, but in {first.name} it is "
                        f"{first_table.columns[0]!r}")
    columns = list(spec.decisions) if spec else list(first_table.columns[1:])
    missing = [column for column in columns if column not in table.columns]
    extra = [column for column in table.columns[1:] if column not in columns] if spec is None else []
    if missing or extra:
        raise DataError(f"{path.name}: " + "; ".join(
            ([f"missing column(s) {listed(missing)} that {first.name} has"] if missing else [])
            + ([f"column(s) {listed(extra)} that {first.name} does not have"] if extra else [])))
    units, expected = list(table.iloc[:, 0].str.strip()), list(first_table.iloc[:, 0].str.strip())
    missing = [unit for unit in expected if unit not in set(units)]
    extra = [f"{unit} (row {row + 2})" for row, unit in enumerate(units) if unit not in set(expected)]
    if missing or extra:
        raise DataError(f"{path.name}: " + "; ".join(
            ([f"missing unit(s) {listed(missing)} that {first.name} has"] if missing else [])
            + ([f"unit(s) not in {first.name}: {listed(extra)}"] if extra else [])))


def read_codes(path: Path, table: pd.DataFrame, spec) -> pd.DataFrame:
    """The decisions of one coder, indexed by unit: codebook codes if the exercise is known, else normalised text."""
    if spec is None:
        codes = table[table.columns[1:]].map(lambda value: normalise(value) if value.strip() else "")
        return codes.set_index(table.iloc[:, 0].str.strip())
    codes, problems = read_decisions(table, spec)
    if problems:
        position, column, message = problems[0]
        more = f" ({len(problems) - 1} more cell(s) like it)" if len(problems) > 1 else ""
        raise DataError(f"{path.name}, row {position + 2} ({codes.index[position]}), column {column}: {message}{more}")
    return codes


def book_codes(spec: CodingExercise | None) -> pd.DataFrame | None:
    """The book's coding of the exercise's units, or None where it is not known (a generic table; an edition
    without the keys)."""
    if spec is None:
        return None
    try:
        from .exercises.coding import book_decisions  # not in the student edition, which holds no keys
        return book_decisions(spec)
    except (ImportError, DataError):
        return None


def assemble(codes: dict[Path, pd.DataFrame], reference: pd.DataFrame, spec, skipped: list[str]) -> Coders:
    """One table per decision column (numbers snapped to shared labels, the book's coding with them), and the
    blank cells of each file."""
    units = list(reference.iloc[:, 0].str.strip())
    columns = list(spec.decisions) if spec else list(reference.columns[1:])
    book = book_codes(spec)
    decisions, books = {}, {}
    for column in columns:
        table = pd.DataFrame({path.stem: coder[column].loc[units] for path, coder in codes.items()})
        if book is not None:
            table[BOOK] = book[column].reindex(units).fillna("")
        if spec and column in spec.numeric:
            table = table.apply(snap_row, axis=1)
        if book is not None:
            books[column] = table.pop(BOOK)
        decisions[column] = table
    blanks = [blank_cells(path, coder.loc[units, columns]) for path, coder in codes.items()]
    return Coders([path.stem for path in codes], units, decisions, spec, [line for line in blanks if line], skipped,
                  books)


def snap_row(values: pd.Series) -> pd.Series:
    """A unit's numbers as labels: coders whose numbers lie within the tolerance share one label."""
    labels = [snap(value, list(values.iloc[:i])) for i, value in enumerate(values)]
    return pd.Series(labels, index=values.index)


def blank_cells(path: Path, codes: pd.DataFrame) -> str:
    cells = [f"row {row} {column}" for row, (_, values) in enumerate(codes.iterrows(), start=2)
             for column, value in values.items() if isinstance(value, str) and value == ""]
    if not cells:
        return ""
    return f"{path.name} left {len(cells)} cell(s) blank ({listed(cells)}); they count as missing"


# --- Measuring -------------------------------------------------------------------------------------------------

def majority(codes: pd.DataFrame) -> pd.Series:
    """Each unit's most common code among ``codes`` (coders as columns); "" where none is most common alone."""
    def most_common(row) -> str:
        counts = Counter(str(code) for code in row if not is_missing(code)).most_common(2)
        if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
            return ""
        return counts[0][0]

    return codes.apply(most_common, axis=1)


@dataclass(frozen=True)
class Comparison:
    """One coder against a reference (the book, or the other coders' majority)."""

    percent: float
    kappa: Interval
    units: int  # units both coded

    def __str__(self) -> str:
        if math.isnan(self.percent):
            return "no unit in common"
        return f"{self.percent:.0%} (κ {self.kappa.estimate:.2f})"


def compare(codes: pd.Series, reference: pd.Series, resamples: int, seed: int) -> Comparison:
    both = sum(not is_missing(a) and not is_missing(b) for a, b in zip(codes, reference))
    return Comparison(percent_agreement(codes, reference), kappa_interval(codes, reference, resamples=resamples,
                                                                           seed=seed), both)


@dataclass(frozen=True)
class ColumnAgreement:
    """The agreement on one decision column."""

    column: str
    alpha: Interval
    against_book: dict[str, Comparison]  # coder -> comparison ({} without the book's coding)
    against_majority: dict[str, Comparison]  # coder -> comparison with the majority of the others
    pairs: list[tuple[str, str, float, Interval, int]]  # coder, coder, percent agreement, kappa, units both coded
    disagreements: pd.DataFrame  # from most_disagreement
    compared: int  # units that at least two coders coded


def column_agreement(column: str, codings: pd.DataFrame, book: pd.Series | None, resamples=RESAMPLES,
                     seed=SEED) -> ColumnAgreement:
    against_book = {} if book is None else {coder: compare(codings[coder], book, resamples, seed) for coder in codings}
    against_majority = {coder: compare(codings[coder], majority(codings.drop(columns=coder)), resamples, seed)
                        for coder in codings}
    pairs = [(a, b, comparison.percent, comparison.kappa, comparison.units)
             for a, b in combinations(codings.columns, 2)
             for comparison in [compare(codings[a], codings[b], resamples, seed)]]
    return ColumnAgreement(column, alpha_interval(codings, resamples=resamples, seed=seed), against_book,
                           against_majority, pairs, most_disagreement(codings, top=len(codings)),
                           int(unit_disagreement(codings).notna().sum()))


# --- The report ------------------------------------------------------------------------------------------------

def agreement_report(folder, resamples=RESAMPLES, seed=SEED) -> str:
    """The class's agreement as text of at most a few dozen lines; the tables and the figure are written to
    FOLDER/agreement/ (or the next free name, if that is taken by a file or a link)."""
    coders = read_coders(folder)
    results = [column_agreement(column, codings, coders.book.get(column), resamples, seed)
               for column, codings in coders.decisions.items()]
    out = results_folder(Path(folder))
    written = write_tables(out, coders, results)
    about = f" (the coding exercise {coders.exercise.id})" if coders.exercise else ""
    names = f" ({', '.join(coders.names)})" if len(coders.names) <= LISTED else ""
    lines = [f"Agreement of {len(coders.names)} coders{names} on {len(coders.units)} units{about}."]
    lines += coders.blanks[:5] + ([f"... and {len(coders.blanks) - 5} more files left cells blank (see "
                                   "coders.csv)"] if len(coders.blanks) > 5 else [])
    if coders.skipped:
        lines.append(f"Left out {len(coders.skipped)} file(s) with a problem (fix them and run again):")
        lines += [f"  {line}" for line in coders.skipped[:5]]
        lines += [f"  ... and {len(coders.skipped) - 5} more"] if len(coders.skipped) > 5 else []
    if coders.identical:
        lines.append(f"Note: {sum(map(len, coders.identical))} files are byte for byte the same as another (each is "
                     "counted; coders who make every decision alike write the same file, so judge for yourself):")
        lines += [f"  {listed(names)}" for names in coders.identical[:3]]
        lines += [f"  ... and {len(coders.identical) - 3} more groups"] if len(coders.identical) > 3 else []
    for result in results:
        lines += ["", *describe(result)]
    lines += ["", f"{finding(results, len(coders.names))}. Written in {out}: "
              f"{', '.join(path.name for path in written)}. The figure shows, for each column, alpha (dot) and its 95% "
              f"interval (bar), with dashed lines at {TENTATIVE:.3f} (enough for tentative conclusions) and "
              f"{RELIABLE:.3f} (reliable), Krippendorff's thresholds.",
              f"Intervals: percentile bootstrap, {resamples} resamples of the units, seed {seed} (the same files give "
              "the same intervals). With few units the intervals are wide: code more units to narrow them."]
    return "\n".join(lines)


def describe(result: ColumnAgreement) -> list[str]:
    lines = [result.column, f"  Krippendorff's alpha (nominal, all coders): {result.alpha}"]
    if result.against_book:
        lines.append(f"  Each coder against the book's coding: {ranked(result.against_book)}")
    lines.append(f"  Each coder against the majority of the others: {ranked(result.against_majority)}")
    lines.append(f"  Cohen's kappa, pair by pair: {pairs_line(result.pairs)}")
    if result.compared == 0:
        lines.append("  No unit was coded by two coders: there is no agreement to measure.")
    elif result.disagreements.empty:
        lines.append("  Every unit got the same code from every coder.")
    else:
        worst = result.disagreements.head(3)
        lines.append("  Units with the most disagreement: " + "; ".join(f"{unit}: {row.codes}"
                                                                        for unit, row in worst.iterrows()))
    return lines


def ranked(comparisons: dict[str, Comparison]) -> str:
    """Every coder, for a small class; else the median and the lowest three."""
    if len(comparisons) <= LISTED:
        return ", ".join(f"{coder} {comparison}" for coder, comparison in comparisons.items())
    defined = {coder: c for coder, c in comparisons.items() if not math.isnan(c.percent)}
    if not defined:
        return "no unit in common"
    lowest = sorted(defined, key=lambda coder: (defined[coder].percent, coder))[:3]
    return (f"median {median(c.percent for c in defined.values()):.0%}; lowest "
            + ", ".join(f"{coder} {defined[coder]}" for coder in lowest) + " (every coder in coders.csv)")


def pairs_line(pairs: list[tuple]) -> str:
    """Every pair with its interval, for a small class; else the median and the lowest three (intervals in the CSV)."""
    defined = [(a, b, kappa.estimate) for a, b, _, kappa, _ in pairs if not math.isnan(kappa.estimate)]
    if not defined:
        return "undefined (no unit coded by both coders of any pair)"
    if len(pairs) <= 2 * LISTED:
        return "; ".join(f"{a}–{b} {kappa}" for a, b, _, kappa, _ in pairs)
    lowest = sorted(defined, key=lambda pair: pair[2])[:3]
    return (f"median {median(kappa for _, _, kappa in defined):.2f} over {len(defined)} pairs; lowest "
            + ", ".join(f"{a}–{b} {kappa:.2f}" for a, b, kappa in lowest) + " (every pair in pairs.csv)")


# --- The files -------------------------------------------------------------------------------------------------

def results_folder(folder: Path) -> Path:
    """FOLDER/agreement, or the first of agreement-2, agreement-3, ... that is a real folder or free."""
    for name in [RESULTS, *numbered(RESULTS)]:
        path = folder / name
        if not path.is_symlink() and (path.is_dir() or not path.exists()):
            return path
    raise DataError(f"{folder}: every name tried for the results folder is taken; move some files away")


def write_tables(out: Path, coders: Coders, results: list[ColumnAgreement]) -> list[Path]:
    record = Written(out, RECORD)
    tables = {"columns.csv": columns_table(results), "coders.csv": coders_table(results),
              "pairs.csv": pairs_table(results), "units.csv": units_table(coders, results)}
    written = [record.write(name, table.map(spreadsheet_cell).to_csv(index=False)) for name, table in tables.items()]
    written.append(record.write(FIGURE, figure_png(results, len(coders.names))))
    record.save()
    return written


def columns_table(results: list[ColumnAgreement]) -> pd.DataFrame:
    return pd.DataFrame([{"column": r.column, "alpha": r.alpha.estimate, "low": r.alpha.low, "high": r.alpha.high,
                          "units_compared": r.compared, "note": r.alpha.note} for r in results]).round(4)


def coders_table(results: list[ColumnAgreement]) -> pd.DataFrame:
    rows = []
    for r in results:
        for coder, majority_comparison in r.against_majority.items():
            row = {"column": r.column, "coder": coder}
            for label, comparison in (("book", r.against_book.get(coder)), ("majority", majority_comparison)):
                if comparison is not None:
                    row |= {f"{label}_agreement": comparison.percent, f"{label}_kappa": comparison.kappa.estimate,
                            f"{label}_kappa_low": comparison.kappa.low, f"{label}_kappa_high": comparison.kappa.high,
                            f"{label}_units": comparison.units}
            rows.append(row)
    return pd.DataFrame(rows).round(4)


def pairs_table(results: list[ColumnAgreement]) -> pd.DataFrame:
    rows = [{"column": r.column, "coder": a, "other_coder": b, "agreement": percent, "kappa": kappa.estimate,
             "kappa_low": kappa.low, "kappa_high": kappa.high, "units_both_coded": both}
            for r in results for a, b, percent, kappa, both in r.pairs]
    return pd.DataFrame(rows).round(4)


def units_table(coders: Coders, results: list[ColumnAgreement]) -> pd.DataFrame:
    rows = []
    for r in results:
        codings = coders.decisions[r.column]
        shares, majorities = unit_disagreement(codings), majority(codings)
        for unit in coders.units:
            book = coders.book.get(r.column)
            rows.append({"column": r.column, "unit": unit, "disagreement": shares[unit],
                         "codes": describe_codes(codings.loc[unit]), "majority": majorities[unit],
                         **({"book": book[unit]} if book is not None else {})})
    return pd.DataFrame(rows).round(4)


def figure_png(results: list[ColumnAgreement], coders: int) -> bytes:
    """Alpha and its interval per decision column, as PNG bytes; the title states the finding."""
    with mpl.rc_context(BOOK_STYLE):
        figure = Figure(figsize=(7.0, 1.5 + 0.65 * len(results)))
        axes = figure.subplots()
        for row, result in enumerate(results):
            alpha = result.alpha
            if math.isnan(alpha.estimate):
                axes.text(0, row, "alpha undefined", va="center", color=OKABE_ITO[7])
                continue
            if not math.isnan(alpha.low):
                axes.plot([alpha.low, alpha.high], [row, row], color=OKABE_ITO[4], linewidth=3)
            axes.plot(alpha.estimate, row, "o", color=OKABE_ITO[5], markersize=9)
        for threshold, name in ((TENTATIVE, "tentative"), (RELIABLE, "reliable")):
            axes.axvline(threshold, color=OKABE_ITO[7], linestyle="--", linewidth=1)
            axes.text(threshold, -0.45, f" {name}", va="top", fontsize=9, color=OKABE_ITO[7])
        axes.set_yticks(range(len(results)), [result.column for result in results])
        axes.set_ylim(len(results) - 0.5, -0.5)
        axes.set_xlim(min([0.0] + [r.alpha.low for r in results if not math.isnan(r.alpha.low)]) - 0.05, 1.05)
        axes.set_xlabel("Krippendorff's alpha (nominal), with 95% bootstrap interval")
        axes.set_ylabel("decision column")
        axes.set_title(finding(results, coders), fontsize=10)
        figure.tight_layout()
        png = io.BytesIO()
        figure.savefig(png, format="png", metadata={"Software": None})
    return png.getvalue()


def finding(results: list[ColumnAgreement], coders: int) -> str:
    defined = [r for r in results if not math.isnan(r.alpha.estimate)]
    if not defined:
        return f"{coders} coders: alpha is undefined in every column"
    if len(defined) == 1:
        r = defined[0]
        return f"{coders} coders agree on {r.column} with α = {r.alpha.estimate:.2f}"
    best = max(defined, key=lambda r: r.alpha.estimate)
    worst = min(defined, key=lambda r: r.alpha.estimate)
    if f"{best.alpha.estimate:.2f}" == f"{worst.alpha.estimate:.2f}":
        return f"{coders} coders agree as much on every column ({', '.join(r.column for r in defined)}: α = {best.alpha.estimate:.2f})"
    return (f"{coders} coders agree most on {best.column} (α = {best.alpha.estimate:.2f}), "
            f"least on {worst.column} (α = {worst.alpha.estimate:.2f})")


def exercise_folders(folder: Path) -> list[Path]:
    """The folders ``save_coding`` writes, FOLDER/<exercise>/, that hold coder files, if FOLDER itself holds none."""
    if not folder.is_dir() or any(folder.glob("*.csv")):
        return []
    return [folder / name for name in sorted(CODING_EXERCISES) if any((folder / name).glob("*.csv"))]


def main(folder: str, resamples: int = RESAMPLES) -> int:
    """The command ``agreement FOLDER``: print the report and return 0, or print the problem and return 1. A FOLDER
    that holds the folders ``save_coding`` writes (my-coding/numbers-coding/, ...) gets a report for each of them."""
    folders, failed = exercise_folders(Path(folder)) or [Path(folder)], False
    for one in folders:
        try:
            report = agreement_report(one, resamples)
        except (DataError, WriteRefused, OSError) as error:
            print(f"agreement: {error if isinstance(error, DataError) else short(error)}", file=sys.stderr)
            failed = True
            continue
        print(f"The coder files in {one}:\n{report}\n" if one != Path(folder) else report)
    return 1 if failed else 0
