"""Agreement between coders: percent agreement, Cohen's kappa, Krippendorff's alpha, bootstrap intervals.

Pure functions over codes. Two coders' codes are two equal-length sequences; several coders' codes are a
``codings`` DataFrame with one row per unit and one column per coder. A missing code (None, NaN or a blank
string) is left out: a pair of codes counts only where both coders coded the unit.

A coefficient that cannot be computed (no units coded by two coders; for alpha, no variation at all) is NaN,
never an exception; ``alpha_undefined_reason`` says why in words.
"""
import math
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import krippendorff
import numpy as np
import pandas as pd


def is_missing(code) -> bool:
    """A code nobody gave: None, NaN or a blank string."""
    if code is None:
        return True
    if isinstance(code, float) and math.isnan(code):
        return True
    return isinstance(code, str) and not code.strip()


def coded_pairs(first, second) -> np.ndarray:
    """The units both coders coded, as an n × 2 array of code numbers (the same code, the same number)."""
    first, second = list(first), list(second)
    if len(first) != len(second):
        raise ValueError(f"the two codings have different lengths ({len(first)} and {len(second)} units)")
    pairs = [(str(a), str(b)) for a, b in zip(first, second) if not is_missing(a) and not is_missing(b)]
    number = {code: i for i, code in enumerate(sorted({code for pair in pairs for code in pair}))}
    return np.array([[number[a], number[b]] for a, b in pairs], dtype=int).reshape(-1, 2)


def percent_agreement(first, second) -> float:
    """The share of units (0 to 1) that two coders coded alike; NaN when no unit was coded by both."""
    return observed_and_expected(first, second)[0]


def observed_and_expected(first, second) -> tuple[float, float]:
    """Cohen's two ingredients: the observed agreement, and the agreement expected by chance
    from each coder's own mix of codes (the sum over codes of the product of the two coders' shares)."""
    return agreement_of_pairs(coded_pairs(first, second))


def agreement_of_pairs(pairs: np.ndarray) -> tuple[float, float]:
    if len(pairs) == 0:
        return math.nan, math.nan
    first, second = pairs[:, 0], pairs[:, 1]
    codes = pairs.max() + 1
    expected = np.dot(np.bincount(first, minlength=codes), np.bincount(second, minlength=codes)) / len(pairs) ** 2
    return float(np.mean(first == second)), float(expected)


def cohen_kappa(first, second) -> float:
    """Cohen's kappa of two coders: (observed - expected) / (1 - expected).

    1 is perfect agreement, 0 the agreement chance alone would give, below 0 less than chance. When both coders
    use one and the same code throughout, chance explains everything and the formula divides by zero; their
    agreement is perfect, so the result is 1. NaN when no unit was coded by both.
    """
    return kappa_of_pairs(coded_pairs(first, second))


def kappa_of_pairs(pairs: np.ndarray) -> float:
    observed, expected = agreement_of_pairs(pairs)
    if math.isnan(observed):
        return math.nan
    if math.isclose(expected, 1.0):
        return 1.0
    return (observed - expected) / (1 - expected)


def pairwise_kappa(codings: pd.DataFrame) -> pd.DataFrame:
    """Cohen's kappa for every pair of coders (the columns of ``codings``): a symmetric coder-by-coder table."""
    coders = list(codings.columns)
    table = pd.DataFrame(1.0, index=coders, columns=coders)
    for first, second in combinations(coders, 2):
        table.loc[first, second] = table.loc[second, first] = cohen_kappa(codings[first], codings[second])
    return table


def as_numbers(codings: pd.DataFrame) -> np.ndarray:
    """``codings`` as a units × coders array of floats: each code becomes its number in the sorted list of
    codes (the ``krippendorff`` package wants numbers), a missing code NaN."""
    codes = sorted({str(code) for code in codings.to_numpy().ravel() if not is_missing(code)})
    number = {code: float(i) for i, code in enumerate(codes)}
    return codings.map(lambda code: math.nan if is_missing(code) else number[str(code)]).to_numpy(dtype=float)


def pairable(matrix: np.ndarray) -> np.ndarray:
    """The units (rows) that at least two coders coded: only they carry information about agreement."""
    return matrix[(~np.isnan(matrix)).sum(axis=1) >= 2]


def alpha_undefined_reason(codings: pd.DataFrame) -> str:
    """Why Krippendorff's alpha cannot be computed on ``codings``, or "" when it can."""
    usable = pairable(as_numbers(codings))
    if len(usable) == 0:
        return "no unit was coded by two coders, so there is no agreement to measure"
    if len(np.unique(usable[~np.isnan(usable)])) < 2:
        return "every coder gave every unit the same code: with no variation, agreement and chance cannot be told apart"
    return ""


def krippendorff_alpha(codings: pd.DataFrame) -> float:
    """Krippendorff's alpha (nominal) of ``codings`` (units × coders; missing codes allowed), computed by the
    ``krippendorff`` package. NaN when undefined; ``alpha_undefined_reason`` says why."""
    return alpha_of_numbers(as_numbers(codings))


