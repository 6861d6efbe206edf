"""Agreement methods on published examples and edge cases, and the class reliability report on fixtures."""
import csv
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.errors import DataError
from newsreader.methods.agreement import (Interval, alpha_interval, bootstrap_interval, coded_pairs, kappa_of_pairs, alpha_undefined_reason, cohen_kappa, kappa_interval,
                                          krippendorff_alpha, most_disagreement, observed_and_expected,
                                          pairwise_kappa, percent_agreement)
from newsreader.reliability import FIGURE, RESULTS, ColumnAgreement, agreement_report, finding, main, read_coders

FIXTURES = Path(__file__).parent / "fixtures" / "agreement"


# --- Cohen's kappa ---------------------------------------------------------------------------------------------

def test_kappa_on_the_published_worked_example():
    # The worked example of Wikipedia's "Cohen's kappa": 50 proposals, both coders yes 20, both no 15,
    # A yes and B no 5, A no and B yes 10. Observed agreement 0.70, expected 0.50, kappa 0.40.
    first = ["yes"] * 20 + ["no"] * 15 + ["yes"] * 5 + ["no"] * 10
    second = ["yes"] * 20 + ["no"] * 15 + ["no"] * 5 + ["yes"] * 10
    observed, expected = observed_and_expected(first, second)
    assert observed == pytest.approx(0.70)
    assert expected == pytest.approx(0.50)
    assert cohen_kappa(first, second) == pytest.approx(0.40)
    assert percent_agreement(first, second) == pytest.approx(0.70)


@pytest.mark.parametrize("first, second, kappa", [
    (["a", "b", "a", "c"], ["a", "b", "a", "c"], 1.0),  # perfect agreement
    (["a", "b", "a", "b"], ["b", "a", "b", "a"], -1.0),  # perfect disagreement on two codes
    (["a", "a", "b", "b"], ["a", "b", "a", "b"], 0.0),  # exactly what chance gives
    (["a", "a", "a"], ["a", "a", "a"], 1.0),  # one and the same code throughout: agreement is perfect
])
def test_kappa_edge_cases(first, second, kappa):
    assert cohen_kappa(first, second) == pytest.approx(kappa)


def test_kappa_leaves_out_units_a_coder_did_not_code_and_is_nan_without_any():
    assert cohen_kappa(["a", "b", "", None], ["a", "b", "a", "b"]) == 1.0
    assert percent_agreement(["a", None], [math.nan, "b"]) != percent_agreement(["a", None], [math.nan, "b"])  # NaN
    assert math.isnan(cohen_kappa([], []))
    with pytest.raises(ValueError, match="different lengths"):
        cohen_kappa(["a"], ["a", "b"])


@given(st.lists(st.sampled_from(["capacity", "population", "payment"]), min_size=2).filter(lambda codes: len(set(codes)) >= 2))
def test_kappa_is_one_for_identical_codings_with_two_or_more_codes(codes):
    assert cohen_kappa(codes, list(codes)) == pytest.approx(1.0)


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=1))
def test_percent_agreement_lies_between_0_and_1_and_kappa_never_above_1(pairs):
    first, second = zip(*pairs)
    assert 0 <= percent_agreement(first, second) <= 1
    assert cohen_kappa(first, second) <= 1 + 1e-12


# --- Krippendorff's alpha --------------------------------------------------------------------------------------

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
# University of Pennsylvania, section C ("nominal data, any number of observers, missing data"), p. 8:
# 4 observers, 12 units, nominal alpha = 0.743. The same matrix is in the krippendorff package's tests and
# docstring (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py). Rows: units; columns: observers.
KRIPPENDORFF_2011 = pd.DataFrame({
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}, dtype=object)


def test_alpha_on_krippendorffs_published_example():
    assert round(krippendorff_alpha(KRIPPENDORFF_2011), 3) == 0.743


