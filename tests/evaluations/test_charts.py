"""The shared chart helper (plantskola.core.charts): deterministic, accessible SVG."""

from __future__ import annotations

from typing import TypedDict

from plantskola.core import charts


class Labels(TypedDict):
    title: str
    description: str


def test_charts_are_deterministic_accessible_svg() -> None:
    kwargs: Labels = {
        "title": "Medelvärde <per> grupp",
        "description": "Samma siffror som tabellen",
    }
    first = charts.bar_chart(["Grupp 1", "Grupp 2"], [4.5, None], chart_id="c", **kwargs)
    again = charts.bar_chart(["Grupp 1", "Grupp 2"], [4.5, None], chart_id="c", **kwargs)
    assert first == again
    assert first.startswith('<svg role="img" aria-labelledby="c-title c-desc"')
    assert '<title id="c-title">Medelvärde &lt;per&gt; grupp</title>' in first
    assert "<?xml" not in first and "<dc:date>" not in first and "<metadata>" not in first
    assert ">4,5<" in first and ">–<" in first  # Swedish decimal comma; a gap is labelled
    grouped = charts.grouped_bar_chart(
        ["G1", "G2"], {"Modul 1": [4.0, 5.0], "Modul 2": [None, 4.5]}, chart_id="g", **kwargs
    )
    line = charts.line_chart(
        ["2015", "2016", "2017"], {"Betyg": [4.6, None, 4.8]}, chart_id="l", **kwargs
    )
    for svg in (grouped, line):
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Modul 2" in grouped
    assert charts.line_chart(["a"], {"x": [1.0]}, chart_id="l", **kwargs) == charts.line_chart(
        ["a"], {"x": [1.0]}, chart_id="l", **kwargs
    )
