"""Exercises of chapter 5, "When and from where". Every key is computed from data/ by newsreader.methods."""
import pandas as pd

from ..answers import Choice, Date, Items, NumberMap
from ..corpus import article_ids, load_articles
from ..methods.dates import common_period, possible_days, resolve_date
from ..methods.numbers import KINDS
from ..methods.reuse import containment_matrix, shared_passages
from ..methods.sources import find_quotations
from ..tables import load_table
from .exercise import LATIN_TIMES_APRIL, NEWSMAX, Exercise, Mistake

CHAPTER_NUMBER = 5

N = 5  # the chapter's n-gram length


def texts():
    return load_articles().set_index("id")["text"]


def iso(day) -> str:
    return day.strftime("%Y-%m-%d")


def newsmax_monday(published="2025-04-17", expression="on Monday"):
    return iso(resolve_date(expression, published))


def following_monday():
    return iso(pd.Timestamp("2025-04-17") + pd.offsets.Week(weekday=0))


def earlier_this_week_days(article_id=LATIN_TIMES_APRIL, include_publication_day=False, latest=None):
    row = load_articles().set_index("id").loc[article_id]
    days = set()
    for published in possible_days(row["date_earliest"], latest or row["date_latest"]):
        monday = resolve_date("Monday", published)
        last = published if include_publication_day else published - pd.Timedelta(days=1)
        days.update(iso(day) for day in pd.date_range(monday, last))
    return sorted(days)


def event_periods():
    """(start, end) of every mention, grouped by event."""
    events = load_table("events")
    periods = zip(pd.to_datetime(events["resolved_start"]), pd.to_datetime(events["resolved_end"]))
    return pd.Series(list(periods), index=events["event"]).groupby(level=0).agg(list)


def disagreeing_events():
    return [event for event, periods in event_periods().items() if common_period(periods) is None]


def events_with_different_periods():
    return [event for event, periods in event_periods().items() if len(set(periods)) > 1]


def event_names():
    return tuple(sorted(load_table("events")["event"].unique()))


def most_contained_pair(among=None):
    matrix = containment_matrix(texts(), N)
    if among is not None:
        matrix = matrix.loc[among, among]
    pairs = matrix.stack()
    pairs = pairs[pairs.index.get_level_values(0) != pairs.index.get_level_values(1)]  # not a text in itself
    return list(pairs.idxmax())


def most_contained_february_pair():
    return most_contained_pair(among=[i for i in texts().index if i[:3] in ("002", "003", "004")])


def longest_april_passage():
    return shared_passages(texts()[LATIN_TIMES_APRIL], texts()[NEWSMAX], min_words=N)["passage"].iloc[0]


def longest_quoted_april_passage():
    quoted = {article_id: "\n".join(find_quotations(texts()[article_id])) for article_id in (LATIN_TIMES_APRIL, NEWSMAX)}
    return shared_passages(quoted[LATIN_TIMES_APRIL], quoted[NEWSMAX], min_words=N)["passage"].iloc[0]


def journal_figures_kept(same_hedge=True):
    """For each April article, how many of the Journal's figures it repeats with the same value (and hedge)."""
    claims, upstream = load_table("claims"), load_table("upstream")
    journal = upstream[upstream["source"] == "The Wall Street Journal"]
    kept = {}
    for article_id in (LATIN_TIMES_APRIL, NEWSMAX):
        rows = claims[claims["article_id"] == article_id]
        pairs = journal.merge(rows, on="quantity", suffixes=("_journal", "_article"))
        same = pairs["value_journal"] == pairs["value_article"]
        if same_hedge:
            same &= pairs["hedge_journal"] == pairs["hedge_article"]
        kept[article_id] = int(pairs.loc[same, "upstream_id"].nunique())
    return kept


