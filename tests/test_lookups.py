"""The lookup finder of tests/lookups.py sees what a novice reads off the page with a step or two, and not what is
only chance."""
from lookups import Window, shown
from newsreader.answers import Choice, Items, Number, NumberMap

ARTICLES = ["000_089c4aec78f3c403", "001_2bc434667cf9574c", "002_b777e87c142857aa", "003_76a03f6ec5875e14",
            "004_7fdfdde264136472"]


def window(above=(), after=(), printed=True) -> Window:
    return Window([], [(text, printed) for text in above], [(text, printed) for text in after])


def test_a_verdict_printed_beside_the_option_asked_for_is_a_lookup():
    line = "000-06 (13,500 to 16,500) and 003-04 (20,000 to no upper bound): overlap False\n"
    assert shown(ARTICLES[3], Choice(options=ARTICLES), window([line]))
    assert not shown(ARTICLES[3], Choice(options=ARTICLES), window(["10 to 20 and 25 to no upper bound: overlap False\n"]))


def test_a_ratio_or_a_mean_of_printed_numbers_above_the_exercise_is_a_lookup_but_not_after_its_check():
    line = "capacity 40,000, population 15,000, planned capacity 80,000\n"
    assert shown(0.375, Number(decimals=2), window([line]))
    assert shown(5.33, Number(decimals=2), window([line]))
    assert not shown(0.375, Number(decimals=2), window(after=[line]))
    table = "   month  words\n0  2025-02    300\n1  2025-02    400\n2  2025-04    350\n"
    assert shown({"2025-02": 350.0}, NumberMap(decimals=1, whole=False), window([table], printed=False))


def test_a_mean_of_small_counts_is_chance_not_a_lookup():
    counts = "article  causes  evaluations\n000           0            5\n001           1            3\n002           1            2\n"
    assert not shown(0.667, Number(decimals=2), window([counts], printed=False))
    shares = "article  share\n000      0.6\n001      0.7\n"
    assert shown(0.65, Number(decimals=2), window([shares], printed=False))


def test_the_parts_of_an_id_or_a_date_are_no_numbers_to_add_up():
    table = "".join(f"{row}  000-0{row + 1}  2025-04-1{row}\n" for row in range(8))
    assert not shown(5.33, Number(decimals=2), window([table], printed=False))


def test_every_option_asked_for_and_no_other_singled_out_by_one_output_is_a_lookup():
    listing = "001 ... the mega-prison ...\n002 ... a megaprison ...\n003 ... the mega-prison ...\n"
    assert shown(ARTICLES[1:4], Items(options=ARTICLES), window([listing]))
    assert not shown(ARTICLES[1:3], Items(options=ARTICLES), window([listing]))


def test_options_the_prompts_own_words_pick_out_of_a_table_are_a_lookup():
    """A student can read numbers-6 off a table of spans: "largest" and "world" stand on the rows of
    000-13 and 001-02 and on no other."""
    claims = ["000-13", "001-02", "002-10", "004-09", "004-10"]
    rows = ["considered the largest prison in the world", "world's largest prison", "the largest prison in the country",
            "one of the most secure in the world", "the world's worst prison"]
    prompt = "Which claims call CECOT the largest prison in the world?"
    by_id = "".join(f"{n}  {claim}  {span}  rank\n" for n, (claim, span) in enumerate(zip(claims, rows)))
    by_article = "".join(f"{n}  {claim[:3]}  {span}  rank\n" for n, (claim, span) in enumerate(zip(claims, rows)))
    asked = Window([], [(by_id, False)], [], prompt)
    assert shown(claims[:2], Items(options=claims), asked)
    assert not shown(claims[:2], Items(options=claims), Window([], [(by_article, False)], [], prompt))
    assert not shown(claims[:2], Items(options=claims), Window([], [(by_id, False)], [], "Which claims rank it?"))
