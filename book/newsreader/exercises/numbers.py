"""Exercises of chapter 2, "The numbers". Every key is computed from data/claims.csv and data/upstream.csv."""
from ..answers import Choice, Items, Number
from ..coded import CodingAgreement
from ..corpus import load_articles
from ..methods.numbers import KINDS, KM_PER_MILE, find_numbers, inside
from ..tables import load_table
from .coding import book_coding, coding_without_hedges
from .exercise import NEWSMAX, Exercise, Mistake

CHAPTER_NUMBER = 2


def claim_table():
    return load_table("claims").set_index("claim_id")


def claim_ids():
    return list(claim_table().index)


def upstream():
    return load_table("upstream").set_index("upstream_id")


def missed_by_pattern(article_id=NEWSMAX):
    text = load_articles().set_index("id").loc[article_id, "text"]
    matches = [match.span() for match in find_numbers(text)]
    rows = claim_table()
    missed = []
    for claim_id, row in rows[rows["article_id"] == article_id].iterrows():
        start = text.find(row["span"])
        if not any(inside(m_start, m_end, [(start, start + len(row["span"]))]) for m_start, m_end in matches):
            missed.append(claim_id)
    return missed


def claim(quantity, article_id, column="value"):
    rows = claim_table()
    return rows.loc[(rows["quantity"] == quantity) & (rows["article_id"] == article_id), column].iloc[0]


def newsmax_distance_km(per_mile=KM_PER_MILE):
    return claim("distance", NEWSMAX) * per_mile


def payment_interval_width():
    rows = claim_table()
    payment = rows.loc["000-08"]
    return payment["high"] - payment["low"]


def population_outlier():
    """The population claim whose interval overlaps no other article's."""
    population = claim_table()[lambda rows: rows["quantity"] == "population"].reset_index()
    highs = population["high"].fillna(float("inf"))
    for index, row in population.iterrows():
        others = population["article_id"] != row["article_id"]
        if ((row["low"] > highs[others]) | (highs[index] < population.loc[others, "low"])).all():
            return row["claim_id"]
    return None


def april_occupancy(capacity_quantity="capacity"):
    return claim("population", NEWSMAX) / claim(capacity_quantity, NEWSMAX)


def menafn_factor(start="menafn-start"):
    figures = upstream()["value"]
    return figures["menafn-planned"] / figures[start]


def cost_per_person(payment="low", people="high", days=365, people_claim="000-09"):
    """000's payment per person per day, from one end of each interval (by default the lowest cost they allow)."""
    rows = claim_table()
    return rows.loc["000-08", payment] / rows.loc[people_claim, people] / days


def other_outlet_claims(types=("other outlet",)):
    rows = claim_table()
    return list(rows.index[rows["attribution_type"].isin(types)])


def largest_in_the_world(scopes=("the world, by size",)):
    """The claims that rank the prison in one of ``scopes``."""
    rows = claim_table()
    return sorted(rows.index[(rows["quantity"] == "rank") & rows["scope"].isin(scopes)])


def world_scopes():
    rows = claim_table()
    return tuple(sorted({s for s in rows.loc[rows["quantity"] == "rank", "scope"] if s.startswith("the world")}))


def size_scopes():
    rows = claim_table()
    return tuple(sorted({s for s in rows.loc[rows["quantity"] == "rank", "scope"] if s.endswith("by size")}))


def anonymous_claims(column="traced_type"):
    rows = claim_table()
    return list(rows.index[rows[column] == "anonymous source"])


def plan_claims_named_or_anonymous():
    rows = claim_table()
    return list(rows.index[(rows["traced_type"] == "anonymous source")
                           | ((rows["attribution_type"] == "named person") & (rows["quantity"] == "capacity change"))])


def worded_differently(generic=KINDS):
    rows = claim_table()
    rows = rows[~rows["quantity"].isin(generic)]
    by_quantity = rows.groupby("quantity").agg(articles=("article_id", "nunique"), scopes=("scope", "nunique"))
    return sorted(by_quantity.index[(by_quantity["articles"] > 1) & (by_quantity["scopes"] > 1)])


