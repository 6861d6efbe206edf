"""frames.csv, labels.csv, topics.csv and entman.csv: every sentence in order, the codebook's vocabularies, every
resolution, and every judgement call either computed by its rule or marked as one coder's reading."""
import json
import re
from pathlib import Path

import pandas as pd

from newsreader import load_articles, load_table, sentences
from newsreader.exercises.speaks import OFFICIAL_TYPES
from newsreader.methods.framing import TOPIC_CUES, label_voices, main_clause, primary_frames, problem_definitions
from newsreader.methods.reuse import ngrams
from newsreader.methods.sweep import CONSTRUCTIONS, EVALUATIVE, context_accounts, whose_words, words_pattern

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


OFFER_VERB = re.compile(r"\b(?:offers|offered|willing(?:ness)? to (?:take|accept))\b", re.IGNORECASE)
PLAN_TO_GROW = re.compile(r"(?<!\bno )\bplan(?:s|ning)?\b|\bconsidering\b|\bexpan\w*|\bdoubl\w*", re.IGNORECASE)
WHOM_TAKEN = re.compile(r"regardless of their nationality|rather than serving as a destination|interested in that")
GANG_NAMED = re.compile(r"Tren de Aragua|MS-13")
PRAISE = re.compile(r"\bgenerous\b|\ball for it\b|\bpraised\b|\bunprecedented\b|\bgrateful\b", re.IGNORECASE)
HOW_MANY_HELD = re.compile(r"\b(?:holds|hold up to|house up to|has the largest prison)\b", re.IGNORECASE)
OCCASION = re.compile(r"^The (offer|agreement) (?:took place|was reached) during\b.*\bvisit\b")


def test_an_offer_is_policy_prescription_whoever_it_names_in_every_article():
    """The codebook's rule for a sentence whose verb tells an offer: its main point is the offer, not the criminals or
    the fee it names."""
    offers = FRAMES[FRAMES["span"].str.contains(OFFER_VERB)]
    assert len(offers) >= 10
    assert (offers["frame"] == "policy prescription and evaluation").all(), offers[["sentence_id", "frame"]]


def test_the_plan_to_grow_is_found_as_chapter_5_finds_the_plans_sentences():
    """One reach for "a sentence of the plan": the frames rule's pattern is chapter 5's, which counts how each April
    article hedges the plan's sentences."""
    chapter_5 = json.loads((ROOT / "book" / "05-timeline-and-reuse.ipynb").read_text(encoding="utf-8"))
    source = "\n".join("".join(cell["source"]) for cell in chapter_5["cells"])
    assert re.search(r'^PLAN = r"(.*?)"', source, re.MULTILINE).group(1) == PLAN_TO_GROW.pattern


def test_whom_el_salvador_would_take_is_policy_prescription_as_the_offer_is_in_every_article():
    """The codebook's rule, and its one exception: a legal designation the administration seeks (002's "safe third
    country", which "would entail it taking migrants from other countries") is legality, by its main clause."""
    whom = FRAMES[FRAMES["span"].str.contains(WHOM_TAKEN)]
    assert set(whom["article_id"].str[:3]) == {"000", "001", "004"}
    assert (whom["frame"] == "policy prescription and evaluation").all(), whom[["sentence_id", "frame"]]
    designation = FRAMES[FRAMES["span"].str.contains("to be designated as")]
    assert designation["span"].str.contains("taking migrants from other countries").all() and len(designation) == 1
    assert (designation["frame"] == "legality").all()


def test_a_gang_named_among_those_sent_is_crime_and_punishment_whatever_a_clause_beside_it_says():
    """The codebook's rule for a sentence that names a gang among the people sent, to be sent or held, whatever a
    clause beside it says (the fee, 001's first arrival; a legal status, 001's Abrego Garcia, who "has had a work
    permit"), unless a rule written before it decides: an offer (002's Rubio), how many the prison holds (003's largest
    prison)."""
    named = FRAMES[FRAMES["span"].str.contains(GANG_NAMED)]
    decided_before = named["span"].str.contains(OFFER_VERB) | named["span"].str.contains(HOW_MANY_HELD)
    gang = named[~decided_before]
    assert len(gang) >= 3 and decided_before.any()
    assert (gang["frame"] == "crime and punishment").all(), gang[["sentence_id", "frame"]]


