"""Read the quantities of a news text for ``propose``: numbers in digits and in words, money, shares, ranges, times
of day, dates, ages and ordinals, each with the hedge before it, the unit after it, and its kind.

One pass of one pattern (``QUANTITY``) finds every expression, the longest form first at each place (a range before
its first number, "November 4, 2020" before its day), so the cost grows with the length of the text. What the pattern
cannot tell apart (a phone number, a number that is part of a name, an age after a name) is left out by the small
tests below. Every value is a proposal for a student to check (data/codebooks/claims.md).
"""
import re

from ..methods.numbers import APPROXIMATE, LOWER_BOUND, VAGUE_RANGES
from .extract import containing_span

SPACE = r"[ \u00a0\u202f\u2009]"  # a space, a no-break space, a narrow no-break space or a thin space
SEPARATOR = r"[,\u00a0\u202f\u2009]"  # thousands separators; a plain space is not one ("March 3 100 people")
UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
               "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9,
          "mln": 1e6, "bln": 1e9}  # "mln" and "bln" as wires write them
FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4}
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6,
         "billions": 2e9}  # "at least two of them"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
         r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")

WORD = r"(?i:" + "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True)) + r")"
WORD_NUMBER = rf"(?:\b{WORD}(?:-{WORD})?(?:{SPACE}(?i:hundred|thousand|million|billion|trillion|dozen|mln|bln))*\b)"
DIGITS = rf"(?:\d{{1,3}}(?:{SEPARATOR}\d{{3}})+(?:\.\d+)?|\d+(?:,\d{{1,2}}(?={SPACE}(?:million|billion|trillion)))?(?:\.\d+)?)"
SCALE = rf"(?:{SPACE}|-)?(?i:hundred|thousand|million|billion|trillion|bn|mln|bln)\b"
NUMBER = rf"(?:{DIGITS}(?:{SCALE})?|{WORD_NUMBER})"
CURRENCY = r"(?:US\$|\$|€|£)"
PERCENT = rf"(?:{SPACE}?%|{SPACE}(?i:percent|per cent|pct|percentage points?)\b)"
FISCAL_YEAR = r"(?:1[89]|20)\d\d[-–/]\d\d\b"
COMPOUND_UNITS = ("year|month|week|day|hour|minute|second|mile|foot|feet|meter|metre|kilometer|kilometre|acre|story|"
                  "storey|floor|level|point|bed|room|member|page|seat|person|lane|tier|inch|pound|ton|tonne|gallon|term")
TO = rf"(?:{SPACE}?[-–]{SPACE}?|-to-|{SPACE}to{SPACE})"
YEAR_NUMBER = r"(?:1[89]|20)\d\d"
TIME_UNIT = r"(?:day|week|month|year|hour|minute|decade)"
MEASURE_UNIT = rf"(?:{TIME_UNIT}|century|foot|mile|inch|meter|metre|kilometer|kilometre|yard|ton|tonne|gallon)"

