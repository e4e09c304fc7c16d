"""The `plantskola` command: Django's manage.py under the project's name.

`plantskola compose ...` runs the composition engine's own command line without loading
Django (the engine needs none of it, and Django's start-up would eat seconds of a user's
time limit); every other command goes to Django.
"""

from __future__ import annotations

import os
import sys

from plantskola.composition.cli import main as compose_main


def main() -> None:
    argv = list(sys.argv)
    if len(argv) > 1 and argv[1] == "compose":
        sys.exit(compose_main(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantskola.settings")
    from django.core.management import execute_from_command_line

    # `plantskola import-roster` reads better than Django's `import_roster`; accept both.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
