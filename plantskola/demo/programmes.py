"""Demo network profiles: about a third of the participants and alumni of each programme show
their work e-mail, some a phone number and a line about themselves; a few leave the directory.
Idempotent: one profile per person, upserted."""

from __future__ import annotations

from plantskola.programmes.models import NetworkProfile, Participant

# After the admissions demo, which adds Ledarlabbet's admitted participants.
RUNS_LAST = True

TOPICS = [
    "Gärna samtal om att leda på distans och i förändring.",
    "Vill byta erfarenheter om arbetsmiljö och rekrytering.",
    "Intresserad av verksamhetsutveckling och digitalisering.",
    "Leder team i skift – hör gärna av dig om schemaläggning.",
]


def load() -> None:
    person_ids = sorted(
        set(
            Participant.objects.filter(
                status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED]
            ).values_list("person_id", flat=True)
        )
    )
    existing = set(
        NetworkProfile.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True)
    )
    new = []
    for i, person_id in enumerate(person_ids):
        if i % 3 != 0 or person_id in existing:
            continue
        new.append(
            NetworkProfile(
                person_id=person_id,
                listed=i % 29 != 0,
                share_email=True,
                phone=f"0{70 + i % 4}-{100 + i % 900} {10 + i % 90:02d} {10 + i % 80:02d}"
                if i % 2 == 0
                else "",
                share_phone=i % 2 == 0,
                presentation=TOPICS[i % len(TOPICS)] if i % 4 == 0 else "",
            )
        )
    NetworkProfile.objects.bulk_create(new)