QUANTITY = re.compile(rf"""(?x)
  (?P<phone>(?<![\w$])\(?\d{{3}}\)?[ .-]\d{{3}}[.-]\d{{4}}\b)
| (?P<time>(?<![\w.:])\d{{1,2}}(?:[:.]\d{{2}})?{SPACE}?[ap]\.?m\.?(?!\w))
| (?P<date>\b{MONTH}{SPACE}\d{{1,2}}(?:,{SPACE}\d{{4}})?\b|\b{MONTH}{SPACE}\d{{4}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b
    | \b{MONTH}{SPACE}the{SPACE}\d{{1,2}}(?:st|nd|rd|th)\b)
| (?P<years>\bfrom{SPACE}{YEAR_NUMBER}{SPACE}(?:to|until|through){SPACE}{YEAR_NUMBER}\b)
| (?P<numbered>\b(?:the{SPACE})?No\.{SPACE}\d+\b)
| (?P<durations>(?<![\w.,]){NUMBER}{SPACE}{TIME_UNIT}s?{SPACE}to{SPACE}(?:an?|{NUMBER}){SPACE}{TIME_UNIT}s?\b)
| (?P<alternatives>\ban?{SPACE}{TIME_UNIT}{SPACE}or{SPACE}{WORD}\b|\b{WORD}{SPACE}or{SPACE}{WORD}\b(?={SPACE}[a-z]))
| (?P<period>\bbetween{SPACE}{FISCAL_YEAR}{SPACE}and{SPACE}{FISCAL_YEAR}|{FISCAL_YEAR}(?!\d))
| (?P<mixed>(?<![\w.,/])\d+-\d{{1,2}}/\d{{1,2}}\b(?!/))
| (?P<range>\bbetween{SPACE}{CURRENCY}?{NUMBER}{SPACE}and{SPACE}{CURRENCY}?{NUMBER}
    | \branged{SPACE}from{SPACE}{CURRENCY}?{NUMBER}(?:{PERCENT})?{SPACE}to{SPACE}{CURRENCY}?{NUMBER}
    | (?<!from{SPACE})(?<![\w.,$]){CURRENCY}?{DIGITS}(?:{SCALE}|{PERCENT})?{TO}{CURRENCY}?{DIGITS}(?:{SCALE})?(?![\w.,]*\d)(?!-(?:year-)?old)
    | (?<!from{SPACE}){WORD_NUMBER}{SPACE}to{SPACE}{WORD_NUMBER})
| (?P<decade>\b(?:the{SPACE})?(?:1[89]|20)\d0s\b)
| (?P<age>(?<![\w.,])(?:\d{{1,3}}|{WORD_NUMBER})-year-old\b)
| (?P<compound>(?<![\w.,])(?:\d+|{WORD_NUMBER}|\ba)-(?:{COMPOUND_UNITS})s?\b(?!-old)
    | \b(?:year|month|week|day)-long\b
    | \ban?{SPACE}(?:year|month|week|day|hour|minute|decade)(?={SPACE}(?:later|earlier|ago|before|after)\b))
| (?P<factor>\b(?i:double[ds]?|doubling|twice|triple[ds]?|tripling|quadruple[ds]?|quadrupling)\b)
| (?P<fraction>\b(?i:half{SPACE}a{SPACE}(?:million|billion|dozen)|(?:{WORD}|a)[ -](?:thirds?|quarters?)|half(?!-)
    |(?:{WORD}|\d+)[ -]and[ -]a[ -]half))\b
| (?P<ordinal>\b(?:\d+(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))\b)
| (?P<vague>\b(?i:tens{SPACE}of{SPACE}thousands|dozens|hundreds|thousands|millions|billions|scores(?={SPACE}of\b))\b)
| (?P<number>{CURRENCY}?(?<![\w.,]){NUMBER}(?:{SPACE}?°[CF])?|\b(?i:a){SPACE}(?:dozen|hundred|thousand|million|billion)\b
    | \b(?i:an?)(?={SPACE}{MEASURE_UNIT}\b))
""")

# Hedge words as written, and the codebook's hedge each stands for (data/codebooks/claims.md).
HEDGE_BEFORE = {"about": "about", "around": "about", "roughly": "roughly", "approximately": "approximately",
                "some": "some", "nearly": "about", "almost": "about", "close to": "about", "an estimated": "about",
                "estimated": "about", "up to": "up to", "as many as": "up to", "as much as": "up to",
                "less than": "up to", "fewer than": "up to", "under": "up to", "more than": "more than",
                "over": "more than", "at least": "more than", "upwards of": "more than", "passed": "more than",
                "tens of": "tens of thousands"}
HEDGE = re.compile(rf"(?i)\b(?:(?:slightly|just|well){SPACE})?(" + "|".join(
    sorted(HEDGE_BEFORE, key=len, reverse=True)).replace(" ", SPACE) + rf"){SPACE}+(?:a{SPACE})?$")
LENGTH_UNITS = {"metres", "meters", "metre", "meter", "kilometres", "kilometers", "km", "miles", "mile", "feet", "foot",
                "centimetres", "centimeters", "inches", "inch", "yards", "acres", "acre", "hectares", "ft", "cm", "mm",
                "in."}
# A speed is a count of its unit ("23 mph"), as the evaluation set codes it; a unit of several words is read whole.
SPEED_AFTER = re.compile(rf"{SPACE}?(?i:(km/h|miles per hour|kilomet(?:re|er)s per hour))")
TIME_UNITS = {"years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes",
              "minute", "seconds", "decades", "centuries"}
# Words that end the noun phrase after a number: function words, verbs, and adjectives that follow a count.
STOPWORDS = set("""of the a an and or to in on at for by from with than each per is was were are be been had has have
it that this these those before after as but who which whom whose into onto over under while when where if
will would could can may might shall should did do does said says say not no so just also only still even again dead
injured wounded killed missing alive hurt old away ago later earlier total overall apiece last next since until
during about around between because through across among up down out off then there here their his her its our
your my we they he she you i them us without within lie lies remain remains stay stays came went got took left late
dry early east west north south northeast northwest southeast southwest new what how why""".split())


def quantities(text: str) -> list[dict]:
    """Every quantity of ``text`` in reading order: start, end, value, unit, quantity (its kind), hedge, low, high."""
    rows = []
    for match in expressions(text):
        kind = match.lastgroup
        if kind == "phone" or part_of_a_name(text, match):
            continue
        row = read_age_after_a_name(match) if an_age_after_a_name(text, match) else READERS[kind](match, text)
        if row is not None:
            rows.append(with_hedge({**row, "number_end": match.end()}, text))
    rows = carry_units(rows)
    for row in rows:
        row["scope"] = scope_of(text, row) if row["quantity"] == "count" else ""
    return rows


