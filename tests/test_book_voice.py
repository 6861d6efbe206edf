"""The book's own voice: the loaded labels that chapter 4 teaches students to examine appear in the book's prose only as
quotations (inside quotation marks or code), never as the book's own words; a quotation of an article is word for word;
and wording that a reading of the articles found they do not support does not come back."""
import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from newsreader import load_articles, sentences
from newsreader.methods.framing import label_uses

ROOT = Path(__file__).resolve().parents[1]
# Labels that judge or assume: the book may quote them, never use them. ("Inmates", "facility" and the like are
# plain descriptions, which the book also uses.)
LOADED = ["mega-prison", "megaprison", "infamous", "world's worst prison", "concrete and steel pit", "criminals",
          "gang members", "illegal immigrant", "unlawful immigrant", "psychopaths", "terrorists", "murderers",
          "illegal migrant criminals"]
ALLOWED_BEFORE = ("alleged ", "suspected ", "convicted ")  # "alleged gang members" keeps an allegation an allegation
QUOTED = re.compile(
    r"`[^`]*`"  # code
    r'|"(?:[^"\n]|\n(?!\n))*"|“[^”]*”'  # double quotation marks, within a paragraph
    r"|(?<!\w)'(?:[^'\n]|'(?=\w))+'(?!\w)|‘[^’]*’"  # single quotation marks (an apostrophe inside is allowed)
    r"|\([^)]*\.ipynb\)"  # links to notebooks
)


def prose_files():
    pages = [ROOT / "README.md", *sorted((ROOT / "book").rglob("*.md"))]
    notebooks = sorted((ROOT / "book").rglob("*.ipynb"))
    return [path for path in pages + notebooks if "_build" not in path.parts and ".ipynb_checkpoints" not in path.parts]