def test_the_prisons_origin_is_crime_and_punishment_where_the_campaign_against_gangs_is_named():
    """An opening or a building of the prison told with the campaign against the gangs it was part of (001's "as he
    began his campaign", 004's "as part of a crackdown") is crime and punishment, in every article, whichever clause
    names the campaign."""
    origin = FRAMES[FRAMES["span"].str.contains(r"\b(?:opened|built)\b")]
    with_campaign = origin[origin["span"].str.contains(r"\b(?:campaign|crackdown)\b")]
    assert len(with_campaign) >= 2 and (with_campaign["frame"] == "crime and punishment").all()


def test_a_sentence_of_sending_people_is_policy_prescription_whatever_a_clause_beside_it_warns():
    """The main clause decides: 000's "discussed the possibility of sending U.S. citizens ... even though experts are
    warning such moves would be unconstitutional" is policy prescription. A lede is read to its main clause too, so
    004's "could potentially send U.S. citizens", in the appositive after it, does not decide 004's lede."""
    clause = FRAMES["span"].where(FRAMES["position"] != "lede", FRAMES["span"].map(main_clause))
    sends = r"\bsend(?:ing)?\b"
    sending = FRAMES[clause.str.contains(sends)]
    assert sending["span"].str.contains("unconstitutional").any() and len(sending) >= 4
    assert (sending["frame"] == "policy prescription and evaluation").all(), sending[["sentence_id", "frame"]]
    beside = FRAMES[FRAMES["span"].str.contains(sends) & ~clause.str.contains(sends)]  # 002's offer, 004's appositive
    assert "004-01" in set(beside["sentence_id"])
    for row in beside.itertuples():
        offer = OFFER_VERB.search(main_clause(row.span)) is not None
        assert (row.frame == "policy prescription and evaluation") == offer, row.sentence_id


def test_praise_is_political_whatever_reason_it_gives_in_every_article():
    """The codebook's rule: praise of the offer, the deal or a leader is political, with a reason of cost (000's
    Rubio, "noting the high costs", and Trump, "for less money") as with none; a judgement of whether the policy
    works ("long-term solution") is not praise, and the pattern leaves it out."""
    praise = FRAMES[FRAMES["span"].str.contains(PRAISE)]
    assert len(praise) >= 5 and not praise["span"].str.contains("long-term solution").any()
    assert (praise["frame"] == "political").all(), praise[["sentence_id", "frame"]]


def test_an_act_placed_at_a_visit_is_political_as_the_visit_is_in_every_article():
    """The codebook's rule: a sentence whose main clause places an offer or agreement the article has told before at a
    visit (002's "The offer took place during ... Rubio's visit", 003's "The agreement was reached during the visit")
    adds the occasion, and is political; a sentence that tells a new act during a visit is coded by that act."""
    placed = FRAMES[FRAMES["span"].map(OCCASION.match).notna()]
    assert set(placed["article_id"].str[:3]) == {"002", "003"}
    for row in placed.itertuples():
        told_before = FRAMES[(FRAMES["article_id"] == row.article_id) & (FRAMES["position"].isin(["headline", "lede"]))]
        assert told_before["span"].str.contains(OCCASION.match(row.span).group(1)).any(), row.sentence_id
    assert (placed["frame"] == "political").all(), placed[["sentence_id", "frame"]]


def test_how_many_the_prison_holds_is_capacity_whoever_is_held_in_every_article():
    """The codebook's rule for a main clause that tells the prison's size or how many it holds, or a plan to expand or
    double it (000's "seriously considering the expansion" as 001's "plans to expand"); a size in a phrase
    beside another main point (004's "with a capacity to hold", 002's largest prison "on the edge of a jungle") is not
    such a clause, and the pattern leaves it out."""
    counts = FRAMES[FRAMES["span"].str.contains(HOW_MANY_HELD) | FRAMES["span"].str.contains(PLAN_TO_GROW)]
    beside = FRAMES[FRAMES["span"].str.contains("with a capacity to hold|on the edge of a jungle")]
    assert len(counts) >= 5 and len(beside) == 2 and not set(beside["sentence_id"]) & set(counts["sentence_id"])
    assert (counts["frame"] == "capacity and resources").all(), counts[["sentence_id", "frame"]]


