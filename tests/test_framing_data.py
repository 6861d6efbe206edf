"""frames.csv, labels.csv and topics.csv; and the chapter's Cohen's kappa, tested on a published example."""
import json
from collections import Counter
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


def chapter_kappa():
    """The cohen_kappa function exactly as the chapter defines it."""
    notebook = json.loads((ROOT / "book" / "04-framing.ipynb").read_text(encoding="utf-8"))
    source = next("".join(cell["source"]) for cell in notebook["cells"]
                  if cell["cell_type"] == "code" and "def cohen_kappa" in "".join(cell["source"]))
    namespace = {"Counter": Counter}
    exec(source.split("\nrater_a")[0], namespace)
    return namespace["cohen_kappa"]


def test_kappa_on_the_published_worked_example():
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert chapter_kappa()(a, b) == pytest.approx(0.40)


def test_kappa_edge_cases():
    kappa = chapter_kappa()
    assert kappa(["a", "b", "c"], ["a", "b", "c"]) == pytest.approx(1.0)
    assert kappa(["a"] * 4, ["a"] * 4) == 1.0
    assert kappa(["a", "b"], ["b", "a"]) == pytest.approx(-1.0)
    assert kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == pytest.approx(0.0)
