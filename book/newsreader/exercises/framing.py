"""Exercises of chapter 4, "Framing". Every key is computed from the tables of data/ (frames, labels, topics, entman)
and the articles."""
from ..answers import Choice, Items, Number
from ..coded import CodingAgreement
from ..corpus import article_ids, load_articles
from ..methods.agreement import cohen_kappa
from ..tables import load_table
from ..text import words
from .coding import book_coding, coding_by_keywords
from .exercise import LATIN_TIMES_FEBRUARY, NEWSMAX, OUTLET_NOT_CONFIRMED, Exercise, Mistake

CHAPTER_NUMBER = 4

OWN_VOICES = ("reporter", "scare quote")  # the article's own choice of words, not a speaker's quotation or paraphrase


def people_label_uses(article_id=OUTLET_NOT_CONFIRMED, voices=OWN_VOICES):
    """How many labels for people the article uses in ``voices``."""
    labels = load_table("labels")
    return int(((labels["article_id"] == article_id) & (labels["refers_to"] == "people") & labels["voice"].isin(voices)).sum())


def people_label_rate(article_id=OUTLET_NOT_CONFIRMED, per=1000, voices=OWN_VOICES):
    """The uses of labels for people in ``voices``, per ``per`` words of the article's cleaned text."""
    return people_label_uses(article_id, voices) / len(words(load_articles().set_index("id").loc[article_id, "text"])) * per


def only_in_quotations(quoted=("quotation",), every_use=True):
    """The labels that stand only in ``quoted`` voices, in every article that uses them (with ``every_use`` False:
    in such a voice at least once)."""
    voices = load_table("labels").groupby("term")["voice"].agg(set)
    return sorted(term for term, found in voices.items()
                  if (found <= set(quoted) if every_use else bool(found & set(quoted))))


def pass_agreement():
    return pass_kappa(month=None, measure=raw_agreement)


def pass_kappa(month="2025-04", measure=cohen_kappa):
    """Kappa (or another measure) of the coder's reading and the keyword pass on the sentences of one news
    moment's articles (all, if None)."""
    frames = load_table("frames")
    if month is not None:
        dates = load_articles().set_index("id")["date_earliest"]
        frames = frames[frames["article_id"].map(dates).str.startswith(month)]
    return measure(frames["frame_pass1"], frames["frame_pass2"])


def raw_agreement(first, second):
    return (first == second).mean()


def final_code_agreement():
    """framing-6's mistake: the agreement of the keyword pass with ``frame``, the final code, not the coder's reading."""
    frames = load_table("frames")
    return raw_agreement(frames["frame"], frames["frame_pass2"])


def omitted_by(article_id=NEWSMAX):
    """The topics that every other article covers and ``article_id`` does not."""
    covered = topic_coverage()
    return sorted(covered.index[covered.drop(columns=article_id).all(axis=1) & ~covered[article_id]])


def covered_by_all_but_one():
    """The topics that every article but one covers."""
    covered = topic_coverage()
    return covered_by(covered, covered.shape[1] - 1)


def covered_by_one():
    """framing-5's mistake: the topics that only one article covers."""
    return covered_by(topic_coverage(), 1)


def covered_by(covered, articles: int):
    """The topics of a topic × article table ``covered`` that exactly ``articles`` articles cover."""
    counts = covered.sum(axis=1)
    return sorted(counts.index[counts == articles])


def topic_coverage():
    """Topics × articles, True where the article covers the topic."""
    return load_table("topics").pivot(index="topic", columns="article_id", values="covered") == "yes"


def most_common_frame(article_id=LATIN_TIMES_FEBRUARY, positions=("headline", "subheading", "lede", "body")):
    frames = load_table("frames")
    rows = frames[(frames["article_id"] == article_id) & frames["position"].isin(positions)]
    return rows["frame"].value_counts().sort_index().idxmax()


def primary_frame_unlike(position="lede", column="frame"):
    """The articles whose primary frame is not the frame (``column``) of their first sentence at ``position``."""
    entman = load_table("entman")
    primary = entman[entman["function"] == "primary frame"].set_index("article_id")["frame"]
    frames = load_table("frames")
    first = frames[frames["position"] == position].groupby("article_id")[column].first()
    return sorted(article for article in primary.index if first.get(article) != primary[article])


def frame_names():
    return sorted(set(load_table("frames")["frame"]))