def quantities_only_in(article_id=NEWSMAX, other=LATIN_TIMES_APRIL):
    claims = load_table("claims")
    claims = claims[~claims["quantity"].isin(KINDS)]
    quantities = claims.groupby("article_id")["quantity"].agg(set)
    return sorted(quantities[article_id] - quantities[other])


EXERCISES = [
    Exercise(
        id="timeline-1", chapter="timeline", minutes=5, kind=Date(), key=newsmax_monday,
        hint="Find the weekday of the publication day with `.day_name()` or `.weekday()` (Monday is 0), and go back that many days.",
        mistakes=(
            Mistake(following_monday, "That Monday comes after the article was published: a news report tells of the past, so count backwards. Go back to the Monday before."),
            Mistake(lambda: "2025-04-17", "That is the day 001 was published, a Thursday. Go back to the Monday it speaks of."),
        ),
    ),
    Exercise(
        id="timeline-2", chapter="timeline", minutes=10, kind=Items(item="date"), key=earlier_this_week_days,
        hint="Make the list of possible publication days with `pd.date_range`; for each, list the days from that week's Monday up to the day before.",
        mistakes=(
            Mistake(lambda: earlier_this_week_days(latest="2025-04-16"), "That is right only if 000 was published on 16 April; its publication day is not confirmed, so resolve against every possible day. Take the days for each possible publication day together."),
            Mistake(lambda: earlier_this_week_days(include_publication_day=True), "\"Earlier\" this week stops before the day of publication. Leave out the publication day."),
        ),
    ),
    Exercise(
        id="timeline-3", chapter="timeline", minutes=8, writes=("group-by",), kind=Choice(options=event_names), key=lambda: disagreeing_events()[0],
        hint="Group the mentions by `event`; the period they all allow runs from the latest start to the earliest end. When is it empty?",
        mistakes=(Mistake(lambda: [e for e in events_with_different_periods() if e not in disagreeing_events()][0],
                          "The mentions of that event give different periods, but the periods overlap: both can be true. Find the event whose latest start comes after its earliest end."),),
    ),
    Exercise(
        id="timeline-4", chapter="timeline", stated_in=("timeline_closest", "timeline_most_own_words"), minutes=5, kind=Items(options=article_ids), key=most_contained_pair,
        hint="Build the containment matrix with 5-grams, leave out the diagonal (every text contains itself), and find the largest value.",
        mistakes=(Mistake(most_contained_february_pair, "That is the closest pair among the February articles; another pair shares more. Compare every pair of the five articles."),),
    ),
    Exercise(
        id="timeline-5", chapter="timeline", minutes=5, kind=Choice(), key=longest_april_passage,
        hint="Use `shared_passages` on the two texts and read the first row; give its `passage` as a string.",
        mistakes=(Mistake(longest_quoted_april_passage, "Those are Noem's words, inside quotation marks in both articles; a longer passage stands in the reporters' own words. Use `shared_passages` on the whole texts."),),
    ),
    Exercise(
        id="timeline-6", chapter="timeline", stated_in=("timeline_000_outcomes", "timeline_001_outcomes"), minutes=8, writes=("merge",), kind=NumberMap(), key=journal_figures_kept,
        hint="Merge the Journal's rows of `upstream` with each April article's claims on `quantity`, and count the figures whose value and hedge are both the same.",
        mistakes=(Mistake(lambda: journal_figures_kept(same_hedge=False), "You compared the values only; a figure whose hedge changed (\"up to\" dropped, \"more than\" turned into \"some\") was not kept as recorded. Compare the hedges too."),),
    ),
    Exercise(
        id="timeline-7", chapter="timeline", minutes=5, writes=("group-by",), kind=Items(), key=quantities_only_in,
        hint="Leave out the kinds (count, duration, order, date); make the set of quantities of each April article and subtract.",
        mistakes=(Mistake(lambda: quantities_only_in(LATIN_TIMES_APRIL, NEWSMAX), "That is the other direction: what 000 reports and 001 does not. Subtract the sets the other way round."),),
    ),
]
