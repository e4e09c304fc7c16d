"""The `plantskola` command: Django's manage.py under the project's name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plantskola.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    # `plantskola import-roster` reads better than Django's `import_roster`; accept both.
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