EXERCISES = [
    Exercise(
        id="framing-1", chapter="framing", minutes=6, writes=("filter",), kind=Number(decimals=1), key=people_label_rate,
        hint="Keep 004's rows of `labels` that refer to people and whose `voice` is the article's own, \"reporter\" or \"scare quote\"; divide their number by the words of 004's cleaned text, and multiply by 1,000.",
        mistakes=(Mistake(lambda: people_label_rate(voices=("reporter", "scare quote", "quotation", "paraphrase")), "That counts the labels inside quotations and paraphrases too, which stand in the speakers' words or accounts. Keep only the rows whose `voice` is \"reporter\" or \"scare quote\"."),
                  Mistake(lambda: people_label_rate(voices=("reporter", "scare quote", "paraphrase")), "That counts the labels in a speaker's paraphrase too: the article reports them within the speaker's account. Keep only the rows whose `voice` is \"reporter\" or \"scare quote\"."),
                  Mistake(people_label_uses, "That is the number of labels; the question asks for a rate. Divide it by the words of 004's cleaned text, and multiply by 1,000."),
                  Mistake(lambda: people_label_rate(per=100), "That is a rate per 100 words; the question asks per 1,000. Multiply by 1,000."),
                  Mistake(lambda: people_label_rate(per=1), "That is a rate per word; the question asks per 1,000 words. Multiply by 1,000.")),
    ),
    Exercise(
        id="framing-2", chapter="framing", minutes=7, writes=("group-by",), kind=Items(), key=only_in_quotations,
        hint="Group `labels` by `term` and collect each term's voices (`.agg(set)`, or `.apply(lambda voices: (voices == \"quotation\").all())`); keep the terms whose every use is \"quotation\".",
        mistakes=(Mistake(lambda: only_in_quotations(("quotation", "scare quote")), "A scare quote stands in quotation marks that the article gives to no speaker: whoever first used the words, keeping them unattributed is the article's choice, so it counts with the article's own voice. Leave out the terms used in scare quotes."),
                  Mistake(lambda: only_in_quotations(every_use=False), "Some of these terms stand inside a quotation once but also outside quotation marks elsewhere (in the reporter's words or a speaker's paraphrase). Keep only the terms whose every use is inside a quotation.")),
    ),
    Exercise(
        id="framing-6", chapter="framing", minutes=3, kind=Number(decimals=2), key=pass_agreement,
        hint="Compare the columns `frame_pass1` and `frame_pass2` row by row and take the mean.",
        mistakes=(Mistake(lambda: 100 * pass_agreement(), "Give the agreement as a fraction between 0 and 1, not as a percentage."),
                  Mistake(final_code_agreement, "That compares `frame`, the book's final code after its resolutions, with the keyword pass; the dictionary is checked against the coder's reading, `frame_pass1` (revised where the same kind of sentence had been coded two ways, before any resolution with the keyword pass). Compare `frame_pass1` with `frame_pass2`."),
                  Mistake(lambda: 1 - pass_agreement(), "That is the share of sentences on which the passes differ; the question asks how often they agree. Compare the columns with == and take the mean."),
                  Mistake(lambda: pass_agreement() * len(load_table("frames")), "That is a count of sentences; the question asks for a share. Divide it by the number of sentences: the mean of the == column does both at once.")),
    ),
    Exercise(
        id="framing-7", chapter="framing", minutes=7, writes=("filter",), kind=Number(decimals=3), key=pass_kappa,
        hint="Keep the rows of `frames` whose `article_id` is one of the April articles (their `date_earliest` starts with \"2025-04\"), then call `package_kappa` on their two columns of codes.",
        mistakes=(Mistake(lambda: pass_kappa(month=None), "That is the kappa of all five articles; keep only the sentences of the April articles, whose `date_earliest` starts with \"2025-04\"."),
                  Mistake(lambda: pass_kappa(month="2025-02"), "That is the kappa of the February articles; keep the April ones instead, whose `date_earliest` starts with \"2025-04\"."),
                  Mistake(lambda: pass_kappa(measure=raw_agreement), "That is the raw agreement; kappa corrects it for the agreement expected by chance. Use `package_kappa` on the two columns.")),
    ),
    Exercise(
        id="framing-5", chapter="framing", minutes=8, kind=Items(), key=covered_by_all_but_one,
        hint="Pivot `topics` to a topic × article table and compare it with \"yes\" (True/False); `.sum(axis=1)` counts the articles that cover each topic; keep the topics that all the articles but one cover.",
        mistakes=(Mistake(covered_by_one, "Those are the topics that only one article covers; the question asks for the topics that every article but one covers. Keep the topics whose count is one less than the number of articles."),
                  Mistake(omitted_by, "That is what 001 omits and all the others cover; the question asks the same of every article. Count, for each topic, the articles that cover it."),),
    ),
    Exercise(
        id="framing-3", chapter="framing", stated_in=("leading_frames", "primary_frames"), minutes=4, writes=("filter",), kind=Choice(options=frame_names), key=most_common_frame,
        hint="Count the values of `frame` among 002's sentences.",
        mistakes=(Mistake(lambda: most_common_frame(positions=("lede",)), "That is the frame of 002's lede; the question asks about all its sentences. Count the frames of every sentence of 002."),),
    ),
    Exercise(
        # a novice's measured 30 minutes, less the reading of the whole codebook they included (2,754 words)
        id="framing-coding", chapter="framing", minutes=12, kind=CodingAgreement("framing-coding"), reads=(("frames.md", "frame"),),
        key=lambda: book_coding("framing-coding"),
        hint="Give each sentence the frame of its main point, read with the sentence before it (the context column). A keyword such as \"security\" or \"build\" can mislead.",
        mistakes=(Mistake(coding_by_keywords, "Your frames are exactly those of the keyword dictionary (pass 2), which cannot see context: read each sentence for its main point."),),
    ),
    Exercise(
        id="framing-4", chapter="framing", minutes=7, writes=("filter",), kind=Items(options=article_ids), key=primary_frame_unlike,
        hint="Keep the rows of `entman` whose function is \"primary frame\", and the rows of `frames` whose position is \"lede\"; put the two frames side by side by article.",
        mistakes=(Mistake(lambda: primary_frame_unlike("headline"), "That compares with the headline, which only 003 has in its text; the question asks about each article's lede. Use the rows whose `position` is \"lede\"."),
                  Mistake(lambda: primary_frame_unlike(column="frame_pass2"), "That compares with the keyword pass's frame of each lede (`frame_pass2`), which the dictionary gives without context; the question asks about the book's frame. Use the `frame` column of the rows whose `position` is \"lede\".")),
    ),
]
