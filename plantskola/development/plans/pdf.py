"""A plan as PDF (WeasyPrint), in Swedish whatever the user's language, like the diplomas."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from django.utils import timezone, translation

from plantskola.development.plans.models import DevelopmentPlan
from plantskola.development.plans.selectors import (
    plan_profile,
    plan_progress,
    plan_with_content,
    profile_rows,
    shared_reflections,
)


def plan_html(plan: DevelopmentPlan, *, include_private_reflections: bool) -> str:
    content = plan_with_content(plan.pk)
    reflections = (
        content.participant.reflections.select_related("session")
        if include_private_reflections
        else shared_reflections(content)
    )
    with translation.override("sv"):
        profile = plan_profile(content)
        return render_to_string(
            "development/pdf/plan.html",
            {
                "plan": content,
                "progress": plan_progress(content),
                "profile": profile,
                "profile_rows": profile_rows(content, profile),
                "reflections": list(reflections),
                "printed_on": timezone.localdate(),
            },
        )


def plan_pdf(plan: DevelopmentPlan, *, include_private_reflections: bool) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango and friends takes a moment

    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    html = plan_html(plan, include_private_reflections=include_private_reflections)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