def alpha_of_numbers(matrix: np.ndarray) -> float:
    usable = pairable(matrix)
    if len(usable) == 0 or len(np.unique(usable[~np.isnan(usable)])) < 2:
        return math.nan
    return float(krippendorff.alpha(reliability_data=usable.T, level_of_measurement="nominal"))


def unit_disagreement(codings: pd.DataFrame) -> pd.Series:
    """For each unit, the share of its pairs of codes that differ (0: all coders agree; NaN: fewer than two codes)."""

    def share(codes) -> float:
        given = [code for code in codes if not is_missing(code)]
        pairs = list(combinations(given, 2))
        return sum(a != b for a, b in pairs) / len(pairs) if pairs else math.nan

    return codings.apply(share, axis=1)


def most_disagreement(codings: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """The ``top`` units with the most disagreement (ties in unit order), each with the codes it was given.

    Columns: ``disagreement`` (share of differing pairs) and ``codes`` ("capacity ×2, population ×1").
    Units on which every coder agrees are left out.
    """
    shares = unit_disagreement(codings)
    shares = shares[shares > 0]
    order = sorted(shares.index, key=lambda unit: (-shares[unit], list(codings.index).index(unit)))[:top]
    codes = [describe_codes(codings.loc[unit]) for unit in order]
    return pd.DataFrame({"disagreement": shares[order].to_numpy(), "codes": codes}, index=pd.Index(order, name=codings.index.name))


def describe_codes(codes) -> str:
    counts = Counter(str(code) for code in codes if not is_missing(code))
    return ", ".join(f"{code} ×{n}" for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class Interval:
    """An estimate with its bootstrap percentile interval; ``note`` says what to keep in mind ("" if nothing)."""

    estimate: float
    low: float
    high: float
    confidence: float
    note: str = ""

    def __str__(self) -> str:
        if math.isnan(self.estimate):
            return "undefined" + (f" ({self.note})" if self.note else "")
        interval = "" if math.isnan(self.low) else f" ({self.confidence:.0%} interval {self.low:.2f} to {self.high:.2f})"
        return f"{self.estimate:.2f}{interval}" + (f"; {self.note}" if self.note else "")


def bootstrap_interval(units, statistic, confidence=0.95, resamples=1000, seed=0, on_draws=None) -> Interval:
    """The percentile bootstrap interval of ``statistic(units)``, where ``units`` is a DataFrame or an array with
    one row per unit: draw the units with replacement
    ``resamples`` times, compute the statistic on each draw, and keep the middle ``confidence`` of the results.

    A fixed ``seed`` makes the interval reproducible. Draws on which the statistic is undefined (NaN) are left
    out, and the note says how many. ``on_draws(units, draws)``, if given, computes the statistic on every draw at
    once (one row of unit positions per draw), with the same results, faster.
    """
    estimate = statistic(units)
    if math.isnan(estimate):
        return Interval(math.nan, math.nan, math.nan, confidence, "the coefficient is undefined on these codings")
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(units), size=(resamples, len(units)))
    if on_draws is not None:
        values = on_draws(units, draws)
    else:
        values = np.array([statistic(units.iloc[rows] if isinstance(units, pd.DataFrame) else units[rows])
                           for rows in draws])
    defined = values[~np.isnan(values)]
    note = f"{resamples - len(defined)} of {resamples} resamples were undefined and left out" if len(defined) < resamples else ""
    if len(defined) == 0:
        return Interval(estimate, math.nan, math.nan, confidence, note)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(defined, [tail, 100 - tail])
    return Interval(estimate, float(low), float(high), confidence, note)


def kappa_interval(first, second, confidence=0.95, resamples=1000, seed=0) -> Interval:
    """Cohen's kappa of two coders with its bootstrap interval (the units both coded, resampled)."""
    return bootstrap_interval(coded_pairs(first, second), kappa_of_pairs, confidence, resamples, seed,
                              on_draws=kappas_of_draws)


def kappas_of_draws(pairs: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """``kappa_of_pairs`` of ``pairs[rows]`` for every row of ``draws``, computed at once (a class of 30 has 435
    pairs of coders to bootstrap)."""
    first, second = pairs[:, 0][draws], pairs[:, 1][draws]  # draws × units
    codes = np.arange(pairs.max() + 1)
    counts_first = (first[..., None] == codes).sum(axis=1)  # draws × codes
    counts_second = (second[..., None] == codes).sum(axis=1)
    observed = (first == second).mean(axis=1)
    expected = (counts_first * counts_second).sum(axis=1) / draws.shape[1] ** 2
    certain = np.abs(expected - 1.0) <= 1e-9 * np.maximum(np.abs(expected), 1.0)  # as math.isclose in kappa_of_pairs
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(certain, 1.0, (observed - expected) / (1 - expected))


def alpha_interval(codings: pd.DataFrame, confidence=0.95, resamples=1000, seed=0) -> Interval:
    """Krippendorff's alpha (nominal) with its bootstrap interval (units resampled)."""
    interval = bootstrap_interval(as_numbers(codings), alpha_of_numbers, confidence, resamples, seed)
    reason = alpha_undefined_reason(codings)
    return Interval(interval.estimate, interval.low, interval.high, confidence, reason) if reason else interval
