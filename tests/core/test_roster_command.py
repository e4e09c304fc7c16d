"""`plantskola import-roster`: output, dry run, errors and exit status."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from plantskola.core.models import Organisation, OrgUnit, Person, PersonChange

ROSTER = """\
anställningsnummer;förnamn;efternamn;e-post;enhetskod;enhet;chef;närmaste chef
100;Anna;Berg;anna@ex.se;ADM;Förvaltningen;ja;
101;Bo;Ek;bo@ex.se;EN1;Enhet 1;nej;100
"""


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def organisation() -> Organisation:
    return Organisation.objects.create(name="Exempel kommun", slug="exempel")


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "personal.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ROSTER.encode())
    return path


def import_roster(*args: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_roster", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_the_command_imports_the_file_and_prints_the_counts_and_changes(
    organisation: Organisation, roster: Path
) -> None:
    out, err = import_roster(roster, "--organisation", "exempel", "--effective-date", "2025-02-01")
    assert "Created 2, updated 0, marked 0 as left" in out
    assert "2 new units" in out
    assert "created 101 Bo Ek" in out
    assert "Closest manager: - → Anna Berg (100)" in out
    assert err == ""
    bo = Person.objects.get(employee_number="101")
    assert bo.manager is not None and bo.manager.employee_number == "100"
    assert bo.changes.get().effective_date == datetime.date(2025, 2, 1)


@pytest.mark.django_db
def test_the_effective_date_defaults_to_today_in_sweden(
    organisation: Organisation, roster: Path
) -> None:
    import_roster(roster, "--organisation", "exempel")
    stockholm_today = datetime.datetime.now(ZoneInfo("Europe/Stockholm")).date()
    change = PersonChange.objects.first()
    assert change is not None and change.effective_date == stockholm_today


@pytest.mark.django_db
def test_a_dry_run_prints_what_would_change_and_writes_nothing(
    organisation: Organisation, roster: Path
) -> None:
    out, _ = import_roster(roster, "--organisation", "exempel", "--dry-run")
    assert "Dry run: nothing was written." in out
    assert "Would create 2, update 0" in out
    assert "would create 100 Anna Berg" in out
    assert (Person.objects.count(), OrgUnit.objects.count(), PersonChange.objects.count()) == (
        0,
        0,
        0,
    )


@pytest.mark.django_db
def test_a_bad_file_prints_every_error_and_exits_with_status_1(
    organisation: Organisation, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(ROSTER.replace("bo@ex.se", "bo@").replace(";100\n", ";999\n"))
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_roster", str(path), "--organisation", "exempel", stderr=err)
    assert raised.value.returncode == 1
    assert "2 errors; nothing was written" in str(raised.value)
    assert err.getvalue().splitlines() == [
        "Row 3: 'bo@' in 'e-post' is not an e-mail address.",
        "Row 3: closest manager '999' is not in the file.",
    ]
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_an_unknown_organisation_is_a_clear_error(organisation: Organisation, roster: Path) -> None:
    with pytest.raises(CommandError, match="no organisation with the short name 'nowhere'"):
        import_roster(roster, "--organisation", "nowhere")


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_error(organisation: Organisation, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        import_roster(tmp_path / "missing.csv", "--organisation", "exempel")


@pytest.mark.django_db
def test_a_malformed_effective_date_is_a_clear_error(
    organisation: Organisation, roster: Path
) -> None:
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        import_roster(roster, "--organisation", "exempel", "--effective-date", "1/2/2025")


def test_the_plantskola_command_exits_1_on_a_bad_file_and_0_on_a_good_one(
    tmp_path: Path, roster: Path
) -> None:
    # A separate process cannot see the test database: give it its own SQLite file.
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'roster.sqlite3'}",
        "PLANTSKOLA_VAR_DIR": str(tmp_path),
    }
    script = Path(sys.executable).parent / "plantskola"
    plantskola = [str(script)] if script.exists() else [sys.executable, "-m", "plantskola"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603 - our own command with fixed arguments
            plantskola + list(args), env=env, capture_output=True, text=True, timeout=120
        )

    assert run("migrate", "--verbosity", "0").returncode == 0
    setup = "from plantskola.core.models import Organisation as O; O.objects.create(slug='ex')"
    assert run("shell", "-c", setup).returncode == 0

    bad = tmp_path / "bad.csv"
    bad.write_text(ROSTER.replace("bo@ex.se", "bo@"))
    failed = run("import-roster", str(bad), "--organisation", "ex")
    assert failed.returncode == 1
    # The command speaks Swedish by default: check the value, not the words around it.
    assert "3" in failed.stderr and "bo@" in failed.stderr

    done = run("import-roster", str(roster), "--organisation", "ex", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") >= 3


@pytest.mark.django_db
def test_a_file_that_ends_most_people_needs_their_number_confirmed(
    organisation: Organisation, roster: Path, tmp_path: Path
) -> None:
    import_roster(roster, "--organisation", "exempel")
    only_anna = tmp_path / "anna.csv"
    only_anna.write_text(ROSTER.splitlines()[0] + "\n" + ROSTER.splitlines()[1] + "\n")
    with pytest.raises(CommandError, match="--confirm-leavers 1") as raised:
        import_roster(only_anna, "--organisation", "exempel")
    assert raised.value.returncode == 1
    assert Person.objects.filter(is_active=True).count() == 2
    with pytest.raises(CommandError, match="--confirm-leavers 1"):
        import_roster(only_anna, "--organisation", "exempel", "--confirm-leavers", "2")
    out, _err = import_roster(only_anna, "--organisation", "exempel", "--confirm-leavers", "1")
    assert "marked 1 as left" in out
    assert Person.objects.filter(is_active=True).count() == 1
