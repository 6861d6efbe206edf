"""sources.csv: vocabularies, quotations have quotation marks, linked remarks span several articles."""
import re

from newsreader import load_table

SOURCES = load_table("sources")
SPEAKER_TYPES = {"U.S. government", "Salvadoran government", "prison official", "international body",
                 "journalist or other outlet", "anonymous", "unnamed experts", "unattributed"}
KINDS = {"direct quote", "partial quote", "paraphrase", "citation"}
CHANNELS = {"interview", "X post", "another outlet's report", "press remarks", "meeting", "document", "unknown"}


def test_controlled_vocabularies():
    assert set(SOURCES["speaker_type"]) <= SPEAKER_TYPES
    assert set(SOURCES["kind"]) <= KINDS
    assert set(SOURCES["channel"]) <= CHANNELS
    assert set(SOURCES["named"]) | set(SOURCES["says_how_obtained"]) <= {"yes", "no"}


def test_quotations_have_quotation_marks_and_paraphrases_do_not_need_them():
    quotes = SOURCES[SOURCES["kind"].isin(["direct quote", "partial quote"])]
    for span in quotes["span"]:
        assert re.search(r'["“”]', span), span


def test_each_speaker_id_has_one_speaker_type():
    assert (SOURCES.groupby("speaker_id")["speaker_type"].nunique() == 1).all()


def test_anonymous_and_unattributed_speakers_are_not_named():
    assert (SOURCES.loc[SOURCES["speaker_type"].isin(["anonymous", "unattributed"]), "named"] == "no").all()


def test_every_article_has_attributions_and_linked_remarks_are_shared():
    assert SOURCES["article_id"].nunique() == 5
    linked = SOURCES[SOURCES["remark_id"] != ""].groupby("remark_id")["article_id"].nunique()
    assert (linked.drop("prison-director") > 1).all()
