"""Propose coding tables for a story: every number, every attribution, every label, every sentence's frame.

Each ``propose_*`` function takes the articles (a DataFrame with ``id``, ``published``, ``title`` and cleaned
``text``) and returns a table in the book's format plus ``status`` ("proposed") and the ``start`` and ``end`` of each
span in its article (kept for measuring the proposer; not written to the CSV files). Every article is read once, in
order, so the time grows with the length of the text. The methods are the book's (``newsreader.methods``); the readers
they need are in ``quantities`` (numbers), ``speakers`` (attributions) and ``extract`` (spans).
"""
import bisect
import re
from pathlib import Path

import pandas as pd

from ..files import write_file
from ..methods.framing import LABEL_TERMS, keyword_frame, label_uses
from .contract import TABLES, table_columns
from .extract import (Findable, containing_span, paragraph_spans, quotation_spans, refers_to, sentence_spans,
                      voice_of)
from .folder import load_story, read_label_terms
from .quantities import SIGNIFICANT, TITLE_IN_QUOTES, date_words, quantities, ranks, tidy
from .repair import single_quotes_as_double
from .speakers import (ANONYMOUS, DATELINE, PRONOUNS, Attribution, attribution_cue, attribution_in, channel_of, clause_subject, head_noun,
                       head_words, is_anonymous, is_named, is_person, outside_quotations, speaker_id)

POSITION_COLUMNS = ("start", "end")  # where each span stands (for measuring; not written to the CSV files)
OUTLET_WORDS = {"journal", "post", "times", "news", "reuters", "bloomberg", "ap", "cnn", "bbc", "npr", "guardian",
                "tribune", "herald", "telegraph", "axios", "politico"}
CITED_THINGS = {"report", "reports", "analysis", "study", "studies", "poll", "polls", "survey", "statement",
                "revisions", "accounts", "data", "figures"}


def number_id(article_id: str, prefix: str, n: int) -> str:
    return f"{article_id}-{prefix}{n:02d}"


SAID_COLUMNS = ("said_start", "said_end")
MIN_QUOTATION = 30  # characters, marks included: shorter quoted words are a label or scare quote, not a quotation  # where a source row's attribution clause stands: speaker to verb


def finish(rows: list[dict], name: str) -> pd.DataFrame:
    """The rows as a table with the book's columns, ``status`` "proposed", and the span positions; keys numbered."""
    columns = [*table_columns(name), *POSITION_COLUMNS, *(SAID_COLUMNS if name == "sources" else ())]
    table = pd.DataFrame(rows, columns=columns).fillna("")
    table["status"] = "proposed"
    return table


def as_text(value) -> str:
    """A number as the tables write it: "146000", "7.7", "" for none (never "770000.0000000001")."""
    if value in ("", None):
        return ""
    value = tidy(float(value))
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.{SIGNIFICANT}g}"


# claims.csv -------------------------------------------------------------------------------------------------------

