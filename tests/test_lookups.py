"""The lookup finder of tests/lookups.py sees what the novice walk-through read off the page with a step or two, and
not what is only chance."""
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


def test_the_parts_of_an_id_or_a_date_are_no_numbers_to_add_up():
    table = "".join(f"{row}  000-0{row + 1}  2025-04-1{row}\n" for row in range(8))
    assert not shown(5.33, Number(decimals=2), window([table], printed=False))


def test_every_option_asked_for_and_no_other_singled_out_by_one_output_is_a_lookup():
    listing = "001 ... the mega-prison ...\n002 ... a megaprison ...\n003 ... the mega-prison ...\n"
    assert shown(ARTICLES[1:4], Items(options=ARTICLES), window([listing]))
    assert not shown(ARTICLES[1:3], Items(options=ARTICLES), window([listing]))