EXERCISES = [
    Exercise(
        id="numbers-1", chapter="numbers", minutes=6, kind=Items(), key=missed_by_pattern,
        hint="For each hand-coded span of 001, find where it starts in the text and ask whether any match of NUMBER lies inside it.",
        mistakes=(Mistake(lambda: missed_by_pattern()[:1], "Some are still missing: look for words that stand for numbers without being number words."),),
    ),
    Exercise(
        id="numbers-2", chapter="numbers", minutes=3, kind=Number(decimals=2), key=newsmax_distance_km,
        hint="One mile is KM_PER_MILE kilometres: multiply.",
        mistakes=(Mistake(lambda: newsmax_distance_km(1 / KM_PER_MILE), "You divided: a mile is longer than a kilometre, so the number of kilometres is larger. Multiply by KM_PER_MILE."),
                  Mistake(lambda: newsmax_distance_km(1.61), "That uses a rounded factor (1.61), which moves the second decimal place. Multiply by KM_PER_MILE, the exact factor the chapter gives.")),
    ),
    Exercise(
        id="numbers-3", chapter="numbers", minutes=4, kind=Number(decimals=0), key=payment_interval_width,
        hint="\"Approximately\" puts the low end 10 % below the value and the high end 10 % above it; the width is the high end minus the low end.",
        mistakes=(Mistake(lambda: payment_interval_width() / 2, "That is the distance from the value to one end of the interval; the width spans both sides. Subtract `low` from `high`."),
                  Mistake(lambda: payment_interval_width() / 1e6, "That is the width in millions of dollars; the question asks for it in dollars. Write the amount as the whole figure (6 million is 6_000_000) before you take 10 %.")),
    ),
    Exercise(
        id="numbers-4", chapter="numbers", minutes=10, writes=("filter",), kind=Choice(options=claim_ids), key=population_outlier,
        hint="Keep the population rows of `shared`; for each row, call `overlap` with every row of another article. Two intervals overlap when each one starts before the other ends; an open interval (no `high`) never ends.",
        mistakes=(Mistake(lambda: claim_table().index[(claim_table()["quantity"] == "population") & (claim_table()["article_id"] == NEWSMAX)][0], "001's population interval overlaps 000's: they give the same figure with the same hedge. Compare each row's interval with those of all the other articles."),),
    ),
    Exercise(
        id="numbers-5", chapter="numbers", minutes=7, writes=("group-by",), kind=Items(), key=worded_differently,
        hint="Leave out the kinds (count, duration, order, date); group the rest by `quantity`, and count articles and distinct scopes.",
        mistakes=(
            Mistake(lambda: worded_differently(generic=()), "Some of these are kinds, not one quantity: a count of watchtowers and a count of implications are not the same thing. Leave out the kinds before you group."),
        ),
    ),
    Exercise(
        id="numbers-6", chapter="numbers", minutes=6, writes=("filter",), kind=Items(options=claim_ids), key=largest_in_the_world,
        hint="Keep the rows of `claims` whose `quantity` is \"rank\"; `.str.split(\", \", expand=True)` on their `scope` gives the region (column 0) and the criterion (column 1). Keep the rows whose region is \"the world\" and whose criterion is \"by size\"; take their `claim_id`.",
        mistakes=(
            Mistake(lambda: largest_in_the_world(world_scopes()), "Some of these rank the prison in the world, but not by size: \"most secure\" and \"worst\" are other claims. Keep only the criterion \"by size\" as well."),
            Mistake(lambda: largest_in_the_world(size_scopes()), "Some of these rank the prison by size, but in a smaller region than the world. Keep only the region \"the world\" as well."),
        ),
    ),
    Exercise(
        id="numbers-7", chapter="numbers", minutes=4, writes=("filter",), kind=Number(decimals=2), key=april_occupancy,
        hint="Keep 001's rows of `claims` and index them by `quantity`; occupancy is the `value` of population divided by that of capacity.",
        mistakes=(
            Mistake(lambda: 1 / april_occupancy(), "You divided capacity by population: occupancy is population divided by capacity. Divide the other way round."),
            Mistake(lambda: april_occupancy("planned capacity"), "That uses the planned capacity; the occupancy today uses the capacity the prison has. Use the row whose quantity is `capacity`."),
            Mistake(lambda: 100 * april_occupancy(), "Give the occupancy as a fraction between 0 and 1, not as a percentage."),
        ),
    ),
    Exercise(
        id="numbers-8", chapter="numbers", minutes=4, kind=Number(decimals=2), key=menafn_factor,
        hint="`upstream.set_index(\"upstream_id\")[\"value\"]` gives each figure by its id: divide the end figure (`menafn-planned`) by the start figure (`menafn-start`).",
        mistakes=(Mistake(lambda: menafn_factor("reference-capacity"), "That is the factor from the real capacity; the question asks what the wire story's own sentence implies. Use the wire story's start figure."),
                  Mistake(lambda: 1 / menafn_factor(), "You divided the start figure by the end figure: the factor of growth is the end figure divided by the start figure. Divide the other way round.")),
    ),
    Exercise(
        id="numbers-9", chapter="numbers", minutes=5, kind=Number(decimals=0), key=cost_per_person,
        hint="Take `low` of the payment `000-08` and `high` of the people transferred `000-09`; divide, then divide by the days in a year.",
        mistakes=(
            Mistake(lambda: cost_per_person("value", "value"), "That is the cost at the values as written; the question asks for the lowest cost the two hedges allow. Divide the low end of the payment by the high end of the number of people."),
            Mistake(lambda: cost_per_person("high", "low"), "That is the highest cost the hedges allow: the largest payment for the fewest people. Divide the smallest payment (`low`) by the most people (`high`) instead."),
            Mistake(lambda: cost_per_person(days=1), "That is per person per year; the question asks per day. Divide by the days of the year too."),
            Mistake(lambda: cost_per_person(people_claim="000-06"), "You divided by the whole prison population; the payment concerns the people the U.S. transferred. Divide by the number transferred (`000-09`)."),
        ),
    ),
    Exercise(
        id="numbers-10", chapter="numbers", minutes=4, writes=("filter",), kind=Items(), key=other_outlet_claims,
        hint="Filter the claims on `attribution_type`.",
        mistakes=(Mistake(lambda: other_outlet_claims(("other outlet", "named person")), "Some of these are attributed to a named person, not to an outlet. Keep only the `attribution_type` \"other outlet\"."),),
    ),
    Exercise(
        id="numbers-11", chapter="numbers", minutes=6, writes=("filter",), kind=Items(), key=anonymous_claims,
        hint="The table codes no claim's `attribution_type` as an unnamed source: where a sentence cites one, it cites it through an outlet. Follow `traced_to` and `traced_type`.",
        mistakes=(
            Mistake(lambda: anonymous_claims("attribution_type"), "An empty list. If you compared with a value, check its spelling and case against the column's values (print them with .unique()). If you kept the attribution's type: the table gives these numbers to the outlet through which the sentences cite unnamed people, and records the people in `traced_to`. Follow the chain one step further."),
            Mistake(plan_claims_named_or_anonymous, "One of these is a named person speaking on the record (Noem), not an anonymous source. Leave out the claims a named person makes on the record."),
        ),
    ),
    Exercise(
        # a novice's measured 30 minutes, less the reading of the whole codebook they included (1,531 words): the
        # prompt now names the parts to read
        id="numbers-coding", chapter="numbers", minutes=20, kind=CodingAgreement("numbers-coding"),
        reads=(("claims.md", "quantity"), ("claims.md", "hedge"), ("claims.md", "Hedges as intervals"), ("claims.md", "Examples")),
        key=lambda: book_coding("numbers-coding"),
        hint="Start from coding_sheet(\"numbers-coding\"). For each span pick the quantity and the hedge word from the codebook's lists, then turn the hedge into low and high by the convention \"Hedges as intervals\"; write none in high when there is no upper bound.",
        mistakes=(Mistake(coding_without_hedges, "Every interval you gave is the number itself: a hedge such as \"roughly\", \"more than\" or \"hundreds of\" widens it (codebook, \"Hedges as intervals\"). Read the hedge of each span and turn it into an interval by that convention."),),
    ),
]
