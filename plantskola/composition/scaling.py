"""Integer scaling of real coefficients for CP-SAT, which only takes integers."""

from __future__ import annotations


def integer_scale(values: list[float]) -> tuple[int, bool]:
    """Smallest power of ten (≤ 10⁶) that makes every value integral; whether it is exact.

    With an exact scale a proven CP-SAT bound is exact for the real objective too; without
    one the caller must add the rounding slack to any bound it reports.
    """
    for digits in range(7):
        scale = 10**digits
        if all(abs(v * scale - round(v * scale)) < 1e-7 * max(1.0, abs(v * scale)) for v in values):
            return scale, True
    return 10**6, False
