"""Reading rendered pages in tests."""

from __future__ import annotations


def main_region(html: str) -> str:
    """The page's <main> element: what a test means by "the page says". The header carries a
    random CSRF token in its attributes, and a token contains a short name such as "Bo" now and
    then, so a test that asserts a name is absent must not look there."""
    start = html.index("<main")
    return html[start : html.index("</main>", start)]
