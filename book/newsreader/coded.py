"""The answer kind of a coding exercise: a coded sheet, compared with the book's coding by agreement.

``check()`` never calls a coding right or wrong: it reports the agreement with the book's coding, column by column
(percent and Cohen's kappa), and the codebook rule behind each difference.
"""
import pandas as pd

from .codebooks import rule
from .errors import DataError
from .methods.agreement import cohen_kappa, percent_agreement
from .sheets import CODING_EXERCISES, labels, read_decisions, sample_rows, sheet_problem

SHOWN = 8  # differences listed in a check message; the rest are counted


class CodingAgreement:
    """A coding sheet, compared with the book's coding by agreement, never as right or wrong.

    ``assess`` gives "not attempted" (nothing coded), "not yet" (some units left) or "coded" with the agreement
    per column and the codebook rule behind each difference.
    """

    def __init__(self, exercise_id: str):
        self.spec = CODING_EXERCISES[exercise_id]

    @property
    def expects(self) -> str:
        return (f"the coding sheet (a pandas DataFrame from coding_sheet({self.spec.id!r})) "
                f"with the column(s) {', '.join(self.spec.decisions)} filled in")

    def problem(self, answer):
        problem = sheet_problem(answer, self.spec)
        if problem:
            return problem
        _, problems = read_decisions(answer, self.spec)
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
            return rule(self.spec.codebook, self.spec.table, column, book_row)
        except DataError as error:  # check() never raises: say what is wrong with the codebook instead
            return f"(the rule could not be read: {error})"

    def agreement_message(self, units, columns) -> str:
        lines = ["agreement with the book's coding:"]
        for column, (yours, books) in columns.items():
            agree = sum(a == b for a, b in zip(yours, books))
            lines.append(f"  {column}: {agree} of {len(books)} agree ({percent_agreement(yours, books):.0%}), "
                         f"κ = {cohen_kappa(yours, books):.2f}")
        rows = sample_rows(self.spec)
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