YEAR = re.compile(r"(?:1[89]|20)\d\d")
AFTER_A_YEAR_COUNT = re.compile(rf"{PERCENT}|{SPACE}[a-z]+s\b")  # "2015 percent", "2000 people": not a year
PERCENT_AFTER = re.compile(PERCENT)
PAST = re.compile(r"(?<!hundr)ed$")
TOKEN = re.compile(r"[A-Za-z][\w’'-]*|[^\sA-Za-z]")
WORD_START = re.compile(r"(?<![\w$€£])(?:\(|[\w$€£]\w*)")  # a word, a sign or a bracket where an expression may begin
STARTERS = {*UNITS_WORDS, *TENS_WORDS, *SCALES, *ORDINALS, *VAGUE, "a", "an", "the", "between", "ranged", "half",
            "from", "no",
            "tens", "double", "doubled", "doubles", "doubling", "twice", "triple", "tripled", "triples", "tripling",
            "quadruple", "quadrupled", "quadruples", "quadrupling", "year", "month", "week", "day", "sept", "us",
            *(month.lower() for month in MONTHS), *(month[:3].lower() for month in MONTHS)}


def expressions(text: str):
    """The matches of QUANTITY in ``text``, as ``finditer`` gives them, tried only where a word that can begin one
    does (a digit, a sign, a number word, a month, "between", ...), which is several times faster on a long text."""
    end, match = 0, QUANTITY.match
    for start in WORD_START.finditer(text):
        word = start.group()
        if start.start() >= end and (not word[0].isalpha() or word.lower() in STARTERS):
            found = match(text, start.start())
            if found:
                end = found.end()
                yield found


# One reader per kind of expression --------------------------------------------------------------------------------

def read_time(match, text) -> dict:
    clock = re.match(r"(\d{1,2})(?:[:.](\d{2}))?", match.group())  # "10:41am", "8.55am"
    hours, minutes = int(clock.group(1)) % 12, int(clock.group(2) or 0)
    hours += 12 if "p" in match.group().lower() else 0
    return row_of(match, round(hours + minutes / 60, 4), "time of day", "time")


def read_date(match, text) -> dict:
    day_or_year = re.findall(r"\d+", match.group())[0]
    return row_of(match, float(day_or_year), "date", "date")


def read_range(match, text) -> dict | None:
    """A range written out ("26-28 percent", "between 5 and 10"), its ends in order; two numbers whose second is the
    smaller are no range (a score, "won 10-7"), and are left out."""
    first, second = [value_of(number.group()) for number in re.finditer(NUMBER, match.group())][:2]
    scale = next((SCALES[word] for word in SCALES if match.group().endswith(word)), 1)
    if scale > 1 and first * scale <= second:  # "$5-$10 million": the scale is written once, for both
        first = tidy(first * scale)
    if first > second:
        return None
    percent = re.match(PERCENT, text[match.end():])
    if percent or re.search(PERCENT, match.group()):
        end = match.end() + (percent.end() if percent else 0)
        unit, quantity = "percent", "share"
    elif re.match(CURRENCY, match.group()):
        unit, quantity, end = CURRENCIES[re.match(CURRENCY, match.group()).group()], "money", match.end()
    else:
        unit, quantity, end = unit_after(text, match.end())
    return {**row_of(match, first, unit, quantity, end=end), "hedge": "range", "low": first, "high": second}


def read_period(match, text) -> dict:
    """A fiscal or school year ("2011-12"), or a period of them ("between 2011-12 and 2017-18"): its first year."""
    years = [int(year) for year in re.findall(r"\d{4}", match.group())]
    return {**row_of(match, float(years[0]), "year", "year"), "hedge": "range", "low": float(years[0]),
            "high": float(years[-1] + 1)}


def read_years(match, text) -> dict:
    """A period written from one year to another ("from 1965 to 1970"): its first year, both ends."""
    first, last = (float(year) for year in re.findall(r"\d{4}", match.group()))
    return {**row_of(match, first, "year", "year"), "hedge": "range", "low": first, "high": last}


def read_numbered(match, text) -> dict:
    """"the No. 2 Republican": a place in an order, written with a number sign."""
    return row_of(match, float(re.search(r"\d+", match.group()).group()), "order", "order")


MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43830, "year": 525960, "decade": 5259600}


def read_durations(match, text) -> dict:
    """"30 minutes to an hour": a range of durations, both ends in the first one's unit (30 to 60 minutes)."""
    first, first_unit, _, second, second_unit = match.group().split()[:5]
    units = [MINUTES[unit.lower().rstrip("s")] for unit in (first_unit, second_unit)]
    low = value_of(first)
    high = tidy((1.0 if second.lower() in ("a", "an") else value_of(second)) * units[1] / units[0])
    unit = first_unit if first_unit.endswith("s") else first_unit + "s"
    return {**row_of(match, low, unit, "duration"), "hedge": "range", "low": low, "high": max(low, high)}


