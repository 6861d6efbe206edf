"""Whether an exercise's answer can be read off the student edition instead of worked out.

A student who has run a chapter of the edition from the top (every answer left as ``...``) has seen, when they answer
an exercise, every markdown cell and every output above it; running its check and the next cells shows more. The
window of an exercise is therefore every cell from the top of the notebook down to the first output after its check:
the first code cell after it that shows something and is not another exercise's answer or check. In it,
``shown(key, kind, markdown, outputs)`` looks for the key in the forms a page would print it:

- as text, in markdown and outputs alike: the forms of ``answer_forms.printed_key`` (a list in any order as Python
  prints it or joined, a dict as Python prints it, a text, a number at its stated precision or finer, or with
  thousands separators), and besides them a fraction as a percentage ("37.5%"), a date written out ("14 April 2025"),
  a run of consecutive days as its first and last day on one line (a period "2025-04-14 ... 2025-04-16"), a dict as a
  table (each key, or an article's three-digit short id, on a line with its value, in one output);
- a key that is one or several of a few options every student sees (an article id among five, a frame among
  eleven): as text, such a key is no evidence, because tables and the check's own message name every option. A list
  of options counts when it is printed as a list or a set (in any order); one option counts when one output singles
  it out: names it, on one line, and no other option (the full option, or an article's three-digit short id), as a
  printed id or a filter's one-row result does. Markdown is not searched for one option singled out: prose names one article at a
  time all the time, and several options in one output may share other traits by chance (the two April articles);
- a small whole number, which is everywhere in tables, counts only as an output that is that number and nothing else.

Beyond the key's own printed forms, what a novice reads off the student edition with a step or two:

- a small sum of printed numbers (above the exercise only: a number printed after a check is the check's answer to
  compare with): a number, or each value of a dict, that is the sum or the mean of two or three numbers of one output,
  or the difference or the ratio of two, at the stated precision ("capacity 40,000, population 15,000" above an
  occupancy of 0.38; the words of three articles above their mean). A count is not looked for this way: a small whole
  number is the difference of too many pairs of printed numbers to be evidence; nor a mean of a column of small
  counts, whose halves and thirds any table of counts holds;
- the key's options, three or more of them, singled out by one output: every option it names is one of the key's,
  and it names all of them (a keyword-in-context listing whose lines are exactly the articles asked for);
- a verdict printed beside the key: a line that names the option asked for and says True or False about it
  ("000-06 (13,500 to 16,500) and 003-04 (20,000 to no upper bound): overlap False" above "which article's figure
  overlaps no other");
- the options asked for, two or more, picked out of one output by two words of the exercise's own prompt: the rows
  naming an option that hold both words are exactly theirs ("largest" and "world" on the rows of 000-13 and 001-02
  in a table of spans, above "which claims call CECOT the largest prison in the world").

In the chapters before an exercise's own (``printed``), which a student read long before, only the key's own printed
forms are looked for (as text, a period on one line, a dict as a table), as timeline-1's Monday would be in
chapters 1 and 2, timeline-2's days in chapter 2 and meet-3's word counts in chapter 0's table.

What this cannot see: a table that lists every option with the value that decides the question (the column of
"not confirmed" beside five ids, or each article's counts from which a share is one division away), and a count that
is the number of rows of a table or the difference of two counts. Four such lookups, each seen made by a novice,
are of this sort, and this finds none of them on the chapters as they then read: numbers-4 (each article's population
interval, low and high, in the table of shared quantities), numbers-6 (the rank rows with their scope in that table; a
reading of it by the prompt's words is found),
timeline-3 (two mentions of one event whose resolved days differ, among 21 rows) and story-1 (one of the articles
asked for, in the first rows of a table). They were reworked by reading the chapters: the deciding columns are no
longer printed above the exercise, and the answers are claim ids and an absence that no output shows. Those lookups are judged by reading the chapter;
the exercises that remain such lookups on purpose are declared warm-ups (``Exercise.warm_up``) and say so in their
prompts.
"""
import datetime
import itertools
import numbers
import re
from dataclasses import dataclass