def test_alpha_does_not_depend_on_how_codes_are_spelled():
    as_words = KRIPPENDORFF_2011.map(lambda code: None if code is None else f"code {code}")
    assert krippendorff_alpha(as_words) == pytest.approx(krippendorff_alpha(KRIPPENDORFF_2011))


@pytest.mark.parametrize("codings, reason", [
    (pd.DataFrame({"a": ["x", "x"], "b": ["x", "x"]}), "the same code"),
    (pd.DataFrame({"a": ["x", None], "b": [None, "y"]}), "no unit was coded by two coders"),
])
def test_alpha_is_nan_with_a_reason_when_undefined(codings, reason):
    assert math.isnan(krippendorff_alpha(codings))
    assert reason in alpha_undefined_reason(codings)
    interval = alpha_interval(codings, resamples=50)
    assert math.isnan(interval.estimate) and reason in interval.note
    assert str(interval).startswith("undefined")


# --- Bootstrap intervals and disagreement ----------------------------------------------------------------------

def test_bootstrap_is_reproducible_and_contains_the_estimate():
    first = interval = alpha_interval(KRIPPENDORFF_2011, resamples=300, seed=7)
    assert alpha_interval(KRIPPENDORFF_2011, resamples=300, seed=7) == first
    assert alpha_interval(KRIPPENDORFF_2011, resamples=300, seed=8) != first
    assert interval.low <= interval.estimate <= interval.high
    kappa = kappa_interval(list("aabbabab"), list("aabbaabb"), resamples=300, seed=7)
    assert kappa == kappa_interval(list("aabbabab"), list("aabbaabb"), resamples=300, seed=7)
    assert kappa.low <= kappa.estimate <= kappa.high
    assert kappa.estimate == pytest.approx(cohen_kappa(list("aabbabab"), list("aabbaabb")))


def test_the_bootstrap_interval_is_the_middle_of_the_resampled_statistic():
    values = np.arange(20, dtype=float)
    interval = bootstrap_interval(values, np.mean, confidence=0.95, resamples=400, seed=3)
    means = values[np.random.default_rng(3).integers(0, 20, size=(400, 20))].mean(axis=1)  # the same draws
    assert (interval.low, interval.high) == pytest.approx(tuple(np.percentile(means, [2.5, 97.5])))
    assert interval.estimate == pytest.approx(9.5) and interval.confidence == 0.95


def test_a_95_percent_bootstrap_interval_covers_the_true_value_about_95_times_in_100():
    """300 samples of 50 from a normal distribution of mean 0 (fixed seeds: the count is always the same); a 90%
    interval labelled 95% covers 0 about 90 times in 100."""
    rng = np.random.default_rng(11)
    trials = 300
    covered = sum(interval.low <= 0 <= interval.high for interval in (
        bootstrap_interval(rng.normal(0, 1, size=50), np.mean, resamples=400, seed=trial) for trial in range(trials)))
    assert 0.92 <= covered / trials <= 0.98


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abcd")), min_size=1, max_size=30),
       st.integers(0, 10))
def test_the_kappa_interval_computed_at_once_equals_the_one_computed_draw_by_draw(pairs, seed):
    first, second = zip(*pairs)
    one_by_one = bootstrap_interval(coded_pairs(first, second), kappa_of_pairs, resamples=50, seed=seed)
    assert kappa_interval(first, second, resamples=50, seed=seed) == one_by_one


def test_units_with_the_most_disagreement_come_first():
    codings = pd.DataFrame({"ana": ["x", "x", "y", "x"], "ben": ["x", "y", "z", "x"], "cleo": ["x", "y", "x", "x"]},
                           index=["u1", "u2", "u3", "u4"])
    worst = most_disagreement(codings)
    assert list(worst.index) == ["u3", "u2"]  # all three differ; then two of three pairs differ
    assert worst.loc["u3", "disagreement"] == 1.0
    assert worst.loc["u2", "codes"] == "y ×2, x ×1"


