"""SVG coordinates for the statistics charts, drawn server-side like the practice history's
(``interviews.views.practice._chart``): Python works out every coordinate, the template writes
the ``<svg>`` elements, no JavaScript. Pure functions, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from interviews.stats_math import MAX_SCORE, POOR_DISCRIMINATION, Severity, histogram


def _scale(value: float, low: float, high: float, start: float, end: float) -> float:
    value = max(low, min(high, value))
    return round(start + (value - low) / (high - low) * (end - start), 1)


def item_map(points: Sequence[tuple[str, float, float, bool]]) -> dict:
    """Questions as dots: mean score across (0-5), discrimination up (-1..1); ``points`` are
    (label, mean, discrimination, flagged). A dashed line marks the discrimination threshold."""
    width, height, left, right, top, bottom = 640, 270, 48, 12, 12, 44

    def x(v):
        return _scale(v, 0, MAX_SCORE, left, width - right)

    def y(v):
        return _scale(v, -1, 1, height - bottom, top)

    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "bottom": height - bottom,
        "x_ticks": [(x(v), v) for v in range(6)],
        "y_ticks": [(y(v), v) for v in (-1, -0.5, 0, 0.5, 1)],
        "threshold": y(POOR_DISCRIMINATION),
        "x_label_y": height - 4,
        "x_tick_y": height - bottom + 18,
        "x_mid": round((left + width - right) / 2, 1),
        "dots": [(x(m), y(r), label, m, r, flagged) for label, m, r, flagged in points],
    }


def range_bar(mean: float | None, spread: float | None) -> dict:
    """A small bar: mean +- one standard deviation on 0-5."""
    width, pad = 120, 4
    if mean is None:
        return {}
    spread = spread or 0.0

    def x(v):
        return _scale(v, 0, MAX_SCORE, pad, width - pad)

    return {
        "width": width,
        "height": 16,
        "low": x(mean - spread),
        "high": x(mean + spread),
        "mean": x(mean),
        "start": pad,
        "end": width - pad,
    }


def time_bar(ratio: float | None) -> dict:
    """Time used as a share of the limit, 0 to twice the limit; the limit marked."""
    width, pad = 120, 4
    if ratio is None:
        return {}

    def x(v):
        return _scale(v, 0, 2, pad, width - pad)

    return {
        "width": width,
        "height": 16,
        "start": pad,
        "used": x(ratio),
        "limit": x(1),
        "over": ratio > 1,
    }


def forest(rows: Sequence[tuple[str, Severity]], *, min_n: int) -> dict:
    """Severities as a forest plot: one row per label, the mean as a dot and its 95% interval
    as a line, a zero line down the middle. Rows under ``min_n`` answers are left out."""
    shown = [(label, s) for label, s in rows if s.enough(min_n)]
    if not shown:
        return {}
    extent = max(
        [1.5] + [abs(v) for _, s in shown for v in (s.low, s.high, s.mean) if v is not None]
    )
    extent = min(MAX_SCORE, math.ceil(extent * 2) / 2)
    width, label_width, right, row, top, bottom = 640, 190, 20, 30, 8, 30
    height = top + row * len(shown) + bottom

    def x(v):
        return _scale(v, -extent, extent, label_width, width - right)

    ticks = [t / 2 for t in range(int(-extent * 2), int(extent * 2) + 1)]
    if len(ticks) > 11:
        ticks = [t for t in ticks if t == int(t)]
    return {
        "width": width,
        "height": height,
        "label_x": label_width - 8,
        "zero": x(0),
        "top": top,
        "bottom": height - bottom,
        "ticks": [(x(t), t) for t in ticks],
        "tick_y": height - bottom + 20,
        "rows": [
            (
                top + row * i + row / 2,
                label,
                x(s.mean),
                x(s.low if s.low is not None else s.mean),
                x(s.high if s.high is not None else s.mean),
                s,
            )
            for i, (label, s) in enumerate(shown)
        ],
    }


def difference_histogram(differences: Sequence[float]) -> dict:
    """How far each score lies from the scorer's suggestion: one bar per half point from -3 to
    +3, centred on its value (farther ones counted in the end bars)."""
    if not differences:
        return {}
    low, high, step = -3.25, 3.25, 0.5
    counts = histogram(differences, low=low, high=high, step=step)
    width, height, left, right, top, bottom = 640, 190, 40, 12, 12, 30
    tallest = max(counts)
    bin_width = (width - left - right) / len(counts)

    def y(v):
        return _scale(v, 0, tallest, height - bottom, top)

    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "bottom": height - bottom,
        "zero": round(left + (0 - low) / (high - low) * (width - left - right), 1),
        "bars": [
            (
                round(left + i * bin_width + 1, 1),
                y(count),
                round(bin_width - 2, 1),
                round(height - bottom - y(count), 1),
                low + step / 2 + i * step,
                count,
            )
            for i, count in enumerate(counts)
        ],
        "ticks": [
            (round(left + (v - low) / (high - low) * (width - left - right), 1), v)
            for v in range(-3, 4)
        ],
        "tick_y": height - bottom + 20,
        "y_ticks": [(y(v), v) for v in sorted({0, tallest})],
    }
