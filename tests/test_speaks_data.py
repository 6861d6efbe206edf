"""sources.csv: vocabularies, quotations have quotation marks, linked remarks span several articles."""
import re
from pathlib import Path

from newsreader import load_articles, load_table, words
from newsreader.text import sentences

ROOT = Path(__file__).resolve().parents[1]

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


def quoted_passages(span):
    """Each passage a span puts in quotation marks, as its words in lower case."""
    return [" ".join(words(passage.lower())) for passage in re.findall(r'["“]([^"”]*)["”]', span)]


def test_the_codebook_names_the_quotations_linked_to_the_post_whose_words_differ_from_it():
    """The codebook names every quotation linked to the post whose words differ from the post's, rather than saying
    that all of them have the post's words. The post as 003's embed shows it is the reference."""
    linked = SOURCES[SOURCES["remark_id"] == "bukele-x-post"].set_index("source_id")
    post = " ".join(quoted_passages(linked.loc["003-s03", "span"]))
    differ = {source_id for source_id, span in linked["span"].drop("003-s03").items()
              if any(passage not in post for passage in quoted_passages(span))}
    codebook = " ".join((ROOT / "data" / "codebooks" / "sources.md").read_text(encoding="utf-8").split())
    named = re.search(r"Rows linked to the post whose quoted words differ from it[^:]*: (.*?)\. ", codebook).group(1)
    assert set(re.findall(r"\d{3}-s\d\d", named)) == differ


def test_another_outlets_report_is_where_the_outlets_own_words_stand():
    """The channel is where the words were said (sources.md), whatever the wording of the article (Noem's words to the
    Wall Street Journal are an `interview` in "Noem said, the Journal reported" as in "told the Journal"). A named
    person's words given to an outlet were said in an interview, however the article introduces them; an outlet's report
    is where the outlet's own words stand (its report, its correspondent's account) and those of the people it does not
    name, with the words they pass on (001's sources, who told the Journal what Bukele informed Noem of)."""
    in_reports = SOURCES[SOURCES["channel"] == "another outlet's report"]
    named = in_reports[~in_reports["speaker_type"].isin(["journalist or other outlet", "anonymous"])]
    unnamed_spans = SOURCES.loc[SOURCES["speaker_type"] == "anonymous", ["article_id", "span"]]
    for row in named.itertuples():
        passed_on = unnamed_spans[unnamed_spans["article_id"] == row.article_id]["span"]
        assert any(row.span in span for span in passed_on), row.source_id


OUTLET_REPORTS = r"[Aa]ccording to (?:The Wall Street Journal|the Journal)|the Journal reported"
OUTLET_TOLD = r"told (?:The Wall Street Journal|the Journal)|Speaking to The Wall Street Journal"


def test_an_outlet_that_reports_words_is_a_voice_and_one_that_is_told_them_is_the_channel():
    """The codebook's rule, in every article: a sentence where the Journal reports words ("According to The Wall Street
    Journal", "..., the Journal reported") has a row of the Journal's; one where the Journal is only told them ("Noem
    told the Journal", "Sources told The Wall Street Journal") has none."""
    texts = load_articles().set_index("id")["text"]
    journal = SOURCES[SOURCES["speaker_id"] == "wsj"]
    seen = set()
    for article_id, text in texts.items():
        for sentence in sentences(text):
            reports, told = re.search(OUTLET_REPORTS, sentence), re.search(OUTLET_TOLD, sentence)
            has_row = any(row.span in sentence for row in journal[journal["article_id"] == article_id].itertuples())
            if reports or told:
                seen.add("reports" if reports else "told")
                assert has_row == bool(reports), sentence
    assert seen == {"reports", "told"}


