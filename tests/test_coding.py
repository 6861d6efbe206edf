"""The coding exercises: sheets, the book's coding as key, agreement messages, saving and loading."""
import ast
import json
import pickle
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from IPython.lib.pretty import pretty

import judging
from newsreader import load_articles, load_table, words
from newsreader.codebooks import code_definition, codebook_text, hedge_convention, table_rows
from newsreader.exercises import EXERCISES as ALL_EXERCISES
from newsreader.exercises.coding import book_coding, coding_by_keywords, coding_by_quotation_marks, coding_without_hedges
from newsreader.sheets import CODING_EXERCISES as EXERCISES
from newsreader.sheets import NO_BOUND, coder_name, coding_sheet, load_coding, sample_rows, save_coding, vocabulary
from newsreader.errors import DataError
from newsreader.keys import assess
from newsreader.paths import use_data
from newsreader.reliability import read_coders

IDS = sorted(EXERCISES)
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_sheet_has_empty_decisions_and_every_article(exercise_id):
    spec = EXERCISES[exercise_id]
    sheet = coding_sheet(exercise_id)
    assert list(sheet.columns) == spec.columns
    assert (sheet[list(spec.decisions)] == "").all().all()
    assert set(sheet["article_id"]) == set(load_articles()["id"])
    assert sheet[spec.unit_column].is_unique
    if spec.context != "sentence before":  # the sentence or paragraph that holds the span
        assert all(span in context for span, context in zip(sheet["span"], sheet["context"]))


def codebook_examples(markdown: str) -> str:
    """Every example a codebook gives: its **Examples.** paragraphs, its ## Examples section and the cells of an
    `example` column of its tables."""
    paragraphs = [p for p in markdown.split("\n\n") if p.startswith("**Examples")]
    sections = re.findall(r"^## Examples\n(.*?)(?=^## |\Z)", markdown, flags=re.M | re.S)
    cells, column = [], None  # column: where the table being read keeps its examples
    for line in markdown.splitlines():
        row = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if not row:
            column = None
        elif column is None:
            column = row.index("example") if "example" in row else -1  # a table's header row
        elif column >= 0 and not set(line) <= set("|-: "):
            cells.append(row[column])
    return "\n".join(paragraphs + sections + cells)


@pytest.mark.parametrize("exercise_id", IDS)
def test_no_unit_of_a_sample_is_one_of_its_codebooks_examples(exercise_id):
    """A student codes each unit by the codebook's rules; an example would hand over the book's code."""
    spec = EXERCISES[exercise_id]
    examples = codebook_examples(codebook_text(spec.codebook))
    example_words = " ".join(words(examples)).casefold()
    for unit, row in sample_rows(spec).iterrows():
        assert not re.search(rf"\b{re.escape(unit)}\b", examples), unit
        span = [word.casefold() for word in words(row["span"])]
        shared = [" ".join(span[i:i + 4]) for i in range(len(span) - 3) if " ".join(span[i:i + 4]) in example_words]
        assert not shared, (unit, shared)


def test_the_example_finder_finds_each_frames_example_and_the_claims_paragraph():
    frames = codebook_examples(codebook_text("frames.md")).splitlines()
    assert len(frames) == len(vocabulary("framing-coding")["frame"])  # the example cell of each frame's row
    assert all(re.match(r"\d{3}-\d{2}, |\(none coded\)", line) for line in frames), frames
    assert codebook_examples(codebook_text("claims.md")).startswith("**Examples.**")


def test_the_frames_context_is_the_sentence_before():
    sheet = coding_sheet("framing-coding").set_index("sentence_id")
    frames = load_table("frames").set_index("sentence_id")
    for unit, row in sheet.iterrows():
        before = f"{unit[:3]}-{int(unit[4:]) - 1:02d}"
        assert row["context"] == (frames.loc[before, "span"] if before in frames.index else "")


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_key_is_the_books_table(exercise_id):
    spec = EXERCISES[exercise_id]
    key = book_coding(exercise_id).set_index(spec.unit_column)
    table = load_table(spec.table).set_index(spec.unit_column).loc[key.index]
    for column in spec.decisions:
        if column in spec.numeric:
            expected = [NO_BOUND if pd.isna(v) else v for v in table[column]]
            assert [v if v == NO_BOUND else float(v) for v in key[column]] == expected
        else:
            assert list(key[column]) == list(table[column])


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_code_of_the_books_table_is_in_the_codebooks_vocabulary(exercise_id):
    spec = EXERCISES[exercise_id]
    table = load_table(spec.table)
    for column, codes in vocabulary(exercise_id).items():
        assert set(table[column]) <= set(codes), column


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_vocabulary_holds_codes_only_never_a_file_the_codebook_refers_to(exercise_id):
    """claims.md's row for `hedge` ends "it is coded in `sources.csv`": that is no hedge (every word in backticks of
    the row, taken as a code, would list it among the valid codes)."""
    assert not [code for codes in vocabulary(exercise_id).values() for code in codes if re.search(r"\.(csv|md)$", code)]


