"""`plantskola demo`: load the demo data and print one login per role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from plantskola.demo.loader import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo organisations, people and the five programmes."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            summary = demo_load()
        out = self.stdout
        out.write(self.style.SUCCESS(f"Demodata inläst på {summary.seconds:.1f} s."))
        out.write("")
        out.write(f"{'Organisation':<32} {'Enheter':>7} {'Personer':>8} {'Chefer':>6}")
        for name, units, people, managers in summary.organisations:
            out.write(f"{name:<32} {units:>7} {people:>8} {managers:>6}")
        out.write("")
        out.write(f"{'Program':<58} {'Omgångar':>8} {'Deltagare':>9} {'Tillfällen':>10}")
        for org, programme, editions, participants, sessions in summary.programmes:
            label = f"{programme} ({org})"
            out.write(f"{label:<58} {editions:>8} {participants:>9} {sessions:>10}")
        out.write("")
        out.write(f"Inloggningar – lösenord för alla: {DEMO_PASSWORD}")
        if settings.OTP_REQUIRED:
            out.write(
                "Tvåstegsinloggning är på: admin, HR och koordinatorer aktiverar en "
                "autentiseringsapp vid första inloggningen (QR-kod eller nyckel på sidan). "
                "Sätt OTP_REQUIRED=false för att prova demon utan (det gör `make demo`)."
            )
        else:
            out.write("Demoläge: tvåstegsinloggning är avstängd (OTP_REQUIRED=false).")
        width = max(len(username) for username, _, _ in summary.logins)
        for username, sees, person in summary.logins:
            out.write(f"  {username:<{width}}  {sees}")
            if person:
                out.write(f"  {'':<{width}}  ({person})")
