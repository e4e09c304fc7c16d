"""`plantskola compose INSTANCE.json [--time-limit S] [--seed N] [-o SOLUTION.json]`.

The composition engine has its own command line (exit 0 solved, 1 infeasible, 2 malformed);
this command hands it the arguments untouched so both behave identically.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from plantskola.composition.cli import main as compose_main


class Command(BaseCommand):
    help = "Solve a composition instance (groups, selection or matching) from a JSON file."

    def run_from_argv(self, argv: list[str]) -> None:
        sys.exit(compose_main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - see run_from_argv
        raise NotImplementedError