def test_a_word_the_codebook_lists_for_a_code_is_answered_with_the_code(keys):
    """A student who writes "can soar to", which claims.md lists under `up to`, is told the code to write, not only
    that it is no code."""
    numbers = book_coding("numbers-coding")
    numbers.loc[0, "hedge"] = "Can soar to"
    assert "'Can soar to' is one of the words the codebook codes as 'up to': write 'up to'" in assess("numbers-coding", numbers, keys)[1]


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_books_own_coding_agrees_completely(exercise_id, keys):
    result, message = assess(exercise_id, book_coding(exercise_id), keys)
    assert result == "coded"
    for column in EXERCISES[exercise_id].decisions:
        n = len(EXERCISES[exercise_id].sample)
        assert f"{column}: {n} of {n} agree (100%), κ = 1.00" in message
    assert "Every decision agrees" in message


def test_two_changed_frames_are_reported_with_their_codebook_rules(keys):
    key = book_coding("framing-coding")
    answer = key.copy()
    changed = {0: "security and defense", 5: "Capacity  and resources"}  # case and spaces do not matter
    for row, frame in changed.items():
        answer.loc[row, "frame"] = frame
    result, message = assess("framing-coding", answer, keys)
    assert result == "coded"
    n = len(key)
    assert f"frame: {n - 2} of {n} agree ({(n - 2) / n:.0%})" in message
    differences = [line for line in message.splitlines() if line.startswith("  ") and " frame: you " in line]
    assert len(differences) == 2
    for row in changed:
        book_frame = key.loc[row, "frame"]
        line = next(line for line in differences if line.startswith(f"  {key.loc[row, 'sentence_id']} "))
        assert f"the book {book_frame}" in line
        definition = next(r for r in load_codebook_rows("frames.md", "frame") if r[0] == book_frame)[1]
        assert definition in line  # the frame's definition row, read from the codebook


def load_codebook_rows(name, header):
    return table_rows(codebook_text(name), header)[1:]


def test_a_hedge_difference_quotes_the_convention_and_numbers_compare_with_a_tolerance(keys):
    answer = book_coding("numbers-coding")
    hedged = answer.index[answer["hedge"] == "roughly"][0]
    answer.loc[hedged, ["hedge", "low", "high"]] = ["none", answer.loc[hedged, "low"], answer.loc[hedged, "low"]]
    capped = answer.index[answer["hedge"] == "up to"][0]
    answer.loc[capped, "high"] = float(answer.loc[capped, "high"]) * 1.004  # within the tolerance: the same bound
    result, message = assess("numbers-coding", answer, keys)
    assert result == "coded"
    assert "hedge/high: you none/" in message
    assert '"about", "roughly", "approximately", "some": the value ± 10 %' in message
    assert "high: 8 of 9 agree" in message and "low: 9 of 9 agree" in message


def test_a_source_difference_quotes_the_codebooks_rule_for_that_construction(keys):
    answer = book_coding("speaks-coding")
    reported = answer.index[answer["span"].str.contains("it was reported")][0]
    answer.loc[reported, "speaker_type"] = "anonymous"
    message = assess("speaks-coding", answer, keys)[1]
    line = next(line for line in message.splitlines() if line.startswith(f"  {answer.loc[reported, 'source_id']} "))
    assert "you anonymous, the book journalist or other outlet" in line
    assert 'Codebook: an unnamed report ("is reportedly planning", "..., it was reported")' in line


def test_codebooks_are_read_from_the_data_folder_in_use_and_again_when_changed(data_copy):
    path = data_copy / "codebooks" / "frames.md"
    assert "money: costs" in codebook_text("frames.md")
    with use_data(data_copy):
        assert "money: costs" in codebook_text("frames.md")
        path.write_text(path.read_text(encoding="utf-8").replace("money: costs", "money and costs"), encoding="utf-8")
        assert "money and costs" in codebook_text("frames.md")
    assert "money: costs" in codebook_text("frames.md")