def test_labels_and_topics_vocabularies():
    labels = load_table("labels")
    assert set(labels["refers_to"]) == {"people", "prison"}
    assert set(labels["voice"]) == {"reporter", "paraphrase", "quotation", "scare quote"}
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


ENTMAN = load_table("entman")
SOURCES = load_table("sources")
TEXTS = {article.id: article.text for article in load_articles().itertuples()}
BASES = {  # the codebook's table "How each function is decided", word for word
    "problem definition": {"rule: the main clause of the lede, up to its first comma or colon"},
    "causal interpretation": {"one coder's reading: the first reason the article gives for what its lede reports"},
    "moral evaluation": {"rule: the article's own words hold a word of the evaluative list",
                         "one coder's reading: a speaker's first words that judge the deal or the prison (for or against it)"},
    "treatment recommendation": {"one coder's reading: the first course of action after the lede's main clause that "
                                 "someone proposes, offers, announces or raises as possible, in any voice, other than "
                                 "the act the main clause reports"},
    "primary frame": {"rule: the frame of the most sentences; of tied frames, the one the article reaches first"},
}


def test_every_label_has_the_voice_the_rule_gives():
    """Quotation marks that no attribution gives to a speaker make a scare quote in every article (004's speakerless
    "the world's worst prison" as 002's "mega-prison")."""
    labels = load_table("labels")
    for article_id, text in TEXTS.items():
        coded = list(labels.loc[labels["article_id"] == article_id, "voice"])
        assert coded == [voice for _, voice, _ in label_voices(text, article_id, SOURCES)], article_id


def test_a_label_in_words_given_to_no_one_is_the_articles_own_as_an_evaluation_there_is():
    """A label in words given to no one (000's "largest prison", after an agentless "considered") is the article's own,
    not a speaker's paraphrase, as an evaluation in such words is."""
    text = "The jail is considered the largest prison in the land."
    sources = pd.DataFrame({"article_id": ["x"], "span": ["is considered the largest prison in the land"],
                            "speaker_id": ["unattributed"], "speaker_type": ["unattributed"], "kind": ["paraphrase"],
                            "named": ["no"], "remark_id": [""], "verb": ["is considered"], "channel": [""]})
    assert label_voices(text, "x", sources) == [("largest prison", "reporter", "unattributed")]


def test_every_primary_frame_is_what_the_rule_gives():
    """The primary frame and its example sentence are computed, one rule for every article: the same count decides in
    each, not the lede in one article and the body in another."""
    primary = ENTMAN[ENTMAN["function"] == "primary frame"].set_index("article_id")[["frame", "span"]]
    assert primary.sort_index().equals(primary_frames(FRAMES)[["frame", "span"]].sort_index())


def test_a_primary_frame_comes_with_its_lead_over_the_next_frame():
    """A primary frame comes with its lead over the next frame (a tie leads by none), so that the chapter shows the lead
    for all five articles rather than stating the frame as the article's."""
    small = pd.DataFrame({"article_id": ["a"] * 5 + ["b"] * 2, "span": list("pqrstuv"),
                          "frame": ["x", "y", "x", "y", "x", "x", "y"]})
    assert primary_frames(small)[["frame", "sentences", "lead"]].to_dict("index") == {
        "a": {"frame": "x", "sentences": 3, "lead": 1}, "b": {"frame": "x", "sentences": 1, "lead": 0}}


def test_the_basis_of_every_row_is_the_codebooks_in_the_same_words():
    codebook = " ".join((ROOT / "data" / "codebooks" / "frames.md").read_text(encoding="utf-8").split())
    for function, bases in BASES.items():
        assert set(ENTMAN.loc[ENTMAN["function"] == function, "basis"]) <= bases, function
        assert all(f"| {function} | {basis} |" in codebook for basis in bases)


def overlaps(text, span, other):
    return any(a < d and c < b for a, b in positions(text, span) for c, d in positions(text, other))


def positions(text, span):
    return [(start, start + len(span)) for start in range(len(text)) if text.startswith(span, start)] if span else []