def test_pairwise_kappa_is_a_symmetric_coder_table():
    table = pairwise_kappa(KRIPPENDORFF_2011)
    assert list(table.index) == list(table.columns) == ["A", "B", "C", "D"]
    assert np.allclose(table.to_numpy(), table.to_numpy().T)
    assert table.loc["A", "B"] == pytest.approx(cohen_kappa(KRIPPENDORFF_2011["A"], KRIPPENDORFF_2011["B"]))


# --- The class report on a folder of coders' files -------------------------------------------------------------

@pytest.fixture
def three_coders(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURES / "three-coders", tmp_path / "class"))


def test_report_on_three_coders(three_coders):
    coders = read_coders(three_coders)
    assert coders.names == ["ana", "ben", "cleo"]
    assert coders.exercise.id == "speaks-coding"
    # cleo wrote "Anonymous" and " no ": codes are compared case- and space-insensitively
    assert coders.decisions["speaker_type"].loc["000-s05", "cleo"] == "anonymous"
    report = agreement_report(three_coders, resamples=200)
    kappa = cohen_kappa(coders.decisions["kind"]["ben"], coders.decisions["kind"]["cleo"])
    assert f"ben–cleo {kappa:.2f}" in report
    alpha = krippendorff_alpha(coders.decisions["kind"])
    assert f"Krippendorff's alpha (nominal, all coders): {alpha:.2f} (95% interval" in report
    assert "001-s01: anonymous ×1, journalist or other outlet ×1, unattributed ×1" in report
    assert "004-s13: no ×2, yes ×1" in report
    assert (three_coders / RESULTS / FIGURE).stat().st_size > 10_000
    assert "3 coders agree most on named" in report and "least on kind" in report


def test_each_coder_is_compared_with_the_book_and_with_the_majority_of_the_others(three_coders):
    coders = read_coders(three_coders)
    book = coders.book["kind"]
    ben = coders.decisions["kind"]["ben"]
    report = agreement_report(three_coders, resamples=50)
    assert f"ben {percent_agreement(ben, book):.0%} (κ {cohen_kappa(ben, book):.2f})" in report
    others = coders.decisions["kind"][["ana", "cleo"]]
    agreed = others["ana"].where(others["ana"] == others["cleo"], "")  # two others: a majority only where they agree
    line = next(line for line in report.splitlines() if "against the majority" in line and "ben" in line
                and line in report.split("\nkind\n")[1])
    assert f"ben {percent_agreement(ben, agreed):.0%} (κ {cohen_kappa(ben, agreed):.2f})" in line
    coders_table = pd.read_csv(three_coders / RESULTS / "coders.csv")
    row = coders_table[(coders_table["column"] == "kind") & (coders_table["coder"] == "ben")].iloc[0]
    assert row["book_agreement"] == pytest.approx(percent_agreement(ben, book), abs=1e-4)
    assert row["book_kappa_low"] <= row["book_kappa"] <= row["book_kappa_high"]


def test_the_tables_hold_every_coder_pair_unit_and_column(three_coders):
    agreement_report(three_coders, resamples=20)
    tables = {name: pd.read_csv(three_coders / RESULTS / f"{name}.csv") for name in ("columns", "coders", "pairs", "units")}
    assert list(tables["columns"]["column"]) == ["speaker_type", "named", "kind"]
    assert len(tables["coders"]) == 3 * 3 and len(tables["pairs"]) == 3 * 3 and len(tables["units"]) == 3 * 10


def test_report_is_reproducible(three_coders):
    assert agreement_report(three_coders, resamples=100) == agreement_report(three_coders, resamples=100)


