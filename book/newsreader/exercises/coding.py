"""The keys of the coding exercises: the book's own coding of each sample, and plausible systematic codings."""
import re

import pandas as pd

from ..sheets import CODING_EXERCISES, NO_BOUND, coding_exercise, coding_sheet, format_number, sample_rows


def book_coding(exercise_id: str) -> pd.DataFrame:
    """The coding sheet filled in with the book's coding: the key of the exercise."""
    spec = coding_exercise(exercise_id)
    sheet, rows = coding_sheet(exercise_id), sample_rows(spec)
    for column in spec.decisions:
        if column in spec.numeric:
            sheet[column] = [NO_BOUND if pd.isna(value) else format_number(value) for value in rows[column]]
        else:
            sheet[column] = rows[column].tolist()
    return pd.DataFrame(sheet)  # plain data, as a key is


def book_decisions(spec) -> pd.DataFrame:
    """The book's coding of a coding exercise's units, read as decisions (the class agreement report compares each
    coder with it; the student edition, which has no keys, has no such report)."""
    from ..sheets import read_decisions
    return read_decisions(book_coding(spec.id), spec)[0]


def coding_without_hedges() -> pd.DataFrame:
    """The numbers sample coded as if no hedge widened a number: hedge none, low = high = the number written."""
    sheet, rows = book_coding("numbers-coding"), sample_rows(CODING_EXERCISES["numbers-coding"])
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
    sheet["frame"] = sample_rows(CODING_EXERCISES["framing-coding"])["frame_pass2"].tolist()
    return sheet