def test_every_speaker_is_the_reporter_or_an_attribution_over_the_span():
    for row in ENTMAN.itertuples():
        if row.function == "primary frame" or not row.span:
            assert row.speaker == "", row.entman_id
        elif row.speaker != "reporter":
            mine = SOURCES[(SOURCES["article_id"] == row.article_id) & (SOURCES["speaker_id"] == row.speaker)]
            accounts = [sentence for speaker, sentence in context_accounts(TEXTS[row.article_id], row.article_id,
                                                                           SOURCES) if speaker == row.speaker]
            assert any(overlaps(TEXTS[row.article_id], row.span, span) for span in [*mine["span"], *accounts]), \
                row.entman_id
    evaluations = ENTMAN["function"] == "moral evaluation"
    assert set(ENTMAN.loc[evaluations, "polarity"]) == {"positive", "negative"}
    assert (ENTMAN.loc[~evaluations, "polarity"] == "").all()


def test_every_problem_definition_is_what_the_rule_gives():
    """The main clause of the lede, computed, one rule for every article, and the span must be that clause, not only lie
    in the lede (not the reported content in one article, the clause after a colon in another, an appositive in a
    third)."""
    problems = ENTMAN[ENTMAN["function"] == "problem definition"].set_index("article_id")[["span", "speaker"]]
    assert problems.sort_index().equals(problem_definitions(FRAMES, SOURCES, TEXTS).sort_index())


def test_the_main_clause_is_read_up_to_the_first_comma_or_colon():
    assert main_clause('He said that it was "safe," then left.') == 'He said that it was "safe,"'
    assert main_clause("A plan: two parts.") == "A plan:"
    assert main_clause("No comma here.") == "No comma here"


def test_every_treatment_comes_after_the_problem_definition():
    """The treatment is read on from the end of the lede's main clause, the first course of action after it, in every
    article. Which course of action comes first, and whether it is the main clause's act told again, stays one coder's
    reading, written in each row's note."""
    for article_id, rows in ENTMAN.groupby("article_id"):
        span = rows.set_index("function")["span"]
        problem_end = TEXTS[article_id].find(span["problem definition"]) + len(span["problem definition"])
        assert TEXTS[article_id].find(span["treatment recommendation"]) >= problem_end, article_id
    assert (ENTMAN.loc[ENTMAN["function"] == "treatment recommendation", "note"] != "").all()


def test_rule_based_rows_follow_their_rules():
    own_words = ENTMAN[ENTMAN["basis"].str.startswith("rule: the article's own words")]
    evaluative = re.compile(words_pattern(EVALUATIVE), re.IGNORECASE)
    # whose evaluation the row's word is, by the rule of whose_words, computed from sources.csv alone
    for row in own_words.itertuples():
        assert TEXTS[row.article_id].count(row.span) == 1, row.entman_id
        word = evaluative.search(row.span)
        start = TEXTS[row.article_id].index(row.span) + word.start()
        occurrence = pd.DataFrame({"article_id": [row.article_id], "start": [start], "end": [start + len(word[0])]})
        assert whose_words(occurrence, pd.Series(TEXTS), SOURCES) == [row.speaker], row.entman_id
    assert own_words["span"].map(lambda span: bool(evaluative.search(span))).all()
    given = ENTMAN["span"] != ""
    assert set(ENTMAN.loc[~given, "function"]) == {"causal interpretation"}
    assert ENTMAN.loc[~given, "note"].str.startswith("none given").all()


def test_evaluations_of_the_people_held_are_labels_in_every_article():
    """Words that judge the people held are labels in every article alike (004's "the most dangerous criminals" as 000's
    "violent U.S. offenders" and 001's "illegal migrant criminals"), not a moral evaluation of the prison in one article
    and nothing in another. No moral evaluation rests on an evaluative word inside a label for the people held; the
    labels table codes them all."""
    people = load_table("labels").query("refers_to == 'people'")
    evaluative = re.compile(words_pattern(EVALUATIVE), re.IGNORECASE)
    for row in ENTMAN[ENTMAN["function"] == "moral evaluation"].itertuples():
        text = TEXTS[row.article_id]
        labels = [position for span in people.loc[people["article_id"] == row.article_id, "span"]
                  for position in positions(text, span)]
        for start, _ in positions(text, row.span):
            for match in evaluative.finditer(row.span):
                word = (start + match.start(), start + match.end())
                assert not any(a <= word[0] and word[1] <= b for a, b in labels), (row.entman_id, match.group())


