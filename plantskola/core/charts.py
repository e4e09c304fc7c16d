"""Charts as inline SVG (Matplotlib, Agg backend), always shown beside a table of the same
numbers (architecture.md: accessible, no JavaScript).

Every function returns an SVG string ready to inline in a page or a PDF: no XML prolog, a
`<title>` and `<desc>` for screen readers (`role="img"`, `aria-labelledby`), and a byte-for-byte
deterministic output for the same input (fixed `svg.hashsalt`, no date in the metadata), so
pages can be cached and tests can compare charts. `None` values (for instance suppressed
groups) are drawn as gaps and labelled "–".
"""

from __future__ import annotations

import functools
import io
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, ParamSpec

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  - after choosing the backend
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

# High-contrast colours that stay apart for the common colour-vision deficiencies (Okabe–Ito);
# series are also told apart by hatching/markers, never by colour alone.
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
_RC: Any = {
    "svg.hashsalt": "plantskola",
    "svg.fonttype": "none",  # text stays text: selectable, and smaller
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Labels are names people typed (groups, units, editions): plain text, never mathtext,
    # where a `$` pair would be parsed as TeX and a stray `\` or `{` would raise.
    "text.parse_math": False,
}


_CACHE: OrderedDict[str, str] = OrderedDict()
_CACHE_SIZE = 256
P = ParamSpec("P")


def _cached(function: Callable[P, str]) -> Callable[P, str]:
    """The output is deterministic, so the same chart is drawn once (Matplotlib takes a
    quarter of a second per chart) and then served from a small in-process LRU cache."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> str:
        key = repr((function.__name__, args, sorted(kwargs.items())))
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
        svg = function(*args, **kwargs)
        _CACHE[key] = svg
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return svg

    return wrapper


# Characters XML does not allow (C0 controls other than tab and line breaks, U+FFFE/U+FFFF):
# a label that holds one would make the whole SVG unreadable, so they are left out.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(svg: str) -> str:
    """The SVG without characters XML does not allow (only ever in a label's text)."""
    return _NOT_XML.sub("", svg)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _to_svg(fig: Figure, *, title: str, description: str, chart_id: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    svg = xml_safe(buffer.getvalue())
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    accessible = (
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" '
        f'id="{chart_id}"'
    )
    svg = svg.replace("<svg", accessible, 1)
    head_end = svg.index(">", svg.index("<svg")) + 1
    svg = (
        svg[:head_end]
        + f'<title id="{chart_id}-title">{_escape(xml_safe(title))}</title>'
        + f'<desc id="{chart_id}-desc">{_escape(xml_safe(description))}</desc>'
        + svg[head_end:]
    )
    return svg


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def _format(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") if value != int(value) else f"{int(value)}"


def _tick(value: float, _position: object = None) -> str:
    """A tick label in Swedish: a decimal comma, no trailing zeros, a real minus sign."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",").replace("-", "\u2212")


def _value_axis(
    ax: Axes,
    values: Sequence[float | None],
    limits: tuple[float, float] | None,
    *,
    horizontal: bool = False,
) -> None:
    """The value axis from 0 for values that are never negative (with nothing to show, 0 to
    1 rather than Matplotlib's ±0.05 around zero), with Swedish tick labels."""
    set_limits = ax.set_xlim if horizontal else ax.set_ylim
    numbers = [float(v) for v in values if v is not None and v == v]  # NaN is no value
    if limits:
        set_limits(*limits)
    elif not numbers or all(n == 0 for n in numbers):
        set_limits(0, 1)
    elif min(numbers) >= 0:
        set_limits(0, None)
    axis = ax.xaxis if horizontal else ax.yaxis
    axis.set_major_formatter(FuncFormatter(_tick))


@_cached
def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    description: str,
    chart_id: str,
    value_axis: str = "",
    limits: tuple[float, float] | None = None,
    horizontal: bool = False,
) -> str:
    """One series of bars with the value written on each bar."""
    with plt.rc_context(_RC):
        height = max(2.2, 0.45 * len(labels) + 1) if horizontal else 3.2
        fig, ax = _figure(6.4, height)
        positions = list(range(len(labels)))
        shown = [v if v is not None else 0 for v in values]
        if horizontal:
            bars = ax.barh(positions, shown, color=COLOURS[0])
            ax.set_yticks(positions, labels=list(labels))
            ax.invert_yaxis()
            ax.set_xlabel(value_axis)
        else:
            bars = ax.bar(positions, shown, color=COLOURS[0])
            ax.set_xticks(positions, labels=list(labels))
            ax.set_ylabel(value_axis)
        _value_axis(ax, values, limits, horizontal=horizontal)
        ax.bar_label(bars, labels=[_format(v) if v is not None else "–" for v in values], padding=2)
        if all(v is None or float(v).is_integer() for v in values):  # counts: whole ticks
            axis = ax.xaxis if horizontal else ax.yaxis
            axis.set_major_locator(MaxNLocator(integer=True))
        return _to_svg(fig, title=title, description=description, chart_id=chart_id)


@_cached
def grouped_bar_chart(
    categories: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    title: str,
    description: str,
    chart_id: str,
    value_axis: str = "",
    limits: tuple[float, float] | None = None,
) -> str:
    """Bars per category, one bar per series side by side (hatched differently), with a legend."""
    with plt.rc_context(_RC):
        fig, ax = _figure(7.2, 3.6)
        count = max(len(series), 1)
        width = 0.8 / count
        for i, (name, values) in enumerate(series.items()):
            offsets = [c - 0.4 + width * (i + 0.5) for c in range(len(categories))]
            bars = ax.bar(
                offsets,
                [v if v is not None else 0 for v in values],
                width,
                label=name,
                color=COLOURS[i % len(COLOURS)],
                hatch=HATCHES[i % len(HATCHES)],
                edgecolor="white",
            )
            ax.bar_label(
                bars,
                labels=[_format(v) if v is not None else "–" for v in values],
                padding=1,
                fontsize=7,
            )
        ax.set_xticks(range(len(categories)), labels=list(categories))
        ax.set_ylabel(value_axis)
        _value_axis(ax, [v for values in series.values() for v in values], limits)
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _to_svg(fig, title=title, description=description, chart_id=chart_id)


@_cached
def line_chart(
    x_labels: Sequence[str],
    series: dict[str, Sequence[float | None]],
    *,
    title: str,
    description: str,
    chart_id: str,
    value_axis: str = "",
    limits: tuple[float, float] | None = None,
) -> str:
    """One line per series over the x labels (e.g. editions); markers tell series apart."""
    with plt.rc_context(_RC):
        fig, ax = _figure(6.4, 3.2)
        xs = list(range(len(x_labels)))
        for i, (name, values) in enumerate(series.items()):
            ys = [v if v is not None else float("nan") for v in values]
            ax.plot(
                xs,
                ys,
                label=name,
                color=COLOURS[i % len(COLOURS)],
                marker=MARKERS[i % len(MARKERS)],
            )
        ax.set_xticks(xs, labels=list(x_labels))
        ax.set_ylabel(value_axis)
        _value_axis(ax, [v for values in series.values() for v in values], limits)
        if len(series) > 1:
            ax.legend(frameon=False, fontsize=8)
        return _to_svg(fig, title=title, description=description, chart_id=chart_id)
