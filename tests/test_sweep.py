"""One sweep, every outlet: each occurrence of a construction the book codes (distancing words, attribution verbs,
superlatives, evaluative words in an article's own words, causal links, scare quotes) is coded in its table or
waived with a reason, in every article; the sweep itself finds what it should on a small invented text."""
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from newsreader import load_articles, load_table
from newsreader.methods import sweep, ties
from newsreader.methods.framing import LABEL_TERMS, label_uses, label_voices

ROOT = Path(__file__).resolve().parents[1]
TEXTS = load_articles().set_index("id")["text"]
TABLES = {name: load_table(name) for name in ["sources", "claims", "entman", "labels"]}
WAIVERS = load_table("waivers")
FOUND = sweep.coverage(sweep.occurrences(TEXTS, TABLES["sources"]), TEXTS, TABLES, WAIVERS)


@pytest.mark.parametrize("construction", [construction.name for construction in sweep.CONSTRUCTIONS])
def test_every_occurrence_is_coded_or_waived(construction):
    mine = FOUND[FOUND["construction"] == construction]
    assert len(mine), f"the sweep finds no {construction} in any article"
    uncoded = mine[(mine["coded"] == "") & (mine["waiver_id"] == "")]
    assert uncoded.empty, uncoded[["article_id", "words", "sentence"]].to_string()


def test_every_waiver_waives_an_occurrence_that_no_table_codes():
    needed = set(FOUND.loc[FOUND["coded"] == "", "waiver_id"])
    assert set(WAIVERS["waiver_id"]) <= needed, set(WAIVERS["waiver_id"]) - needed
    assert set(WAIVERS["construction"]) <= {construction.name for construction in sweep.CONSTRUCTIONS}
    assert WAIVERS["reason"].str.len().gt(20).all()


def test_the_codebook_lists_the_words_of_the_code():
    codebook = " ".join((ROOT / "data" / "codebooks" / "constructions.md").read_text(encoding="utf-8").split())
    for heading, words in [("Distancing words", sweep.DISTANCING), ("Attribution verbs", sweep.ATTRIBUTION_VERBS),
                           ("Words ending in -est that are not superlatives", sweep.NOT_SUPERLATIVES),
                           ("Evaluative words", sweep.EVALUATIVE), ("Causal links", sweep.CAUSAL_LINKS)]:
        listed = re.search(rf"{heading}: ([^.]*)\.", codebook).group(1)
        assert listed.split(", ") == list(words), heading
    judging = re.search(r"Attribution verbs that carry a judgement: ([^.]*)\.", codebook).group(1)
    assert judging == ", ".join(f"{verb} ({suggests})" for verb, suggests in sweep.JUDGING_VERBS.items())
    assert set(sweep.JUDGING_VERBS) <= set(sweep.ATTRIBUTION_VERBS) | {"alleged"}


def test_every_word_that_qualifies_a_label_for_the_people_held_is_decided():
    """The same test for every article: a judgement of the people held is found in each (000's "violent" and 001's
    "illegal" as 004's "dangerous"), never in one article only. Each word that qualifies a label term for the people
    (every word but the last) is a distancing word, an evaluative word, or a describing word that the codebook lists."""
    codebook = " ".join((ROOT / "data" / "codebooks" / "constructions.md").read_text(encoding="utf-8").split())
    describing = re.search(r"Words that qualify a label and describe: (.*?)\.(?:\s|$)", codebook).group(1)
    decided = {word.lower() for word in [*sweep.DISTANCING, *sweep.EVALUATIVE, *describing.replace(",", "").split()]}
    fixed = [term for term in LABEL_TERMS["people"] if "…" not in term]
    gapped = [term for term in LABEL_TERMS["people"] if "…" in term]  # "members of … gang": its head comes first
    qualifiers = {word for term in fixed for word in term.lower().split()[:-1]}
    qualifiers |= {word for text in TEXTS for start, end, _ in label_uses(text, gapped)
                   for word in text[start:end].lower().split()[1:] if word not in sweep.FUNCTION_WORDS}
    assert "venezuelan" in qualifiers
    assert qualifiers <= decided, qualifiers - decided


