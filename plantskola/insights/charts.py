"""Charts of the insights as inline SVG (Matplotlib, Agg backend), always shown beside a table
of the same numbers.

Output is deterministic (a fixed `svg.hashsalt`, no date in the metadata) so the same data gives
the same bytes. Each SVG carries a <title> and a <desc> referenced by `aria-labelledby`, and its
element ids are prefixed so several charts can share a page.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Sequence
from html import escape
from typing import Any, Protocol

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from plantskola.core.charts import xml_safe  # noqa: E402

COLOURS = ("#1f5f8b", "#c05a00", "#2e7d32", "#6a1b9a", "#8d6e00", "#00695c", "#ad1457")
LINESTYLES = ("-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
# Typed loosely: Matplotlib's stubs list every rc key as a Literal.
RC: Any = {
    "svg.hashsalt": "plantskola-insights",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Labels are names people typed (groups, units, editions): plain text, never mathtext,
    # where a `$` pair would be parsed as TeX and a stray `\` or `{` would raise.
    "text.parse_math": False,
}

_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|xlink:href="#|href="#)([^)"]+)')


class CachedChart(Protocol):
    """A chart function that remembers its charts; `__wrapped__` draws anew."""

    __wrapped__: Callable[..., str]

    def __call__(self, **kwargs: Any) -> str: ...


def cached(function: Callable[..., str]) -> CachedChart:
    """Remember recent charts: the output depends on the arguments only (and they include
    the translated texts), and drawing takes a few tenths of a second."""

    def freeze(value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(freeze(v) for v in value)
        return value

    remembered = functools.lru_cache(maxsize=256)(
        lambda frozen: function(**{key: value for key, value in frozen})
    )

    @functools.wraps(function)
    def wrapper(**kwargs: Any) -> str:
        return remembered(tuple(sorted((k, freeze(v)) for k, v in kwargs.items())))

    return wrapper


def _svg(fig: Figure, *, prefix: str, title: str, description: str) -> str:
    buffer = io.StringIO()
    with plt.rc_context(RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    text = xml_safe(buffer.getvalue())
    text = text[text.index("<svg") :]
    text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    head_end = text.index(">") + 1
    head = text[:head_end].replace(
        "<svg ",
        f'<svg role="img" class="chart" aria-labelledby="{prefix}-title {prefix}-desc" ',
        1,
    )
    return (
        head
        + f'<title id="{prefix}-title">{escape(xml_safe(title))}</title>'
        + f'<desc id="{prefix}-desc">{escape(xml_safe(description))}</desc>'
        + text[head_end:]
    )


def _figure(width: float = 6.4, height: float = 3.2) -> tuple[Figure, Axes]:
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


@cached
def funnel_svg(
    *, prefix: str, title: str, description: str, stages: Sequence[tuple[str, int | None]]
) -> str:
    """Horizontal bars, widest first: applicants → admitted → completed → managers."""
    with plt.rc_context(RC):
        fig, ax = _figure(6.4, 0.5 + 0.45 * len(stages))
        labels = [label for label, _ in stages]
        values = [value or 0 for _, value in stages]
        positions = list(range(len(stages)))[::-1]
        ax.barh(positions, values, color=COLOURS[0], height=0.6)
        ax.set_yticks(positions, labels)
        top = max(values) if any(values) else 1
        for y, (_, value) in zip(positions, stages, strict=True):
            ax.text((value or 0) + top * 0.01, y, "–" if value is None else str(value), va="center")
        ax.set_xlim(0, top * 1.12)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
    return _svg(fig, prefix=prefix, title=title, description=description)


@cached
def curves_svg(
    *,
    prefix: str,
    title: str,
    description: str,
    curves: Sequence[tuple[str, Sequence[tuple[float, float]]]],
    xlabel: str,
    ylabel: str,
) -> str:
    """Kaplan–Meier step curves (share in a manager post over months since the programme)."""
    with plt.rc_context(RC):
        fig, ax = _figure()
        longest = 1.0
        for index, (label, steps) in enumerate(curves):
            if not steps:
                continue
            xs = [x for x, _ in steps]
            ys = [y * 100 for _, y in steps]
            longest = max(longest, xs[-1])
            ax.step(
                xs,
                ys,
                where="post",
                label=label,
                color=COLOURS[index % len(COLOURS)],
                linestyle=LINESTYLES[index % len(LINESTYLES)],
                marker=MARKERS[index % len(MARKERS)],
                markersize=3,
            )
        ax.set_xlim(0, longest)
        ax.set_ylim(0, 100)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", alpha=0.3)
        if len(curves) > 1:
            ax.legend(loc="upper left", fontsize=8, frameon=False)
    return _svg(fig, prefix=prefix, title=title, description=description)


@cached
def bars_svg(
    *,
    prefix: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    ylabel: str,
) -> str:
    """Grouped vertical bars, one group per category and one bar per series (hatched too, so
    the series differ by more than colour)."""
    hatches = ("", "//", "..", "xx", "\\\\")
    with plt.rc_context(RC):
        fig, ax = _figure()
        count = max(1, len(series))
        width = 0.8 / count
        for index, (label, values) in enumerate(series):
            xs = [i - 0.4 + width * (index + 0.5) for i in range(len(categories))]
            bars = ax.bar(
                xs,
                values,
                width=width,
                label=label,
                color=COLOURS[index % len(COLOURS)],
                hatch=hatches[index % len(hatches)],
                edgecolor="white",
            )
            ax.bar_label(bars, fontsize=8)
        ax.set_xticks(range(len(categories)), categories)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(ylabel)
        if len(series) > 1:
            ax.legend(fontsize=8, frameon=False)
    return _svg(fig, prefix=prefix, title=title, description=description)