import numpy as np

from answer_forms import date_forms, printed_key, stands_in
from newsreader.answers import Number, roundings

ARTICLE_ID = re.compile(r"\d{3}_[0-9a-f]{16}")
CHECK = re.compile(r'^check\("([\w-]+)", \w+\)$')


def output_text(output) -> str:
    """What a student reads of one output: its text (a table as pandas prints it)."""
    return output.get("text") or output.get("data", {}).get("text/plain", "")


def shows_more(cell) -> bool:
    """A code cell with output that is no exercise's answer or check."""
    exercise = "answer" in cell.metadata.get("tags", []) or CHECK.match(cell.source)
    return cell.cell_type == "code" and any(output_text(o).strip() for o in cell.outputs) and not exercise


@dataclass(frozen=True)
class Window:
    """What a student has seen of the notebook when answering an exercise, and just after its check."""

    markdown: list[str]
    above: list[tuple[str, bool]]  # the outputs above the check: (text, whether print() wrote it)
    after: list[tuple[str, bool]]  # the first output after it
    prompt: str = ""  # the exercise's own text

    @property
    def outputs(self) -> list[str]:
        return [text for text, _ in self.above + self.after]


def windows(notebook) -> dict[str, Window]:
    """For each exercise checked in the notebook: its window."""
    cells, found = notebook.cells, {}
    for index, cell in enumerate(cells):
        match = CHECK.match(cell.source) if cell.cell_type == "code" else None
        if match:
            end = next((i for i in range(index + 1, len(cells)) if shows_more(cells[i])), len(cells) - 1)
            outputs = [[(output_text(o), o.get("output_type") == "stream") for o in c.outputs]
                       for c in cells[:end + 1] if c.cell_type == "code"]
            prompt = next((c.source for c in cells[:index] if c.cell_type == "markdown" and f":label: {match[1]}\n" in c.source), "")
            found[match[1]] = Window([c.source for c in cells[:end + 1] if c.cell_type == "markdown"],
                                     [output for cell in outputs[:-1] for output in cell], outputs[-1] if outputs else [], prompt)
    return found