def test_the_sweep_finds_each_construction_on_a_small_case():
    text = ('The prison is believed to be the largest, the reporter said. Guards rest in its so-called "pit", '
            'which is harsh: "a harsh place," an official told us. They would do so because they are paid.')
    sources = pd.DataFrame({"article_id": ["x"], "span": ['"a harsh place," an official told us'],
                            "speaker_type": ["prison official"]})
    found = sweep.occurrences(pd.Series({"x": text}), sources)
    by_construction = found.groupby("construction")["words"].agg(list).to_dict()
    assert by_construction == {"distancing word": ["believed", "so-called"], "attribution verb": ["said", "told"],
                               "superlative": ["largest"], "evaluative word": ["harsh"],
                               "causal link": ["because"], "scare quote": ['"pit"']}
    assert found.loc[found["words"] == "largest", "sentence"].item() == \
        "The prison is believed to be the largest, the reporter said."


def test_an_evaluative_word_in_a_scare_quote_is_the_articles_own():
    """The sweep looks for evaluative words inside scare quotes too: a scare quote, which the article gives to no
    speaker, is the article's own voice, so 004's scare-quoted "the world's worst prison" is an evaluation as 000's
    "infamous" is. A word inside a speaker's quotation is still the speaker's."""
    text = 'It is "the worst place," an official said. It is "the worst place" too.'
    sources = pd.DataFrame({"article_id": ["x"], "span": ['"the worst place," an official said'],
                            "speaker_type": ["prison official"]})
    found = sweep.occurrences(pd.Series({"x": text}), sources)
    evaluative = found[found["construction"] == "evaluative word"]
    assert list(evaluative["start"]) == [text.rindex("worst")]


def test_whose_words_gives_the_speaker_what_is_said_and_the_reporter_an_adjective_of_what_is_named():
    """An evaluative word outside quotation marks is not always the article's own: some are what a speaker is said to
    say ("Officials called it generous", "experts said, is cruel"). An adjective that describes the noun after it
    inside the attribution ("The infamous jail") only names what the words are about: the reporter's wording."""
    text = "The infamous jail, experts said, is cruel. Officials called it generous. It is harsh."
    found = sweep.occurrences(pd.Series({"x": text}), pd.DataFrame(columns=["article_id", "span", "speaker_type"]))
    evaluative = found[found["construction"] == "evaluative word"]
    sources = pd.DataFrame({"article_id": ["x", "x"], "span": ["The infamous jail, experts said, is cruel.",
                                                             "Officials called it generous."],
                            "speaker_id": ["experts", "officials"], "kind": "paraphrase", "named": "yes"})
    assert dict(zip(evaluative["words"], sweep.whose_words(evaluative, pd.Series({"x": text}), sources))) \
        == {"infamous": "reporter", "cruel": "experts", "generous": "officials", "harsh": "reporter"}


def test_a_sentence_that_continues_a_cited_account_is_its_sources_by_context():
    """Chapter 4 gives a sentence to the same speaker as claims.csv and chapter 3 do: 004's sentences after its BBC
    News Mundo correspondent's quotation are, by context, her account. One rule
    (sources codebook, "By context"): after a citation of a named source, each sentence that no attribution covers is
    the cited source's account, up to the first sentence with anyone else's attribution."""
    text = "A reporter visited and shared her notes. \"It is dark,\" she said. It is harsh. A guard said it is cruel. " \
           "It is brutal."
    sources = pd.DataFrame({"article_id": ["x"] * 3, "kind": ["citation", "direct quote", "paraphrase"],
                            "named": ["yes", "yes", "no"], "speaker_id": ["reporter-b", "reporter-b", "guard"],
                            "span": ["A reporter visited and shared her notes.", '"It is dark," she said',
                                     "A guard said it is cruel."]})
    assert sweep.context_accounts(text, "x", sources) == [("reporter-b", "It is harsh.")]
    found = sweep.occurrences(pd.Series({"x": text}), sources.assign(speaker_type="journalist"))
    evaluative = found[found["construction"] == "evaluative word"]
    assert sweep.whose_words(evaluative, pd.Series({"x": text}), sources) == ["reporter-b", "guard", "reporter"]


def test_every_table_gives_a_sentence_of_a_cited_account_to_its_source_in_every_article():
    """The rule, applied to all five articles, finds 004's sentences after its correspondent's quotation; every
    evaluation coded by the word-list rule in them is hers unless it is an adjective of what her account tells of (the
    reporter's wording, frames codebook), and the claims that stand in them, and only those, are traced to her account
    "by context"."""
    accounts = {(article_id, sentence): speaker for article_id, text in TEXTS.items()
                for speaker, sentence in sweep.context_accounts(text, article_id, TABLES["sources"])}
    assert {article_id[:3] for article_id, _ in accounts} == {"004"}

    def account_of(row):
        return next((speaker for (article_id, sentence), speaker in accounts.items()
                     if article_id == row.article_id and row.span in sentence), None)

    entman = TABLES["entman"]
    by_rule = entman[entman["basis"].str.startswith("rule:") & (entman["function"] == "moral evaluation")]
    for row in by_rule.itertuples():
        assert row.speaker in (account_of(row) or row.speaker, "reporter"), row.entman_id
    assert by_rule.loc[by_rule["entman_id"] == "004-m09", "speaker"].item() == "reporter"
    for row in TABLES["claims"].itertuples():
        assert ("(by context)" in row.traced_to) == (account_of(row) is not None), row.claim_id


