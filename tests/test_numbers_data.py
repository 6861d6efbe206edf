"""claims.csv and upstream.csv: every value matches its span, intervals follow the hedge convention,
vocabularies hold, and no number or date in the articles is left out of the table."""
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from newsreader import load_articles, load_table, sentences
from newsreader.methods.numbers import NUMBER, hedge_interval
from newsreader.methods.sweep import DISTANCING

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = load_table("claims")
TEXTS = load_articles().set_index("id")["text"]
QUANTITIES = {"capacity", "planned capacity", "capacity change", "population", "people transferred", "payment",
              "staff", "distance", "duration", "time outside the cell", "sentence length", "surveillance",
              "temperature", "land area", "count", "rank", "order", "opening year", "campaign start year",
              "year of a permit", "date", "prisons to build"}
HEDGES = {"none", "about", "roughly", "approximately", "some", "up to", "more than", "one of", "hundreds of",
          "tens of thousands"}
ATTRIBUTION_TYPES = {"reporter", "named person", "anonymous source", "other outlet"}
TRACED_TYPES = {"", "anonymous source", "other outlet"}
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "double": 2, "doubling": 2, "one": 1, "first": 1, "initial": 1,
         "largest": 1, "most": 1, "worst": 1, "a year": 1, "hundreds": 200, "tens of thousands": 20000}
# Matches of the chapter's NUMBER pattern that are not quantities: numbers inside names, and an idiom.
NOT_QUANTITIES = {("002_b777e87c142857aa", "13"), ("001_2bc434667cf9574c", "13"), ("003_76a03f6ec5875e14", "13"),
                  ("003_76a03f6ec5875e14", "18"), ("003_76a03f6ec5875e14", "one")}
# Words that place an event in time; every occurrence must sit inside a coded span.
DATE_WORDS = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|week|weeks|month|year|" \
             r"January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b"
# Uses of those words that place no event in time (a rate or a length), checked by hand.
NOT_DATES = {("002_b777e87c142857aa", "sentences of over 200 years"), ("001_2bc434667cf9574c", "one year of services")}


