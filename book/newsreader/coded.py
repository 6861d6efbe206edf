"""The answer kind of a coding exercise: a coded sheet, compared with the book's coding by agreement.

``check()`` never calls a coding right or wrong: it reports the agreement with the book's coding, column by column
(percent and Cohen's kappa), and the codebook rule behind each difference. The book's code of each cell, and its
rule, are sealed in the key (``newsreader.answers.Sealer``): a cell is compared by its digest, and opened only to
show a difference once the student has coded every unit. A sheet that uses one code for every unit, or far fewer
codes than the sample needs, gets a message instead of the agreement.
"""

import pandas as pd

from .answers import CODED, NOT_ATTEMPTED, NOT_YET, Kind, Sealer
from .codebooks import rule
from .errors import DataError
from .methods.agreement import cohen_kappa, percent_agreement
from .sheets import (CODING_EXERCISES, NO_BOUND, format_number, impossible_intervals, labels, read_decisions, sample_rows,
                     sheet_problem, unit_ids, vocabulary)

SHOWN = 8  # differences listed in a check message; the rest are counted
SHOWN_PROBLEMS = 3  # cells that are no code, named in a check message; the rest are counted


class CodingAgreement(Kind):
    """A coding sheet of the exercise ``exercise``: its ``units`` (ids, in the sample's order) and the ``codes`` each
    text column allows, read from the data when the keys are compiled."""

    name = "coding"

    def __init__(self, exercise: str, units=(), codes=None):
        self.spec = CODING_EXERCISES[exercise]
        self.units, self.codes = list(units), codes

    def record(self) -> dict:
        return {"name": self.name, "exercise": self.spec.id, "units": self.units or unit_ids(self.spec),
                "codes": self.codes or vocabulary(self.spec.id)}

    @property
    def expects(self) -> str:
        return (f"the coding sheet (a pandas DataFrame from coding_sheet({self.spec.id!r})) "
                f"with the column(s) {', '.join(self.spec.decisions)} filled in")

    # --- Sealing: one digest and one sealed label per cell; the key also seals each cell's rule -----------------

    def cell_labels(self, sheet: pd.DataFrame) -> pd.DataFrame:
        """The sheet's decisions as labels (a key's or a declared mistake's: every cell holds a code)."""
        decisions, problems = read_decisions(sheet, self.spec, self.codes)
        if problems:
            position, column, message = problems[0]
            raise DataError(f"the coding of {self.spec.id}, unit {sheet[self.spec.unit_column].iloc[position]}, {column}: {message}")
        return as_labels(decisions)

    def seal(self, value, sealer: Sealer) -> dict:
        cells = self.cell_labels(value)
        return {unit: {column: sealer.digest(f"{unit}|{column}|{cells.at[unit, column]}") for column in self.spec.decisions}
                for unit in self.units}

    def seal_key(self, value, sealer: Sealer) -> dict:
        cells, rows = self.cell_labels(value), sample_rows(self.spec)
        return {
            "cells": self.seal(value, sealer),
            "codes": {unit: {column: sealer.seal(cells.at[unit, column], f"{unit}|{column}") for column in self.spec.decisions}
                      for unit in self.units},
            "rules": {unit: {column: sealer.seal(self.rule(column, rows.loc[unit]), f"{unit}|{column}|rule")
                             for column in self.spec.decisions} for unit in self.units},
            "needs": {column: int(cells[column].nunique()) for column in self.codes},
        }

    def rule(self, column: str, book_row: pd.Series) -> str:
        try:
            return rule(self.spec.codebook, self.spec.table, column, book_row)
        except DataError as error:  # a check never raises: it says what is wrong with the codebook instead
            return f"(the rule could not be read: {error})"

    def how_to_write(self, columns: list[str]) -> str:
        """What to write in the columns of the cells that could not be read: a number in digits, or a code."""
        numbers = "Write a number in digits, the whole figure (6000000, not \"6 million\")"
        if all(column in self.spec.numeric for column in columns):
            return f"{numbers}."
        codes = "Write one of the codes as the codebook spells them"
        return f"{codes}; in a number column, {numbers[0].lower()}{numbers[1:]}." if set(columns) & set(self.spec.numeric) else f"{codes}."

    # --- Judging a sheet -------------------------------------------------------------------------------------

    def assess(self, answer, key: dict, mistakes, sealer: Sealer) -> tuple[str, str]:
        problem = sheet_problem(answer, self.spec, self.units)
        if problem:
            return NOT_YET, f"{problem.rstrip('.')}. Keep the rows and columns of coding_sheet({self.spec.id!r})."
        mine, problems = read_decisions(answer, self.spec, self.codes)
        if problems:
            named = [f"unit {answer[self.spec.unit_column].iloc[position]}, column {column}: {message}"
                     for position, column, message in problems[:SHOWN_PROBLEMS]]
            more = f" ({len(problems) - SHOWN_PROBLEMS} more cell(s) like these)" if len(problems) > SHOWN_PROBLEMS else ""
            return NOT_YET, f"{'; '.join(named)}{more}. {self.how_to_write([column for _, column, _ in problems])}"
        mine = mine.loc[self.units]
        left = [unit for unit in self.units if (mine.loc[unit] == "").any()]
        if len(left) == len(self.units) and (mine == "").all().all():
            return NOT_ATTEMPTED, f"fill in {', '.join(self.spec.decisions)} for each of the {len(self.units)} units."
        if left:
            return NOT_YET, self.still_to_code(mine, left)
        backwards = impossible_intervals(mine, self.spec)
        if backwards:
            low, high = self.spec.interval
            return NOT_YET, (f"unit(s) {', '.join(backwards)}: {low} is above {high}, and an interval cannot end before it "
                             f"starts. {low} is the interval's low end, {high} its high end: check both against the "
                             "codebook.")
        advice = next((feedback for sealed, feedback in mistakes if self.same_cells(mine, sealed, sealer)), "")
        too_few = self.too_few_codes(mine, key["needs"])
        if too_few:
            return NOT_YET, too_few + (f"\n{advice}" if advice else "")
        return CODED, self.agreement(mine, key, sealer) + (f"\n{advice}" if advice else "")

    def still_to_code(self, mine: pd.DataFrame, left: list[str]) -> str:
        message = f"{len(left)} of {len(self.units)} units still to code ({', '.join(left)}): fill in their cells."
        if any(mine.at[unit, column] == "" for unit in left for column in self.spec.open_ended):
            message += (f" Where there is no upper bound, write {NO_BOUND} in {', '.join(self.spec.open_ended)}: an "
                        "empty cell means \"not coded yet\".")
        return message

    def too_few_codes(self, mine: pd.DataFrame, needs: dict) -> str:
        """A message if a text column uses one code for every unit of a sample chosen to need several: a coding that
        decides nothing. Any other coding is the coder's reading, compared with the book's, never refused."""
        for column, needed in needs.items():
            if needed > 1 and mine[column].nunique() == 1:
                return (f"you gave {column} the same code for every unit, and the sample was chosen so that it needs "
                        f"at least {needed} different codes. Read each unit with its context again and code it by the "
                        "codebook's definitions, one decision per cell.")
        return ""

    def same_cells(self, mine: pd.DataFrame, sealed: dict, sealer: Sealer) -> bool:
        """True if every cell of the sheet has the sealed label."""
        cells = as_labels(mine)
        return all(sealer.digest(f"{unit}|{column}|{cells.at[unit, column]}") == sealed[unit][column]
                   for unit in self.units for column in self.spec.decisions)

    def agreement(self, mine: pd.DataFrame, key: dict, sealer: Sealer) -> str:
        """The agreement per column, and each difference with the codebook rule the book applied."""
        book = pd.DataFrame({column: [opened_label(sealer.open(key["codes"][unit][column], f"{unit}|{column}"),
                                                   column in self.spec.numeric) for unit in self.units]
                             for column in self.spec.decisions}, index=self.units, dtype=object)
        lines, differences = ["agreement with the book's coding:"], {}
        for column in self.spec.decisions:
            numeric = column in self.spec.numeric
            yours, books = labels(mine[column], book[column], numeric), labels(book[column], book[column], numeric)
            agree = sum(a == b for a, b in zip(yours, books))
            lines.append(f"  {column}: {agree} of {len(books)} agree ({percent_agreement(yours, books):.0%}), "
                         f"κ = {cohen_kappa(yours, books):.2f}")
            for unit, mine_label, book_label in zip(self.units, yours, books):
                if mine_label != book_label:
                    reason = sealer.open(key["rules"][unit][column], f"{unit}|{column}|rule")
                    differences.setdefault((unit, reason), []).append((column, mine_label, book_label))
        if not differences:
            return "\n".join(lines + ["Every decision agrees with the book's."])
        lines.append("Where you differ, the codebook rule the book applied (either reading can be argued: discuss it):")
        for (unit, reason), cells in list(differences.items())[:SHOWN]:
            names, yours, books = ("/".join(str(cell[k]) for cell in cells) for k in range(3))
            lines.append(f"  {unit} {names}: you {yours}, the book {books}. Codebook: {reason}.")
        if len(differences) > SHOWN:
            lines.append(f"  ... and {len(differences) - SHOWN} more.")
        return "\n".join(lines)


def as_labels(decisions: pd.DataFrame) -> pd.DataFrame:
    """Decisions as text: codes as the codebook writes them, numbers in one format (15000, 0.5), NO_BOUND as it is."""
    return decisions.map(lambda value: format_number(value) if isinstance(value, float) else value)


def opened_label(label: str, numeric: bool):
    """A book's label as read_decisions gives a decision: a number as a float, NO_BOUND as it is."""
    return float(label) if numeric and label != NO_BOUND else label
