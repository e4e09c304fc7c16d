"""The API's documents, as the OpenAPI document describes them."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field

LOCAL_TIME = "Local time in Sweden (Europe/Stockholm), HH:MM"


class Problem(Schema):
    """RFC 9457 problem details, with a stable machine `code` and a Swedish `detail`."""

    type: str
    title: str
    status: int
    code: str
    detail: str
    instance: str | None = None
    errors: list[dict[str, object]] | None = None


class Organisation(Schema):
    slug: str
    name: str
    kind: str


class Unit(Schema):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    parent_code: str | None
    depth: int


class Person(Schema):
    id: int
    employee_number: str
    first_name: str
    last_name: str
    email: str
    unit_code: str | None
    title: str
    is_manager: bool
    manager_employee_number: str | None
    is_active: bool


class Programme(Schema):
    id: int
    organisation: str
    name: str
    audience: str


class Edition(Schema):
    id: int
    programme_id: int
    name: str
    start_date: datetime.date
    end_date: datetime.date
    status: str
    host: str
    partners: list[str]


class Session(Schema):
    id: int
    edition_id: int
    title: str
    kind: str
    date: datetime.date = Field(
        description="A session is one day; a module of several days has one session per day."
    )
    start_time: str = Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$", description=LOCAL_TIME)
    end_time: str = Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$", description=LOCAL_TIME)
    place: str


class Participant(Schema):
    id: int
    edition_id: int
    organisation: str
    employee_number: str
    first_name: str
    last_name: str
    status: str
    group: str | None


class Diploma(Schema):
    id: int
    code: str
    recipient_name: str
    organisation_name: str
    programme_name: str
    edition_name: str
    edition_id: int
    start_date: datetime.date
    end_date: datetime.date
    issued_at: datetime.datetime
    revoked_at: datetime.datetime | None
    is_valid: bool
    verification_url: str


class OrganisationPage(Schema):
    items: list[Organisation]
    next_cursor: str | None


class UnitPage(Schema):
    items: list[Unit]
    next_cursor: str | None


class PersonPage(Schema):
    items: list[Person]
    next_cursor: str | None


class ProgrammePage(Schema):
    items: list[Programme]
    next_cursor: str | None


class EditionPage(Schema):
    items: list[Edition]
    next_cursor: str | None


class SessionPage(Schema):
    items: list[Session]
    next_cursor: str | None


class ParticipantPage(Schema):
    items: list[Participant]
    next_cursor: str | None


class DiplomaPage(Schema):
    items: list[Diploma]
    next_cursor: str | None


# --- the roster push -------------------------------------------------------------------------


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    return value


# Text the API stores: PostgreSQL cannot hold a NUL character, so it is refused at the edge.
Text = Annotated[str, AfterValidator(_no_nul)]


class RosterRowIn(Schema):
    """One person, with the columns of the roster file (see the README's column list). A key
    that no row gives keeps what is stored; a key that some rows give and others leave out
    is empty in those, as an empty cell would be."""

    model_config = ConfigDict(extra="forbid")

    employee_number: Text = Field(max_length=200)
    first_name: Text = Field(max_length=200)
    last_name: Text = Field(max_length=200)
    unit_code: Text = Field(max_length=200)
    email: Text | None = Field(default=None, max_length=400)
    unit_name: Text | None = Field(default=None, max_length=400)
    unit_kind: Text | None = Field(default=None, max_length=100)
    parent_unit_code: Text | None = Field(default=None, max_length=200)
    title: Text | None = Field(default=None, max_length=400)
    is_manager: bool | Text | None = Field(default=None)
    manager_employee_number: Text | None = Field(default=None, max_length=200)
    gender: Text | None = Field(default=None, max_length=40)
    birth_year: int | Text | None = Field(default=None)


class RosterIn(Schema):
    model_config = ConfigDict(extra="forbid")

    effective_date: datetime.date | None = Field(
        default=None, description="When the changes take effect; today if left out."
    )
    rows: list[RosterRowIn] = Field(max_length=100_000)


class Change(Schema):
    field: str
    old: str
    new: str


class PersonDiff(Schema):
    employee_number: str
    name: str
    kind: str = Field(description="created, updated, left or returned")
    changes: list[Change]


class RosterOut(Schema):
    dry_run: bool
    applied: bool
    replayed: bool = Field(
        default=False, description="True when an Idempotency-Key repeats an applied push."
    )
    counts: dict[str, int]
    diffs: list[PersonDiff] | None = Field(
        default=None, description="What the push changes (dry run only)."
    )
