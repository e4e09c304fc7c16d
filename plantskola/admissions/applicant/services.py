"""The admitted applicant's answer to the offered place. Accepting tells their closest manager;
declining tells the coordinators, who confirm offering the place to the first reserve
(`plantskola.admissions.decision.services.place_offer_to_reserve`)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.admissions.applicant.selectors import can_answer_place
from plantskola.admissions.models import Application
from plantskola.admissions.selectors import call_coordinator_emails
from plantskola.core.mail.services import email_queue, register_template

_SIGNATURE = "\n\nMed vänliga hälsningar\n{{ organisation }}\n"
register_template(
    "place_accepted_manager",
    description=gettext_lazy("To the manager: their employee accepted a place"),
    subject="{{ applicant }} börjar i {{ call }}",
    body="Hej {{ name }}!\n\n{{ applicant }} har antagits till {{ call }} och tackat ja till "
    "platsen. Programmet startar {{ start }}; schemat finns i Plantskola. Planera gärna för "
    "tiden hen är borta från arbetet." + _SIGNATURE,
)
register_template(
    "place_declined_coordinator",
    description=gettext_lazy("To the coordinators: an admitted applicant declined the place"),
    subject="{{ applicant }} tackade nej till platsen i {{ call }}",
    body="Hej!\n\n{{ applicant }} har tackat nej till sin plats i {{ call }}. På beslutssidan "
    "kan du erbjuda platsen till första reserven:\n\n{{ link }}" + _SIGNATURE,
)


@transaction.atomic
def place_answer(*, application: Application, accept: bool) -> Application:
    """The admitted applicant accepts or declines the place, once."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant", "manager", "call__edition__programme__organisation")
        .get(pk=application.pk)
    )
    if not can_answer_place(application):
        raise ValidationError(_("Only an admitted applicant can answer the offer, and only once."))
    application.place_answer = (
        Application.PlaceAnswer.ACCEPTED if accept else Application.PlaceAnswer.DECLINED
    )
    application.place_answered_at = timezone.now()
    application.save(update_fields=["place_answer", "place_answered_at", "updated_at"])
    call = application.call
    organisation = call.edition.programme.organisation
    if accept:
        manager = application.manager
        if manager is not None and manager.email:
            email_queue(
                organisation=organisation,
                key="place_accepted_manager",
                to=[manager.email],
                context={
                    "name": manager.first_name,
                    "applicant": application.applicant_name,
                    "call": call.title,
                    "start": call.edition.start_date.isoformat(),
                    "organisation": organisation.name,
                },
            )
    else:
        coordinators = call_coordinator_emails(call)
        if coordinators:
            link = str(settings.SITE_URL).rstrip("/") + reverse(
                "admissions:decision_detail", args=[call.pk]
            )
            email_queue(
                organisation=organisation,
                key="place_declined_coordinator",
                to=coordinators,
                context={
                    "applicant": application.applicant_name,
                    "call": call.title,
                    "link": link,
                    "organisation": organisation.name,
                },
            )
    return application
