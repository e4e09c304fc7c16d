"""Chart labels are plain text: whatever a group, unit or edition is called, every chart
draws it as written (no mathtext) and comes back as a well-formed SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from plantskola.core import charts
from plantskola.insights import charts as insights_charts
from tests.conftest import World
from tests.evaluations.helpers import add_participants, answer, close
from tests.evaluations.test_reports import _groups, _module_surveys

# Names as people type them, and the characters that mean something to TeX or to XML.
LABELS = st.one_of(
    st.text(min_size=1, max_size=24),
    st.text(alphabet="$\\{}_^%&#~<>\"' \t\r\nabcÅÄÖ\x00\x01\x1f\x7f", min_size=1, max_size=24),
)

CHARTS: dict[str, Callable[[str], str]] = {
    "bar": lambda label: charts.bar_chart(
        [label, "B"], [1.0, None], title=label, description=label, chart_id="c", value_axis=label
    ),
    "horizontal bar": lambda label: charts.bar_chart(
        [label], [2.5], title=label, description=label, chart_id="c", horizontal=True
    ),
    "grouped bar": lambda label: charts.grouped_bar_chart(
        [label, "B"],
        {label: [1.0, 2.0], "Alla": [3.0, None]},
        title=label,
        description=label,
        chart_id="c",
        value_axis=label,
    ),
    "line": lambda label: charts.line_chart(
        [label, "B"],
        {label: [1.0, 2.0], "Alla": [2.0, 3.0]},
        title=label,
        description=label,
        chart_id="c",
        value_axis=label,
    ),
    "funnel": lambda label: insights_charts.funnel_svg(
        prefix="f", title=label, description=label, stages=[(label, 4), ("Antagna", None)]
    ),
    "curves": lambda label: insights_charts.curves_svg(
        prefix="k",
        title=label,
        description=label,
        curves=[(label, [(0.0, 0.0), (6.0, 0.5)]), ("Alla", [(0.0, 0.0), (3.0, 0.2)])],
        xlabel=label,
        ylabel=label,
    ),
    "bars": lambda label: insights_charts.bars_svg(
        prefix="b",
        title=label,
        description=label,
        categories=[label, "B"],
        series=[(label, [1, 2]), ("Alla", [2, 3])],
        ylabel=label,
    ),
}

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@settings(max_examples=12, deadline=None)
@given(label=LABELS)
@example(label="Team $\\foo{$")
@example(label="$x^2$ och $\\frac{1}{2}$")
@example(label="a_b^c \\ {")
def test_every_chart_draws_any_label_as_plain_text(label: str) -> None:
    # What survives into the SVG: XML drops its forbidden characters and reads CR as LF.
    expected = _NOT_XML.sub("", label).replace("\r", "\n")
    lines = [line for line in expected.split("\n") if line.strip()]
    for name, draw in CHARTS.items():
        svg = draw(label)
        assert svg.startswith("<svg"), name
        # Well-formed, with the entities read back (our own output: no untrusted XML).
        text = "".join(ET.fromstring(svg).itertext())  # noqa: S314
        for line in lines:
            assert line in text, (name, line)


@pytest.mark.django_db
def test_the_reports_show_a_group_whose_name_looks_like_tex(world: World) -> None:
    """A group called like this made Matplotlib's mathtext raise: the report page gave a 500."""
    first, second, _third = _groups(world)
    second.name = "Team $\\foo{$"
    second.save(update_fields=["name"])
    (survey,) = _module_surveys(world, 1)
    for group in (first, second):
        for person in add_participants(world, group, 4):
            answer(survey, person, 5)
    close(survey)
    client = world.client_for("coordinator")
    for url in (
        reverse("evaluations:survey_detail", args=[survey.pk]),
        reverse("evaluations:edition_evaluations", args=[world.edition.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Team $\\foo{$" in response.content.decode(), url
