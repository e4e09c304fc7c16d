"""Capacity, one way everywhere (editions and events alike).

Empty means no limit; a number is that many places, at least one (a capacity of 0 is refused
with a message: it read as "no limit" in one place and "full" in another). Withdrawn
participants and cancelled registrations never take a place. Going over the capacity is a
warning to the coordinator (an edition may be overbooked on purpose); an event's
registrations beyond it join the waiting list. A participant is shown the places left only
when it helps: when few are left, or none (then the waiting list is what they need to know).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

CAPACITY_HELP = _("Leave empty for no limit; otherwise the number of places (at least 1).")
CAPACITY_VALIDATORS = [
    MinValueValidator(1, message=_("Leave the capacity empty for no limit, or give at least 1."))
]


@dataclass(frozen=True)
class Places:
    capacity: int | None
    taken: int

    @property
    def limited(self) -> bool:
        return self.capacity is not None

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.taken)

    @property
    def over(self) -> int:
        return 0 if self.capacity is None else max(0, self.taken - self.capacity)

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity

    def after_adding(self, count: int) -> Places:
        return Places(capacity=self.capacity, taken=self.taken + count)

    @property
    def few_left(self) -> bool:
        """Few enough left that a participant should know: at most 5, or a fifth."""
        if self.capacity is None or self.full:
            return False
        return self.capacity - self.taken <= max(5, self.capacity // 5)
