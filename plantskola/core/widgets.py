"""The searchable select: a text field that becomes an ARIA 1.2 combobox with
`static/js/combobox.js`, searching people or units on the server (`core/search/`), so a page
never ships a list of a thousand units.

The chosen id travels under the field's own name (as for a plain select, so a form posted
with ids still works) and the text under `<name>_search`. Without JavaScript it is a text
field: the user types a name, a unit code or an employee
number, and the form field resolves it within its queryset, with a Swedish error for no match
or several (naming up to five). The multiple choice shows what is chosen as ticked
checkboxes ("chips"); more are typed separated by semicolons.

Use `SearchChoiceField` / `SearchMultipleChoiceField` where a select would pass 20 entries;
set their `queryset` to what the user may choose, as for any model choice field."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from plantskola.core.search.selectors import (
    people_matching,
    person_label,
    unit_label,
    units_matching,
)

# How many candidates an "several match" error names.
NAMED_IN_ERROR = 5


@dataclass(frozen=True)
class Source:
    url_name: str
    label: Callable[[Any], str]
    match: Callable[[Any, str], Any]


SOURCES: Mapping[str, Source] = {
    "people": Source("core:search_people", person_label, people_matching),
    "managers": Source("core:search_managers", person_label, people_matching),
    "units": Source("core:search_units", unit_label, units_matching),
}


@dataclass
class Typed:
    """What the widget's inputs sent: the chosen ids and the text in the field (None when the
    form was posted with ids only)."""

    ids: list[str]
    text: str | None


@dataclass
class Shown:
    """What the widget shows: the chosen options (id, label) and the text in the field."""

    chosen: list[tuple[Any, str]] = field(default_factory=list)
    text: str = ""


class Combobox(forms.Widget):
    template_name = "widgets/combobox.html"

    def __init__(
        self,
        *,
        source: str,
        multiple: bool = False,
        params: Mapping[str, str] | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.source = source
        self.multiple = multiple
        self.params = dict(params or {})

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Typed:
        if hasattr(data, "getlist"):
            ids = data.getlist(name)
        else:
            raw = data.get(name)
            ids = raw if isinstance(raw, list | tuple) else [raw]
        text = data.get(f"{name}_search")
        return Typed(ids=[str(i) for i in ids if i], text=None if text is None else str(text))

    def use_required_attribute(self, initial: Any) -> bool:
        # The text may rightly be empty while an option is chosen (the chips, the hidden id).
        return False

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_search" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        shown = value if isinstance(value, Shown) else Shown()
        url = reverse(SOURCES[self.source].url_name)
        if self.params:
            url += "?" + urlencode(self.params)
        widget = context["widget"]
        widget_id = widget["attrs"].get("id") or f"id_{name}"
        widget["attrs"]["id"] = widget_id
        widget.update(
            chosen=shown.chosen,
            text=shown.text,
            multiple=self.multiple,
            search_url=url,
            base_id=widget_id,
        )
        return context

    def _render(
        self, template_name: str, context: dict[str, Any], renderer: Any = None
    ) -> SafeString:
        # The project's templates, not the form renderer's (which sees only Django's own).
        return mark_safe(render_to_string(template_name, context))  # noqa: S308


def _resolve(queryset: QuerySet[Any], source: Source, text: str) -> Model:
    found: list[Model] = list(source.match(queryset, text)[: NAMED_IN_ERROR + 1])
    if not found:
        raise ValidationError(
            _("Nothing matches “%(text)s”. Check the spelling, or type the code or number."),
            code="no_match",
            params={"text": text},
        )
    if len(found) > 1:
        names = "; ".join(source.label(o) for o in found[:NAMED_IN_ERROR])
        if len(found) > NAMED_IN_ERROR:
            names += " …"
        raise ValidationError(
            _("Several match “%(text)s”: %(names)s. Type more of the name, or the code or number."),
            code="several",
            params={"text": text, "names": names},
        )
    return found[0]


class SearchChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """One person or unit, searched; the queryset is what may be chosen."""

    def __init__(
        self,
        queryset: QuerySet[Any],
        *,
        source: str,
        params: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", Combobox(source=source, params=params))
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset, **kwargs)
        self.source = SOURCES[source]

    @property
    def _choosable(self) -> QuerySet[Any]:
        queryset = self.queryset
        if queryset is None:
            raise ImproperlyConfigured("a search field needs a queryset")
        return queryset

    def _chosen(self, ids: list[str], text: str) -> Model | None:
        for pk in ids:
            if pk.isdigit():
                obj: Model | None = self._choosable.filter(pk=pk).first()
                if obj is not None and self.source.label(obj) == text:
                    return obj
        return None

    def to_python(self, value: Any) -> Any:
        if not isinstance(value, Typed):
            return super().to_python(value)
        if value.text is None:
            return super().to_python(value.ids[0] if value.ids else None)
        text = value.text.strip()
        if not text:
            return None
        chosen = self._chosen(value.ids, text)
        if chosen is not None:
            return chosen
        model = self._choosable.model
        for pk in value.ids:
            # Found by the search but not among this field's choices (already added, say).
            other = model._default_manager.filter(pk=pk).first() if pk.isdigit() else None
            if other is not None and self.source.label(other) == text:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return _resolve(self._choosable, self.source, text)

    def prepare_value(self, value: Any) -> Shown:
        if isinstance(value, Shown):
            return value
        if isinstance(value, Typed):
            if value.text is None:
                return self.prepare_value(value.ids[0] if value.ids else None)
            obj = self._chosen(value.ids, value.text.strip())
            chosen = [(obj.pk, self.source.label(obj))] if obj else []
            return Shown(chosen, value.text)
        if isinstance(value, Model):
            obj = value
        elif value in self.empty_values:
            return Shown()
        else:
            obj = self._choosable.filter(pk=value).first() if str(value).isdigit() else None
        if obj is None:
            return Shown()
        label = self.source.label(obj)
        return Shown([(obj.pk, label)], label)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            new = self.to_python(data)
        except ValidationError:
            return True
        old = initial.pk if isinstance(initial, Model) else initial
        return str(new.pk if new is not None else "") != str(old if old is not None else "")


class SearchMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Several people or units, searched; chosen ones are ticked, more typed with `;`."""

    def __init__(
        self,
        queryset: QuerySet[Any],
        *,
        source: str,
        params: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("widget", Combobox(source=source, multiple=True, params=params))
        super().__init__(queryset, **kwargs)
        self.source = SOURCES[source]

    @property
    def _choosable(self) -> QuerySet[Any]:
        queryset = self.queryset
        if queryset is None:
            raise ImproperlyConfigured("a search field needs a queryset")
        return queryset

    def _from_ids(self, ids: list[str]) -> list[Model]:
        pks = [pk for pk in ids if pk.isdigit()]
        return list(self._choosable.filter(pk__in=pks)) if pks else []

    def clean(self, value: Any) -> Any:
        if not isinstance(value, Typed):
            return super().clean(value)
        if value.text is None:
            # Ids only, as from a plain multiple select (`clean` of the base class would read
            # them through `prepare_value`, which here makes what the widget shows).
            if not value.ids:
                if self.required:
                    raise ValidationError(self.error_messages["required"], code="required")
                return self._choosable.none()
            checked: QuerySet[Any] = self._check_values(value.ids)  # type: ignore[attr-defined]
            self.run_validators(checked)
            return checked
        if len(self._from_ids(value.ids)) != len({pk for pk in value.ids}):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        chosen = {obj.pk: obj for obj in self._from_ids(value.ids)}
        errors: list[ValidationError] = []
        for part in re.split(r"[;\n]", value.text):
            part = part.strip()
            if not part:
                continue
            try:
                obj = _resolve(self._choosable, self.source, part)
            except ValidationError as error:
                errors.append(error)
            else:
                chosen.setdefault(obj.pk, obj)
        if errors:
            raise ValidationError(errors)
        if self.required and not chosen:
            raise ValidationError(self.error_messages["required"], code="required")
        result = self._choosable.filter(pk__in=list(chosen))
        self.run_validators(result)
        return result

    def prepare_value(self, value: Any) -> Shown:
        if isinstance(value, Shown):
            return value
        if isinstance(value, Typed):
            chosen = [(o.pk, self.source.label(o)) for o in self._from_ids(value.ids)]
            return Shown(chosen, value.text or "")
        if value in self.empty_values:
            return Shown()
        items = value if isinstance(value, list | tuple | QuerySet) else [value]
        objs = [o for o in items if isinstance(o, Model)]
        ids = [str(o) for o in items if not isinstance(o, Model)]
        objs += self._from_ids(ids)
        return Shown([(o.pk, self.source.label(o)) for o in objs])

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            new = {str(o.pk) for o in self.clean(data)} if data is not None else set()
        except ValidationError:
            return True
        old = {str(o.pk if isinstance(o, Model) else o) for o in (initial or [])}
        return new != old
