"""The charts: deterministic SVG with a title and description, ids unique per chart."""

from __future__ import annotations

import re

from plantskola.insights import charts


def funnel(prefix: str = "f") -> str:
    # Drawn anew each time (the page's charts are remembered by their arguments).
    return charts.funnel_svg.__wrapped__(
        prefix=prefix,
        title="Flödet",
        description="Sökande 40, antagna 16",
        stages=[("Sökande", 40), ("Antagna", 16), ("Chefer efter 6 mån.", None)],
    )


def test_the_same_data_gives_the_same_bytes() -> None:
    assert funnel() == funnel()
    curve = {
        "prefix": "k",
        "title": "Tid till chefstjänst",
        "description": "…",
        "curves": [("A", [(0.0, 0.0), (3.0, 0.2), (9.0, 0.5)])],
        "xlabel": "Månader",
        "ylabel": "Andel (%)",
    }
    draw = charts.curves_svg.__wrapped__
    assert draw(**curve) == draw(**curve)


def test_an_svg_is_labelled_and_carries_no_date() -> None:
    svg = funnel()
    assert svg.startswith('<svg role="img" class="chart" aria-labelledby="f-title f-desc"')
    assert '<title id="f-title">Flödet</title>' in svg
    assert '<desc id="f-desc">Sökande 40, antagna 16</desc>' in svg
    assert "<dc:date>" not in svg and "<?xml" not in svg


def test_every_id_and_reference_carries_the_prefix() -> None:
    svg = charts.bars_svg(
        prefix="b",
        title="t",
        description="d",
        categories=["-29", "30–39"],
        series=[("Kvinna", [3, 5]), ("Man", [1, 2])],
        ylabel="Ansökningar",
    )
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("b-") for i in ids)
    refs = re.findall(r'(?:url\(#|href="#)([^)"]+)', svg)
    assert all(r.startswith("b-") for r in refs)
    assert set(refs) <= set(ids)
