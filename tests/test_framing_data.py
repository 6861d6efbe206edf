"""frames.csv, labels.csv and topics.csv: every sentence in order, the codebook's vocabularies, every resolution."""
from pathlib import Path

import pytest

from newsreader import load_articles, load_table, sentences

ROOT = Path(__file__).resolve().parents[1]
FRAMES = load_table("frames")
FRAME_NAMES = {"economic", "capacity and resources", "morality", "fairness and equality", "legality",
               "policy prescription and evaluation", "crime and punishment", "security and defense",
               "health and safety", "quality of life", "cultural identity", "public opinion", "political",
               "external regulation and reputation", "other"}


def test_frames_hold_exactly_the_sentences_of_every_article_in_order():
    for article in load_articles().itertuples():
        assert list(FRAMES.loc[FRAMES["article_id"] == article.id, "span"]) == sentences(article.text)


def test_frames_use_the_codebook_and_record_every_resolution():
    for column in ["frame_pass1", "frame_pass2", "frame"]:
        assert set(FRAMES[column]) <= FRAME_NAMES
    agreed = FRAMES["frame_pass1"] == FRAMES["frame_pass2"]
    assert (FRAMES.loc[agreed, "resolution"] == "agreed").all()
    assert (FRAMES.loc[~agreed, "resolution"] != "agreed").all()
    assert set(FRAMES["position"]) == {"headline", "subheading", "lede", "body"}
    assert (FRAMES.groupby("article_id")["position"].apply(lambda p: (p == "lede").sum()) == 1).all()


def test_labels_and_topics_vocabularies():
    labels = load_table("labels")
    assert set(labels["refers_to"]) == {"people", "prison"}
    assert set(labels["voice"]) == {"reporter", "quotation", "scare quote"}
    topics = load_table("topics")
    assert (topics.groupby("topic")["article_id"].nunique() == 5).all()
    assert ((topics["covered"] == "yes") == (topics["span"] != "")).all()


def test_every_article_has_every_framing_function_and_one_primary_frame():
    entman = load_table("entman")
    functions = {"problem definition", "causal interpretation", "moral evaluation", "treatment recommendation",
                 "primary frame"}
    assert (entman.groupby("article_id")["function"].agg(set) == functions).all()
    primary = entman[entman["function"] == "primary frame"]
    assert primary["article_id"].is_unique and set(primary["frame"]) <= FRAME_NAMES
    assert (entman.loc[entman["function"] != "primary frame", "frame"] == "").all()