def test_numbers_within_the_tolerance_agree(tmp_path):
    header = "claim_id,quantity,hedge,low,high\n"
    (tmp_path / "ana.csv").write_text(header + "a-1,capacity,tens of thousands,20000,99999\na-2,population,more than,80,none\n")
    (tmp_path / "ben.csv").write_text(header + "a-1,capacity,tens of thousands,\"20,000\",100000\na-2,population,more than,80,None\n")
    coders = read_coders(tmp_path)
    assert list(coders.decisions["high"]["ben"]) == ["99999", "none"]
    assert percent_agreement(coders.decisions["high"]["ana"], coders.decisions["high"]["ben"]) == 1


def test_blank_cells_count_as_missing_and_are_reported(three_coders):
    path = three_coders / "ben.csv"
    path.write_text(path.read_text().replace("000-s11,anonymous,no,paraphrase", "000-s11,,no,paraphrase"))
    report = agreement_report(three_coders, resamples=50)
    assert "ben.csv left 1 cell(s) blank (row 4 speaker_type); they count as missing" in report


def write(folder: Path, name: str, text) -> None:
    path = folder / name
    path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (lambda f: (f / "ben.csv").write_text((f / "ben.csv").read_text().replace("004-s13,prison official,yes,direct quote\n", "")),
     "ben.csv: missing unit(s) 004-s13 that ana.csv has"),
    (lambda f: (f / "ben.csv").write_text((f / "ben.csv").read_text() + "005-s01,anonymous,no,citation\n"),
     "ben.csv: unit(s) not in ana.csv: 005-s01 (row 12)"),
    (lambda f: (f / "cleo.csv").write_text((f / "cleo.csv").read_text().replace("004-s02,unattributed", "004-s02,nobody")),
     "cleo.csv, row 10 (004-s02), column speaker_type: 'nobody' is not a code of speaker_type"),
    (lambda f: write(f, "ben.csv", "source_id,speaker_type,named,kind\n000-s05,an\xf3nimo,no,citation\n".encode("latin-1")),
     "ben.csv: is not UTF-8 text"),
    (lambda f: write(f, "ben.csv", ""), "ben.csv: is empty"),
    (lambda f: write(f, "ben.csv", "source_id,speaker_type,named,kind\n"), "ben.csv: has a header but no rows"),
    (lambda f: write(f, "ben.csv", "just some words\nnot a table\n"), "ben.csv: needs a unit-id column and at least one decision column"),
    (lambda f: write(f, "ben.csv", 'source_id,speaker_type,named,kind\n"000-s05,anonymous,no\n'), "ben.csv: is not a well-formed CSV table"),
    (lambda f: write(f, "ben.csv", "source_id,speaker_type,named\n000-s05,anonymous,no\n"), "ben.csv: missing column(s) kind that ana.csv has"),
    (lambda f: write(f, "ben.csv", (f / "ana.csv").read_text().replace("000-s07", "000-s05")), "ben.csv: duplicate source_id 000-s05"),
])
def test_a_bad_file_is_reported_and_left_out_and_the_others_are_compared(three_coders, change, message):
    change(three_coders)
    report = agreement_report(three_coders, resamples=10)
    assert "Left out 1 file(s) with a problem (fix them and run again):" in report
    assert message in report
    assert report.startswith("Agreement of 2 coders")


def test_identical_files_are_all_counted_and_named_in_a_note(three_coders):
    """Coders who make the same decisions write the same sheet: none is dropped; the instructor is told which."""
    shutil.copyfile(three_coders / "ben.csv", three_coders / "ben_2.csv")
    report = agreement_report(three_coders, resamples=10)
    assert report.startswith("Agreement of 4 coders (ana, ben, ben_2, cleo)")
    assert "Left out" not in report
    assert "Note: 2 files are byte for byte the same as another" in report
    assert "\n  ben.csv, ben_2.csv\n" in report