def test_a_phrase_with_no_speaker_is_no_voice_in_any_share():
    """A phrase with no speaker ("is believed", "is considered", "it appears") is not a non-official voice: the codebook
    says such a row is no voice; every share counts the rows with one."""
    from newsreader.exercises.speaks import OFFICIAL_TYPES, official_shares, second_hand_shares
    with_a_speaker = SOURCES[SOURCES["speaker_type"] != "unattributed"]
    assert len(with_a_speaker) < len(SOURCES)
    expected = with_a_speaker["speaker_type"].isin(OFFICIAL_TYPES).groupby(with_a_speaker["article_id"]).mean()
    assert official_shares().to_dict() == expected.to_dict()
    counts = second_hand_shares(share=False)
    for article_id, share in second_hand_shares().items():
        assert share == counts[article_id] / (with_a_speaker["article_id"] == article_id).sum()


def test_words_an_article_says_came_through_another_outlet_are_second_hand():
    """Words an article says it took from another outlet (Noem's words "told the Journal" in 000 and 001) are
    second-hand. Every row whose paragraph says its words went to another outlet is second-hand, in every article."""
    from newsreader.methods.sources import second_hand
    through_an_outlet = r"told the Journal|the Journal reported|Speaking to The Wall Street Journal|told her"
    texts = load_articles().set_index("id")["text"]
    paragraph = [next(line for line in texts[row.article_id].split("\n") if row.span in line)
                 for row in SOURCES.itertuples()]
    said_so = SOURCES[[bool(re.search(through_an_outlet, text)) and row.speaker_type != "unattributed"
                       for text, row in zip(paragraph, SOURCES.itertuples())]]
    assert {"000", "001", "004"} <= set(said_so["article_id"].str[:3])
    assert second_hand(said_so).all(), list(said_so.loc[~second_hand(said_so), "source_id"])


# words in -ing that do not continue what is attributed: nouns, and the prepositions that start another attribution
NOT_PARTICIPLES = {"something", "nothing", "anything", "everything", "during", "according"}


def test_a_span_runs_on_through_a_participle_that_continues_it():
    """A span takes in a participle that continues it, in every article (002-s01's "sending convicted criminals to its
    so-called "mega-prison,"" as 000-s12's ", noting ..."). The codebook's rule ("a span runs to the end of what is
    attributed, a participle that continues it included"), checked on every row: no span stops where its sentence goes
    on with a participle."""
    texts = load_articles().set_index("id")["text"].map(lambda text: " ".join(text.split()))
    stopped = []
    for row in SOURCES.itertuples():
        text, span = texts[row.article_id], " ".join(row.span.split())
        for match in re.finditer(re.escape(span), text):
            after = re.match(r'[”"]?,?\s+([a-z]+ing)\b', text[match.end():])
            if after and after[1] not in NOT_PARTICIPLES:
                stopped.append((row.source_id, after[1]))
    assert not stopped, stopped


# what places words at a meeting, or as press remarks, in a row's own sentence (sources.md, Judgement calls)
CHANNEL_WORDS = {"meeting": r"meeting|White House|Oval Office|(?:told|informed) (?:Bukele|Noem|the DHS Secretary"
                              r"|Homeland Security Secretary Kristi Noem)",
                 "press remarks": r"told reporters|press conference|news conference"}
REPLY = re.compile(r"\b(?:responded|replied)\b")


def test_a_meeting_or_press_remarks_is_coded_only_where_the_article_says_so():
    """An occasion (`meeting`, `press remarks`) is coded only where the article says where the words were said, the same
    for every article's rows after the same kind of context. The rule, on every row: the row's own sentence names the
    occasion, or the row answers a row so placed (a reply verb, or a quotation right after another speaker's quotation
    in an exchange)."""
    sentence_of = {}
    for article in load_articles().itertuples():
        for sentence in sentences(article.text):
            sentence_of.update({(article.id, row.source_id): sentence for row in SOURCES.itertuples()
                                if row.article_id == article.id and " ".join(row.span.split()[:5]) in sentence})
    unsupported, placed = [], set()
    for article_id, rows in SOURCES.groupby("article_id", sort=False):
        previous = None
        for row in rows.itertuples():
            own = sentence_of.get((article_id, row.source_id))
            assert own, f"{row.source_id}: its span starts in no sentence of its article"
            answers = previous is not None and previous.speaker_id != row.speaker_id and (
                REPLY.search(own) or {previous.kind, row.kind} <= {"direct quote", "partial quote"})
            if row.channel in CHANNEL_WORDS:
                if re.search(CHANNEL_WORDS[row.channel], own) or (answers and previous.source_id in placed):
                    placed.add(row.source_id)
                else:
                    unsupported.append((row.source_id, row.channel))
            previous = row
    assert not unsupported, unsupported