def test_a_distancing_word_inside_a_paraphrase_is_coded_only_by_the_attribution_whose_verb_it_is():
    """A speaker's paraphrase does not code a distancing word inside it (002's "so-called" in Bukele's paraphrase
    002-s01 would give him a word that distances from his own prison). A distancing word is the reporter's even inside a
    speaker's paraphrase (constructions codebook): only a row whose verb it is ("reportedly", "alleged by") codes it."""
    text = 'He said he will send them to its so-called "pit". It reportedly holds many.'
    sources = pd.DataFrame({"article_id": ["x", "x"], "speaker_type": ["official", "journalist"],
                            "span": [text[:text.index(".") + 1], "It reportedly holds many."],
                            "verb": ["said", "reportedly"]})
    tables = {"sources": sources, "labels": pd.DataFrame(columns=["article_id", "span"])}
    found = sweep.occurrences(pd.Series({"x": text}), sources)
    distancing = found[found["construction"] == "distancing word"]
    coded = sweep.coverage(distancing, pd.Series({"x": text}), tables, WAIVERS.iloc[:0])
    assert dict(zip(coded["words"], coded["coded"])) == {"so-called": "", "reportedly": "sources"}


def test_a_label_inside_a_paraphrase_stands_in_the_speakers_account_and_its_adjective_is_the_reporters():
    """A label in a speaker's paraphrase stands in the speaker's account, as an evaluation there does (001's "illegal
    migrant criminals", in Noem's paraphrase 001-s03): the label's voice is `paraphrase`, and its speaker the
    attribution's. The evaluative adjective in it ("violent inmates") describes what the words only name: the reporter's
    wording, as it would be outside the paraphrase."""
    text = "Officials indicated they will keep sending violent inmates there. Inmates are harsh."
    found = sweep.occurrences(pd.Series({"x": text}), pd.DataFrame(columns=["article_id", "span", "speaker_type"]))
    evaluative = found[found["construction"] == "evaluative word"]
    sources = pd.DataFrame({"article_id": ["x"], "span": [text[:text.index(".") + 1]], "speaker_id": ["officials"],
                            "kind": ["paraphrase"], "named": ["yes"], "speaker_type": ["official"]})
    assert sweep.whose_words(evaluative, pd.Series({"x": text}), sources) == ["reporter", "reporter"]
    assert label_voices(text, "x", sources) == [("inmates", "paraphrase", "officials"), ("inmates", "reporter", "reporter")]


def test_the_books_words_outside_quotation_marks_stand_in_the_account_of_the_span_that_holds_them():
    """The rule on the book's data, case by case: a label outside quotation marks stands in the account of the
    attribution or by-context account that holds it (004's "individuals deported" in Bukele's), unless its evaluative
    or distancing word describes the noun after it, the reporter's wording as an evaluation is (000's "infamous" in the
    report of a plan, 001's "illegal migrant criminals" in Noem's account, "alleged criminals" in Bukele's); an
    evaluative word is the speaker's where it is what the speaker is said to say (000's "generous",
    Rubio's), the reporter's where it describes what the attributed words only name (000's "infamous", 001's "illegal");
    004's "oppressive heat", in its correspondent's account by context, the reporter's adjective, its scare-quoted
    "worst" no one's, 001's "violation" the reporter's."""
    evaluative = FOUND[FOUND["construction"] == "evaluative word"]
    speakers = {(row.article_id[:3], row.words.lower()): speaker for row, speaker
                in zip(evaluative.itertuples(), sweep.whose_words(evaluative, TEXTS, TABLES["sources"]))}
    assert {case: speakers[case] for case in [("000", "infamous"), ("000", "generous"), ("004", "worst"),
                                              ("001", "violation")]} \
        == {("000", "infamous"): "reporter", ("000", "generous"): "rubio", ("004", "worst"): "unattributed",
            ("001", "violation"): "reporter"}
    assert speakers[("001", "illegal")] == speakers[("004", "oppressive")] == "reporter"
    voices = {(article_id[:3], term): (voice, speaker) for article_id, text in TEXTS.items()
              for term, voice, speaker in label_voices(text, article_id, TABLES["sources"])}
    assert voices[("000", "infamous")] == voices[("001", "illegal migrant criminals")] == ("reporter", "reporter")
    assert voices[("000", "alleged criminals")] == voices[("001", "alleged criminals")] == ("reporter", "reporter")
    assert voices[("004", "individuals deported")][0] == "paraphrase"