def test_a_cause_is_joined_to_the_act_by_a_causal_link_in_every_article():
    """A reason the book gives for a lede's act holds a word of cause or purpose (the codebook's causal links), in every
    article alike: an earlier act with no such word between it and the lede's is a reader's inference, and the row
    says none is given (Bukele's offer, for 003's signing and 004's sending, as the call for "about five more places",
    for 000's and 001's plan)."""
    link = next(re.compile(construction.pattern, re.IGNORECASE) for construction in CONSTRUCTIONS
                if construction.name == "causal link")
    causes = ENTMAN[ENTMAN["function"] == "causal interpretation"]
    assert len(causes) == len(TEXTS)
    for row in causes[causes["span"] != ""].itertuples():
        assert link.search(row.span), row.entman_id


def test_no_cause_is_an_event_the_article_dates_after_the_problem():
    """No cause is an event the article dates after the problem (both April articles date the plan to Noem's visit in
    March, before the Oval Office meeting, so Trump's remark there cannot be the plan's cause). The dates come from
    events.csv."""
    events = load_table("events")
    start = events.groupby("event")["resolved_start"].min()
    assert start["noem-visit"] < start["oval-office"]
    at_the_meeting = SOURCES[SOURCES["remark_id"].isin(["trump-five-places", "bukele-space"])]
    for row in ENTMAN[ENTMAN["function"] == "causal interpretation"].itertuples():
        if row.article_id in set(at_the_meeting["article_id"]):
            spans = at_the_meeting.loc[at_the_meeting["article_id"] == row.article_id, "span"]
            assert not any(overlaps(TEXTS[row.article_id], row.span, span) for span in spans), row.entman_id


def test_speakers_on_both_sides_have_a_topic_in_every_article():
    """The topic list holds both sides: officials' endorsement as well as critics' objections. Every article with a
    speaker's evaluation for the deal covers officials' endorsement; against it, legal challenges or human-rights
    criticism."""
    topics = load_table("topics")
    covered = topics[topics["covered"] == "yes"].groupby("article_id")["topic"].agg(set)
    speakers = ENTMAN[(ENTMAN["function"] == "moral evaluation") & (ENTMAN["speaker"] != "reporter")]
    for row in speakers.itertuples():
        sides = {"positive": {"officials' endorsement"}, "negative": {"legal challenges or court orders", "human-rights criticism"}}
        assert sides[row.polarity] & covered[row.article_id], row.entman_id


SPEAKERS_EVALUATIONS = ENTMAN[ENTMAN["basis"].str.contains("a speaker's first words that judge")]


def test_a_course_of_action_is_no_speakers_evaluation_in_any_article():
    """The codebook's rule: a course of action judges nothing, whether or not it is the article's treatment
    recommendation (Trump's call to build "about five more places" is 000's treatment and fills no row in 001): no
    speaker's evaluation shares four words in a row with a treatment recommendation of any article."""
    treatments = set().union(*(ngrams(span, 4) for span in ENTMAN.loc[ENTMAN["function"] == "treatment recommendation",
                                                                       "span"]))
    assert len(SPEAKERS_EVALUATIONS) >= 9
    for row in SPEAKERS_EVALUATIONS.itertuples():
        assert not treatments & ngrams(row.span, 4), row.entman_id


def test_words_that_judge_are_an_evaluation_in_every_article_that_gives_them():
    """Words fill every function they perform (frames.md): where another article gives four words in a row of a
    speaker's evaluation in an attribution to the same speaker, that speaker's evaluation there begins within or
    before that attribution (Bukele's fee judges the deal in 002, where it is also the offer's reason, as in 003).
    Words that name a speaker ("Secretary of State Marco Rubio") are not words of a remark."""
    names = set().union(*(ngrams(name, 4) for name in SOURCES["speaker_as_written"]))
    for row in SPEAKERS_EVALUATIONS.itertuples():
        remark = ngrams(row.span, 4) - names
        for article_id, text in TEXTS.items():
            said = SOURCES[(SOURCES["article_id"] == article_id) & (SOURCES["speaker_id"] == row.speaker)]
            sharing = [span for span in said["span"] if remark & ngrams(span, 4)]
            if article_id == row.article_id or not sharing:
                continue
            first_end = min(text.find(span) + len(span) for span in sharing)
            theirs = SPEAKERS_EVALUATIONS[(SPEAKERS_EVALUATIONS["article_id"] == article_id)
                                          & (SPEAKERS_EVALUATIONS["speaker"] == row.speaker)]
            assert any(text.find(span) < first_end for span in theirs["span"]), (row.entman_id, article_id)