def test_rules_come_from_the_codebooks():
    assert hedge_convention("hundreds of") == '"hundreds": 200 to 999'
    assert hedge_convention("none").startswith("no hedge")
    assert code_definition("sources.md", "kind", "partial quote") == "partial quote (a few quoted words inside the reporter's sentence)"
    assert code_definition("sources.md", "speaker_type", "unattributed").startswith("unattributed (no speaker at all")


@pytest.mark.parametrize("exercise_id", IDS)
def test_partial_coding_is_not_yet_shows_no_book_code_and_an_empty_sheet_is_not_attempted(exercise_id, keys):
    sheet = coding_sheet(exercise_id)
    assert assess(exercise_id, sheet, keys)[0] == "not attempted"
    partial = book_coding(exercise_id)
    first = EXERCISES[exercise_id].decisions[0]
    partial.loc[[1, 2], first] = ""
    result, message = assess(exercise_id, partial, keys)
    assert result == "not yet"
    assert message.startswith(f"2 of {len(partial)} units still to code") and "the book" not in message


def test_an_empty_upper_bound_says_to_write_none(keys):
    answer = book_coding("numbers-coding")
    answer.loc[answer["high"] == NO_BOUND, "high"] = ""
    message = assess("numbers-coding", answer, keys)[1]
    assert "Where there is no upper bound, write none in high: an empty cell means \"not coded yet\"." in message


@pytest.mark.parametrize("exercise_id", IDS)
def test_one_code_everywhere_gets_a_message_and_any_other_coding_is_compared(exercise_id, keys):
    spec = EXERCISES[exercise_id]
    column = next(c for c in spec.decisions if c not in spec.numeric)
    answer = book_coding(exercise_id)
    answer[column] = answer[column].iloc[0]
    result, message = assess(exercise_id, answer, keys)
    assert result == "not yet" and f"you gave {column} the same code for every unit" in message
    assert "the book" not in message and "Read each unit with its context again" in message
    if exercise_id == "framing-coding":  # a sincere coder's four frames for twelve sentences: compared, not refused
        answer[column] = ["economic", "political", "legality", "other"] * 3
        assert assess(exercise_id, answer, keys)[0] == "coded"


@pytest.mark.parametrize("mistake, exercise_id", [
    (coding_without_hedges, "numbers-coding"), (coding_by_quotation_marks, "speaks-coding"), (coding_by_keywords, "framing-coding")])
def test_the_plausible_mistakes_are_recognised_with_their_advice(mistake, exercise_id, keys):
    feedback = next(m.feedback for m in ALL_EXERCISES[exercise_id].mistakes)
    result, message = assess(exercise_id, mistake(), keys)
    assert message.endswith(feedback)
    assert result == ("not yet" if exercise_id == "numbers-coding" else "coded")  # hedge "none" everywhere: too few codes


def test_the_keys_hold_the_books_codes_sealed(keys):
    sealed = keys.exercises["framing-coding"].key
    assert set(sealed) == {"cells", "codes", "rules", "needs"}
    text = json.dumps({name: sealed[name] for name in ("cells", "codes", "rules")})
    assert not any(frame in text for frame in vocabulary("framing-coding")["frame"])


@pytest.mark.parametrize("answer, expected", [
    ([1, 2], "expected the coding sheet (a pandas DataFrame from coding_sheet('speaks-coding'))"),
    (pd.DataFrame({"source_id": []}), "missing column(s) ['speaker_type', 'named', 'kind']"),
])
def test_wrong_types_and_shapes_get_messages(answer, expected, keys):
    result, message = assess("speaks-coding", answer, keys)
    assert result == "not yet" and expected in message and "Keep the rows and columns of coding_sheet('speaks-coding')" in message


def test_missing_units_and_unknown_codes_get_messages(keys):
    key = book_coding("speaks-coding")
    assert "missing unit(s) " + key.loc[0, "source_id"] in assess("speaks-coding", key.drop(index=0), keys)[1]
    wrong = key.copy()
    wrong.loc[3, "kind"] = "quote" * 20
    message = assess("speaks-coding", wrong, keys)[1]
    assert f"unit {key.loc[3, 'source_id']}, column kind: 'quotequote" in message
    assert "..." in message and len(message) < 400  # the value is shortened, not echoed whole
    wrong.loc[[5, 6, 7, 8], "kind"] = "quotes"  # one slip in several cells: each is named, not only the first
    message = assess("speaks-coding", wrong, keys)[1]
    assert all(f"unit {key.loc[i, 'source_id']}, column kind" in message for i in (3, 5, 6)) and "(2 more cell(s) like these)" in message
    numbers = book_coding("numbers-coding")
    numbers.loc[0, "low"] = "about 40"
    assert "'about 40' is not a number" in assess("numbers-coding", numbers, keys)[1]
    assert "is not a number or 'none' for no bound" not in assess("numbers-coding", numbers, keys)[1]