def printed(path):
    """What a notebook prints: the text of its outputs (tables as pandas prints them), which readers read too."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    outputs = [output for cell in cells if cell["cell_type"] == "code" for output in cell["outputs"]]
    return "\n".join("".join(output.get("text") or output.get("data", {}).get("text/plain", "")) for output in outputs)


def prose(path):
    """A page's prose: its markdown, and a notebook's figure captions and alt texts, which readers read too."""
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    figures = [cell["metadata"]["mystnb"] for cell in cells if "mystnb" in cell["metadata"]]
    described = [text for figure in figures for text in (figure.get("figure", {}).get("caption", ""),
                                                         figure.get("image", {}).get("alt", ""))]
    return "\n\n".join(["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"] + described)


def without_code_blocks(text):
    """The text without its fenced code blocks. A MyST directive (```{glossary}, ```{exercise}, ```{admonition}) is
    fenced too, but holds prose: only its fence lines and options go, so that a misquotation in a glossary or an
    exercise is seen."""
    kept, open_fences = [], []  # "code" or "directive", innermost last
    for line in text.split("\n"):
        fence = re.match(r"```(\{?)(.*)", line)
        if fence and open_fences[-1:] == ["code"]:
            open_fences.pop()  # a directive's closing fence is not the opening of a code block
        elif fence and (fence[1] or fence[2].strip() or not open_fences):
            open_fences.append("directive" if fence[1] else "code")
        elif fence:
            open_fences.pop()
        elif open_fences[-1:] != ["code"] and not re.match(r":\w[\w-]*:", line):
            kept.append(line)
    return "\n".join(kept)


def own_words(text):
    """The text without what it quotes: quotation marks, code, roles and fenced code blocks."""
    return QUOTED.sub("", without_code_blocks(text))


@pytest.mark.parametrize("path", prose_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_loaded_labels_only_as_quotations(path):
    text = own_words(prose(path))
    uses = [text[max(0, start - 40):end + 10].replace("\n", " ") for start, end, term in label_uses(text, LOADED)
            if not text[:start].lower().endswith(ALLOWED_BEFORE)]
    assert not uses, uses


def flat(text):
    """Curly quotation marks and apostrophes made straight, so that a quotation matches however it is typed."""
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


ARTICLES = [" ".join(flat(text).lower().split()) for text in load_articles()["raw_text"]]


def quotations(text):
    """Short passages in double quotation marks (three to 25 words), or the single-quoted parts of one; a quotation
    that leaves words out ("the most unprecedented ... agreement") gives each of its parts."""
    for quoted in re.findall(r'"([^"]+)"', " ".join(flat(text).lower().split())):
        inner = re.findall(r"(?<!\w)'([^']+)'(?!\w)", quoted)
        for passage in (part for whole in inner or [quoted] for part in re.split(r"\.\.\.|…", whole)):
            if 3 <= len(passage.split()) <= 25:
                yield passage.strip(" ,.")


def in_an_article(passage):
    return any(passage in article for article in ARTICLES)


CODEBOOKS = sorted((ROOT / "data" / "codebooks").glob("*.md"))


@pytest.mark.parametrize("path", prose_files() + CODEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_quotation_of_an_article_is_word_for_word(path):
    """A quotation that shares three words in a row with an article must stand in it word for word (not "people familiar
    with the discussion" where 000 has "conversation")."""
    text = re.sub(r"`[^`]*`", "", without_code_blocks(prose(path)))
    misquoted = [passage for passage in quotations(text) if not in_an_article(passage)
                 and any(in_an_article(" ".join(passage.split()[i:i + 3])) for i in range(len(passage.split()) - 2))]
    assert not misquoted, misquoted


@pytest.mark.parametrize("table", sorted(path.stem for path in (ROOT / "data").glob("*.csv")))
def test_a_quotation_of_an_article_in_a_table_is_word_for_word(table):
    """The same rule for the tables' own words (notes, resolutions, descriptions), where most quotations stand."""
    rows = pd.read_csv(ROOT / "data" / f"{table}.csv", dtype=str, keep_default_na=False)
    own = [column for column in rows.columns if column in ("note", "notes", "resolution", "description", "reason",
                                                            "date_note", "what_it_removes", "scope", "relies_on")]
    text = "\n".join(" ".join(rows[column]) for column in own)
    misquoted = [passage for passage in quotations(text) if not in_an_article(passage)
                 and any(in_an_article(" ".join(passage.split()[i:i + 3])) for i in range(len(passage.split()) - 2))]
    assert not misquoted, misquoted


NOT_SUPPORTED = {  # wording the articles do not support, with what the articles say instead
    "001 (legal challenges": "001 reports a judge's order, not legal challenges",
    "cannot both be true of the same inmates": "002's hallway exercise may be its 30 minutes: hard to reconcile, not impossible",
    "accounts also disagrees with itself": "002's two sentences are hard to reconcile, not contradictory",
    "in two ways that contradict each other": "002's two sentences are hard to reconcile, not contradictory",
    "the words 004 puts in": "002's 'and' is a change inside quotation marks too; neither is the baseline",
    "each of the three articles gives a narrower": "the list of wordings was uneven",
    "April panel after the Oval Office meeting": "000's range starts on the report day",
    "An article republished, with permission": "nothing in the data shows permission",
    "the Journal states without a hedge": "the research recorded the Journal's payment, not its words",
    "are **different things counted**": "001 writes 'double the size' and 'Doubling capacity' of one plan",
    "not even the same claim": "001 writes 'double the size' and 'Doubling capacity' of one plan",
    "size and capacity are not the same thing": "001 uses both words for one plan",
    "subcommittee member": "004 says the UN Subcommittee was 'represented by Miguel Sarre'",
    "double CECOT's capacity": "000 says capacity, 001 size; the Journal's word is not known",
    "take deportees and convicted prisoners": "Bukele's post offers 'only convicted criminals'; the broader wording is "
                                              "Rubio's (002) or 004's reporter's",
    "agree in value and wording": "the comparison checks values and scopes, and the hedges differ",
    "attribute that part of their story to the Journal": "000's sentence names no source",
    "reads them as Bukele and Noem": "000's next paragraph ties the subject to Trump's meeting",
    "none of the five articles does so": "001 reports a judge's order, 000 legal challenges",
    "points to the same Monday": "000's 'earlier this week' allows a period; only 001 names the Monday",
    "capacity against size": "each April article uses both words: 000's headline says size, 001 'Doubling capacity'",
    "in 001's (not the same thing": "001 says 'double the size' and 'Doubling capacity'",
    "the difference is **rounding**": "overlapping hedges make figures compatible; rounding is one reason",
    "the aftermath of": "the April articles date the plan to Noem's visit, before the White House meeting",
    "marks the reporter's distance outright": "'mega-prison' is Bukele's word in his post, as 003 quotes it",
    "a scare quote is the reporter's own word": "its words may be a speaker's, unattributed",
    "first sentence calls the prison": "004 says El Salvador 'is believed to host' it: the hedge stays",
    "look back only a day or two": "003's 'this weekend' is two to three days before it; computed now",
    "000's transfers line": "000's deportations are a row of their own; 000 does not call them the first",
    "article's own words, found by one sweep": "outside quotation marks stand paraphrases of speakers too ('Rubio "
                                              "called the proposal generous'): the summary says whose each word is",
    "Noem's words as the Journal reported them": "Noem's words to the Journal were said in her interview with it, in "
                                                 "both April articles: channel interview, second-hand as an interview "
                                                 "given to another outlet",
    "leave out \"convicted\"": "003's headline and lede are not the only wordings without it: 000's and 004's "
                               "reporters have some too",
    "I would call the shorter wording unfair": "a verdict on one outlet, where the test applies to three",
    "a BBC correspondent, unnamed experts)": "the outlets the April articles cite are independent voices too: the "
                                            "Journal, the Associated Press",
    "000's next sentence does not name the Journal": "000's passage follows \"Speaking to The Wall Street Journal, she "
                                                     "said\"",
    "the February articles look back at most": "004 looks back to 2023 and \"last year\": only their 2025 mentions "
                                               "reach back that little",
    "on the word of the same person": "002's \"could be\" is its reporter's; only 003's version is Rubio's",
    "the other way from": "'rather than serving as a destination for third country nationals' and 'regardless of "
                          "their nationality' differ in emphasis; they are not opposites",
    "does not want to hold": "no article says Bukele does not want to hold third-country nationals",
    "leading frames differ": "000 and 001 share their leading, primary and lede frame",
    "leading frame differs from article to article": "000 and 001 share their leading frame",
    "put different things first": "000's and 001's ledes both report the plan to double the prison",
    "mentioned_by": "events.csv codes the mentions that come with a date: 002 mentions Rubio's visit without one",
    "The February articles agree on the day": "002 does not date Rubio's visit",
    "A reader of 001 alone meets a plan": "000 also states the plan, in Noem's words, without a hedge",
    "rest mainly on a post on X": "004 never names the post",
    "attributions without quotation marks, whose verbs": "two of the missed rows are partial quotes, and some missed "
                                                         "verbs are known to the patterns",
    "misses paraphrases that use no known verb": "it misses citations and partial quotes too, and attributions whose "
                                                 "speaker it cannot find",
    "coarser description": "001's \"east\" and 002's \"southeast\": the texts do not say which is more exact, and "
                           "what other outlets say is a majority, not evidence",
    "rougher one": "001's \"east\" against 002's \"southeast\": the texts do not decide it",
    "vaguer word (\"hundreds\")": "\"hundreds of\" (200 to 999) is no wider than the Journal's \"more than 250\"",
    "the same figures appear in the report they cite": "001's \"hundreds\" is not the Journal's \"more than 250\"; "
                                                       "which figures match is computed",
    "reporter then writes \"Doubling capacity\"": "001's \"Doubling capacity\" (001:5) comes before Noem's \"He has "
                                                  "plans to double the size\" (001:11)",
    "No sentence gives a number directly to an unnamed source": "001: \"Sources told The Wall Street Journal that ... "
                                                                "last month\": the table codes the outlet",
    "000 adds the opening year": "001 dates the opening too: \"It opened a year later\" than March 2022",
    "both add these quantities": "both April articles attribute the doubling to the Journal (000-01, 001-01)",
    "reporter's voice also appear in the report": "001's \"hundreds\" is not the Journal's \"more than 250\", and "
                                                  "many reporter-voice figures are not in the report's record",
    "not one offer in different words": "002 treats Rubio's words as describing the one offer",
    "all five outlets": "000 and 002 are both the Latin Times: five articles, four outlets at most",
    "002's so-called \"mega-prison\" is not one": "\"so-called\" is 002's own distancing word, even inside Bukele's "
                                                 "paraphrase; \"mega-prison\" is his",
    "002's so-called \"mega-prison\" stands in words": "\"so-called\" is 002's own distancing word",
    "In 002 the word is Rubio's. Look": "002 says \"He\": that it is Rubio is a reading of the pronoun",
    "its unnamed sources. 001 also quotes": "000 gives Noem on the record on expanding the prison: \"she said Bukele "
                                            "has plans to continue expanding the prison\"",
    "what he wrote in his post; 003": "002's first sentence names no channel: filing its \"said late Monday\" as the "
                                      "post is a reading of its next sentence",
    "000 mentions \"the high costs": "in 000 it is Rubio's point, \"noting the high costs of incarceration\"",
    "quotation of Bukele (next sentence)": "in 004 the quotation is not in the next sentence",
    "no other article covers either": "'named detainee', the answer it responds to, is covered by 001",
    "to the Monday of his visit": "004 dates what Rubio revealed and never mentions a visit",
    "Monday of Rubio's visit (": "004 dates what Rubio revealed and never mentions a visit",
    "Rubio's visit on 3 February": "only 003 dates the visit; 004 dates Rubio's announcement",
    "agree on every date but one": "the Journal's report is dated from an outside source in both, and 001's opening by "
                                   "reading a round figure exactly",
}


def feedback_texts():
    """Every hint and declared mistake's feedback: students read them, and the instructors' pages print them."""
    from newsreader.exercises import EXERCISES
    return {f"exercise {exercise.id}": " ".join([exercise.hint, *(mistake.feedback for mistake in exercise.mistakes)])
            for exercise in EXERCISES.values()}


def test_no_page_or_table_uses_wording_the_articles_do_not_support():
    pages = [*prose_files(), *sorted((ROOT / "data").glob("*.csv")), *CODEBOOKS, ROOT / "data" / "README.md"]
    texts = {path.name: prose(path) + printed(path) if path.suffix == ".ipynb" else prose(path) if path.suffix == ".md"
             else path.read_text(encoding="utf-8") for path in pages}
    for name, text in {**texts, **feedback_texts()}.items():
        text = " ".join(text.split())
        found = [phrase for phrase in NOT_SUPPORTED if phrase.lower() in text.lower()]
        assert not found, (name, {phrase: NOT_SUPPORTED[phrase] for phrase in found})


def test_the_labels_figure_describes_every_voice_it_shows():
    """The labels figure's caption and alt text name every voice its legend shows (every voice of labels.csv)."""
    cells = json.loads((ROOT / "book" / "04-framing.ipynb").read_text(encoding="utf-8"))["cells"]
    figure = next(cell["metadata"]["mystnb"] for cell in cells
                  if cell["metadata"].get("mystnb", {}).get("figure", {}).get("name") == "fig-framing-labels")
    for voice in set(pd.read_csv(ROOT / "data" / "labels.csv")["voice"]):
        assert voice in figure["figure"]["caption"] and voice in figure["image"]["alt"], voice


def figure_metadata(notebook, name):
    cells = json.loads((ROOT / "book" / notebook).read_text(encoding="utf-8"))["cells"]
    return next(cell["metadata"]["mystnb"] for cell in cells
                if cell["metadata"].get("mystnb", {}).get("figure", {}).get("name") == name)


def test_the_quoted_words_alt_text_does_not_count_unattributed_as_a_speaker_type():
    """Chapter 3 calls speakerless rows no voice at all, so the quoted-words figure's alt text does not list
    "unattributed" among the speaker types."""
    alt = figure_metadata("03-who-speaks.ipynb", "fig-speaks-shares")["image"]["alt"]
    speaker_types = re.search(r"speaker types \(([^)]*)\)", alt).group(1)
    assert "unattributed" not in speaker_types and "no speaker" in alt


def test_the_second_hand_network_alt_text_names_every_source_it_draws():
    """The alt text names every source the figure draws (Noem and the center's director among them). The chapter draws
    every speaker of a second-hand channel or anonymous, labelled by the longest way its articles write it (up to a
    comma)."""
    sources = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
    drawn = sources[sources["channel"].isin(["another outlet's report", "interview"])
                    | (sources["speaker_type"] == "anonymous")]["speaker_id"].unique()
    written = sources[~sources["speaker_as_written"].str.contains(r"\(")].groupby("speaker_id")["speaker_as_written"]
    names = written.agg(lambda spans: max(spans, key=len).split(",")[0].lower())
    alt = figure_metadata("03-who-speaks.ipynb", "fig-speaks-second-hand")["image"]["alt"].lower()
    assert [names[speaker] for speaker in drawn if names[speaker] not in alt] == []


def test_the_second_hand_network_alt_text_gives_each_article_its_own_words_for_its_anonymous_sources():
    """The alt text labels each article's anonymous sources with that article's own words (001 writes "Sources told The
    Wall Street Journal", not 000's "people familiar with the conversation"): each stands by its number."""
    sources = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
    anonymous = sources[sources["speaker_type"] == "anonymous"]
    alt = figure_metadata("03-who-speaks.ipynb", "fig-speaks-second-hand")["image"]["alt"].lower()
    for article_id, rows in anonymous.groupby("article_id"):
        own = max(rows["speaker_as_written"], key=len).split(",")[0].lower()
        assert re.search(re.escape(own) + r"\W{0,3} in " + article_id[:3], alt), (article_id, own)


def test_the_coverage_alt_text_names_every_topic_in_every_article():
    """The coverage figure's alt text names every topic that every article covers, as many as the data have."""
    topics = pd.read_csv(ROOT / "data" / "topics.csv", dtype=str, keep_default_na=False)
    covered = topics[topics["covered"] == "yes"].groupby("topic")["article_id"].nunique()
    everywhere = covered[covered == topics["article_id"].nunique()].index
    alt = figure_metadata("04-framing.ipynb", "fig-framing-coverage")["image"]["alt"].lower()
    assert everywhere.size and [topic for topic in everywhere if topic.lower() not in alt] == []


@pytest.mark.parametrize("path", sorted((ROOT / "book").rglob("*.ipynb")), ids=lambda path: path.stem)
def test_a_cell_that_announces_an_output_is_followed_by_it(path):
    """A text that announces a table ("The remarks reported by more than one article:") is not followed by a question
    and an exercise, with its table only after them. A markdown cell that ends with a colon is followed by the code that
    shows what it announces, or by an exercise whose solution shows it."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    dangling = ["".join(cell["source"])[-80:] for cell, after in zip(cells, cells[1:])
                if cell["cell_type"] == "markdown" and "".join(cell["source"]).rstrip().endswith(":")
                and after["cell_type"] != "code" and not "".join(after["source"]).startswith("```{exercise}")]
    assert not dangling, dangling


# A hedge of the articles, and how far it reaches: an attribution of the whole sentence, or the words after it up to a
# comma. A quotation of words that a hedge reaches keeps the hedge (or names the source, or says it is hedged).
HEDGES_OF_THE_SENTENCE = ("according to", "it was reported")
HEDGES_OF_THE_CLAUSE = ("reportedly", "is believed", "considered", "it appears", "allegedly")
KEPT_BY = {"according to": ("according to", "citing", "journal", "people familiar"), "it was reported": ("reported",)}
WORDS_AS_WORDS = {  # quotations of words as examples of words, not as claims: (page, quotation) and why
    ("glossary.md", "the largest prison in the"): "an example of a 5-gram",
    ("01-meet-the-articles.ipynb", "u.s. homeland security secretary"): "an example of a sentence that does not end",
    ("02-the-numbers.ipynb", "double the capacity"): "what the phrase means",
    ("claims.md", "the largest prison in"): "the words that make a rank",
    ("events.md", "during her visit to el salvador last month"): "an example of a date written in words",
}
SENTENCES = [sentence for text in load_articles()["raw_text"] for sentence in sentences(" ".join(flat(text).split()))]


def hedges_reaching(sentence, passage):
    """The hedges of an article's ``sentence`` that reach the quoted ``passage`` (both lower-case)."""
    start = sentence.find(passage)
    before, after = sentence[:start], sentence[start + len(passage):]
    found = {hedge for hedge in HEDGES_OF_THE_SENTENCE
             if re.search(rf"\b{hedge}\b", after) or re.search(rf"\b{hedge}\b(?!\s*$)", before)}
    return found | {hedge for hedge in HEDGES_OF_THE_CLAUSE
                    if any("," not in before[match.end():] and '"' not in before[match.end():]
                           for match in re.finditer(rf"\b{hedge}\b", before))}


def book_sentence(paragraph, start, end):
    """The sentence (or clause, up to a semicolon) of the book's ``paragraph`` that holds the characters from
    ``start`` to ``end``, lower-case."""
    begin = max(paragraph.rfind(". ", 0, start), paragraph.rfind("; ", 0, start)) + 1
    stops = [stop for stop in (paragraph.find(". ", end), paragraph.find("; ", end)) if stop >= 0]
    return paragraph[begin:min(stops, default=len(paragraph))].lower()


@pytest.mark.parametrize("path", prose_files() + CODEBOOKS, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_quotation_keeps_the_hedge_of_the_article(path):
    """A chapter that quotes a hedged or attributed statement keeps its hedge or attribution with it: 000's "to double
    the capacity" with its "reportedly", its "is seriously considering the expansion" with "According to The Wall Street
    Journal"."""
    dropped = []
    for paragraph in re.split(r"\n\s*\n", flat(without_code_blocks(prose(path)))):
        paragraph = " ".join(paragraph.split())
        for match in re.finditer(r'"([^"]+)"', paragraph):
            passage = match[1].lower().strip(" ,.")
            if len(passage.split()) < 3 or (path.name, passage) in WORDS_AS_WORDS:
                continue
            context = book_sentence(paragraph, match.start(), match.end())
            holding = [sentence.lower() for sentence in SENTENCES if passage in sentence.lower()]
            # hedged wherever the articles have the words (one unhedged place may be the one quoted)
            hedges = set.intersection(*(hedges_reaching(sentence, passage) for sentence in holding)) if holding else set()
            dropped += [(passage, hedge) for hedge in hedges
                        if "hedge" not in context and not any(word in context for word in KEPT_BY.get(hedge, (hedge,)))]
    assert not dropped, dropped


def test_no_chapter_searches_a_headline_known_only_from_a_copy():
    """The searches of the chapters treat the headlines alike: none searches the headlines that only copies carry
    (000's, 004's). One rule: the searches read the captured texts (which hold 003's headline); chapter 0 uses the
    headline column only to teach strings, chapter 1 shows it with where it comes from."""
    for path in sorted((ROOT / "book").glob("0[2-6]-*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        assert '["headline"]' not in code and "'headline'" not in code, path.name


def test_an_exercise_on_a_headline_known_only_from_a_copy_says_so():
    """An exercise on a headline known only from a syndicated copy (000's) says so where it asks for it, as chapter 2
    says such a headline is not evidence."""
    articles = load_articles().set_index("id")
    from_copies = [article_id[:3] for article_id, source in articles["headline_source"].items()
                   if re.search(r"\bcop(y|ies)\b", source)]
    cells = json.loads((ROOT / "book" / "00-python-basics.ipynb").read_text(encoding="utf-8"))["cells"]
    prompts = ["".join(cell["source"]) for cell in cells if "```{exercise}" in "".join(cell["source"])]
    about_copies = [prompt for prompt in prompts if re.search(rf"headline of ({'|'.join(from_copies)})", prompt)]
    assert about_copies and all("copy" in " ".join(prompt.split()) for prompt in about_copies)


def test_the_search_for_whom_el_salvador_takes_finds_every_wording():
    """Chapter 3's "whom would El Salvador take?" pattern is not built around one article's words: "U.S. citizens" and
    "Americans" (004's lede, 000's "including Americans") reach its table too. Every sentence of every article that
    speaks of citizens or Americans holds a match of the chapter's pattern."""
    cells = json.loads((ROOT / "book" / "03-who-speaks.ipynb").read_text(encoding="utf-8"))["cells"]
    code = next("".join(cell["source"]) for cell in cells if cell.get("id") == "3a0d2e02")
    pattern = ast.literal_eval(re.search(r"WHOM = (\(.*?\))\n", code, re.DOTALL)[1])
    missed = [sentence for text in load_articles()["text"] for sentence in sentences(text)
              if re.search(r"\bcitizens\b|\bAmericans\b", sentence) and not re.search(pattern, sentence)]
    assert not missed, missed
    texts = load_articles().set_index("id")["text"].rename(lambda article_id: article_id[:3])
    assert [(article, words) for article, words in FACT_CHECKED_WHOM
            if words in texts[article] and not re.fullmatch(pattern, words)] == []


# The wordings of the people El Salvador would take or be sent that a reader of all five articles finds, in the
# articles' words: the chapter's pattern, which says it takes "every wording", must find each.
FACT_CHECKED_WHOM = [("003", "only convicted criminals"), ("002", "convicted criminals"), ("004", "US citizens"),
                     ("003", "criminals captured in the United States"), ("003", "American citizens"),
                     ("000", "U.S. citizens"), ("000", "Americans"), ("004", "regardless of their nationality"),
                     ("001", "illegal migrant criminals"), ("000", "violent U.S. offenders"),
                     ("004", "individuals deported"), ("000", "detain deportees"), ("003", "other types of criminals")]
# Not among them, by the chapter's rule (a wording counts where it names whom El Salvador would take as what the offer,
# the agreement or a sending is for): 002's "migrants from other countries" (a "safe third country" designation the
# U.S. wants), 002's "those deported" and 001's "where U.S. deportees are being held" (people already described, of
# whom the sentence says something else).


def test_whom_el_salvador_takes_is_in_the_reporters_words_outside_quotation_marks_whatever_the_verb():
    """Whose words say whom El Salvador takes does not turn on the verb (000's "offered to house more prisoners,
    including Americans" and 004's "expressed his willingness ... regardless of their nationality" alike). One rule,
    chapter 4's for labels: a speaker's words inside quotation marks, the reporter's outside."""
    from newsreader.methods.sources import quotation_spans

    cells = json.loads((ROOT / "book" / "03-who-speaks.ipynb").read_text(encoding="utf-8"))["cells"]
    cell = next(cell for cell in cells if cell.get("id") == "3a0d2e02")
    pattern = ast.literal_eval(re.search(r"WHOM = (\(.*?\))\n", "".join(cell["source"]), re.DOTALL)[1])
    table = "".join(cell["outputs"][-1]["data"]["text/plain"]).split("\n\n")[0].splitlines()[1:]
    expected = ["reporter" if not any(start <= match.start() < end for start, end in quotation_spans(text)) else "speaker"
                for text in load_articles()["text"] for match in re.finditer(pattern, text)]
    shown = ["reporter" if line.split()[2] == "reporter" else "speaker" for line in table]
    assert shown == expected


def test_no_heading_holds_a_cross_reference():
    """A heading holds no link: the checklist's "Provenance ({doc}`../01-meet-the-articles`)" would show in the page's
    contents sidebar as a raw path. A link goes in the text under a heading, never in the heading."""
    headings = {(path.name, line) for path in prose_files() for line in prose(path).splitlines()
                if re.match(r"#{1,6} .*\{(doc|ref|numref)\}`", line)}
    assert not headings, headings


MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
WRITTEN_DATE = re.compile(rf"\b(?:(\d{{1,2}}) (?:and (\d{{1,2}}) )?({MONTH})(?: (\d{{4}}))?|({MONTH}) (\d{{1,2}})(?:, (\d{{4}}))?)\b")


def written_dates(text) -> set[pd.Timestamp]:
    """Every day a text writes out ("3 February 2025", "between 3 and 5 February 2025", "February 4, 2025"); a day
    without its year is of 2025, the year of the story."""
    days = set()
    for match in WRITTEN_DATE.finditer(text):
        first, second, month, year, month_first, day_second, year_second = match.groups()
        month, year = month or month_first, year or year_second or "2025"
        days |= {pd.Timestamp(f"{day} {month} {year}") for day in (first, second, day_second) if day}
    return days


def days_of_data() -> set[pd.Timestamp]:
    """The days data/ holds: each article's publication days, the days of each event dated to a week or less (not
    every day of "last year"), each upstream report's day, and the days the articles write out."""
    articles, events = pd.read_csv(ROOT / "data" / "articles.csv"), pd.read_csv(ROOT / "data" / "events.csv")
    spans = [(articles["date_earliest"], articles["date_latest"]), (events["resolved_start"], events["resolved_end"])]
    periods = [pd.date_range(start, end) for starts, ends in spans for start, end in zip(starts, ends) if pd.notna(start)]
    days = {day for period in periods if len(period) <= 7 for day in period}
    days |= set(pd.to_datetime(pd.read_csv(ROOT / "data" / "upstream.csv")["date"]).dropna())
    return days | {day for text in load_articles()["raw_text"] for day in written_dates(text)}


WEEKDAY_DATE = re.compile(rf"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? (\d{{1,2}} (?:{MONTH})(?: \d{{4}})?)")


def test_every_day_the_book_writes_out_is_a_day_of_data_and_of_its_weekday():
    """A date typed into the prose (a computed one is glued) is checked against the tables and the articles: a day
    that no table and no article holds, or a weekday written beside a day that falls on another, is an error of the
    book's own."""
    known = days_of_data()
    for path in prose_files():
        text = prose(path)
        assert not sorted(str(day.date()) for day in written_dates(text) - known), path.name
        wrong = [f"{weekday} {day}" for weekday, day in WEEKDAY_DATE.findall(text)
                 if min(written_dates(day)).day_name() != weekday]
        assert not wrong, (path.name, wrong)
