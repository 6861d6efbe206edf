"""Propose coding tables for a story: every number, every attribution, every label, every sentence's frame.

Each ``propose_*`` function takes the articles (a DataFrame with ``id``, ``published``, ``title`` and cleaned
``text``) and returns a table in the book's format plus ``status`` ("proposed") and the ``start`` and ``end`` of each
span in its article (kept for measuring the proposer; not written to the CSV files). The methods are the book's
(``newsreader.methods``); the small helpers they need are in ``extract``.
"""
from pathlib import Path

import pandas as pd

from ..methods.framing import LABEL_TERMS, keyword_frame, label_uses
from ..methods.numbers import find_numbers, hedge_interval
from .contract import TABLES, table_columns
from .extract import (ANONYMOUS, ATTRIBUTION_CUE, PRONOUNS, VAGUE_WORDS, an_age, channel_of, date_expressions,
                      find_speaker, is_named, hedge_before, inside, month_before, number_date, number_kind,
                      number_value, paragraph_spans, part_of_a_name, quotation_spans, sentence_spans, speaker_id,
                      superlatives, vague_number, voice_of)
from .folder import load_story, read_label_terms

POSITION_COLUMNS = ("start", "end")


def number_id(article_id: str, prefix: str, n: int) -> str:
    return f"{article_id}-{prefix}{n:02d}"


def finish(rows: list[dict], name: str) -> pd.DataFrame:
    """The rows as a table with the book's columns, ``status`` "proposed", and the span positions; keys numbered."""
    columns = [*table_columns(name), *POSITION_COLUMNS]
    table = pd.DataFrame(rows, columns=columns).fillna("")
    table["status"] = "proposed"
    return table


# claims.csv -------------------------------------------------------------------------------------------------------

