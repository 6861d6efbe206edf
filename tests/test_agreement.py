"""Agreement methods on published examples and edge cases, and the class reliability report on fixtures."""
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.errors import DataError
from newsreader.methods.agreement import (alpha_interval, alpha_undefined_reason, cohen_kappa, kappa_interval,
                                          krippendorff_alpha, most_disagreement, observed_and_expected,
                                          pairwise_kappa, percent_agreement)
from newsreader.reliability import FIGURE, agreement_report, main, read_coders

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
    assert f"ben and cleo: 60% of the 10 units both coded agree, kappa {kappa:.2f}" in report
    alpha = krippendorff_alpha(coders.decisions["kind"])
    assert f"Krippendorff's alpha (nominal, all coders): {alpha:.2f} (95% interval" in report
    assert "001-s01: anonymous ×1, journalist or other outlet ×1, unattributed ×1" in report
    assert "004-s13: no ×2, yes ×1" in report
    assert (three_coders / FIGURE).stat().st_size > 10_000
    assert "agree most on named" in report and "least on kind" in report


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
    (lambda f: [(f / name).unlink() for name in ("ben.csv", "cleo.csv")], "found 1 coder file(s); agreement needs the CSV files of at least two coders"),
])
def test_bad_input_gets_a_message_naming_the_file_and_row(three_coders, change, message):
    change(three_coders)
    with pytest.raises(DataError) as error:
        agreement_report(three_coders, resamples=10)
    assert message in str(error.value)


def test_a_generic_folder_compares_every_column_after_the_first(tmp_path):
    write(tmp_path, "ana.csv", "item,tone\n1,Positive\n2,negative\n3,neutral\n")
    write(tmp_path, "ben.csv", "item,tone\n1,positive\n2,negative\n3,negative\n")
    write(tmp_path, "cleo.csv", "item,tone,extra\n1,positive,x\n2,negative,y\n3,neutral,z\n")
    with pytest.raises(DataError, match="cleo.csv: column\\(s\\) extra that ana.csv does not have"):
        read_coders(tmp_path)
    (tmp_path / "cleo.csv").unlink()
    assert "ana and ben: 67% of the 3 units both coded agree" in agreement_report(tmp_path, resamples=10)


def test_main_prints_the_report_or_one_line_and_returns_an_exit_code(three_coders, tmp_path, capsys):
    assert main(str(three_coders)) == 0
    assert capsys.readouterr().out.startswith("Agreement of 3 coders (ana, ben, cleo) on 10 units")
    assert main(str(tmp_path / "nowhere")) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "nowhere: not a folder" in captured.err


def test_no_agreement_is_claimed_when_no_unit_was_coded_by_two(tmp_path):
    (tmp_path / "ana.csv").write_text("unit,tone\nu1,a\nu2,b\n", encoding="utf-8")
    (tmp_path / "ben.csv").write_text("unit,tone\nu1,\nu2,\n", encoding="utf-8")
    report = agreement_report(tmp_path, resamples=10)
    assert "No unit was coded by two coders" in report
    assert "Every unit got the same code" not in report
