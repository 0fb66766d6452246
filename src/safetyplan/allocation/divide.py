# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Divide a whole number of steps over units in proportion to their workload, within bounds.

Two stages, both exact (rational arithmetic, so no rounding noise can break a sum or a bound):

1. **Quotas.** Each unit's quota is ``clamp(lam * workload, min, max)`` with the one factor
   ``lam`` for which the quotas add up to the total ("water-filling"). A unit held at its
   minimum or maximum frees or takes strength that the others share in proportion to their
   workload. Units without workload get their minimum; only when every unit with workload is
   at its maximum does the rest go to the units without workload, equally.
2. **Whole steps.** Every unit gets the whole part of its quota; the steps left over go one
   each to the units with the largest remainders (Hamilton / largest remainder). Ties go to
   the larger workload, then to the smaller unit id, so the result never depends on order.

The rounding minimises the total distance ``sum |seats - quota|`` over all whole divisions
that add up to the total (an integer programme's optimum; the tests check this against scipy's
``milp``), it keeps every unit within one step of its quota and within its bounds, and a unit
whose workload rises (the others' unchanged or falling) never gets less.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from safetyplan.errors import SafetyplanError
from safetyplan.i18n import _

Number = Fraction | int | float


@dataclass(frozen=True)
class Division:
    """The division in steps: exact quotas, whole seats and which bound holds a unit."""

    quotas: tuple[Fraction, ...]
    seats: tuple[int, ...]
    bound: tuple[str | None, ...]  # "min", "max" or None (proportional)


def divide(
    total: int,
    workloads: Sequence[Number],
    mins: Sequence[int],
    maxs: Sequence[int | None],
    keys: Sequence[str] | None = None,
) -> Division:
    """Divide ``total`` whole steps over units. ``maxs`` may hold None (no maximum)."""
    n = len(workloads)
    if not (len(mins) == len(maxs) == n):
        raise ValueError("workloads, mins and maxs must have the same length")
    keys = list(keys) if keys is not None else [f"{i:09d}" for i in range(n)]
    weights = [Fraction(w) for w in workloads]
    if any(w < 0 for w in weights):
        raise SafetyplanError(_("A workload is negative."))
    lo = [int(m) for m in mins]
    hi = [int(m) if m is not None else total for m in maxs]  # no maximum: at most everything
    _check_feasible(total, lo, hi)
    quotas = bounded_quotas(total, weights, lo, hi)
    seats = largest_remainder(total, quotas, weights, keys)
    bound = tuple(
        "max" if q == hi[i] and maxs[i] is not None else "min" if q == lo[i] and lo[i] > 0 else None
        for i, q in enumerate(quotas)
    )
    return Division(quotas=tuple(quotas), seats=tuple(seats), bound=bound)


def _check_feasible(total: int, lo: list[int], hi: list[int]) -> None:
    if total < 0:
        raise SafetyplanError(_("Nothing to divide: the total is {total}.").format(total=total))
    for i, (a, b) in enumerate(zip(lo, hi, strict=True)):
        if a > b:
            raise SafetyplanError(
                _("unit {i}: minimum {min} above maximum {max}").format(i=i, min=a, max=b)
            )
    if sum(lo) > total:
        raise SafetyplanError(
            _("The minimums ({sum}) exceed the total ({total}).").format(sum=sum(lo), total=total)
        )
    if sum(hi) < total:
        raise SafetyplanError(
            _("The maximums ({sum}) do not reach the total ({total}).").format(
                sum=sum(hi), total=total
            )
        )


def bounded_quotas(
    total: int, weights: list[Fraction], lo: list[int], hi: list[int]
) -> list[Fraction]:
    """Quotas ``clamp(lam * w, lo, hi)`` adding up to ``total`` (see the module text)."""
    with_work = [i for i, w in enumerate(weights) if w > 0]
    without = [i for i, w in enumerate(weights) if w == 0]
    quotas = [Fraction(lo[i]) for i in range(len(weights))]
    room = sum(hi[i] for i in with_work) + sum(lo[i] for i in without)
    if total <= room:
        rest = total - sum(lo[i] for i in without)
        part = water_fill(
            rest,
            [weights[i] for i in with_work],
            [lo[i] for i in with_work],
            [hi[i] for i in with_work],
        )
        for i, q in zip(with_work, part, strict=True):
            quotas[i] = q
    else:  # every unit with work is full: the rest goes equally to the units without work
        for i in with_work:
            quotas[i] = Fraction(hi[i])
        rest = total - sum(hi[i] for i in with_work)
        part = water_fill(
            rest, [Fraction(1)] * len(without), [lo[i] for i in without], [hi[i] for i in without]
        )
        for i, q in zip(without, part, strict=True):
            quotas[i] = q
    return quotas


def water_fill(total: int, weights: list[Fraction], lo: list[int], hi: list[int]) -> list[Fraction]:
    """``clamp(lam * w_i, lo_i, hi_i)`` summing to ``total``; all weights positive and
    ``sum(lo) <= total <= sum(hi)``."""
    if not weights:
        return []
    # g(lam) = sum clamp(lam w_i) is piecewise linear and nondecreasing; its kinks are where a
    # unit leaves its minimum (lo/w) or reaches its maximum (hi/w).
    kinks = sorted(
        {Fraction(lo[i]) / w for i, w in enumerate(weights)}
        | {Fraction(hi[i]) / w for i, w in enumerate(weights)}
    )

    def g(lam: Fraction) -> Fraction:
        return sum((_clamp(lam * w, lo[i], hi[i]) for i, w in enumerate(weights)), Fraction(0))

    k = bisect.bisect_left(kinks, total, key=g)  # first kink with g >= total
    if k == 0 or g(kinks[k]) == total:
        lam = kinks[min(k, len(kinks) - 1)]
    else:  # linear between kinks[k-1] and kinks[k]: solve C + lam * S = total
        left, right = kinks[k - 1], kinks[k]
        fixed = Fraction(0)
        slope = Fraction(0)
        for i, w in enumerate(weights):
            if hi[i] / w <= left:
                fixed += hi[i]
            elif lo[i] / w >= right:
                fixed += lo[i]
            else:
                slope += w
        lam = (total - fixed) / slope
    return [_clamp(lam * w, lo[i], hi[i]) for i, w in enumerate(weights)]


def _clamp(x: Fraction, lo: int, hi: int) -> Fraction:
    return Fraction(lo) if x < lo else Fraction(hi) if x > hi else x


def largest_remainder(
    total: int, quotas: Sequence[Fraction], weights: Sequence[Fraction], keys: Sequence[str]
) -> list[int]:
    """Whole parts of the quotas, plus one step each for the largest remainders."""
    seats = [math.floor(q) for q in quotas]
    left = total - sum(seats)
    order = sorted(
        range(len(quotas)), key=lambda i: (-(quotas[i] - seats[i]), -weights[i], keys[i])
    )
    for i in order[:left]:
        seats[i] += 1
    return seats
