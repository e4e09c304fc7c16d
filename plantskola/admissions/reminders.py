"""Reminders to managers whose reference is still missing shortly before the deadline."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy

from plantskola.admissions.models import Reference
from plantskola.core.mail.services import email_queue, register_template

REMIND_DAYS_BEFORE = 3

register_template(
    "reference_reminder",
    description=gettext_lazy("Reminder to a manager about a missing reference"),
    subject="Påminnelse: referens för {{ applicant }} senast {{ deadline }}",
    body=(
        "Hej {{ name }}!\n\nVi saknar fortfarande din referens för {{ applicant }}, som har sökt "
        "till {{ call }}. Använd länken i vårt tidigare e-brev; den gäller till och med "
        "{{ deadline }}. Har du inte kvar brevet, eller kan du inte lämna en referens, kontakta "
        "{{ organisation }}s hr.\n\nMed vänliga hälsningar\n{{ organisation }}\n"
    ),
)


@transaction.atomic
def references_remind(*, today: dt.date) -> int:
    """Remind once, REMIND_DAYS_BEFORE days or fewer before the references deadline; returns
    how many reminders were queued. The link itself is not resent: only its hash is stored."""
    due = (
        # Lock only the references: PostgreSQL cannot lock the outer-joined decision side.
        Reference.objects.select_for_update(of=("self",))
        .filter(
            status=Reference.Status.REQUESTED,
            reminders_sent=0,
            expires_on__gte=today,
            expires_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
            application__call__decision__isnull=True,
            application__weeded_at__isnull=True,
            manager__isnull=False,
        )
        .select_related(
            "manager",
            "application__applicant",
            "application__call__edition__programme__organisation",
        )
    )
    count = 0
    for reference in due:
        call = reference.application.call
        organisation = call.edition.programme.organisation
        if reference.manager is not None and reference.manager.email:
            email_queue(
                organisation=organisation,
                key="reference_reminder",
                to=[reference.manager.email],
                context={
                    "name": reference.manager.first_name,
                    "applicant": reference.application.applicant_name,
                    "call": call.title,
                    "deadline": reference.expires_on.isoformat(),
                    "organisation": organisation.name,
                },
            )
            count += 1
        reference.reminders_sent += 1
        reference.save(update_fields=["reminders_sent"])
    return count
