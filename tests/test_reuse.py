"""newsreader.methods.reuse on small invented texts whose answers can be counted by hand, and its properties."""
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from newsreader.methods.reuse import (closest_quotations, containment, containment_matrix, ngrams, shared_passages,
                                      similarity, without_quotations)

A = "The minister visited the prison on Monday. She said it was full."
B = "On Monday the minister visited the prison, and said little else."


def test_ngrams_are_lower_cased_distinct_and_stay_within_a_paragraph():
    assert ngrams("The cat saw the cat", 2) == {("the", "cat"), ("cat", "saw"), ("saw", "the")}
    assert ngrams("one two\n\nthree four", 2) == {("one", "two"), ("three", "four")}  # no ("two", "three")
    assert ngrams("too short", 3) == set()


def test_known_containment():
    # A's 3-grams: the minister visited / minister visited the / visited the prison / the prison on /
    # prison on monday / on monday she / monday she said / she said it / said it was / it was full: 10,
    # of which B has the first three.
    assert containment(A, B, 3) == pytest.approx(3 / 10)
    # B's 3-grams: on monday the / monday the minister / the minister visited / minister visited the /
    # visited the prison / the prison and / prison and said / and said little / said little else: 9, 3 shared.
    assert containment(B, A, 3) == pytest.approx(3 / 9)
    assert containment("", A, 3) == 0.0


def test_matrix_rows_are_contained_in_columns():
    matrix = containment_matrix({"a": A, "b": B}, 3)
    assert matrix.loc["a", "b"] == pytest.approx(3 / 10)
    assert matrix.loc["b", "a"] == pytest.approx(3 / 9)
    assert list(matrix.index) == ["a", "b"] and list(matrix.columns) == ["a", "b"]
    assert (matrix.to_numpy().diagonal() == 1).all()


def test_known_longest_passage_and_positions():
    passages = shared_passages(A, B, min_words=3)
    assert passages.loc[0, "passage"] == "the minister visited the prison"
    assert passages.loc[0, ["words", "a_start", "b_start"]].tolist() == [5, 0, 2]
    assert len(shared_passages(A, B, min_words=6)) == 0


def test_passages_in_a_different_order_are_all_found():
    first = "alpha beta gamma delta. one two three four."
    second = "one two three four. alpha beta gamma delta."
    passages = shared_passages(first, second, min_words=4)
    assert sorted(passages["passage"]) == ["alpha beta gamma delta", "one two three four"]


def test_a_passage_does_not_run_across_a_paragraph_break():
    first = "the fee would be sustainable\n\nThe offer was made"
    second = "the fee would be sustainable\n\nThe agreement was made"
    assert shared_passages(first, second, min_words=2)["passage"].tolist() == ["the fee would be sustainable", "was made"]


def test_without_quotations_keeps_the_reporters_words():
    text = 'He said "we have space" and left. She replied “not enough”.'
    assert without_quotations(text) == "He said \n and left. She replied \n."


def test_fuzzy_match_above_and_below_the_threshold():
    first = 'Rubio said "he will put them in his jails" on Monday.'
    second = 'Rubio said: "He will put them in his jails, all of them." Then "something else entirely".'
    matches = closest_quotations(first, second, threshold=0.7)
    assert matches.loc[0, "closest"] == "He will put them in his jails, all of them."
    assert matches.loc[0, "ratio"] == pytest.approx(2 * 7 / (7 + 10))  # 7 words in common, 7 and 10 words long
    assert bool(matches.loc[0, "match"])
    assert not closest_quotations(first, second, threshold=0.9).loc[0, "match"]


def test_no_quotation_to_match():
    matches = closest_quotations('"two words" here', "no quotation at all", threshold=0.5)
    assert matches.loc[0, ["closest", "ratio", "match"]].tolist() == ["", 0.0, False]
    assert closest_quotations("nothing quoted", '"two words"', threshold=0.5).empty


texts = st.lists(st.sampled_from(["the", "prison", "holds", "people", "el", "salvador", "\n\n", "."]),
                 min_size=0, max_size=40).map(" ".join)


@given(texts, st.integers(min_value=1, max_value=4))
def test_a_text_is_wholly_contained_in_itself(text, n):
    assume(ngrams(text, n))
    assert containment(text, text, n) == 1.0


@given(texts, texts, st.integers(min_value=1, max_value=4))
def test_containment_is_a_share(a, b, n):
    assert 0.0 <= containment(a, b, n) <= 1.0


@given(texts, texts)
def test_similarity_is_a_share_and_symmetric_for_identical_texts(a, b):
    assert 0.0 <= similarity(a, b) <= 1.0
    assume(a.split())
    assert similarity(a, a) == 1.0


@given(texts, texts, st.integers(min_value=1, max_value=6))
def test_every_passage_is_long_enough_and_in_both_texts(a, b, min_words):
    for passage in shared_passages(a, b, min_words)["passage"]:
        assert len(passage.split()) >= min_words
        assert " ".join(ngrams(passage, len(passage.split())).pop()) == passage
        assert ngrams(passage, len(passage.split())) <= ngrams(a, len(passage.split())) & ngrams(b, len(passage.split()))
