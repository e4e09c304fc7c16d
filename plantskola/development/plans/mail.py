"""The e-mails of action plans and roadmaps: their default templates and the words they use.

All four templates are registered here, in a module the plan pages load, so that HR finds them
among the organisation's e-mails whether or not the reminder command has run in this process.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from plantskola.core.mail.services import register_template
from plantskola.development.plans.models import DevelopmentPlan

register_template(
    "plan_followup",
    description=gettext_lazy("Follow-up of the action plan or roadmap, to the participant"),
    subject="Dags att följa upp din {{ plan_kind }} från {{ programme }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Det har nu gått {{ months }} månader sedan {{ edition }} avslutades. Ta en stund och "
        "följ upp din {{ plan_kind }}: vad har du gjort, vad återstår och vilket stöd behöver "
        "du framåt?\n\n"
        "{% if has_plan %}Hittills är {{ progress }} % av dina aktiviteter klara.\n\n{% endif %}"
        "Din plan finns här: {{ url }}\n\n"
        "Vänliga hälsningar\n{{ organisation }}\n"
    ),
)
register_template(
    "plan_followup_manager",
    description=gettext_lazy("Follow-up of a shared action plan or roadmap, to the manager"),
    subject="Uppföljning av {{ participant }}s {{ plan_kind }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Det har nu gått {{ months }} månader sedan {{ participant }} avslutade {{ edition }}. "
        "{{ participant }} har delat sin {{ plan_kind }} med dig; {{ progress }} % av "
        "aktiviteterna är klara. Boka gärna ett uppföljningssamtal.\n\n"
        "Planen finns här: {{ url }}\n\n"
        "Vänliga hälsningar\n{{ organisation }}\n"
    ),
)


register_template(
    "plan_shared",
    description=gettext_lazy("An action plan or roadmap has been shared with you"),
    subject="{{ participant }} har delat sin {{ plan_kind }} med dig",
    body=(
        "Hej {{ name }}!\n\n"
        "{{ participant }} går {{ edition }} och har delat sin {{ plan_kind }} med dig. "
        "Du kan läsa den och skriva kommentarer här: {{ url }}\n\n"
        "Vänliga hälsningar\n{{ organisation }}\n"
    ),
)
# Who commented on whose plan, and a link: never the comment itself. A comment on a private
# plan copied into an e-mail would live on in mailboxes, out of reach of the plan's
# retention and of erasure; the text is not even in the context, so an organisation's own
# version of the template cannot bring it back.
register_template(
    "plan_commented",
    description=gettext_lazy("A new comment on an action plan or roadmap"),
    subject="Ny kommentar på {{ plan_owner }} {{ plan_kind }}",
    body=(
        "Hej {{ name }}!\n\n"
        "{{ author }} har kommenterat {{ plan_owner }} {{ plan_kind }}. Av hänsyn till "
        "integriteten står kommentaren inte i mejlet.\n\n"
        "Läs och svara här när du har loggat in: {{ url }}\n\n"
        "Vänliga hälsningar\n{{ organisation }}\n"
    ),
)


def kind_word(kind: str) -> str:
    """The plan's name inside a Swedish sentence ("din handlingsplan", "sin färdplan")."""
    return "färdplan" if kind == DevelopmentPlan.Kind.ROADMAP else "handlingsplan"


def plan_url(plan: DevelopmentPlan) -> str:
    site_url: str = settings.SITE_URL
    return site_url.rstrip("/") + reverse("development:plan_detail", args=[plan.pk])