def test_every_attribution_verb_is_decided_judging_or_not():
    """The list of judging verbs is not what decides which outlet is flagged: 000's "noting" is of the same family as
    004's "revealed" and "clarified" (it presents what it reports as established). The codebook decides every
    attribution verb: those that carry a judgement, and those that do not."""
    codebook = " ".join((ROOT / "data" / "codebooks" / "constructions.md").read_text(encoding="utf-8").split())
    neutral = re.search(r"Attribution verbs that carry no judgement: ([^.]*)\.", codebook).group(1).split(", ")
    assert neutral == [verb for verb in sweep.ATTRIBUTION_VERBS if verb not in sweep.JUDGING_VERBS]


def test_a_judging_verb_in_an_attribution_is_in_its_rows_verb():
    """Chapter 3 reads the judging verbs from the `verb` column: a judging verb that the sweep finds inside a row's
    span, of the row's own speaker (as "noting" continues "Rubio called ..."), is listed there."""
    verbs = FOUND[(FOUND["construction"] == "attribution verb") & FOUND["words"].str.lower().isin(sweep.JUDGING_VERBS)]
    sources = TABLES["sources"]
    for found in verbs.itertuples():
        rows = sources[(sources["article_id"] == found.article_id) & sources["span"].map(
            lambda span: sweep.overlaps_any((found.start, found.end), sweep.span_positions(TEXTS[found.article_id], span)))]
        assert any(found.words.lower() in verb.replace(",", "").split() for verb in rows["verb"]), found


def test_every_verb_of_seeming_in_the_articles_is_swept():
    """The same sweep for every article (000's "appeared" as 004's "it appears"): every form of "appear" or "seem" in
    the articles is found by the sweep of distancing words (and then coded or waived, above)."""
    distancing = FOUND[FOUND["construction"] == "distancing word"]
    for article_id, text in TEXTS.items():
        for match in re.finditer(r"\b(?:appear|seem)\w*", text, re.IGNORECASE):
            found = distancing[(distancing["article_id"] == article_id) & (distancing["start"] <= match.start())
                               & (distancing["end"] >= match.end())]
            assert len(found), (article_id, match[0])


def test_the_most_and_the_least_keep_every_tie():
    """A tie is never hidden by idxmax, which names one item: "The most" and "the least" name every item tied, in order
    of name."""
    shares = pd.Series({"004": 7 / 16, "000": 0.1, "002": 7 / 16, "001": 0.1, "003": 0.3})
    assert (ties.at_top(shares), ties.at_bottom(shares)) == (["002", "004"], ["000", "001"])
    assert [ties.named(items) for items in (["002"], ["002", "004"], ["000", "001", "004"])] \
        == ["002", "002 and 004", "000, 001 and 004"]


def test_the_labels_figure_names_every_article_tied_for_the_most_quoted_labels():
    """On the book's data: the labels figure's title names every article at the top share."""
    labels = load_table("labels")
    by_voice = pd.crosstab(labels["article_id"].str[:3], labels["voice"])
    share = by_voice["quotation"].div(by_voice.sum(axis=1))
    notebook = json.loads((ROOT / "book" / "04-framing.ipynb").read_text(encoding="utf-8"))
    titles = [output["data"]["image/svg+xml"] for cell in notebook["cells"] if cell.get("id") == "2aa93040"
              for output in cell.get("outputs", []) if "image/svg+xml" in output.get("data", {})]
    assert titles and ties.named(ties.at_top(share)) + " leave" in "".join(titles[0])