def test_a_coder_named_like_a_formula_is_text_in_the_tables(three_coders):
    (three_coders / "ben.csv").rename(three_coders / "=1+1.csv")
    agreement_report(three_coders, resamples=10)
    for name in ("coders", "pairs"):
        with (three_coders / RESULTS / f"{name}.csv").open(encoding="utf-8", newline="") as file:
            cells = [cell for row in csv.reader(file) for cell in row]
        assert "'=1+1" in cells and "=1+1" not in cells


def test_every_bad_file_is_reported_not_only_the_first(three_coders):
    for name in ("dan", "eve", "fay"):
        write(three_coders, f"{name}.csv", "just some words\nnot a table\n")
    report = agreement_report(three_coders, resamples=10)
    assert "Left out 3 file(s)" in report
    assert all(f"{name}.csv: needs a unit-id column" in report for name in ("dan", "eve", "fay"))


def test_fewer_than_two_usable_files_is_an_error_naming_each_problem(three_coders):
    write(three_coders, "ben.csv", "")
    (three_coders / "cleo.csv").unlink()
    with pytest.raises(DataError) as error:
        agreement_report(three_coders, resamples=10)
    assert str(error.value).splitlines() == [f"{three_coders}: found 2 coder file(s), 1 usable; agreement needs the CSV "
                                             "files of at least two coders", "ben.csv: is empty"]


def test_a_huge_file_gets_a_short_message(three_coders):
    lines = "".join(f"999-s{i:06},anonymous,no,citation\n" for i in range(100_000))
    write(three_coders, "ben.csv", "source_id,speaker_type,named,kind\n" + lines)
    report = agreement_report(three_coders, resamples=10)
    problem = next(line for line in report.splitlines() if "ben.csv:" in line)
    assert len(problem) <= 310 and "and 99995 more" in problem


def test_thirty_coders_get_a_report_of_at_most_forty_lines(tmp_path):
    rng = np.random.default_rng(1)
    ana = pd.read_csv(FIXTURES / "three-coders" / "ana.csv", dtype=str)
    codes = {column: sorted(set(ana[column])) for column in ana.columns[1:]}
    for coder in range(30):
        sheet = ana.copy()
        for column, options in codes.items():
            changed = rng.random(len(sheet)) < 0.3
            sheet.loc[changed, column] = rng.choice(options, changed.sum())
        sheet.loc[rng.random(len(sheet)) < 0.05, "kind"] = ""
        sheet.to_csv(tmp_path / f"coder-{coder:02}.csv", index=False)
    for name in ("broken-1", "broken-2"):
        write(tmp_path, f"{name}.csv", "not,a\n")
    report = agreement_report(tmp_path, resamples=50)
    assert len(report.splitlines()) <= 40
    assert report.startswith("Agreement of 30 coders on 10 units (the coding exercise speaks-coding).")
    assert "(every coder in coders.csv)" in report and "(every pair in pairs.csv)" in report


def test_a_users_files_are_never_overwritten(three_coders):
    (three_coders / FIGURE).write_bytes(b"the class photo")
    agreement_report(three_coders, resamples=10)
    assert (three_coders / FIGURE).read_bytes() == b"the class photo"
    figure = three_coders / RESULTS / FIGURE
    figure.write_bytes(b"my annotated figure")
    agreement_report(three_coders, resamples=10)
    assert figure.read_bytes() == b"my annotated figure"
    assert (three_coders / RESULTS / "agreement-2.png").stat().st_size > 10_000


def test_a_name_taken_by_a_folder_or_a_file_is_no_traceback(three_coders, capsys):
    (three_coders / RESULTS).write_text("a note of mine")
    assert main(str(three_coders), resamples=20) == 0
    assert (three_coders / RESULTS).read_text() == "a note of mine"
    assert (three_coders / f"{RESULTS}-2" / FIGURE).exists()
    (three_coders / f"{RESULTS}-2" / "pairs.csv").unlink()
    (three_coders / f"{RESULTS}-2" / "pairs.csv").mkdir()
    assert main(str(three_coders), resamples=20) == 0
    assert (three_coders / f"{RESULTS}-2" / "pairs-2.csv").exists()
    assert "Traceback" not in capsys.readouterr().err