@settings(deadline=None, max_examples=25)
@given(answer=st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=3)))
def test_assess_never_raises_on_a_coding_exercise(answer, keys):
    result, message = assess("framing-coding", answer, keys)
    assert result == "not yet" and message


def test_save_and_load_round_trip(tmp_path):
    key = book_coding("numbers-coding")
    path = save_coding(key, "numbers-coding", "ana", folder=tmp_path)
    assert path == tmp_path / "numbers-coding" / "ana.csv"
    assert pretty(path) == f"Saved to {path}"  # a notebook shows a sentence, not PosixPath('...')
    loaded = load_coding(path)
    assert loaded[["quantity", "hedge"]].equals(key[["quantity", "hedge"]])
    assert loaded.astype(str).equals(key.astype(str))
    assert save_coding(key, "numbers-coding", "ana", folder=tmp_path) == path  # the same coding again is fine


def test_saving_never_replaces_a_different_coding_unless_asked(tmp_path):
    key = book_coding("framing-coding")
    path = save_coding(key, "framing-coding", "ana", folder=tmp_path)
    other = coding_by_keywords()
    with pytest.raises(DataError, match="a different coding is already saved there"):
        save_coding(other, "framing-coding", "ana", folder=tmp_path)
    assert load_coding(path).equals(key.astype(str))
    save_coding(other, "framing-coding", "ana", folder=tmp_path, overwrite=True)
    assert list(load_coding(path)["frame"]) == list(other["frame"])


def test_the_name_is_given_once_remembered_and_never_the_placeholder(tmp_path, own_progress_record):
    key = book_coding("framing-coding")
    with pytest.raises(DataError, match='give your own name once: save_coding\\(my_coding, "framing-coding"'):
        save_coding(key, "framing-coding", folder=tmp_path)  # the message names the exercise saved
    with pytest.raises(DataError, match="replace the ... after coder= with your own name"):
        save_coding(key, "framing-coding", coder=..., folder=tmp_path)
    with pytest.raises(DataError, match='replace "your-name" with your own name'):
        save_coding(key, "framing-coding", coder=" Your-Name ", folder=tmp_path)
    assert save_coding(key, "framing-coding", coder="Zoë_Ñúñez", folder=tmp_path) == tmp_path / "framing-coding" / "Zoë_Ñúñez.csv"
    assert save_coding(book_coding("speaks-coding"), "speaks-coding", folder=tmp_path) == tmp_path / "speaks-coding" / "Zoë_Ñúñez.csv"
    assert json.loads(own_progress_record.read_text(encoding="utf-8"))["name"] == "Zoë_Ñúñez"


def test_no_coder_name_the_book_shows_is_accepted():
    """An example name in the prose ("chloé-m") would be copied by many students into one file name: every name the
    chapters, the instructors' pages and the package's own messages show after coder= is refused."""
    texts = [path.read_text(encoding="utf-8").replace('\\"', '"') for path in (ROOT / "book").rglob("*")
             if path.suffix in (".ipynb", ".md", ".py") and ".ipynb_checkpoints" not in path.parts]
    shown = {literal for text in texts for literal in re.findall(r'coder=("[^"]*"|\.\.\.)', text)}
    assert '"..."' in shown, shown  # the package's own message shows one: the search works
    for literal in shown:
        with pytest.raises(DataError):
            coder_name(ast.literal_eval(literal), "numbers-coding")


def test_saving_never_writes_through_a_link(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "framing-coding").symlink_to(outside, target_is_directory=True)
    with pytest.raises(Exception, match="is a link"):
        save_coding(book_coding("framing-coding"), "framing-coding", "ana", folder=tmp_path / "class")
    assert not list(outside.iterdir())


def test_saving_refuses_bad_names_and_bad_sheets(tmp_path):
    with pytest.raises(DataError, match="coder name '../ana'"):
        save_coding(book_coding("framing-coding"), "framing-coding", "../ana", folder=tmp_path)
    with pytest.raises(DataError, match="not saved: expected the coding sheet"):
        save_coding([1], "framing-coding", "ana", folder=tmp_path)
    with pytest.raises(DataError, match="not a coding exercise"):
        save_coding(book_coding("framing-coding"), "framing-6", "ana", folder=tmp_path)