def read_alternatives(match, text) -> dict:
    """"a month or two", "two or three days": a range from the first to the second, with the unit after them."""
    first, _, second = match.group().lower().partition(" or ")
    unit = first.split()[-1] + "s" if first.split()[0] in ("a", "an") else ""
    low, high = (1.0 if unit else value_of(first)), value_of(second)
    if unit:
        quantity, end = kind_of_unit(unit), match.end()
    else:
        unit, quantity, end = unit_after(text, match.end())
    return {**row_of(match, low, unit, quantity, end=end), "hedge": "range", "low": low, "high": max(low, high)}


def read_mixed(match, text) -> dict:
    """A whole number and a fraction, as wires write rates ("10-7/8 pct" is 10.875 percent)."""
    whole, numerator, denominator = map(int, re.findall(r"\d+", match.group()))
    return read_number_row(match, text, value=tidy(whole + numerator / denominator) if denominator else float(whole))


def read_decade(match, text) -> dict:
    year = float(re.search(r"\d{4}", match.group()).group())
    return {**row_of(match, year, "year", "year"), "hedge": "range", "low": year, "high": year + 9}


def read_age_after_a_name(match) -> dict:
    return row_of(match, float(match.group()), "years", "age")


def read_age(match, text) -> dict:
    return row_of(match, value_of(match.group().split("-year")[0]), "years", "age")


def read_compound(match, text) -> dict:
    """"30-day", "four-level", "year-long", "a year later": the value with the unit after the hyphen."""
    written = match.group().replace("-long", "")
    number, _, unit = written.rpartition("-") if "-" in written else written.rpartition(" ")
    unit = {"feet": "foot"}.get(unit, unit)
    plural = unit if unit.endswith("s") else unit + "s"
    return row_of(match, value_of(number) or 1.0, plural, kind_of_unit(plural))


FACTOR_AFTER = re.compile(r"\s+(?:the|its|their|his|her|our|that|this|what|in|again|by|over)\b|[\s,.;:]*$")
FACTOR_BEFORE = re.compile(r"\b(?:to|will|would|could|can|may|might|should|must|did|does|do|nearly|almost|than)\s$")


def read_factor(match, text) -> dict | None:
    """"double", "twice", "tripled": a factor, in times. "double" and "triple" as adjectives ("a double dip", a
    "double-dip recession") count nothing: the bare word is a factor only as a verb, after "to", a modal or "nearly",
    or before what it multiplies ("double the capacity", "double its size") or the end of the clause."""
    word = match.group().lower()
    if word in ("double", "triple", "quadruple") and not (
            FACTOR_BEFORE.search(text, max(0, match.start() - 12), match.start())
            or FACTOR_AFTER.match(text[match.end():match.end() + 12])):
        return None
    return row_of(match, 3.0 if word.startswith("tripl") else 4.0 if word.startswith("quadrupl") else 2.0, "times",
                  "factor")


CHANGE_BEFORE_BY = re.compile(r"\b(?:cut|\w+ed|\w+s|fell|rose|grew|shrank|slashed|halved|reduce|increase|"
                              r"decrease|grow|shrink|fall|rise|drop|lower|raise)\s+by\s$")


def read_fraction(match, text) -> dict | None:
    written = match.group().lower().replace("-", " ").split()
    if written[:2] == ["half", "a"]:
        return read_number_row(match, text, value=0.5 * SCALES.get(written[2], 12))
    if written[-3:] == ["and", "a", "half"]:  # "two-and-a-half months"
        return read_number_row(match, text, value=value_of(written[0]) + 0.5)
    if written == ["half"]:
        by_half = text[max(0, match.start() - 4):match.start()].lower() == " by "
        if by_half and not CHANGE_BEFORE_BY.search(text, max(0, match.start() - 30), match.start()):
            return None  # "too clever by half", "cute by half": an idiom; "cut by half" is a share
        return row_of(match, 0.5, "share", "share")
    count = 1 if written[0] == "a" else UNITS_WORDS.get(written[0], 1)
    return row_of(match, round(count * FRACTIONS[written[-1]], 4), "share", "share")


ORDINAL_BEFORE = re.compile(r"(?:\b(?:the|a|its|his|her|their|our)|['’]s)\s$", re.I)
PLACED = re.compile(r"\b(?:was|is|are|were|be|been|came|come|finished|placed|ranked|ranks)\s$", re.I)
PLACE_AFTER = re.compile(r"\s+(?:in|on|among|to|place|behind|after|out)\b|[,.;:]")  # "was second in line"


