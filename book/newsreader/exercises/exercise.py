"""What an exercise is: an id, the kind of answer, how to compute the key, a hint, known mistakes, and what it asks of
a student: the minutes a novice needs, the table operations the answer writes, and whether it is a warm-up."""
from dataclasses import dataclass, field
from typing import Any, Callable

# The five articles, by the names the exercises use for them.
LATIN_TIMES_APRIL = "000_089c4aec78f3c403"
NEWSMAX = "001_2bc434667cf9574c"
LATIN_TIMES_FEBRUARY = "002_b777e87c142857aa"
EL_PAIS = "003_76a03f6ec5875e14"
OUTLET_NOT_CONFIRMED = "004_7fdfdde264136472"

# The table operations an answer may write itself (``Exercise.writes``); tests/test_exercise_prompts.py finds each in
# the answer cell's code.
OPERATIONS = ("filter", "group-by", "merge")


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
    # A novice's minutes, to read the prompt, write the answer and act on the feedback: the measured minutes of a novice
    # working through the student edition, for an exercise that was timed, less the codebook reading they included
    # (which ``reads`` declares), else the measured minutes of one of the same kind and size, plus a minute or two for a
    # step the exercise asks since. The chapters' pacing (newsreader.pacing) adds them up.
    minutes: float = field(kw_only=True)
    writes: tuple[str, ...] = field(default=(), kw_only=True)  # of OPERATIONS: what the student's code must do
    warm_up: bool = field(default=False, kw_only=True)  # a look-up on purpose, said so in its prompt (chapters 0-1)
    # The codebook parts (codebook, part) the prompt sends the student to read: a column (its row of the table of
    # columns, or its table of codes) or a paragraph by its bold title. The pacing counts their words.
    reads: tuple[tuple[str, str], ...] = field(default=(), kw_only=True)
    # The values the chapter glues into its text that state this answer in words (a summary after the exercise, "002:
    # quality of life"): the student edition writes each as its name in code, as it does a glued value that is an answer.
    stated_in: tuple[str, ...] = field(default=(), kw_only=True)