def test_an_exercise_that_asks_for_the_one_most_has_no_tie():
    """A key or feedback that names one "most" (framing-3's most common frame of 002, timeline-4's most contained pair,
    and the February pair its feedback names) is honest only while nothing ties with it."""
    from newsreader.exercises.exercise import LATIN_TIMES_FEBRUARY
    from newsreader.methods.reuse import containment_matrix
    frames = load_table("frames")
    counts = frames.loc[frames["article_id"] == LATIN_TIMES_FEBRUARY, "frame"].value_counts()
    assert len(ties.at_top(counts)) == 1
    texts = load_articles().set_index("id")["text"]
    for among in (list(texts.index), [i for i in texts.index if i[:3] in ("002", "003", "004")]):
        pairs = containment_matrix(texts[among], 5).stack()
        pairs = pairs[pairs.index.get_level_values(0) != pairs.index.get_level_values(1)]
        assert len(ties.at_top(pairs)) == 1, among


def test_words_given_to_no_one_are_the_articles_own_for_a_label_and_an_evaluation_alike():
    """A guard of one shared rule (``articles_own``): words given to no one (an `unattributed` row: "is considered")
    are the article's own, for a label (label_voices) as for an evaluation (whose_words, which chapter 4 passes to
    articles_own). Both keep the speaker `unattributed`, which chapter 4 shows, and count it, as the reporter's words,
    the article's own; a paraphrase stays a speaker's. A rule that gave the article only the reporter's words fails."""
    text = "The jail is considered harsh for inmates. Officials called it generous for prisoners."
    found = sweep.occurrences(pd.Series({"x": text}), pd.DataFrame(columns=["article_id", "span", "speaker_type"]))
    evaluative = found[found["construction"] == "evaluative word"]
    sources = pd.DataFrame({"article_id": ["x", "x"],
                            "span": ["is considered harsh for inmates", "Officials called it generous for prisoners."],
                            "speaker_id": ["unattributed", "officials"], "kind": "paraphrase", "named": ["no", "yes"],
                            "speaker_type": ["unattributed", "official"]})
    evaluated = sweep.whose_words(evaluative, pd.Series({"x": text}), sources)
    labelled = label_voices(text, "x", sources)
    assert evaluated == ["unattributed", "officials"]
    assert labelled == [("inmates", "reporter", "unattributed"), ("prisoners", "paraphrase", "officials")]
    assert [sweep.articles_own(speaker) for speaker in evaluated] == [voice == "reporter" for _, voice, _ in labelled] \
        == [True, False]


def test_the_books_words_given_to_no_one_keep_their_speaker_and_are_the_articles_own():
    """The same shared rule on the book's data, as a guard: 004's scare-quoted "worst" (entman 004-m11) and 000's
    "largest prison" after "considered" (sources 000-s06) are given to no one, reported as `unattributed`, and counted
    as the article's own."""
    evaluative = FOUND[(FOUND["construction"] == "evaluative word") & FOUND["article_id"].str.startswith("004")]
    speakers = dict(zip(evaluative["words"], sweep.whose_words(evaluative, TEXTS, TABLES["sources"])))
    assert speakers["worst"] == "unattributed" and sweep.articles_own(speakers["worst"])
    article_id = next(article_id for article_id in TEXTS.index if article_id.startswith("000"))
    labels = label_voices(TEXTS[article_id], article_id, TABLES["sources"])
    assert ("largest prison", "reporter", "unattributed") in labels


def test_the_speakers_of_an_article_are_found_once_and_a_scare_quote_needs_none(monkeypatch):
    """label_voices and whose_words find an article's by-context accounts once, not once for each word, and
    label_voices asks no speaker for a scare quote, whose speaker is the reporter whoever first used the words."""
    from newsreader.methods import framing

    calls = {"accounts": 0, "speaker": 0}

    def counted(name, function):
        def wrapper(*arguments, **keywords):
            calls[name] += 1
            return function(*arguments, **keywords)
        return wrapper

    monkeypatch.setattr(sweep, "context_accounts", counted("accounts", sweep.context_accounts))
    monkeypatch.setattr(framing, "speaker_of", counted("speaker", framing.speaker_of))
    text = "It is \"the world's worst prison\" for inmates. Migrants are criminals, and it is cruel and harsh."
    no_rows = pd.DataFrame(columns=["article_id", "span", "speaker", "speaker_id", "speaker_type", "kind", "named"])
    assert [voice for _, voice, _ in label_voices(text, "x", no_rows)] == ["scare quote", *["reporter"] * 3]
    assert calls == {"accounts": 1, "speaker": 3}
    found = sweep.occurrences(pd.Series({"x": text, "y": text}), no_rows)
    evaluative = found[found["construction"] == "evaluative word"]
    assert sweep.whose_words(evaluative, pd.Series({"x": text, "y": text}), no_rows) == ["reporter"] * 6
    assert calls["accounts"] == 3
