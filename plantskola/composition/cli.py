"""`compose INSTANCE.json [--time-limit S] [--seed N] [-o SOLUTION.json]`.

Exit status 0 with the solution (stdout or -o), 1 when the instance is infeasible (the
conflicting constraints named on stderr), 2 when it is malformed (the field named).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import solve
from .errors import Infeasible, MalformedInstance

EXIT_OK, EXIT_INFEASIBLE, EXIT_MALFORMED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plantskola compose",
        description="Solve a composition instance (groups, selection or matching).",
    )
    parser.add_argument("instance", help="instance JSON file ('-' reads stdin)")
    parser.add_argument(
        "--time-limit",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds the solver may use (default 10)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="random seed; the same seed gives the same search (default 0)",
    )
    parser.add_argument(
        "-o", "--output", metavar="SOLUTION.json", help="write the solution here instead of stdout"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = _parser().parse_args(argv)
    if args.time_limit <= 0:
        print("error: --time-limit must be positive", file=sys.stderr)
        return EXIT_MALFORMED
    try:
        text = (
            sys.stdin.read()
            if args.instance == "-"
            else Path(args.instance).read_text(encoding="utf-8")
        )
    except OSError as exc:
        print(f"error: cannot read {args.instance}: {exc.strerror}", file=sys.stderr)
        return EXIT_MALFORMED
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(
            f"malformed instance: not valid JSON (line {exc.lineno}, column {exc.colno}): "
            f"{exc.msg}",
            file=sys.stderr,
        )
        return EXIT_MALFORMED
    try:
        # Reading and parsing the instance come out of the time limit: the user waits for both.
        solution = solve(data, time_limit=args.time_limit, seed=args.seed, started=started)
    except MalformedInstance as exc:
        print(f"malformed instance: field '{exc.field}': {exc.message}", file=sys.stderr)
        return EXIT_MALFORMED
    except Infeasible as exc:
        print(exc.message, file=sys.stderr)
        print("conflicting constraints: " + ", ".join(exc.conflicts), file=sys.stderr)
        return EXIT_INFEASIBLE
    for note in solution.pop("_notes", []):
        print(f"note: {note}", file=sys.stderr)
    output = json.dumps(solution, ensure_ascii=False, indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