def test_words_on_how_much_the_prison_holds_are_no_evaluation_whoever_says_them():
    """Words on how much the prison holds (Bukele's "We've got space", Trump's "It's not big enough") are for or
    against nothing, whoever says them (frames.md, moral evaluation): no evaluation overlaps an attribution that speaks
    of the prison's space or size, in any article."""
    size = SOURCES[SOURCES["span"].str.contains(r"\bspace\b|\bbig enough\b")]
    assert set(size["speaker_id"]) == {"bukele", "trump"}  # both sides of the exchange
    for row in ENTMAN[ENTMAN["function"] == "moral evaluation"].itertuples():
        spans = size.loc[size["article_id"] == row.article_id, "span"]
        assert not any(overlaps(TEXTS[row.article_id], row.span, span) for span in spans), row.entman_id


def test_officials_endorsement_is_the_first_officials_evaluation_for_the_deal():
    """The topic is an official's words that judge the deal or the plan, for it (frames.md): its evidence is the
    sentence of the article's first positive moral evaluation by an official in entman.csv, by the same rule, never a
    course of action (Trump's call for "about five more places") nor the reporter's inference (004's "it appears that
    the Trump administration supports CECOT")."""
    officials = set(SOURCES.loc[SOURCES["speaker_type"].isin(OFFICIAL_TYPES), "speaker_id"])
    topics = load_table("topics")
    endorsed = topics[topics["topic"] == "officials' endorsement"].set_index("article_id")
    praise = ENTMAN[(ENTMAN["function"] == "moral evaluation") & (ENTMAN["polarity"] == "positive")
                    & ENTMAN["speaker"].isin(officials)]
    for article_id, text in TEXTS.items():
        first = min(praise.loc[praise["article_id"] == article_id, "span"], key=text.find)
        assert endorsed.loc[article_id, "covered"] == "yes"
        assert first in endorsed.loc[article_id, "span"] or endorsed.loc[article_id, "span"] in first, article_id


def test_a_topics_span_is_within_one_sentence():
    """A topic's span is one sentence: the codebook's span is the first sentence that shows the topic."""
    for row in load_table("topics").query("covered == 'yes'").itertuples():
        assert any(row.span in sentence for sentence in sentences(TEXTS[row.article_id])), row.topic_row_id

def test_every_visit_or_meeting_an_article_dates_is_a_topic_it_covers():
    """Every visit or meeting an article dates is a topic it covers (Noem's visit as Rubio's and the White House
    meeting)."""
    topic_of_event = {"rubio-announcement": "Rubio's visit or announcement",
                      "oval-office": "White House meeting",
                      "noem-visit": "Noem's visit"}
    events, topics = load_table("events"), load_table("topics")
    for event, topic in topic_of_event.items():
        mentioning = set(events.loc[events["event"] == event, "article_id"])
        covering = set(topics.loc[(topics["topic"] == topic) & (topics["covered"] == "yes"), "article_id"])
        assert mentioning <= covering, (event, mentioning - covering)


def test_an_evaluation_reads_as_a_report_of_fact_exactly_where_its_word_tells_an_act():
    """The mark "reads as a report of fact" follows the codebook's list of evaluative words that tell an act or an event
    (001's "violation", 003's "dismantled"), not a coder's sense of which judgement is fair: a word that says how
    good or bad something is (002's "harshest", 000's "infamous") is not marked, in any article."""
    codebook = " ".join((ROOT / "data" / "codebooks" / "constructions.md").read_text(encoding="utf-8").split())
    acts = re.search(r"read as a report of fact: ([^;]*);", codebook).group(1).split(", ")
    found = ENTMAN[(ENTMAN["function"] == "moral evaluation") & ENTMAN["basis"].str.startswith("rule")]
    tells_an_act = found["span"].str.contains(words_pattern(acts), case=False)
    assert tells_an_act.any()
    assert (found["note"].str.contains("reads as a report of fact") == tells_an_act).all()