def test_a_generic_folder_compares_every_column_after_the_first(tmp_path):
    write(tmp_path, "ana.csv", "item,tone\n1,Positive\n2,negative\n3,neutral\n")
    write(tmp_path, "ben.csv", "item,tone\n1,positive\n2,negative\n3,negative\n")
    write(tmp_path, "cleo.csv", "item,tone,extra\n1,positive,x\n2,negative,y\n3,neutral,z\n")
    report = agreement_report(tmp_path, resamples=10)
    assert "cleo.csv: column(s) extra that ana.csv does not have" in report
    assert "ana–ben 0.50" in report and "against the book" not in report


def test_main_prints_the_report_or_the_problem_and_returns_an_exit_code(three_coders, tmp_path, capsys):
    assert main(str(three_coders), resamples=20) == 0
    assert capsys.readouterr().out.startswith("Agreement of 3 coders (ana, ben, cleo) on 10 units")
    assert main(str(tmp_path / "nowhere"), resamples=20) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "nowhere: not a folder" in captured.err


def test_no_agreement_is_claimed_when_no_unit_was_coded_by_two(tmp_path):
    (tmp_path / "ana.csv").write_text("unit,tone\nu1,a\nu2,b\n", encoding="utf-8")
    (tmp_path / "ben.csv").write_text("unit,tone\nu1,\nu2,\n", encoding="utf-8")
    report = agreement_report(tmp_path, resamples=10)
    assert "No unit was coded by two coders" in report
    assert "Every unit got the same code" not in report


def test_columns_that_agree_as_much_are_not_called_most_and_least():
    def column(name, alpha):
        return ColumnAgreement(name, Interval(alpha, alpha, alpha, 0.95), {}, {}, [], pd.DataFrame(), 10)

    assert finding([column("speaker_type", 0.8), column("kind", 0.8)], 30) == (
        "30 coders agree as much on every column (speaker_type, kind: α = 0.80)")
    assert finding([column("speaker_type", 0.8), column("kind", 0.5)], 30) == (
        "30 coders agree most on speaker_type (α = 0.80), least on kind (α = 0.50)")


def test_a_folder_of_exercise_folders_says_which_to_give(tmp_path):
    """save_coding writes coding/<exercise>/<coder>.csv: the folder above them is a natural first try."""
    (tmp_path / "framing-coding").mkdir()
    (tmp_path / "framing-coding" / "ana.csv").write_text("unit_id,frame\nu1,economic\n", encoding="utf-8")
    with pytest.raises(DataError) as said:
        read_coders(tmp_path)
    assert "found 0 coder file(s) (its folders framing-coding hold coder files" in str(said.value)
    assert str(tmp_path / "framing-coding") in str(said.value)


def test_the_folder_save_coding_writes_to_gets_a_report_for_each_exercise(three_coders, tmp_path, capsys):
    """A student who runs agreement on the folder save_coding writes to (my-coding/, which holds my-coding/<exercise>/)
    gets a report for each exercise folder in it, not "found 0 coder file(s)"."""
    shutil.copytree(three_coders, tmp_path / "my-coding" / "speaks-coding")
    (tmp_path / "my-coding" / "numbers-coding").mkdir()
    write(tmp_path / "my-coding" / "numbers-coding", "ana.csv", "claim_id,quantity,hedge,low,high\n")
    assert main(str(tmp_path / "my-coding"), resamples=20) == 1  # numbers-coding has one coder file only
    captured = capsys.readouterr()
    assert captured.out.startswith(f"The coder files in {tmp_path / 'my-coding' / 'speaks-coding'}:\nAgreement of 3 coders")
    assert f"{tmp_path / 'my-coding' / 'numbers-coding'}: found 1 coder file(s)" in captured.err