def read_ordinal(match, text) -> dict | None:
    """"the first step", "the 32nd floor", "the fourth quarter" (a date), "I was second in line": an order, only after
    a determiner, a possessive or a verb that places ("was", "finished"), so not "First, ...", and not a title ("the
    first lady"); "the state's third-largest daily" ranks, with the ordinal as its value."""
    before = text[max(0, match.start() - 12):match.start()]
    if not ORDINAL_BEFORE.search(before) and not (PLACED.search(before) and PLACE_AFTER.match(text, match.end())):
        return None  # "First, ...", "it was first built"
    if re.match(r"\s+(?:lady|responders?|amendment)\b", text[match.end():match.end() + 16], re.I):
        return None
    written = re.sub(r"\D", "", match.group()) or str(ORDINALS[match.group().lower()])
    superlative = re.match(r"-(?:\w+est|most|least)\b", text[match.end():match.end() + 20])
    if superlative:
        return row_of(match, float(written), "rank", "rank", end=match.end() + superlative.end())
    if before.lower().endswith("one of the "):  # "one of the first to call"
        return {**row_of(match, float(written), "order", "order"), "hedge": "one of", "low": float(written),
                "high": ""}
    unit, _, end = unit_after(text, match.end())
    if unit.lower() in ("quarter", "quarters"):
        return row_of(match, float(written), "quarter", "date", end=end)
    return row_of(match, float(written), unit or "order", "order", end=end)


def read_vague(match, text) -> dict:
    written = match.group().lower()
    if written.startswith("tens"):
        low, high = VAGUE_RANGES["tens of thousands"]
        return {**read_number_row(match, text, value=low), "hedge": "tens of thousands", "low": low, "high": high}
    if written == "hundreds":
        low, high = VAGUE_RANGES["hundreds of"]
        return {**read_number_row(match, text, value=low), "hedge": "hundreds of", "low": low, "high": high}
    return {**read_number_row(match, text, value=VAGUE[written]), "hedge": "more than"}


# "one" as a pronoun or in an idiom counts nothing: "no one", "the one we", "a necessary one", "I for one", "one of",
# "one another", "one witness said", "an issue, one where"; nor does a number that labels a thing ("band one").
ONE_BEFORE = re.compile(r"(?:\b(?:no|every|any|each|which|this|that|the|for|someone)|\ban?\s\w+)\s$", re.I)
ONE_AFTER = re.compile(r"\s+(?:of|another|who|whom|that|which|where|when|I|we|you|he|she|they|\w+\s+(?:said|says|told))\b"
                       r"|[,.;:!?”\"’)]")
LABEL_BEFORE = re.compile(r"\b(?:band|phase|stage|level|tier|round|step|part|chapter|class|category|zone|section|"
                          r"division|grade|type|number|title|day|gate|terminal)\s$", re.I)


def read_number(match, text) -> dict | None:
    written, before = match.group(), text[max(0, match.start() - 16):match.start()]
    if re.fullmatch(r"(?i)one", written) and (ONE_BEFORE.search(before) or ONE_AFTER.match(text, match.end())):
        return None
    if re.fullmatch(r"(?i)[a-z]+", written) and LABEL_BEFORE.search(before):
        return None
    if re.fullmatch(r"(?i)an?", written):  # "a foot", "a month": a quantity only after a hedge ("up to a foot")
        return read_number_row(match, text, value=1.0) if HEDGE.search(text[max(0, match.start() - 24):match.start()]) \
            else None
    return read_number_row(match, text, value=value_of(written))


def read_number_row(match, text, value: float) -> dict:
    written = match.group()
    if re.match(CURRENCY, written):
        return row_of(match, value, CURRENCIES[re.match(CURRENCY, written).group()], "money")
    if "°" in written:
        return row_of(match, value, "degrees Celsius" if written.endswith("C") else "degrees Fahrenheit",
                      "temperature")
    if YEAR.fullmatch(written) and not AFTER_A_YEAR_COUNT.match(text, match.end(), match.end() + 12):
        return row_of(match, value, "year", "year")
    percent = PERCENT_AFTER.match(text, match.end(), match.end() + 24)
    if percent:
        return row_of(match, value, "percent", "share", end=percent.end())
    money = CURRENCY_AFTER.match(text, match.end(), match.end() + 24)
    if money:  # "120 mln dlrs", "437 mln stg": a currency written as a word
        return row_of(match, value, CURRENCY_WORDS[money.group(1).lower()], "money", end=money.end())
    plus = 5 if text.startswith("-plus", match.end()) else 0  # "80-plus acres"
    unit, quantity, end = unit_after(text, match.end() + plus)
    row = row_of(match, value, unit, quantity, end=end)
    return {**row, "hedge": "more than"} if plus else row


CURRENCIES = {"$": "US dollars", "US$": "US dollars", "€": "euros", "£": "pounds"}
CURRENCY_WORDS = {"dollars": "US dollars", "dollar": "US dollars", "dlrs": "US dollars", "dlr": "US dollars",
                  "euros": "euros", "euro": "euros", "stg": "pounds sterling", "sterling": "pounds sterling",
                  "yen": "yen"}
CURRENCY_AFTER = re.compile(rf"{SPACE}({'|'.join(CURRENCY_WORDS)})\b", re.I)
READERS = {"time": read_time, "date": read_date, "years": read_years, "numbered": read_numbered,
           "durations": read_durations, "alternatives": read_alternatives, "period": read_period, "mixed": read_mixed, "range": read_range,
           "decade": read_decade, "age": read_age, "compound": read_compound, "factor": read_factor,
           "fraction": read_fraction, "ordinal": read_ordinal, "vague": read_vague, "number": read_number}