def written_values(span):
    digits = [float(d.replace(",", "")) for d in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", span)]
    millions = [v * 1_000_000 for v in digits] if "million" in span else []
    words = [value for word, value in WORDS.items() if re.search(rf"\b{word}\b", span, re.IGNORECASE)]
    return digits + millions + words


def coded_ranges(article_id):
    text = TEXTS[article_id]
    ranges = []
    for span in CLAIMS.loc[CLAIMS["article_id"] == article_id, "span"]:
        ranges += [(m.start(), m.end()) for m in re.finditer(re.escape(span), text)]
    return ranges


def inside(match, ranges):
    return any(start <= match.start() and match.end() <= end for start, end in ranges)


WITH_VALUE = CLAIMS[CLAIMS["value"].notna()]


@pytest.mark.parametrize("row", list(WITH_VALUE.itertuples()), ids=list(WITH_VALUE["claim_id"]))
def test_value_is_written_in_its_span(row):
    assert row.value in written_values(row.span), (row.span, row.value)


def test_only_dates_written_in_words_have_no_value():
    no_value = CLAIMS[CLAIMS["value"].isna()]
    assert len(no_value)
    assert set(no_value["quantity"]) == {"date"}
    assert no_value["refers_to_date"].str.match(r"^\d{4}(-\d{2}){0,2}(/\d{4}(-\d{2}){0,2})?$").all()
    assert no_value["low"].isna().all() and no_value["high"].isna().all()


def test_controlled_vocabularies():
    assert set(CLAIMS["quantity"]) <= QUANTITIES
    assert set(CLAIMS["hedge"]) <= HEDGES
    assert set(CLAIMS["attribution_type"]) <= ATTRIBUTION_TYPES
    assert set(CLAIMS["traced_type"]) <= TRACED_TYPES
    assert (CLAIMS["traced_type"] == "").eq(CLAIMS["traced_to"] == "").all()
    assert set(CLAIMS.loc[CLAIMS["attribution_type"] == "reporter", "attributed_to"]) == {"reporter"}
    assert CLAIMS["scope"].str.strip().ne("").all()


@pytest.mark.parametrize("hedge", ["about", "roughly", "approximately", "some"])
def test_approximate_hedges_span_ten_percent(hedge):
    rows = CLAIMS[CLAIMS["hedge"] == hedge]
    assert len(rows)
    assert ((rows["low"] - 0.9 * rows["value"]).abs() < 1e-6).all()
    assert ((rows["high"] - 1.1 * rows["value"]).abs() < 1e-6).all()


def test_lower_bounds_have_no_upper_bound():
    rows = CLAIMS[CLAIMS["hedge"].isin(["more than", "one of"])]
    assert len(rows)
    assert (rows["low"] == rows["value"]).all() and rows["high"].isna().all()


def test_vague_quantities_follow_the_convention():
    hundreds = CLAIMS[CLAIMS["hedge"] == "hundreds of"]
    assert len(hundreds) and (hundreds["low"] == 200).all() and (hundreds["high"] == 999).all()
    tens = CLAIMS[CLAIMS["hedge"] == "tens of thousands"]
    assert len(tens) and (tens["low"] == 20000).all() and (tens["high"] == 99999).all()


def test_every_interval_contains_its_value():
    rows = CLAIMS[CLAIMS["value"].notna()]
    high = rows["high"].fillna(float("inf"))
    assert ((rows["low"] <= rows["value"]) & (rows["value"] <= high)).all()


@pytest.mark.parametrize("article_id", list(TEXTS.index))
def test_every_number_the_pattern_finds_is_coded_or_a_listed_name(article_id):
    ranges = coded_ranges(article_id)
    uncoded = {m.group() for m in re.finditer(NUMBER, TEXTS[article_id]) if not inside(m, ranges)}
    assert uncoded == {word for article, word in NOT_QUANTITIES if article == article_id}


@pytest.mark.parametrize("article_id", list(TEXTS.index))
def test_every_date_word_is_coded(article_id):
    text = TEXTS[article_id]
    ranges = coded_ranges(article_id) + [(text.find(span), text.find(span) + len(span))
                                         for article, span in NOT_DATES if article == article_id]
    uncoded = [text[max(m.start() - 30, 0):m.end() + 10] for m in re.finditer(DATE_WORDS, text) if not inside(m, ranges)]
    assert not uncoded


def test_the_superlatives_of_size_are_all_coded():
    ranks = CLAIMS[CLAIMS["quantity"] == "rank"]
    for article_id, text in TEXTS.items():
        found = len(re.findall(r"largest|worst|most secure", text))
        assert found == len(ranks[ranks["article_id"] == article_id]), article_id


def test_every_article_has_numbers_and_the_april_lede_rests_on_the_journal():
    assert CLAIMS["article_id"].nunique() == 5
    journal = CLAIMS[CLAIMS["attributed_to"] == "The Wall Street Journal"]
    assert set(journal["article_id"].str[:3]) == {"000", "001"}
    anonymous = CLAIMS[CLAIMS["traced_type"] == "anonymous source"]
    assert set(anonymous["article_id"].str[:3]) == {"000", "001"}
    assert anonymous["traced_to"].str.contains("Wall Street Journal").all()


def test_upstream_figures_load():
    upstream = load_table("upstream").set_index("upstream_id")
    assert upstream.loc["menafn-planned", "value"] / upstream.loc["menafn-start", "value"] == pytest.approx(16 / 3)
    assert pd.api.types.is_numeric_dtype(upstream["value"])
    assert upstream["source"].str.strip().ne("").all()


def test_a_distancing_verb_is_an_attribution_not_a_hedge():
    """One coding for every article's "considered" (000's superlative as 004's). A distancing verb is coded once, as an
    attribution in sources.csv (tests/test_sweep.py proves every one is), never as the hedge of a number."""
    assert not set(CLAIMS["hedge"]) & set(DISTANCING)


def test_the_first_pass_numbers_follow_reading_order_as_the_codebook_says():
    """claims.md says which numbers of each article follow reading order (the first pass); the rows it names do (a row
    added in the second pass, such as 004-09, is not among them)."""
    codebook = " ".join((ROOT / "data" / "codebooks" / "claims.md").read_text(encoding="utf-8").split())
    listed = re.search(r"Numbers (.*?) follow reading order", codebook).group(1)
    ranges = re.findall(r"01 to (\d\d) \((\d{3})\)", listed)
    assert sorted(article for _, article in ranges) == sorted(TEXTS.index.str[:3])
    for last, article in ranges:
        article_id = next(article_id for article_id in TEXTS.index if article_id.startswith(article))
        rows = CLAIMS[CLAIMS["claim_id"].str.startswith(f"{article}-")]
        first_pass = rows[rows["claim_id"].str[4:].astype(int) <= int(last)]
        starts = [TEXTS[article_id].find(span) for span in first_pass["span"]]
        assert len(first_pass) == int(last) and starts == sorted(starts), article


TIMELINE = ROOT / "book" / "05-timeline-and-reuse.ipynb"


def glued_cell(notebook, name):
    """(the value glued under ``name``, the text of the other outputs of the cell that glues it), as committed (nbval
    proves the committed outputs are what the code gives)."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        outputs = cell.get("outputs", [])
        record = [output for output in outputs if output.get("metadata", {}).get("scrapbook", {}).get("name") == name]
        if record:
            value = next(iter(record[0]["data"].values())).strip("'")
            return value, "".join("".join(output.get("text") or output.get("data", {}).get("text/plain", ""))
                                  for output in outputs if output not in record)
    raise LookupError(name)


def test_the_upstream_trace_calls_changed_only_a_figure_whose_interval_changed():
    """A figure counts as changed only if its interval changed: 000's "from 40,000" against the Journal's "up to 40,000"
    is the same interval, since by the book's convention "up to" on a capacity is the value itself. Chapter 5's
    outcomes, recomputed from the tables: kept (same value and hedge), reworded (same interval, or a year given as a
    time after another date), changed, dropped."""
    journal = load_table("upstream").query("source == 'The Wall Street Journal'")
    for article_id in ["000_089c4aec78f3c403", "001_2bc434667cf9574c"]:
        counts = dict.fromkeys(["kept", "reworded", "changed", "dropped"], 0)
        for figure in journal.itertuples():
            rows = CLAIMS[(CLAIMS["article_id"] == article_id) & (CLAIMS["quantity"] == figure.quantity)]
            intervals = {hedge_interval(row.value, row.hedge) for row in rows.itertuples()}
            kept = ((rows["value"] == figure.value) & (rows["hedge"] == figure.hedge)).any()
            dated = (CLAIMS["article_id"] == article_id) & (CLAIMS["refers_to_date"] == f"{figure.value:.0f}")
            if rows.empty and figure.unit == "year" and dated.any():  # 001's "It opened a year later"
                counts["reworded"] += 1
                continue
            counts["dropped" if rows.empty else "kept" if kept else
                   "reworded" if hedge_interval(figure.value, figure.hedge) in intervals else "changed"] += 1
        expected = ", ".join(f"{count} {outcome}" for outcome, count in counts.items())
        assert glued_cell(TIMELINE, f"timeline_{article_id[:3]}_outcomes")[0] == expected, article_id


def test_no_sentence_that_says_there_are_no_plans_counts_as_about_the_plan():
    """Chapter 5's search for sentences about the plan leaves out a sentence that says there are no plans (001's "We
    have no plans to bring them back" is about the people sent, not the plan to expand the prison)."""
    _, table = glued_cell(TIMELINE, "plan_hedges")
    assert "plan" in table and "no plans" not in table


def test_the_upstream_trace_compares_only_hedges_the_research_quoted():
    """The upstream trace says nothing of the hedge of a figure whose words the research did not quote (it recorded the
    Journal's payment, not its words); a hedge is the Journal's own only where `words` quotes the figure."""
    cells = json.loads((ROOT / "book" / "02-the-numbers.ipynb").read_text(encoding="utf-8"))["cells"]
    table = "".join(next(cell for cell in cells if cell["id"] == "49118a1e")["outputs"][-1]["data"]["text/plain"])
    journal = load_table("upstream").query("source == 'The Wall Street Journal'")
    for figure in journal.itertuples():
        rows = [line for line in table.splitlines()[1:] if line.split()[1:2] and figure.quantity.split()[0] in line]
        quoted = re.search(r'"[^"]*\d[^"]*"', figure.words) is not None
        assert rows and all(line.rstrip().endswith("not recorded") != quoted for line in rows), figure.upstream_id


def attribution_mismatches(claims, sources):
    """The figures (not dates) that break the claims codebook's rule: a figure is attributed exactly when a speaker's
    span holds it (a date of the saying is the reporter's)."""
    speakers = sources[sources["speaker_type"] != "unattributed"]
    mismatched = []
    for claim in claims[claims["quantity"] != "date"].itertuples():
        holders = speakers[(speakers["article_id"] == claim.article_id)
                           & speakers["span"].str.contains(claim.span, regex=False)]
        if (claim.attribution_type != "reporter") != (len(holders) > 0):
            mismatched.append(claim.claim_id)
    return mismatched


def described_figures_cited():
    """The claim ids the claims codebook cites, in its paragraph on attribution, as figures of a clause that describes
    a thing a speaker names."""
    codebook = (ROOT / "data" / "codebooks" / "claims.md").read_text(encoding="utf-8")
    paragraph = re.search(r"\*\*Attribution\.\*\*(.*?)This is a reading", codebook, re.DOTALL)
    assert paragraph, "claims.md no longer has its paragraph on attribution"
    return re.findall(r"`(\d{3}-\d{2})`", paragraph[1])


def run_on_over(sources, claim):
    """``sources`` with the span of the speaker whose words end before ``claim``'s figure, in its sentence, run on to
    the end of that sentence: as if the verb of saying governed the description too."""
    speakers = sources[(sources["article_id"] == claim.article_id) & (sources["speaker_type"] != "unattributed")]
    for sentence in sentences(TEXTS[claim.article_id]):
        figure_at = sentence.find(claim.span)
        for row, span in speakers["span"].items():
            if figure_at >= 0 and span in sentence and sentence.find(span) + len(span) <= figure_at:
                return sources.assign(span=sources["span"].where(sources.index != row, sentence[sentence.find(span):]))
    raise AssertionError(f"{claim.claim_id}: no speaker's words end before it in its sentence")


def test_a_figure_is_a_speakers_inside_the_speakers_span_and_the_reporters_in_a_clause_describing_a_thing():
    """The claims codebook's rule, on every figure: a figure inside a speaker's span is attributed (a date of the
    saying is the reporter's); one in a clause set off by a comma that describes a thing (", which can hold ...") is
    the reporter's, since no speaker's span holds it."""
    assert attribution_mismatches(CLAIMS, load_table("sources")) == []
    describing = CLAIMS[CLAIMS["span"].str.match(r"which\b")]
    assert len(describing) and (describing["attribution_type"] == "reporter").all()


def test_each_figure_the_codebook_cites_as_describing_a_thing_follows_a_speakers_words_and_stays_the_reporters():
    """The figures the claims codebook cites as describing a thing a speaker names (000's "like the maximum-security
    prison he opened in 2023", 002's "which can hold tens of thousands of people") are the reporter's and come after a
    speaker's words in their sentence, whose span ends before the description. A span that ran on over the description
    (a verb of saying taken to govern it) would hold the figure, and the rule above would name it."""
    sources = load_table("sources")
    cited = described_figures_cited()
    assert len(cited) >= 2 and set(cited) <= set(CLAIMS["claim_id"]), cited
    for claim in CLAIMS[CLAIMS["claim_id"].isin(cited)].itertuples():
        assert claim.attribution_type == "reporter", claim.claim_id
        assert claim.claim_id in attribution_mismatches(CLAIMS, run_on_over(sources, claim))


def test_a_figure_is_traced_to_unnamed_sources_exactly_where_its_sentence_names_them():
    """The claims codebook: a figure is traced only as far as the article's words tie it to a source, so a figure
    rests on unnamed sources when its own sentence cites them ("people familiar with the conversation", "Sources told")
    and not because its article cites them elsewhere (the ledes' doubling, given to a report and to no one beyond it)."""
    unnamed = re.compile(r"people familiar with|Sources told", re.IGNORECASE)
    for row in CLAIMS.itertuples():
        sentence = next(s for s in sentences(TEXTS[row.article_id]) if row.span in s)
        assert (row.traced_type == "anonymous source") == bool(unnamed.search(sentence)), row.claim_id
