"""A plan as PDF (WeasyPrint), in Swedish whatever the user's language, like the diplomas."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from django.utils import timezone, translation

from plantskola.development.models_plans import DevelopmentPlan
from plantskola.development.selectors_plans import (
    plan_with_content,
    progress_percent,
    shared_reflections,
)


def plan_html(plan: DevelopmentPlan, *, include_private_reflections: bool) -> str:
    plan = plan_with_content(plan.pk)
    reflections = (
        plan.participant.reflections.select_related("session")
        if include_private_reflections
        else shared_reflections(plan)
    )
    with translation.override("sv"):
        return render_to_string(
            "development/pdf/plan.html",
            {
                "plan": plan,
                "progress": progress_percent(plan.action_count, plan.done_count),  # type: ignore[attr-defined]
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
