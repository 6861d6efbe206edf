"""A class measures its own reliability: several coders' tables for the same units, one report.

A folder holds one CSV per coder (the file name, without .csv, is the coder's name). The first column is the unit
id and the other columns are decisions; a coding sheet saved by ``newsreader.coding.save_coding`` is recognised,
its context columns are skipped and its codes are checked against the codebook. ``agreement_report(folder)``
gives, for every decision column, Cohen's kappa for every pair of coders, Krippendorff's alpha over all coders,
a bootstrap 95% interval for each, and the units with the most disagreement; it saves a figure in the folder.
``main(folder)`` is the command ``python3 tasks.py agreement FOLDER``.
"""
import math
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from .errors import DataError
from .files import read_csv, require_unique_key
from .methods.agreement import (Interval, alpha_interval, coded_pairs, kappa_interval, most_disagreement,
                                pairwise_kappa, percent_agreement, unit_disagreement)
from .sheets import CodingExercise, exercise_of_columns, read_decisions, snap
from .style import BOOK_STYLE, OKABE_ITO
from .text import folded as normalise

FIGURE = "agreement.png"
RELIABLE, TENTATIVE = 0.800, 0.667  # Krippendorff (2004), Content Analysis, 2nd ed., p. 241
RESAMPLES, SEED = 1000, 0


@dataclass(frozen=True)
class Coders:
    """Every coder's decisions, read and checked: one units × coders table of codes per decision column."""

    names: list[str]
    units: list[str]
    decisions: dict[str, pd.DataFrame]
    exercise: CodingExercise | None
    blanks: list[str]  # one line per file that left cells blank


def read_coders(folder) -> Coders:
    """Read every ``*.csv`` of ``folder``; raise DataError naming the file (and row) at the first problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: not a folder (give the folder that holds one CSV file per coder)")
    paths = sorted(folder.glob("*.csv"))
    if len(paths) < 2:
        raise DataError(f"{folder}: found {len(paths)} coder file(s); agreement needs the CSV files of at least two coders")
    tables = {path: read_table(path) for path in paths}
    first = paths[0]
    spec = exercise_of_columns(tables[first].columns)
    columns = list(spec.decisions) if spec else list(tables[first].columns[1:])
    for path, table in tables.items():
        require_same_shape(path, table, first, tables[first], columns, exact=spec is None)
    codes = {path.stem: read_codes(path, table, spec, columns) for path, table in tables.items()}
    units = list(tables[first].iloc[:, 0].str.strip())
    decisions = {column: pd.DataFrame({coder: codes[coder][column].loc[units] for coder in codes}) for column in columns}
    for column in spec.numeric if spec else ():
        decisions[column] = decisions[column].apply(snap_row, axis=1)
    blanks = [blank_cells(path, codes[path.stem]) for path in paths]
    return Coders(list(codes), units, decisions, spec, [line for line in blanks if line])


def read_table(path: Path) -> pd.DataFrame:
    table = read_csv(path, columns=())
    if len(table.columns) < 2:
        raise DataError(f"{path.name}: needs a unit-id column and at least one decision column (it has {list(table.columns)})")
    require_unique_key(table, table.columns[0], path)
    return table


def require_same_shape(path, table, first, first_table, columns, exact) -> None:
    """Every coder's file has the first file's unit-id column, decision columns and units."""
    if table.columns[0] != first_table.columns[0]:
        raise DataError(f"{path.name}: the first column is {table.columns[0]!r}, but in {first.name} it is {first_table.columns[0]!r}")
    missing = [column for column in columns if column not in table.columns]
    extra = [column for column in table.columns[1:] if column not in columns] if exact else []
    if missing or extra:
        raise DataError(f"{path.name}: " + "; ".join(
            ([f"missing column(s) {', '.join(missing)} that {first.name} has"] if missing else [])
            + ([f"column(s) {', '.join(extra)} that {first.name} does not have"] if extra else [])))
    units, expected = list(table.iloc[:, 0].str.strip()), list(first_table.iloc[:, 0].str.strip())
    missing = [unit for unit in expected if unit not in units]
    extra = [(row + 2, unit) for row, unit in enumerate(units) if unit not in expected]
    if missing or extra:
        raise DataError(f"{path.name}: " + "; ".join(
            ([f"missing unit(s) {', '.join(missing)} that {first.name} has"] if missing else [])
            + ([f"unit(s) not in {first.name}: " + ", ".join(f"{unit} (row {row})" for row, unit in extra)] if extra else [])))


def read_codes(path: Path, table: pd.DataFrame, spec, columns) -> pd.DataFrame:
    """The decisions of one coder, indexed by unit: codebook codes if the exercise is known, else normalised text."""
    if spec is None:
        codes = table[columns].map(lambda value: normalise(value) if value.strip() else "")
        return codes.set_index(table.iloc[:, 0].str.strip())
    codes, problems = read_decisions(table, spec)
    if problems:
        position, column, message = problems[0]
        raise DataError(f"{path.name}, row {position + 2} ({codes.index[position]}), column {column}: {message}")
    return codes


def snap_row(values: pd.Series) -> pd.Series:
    """A unit's numbers as labels: coders whose numbers lie within the tolerance share one label."""
    labels = [snap(value, list(values.iloc[:i])) for i, value in enumerate(values)]
    return pd.Series(labels, index=values.index)