def test_an_unnamed_report_is_an_outlets_voice_only_where_the_article_names_the_outlet_for_that_report():
    """000's "reportedly" and 001's "it was reported" are coded as the Journal's voice, 004's "is believed" as no one's,
    and chapter 3's lowest official share turns on it, so one rule decides, the sources codebook's: a report that names
    no one is an outlet's voice only when a row of the same article, reporting the same remark (`remark_id`), names that
    outlet; every other one is unattributed, in all five articles."""
    from newsreader.methods.sweep import DISTANCING, is_verb_of
    outlet_names = SOURCES[(SOURCES["speaker_type"] == "journalist or other outlet") & (SOURCES["named"] == "yes")] \
        .groupby("speaker_id")["speaker_as_written"].agg(set)
    unnamed_reports = SOURCES[(SOURCES["named"] == "no") & SOURCES["verb"].map(
        lambda verbs: any(is_verb_of(word, verbs) for word in DISTANCING))]
    assert set(unnamed_reports["speaker_type"]) == {"journalist or other outlet", "unattributed"}
    for row in unnamed_reports.itertuples():
        same_report = SOURCES[(SOURCES["article_id"] == row.article_id) & (SOURCES["remark_id"] == row.remark_id)
                              & (SOURCES["source_id"] != row.source_id)]
        names_outlet = [span for span in same_report["span"]
                        if any(name in span for name in outlet_names.get(row.speaker_id, ()))]
        assert bool(row.remark_id and names_outlet) == (row.speaker_type != "unattributed"), row.source_id


def test_an_unnamed_source_is_labelled_in_each_articles_own_words():
    """Each article's anonymous sources are labelled in that article's words (001's "Sources told The Wall Street
    Journal", not 000's "people familiar with the conversation", the longest wording of any article)."""
    from newsreader.methods.sources import as_written

    labels = as_written(SOURCES)
    written = SOURCES[(SOURCES["named"] == "no") & ~SOURCES["speaker_as_written"].str.contains(r"\(")]
    for row in written.itertuples():
        own = max(written.loc[(written["speaker_id"] == row.speaker_id) & (written["article_id"] == row.article_id),
                              "speaker_as_written"], key=len).split(",")[0]
        several = written.loc[written["speaker_id"] == row.speaker_id, "speaker_as_written"].str.casefold().nunique() > 1
        assert (f"{own} ({row.article_id[:3]})" if several else own) in labels[row.speaker_id], row.source_id
    assert "Sources (001)" in labels["people-familiar"]


def test_a_position_stated_flatly_for_an_institution_is_its_paraphrase():
    """A position stated flatly for an institution, with no verb of saying (002's "The Trump administration also wants
    ... "safe third country,""), is not a partial quote: the codebook's judgement call codes such a position as a
    paraphrase of the institution, whatever term it quotes."""
    flat = SOURCES[SOURCES["verb"] == "wants"]
    assert not flat.empty and set(flat["kind"]) == {"paraphrase"}


def test_every_quoted_word_of_an_article_is_in_one_row_and_counted_once():
    """A quotation that runs over two paragraphs (004's prison director's: the first opens a mark that only the second
    closes) is counted as every other. The rows' quoted words, counted by the one `quoted`, add up to the words inside
    the quotation marks of each article's text."""
    from newsreader.methods.sources import normalise_quotes, quotation_spans, quoted
    for article in load_articles().itertuples():
        text = normalise_quotes(article.text)
        inside = sum(len(words(text[start:end])) for start, end in quotation_spans(article.text))
        rows = SOURCES[SOURCES["article_id"] == article.id]
        assert sum(len(words(quoted(span))) for span in rows["span"]) == inside, article.id
