"""The participant's e-mail when a diploma is issued: its default template and its queueing.

The e-mail is queued by the task `diplomas.tasks.diploma_issued_notify`, which the issuing
services enqueue once the diploma is committed, one task per diploma: issuing for a whole
edition does not send from the request, and a diploma revoked before its task runs is not
announced. The e-mail carries a link to "Mina diplom", never the diploma itself.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from plantskola.core.mail import services as mail
from plantskola.core.models import OutgoingEmail
from plantskola.diplomas.models import Diploma

# Swedish because it goes to Swedish staff (HR can change the wording per organisation).
mail.register_template(
    "diploma_issued",
    description=gettext_lazy("Diploma issued to a participant"),
    subject="Ditt diplom från {{ programme }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Grattis! Du har fått diplom för {{ programme }} ({{ edition }}).\n\n"
        "Du hittar och laddar ner diplomet under Mina diplom:\n{{ my_diplomas_url }}\n\n"
        "Diplomets verifieringskod är {{ code }}. Den som vill kontrollera att diplomet är "
        "äkta kan ange koden på\n{{ verify_url }}\n\n"
        "Hälsningar\n{{ organisation }}\n"
    ),
)


def diploma_issued_email_queue(*, diploma_id: int, site_url: str) -> OutgoingEmail | None:
    """Queue the participant's e-mail about a diploma; nothing for a diploma that has been
    revoked (or deleted) meanwhile, or for a participant without an e-mail address."""
    diploma = (
        Diploma.objects.select_related("participant__person", "participant__edition__programme")
        .filter(pk=diploma_id)
        .first()
    )
    if diploma is None or not diploma.is_valid:
        return None
    person = diploma.participant.person
    if not person.email:
        return None
    base = site_url.rstrip("/")
    return mail.email_queue(
        organisation=diploma.participant.edition.programme.organisation,
        key="diploma_issued",
        to=[person.email],
        context={
            "name": person.first_name,
            "programme": diploma.programme_name,
            "edition": diploma.edition_name,
            "organisation": diploma.organisation_name,
            "code": diploma.display_code,
            "verify_url": base + reverse("diplomas:diploma_verify_form"),
            "my_diplomas_url": base + reverse("diplomas:my_diplomas"),
        },
    )
