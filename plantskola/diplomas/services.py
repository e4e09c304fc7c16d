"""Writes: issuing, revoking and reissuing diplomas, and an organisation's diploma settings."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from plantskola.core.models import Organisation, User
from plantskola.diplomas import tasks
from plantskola.diplomas.models import Diploma, DiplomaSettings, new_code
from plantskola.diplomas.selectors import edition_participants_to_issue
from plantskola.programmes.completion.selectors import edition_diploma_date
from plantskola.programmes.models import Edition, Participant, Session


def _settings_for(edition: Edition) -> DiplomaSettings:
    organisation = edition.programme.organisation
    found = DiplomaSettings.objects.filter(organisation=organisation).first()
    if found is None or not found.signatories:
        raise ValidationError(
            _(
                "%(organisation)s has no signatories for diplomas yet. Add them in the diploma "
                "settings first."
            )
            % {"organisation": organisation.name}
        )
    return found


def _module_lines(participant: Participant) -> list[dict[str, str]]:
    """The edition's modules with their length; an edition planned without modules lists its
    sessions instead (the participant's group's and the whole edition's, ceremony excluded)."""
    edition = participant.edition
    modules = list(edition.modules.order_by("order", "id"))
    if modules:
        return [{"name": m.name, "days": f"{m.length_days.normalize():f}"} for m in modules]
    sessions = (
        Session.objects.filter(edition=edition)
        .filter(Q(group__isnull=True) | Q(group_id=participant.group_id))
        .exclude(kind=Session.Kind.CEREMONY)
        .order_by("date", "start_time")
    )
    lines: dict[str, int] = {}
    for s in sessions:  # a session is one day
        lines[s.title] = lines.get(s.title, 0) + 1
    return [{"name": title, "days": str(days)} for title, days in lines.items()]


def _new_diploma(
    *,
    participant: Participant,
    settings: DiplomaSettings,
    issued_by: User | None,
    issued_at: dt.datetime,
    replaces: Diploma | None = None,
) -> Diploma:
    edition = participant.edition
    fields = {
        "participant": participant,
        "recipient_name": participant.person.full_name,
        "organisation_name": edition.programme.organisation.name,
        "programme_name": edition.programme.name,
        "edition_name": edition.name,
        "start_date": edition.start_date,
        "end_date": edition.end_date,
        "modules": _module_lines(participant),
        "signatories": [{"name": n, "title": t} for n, t in settings.signatories],
        "extra_text": settings.extra_text.strip(),
        "issued_at": issued_at,
        "dated_on": edition_diploma_date(edition) or timezone.localdate(issued_at),
        "issued_by": issued_by,
        "replaces": replaces,
    }
    # 60 random bits make a clash all but impossible; the unique index has the last word.
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Diploma.objects.create(code=new_code(), **fields)
        except IntegrityError:
            if Diploma.objects.filter(participant=participant).valid().exists():
                raise
    raise RuntimeError("could not draw a unique verification code")


def _notify(diploma: Diploma, *, site_url: str) -> None:
    """Tell the participant once the diploma is committed, through the task queue (one task
    per diploma; the task sends nothing for a diploma revoked before it runs)."""
    diploma_id = diploma.pk
    transaction.on_commit(lambda: tasks.diploma_issued_notify.enqueue(diploma_id, site_url))


def _require_completed(participant: Participant) -> None:
    if participant.status != Participant.Status.COMPLETED:
        raise ValidationError(
            _("%(name)s has not completed the programme; only those who have get a diploma.")
            % {"name": participant.person.full_name}
        )


@transaction.atomic
def diploma_issue(
    *,
    participant: Participant,
    issued_by: User | None,
    issued_at: dt.datetime | None = None,
    site_url: str | None = None,
) -> tuple[Diploma, bool]:
    """The participant's valid diploma, issued now if they have none (issuing is idempotent).

    Returns (diploma, created). With `site_url` the participant is told by e-mail.
    """
    # Lock the participant row so two coordinators clicking at once cannot both issue.
    participant = (
        Participant.objects.select_for_update()
        .select_related("person", "edition__programme__organisation")
        .get(pk=participant.pk)
    )
    existing = Diploma.objects.filter(participant=participant).valid().first()
    if existing is not None:
        return existing, False
    _require_completed(participant)
    settings = _settings_for(participant.edition)
    diploma = _new_diploma(
        participant=participant,
        settings=settings,
        issued_by=issued_by,
        issued_at=issued_at or timezone.now(),
    )
    if site_url:
        _notify(diploma, site_url=site_url)
    return diploma, True


@transaction.atomic
def diplomas_issue_for_edition(
    *,
    edition: Edition,
    issued_by: User | None,
    issued_at: dt.datetime | None = None,
    site_url: str | None = None,
) -> list[Diploma]:
    """Issue a diploma to every participant who completed and has no valid one; all or none."""
    _settings_for(edition)  # a clear message before anything else when signatories are missing
    issued = []
    for participant in edition_participants_to_issue(edition=edition).order_by("pk"):
        diploma, created = diploma_issue(
            participant=participant, issued_by=issued_by, issued_at=issued_at, site_url=site_url
        )
        if created:
            issued.append(diploma)
    return issued


@transaction.atomic
def diploma_revoke(*, diploma: Diploma, reason: str, revoked_by: User | None) -> Diploma:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for revoking the diploma."))
    diploma = Diploma.objects.select_for_update().get(pk=diploma.pk)
    if not diploma.is_valid:
        raise ValidationError(_("The diploma has already been revoked."))
    diploma.revoked_at = timezone.now()
    diploma.revoked_by = revoked_by
    diploma.revoke_reason = reason
    diploma.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return diploma


@transaction.atomic
def diploma_reissue(
    *, diploma: Diploma, issued_by: User | None, site_url: str | None = None
) -> Diploma:
    """A new diploma (new code, today's details) in place of a revoked one; the old one stays
    revoked. The participant must still have completed and have no other valid diploma."""
    diploma = Diploma.objects.select_for_update().get(pk=diploma.pk)
    if diploma.is_valid:
        raise ValidationError(_("Revoke the diploma before reissuing it."))
    if hasattr(diploma, "replaced_by"):
        raise ValidationError(_("This diploma has already been reissued."))
    participant = (
        Participant.objects.select_for_update()
        .select_related("person", "edition__programme__organisation")
        .get(pk=diploma.participant_id)
    )
    if Diploma.objects.filter(participant=participant).valid().exists():
        raise ValidationError(
            _("%(name)s already has a valid diploma.") % {"name": participant.person.full_name}
        )
    _require_completed(participant)
    new = _new_diploma(
        participant=participant,
        settings=_settings_for(participant.edition),
        issued_by=issued_by,
        issued_at=timezone.now(),
        replaces=diploma,
    )
    if site_url:
        _notify(new, site_url=site_url)
    return new


@transaction.atomic
def diploma_settings_save(
    *,
    organisation: Organisation,
    signatories: list[tuple[str, str]],
    extra_text: str,
    logo: tuple[bytes, str] | None,
    remove_logo: bool,
    updated_by: User | None,
) -> DiplomaSettings:
    """Save an organisation's diploma settings. `logo` is (bytes, content type), already
    checked to be a PNG or JPEG image; None keeps the current logo unless `remove_logo`."""
    settings, _created = DiplomaSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    padded = (list(signatories) + [("", "")] * 3)[:3]
    for n, (name, title) in enumerate(padded, start=1):
        setattr(settings, f"signatory{n}_name", name.strip())
        setattr(settings, f"signatory{n}_title", title.strip())
    settings.extra_text = extra_text.strip()
    if logo is not None:
        settings.logo, settings.logo_content_type = logo
    elif remove_logo:
        settings.logo, settings.logo_content_type = None, ""
    settings.updated_by = updated_by
    settings.full_clean(exclude=["organisation", "updated_by"])
    settings.save()
    return settings