def test_loading_names_the_file_and_row(tmp_path):
    path = save_coding(book_coding("speaks-coding"), "speaks-coding", "ana", folder=tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r",paraphrase\n", ",summary\n", text, count=1), encoding="utf-8")
    with pytest.raises(DataError, match=r"ana.csv, row \d+ \(\d{3}-s\d+\), column kind: 'summary' is not a code"):
        load_coding(path)
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match="x.csv: not a coding sheet"):
        load_coding(tmp_path / "x.csv")


def test_a_class_pools_saved_codings_for_the_agreement_report(tmp_path):
    save_coding(book_coding("framing-coding"), "framing-coding", "ana", folder=tmp_path)
    save_coding(coding_by_keywords(), "framing-coding", "ben", folder=tmp_path)
    coders = read_coders(tmp_path / "framing-coding")
    assert coders.exercise.id == "framing-coding" and list(coders.decisions) == ["frame"]
    assert list(coders.decisions["frame"].index) == list(sample_rows(EXERCISES["framing-coding"]).index)


def test_a_row_set_by_unit_id_is_named_with_how_to_set_a_row(keys):
    """A student who sets my_coding.loc["000-06", "quantity"] = ... appends a row labelled 000-06: the check names it
    and says how to set a row, not "unit(s) not in the sample 'nan'"."""
    sheet = book_coding("numbers-coding")
    unit = sheet.loc[0, "claim_id"]
    sheet.loc[unit, "quantity"] = "population"
    result, message = assess("numbers-coding", sheet, keys)
    assert result == "not yet" and f"a row labelled '{unit}' was added" in message and "number on the left" in message
    assert "'nan'" not in message


def test_numbers_then_none_in_a_column_raise_no_warning(recwarn):
    """A column filled as a list of numbers, then "none" written into one cell, as the prompt asks: pandas warns of
    an incompatible dtype (and will refuse it) unless the sheet keeps its columns as objects."""
    sheet = coding_sheet("numbers-coding")
    sheet["high"] = [1000] * len(sheet)
    sheet.loc[2, "high"] = NO_BOUND
    copied = sheet.copy()
    copied["low"] = [1.5] * len(sheet)
    copied.loc[0, "low"] = "about"
    assert not [warning for warning in recwarn if issubclass(warning.category, FutureWarning)]
    assert sheet.loc[2, "high"] == NO_BOUND and copied.loc[0, "low"] == "about"
    graded = judging.plain_loads(pickle.dumps(sheet, protocol=pickle.HIGHEST_PROTOCOL))  # what the grader reads back
    assert type(graded) is pd.DataFrame and graded.equals(sheet)


def test_an_interval_that_ends_before_it_starts_gets_a_message(keys):
    sheet = book_coding("numbers-coding")
    sheet.loc[0, ["low", "high"]] = [sheet.loc[0, "high"], sheet.loc[0, "low"]]
    result, message = assess("numbers-coding", sheet, keys)
    assert result == "not yet" and f"unit(s) {sheet.loc[0, 'claim_id']}: low is above high" in message


@pytest.mark.parametrize("exercise_id", [i for i in IDS if EXERCISES[i].interval])
def test_the_message_for_an_interval_that_ends_before_it_starts_fits_every_coding_exercise(exercise_id, keys):
    """The message belongs to the shared CodingAgreement: it speaks of the exercise's own interval columns and of
    nothing that is another decision of one exercise (it spoke of "the hedge", which only the numbers sheet codes)."""
    low, high = EXERCISES[exercise_id].interval
    sheet = book_coding(exercise_id)
    sheet.loc[0, [low, high]] = [sheet.loc[0, high], sheet.loc[0, low]]
    message = assess(exercise_id, sheet, keys)[1]
    assert f"{low} is the interval's low end, {high} its high end" in message
    others = set(EXERCISES[exercise_id].decisions) - {low, high}
    assert not [column for column in others if re.search(rf"\b{column}\b", message)], message


def test_the_chapter_of_the_first_sheet_shows_how_to_read_a_whole_context_before_its_exercise():
    """A sheet's display cuts span and context at the chapter's max_colwidth, and the decisions depend on them (a
    student who codes from the cut text misses what decides): before its first coding exercise, the chapter prints a
    whole one or says how."""
    first = next(path for path in sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb")) if "coding_sheet(" in path.read_text(encoding="utf-8"))
    cells = json.loads(first.read_text(encoding="utf-8"))["cells"]
    prompt = next(i for i, cell in enumerate(cells) if re.search(r":label: \w+-coding", "".join(cell["source"])))
    before = "".join("".join(cell["source"]) for cell in cells[:prompt])
    assert re.search(r'print\(\w+\.loc\[\d+, "context"\]\)', before), first.name
