"""The breadcrumb trail of the privacy pages about one person."""

from __future__ import annotations

from django.urls import reverse

from plantskola.core.pages import Crumb


def person_trail(pk: int, name: str) -> list[Crumb]:
    """The person's page (a link), named as given: the name before a correction is saved."""
    return [(reverse("core:person_detail", args=[pk]), name)]