def row_of(match, value, unit, quantity, end=None) -> dict:
    return {"start": match.start(), "end": end or match.end(), "number_start": match.start(), "value": value,
            "unit": unit, "quantity": quantity, "hedge": "none", "low": None, "high": None, "note": ""}


# Values, units, hedges --------------------------------------------------------------------------------------------

def value_of(written: str) -> float:
    """The value of a number as written: "3,000" 3000, "9 000" (narrow no-break space) 9000, "1,5 million" 1.5
    million, "$310 million" 310,000,000, "twenty-five" 25, "a million" 1,000,000."""
    joined = re.sub(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3})", "", written)  # "9 000" with a narrow no-break space
    words = re.sub(r"US\$|[$€£]|°[CF]", "", joined).lower().replace("-", " ").split()
    words = [word for part in words for word in re.split(r"[\u00a0\u202f\u2009 ]", part) if word]
    value, total = 0.0, 0.0
    for word in words:
        if re.fullmatch(r"[\d.,]+", word):
            value += digits_value(word)
        elif word in UNITS_WORDS or word in TENS_WORDS:
            value += UNITS_WORDS.get(word, 0) + TENS_WORDS.get(word, 0)
        elif word in SCALES:
            value = (value or 1) * SCALES[word]
            if SCALES[word] >= 1e3:
                total, value = total + value, 0.0
    return tidy(total + value)


def digits_value(word: str) -> float:
    """ "3,000" and "3 000" are 3000; "1,5" (a decimal comma before one or two digits) is 1.5."""
    if re.fullmatch(r"\d+,\d{1,2}", word):
        return float(word.replace(",", "."))
    return float(word.replace(",", ""))


def tidy(value: float) -> float:
    """``value`` without the binary noise of float arithmetic (1.1 * 700000 is 770000.0000000001): rounded to the 15
    significant digits a float always holds exactly, so that a number as long as "20150510012757" is never changed."""
    return float(f"{value:.{SIGNIFICANT}g}")


SIGNIFICANT = 15  # digits of a decimal number that survive a float unchanged


def unit_after(text: str, end: int) -> tuple[str, str, int]:
    """(unit, kind, where the span ends) for a count: the noun phrase after the number ("fewer jobs", "on-duty
    officer", "two of his weapons", "thousands of rounds"); ("", "count", end) when none follows."""
    speed = SPEED_AFTER.match(text, end, end + 24)
    if speed:  # a unit of several words: "700 km/h", "46 miles per hour"
        return speed.group(1), "count", speed.end()
    tokens = list(TOKEN.finditer(text[end:end + 80]))
    words = [token.group() for token in tokens]
    if words[:1] == ["who"]:
        return "people", "count", end  # "All five who died": "who" counts people
    first = 0
    if words[:1] == ["of"]:
        first = 2 if words[1:2] and words[1].lower() in ("the", "his", "her", "their", "its", "our") else 1
    run = []
    for token in tokens[first:first + 5]:
        word = token.group()
        if not word[0].isalpha() or word.lower() in STOPWORDS or (word[0].isupper() and not run
                                                                  and not re.fullmatch(r"[A-Z][a-z]+s", word)):
            break  # a capitalised word ends the phrase unless it is a plural noun ("Republicans", "Jobs")
        run.append(token)
    verb = next((i for i, token in enumerate(run) if i and (PAST.search(token.group()) or token.group().endswith("ing"))),
                len(run))
    run = run[:verb]  # "homes stayed dry", "trips using FSD": a verb or a participle ends the phrase
    while run and (PAST.search(run[-1].group()) or run[-1].group().endswith("ing")):
        run.pop()
    measure = next((i for i, token in enumerate(run) if token.group().lower() in LENGTH_UNITS | TIME_UNITS), None)
    if measure is not None:
        run = run[:measure + 1]  # "an 8-to-10 foot wall": the unit is the measure, not the thing measured
    if not run or run[-1].group().lower() in ("others", "other", "more", "fewer", "less"):
        shared = re.match(rf"{SPACE}to{SPACE}{NUMBER}{SPACE}([a-z][\w’'-]*)", text[end:end + 60])
        if shared and shared.group(1).lower() not in STOPWORDS:  # "from 40,000 to 80,000 inmates"
            return shared.group(1), kind_of_unit(shared.group(1)), end
        return "", "count", end
    unit = run[-1].group()
    if unit.lower() == "dollars":
        unit = "US dollars"
    return unit, kind_of_unit(unit), end + run[-1].end()


def kind_of_unit(unit: str) -> str:
    lowered = unit.lower()
    if lowered.endswith(("dollars", "euros", "pounds")):
        return "money"
    if lowered in LENGTH_UNITS:
        return "length"
    if lowered in TIME_UNITS:
        return "duration"
    if lowered in ("degrees", "degree"):
        return "temperature"
    return "count"


