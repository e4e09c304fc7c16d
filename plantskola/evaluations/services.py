"""Writes: templates and questions, surveys, invitations and reminders, and answering."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Max, Value, When
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plantskola.core.mail.services import email_queue, register_template
from plantskola.core.models import Organisation, Person
from plantskola.evaluations import selectors
from plantskola.evaluations.models import (
    Answer,
    EvaluationSettings,
    Question,
    Response,
    ResponseSignature,
    ResponseToken,
    Survey,
    SurveyTemplate,
)
from plantskola.evaluations.selectors import SurveyTarget
from plantskola.events.models import Event
from plantskola.privacy.audit_changes import audit_suspended
from plantskola.programmes.models import Edition, Module, Session

REMIND_AFTER_DAYS = 3  # the first reminder, after the invitation
REMIND_EVERY_DAYS = 7  # further reminders while the survey is open
MAX_TEXT = 4000

register_template(
    "evaluation_invitation",
    description=gettext_lazy("Invitation to answer an evaluation"),
    subject="Utvärdering: {{ survey }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Vi vill gärna veta vad du tyckte om {{ about }}. Utvärderingen tar några minuter"
        "{% if anonymous %} och är anonym: dina svar sparas utan koppling till dig{% else %}. "
        "Observera att den inte är anonym: koordinatorn ser ditt namn vid dina svar{% endif %}.\n\n"
        "Svara senast {{ closes }} här:\n{{ link }}\n\n"
        "Tack!\n{{ organisation }}\n"
    ),
)
register_template(
    "evaluation_reminder",
    description=gettext_lazy("Reminder to answer an evaluation"),
    subject="Påminnelse: utvärdering av {{ about }}",
    body=(
        "Hej {{ name }}!\n\n"
        "Du har väl inte glömt utvärderingen av {{ about }}? Den är öppen till och med "
        "{{ closes }}.{% if anonymous %} Dina svar är anonyma.{% endif %}\n\n"
        "{{ link }}\n\n"
        "Tack!\n{{ organisation }}\n"
    ),
)


# --- settings, templates and questions --------------------------------------------------------


@transaction.atomic
def settings_update(*, organisation: Organisation, threshold: int) -> EvaluationSettings:
    obj = EvaluationSettings(organisation=organisation, threshold=threshold)
    obj.full_clean(exclude=["organisation"], validate_unique=False)
    obj, _created = EvaluationSettings.objects.update_or_create(
        organisation=organisation, defaults={"threshold": threshold}
    )
    return obj


@transaction.atomic
def template_create(
    *, organisation: Organisation, name: str, description: str = ""
) -> SurveyTemplate:
    name = name.strip()
    if SurveyTemplate.objects.filter(organisation=organisation, name=name).exists():
        raise ValidationError({"name": _("There is already a template with this name.")})
    template = SurveyTemplate(organisation=organisation, name=name, description=description)
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def template_copy(*, template: SurveyTemplate) -> SurveyTemplate:
    """An editable copy of a template and its questions, in the same organisation, named
    "<name> (kopia)" (with a number when that name is taken). A locked template's questions
    are fixed; changing them starts from a copy."""
    base = _("%(name)s (copy)") % {"name": template.name}
    taken = set(
        SurveyTemplate.objects.filter(organisation_id=template.organisation_id).values_list(
            "name", flat=True
        )
    )
    name, number = base[:200], 2
    while name in taken:
        suffix = f" {number}"
        name, number = base[: 200 - len(suffix)] + suffix, number + 1
    copy = SurveyTemplate.objects.create(
        organisation_id=template.organisation_id, name=name, description=template.description
    )
    Question.objects.bulk_create(
        Question(
            template=copy,
            order=q.order,
            kind=q.kind,
            text=q.text,
            scale_min=q.scale_min,
            scale_max=q.scale_max,
            scale_min_label=q.scale_min_label,
            scale_max_label=q.scale_max_label,
            options=q.options,
            required=q.required,
        )
        for q in template.questions.order_by("order", "pk")
    )
    return copy


def template_is_locked(template: SurveyTemplate) -> bool:
    """Questions cannot change once anyone has answered a survey made from the template."""
    return Response.objects.filter(survey__template=template).exists()


@transaction.atomic
def question_add(
    *,
    template: SurveyTemplate,
    kind: str,
    text: str,
    scale_min: int = 1,
    scale_max: int = 6,
    scale_min_label: str = "",
    scale_max_label: str = "",
    options: str = "",
    required: bool = True,
) -> Question:
    if template_is_locked(template):
        raise ValidationError(
            _("Someone has already answered a survey from this template; its questions are fixed.")
        )
    last = template.questions.order_by("-order").values_list("order", flat=True).first() or 0
    question = Question(
        template=template,
        order=last + 1,
        kind=kind,
        text=text.strip(),
        scale_min=scale_min,
        scale_max=scale_max,
        scale_min_label=scale_min_label,
        scale_max_label=scale_max_label,
        options=options if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) else "",
        required=required,
    )
    question.full_clean()
    question.save()
    return question


# --- surveys ------------------------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    template: SurveyTemplate,
    title: str,
    target: SurveyTarget,
    opens_on: dt.date,
    closes_on: dt.date,
    is_anonymous: bool = True,
) -> Survey:
    """Attach a survey from `template` to a Session, Module, Edition or Event."""
    survey = Survey(
        template=template,
        organisation=template.organisation,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        is_anonymous=is_anonymous,
    )
    if isinstance(target, Session):
        survey.target, survey.session, survey.edition = (
            Survey.Target.SESSION,
            target,
            target.edition,
        )
        survey.module = target.module
        owner_id = target.edition.programme.organisation_id
        # A session's survey asks about what happened: not open before the session's day.
        if opens_on < target.date:
            raise ValidationError(
                _("A session's survey opens on the day of the session at the earliest (%(date)s).")
                % {"date": f"{target.date:%Y-%m-%d}"}
            )
    elif isinstance(target, Module):
        survey.target, survey.module, survey.edition = Survey.Target.MODULE, target, target.edition
        owner_id = target.edition.programme.organisation_id
        # A module's survey follows the calendar: not open before its last scheduled day.
        last_day = target.sessions.aggregate(last=Max("date"))["last"]
        if last_day is not None and opens_on < last_day:
            raise ValidationError(
                _("A module's survey opens on the module's last day at the earliest (%(date)s).")
                % {"date": f"{last_day:%Y-%m-%d}"}
            )
    elif isinstance(target, Edition):
        survey.target, survey.edition = Survey.Target.EDITION, target
        owner_id = target.programme.organisation_id
    elif isinstance(target, Event):
        survey.target, survey.event = Survey.Target.EVENT, target
        owner_id = target.organisation_id
    else:
        raise ValidationError(_("Choose what the survey is about."))
    if owner_id != template.organisation_id:
        raise ValidationError(
            _("The template and what the survey is about belong to different organisations.")
        )
    if not template.questions.exists():
        raise ValidationError(_("The template has no questions yet."))
    if not is_anonymous and survey.target != Survey.Target.EDITION:
        raise ValidationError(
            _("Only a needs-and-expectations survey for a whole edition may be non-anonymous.")
        )
    survey.full_clean()
    survey.save()
    return survey


def _link(survey: Survey) -> str:
    site: str = settings.SITE_URL
    return site.rstrip("/") + reverse("evaluations:survey_answer", args=[survey.pk])


def _about(survey: Survey) -> str:
    return str(survey.attached_to)


@transaction.atomic
def tokens_sync(*, survey: Survey) -> int:
    """Create the missing tokens for every respondent at once (sorted by person, unrelated to
    any answering), so that a token's id or position tells nothing about a response."""
    have = set(ResponseToken.objects.filter(survey=survey).values_list("person_id", flat=True))
    missing = sorted(set(selectors.respondents(survey).values_list("pk", flat=True)) - have)
    ResponseToken.objects.bulk_create(
        [ResponseToken(survey=survey, person_id=pid) for pid in missing], ignore_conflicts=True
    )
    return len(missing)


