"""Helpers every view uses to render a page the same way: breadcrumbs and the form page."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

# (url or None for the current page, label)
Crumb = tuple[str | None, "str | Promise"]


def breadcrumbs(*parts: Crumb | Iterable[Crumb]) -> list[Crumb]:
    """A breadcrumb trail from crumbs and trails (a trail is any iterable of crumbs), in order:
    `breadcrumbs(edition_trail(edition), (None, _("Groups")))`."""
    trail: list[Crumb] = []
    for part in parts:
        if isinstance(part, tuple):
            trail.append(part)
        else:
            trail.extend(part)
    return trail


def errors_to_form(form: BaseForm, error: ValidationError) -> None:
    """A service's ValidationError onto the form: each field's messages beside that field (if
    the form has it), the rest at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)


def form_page(
    request: HttpRequest,
    form: BaseForm,
    *,
    title: str | Promise,
    crumbs: Iterable[Crumb] = (),
    cancel_url: str = "",
    intro: str | Promise = "",
) -> HttpResponse:
    """The one page for a form: title, optional intro, the form, Save and Cancel. A form with
    errors answers 400, so that a failed submission is never mistaken for a success."""
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "cancel_url": cancel_url,
        "crumbs": list(crumbs),
    }
    return render(request, "form_page.html", context, status=400 if form.errors else 200)


# Pages of a lower app that show sections built by higher apps (the start page shows the
# programmes; a person's page their participations) ask here; the higher app registers its
# part from its `AppConfig.ready`, so that apps depend downward only.
SectionBuilder = Callable[..., dict[str, object]]
_SECTIONS: dict[str, dict[str, SectionBuilder]] = {}


def register_sections(page: str, key: str, builder: SectionBuilder) -> None:
    """Register (or, for the same key, replace) a builder of context for `page`."""
    _SECTIONS.setdefault(page, {})[key] = builder


def sections(page: str, **kwargs: object) -> dict[str, object]:
    """The context every registered builder gives for `page`, merged in registration order."""
    context: dict[str, object] = {}
    for builder in _SECTIONS.get(page, {}).values():
        context.update(builder(**kwargs))
    return context
