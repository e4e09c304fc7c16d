"""The ceremony's combined diploma PDF (one page per participant; a hundred pages for Örebro)
is rendered by the task worker through core/documents.py."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from plantskola.access.base import UserLike
from plantskola.access.programmes import edition_can_change, editions_for_user
from plantskola.core.documents.services import register_document
from plantskola.diplomas import pdf, selectors
from plantskola.programmes.models import Edition


def allowed(user: UserLike, params: dict[str, Any]) -> bool:
    edition = editions_for_user(user).filter(pk=params["edition"]).first()
    return edition is not None and edition_can_change(user, edition)


def render_combined(params: dict[str, Any]) -> bytes:
    edition = Edition.objects.select_related("programme__organisation").get(pk=params["edition"])
    return pdf.diplomas_pdf(
        list(selectors.edition_valid_diplomas(edition=edition)),
        site_url=params.get("site_url") or settings.SITE_URL,
        settings=selectors.settings_for(organisation=edition.programme.organisation),
    )


register_document(
    "diplomas.combined", render=f"{__name__}.render_combined", allowed=f"{__name__}.allowed"
)
