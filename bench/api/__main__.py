"""Benchmark of the API: a roster push of N people (dry run and applied, first and repeated)
and the p95 of the list endpoints, on a fresh database of its own.

    nice -n 19 python -m bench.api [--people 50000] [--list-people 15000] [--repeat 20]

Uses DATABASE_URL if set (PostgreSQL is what production runs), else a temporary SQLite file.
Prints the timings; nothing is kept.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import tempfile
import time
from typing import Any


def _rows(n: int) -> list[dict[str, Any]]:
    """A municipality: 20 administrations, 10 units each, a manager per unit."""
    rows: list[dict[str, Any]] = []
    units = [(f"F{a}", f"F{a}-E{u}") for a in range(20) for u in range(10)]
    for a in range(20):
        rows.append(
            {
                "employee_number": f"C{a}",
                "first_name": "Chef",
                "last_name": f"F{a}",
                "unit_code": f"F{a}",
                "unit_name": f"Förvaltning {a}",
                "unit_kind": "förvaltning",
                "is_manager": True,
            }
        )
    for i, (admin, unit) in enumerate(units):
        rows.append(
            {
                "employee_number": f"M{i}",
                "first_name": "Chef",
                "last_name": unit,
                "unit_code": unit,
                "parent_unit_code": admin,
                "is_manager": True,
                "manager_employee_number": f"C{admin[1:]}",
            }
        )
    for p in range(n - len(rows)):
        i = p % len(units)
        rows.append(
            {
                "employee_number": f"E{p}",
                "first_name": f"Förnamn{p}",
                "last_name": "Efternamn",
                "unit_code": units[i][1],
                "title": "Undersköterska",
                "manager_employee_number": f"M{i}",
                "email": f"e{p}@kommun.example",
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--list-people", type=int, default=15_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="plantskola-bench-api-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("API_TOKEN_LIMIT", "1000000")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantskola.settings")
    import django  # noqa: PLC0415 - settings come from the environment set above

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from plantskola.api.tokens.services import api_token_create  # noqa: PLC0415
    from plantskola.core.models import Organisation  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(name="Benchkommun", slug="bench")
    _token, secret = api_token_create(
        organisation=org,
        name="bench",
        scopes=["roster:write", "people:read"],
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = "/api/v1/organisations/bench/roster"

    def push(rows: list[dict[str, Any]], query: str = "") -> float:
        body = json.dumps({"rows": rows})
        start = time.perf_counter()
        response = client.put(url + query, data=body, content_type="application/json")
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, response.content[:500]
        return elapsed

    rows = _rows(args.list_people)
    push(rows)
    people = "/api/v1/organisations/bench/people"
    times = []
    cursor = ""
    for _ in range(args.repeat):
        start = time.perf_counter()
        response = client.get(people, {"limit": 100, **({"cursor": cursor} if cursor else {})})
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
        cursor = response.json()["next_cursor"] or ""
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"people list at {args.list_people} people, 100 a page: p95 {p95 * 1000:.0f} ms, "
        f"median {statistics.median(times) * 1000:.0f} ms"
    )

    rows = _rows(args.people)
    print(f"roster push of {len(rows)} people ({len(json.dumps({'rows': rows})) / 1e6:.1f} MB):")
    print(f"  dry run:                 {push(rows, '?dry_run=true'):.1f} s")
    print(f"  applied (mostly new):    {push(rows):.1f} s")
    print(f"  applied again (no change): {push(rows):.1f} s")


if __name__ == "__main__":
    main()