def with_hedge(row: dict, text: str) -> dict:
    """The hedge written before the number ("about", "nearly", "at least", "as many as"), the "-plus" after it, and
    the interval they give (the book's convention; a time of day keeps its value whatever the hedge)."""
    window_start = max(0, row["start"] - 24)
    match = HEDGE.search(text[window_start:row["start"]])
    if match and match.group(1).lower() == "about" and ABOUT_AS_A_PREPOSITION.search(
            text, max(0, window_start + match.start() - 24), window_start + match.start()):
        match = None  # "talking about one area": a preposition, not a hedge
    if match and row["hedge"] == "none":
        row["hedge"], row["start"] = HEDGE_BEFORE[re.sub(r"\s", " ", match.group(1).lower())], window_start + match.start()
    if text[row["end"]:row["end"] + 5] == "-plus" or text[row["end"]:row["end"] + 1] == "+":
        row["hedge"], row["end"] = "more than", row["end"] + (5 if text[row["end"]] == "-" else 1)
    if row["low"] is None and row["value"] != "":
        row["low"], row["high"] = interval(row["value"], row["hedge"], row["quantity"])
    return row


ABOUT_AS_A_PREPOSITION = re.compile(
    r"\b(?:talk\w*|think\w*|thought|know\w*|knew|speak\w*|spoke\w*|ask\w*|worr\w*|car(?:e|ed|es|ing)|learn\w*|"
    r"hear\w*|heard|read\w*|writ\w*|wrote|complain\w*|jok\w*|argu\w*|said|say\w*|tell\w*|told|news|stor(?:y|ies)|"
    r"questions?|concerns?|details?)\s+$", re.I)


def interval(value: float, hedge: str, quantity: str) -> tuple[float, float | str]:
    """The book's convention (data/codebooks/claims.md): "about" is the value ± 10 %, "more than" has no upper
    bound, "up to" and no hedge are the value itself; a time, a date, a year, an order or a rank is itself."""
    if quantity in ("time", "date", "year", "order", "rank"):
        return value, value
    if hedge in APPROXIMATE:
        return tidy(0.9 * value), tidy(1.1 * value)
    if hedge in LOWER_BOUND:
        return value, ""
    return value, value


STATES = {"dead": "dead", "killed": "dead", "died": "dead", "injured": "injured", "wounded": "injured",
          "hurt": "injured", "hospitalized": "in hospital", "hospitalised": "in hospital", "missing": "missing",
          "arrested": "arrested", "detained": "detained", "evacuated": "evacuated", "displaced": "displaced",
          "infected": "infected", "protected": "protected"}
STATE = re.compile(r"(?:[\s,]+(?:[\w’'-]+))??(?:\s+(?:were|was|are|is|have been|had been|been))?\s+(" + "|".join(STATES) + r")\b")


def scope_of(text: str, row: dict) -> str:
    """A proposed scope for a count whose state is written right after it ("58 people dead", "515 hospitalized",
    "527 people were injured"): its unit and that state, so that only figures of the same state are compared; ""
    otherwise (the student writes what a figure covers)."""
    state = STATE.match(text, row["number_end"], row["number_end"] + 40)
    return f"{row['unit']} {STATES[state.group(1)]}" if state and row["unit"] else ""


def carry_units(rows: list[dict]) -> list[dict]:
    """A count with no noun after it ("dropped 20,000", "515 hospitalized") takes the unit of the nearest earlier count
    of the same order of magnitude (within a factor of 100), with a note to check it."""
    for i, row in enumerate(rows):
        if row["quantity"] != "count" or row["unit"] or not row["value"]:
            continue
        for earlier in reversed(rows[:i]):
            if earlier["quantity"] == "count" and earlier["unit"] and earlier["value"] and \
                    1 / 100 <= row["value"] / earlier["value"] <= 100:
                row["unit"], row["note"] = earlier["unit"], "the unit is taken from an earlier figure: check it"
                break
    return rows


# Dates in words and ranks ---------------------------------------------------------------------------------------

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DATE_WORDS = re.compile(
    r"\b(?:(?:early|late|mid-?)\s?)?(?:" + "|".join(WEEKDAYS) + r")(?:\s(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:[Ll]ast|[Nn]ext|[Tt]his) (?:week|weekend|month|year|night|morning|afternoon|evening|summer|winter|spring|"
    r"fall|autumn)\b|\b(?:[Ee]arlier|[Ll]ater) this (?:week|month|year)\b"
    r"|\b(?:[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]omorrow)\b|\b[Ii]n recent (?:days|weeks|months|years)\b"
    r"|\b(?:over|during) the weekend\b|\b[Tt]he (?:coming|following|previous|next) (?:day|week|weekend|month|year)\b"
    r"|\b(?:[Tt]he )?next (?:couple|few)(?: of)? (?:days|weeks|months|years)\b"
    r"|\b(?:(?i:in|since|until|by|from|through|during|early|late|the|last|next|this)\s|(?i:mid)-)(?:" + "|".join(
        month for month in MONTHS) + r")\b(?!\s\d)|\b(?:" + "|".join(month for month in MONTHS if month != "May") +
    r")(?=’s|'s)|\bthe (?:[A-Z][a-z]+-[A-Z][a-z]+) quarter\b")