def _mail(survey: Survey, people: list[Person], key: str) -> int:
    count = 0
    for person in people:
        if not person.email:
            continue
        email_queue(
            organisation=survey.organisation,
            key=key,
            to=[person.email],
            context={
                "name": person.first_name,
                "survey": survey.title,
                "about": _about(survey),
                "closes": f"{survey.closes_on:%Y-%m-%d}",
                "anonymous": survey.is_anonymous,
                "link": _link(survey),
                "organisation": survey.organisation.name,
            },
        )
        count += 1
    return count


def _unanswered(survey: Survey) -> list[Person]:
    ids = ResponseToken.objects.filter(survey=survey, used=False).values("person_id")
    return list(Person.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


@transaction.atomic
def survey_send_invitations(*, survey: Survey, today: dt.date) -> int:
    """E-mail everyone who has not answered yet; returns how many e-mails were queued."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if today > survey.closes_on:
        raise ValidationError(_("The survey has closed."))
    tokens_sync(survey=survey)
    count = _mail(survey, _unanswered(survey), "evaluation_invitation")
    survey.invitations_sent_on = today
    survey.save(update_fields=["invitations_sent_on"])
    return count


@transaction.atomic
def surveys_remind(*, today: dt.date) -> int:
    """Remind those who have not answered open surveys: REMIND_AFTER_DAYS after the
    invitation, then every REMIND_EVERY_DAYS. Idempotent: a second run the same day (or
    before the next reminder is due) sends nothing."""
    due = Survey.objects.select_for_update().filter(
        opens_on__lte=today,
        closes_on__gte=today,
        invitations_sent_on__isnull=False,
        invitations_sent_on__lte=today - dt.timedelta(days=REMIND_AFTER_DAYS),
    )
    count = 0
    for survey in due.select_related("organisation"):
        if survey.last_reminder_on and survey.last_reminder_on > today - dt.timedelta(
            days=REMIND_EVERY_DAYS
        ):
            continue
        tokens_sync(survey=survey)
        count += _mail(survey, _unanswered(survey), "evaluation_reminder")
        survey.last_reminder_on = today
        survey.save(update_fields=["last_reminder_on"])
    return count


# --- answering ----------------------------------------------------------------------------------


def _clean_answer(question: Question, value: Any) -> dict[str, Any]:
    """Validate one answer; returns the Answer fields, or {} when left empty."""
    if question.kind == Question.Kind.RATING:
        if value in (None, ""):
            return {}
        try:
            rating = int(value)
        except (TypeError, ValueError):
            rating = None
        if rating is None or not question.scale_min <= rating <= question.scale_max:
            raise ValidationError(
                _("Choose a value from %(low)d to %(high)d.")
                % {"low": question.scale_min, "high": question.scale_max}
            )
        return {"rating": rating}
    if question.is_choice:
        chosen = value if isinstance(value, list) else ([value] if value else [])
        chosen = [str(c) for c in chosen]
        if not chosen:
            return {}
        options = question.option_list
        if any(c not in options for c in chosen) or len(set(chosen)) != len(chosen):
            raise ValidationError(_("Choose among the options given."))
        if question.kind == Question.Kind.SINGLE and len(chosen) > 1:
            raise ValidationError(_("Choose one option only."))
        return {"choices": [o for o in options if o in chosen]}
    text = str(value or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(_("Write at most %(n)d characters.") % {"n": MAX_TEXT})
    return {"text": text} if text else {}


def response_submit(
    *, survey: Survey, person: Person, answers: dict[int, Any], today: dt.date
) -> None:
    """Store one person's answers anonymously and mark their token used.

    `answers` maps question id → value (an int or str for ratings, str for single choice and
    text, a list for multiple choice). All-or-nothing; a `ValidationError` names the problem
    per question (as {"q_<id>": message}) and nothing is stored.
    """
    if not survey.is_open(today):
        raise ValidationError(_("The survey is not open for answers."))
    if not selectors.is_respondent(survey, person.pk):
        raise ValidationError(_("You are not among those asked to answer this survey."))
    # The token exists before the answering transaction (tokens_sync), so its id and position
    # are unrelated to the response's.
    if not ResponseToken.objects.filter(survey=survey, person=person).exists():
        tokens_sync(survey=survey)
    questions = list(survey.template.questions.all())
    known = {q.pk for q in questions}
    if set(answers) - known:
        raise ValidationError(_("The answers do not match the survey's questions."))
    cleaned: dict[int, dict[str, Any]] = {}
    errors: dict[str, list[str]] = {}
    for q in questions:
        try:
            fields = _clean_answer(q, answers.get(q.pk))
        except ValidationError as exc:
            errors[f"q_{q.pk}"] = exc.messages
            continue
        if not fields and q.required:
            errors[f"q_{q.pk}"] = [_("Please answer this question.")]
        elif fields:
            cleaned[q.pk] = fields
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One answer at a time per survey: the reshuffle below rewrites all its responses.
        Survey.objects.select_for_update().get(pk=survey.pk)
        token = ResponseToken.objects.select_for_update().get(survey=survey, person=person)
        if token.used:
            raise ValidationError(_("You have already answered this survey. Thank you!"))
        response = Response.objects.create(
            survey=survey, group_id=selectors.respondent_group_id(survey, person.pk)
        )
        Answer.objects.bulk_create(
            [
                Answer(response=response, question_id=qid, **fields)
                for qid, fields in cleaned.items()
            ]
        )
        # A queryset update (no save(), so no audit entry naming the person and the moment)
        # that rewrites every token of the survey alike: on PostgreSQL each row carries the
        # id of the transaction that last wrote it (xmin), and touching only this person's
        # token would pair it with the new response's transaction.
        ResponseToken.objects.filter(survey=survey).update(
            used=Case(When(person=person, then=Value(True)), default=F("used"))
        )
        if survey.is_anonymous:
            responses_shuffle(survey=survey)
        else:
            ResponseSignature.objects.create(response=response, person=person)


def responses_shuffle(*, survey: Survey) -> None:
    """Rewrite the survey's responses and answers in a random order, so that where a row is
    stored (SQLite's rowid, PostgreSQL's ctid and xmin) says nothing about when it was given:
    after this every response of the survey was written by the same transaction, in an order
    drawn by `secrets`. Ids and contents stay the same. Called in the answering transaction.
    Named (non-anonymous) responses are left alone: they say whose they are anyway."""
    responses = list(Response.objects.filter(survey=survey))
    answers = list(Answer.objects.filter(response__survey=survey))
    rng = secrets.SystemRandom()
    rng.shuffle(responses)
    rng.shuffle(answers)
    # Answers are declared personal data (of a named response); deleting anonymous ones in
    # order to write them back is no change of anybody's data.
    with audit_suspended():
        Answer.objects.filter(response__survey=survey).delete()
        Response.objects.filter(survey=survey).delete()
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)