def test_chapter_4_prints_the_note_of_every_evaluation_found_by_the_word_list():
    """An evaluation found by the word list may read as a report of fact (001-m03's "in violation of ...", 003-m07's
    "dismantled by Bukele"): the chapter prints every such row's note, which says so."""
    cells = json.loads((ROOT / "book" / "04-framing.ipynb").read_text(encoding="utf-8"))["cells"]
    printed = "".join("".join(output.get("text", "")) for cell in cells for output in cell.get("outputs", []))
    found = ENTMAN[(ENTMAN["function"] == "moral evaluation") & ENTMAN["basis"].str.startswith("rule")]
    for row in found.itertuples():
        assert f"{row.entman_id}: {row.note or '(no note)'}" in printed, row.entman_id


def first_sentence_showing(article_id, shows):
    return next((sentence for sentence in sentences(TEXTS[article_id]) if shows(sentence)), "")


def test_a_topic_found_by_its_cue_words_is_coded_by_them_in_every_article():
    """A topic with cue words is covered exactly where a sentence holds a cue word (003's "the Venezuelan gang Tren de
    Aragua" among the inmates to be sent shows third-country nationals), and the span is the first sentence that says
    it in so many words, else the first that shows it by a reading (001's "third country nationals", not its earlier
    Venezuelan gang), in all five articles."""
    topics = load_table("topics")
    for topic, cues in TOPIC_CUES.items():
        for row in topics[topics["topic"] == topic].itertuples():
            shown = (first_sentence_showing(row.article_id, lambda sentence: re.search(cue, sentence)) for cue in cues)
            expected = next((sentence for sentence in shown if sentence), "")
            assert (row.covered, row.span) == ("yes" if expected else "no", expected), row.topic_row_id


# A topic whose evidence is a figure: the quantity of its rows in claims.csv.
TOPIC_QUANTITIES = {"capacity of the prison": "capacity", "number of people held": "population"}


def test_a_topic_shown_by_a_figure_is_coded_by_the_first_such_figure():
    """A topic shown by a figure has as its span the first sentence with such a figure: for 002's capacity, its lede
    ("which can hold tens of thousands of people", claims.csv 002-01), not the later "The facility can hold up to 40,000
    people". The figure is a claims.csv row of the topic's quantity, in all five articles."""
    topics, claims = load_table("topics"), load_table("claims")
    for topic, quantity in TOPIC_QUANTITIES.items():
        figures = claims[claims["quantity"] == quantity]
        for row in topics[topics["topic"] == topic].itertuples():
            spans = figures.loc[figures["article_id"] == row.article_id, "span"]
            expected = first_sentence_showing(row.article_id, lambda sentence: any(span in sentence for span in spans))
            assert (row.covered, row.span) == ("yes" if expected else "no", expected), row.topic_row_id


def test_every_evaluation_found_by_the_word_list_has_a_note():
    """Every evaluation found by the word list has a note, which chapter 4 prints (never "(no note)")."""
    found = ENTMAN[(ENTMAN["function"] == "moral evaluation") & ENTMAN["basis"].str.startswith("rule")]
    assert (found["note"] != "").all(), list(found.loc[found["note"] == "", "entman_id"])


def resolutions_for_pass_2(codebook):
    """The sentence ids that frames.md lists where it says which disagreements were decided for pass 2."""
    listed = re.search(r"decides\s+for\s+pass\s+2\s+\(([^)]*)\)", codebook)
    assert listed, 'frames.md no longer lists the resolutions that kept pass 2 ("decides for pass 2 (...)")'
    return set(re.findall(r"\b\d{3}-\d{2}\b", listed[1]))


def test_the_codebook_lists_exactly_the_resolutions_that_kept_pass_2():
    """The codebook's account of the resolutions (in favour of pass 1, except where it decides for pass 2) lists exactly
    the sentences whose final frame is not the first reading's: an id named anywhere else in frames.md does not count."""
    codebook = (ROOT / "data" / "codebooks" / "frames.md").read_text(encoding="utf-8")
    kept_pass_2 = FRAMES.loc[FRAMES["frame"] != FRAMES["frame_pass1"], "sentence_id"]
    assert resolutions_for_pass_2(codebook) == set(kept_pass_2)