def blank_cells(path: Path, codes: pd.DataFrame) -> str:
    cells = [f"row {row} {column}" for row, (_, values) in enumerate(codes.iterrows(), start=2)
             for column, value in values.items() if isinstance(value, str) and value == ""]
    if not cells:
        return ""
    shown = ", ".join(cells[:5]) + (f" and {len(cells) - 5} more" if len(cells) > 5 else "")
    return f"{path.name} left {len(cells)} cell(s) blank ({shown}); they count as missing"


@dataclass(frozen=True)
class ColumnAgreement:
    """The agreement on one decision column."""

    column: str
    alpha: Interval
    kappas: pd.DataFrame  # coder × coder
    pairs: list[tuple[str, str, float, Interval, int]]  # coder, coder, percent agreement, kappa, units both coded
    disagreements: pd.DataFrame  # from most_disagreement
    compared: int  # units that at least two coders coded


def column_agreement(column: str, codings: pd.DataFrame, resamples=RESAMPLES, seed=SEED) -> ColumnAgreement:
    pairs = [(a, b, percent_agreement(codings[a], codings[b]), kappa_interval(codings[a], codings[b], resamples=resamples, seed=seed),
              len(coded_pairs(codings[a], codings[b])))
             for a, b in combinations(codings.columns, 2)]
    return ColumnAgreement(column, alpha_interval(codings, resamples=resamples, seed=seed), pairwise_kappa(codings),
                           pairs, most_disagreement(codings), int(unit_disagreement(codings).notna().sum()))


def agreement_report(folder, resamples=RESAMPLES, seed=SEED) -> str:
    """The class's agreement, column by column, as text; the figure is saved as FOLDER/agreement.png."""
    coders = read_coders(folder)
    results = [column_agreement(column, codings, resamples, seed) for column, codings in coders.decisions.items()]
    figure_path = Path(folder) / FIGURE
    title = draw_figure(results, len(coders.names), figure_path)
    about = f" (the coding exercise {coders.exercise.id})" if coders.exercise else ""
    lines = [f"Agreement of {len(coders.names)} coders ({', '.join(coders.names)}) on {len(coders.units)} units{about}.",
             *coders.blanks]
    for result in results:
        lines += ["", *describe(result)]
    lines += ["", f"Figure: {figure_path}. {title}. It shows, for each decision column, Krippendorff's alpha (dot) "
              f"and its 95% bootstrap interval (bar), with dashed lines at {TENTATIVE:.3f} (enough for tentative "
              f"conclusions) and {RELIABLE:.3f} (reliable), Krippendorff's thresholds.",
              f"Intervals: percentile bootstrap, {resamples} resamples of the units, seed {seed} (the same files give "
              "the same intervals). With few units the intervals are wide: code more units to narrow them."]
    return "\n".join(lines)


def describe(result: ColumnAgreement) -> list[str]:
    lines = [f"{result.column}", f"  Krippendorff's alpha (nominal, all coders): {result.alpha}",
             "  Cohen's kappa, pair by pair:",
             *("    " + line for line in result.kappas.round(2).to_string().splitlines())]
    for a, b, percent, kappa, both in result.pairs:
        agree = "no unit coded by both" if math.isnan(percent) else f"{percent:.0%} of the {both} units both coded agree"
        lines.append(f"    {a} and {b}: {agree}, kappa {kappa}")
    if result.compared == 0:
        lines.append("  No unit was coded by two coders: there is no agreement to measure.")
    elif result.disagreements.empty:
        lines.append("  Every unit got the same code from every coder.")
    else:
        lines.append("  Units with the most disagreement:")
        lines += [f"    {unit}: {row.codes}" for unit, row in result.disagreements.iterrows()]
    return lines


def draw_figure(results: list[ColumnAgreement], coders: int, path: Path) -> str:
    """Plot alpha and its interval per decision column; save to ``path``; return the title (the finding)."""
    title = finding(results, coders)
    with mpl.rc_context(BOOK_STYLE):
        figure = Figure(figsize=(7.0, 1.5 + 0.6 * len(results)))
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
        axes.set_title(title, fontsize=10)
        figure.tight_layout()
        figure.savefig(path)
    return title


def finding(results: list[ColumnAgreement], coders: int) -> str:
    defined = [r for r in results if not math.isnan(r.alpha.estimate)]
    if not defined:
        return f"{coders} coders: alpha is undefined in every column"
    if len(defined) == 1:
        r = defined[0]
        return f"{coders} coders agree on {r.column} with α = {r.alpha.estimate:.2f}"
    best = max(defined, key=lambda r: r.alpha.estimate)
    worst = min(defined, key=lambda r: r.alpha.estimate)
    return (f"{coders} coders agree most on {best.column} (α = {best.alpha.estimate:.2f}), "
            f"least on {worst.column} (α = {worst.alpha.estimate:.2f})")


def main(folder: str) -> int:
    """The command ``agreement FOLDER``: print the report and return 0, or print the problem in one line and return 1."""
    try:
        report = agreement_report(folder)
    except DataError as error:
        print(f"agreement: {error}", file=sys.stderr)
        return 1
    print(report)
    return 0
