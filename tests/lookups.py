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

What this cannot see: a table that lists every option with the value that decides the question (the column of
"not confirmed" beside five ids), and a count that is the number of rows of a table. Those lookups are judged by
reading the chapter; the exercises that remain such lookups on purpose are declared warm-ups (``Exercise.warm_up``)
and say so in their prompts.
"""
import datetime
import itertools
import numbers
import re

from answer_forms import date_forms, printed_key, stands_in

ARTICLE_ID = re.compile(r"\d{3}_[0-9a-f]{16}")
CHECK = re.compile(r'^check\("([\w-]+)", \w+\)$')


def output_text(output) -> str:
    """What a student reads of one output: its text (a table as pandas prints it)."""
    return output.get("text") or output.get("data", {}).get("text/plain", "")


def shows_more(cell) -> bool:
    """A code cell with output that is no exercise's answer or check."""
    exercise = "answer" in cell.metadata.get("tags", []) or CHECK.match(cell.source)
    return cell.cell_type == "code" and any(output_text(o).strip() for o in cell.outputs) and not exercise


def windows(notebook) -> dict[str, tuple[list[str], list[str]]]:
    """For each exercise checked in the notebook: (markdown texts, output texts) of its window."""
    cells, found = notebook.cells, {}
    for index, cell in enumerate(cells):
        match = CHECK.match(cell.source) if cell.cell_type == "code" else None
        if match:
            end = next((i for i in range(index + 1, len(cells)) if shows_more(cells[i])), len(cells) - 1)
            seen = cells[:end + 1]
            found[match[1]] = ([c.source for c in seen if c.cell_type == "markdown"],
                               [output_text(o) for c in seen if c.cell_type == "code" for o in c.outputs])
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
    """Each key of the dict (or its short id) on a line of ``text`` with its value."""
    lines = text.casefold().splitlines()
    return all(any(names(k).search(line) and stands_in(str(v), line) for line in lines) for k, v in key.items())


def shown(key, kind, markdown: list[str], outputs: list[str]) -> str:
    """How the key stands in the window ("" if it does not): the form found, for the test's message."""
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
    if is_number(key) and float(key).is_integer():
        bare = {str(int(key)), f"np.int64({int(key)})", f"np.float64({float(key)})"}
        if any(output.strip() in bare for output in outputs):
            return str(int(key))
    if among_options and len(items) == 1 and any(singles_out(items[0], options, output) for output in outputs):
        return f"{items} singled out"
    return ""