def propose_claims(articles: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quantity, date in words and superlative that ranks, in reading order, each attributed to the
    speaker of the attribution it stands in (``sources``), else to the reporter; every span occurs once."""
    rows = []
    for article in articles.itertuples():
        text = article.text
        attributions = attributions_of(sources, article.id)
        sentences, quotations = sentence_spans(text), quotation_spans(text)
        findable = Findable(text, sentences)
        for n, row in enumerate(numbers_in(text), start=1):
            bounds = containing_span(row["start"], row["end"], sentences) or (row["start"], row["end"])
            row["start"], row["end"] = findable.widen(row["start"], row["end"], bounds)
            span = text[row["start"]:row["end"]]
            row.update(claim_id=number_id(article.id, "", n), article_id=article.id, span=span,
                       value=as_text(row["value"]), low=as_text(row["low"]), high=as_text(row["high"]),
                       refers_to_date=refers_to(text[row["number_start"]:row["end"]], row["quantity"],
                                                article.published, text[bounds[0]:row["number_start"]]))
            row.update(attribution(text, row, attributions, quotations))
            rows.append(row)
    return finish(rows, "claims")


def numbers_in(text: str) -> list[dict]:
    """The quantities, the ranks and the dates in words of ``text``, in reading order; an expression inside a
    longer one ("the lowest" in a number's span, "December" in "December 2008") is left out."""
    found = quantities(text)
    taken = sorted((row["number_start"], row["end"]) for row in found)
    for row in ranks(text) + [date_row(start, end) for start, end in date_words(text)]:
        if not overlaps(row["number_start"], row["end"], taken):
            found.append(row)
    return sorted(found, key=lambda row: row["number_start"])


def date_row(start: int, end: int) -> dict:
    return {"start": start, "end": end, "number_start": start, "value": "", "unit": "date", "quantity": "date",
            "hedge": "none", "low": "", "high": "", "note": "", "scope": ""}


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``start:end`` overlaps one of the sorted ``spans``."""
    index = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, index - 3):index])


def attributions_of(sources: pd.DataFrame | None, article_id: str) -> list[tuple]:
    """(start, end, speaker, speaker type, said_start, said_end) of an article's proposed attributions, in order."""
    if sources is None or sources.empty:
        return []
    rows = sources[sources["article_id"] == article_id]
    return sorted(zip(rows["start"], rows["end"], rows["speaker_as_written"], rows["speaker_type"],
                      rows["said_start"], rows["said_end"]))


def attribution(text: str, claim: dict, attributions: list[tuple], quotations: list[tuple[int, int]]) -> dict:
    """Who a claim is proposed to belong to: the speaker of the attribution it stands in, for a number
    inside the speaker's quotation or in what the speaker is reported to say; the reporter for a number in the
    attribution itself ("Giffords, who was shot in 2011, said"), in a date of it ("said Monday"), in a clause the
    reporter adds (", marking the first step"), or before an attribution that does not end the sentence."""
    at = claim["number_start"]
    index = bisect.bisect_right(attributions, (at, float("inf"))) - 1
    reporter = {"attributed_to": "reporter", "attribution_type": "reporter"}
    if index < 0:
        return reporter
    start, end, speaker, speaker_type, said_start, said_end = attributions[index]
    if not start <= at < end or not speaker or speaker_type == "unattributed":
        return reporter
    theirs = {"attributed_to": speaker, "attribution_type": attribution_type(speaker, speaker_type)}
    if containing_span(at, at + 1, quotations):
        return theirs
    dates_the_attribution = claim["quantity"] in ("date", "time") and at >= said_end and dates_the_saying(
        text[said_end:at])
    if said_start <= at < said_end or dates_the_attribution:
        return reporter
    if at < said_start:  # "fell to 7.7 percent, the Labor Department said."; "43 million expected by AAA to travel"
        ends_the_sentence = re.fullmatch(r"[\s\w]{0,40}?[.,;:]?\s*", text[said_end:end]) and not re.search(
            r"\b(?:and|but|that)\b|ing$", text[said_end:end] + text[said_start:said_end].rstrip())
        return theirs if ends_the_sentence or text[:said_start].rstrip().endswith(" by") and \
            at >= said_start - 80 else reporter
    return reporter if REPORTERS_CLAUSE.search(text[said_end:at]) else theirs


# After the attribution, words that are the reporter's again: a participle (", marking the first step"), an
# appositive (", an agreement that has come under criticism", ", among the dozens of drivers"), or a verb joined to the
# speech verb ("said no and went on to win last week's primary").
REPORTERS_CLAUSE = re.compile(r",\s(?!saying|adding)\w+ing\s|,\s(?:an?|the)\s[\w-]+(?:\s[\w-]+)?\s(?:that|which|who)\b|"
                              r",\s(?:among|one of)\b|^\s*(?:\w+\s){0,2}and\s(?:then\s|later\s)?(?:\w+ed|went|won|took|"
                              r"left|made|got|came|gave|began|ran|led|held|kept|met|sent|spent|became|brought|fought|"
                              r"sought)\b")
# Between a speech verb and a date that dates the saying: its object and where it was said ("said in a speech",
# "wrote Mr. Issa", "announced a peaceful settlement with Amazon", "announced the order earlier").
SAYING_COMPLEMENT = re.compile(r"(?:[\s,]+(?:(?:in|at|to|during|with|before|from|by)\s)?(?:(?:an?|the|his|her|their|its)\s"
                               r"[\w’'-]+(?:\s[\w’'-]+){0,2}|[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*)*))*"
                               r"[\s,]*(?:on|in|late|early|earlier|later|last|this|next)?\s*")


def dates_the_saying(between: str) -> bool:
    """Whether a date after a speech verb dates the saying itself: the words between are the verb's object and where
    it was said ("said Monday", "said in a speech Thursday night", "wrote Mr. Issa last week"), not a clause of what
    was said ("said employers added 49,000 fewer jobs in October")."""
    return SAYING_COMPLEMENT.fullmatch(between) is not None


def attribution_type(speaker: str, speaker_type: str) -> str:
    """The claims codebook's type of a speaker: an outlet, a named person or institution, else (unnamed officials, a
    group such as "Many" or "critics") an anonymous source."""
    if speaker_type == "anonymous":
        return "anonymous source"
    if set(re.findall(r"[a-z]+", speaker.lower())) & OUTLET_WORDS:
        return "other outlet"
    named = is_named(speaker) or "[" in speaker or speaker.lower() in PRONOUNS  # a pronoun stands for a person
    return "named person" if named else "anonymous source"


# sources.csv ------------------------------------------------------------------------------------------------------

def propose_sources(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per attribution: the sentences of a paragraph that belong to one speaker (a quotation that goes on
    in the next sentence stays in the row), and every other sentence that attributes something, in reading order."""
    rows = []
    for article in articles.itertuples():
        last = {"person": "", "described": "", "group": ""}
        previous = None
        outside = outside_quotations(article.text)  # once for the article: a quotation may begin sentences before
        for n, group in enumerate(attribution_groups(article.text, outside), start=1):
            span = article.text[group["start"]:group["end"]]
            single = group["end"] == group["first_end"]  # one sentence: its attribution is known already
            codes = speaker_codes(span, last, outside[group["start"]:group["end"]], group["found"] if single else None)
            said_start, said_end = codes.pop("said")
            if not codes["speaker_as_written"] and previous and continues(previous, group, article.text):
                codes.update({key: previous[key] for key in ("speaker_as_written", "speaker_id", "speaker_type",
                                                              "named")},
                             note="a quotation that goes on from the paragraph before: check the speaker")
            row = {"source_id": number_id(article.id, "s", n), "article_id": article.id, "span": span,
                   "start": group["start"], "end": group["end"], **codes,
                   "said_start": group["start"] + said_start, "said_end": group["start"] + said_end,
                   "kind": kind_of(group, codes, article.text)}
            remember(last, row)
            rows.append(row)
            previous = row
    return finish(rows, "sources")


def attribution_groups(text: str, outside: str | None = None) -> list[dict]:
    """The stretches of ``text`` that hold one attribution each: within a paragraph, a sentence with its own
    speaker starts a new stretch unless the stretch so far is a quotation with no speaker ('"..." / Trump said.'),
    and a quoted sentence without one goes on the stretch before it. ``outside`` is ``text`` with its quoted words
    blanked (a verb inside a quotation attributes nothing)."""
    outside = outside_quotations(text) if outside is None else outside
    quotes, paragraphs, groups, current = quotation_spans(text), paragraph_spans(text), [], None
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        if current and containing_span(start, end, paragraphs) != containing_span(current["start"], current["start"] + 1,
                                                                                  paragraphs):
            groups.append(current)  # a stretch ends with its paragraph
            current = None
        inside = near(quotes, start, end)
        quoted = sum(max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in inside)
        found = attribution_in(sentence, outside[start:end]) if attribution_cue(sentence) else None
        attributed = bool(found and found.speaker) or bool(ANONYMOUS.search(sentence))
        quotation = quoted >= min(MIN_QUOTATION, 0.8 * (end - start))  # a short sentence inside a quotation too
        joins = current is not None and ((quotation and not attributed) or (
            attributed and not current["attributed"] and current["quoted"] > (current["end"] - current["start"]) / 3))
        if joins:
            current.update(end=end, attributed=current["attributed"] or attributed, quoted=current["quoted"] + quoted)
            continue
        if current:
            groups.append(current)
        current = {"start": start, "end": end, "first_end": end, "first_quotes": inside, "attributed": attributed,
                   "quoted": quoted, "found": found} if (
            quoted >= MIN_QUOTATION or attributed) else None  # a scare quote ("fiscal cliff") attributes nothing
    return groups + [current] if current else groups


def near(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The sorted ``spans`` that may overlap ``start:end`` (found by bisection)."""
    first = max(0, bisect.bisect_left(spans, (start, start)) - 1)
    last = bisect.bisect_left(spans, (end, end))
    return spans[first:last]


def continues(previous: dict, group: dict, text: str) -> bool:
    """A quotation paragraph with no speaker goes on from the one before when that one had a speaker and was a
    quotation or ended with a colon ("Bloomberg adds:")."""
    between = text[previous["end"]:group["start"]]
    return (group["quoted"] > (group["end"] - group["start"]) / 2 and "\n" in between
            and bool(previous["speaker_as_written"]) and (previous["kind"] in ("direct quote", "partial quote")
                                                          or previous["span"].rstrip().endswith(":")))


SUBORDINATE_BEFORE = re.compile(r"\b(?:when|as|after|while|because|before|since|if|until|though|although)\s*$")


def speaker_codes(span: str, last: dict, outside: str | None = None, found: Attribution | None = None) -> dict:
    """The speaker columns proposed for ``span``; a pronoun is resolved to a person its own sentence names first
    ("The president ... when he appeared to endorse"), else to the last person (he, she) or the last group or
    institution (they) named as a speaker before it, to be checked."""
    outside = outside_quotations(span) if outside is None else outside
    speaker, verb, said_start, said_end = found or attribution_in(span, outside)
    note = ""
    referent = pronoun_referent(speaker, outside[:said_start], last) if speaker.lower() in PRONOUNS else ""
    if referent:
        speaker, note = f"{speaker} [{referent}]", "the pronoun was resolved to the last named speaker: check it"
    anonymous = bool(speaker) and is_anonymous(speaker, span) or bool(ANONYMOUS.search(span))
    unattributed = speaker.startswith("(")
    channel = channel_of(span)
    return {"speaker_as_written": speaker, "verb": verb, "named": "yes" if is_named(speaker) and not anonymous else "no",
            "speaker_type": "anonymous" if anonymous else "unattributed" if unattributed else "",
            "speaker_id": "anonymous" if anonymous else "unattributed" if unattributed else speaker_id(speaker),
            "channel": channel, "says_how_obtained": "no" if channel == "unknown" else "yes",
            "note": note or ("" if speaker else "no speaker found: who is speaking?"), "said": (said_start, said_end)}


def pronoun_referent(pronoun: str, before: str, last: dict) -> str:
    """Who a pronoun stands for: "they" the last group or institution named as a speaker; "he" or "she" a person
    whose clause the pronoun's clause depends on ("The president stepped in when he appeared to endorse it"), else
    the last person named as a speaker, else the last one described ("the attorney general")."""
    if pronoun.lower() == "they":
        return last["group"]
    if SUBORDINATE_BEFORE.search(before, max(0, len(before) - 12)):
        local = clause_subject(re.split(r"[.!?][\"”’)]*\s+", before)[-1])
        if is_person(local):
            return local
    return last["person"] or last["described"]


def remember(last: dict, row: dict) -> None:
    """Keep the last person and the last group named as speakers, for the pronouns that follow."""
    speaker = row["speaker_as_written"]
    if not speaker or "[" in speaker or speaker.lower() in PRONOUNS or speaker.startswith("("):
        return
    if not is_person(speaker):
        last["group"] = speaker
    elif head_words(speaker)[0].lower() in ("the", "a", "an"):
        last["described"] = speaker  # a description ("the attorney general") stands for someone named before it
    else:
        last["person"] = speaker


def kind_of(group: dict, codes: dict, text: str) -> str:
    """direct quote (a whole statement in quotation marks in the attribution's first sentence: one that begins with a
    capital and is not a short title, or more than half of the words quoted), partial quote (quoted words), citation
    (a report, a poll, an outlet, or "according to" one), or paraphrase. A title in quotation marks ("Fox News
    Sunday") is not a quotation."""
    quotes = [text[start:end] for start, end in group["first_quotes"]
              if group["start"] <= start < group["first_end"] and not TITLE_IN_QUOTES.fullmatch(text[start:end])]
    opening = text[group["start"]:group["first_end"]].lstrip()[:1] in ('"', "“")  # the sentence opens with it
    statement = any((len(quote) >= MIN_QUOTATION or opening) and re.match(r"[\"“]\s*[A-Z]", quote) for quote in quotes)
    if statement or group["quoted"] > (group["end"] - group["start"]) / 2:
        return "direct quote"
    if quotes:
        return "partial quote"
    words = set(re.findall(r"[a-z]+", codes["speaker_as_written"].lower()))
    if head_noun(codes["speaker_as_written"]) in CITED_THINGS | OUTLET_WORDS or (
            codes["verb"] == "according to" and words & OUTLET_WORDS):
        return "citation"
    return "paraphrase"


# labels.csv and frames.csv ----------------------------------------------------------------------------------------

def propose_labels(articles: pd.DataFrame, terms: dict | None = None) -> pd.DataFrame:
    """Every whole-word use of a label term (the story's label_terms.csv, else the book's terms), with its voice."""
    terms = terms or {term: refers_to for refers_to, listed in LABEL_TERMS.items() for term in listed}
    rows = []
    for article in articles.itertuples():
        quotations = quotation_spans(article.text)
        for n, (start, end, term) in enumerate(label_uses(article.text, terms), start=1):
            quotation = containing_span(start, end, quotations)
            voice = "reporter" if quotation is None else "scare quote" if quotation == (start - 1, end + 1) else "quotation"
            rows.append({"label_id": number_id(article.id, "l", n), "article_id": article.id,
                         "span": article.text[start:end], "term": term, "refers_to": terms[term], "voice": voice,
                         "start": start, "end": end})
    return finish(rows, "labels")


def propose_frames(articles: pd.DataFrame) -> pd.DataFrame:
    """Every sentence with the keyword dictionary's frame (pass 2, whole words only); pass 1 is left for the student."""
    rows = []
    for article in articles.itertuples():
        for n, (start, end) in enumerate(sentence_spans(article.text), start=1):
            sentence = article.text[start:end]
            frame = keyword_frame(DATELINE.sub("", sentence), whole_words=True)  # "WASHINGTON —" frames nothing
            rows.append({"sentence_id": number_id(article.id, "", n), "article_id": article.id,
                         "position": position(n, sentence, article.title), "span": sentence,
                         "voice": voice_of(sentence), "frame_pass1": "", "frame_pass2": frame, "frame": frame,
                         "resolution": "", "start": start, "end": end})
    rows = mark_ledes(rows)
    return finish(rows, "frames")


def position(n: int, sentence: str, title: str) -> str:
    return "headline" if n == 1 and title.strip() and sentence.strip() == title.strip() else "body"


def mark_ledes(rows: list[dict]) -> list[dict]:
    """The first sentence of each article's body (after any headline) is its lede."""
    seen = set()
    for row in rows:
        if row["position"] == "body" and row["article_id"] not in seen:
            row["position"] = "lede"
            seen.add(row["article_id"])
    return rows


# All four, and writing them without overwriting anything ------------------------------------------------------------

def propose_all(articles: pd.DataFrame, terms: dict | None = None) -> dict[str, pd.DataFrame]:
    """The four proposed tables (with span positions), by name. An article that quotes with single marks is read
    with them as double ones (``repair.single_quotes_as_double``); every span is then taken from the article itself."""
    read = articles.assign(text=articles["text"].map(single_quotes_as_double))
    sources = propose_sources(read)
    tables = {"claims": propose_claims(read, sources), "sources": sources,
              "labels": propose_labels(read, terms), "frames": propose_frames(read)}
    texts = articles.set_index("id")["text"]
    for table in tables.values():
        table["span"] = [texts[article][start:end] for article, start, end in
                         zip(table["article_id"], table["start"], table["end"])]
    return tables


def proposed_names(name: str):
    """The names a new proposal takes when NAME.csv exists: NAME.proposed.csv, NAME.proposed-2.csv, ..."""
    stem = name.removesuffix(".csv")
    yield f"{stem}.proposed.csv"
    yield from (f"{stem}.proposed-{n}.csv" for n in range(2, 1000))


def propose(folder) -> list[str]:
    """Write the four proposed tables into ``folder``; return one line per table saying where it went.

    The articles are validated first (StoryError lists every problem); a table that exists is never overwritten
    (``newsreader.files.write_file``: the proposal goes to NAME.proposed.csv, never through a link).
    """
    folder = Path(folder)
    story = load_story(folder)
    tables = propose_all(story.articles, read_label_terms(folder))
    messages = [f"warning: {warning}" for warning in story.warnings]
    for name in TABLES:
        csv = tables[name][list(table_columns(name))].to_csv(index=False)
        path = write_file(folder, f"{name}.csv", csv, fallbacks=proposed_names)
        kept = "" if path.name == f"{name}.csv" else f" ({name}.csv exists and was kept)"
        why = " (there is no label_terms.csv: the book's CECOT terms were looked for)" if name == "labels" and \
            not (folder / "label_terms.csv").exists() else ""
        messages.append(f"{path.name}: {len(tables[name])} proposed rows{kept}{why}")
    return messages
