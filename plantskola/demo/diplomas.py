"""Demo diplomas: Alingsås' "Framtidens ledare 2023/2024" ended with a diploma ceremony on
22 March 2024 with the municipal director and the HR director; everyone who attended enough
completed and got a diploma, dated by the ceremony. The signatories are invented. Idempotent:
settings are brought up to date and issuing skips participants who already have a valid
diploma."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from plantskola.core.models import Organisation, User
from plantskola.diplomas.models import DiplomaSettings
from plantskola.diplomas.services import diplomas_issue_for_edition
from plantskola.programmes.completion.services import completion_mark
from plantskola.programmes.models import Edition

ORGANISATION = "alingsas"
PROGRAMME = "Framtidens ledare"
EDITION = "Framtidens ledare 2023/2024"
COORDINATOR = "koordinator-alingsas"
CEREMONY = dt.datetime(2024, 3, 22, 14, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
SETTINGS = {
    "signatory1_name": "Annika Strandberg",
    "signatory1_title": "Kommundirektör",
    "signatory2_name": "Mats Lindholm",
    "signatory2_title": "HR-direktör",
    "signatory3_name": "",
    "signatory3_title": "",
    "extra_text": "Med ett varmt tack för ditt engagemang och dina bidrag under kursen.",
}


def load() -> None:
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    edition = Edition.objects.filter(
        programme__organisation=organisation, programme__name=PROGRAMME, name=EDITION
    ).first()
    if organisation is None or edition is None:
        return
    DiplomaSettings.objects.update_or_create(organisation=organisation, defaults=SETTINGS)
    # The edition has ended: completion follows attendance, as the coordinator marks it.
    completion_mark(edition=edition, today=edition.end_date + dt.timedelta(days=1))
    diplomas_issue_for_edition(
        edition=edition,
        issued_by=User.objects.filter(username=COORDINATOR).first(),
        issued_at=CEREMONY,
    )
