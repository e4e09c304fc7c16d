"""What the evaluations app holds about people (see plantskola/core/declarations.py).

Anonymous responses (Response, Answer) have no link to anyone and are not personal data; the
token only says whether the person has answered. A named needs-and-expectations survey links
the person to their response through ResponseSignature, and that response is theirs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from plantskola.core.declarations import Erasure, Ground, declare
from plantskola.evaluations.models import Answer, ResponseSignature, ResponseToken

EVALUATION = _("Evaluating and improving the programmes")

declare(
    ResponseToken,
    subject="person_id",
    fields=("survey", "used"),
    category=_("Surveys you were asked to answer"),
    purpose=EVALUATION,
    ground=Ground.PUBLIC_TASK,
    retention=_("Until the survey closes and its reminders are done, then two years"),
    recipients=_("Nobody: only stops answering twice"),
)
declare(
    ResponseSignature,
    subject="person_id",
    fields=("response",),
    category=_("Named survey answers"),
    purpose=_("Shaping an edition after the participants' prior knowledge and needs"),
    ground=Ground.PUBLIC_TASK,
    retention=_("Until the edition ends"),
    recipients=_("The edition's coordinators"),
    erasure=Erasure.DELETE,
)
declare(
    Answer,
    subject="response__signature__person_id",
    fields=("question", "rating", "choices", "text"),
    category=_("Named survey answers"),
    purpose=_("Shaping an edition after the participants' prior knowledge and needs"),
    ground=Ground.PUBLIC_TASK,
    retention=_("Until the edition ends"),
    recipients=_("The edition's coordinators"),
    erasure=Erasure.DELETE,
)