TITLE_IN_QUOTES = re.compile(r"[\"“](?:[A-Z][\w'’.&-]*[\s,]*){1,6}[\"”]")  # "Fox News Sunday," is a programme
SUPERLATIVE = (r"(?:largest|biggest|worst|best|highest|lowest|longest|tallest|deadliest|smallest|oldest|youngest|"
               r"fastest|strongest|greatest|richest|poorest|costliest|busiest|hottest|coldest|safest|most \w+)")
RANK = re.compile(rf"(?i)\b(?:one of the|the|its|world[’']s) {SUPERLATIVE}\b(?=(?:[^.;]{{0,40}}?)\b(?:in (?:[\w.’']+ ){{0,3}}"
                  rf"(?:history|world|country|nation|Americas|America|region|state)|on record|ever)\b)"
                  rf"|\bworld[’']s {SUPERLATIVE}\b|\ban all-time (?:high|low|record)\b")


def date_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of every date written in words ("on Monday", "last month", "in November", "today"), but not a
    weekday in the name of a programme or a work, a title in quotation marks ("Fox News Sunday")."""
    titles = [match.span() for match in TITLE_IN_QUOTES.finditer(text)]
    return [match.span() for match in DATE_WORDS.finditer(text) if not containing_span(*match.span(), titles)]


def ranks(text: str) -> list[dict]:
    """A superlative that ranks what the story is about, as the codebook codes it: value 1, "one of" as its hedge.
    Only one with the group it ranks in ("the deadliest in U.S. history", "the world's largest", "an all-time high"):
    "the most hiring" ranks nothing."""
    rows = []
    for match in RANK.finditer(text):
        hedge = "one of" if match.group().lower().startswith("one of") else "none"
        rows.append({"start": match.start(), "end": match.end(), "number_start": match.start(), "value": 1.0,
                     "unit": "rank", "quantity": "rank", "hedge": hedge, "low": 1.0, "high": "" if hedge != "none" else 1.0,
                     "note": "a superlative: code it only if it ranks what the story is about", "scope": ""})
    return rows


# What looks like a quantity but is not one ---------------------------------------------------------------------------

def part_of_a_name(text: str, match) -> bool:
    """A number glued to letters ("MS-13", "COVID-19"), after a capitalised word that is not a sentence's first word,
    a month or a preposition ("Route 91", "Flight 370", "Boeing 737"), or an ordinal before a capitalised word
    ("2nd Marine Expeditionary Force")."""
    before = text[max(0, match.start() - 30):match.start()]
    if re.search(r"[A-Za-z]-$", before) or re.match(r"-(?!plus|\w+est\b|most\b)[A-Za-z]", text[match.end():match.end() + 12]):
        return match.lastgroup not in ("age", "compound")  # "MS-13", "COVID-19"; not "third-largest"
    if re.search(r"\d/$", before) or re.match(r"/\d", text[match.end():match.end() + 2]):
        return True  # "9/11", "24/7": a name, not two numbers
    if re.match(r"[A-Z]", text[match.end():match.end() + 1]):
        return True  # a model number with letters after it ("767-300ER", "80C2")
    name = re.search(r"\b([A-Z][A-Za-z]+) $", before)
    if name and match.lastgroup == "number" and name.group(1) not in NOT_NAMES and \
            re.fullmatch(r"\d+", match.group()):
        return True
    return match.lastgroup == "ordinal" and bool(re.match(r"\s[A-Z][a-z]", text[match.end():match.end() + 3])) \
        and bool(re.search(r"\d", match.group()))


NOT_NAMES = {*MONTHS, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
             *"""In On At By Since From Until About Around Roughly Approximately Nearly Almost Some The A An Only Just And
             But Or Of For To With Without Over Under Up All Than After Before During Between Among Another More Less
             Still Yet Also Those These Its Their His Her Our We They He She It There Here When While Top Page
             Chapter""".split()}  # words before a number that do not make it part of a name


def an_age_after_a_name(text: str, match) -> bool:
    """A whole number up to 120 set off by commas after a capitalised word that is not a month ("Ari Volk, 54,") is
    a person's age."""
    written = match.group()
    before = re.search(r"\b([A-Z][\w'’-]*), $", text[max(0, match.start() - 40):match.start()])
    return (bool(re.fullmatch(r"\d{1,3}", written)) and int(written) <= 120 and before is not None
            and before.group(1) not in MONTHS and text[match.end():match.end() + 1] in (",", ".", ";"))