def propose_claims(articles: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per number, date in words and superlative, in reading order. A number inside a quotation is
    attributed to the speaker proposed for that quotation in ``sources``; any other to the reporter."""
    rows, speakers_by_article = [], {}
    if sources is not None:
        for row in sources.itertuples():
            speakers_by_article.setdefault(row.article_id, []).append(
                (row.start, row.end, row.speaker_as_written, row.speaker_type))
    for article in articles.itertuples():
        found = sorted(numbers_in(article.text, article.published) + ranks_in(article.text)
                       + dates_in(article.text, article.published), key=lambda row: row["start"])
        quotations, speakers = quotation_spans(article.text), speakers_by_article.get(article.id, [])
        for n, row in enumerate(found, start=1):
            row.update(claim_id=number_id(article.id, "", n), article_id=article.id,
                       span=article.text[row["start"]:row["end"]])
            row.update(attribution(row["start"], row["end"], quotations, speakers))
            rows.append(row)
    return finish(rows, "claims")


def numbers_in(text: str, published: str) -> list[dict]:
    rows = []
    taken = superlatives(text)
    for match in find_numbers(text):
        start, end, written = match.start(), match.end(), match.group()
        if part_of_a_name(text, start, end) or an_age(text, start, end) or inside(start, end, taken):
            continue
        hedge, span_start = hedge_before(text, start)
        if written.lower() in VAGUE_WORDS:
            value, hedge = vague_number(written, hedge)
        else:
            value = number_value(written)
        unit, quantity, span_end = number_kind(written, text, start, end)
        if text[span_end:span_end + 5] == "-plus":
            hedge, span_end = "more than", span_end + 5
        low, high = hedge_interval(value, hedge)
        if quantity == "date":
            span_start = start - len(month_before(text, start)) - 1
        rows.append({"start": span_start, "end": span_end, "value": value, "unit": unit, "quantity": quantity,
                     "hedge": hedge, "low": low, "high": "" if high == float("inf") else high,
                     "refers_to_date": number_date(text[span_start:span_end], quantity, published), "note": ""})
    return rows


def ranks_in(text: str) -> list[dict]:
    """A superlative as the codebook codes a rank: value 1, "one of" as its hedge (low 1, no upper bound)."""
    rows = []
    for start, end in superlatives(text):
        hedge = "one of" if text[start:end].lower().startswith("one of") else "none"
        low, high = hedge_interval(1, hedge)
        rows.append({"start": start, "end": end, "value": 1, "unit": "rank", "quantity": "rank", "hedge": hedge,
                     "low": low, "high": "" if high == float("inf") else high, "refers_to_date": "",
                     "note": "a superlative: code it only if it ranks what the story is about"})
    return rows


def dates_in(text: str, published: str) -> list[dict]:
    """A date written in words: no value, and the day or period it refers to, read on the publication day."""
    return [{"start": start, "end": end, "value": "", "unit": "date", "quantity": "date", "hedge": "none",
             "low": "", "high": "", "refers_to_date": refers_to,
             "note": "" if refers_to else "the date could not be resolved: resolve it by hand"}
            for start, end, refers_to in date_expressions(text, published)]


def attribution(start: int, end: int, quotations, speakers) -> dict:
    """Who a number is proposed to belong to: the speaker proposed for the quotation it stands in (``speakers``:
    (start, end, speaker, speaker type) of the article's attributions), else the reporter."""
    if inside(start, end, quotations):
        for row_start, row_end, speaker, speaker_type in speakers:
            if row_start <= start and end <= row_end and speaker:
                kind = "anonymous source" if speaker_type == "anonymous" else "named person"
                return {"attributed_to": speaker, "attribution_type": kind}
    return {"attributed_to": "reporter", "attribution_type": "reporter"}


# sources.csv ------------------------------------------------------------------------------------------------------

def propose_sources(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence group that holds a quotation, and one per other sentence with an attribution
    ("said", "according to", "people familiar with", "is believed"), in reading order."""
    rows = []
    for article in articles.itertuples():
        found = sorted(quotation_rows(article.text) + paraphrase_rows(article.text), key=lambda row: row["start"])
        last_named = ""
        for n, row in enumerate(found, start=1):
            span = article.text[row["start"]:row["end"]]
            row.update(source_id=number_id(article.id, "s", n), article_id=article.id, span=span)
            row.update(speaker_codes(span, last_named))
            if row["named"] == "yes" and "[" not in row["speaker_as_written"]:  # not a pronoun resolved to the name
                last_named = row["speaker_as_written"]
            rows.append(row)
    return finish(rows, "sources")


def quotation_rows(text: str) -> list[dict]:
    """One row per paragraph with quotations: from the first sentence that holds a quotation to the last.

    A quotation that goes on in the next sentence of the same paragraph ("...," Ruiz said. "About ...") stays in
    one row with its speaker, as the codebook codes it.
    """
    sentence_positions = sentence_spans(text)
    groups = {}
    for q_start, q_end in quotation_spans(text):
        paragraph = inside(q_start, q_end, paragraph_spans(text))
        covering = [(s, e) for s, e in sentence_positions if s < q_end and q_start < e]
        group = groups.setdefault(paragraph, {"start": covering[0][0], "end": covering[-1][1], "quoted": 0})
        group["end"] = max(group["end"], covering[-1][1])
        group["quoted"] += q_end - q_start
    return [{"start": g["start"], "end": g["end"],
             "kind": "direct quote" if g["quoted"] > (g["end"] - g["start"]) / 2 else "partial quote"}
            for g in groups.values()]


def paraphrase_rows(text: str) -> list[dict]:
    """Sentences without a quotation that attribute something to someone (or to no one: "is believed")."""
    quotations = quotation_spans(text)
    return [{"start": start, "end": end, "kind": "paraphrase"}
            for start, end in sentence_spans(text)
            if not any(start < q_end and q_start < end for q_start, q_end in quotations)
            and ATTRIBUTION_CUE.search(text[start:end])]


def speaker_codes(span: str, last_named: str) -> dict:
    """The speaker columns proposed for ``span``; a pronoun is proposed as the last named speaker, to be checked."""
    speaker, verb = find_speaker(span)
    note = ""
    if speaker.lower() in PRONOUNS and last_named:
        speaker, note = f"{speaker} [{last_named}]", "the pronoun was resolved to the last named speaker: check it"
    anonymous = bool(ANONYMOUS.search(span))
    unattributed = speaker.startswith("(")
    named = "yes" if is_named(speaker) and not anonymous else "no"
    speaker_type = "anonymous" if anonymous else "unattributed" if unattributed else ""
    channel = channel_of(span)
    return {"speaker_as_written": speaker, "verb": verb, "named": named, "speaker_type": speaker_type,
            "speaker_id": "anonymous" if anonymous else "unattributed" if unattributed else speaker_id(speaker),
            "channel": channel, "says_how_obtained": "no" if channel == "unknown" else "yes",
            "note": note or ("" if speaker else "no speaker found: who is speaking?")}


# labels.csv and frames.csv ----------------------------------------------------------------------------------------

def propose_labels(articles: pd.DataFrame, terms: dict | None = None) -> pd.DataFrame:
    """Every whole-word use of a label term (the story's label_terms.csv, else the book's terms), with its voice."""
    terms = terms or {term: refers_to for refers_to, listed in LABEL_TERMS.items() for term in listed}
    rows = []
    for article in articles.itertuples():
        quotations = quotation_spans(article.text)
        for n, (start, end, term) in enumerate(label_uses(article.text, terms), start=1):
            quotation = inside(start, end, quotations)
            voice = "reporter" if quotation is None else "scare quote" if quotation == (start - 1, end + 1) else "quotation"
            rows.append({"label_id": number_id(article.id, "l", n), "article_id": article.id,
                         "span": article.text[start:end], "term": term, "refers_to": terms[term], "voice": voice,
                         "start": start, "end": end})
    return finish(rows, "labels")


def propose_frames(articles: pd.DataFrame) -> pd.DataFrame:
    """Every sentence with the keyword dictionary's frame (pass 2); pass 1 is left for the student to code."""
    rows = []
    for article in articles.itertuples():
        for n, (start, end) in enumerate(sentence_spans(article.text), start=1):
            sentence = article.text[start:end]
            frame = keyword_frame(sentence)
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
    """The four proposed tables (with span positions), by name."""
    sources = propose_sources(articles)
    return {"claims": propose_claims(articles, sources), "sources": sources,
            "labels": propose_labels(articles, terms), "frames": propose_frames(articles)}


def free_path(folder: Path, name: str) -> Path:
    """``name``.csv if it does not exist, else ``name``.proposed.csv, else ``name``.proposed-2.csv, ...: never a
    file that exists."""
    candidates = [folder / f"{name}.csv", folder / f"{name}.proposed.csv"]
    candidates += [folder / f"{name}.proposed-{n}.csv" for n in range(2, 1000)]
    return next(path for path in candidates if not path.exists())


def propose(folder) -> list[str]:
    """Write the four proposed tables into ``folder``; return one line per table saying where it went.

    The articles are validated first (StoryError lists every problem); existing tables are never overwritten.
    """
    folder = Path(folder)
    story = load_story(folder)
    tables = propose_all(story.articles, read_label_terms(folder))
    messages = []
    for name in TABLES:
        path = free_path(folder, name)
        tables[name].drop(columns=list(POSITION_COLUMNS)).to_csv(path, index=False, encoding="utf-8")
        kept = "" if path.name == f"{name}.csv" else f" ({name}.csv exists and was kept)"
        messages.append(f"{path.name}: {len(tables[name])} proposed rows{kept}")
    return messages