def text_forms(key, kind) -> list[str]:
    """The key as a page would print it, beyond ``printed_key``."""
    forms = list(printed_key(key, kind))
    if is_number(key) and 0 < abs(float(key)) < 1:
        forms += [f"{100 * float(key):.{d}f}%" for d in range(max(0, kind.decimals - 2), 4)]
    if isinstance(key, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", key):
        forms += [form for _, form in date_forms(key) if isinstance(form, str)]
    return forms


def printed_lists(items: list[str]) -> list[str]:
    """A list of options as Python prints a list or a set of them, in any order (never the bare items, which the
    check's message lists among all the options)."""
    if len(items) < 2:
        return []
    orders = {tuple(order) for order in itertools.permutations(items)} if len(items) < 5 else {tuple(items), tuple(sorted(items))}
    return sorted({f"{opening}{', '.join(repr(item) for item in order)}{closing}" for order in orders
                   for opening, closing in ("[]", "{}")})


def is_number(key) -> bool:
    return isinstance(key, numbers.Real) and not isinstance(key, bool)


def is_period(key) -> bool:
    """A list of two or more consecutive days."""
    try:
        days = sorted(datetime.date.fromisoformat(item) for item in key)
    except (TypeError, ValueError):
        return False
    return len(days) > 1 and all((b - a).days == 1 for a, b in zip(days, days[1:]))


def names(option: str) -> re.Pattern:
    """An option as a page names it: in full, or an article id by its three-digit short form."""
    short = option[:3] if ARTICLE_ID.fullmatch(option) else option
    forms = "|".join(re.escape(form.casefold()) for form in {option, short})
    return re.compile(rf"(?<![\w.,])(?:{forms})(?![\w,]|\.\d)")


def singles_out(option: str, options: list[str], text: str) -> bool:
    """The output names ``option``, on one line only (a printed id, a one-row result), and no other option."""
    lines = text.casefold().splitlines()
    named = {other for other in options if any(names(other).search(line) for line in lines)}
    return named == {option} and sum(bool(names(option).search(line)) for line in lines) == 1


def as_table(key: dict, text: str) -> bool:
    """Each key of the dict (or its short id) on a line of ``text`` with its value (not the row position pandas
    prints first)."""
    lines = text.casefold().splitlines()
    return all(any(names(k).search(line) and stands_in(str(v), ROW_LABEL.sub("", line)) for line in lines)
               for k, v in key.items())


NUMBER = re.compile(r"(?<![\w.-])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w]|[.-]\d)")  # not a part of an id or a date (000-06, 2025-04-16)
ROW_LABEL = re.compile(r"^\s*\d+(?=\s)")  # the position pandas prints before each row of a table
SMALL_TABLE = 12  # the rows of a column a student adds up by eye


def printed_lines(text: str) -> list[np.ndarray]:
    """The numbers of each line a print() wrote (40,000; 0.375)."""
    lines = [[float(n.replace(",", "")) for n in NUMBER.findall(line)] for line in text.splitlines()]
    return [np.array(numbers) for numbers in lines if len(numbers) > 1]


def table_columns(text: str) -> list[np.ndarray]:
    """The numbers of each column of a small table as pandas prints it (a column's numbers end at the same
    character of their lines), without the row positions."""
    columns = {}
    for line in text.splitlines():
        line = ROW_LABEL.sub(lambda label: " " * len(label[0]), line)
        for match in NUMBER.finditer(line):
            columns.setdefault(match.end(), []).append(float(match[0].replace(",", "")))
    return [np.array(numbers) for numbers in columns.values() if 1 < len(numbers) <= SMALL_TABLE]


def sums_of(numbers: np.ndarray, size: int) -> np.ndarray:
    """Every sum of ``size`` of the numbers."""
    chosen = np.array(list(itertools.combinations(range(len(numbers)), size)), dtype=int).reshape(-1, size)
    return numbers[chosen].sum(axis=1)


def sums_and_means(numbers: np.ndarray) -> np.ndarray:
    """Every sum and mean of two or three of the numbers."""
    return np.concatenate([sums_of(numbers, 2), sums_of(numbers, 3), means(numbers)])


def means(numbers: np.ndarray) -> np.ndarray:
    """Every mean of two or three of the numbers (a sum of a column's values is chance: a share plus a share)."""
    return np.concatenate([sums_of(numbers, 2) / 2, sums_of(numbers, 3) / 3])


def small_counts(column: np.ndarray) -> bool:
    """A column of whole numbers below ten: the means of two or three of them are halves and thirds that any table of
    counts holds (0, 1, 1 has the mean 0.667), found by chance, not read off."""
    return bool(np.all((column == np.round(column)) & (np.abs(column) < 10)))


def differences_and_ratios(numbers: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.concatenate([(numbers[:, None] - numbers[None, :]).ravel(), (numbers[:, None] / numbers[None, :]).ravel()])


def from_printed_numbers(key, kind, above: list[tuple[str, bool]]) -> bool:
    """A number stated to one decimal or more, or every value of a dict of such numbers, is a small sum of printed
    numbers above the check: a sum or a mean of two or three numbers of a printed line or of a small table's
    column, or a difference or a ratio of two numbers of a printed line."""
    number = getattr(kind, "number", kind)
    if not isinstance(number, Number) or number.whole or number.decimals == 0:
        return False
    groups = [candidates for text, printed in above for candidates in (
        [np.concatenate([sums_and_means(line), differences_and_ratios(line)]) for line in printed_lines(text)] if printed
        else [means(column) for column in table_columns(text) if not small_counts(column)])]
    values, places = (list(key.values()) if isinstance(key, dict) else [key]), number.decimals
    return any(all(any(set(roundings(round(float(total), 9), places)) & set(roundings(value, places))
                       for total in sums[np.abs(sums - float(value)) <= 10.0 ** -places]) for value in values)
               for sums in groups)


def singles_out_several(items: list[str], options: list[str], text: str) -> bool:
    """The output names every one of three or more options asked for, and no other (two options together are too
    often singled out by chance: the two April articles share much)."""
    lines = text.casefold().splitlines()
    named = {option for option in options if any(names(option).search(line) for line in lines)}
    return len(items) > 2 and named == set(items)


PROMPT_WORD = re.compile(r"[a-z]{4,}")  # a word of the prompt that can pick rows: "largest", "world"


def picked_by_the_prompts_words(items: list[str], options: list[str], prompt: str, text: str) -> bool:
    """Two or more options asked for are exactly the rows of one output (among its rows that name an option) that
    hold two words of the prompt together: the question's own words pick them out ("largest" and "world" beside
    000-13 and 001-02 in a table of spans)."""
    rows = [line for line in text.casefold().splitlines() if any(names(option).search(line) for option in options)]
    asked = [line for line in rows if any(names(item).search(line) for item in items)]
    if len(items) < 2 or len(asked) != len(items):
        return False
    common = set(PROMPT_WORD.findall(prompt.casefold())).intersection(*(PROMPT_WORD.findall(line) for line in asked))
    return any([line for line in rows if first in PROMPT_WORD.findall(line) and second in PROMPT_WORD.findall(line)] == asked
               for first, second in itertools.combinations(sorted(common), 2))


def verdict_beside(option: str, text: str) -> bool:
    """A line names the option and says True or False."""
    return any(names(option).search(line) and re.search(r"\b(true|false)\b", line) for line in text.casefold().splitlines())


def printed(key, kind, markdown: list[str], outputs: list[str]) -> str:
    """How the key stands, in one of its own printed forms, in markdown or outputs ("" if it does not): as text, as a
    period on one line, or as a dict's table. This is all that is looked for in the chapters before an exercise's
    own, which a student read long before: a step or two from what they printed is no lookup there."""
    texts = [text.casefold() for text in markdown + outputs]
    options = kind.record().get("options") or []
    items = key if isinstance(key, list) else [key]
    among_options = bool(options) and all(item in options for item in items)
    forms = printed_lists(items) if among_options else text_forms(key, kind)
    for form in forms:
        if any(stands_in(form.casefold(), text) for text in texts):
            return form
    if isinstance(key, list) and is_period(key):
        first, last = min(key), max(key)
        if any(first in line and last in line for text in texts for line in text.splitlines()):
            return f"{first} ... {last}"
    if isinstance(key, dict) and any(as_table(key, output) for output in outputs):
        return "the dict as a table"
    return ""


def shown(key, kind, window: Window) -> str:
    """How the key stands in the window ("" if it does not): the form found, for the test's message."""
    outputs = window.outputs
    form = printed(key, kind, window.markdown, outputs)
    if form:
        return form
    options = kind.record().get("options") or []
    items = key if isinstance(key, list) else [key]
    among_options = bool(options) and all(item in options for item in items)
    if is_number(key) and float(key).is_integer():
        bare = {str(int(key)), f"np.int64({int(key)})", f"np.float64({float(key)})"}
        if any(output.strip() in bare for output in outputs):
            return str(int(key))
    if among_options and len(items) == 1 and any(singles_out(items[0], options, output) for output in outputs):
        return f"{items} singled out"
    if among_options and any(singles_out_several(items, options, output) for output in outputs):
        return f"{items} singled out together"
    if among_options and any(picked_by_the_prompts_words(items, options, window.prompt, output) for output in outputs):
        return f"{items} picked out by the prompt's words"
    if among_options and len(items) == 1 and any(verdict_beside(items[0], output) for output in outputs):
        return f"a verdict beside {items[0]}"
    if from_printed_numbers(key, kind, window.above):
        return "a small sum of printed numbers"
    return ""
