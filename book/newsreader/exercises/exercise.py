"""What an exercise is: an id, the kind of answer, how to compute the key, a hint, and known mistakes."""
from dataclasses import dataclass, field
from typing import Any, Callable

# The five articles, by the names the exercises use for them.
LATIN_TIMES_APRIL = "000_089c4aec78f3c403"
NEWSMAX = "001_2bc434667cf9574c"
LATIN_TIMES_FEBRUARY = "002_b777e87c142857aa"
EL_PAIS = "003_76a03f6ec5875e14"
OUTLET_NOT_CONFIRMED = "004_7fdfdde264136472"


@dataclass(frozen=True)
class Mistake:
    """A plausible wrong answer (computed from the data, like the key) and the feedback it deserves."""

    answer: Callable[[], Any]
    feedback: str


@dataclass(frozen=True)
class Exercise:
    id: str
    chapter: str
    kind: Any  # an answer kind of newsreader.answers (or newsreader.coded)
    key: Callable[[], Any]  # computes the expected answer from data/
    hint: str
    mistakes: tuple[Mistake, ...] = field(default=())
