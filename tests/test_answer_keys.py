"""The answer keys, checked against values worked out independently of the code that computes them: by reading
the article texts, by a calendar, or by hand arithmetic on the figures in the tables. A key that drifts (a data
change, a bug in a key function) fails here even though it would still pass its own check."""
import math

import pytest

from newsreader.exercises import EXERCISES

# exercise id: the value, and how it was worked out without the key's code
INDEPENDENT = {
    "meet-1": ("004_7fdfdde264136472", "the outlet of 004 is not confirmed (the provenance record)"),
    "meet-2": (2277, "position of 'Sign up for our weekly newsletter' in 003's raw file, with str.index on the file"),
    "meet-5": (["2025-02-01", "2025-02-02"], "4 February 2025, 003's date, is a Tuesday; the weekend before it is 1-2 February"),
    "meet-6": (["002_b777e87c142857aa", "003_76a03f6ec5875e14"], "words per sentence 419/17 and 312/11, above the mean of "
               "394/18, 364/20, 419/17, 312/11 and 446/24 (22.3)"),
    "numbers-2": (72.42048, "45 miles × 1.609344 km per mile"),
    "numbers-3": (1_200_000, "$6 million ± 10 %: 6.6 million − 5.4 million"),
    "numbers-4": ("003-04", "'more than 20,000' (003) cannot overlap 'roughly 15,000' (000, 001: at most 16,500)"),
    "numbers-6": (["000-13", "001-02"], "000 'considered the largest prison in the world'; 001 'the world's largest prison'"),
    "numbers-7": (0.375, "001: 15,000 held / 40,000 capacity"),
    "numbers-8": (80_000 / 15_000, "the wire story's 80,000 / its 15,000"),
    "numbers-9": (5_400_000 / 275 / 365, "000: $6 million - 10 % a year / some 250 + 10 % people / 365 days"),
    "speaks-1": (["citation", "paraphrase"], "the kinds of the codebook without quotation marks"),
    "speaks-5": (["agreed", "to", "the"], "difflib inserts them before 'most': 004 'agreed to the most unprecedented, extraordinary, migratory agreement anywhere in the world' against 002 'most unprecedented and extraordinary migratory agreement anywhere in the world'"),
    "speaks-6": ("003_76a03f6ec5875e14", "003: 'Bukele described the agreement as something “unprecedented,”'"),
    "framing-5": (["U.S. citizens", "capacity of the prison", "security of the facility"],
                  "001 never mentions sending U.S. citizens; 003 gives no capacity figure and no word of the prison's "
                  "security (000 and 001 call it a 'maximum-security prison'); the four others do (003 names 'the "
                  "Venezuelan gang Tren de Aragua' among the inmates to be sent: third-country nationals)"),
    "timeline-1": ("2025-04-14", "001 is dated Thursday 17 April 2025; 'on Monday' is 14 April"),
}


@pytest.mark.parametrize("exercise_id", list(INDEPENDENT))
def test_the_key_equals_the_independent_value(exercise_id):
    expected, _how = INDEPENDENT[exercise_id]
    key = EXERCISES[exercise_id].key()
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        assert math.isclose(float(key), expected, rel_tol=1e-9)
    elif isinstance(expected, list):
        assert sorted(key) == sorted(expected)
    else:
        assert key == expected
