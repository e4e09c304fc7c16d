"""Browser tests: pytest-playwright driving Debian's Chromium, axe on every page visited."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# Playwright's sync API runs an event loop in the test thread from the first browser test on
# (a session fixture); Django's guard against async-unsafe calls would otherwise refuse the
# tests' own database queries. Test-only: tests that start the app in a subprocess drop it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# Outside test-results/, which pytest-playwright empties at the start of every run.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


class AccessibilityChecker:
    def __init__(self) -> None:
        self.axe = Axe()
        self.checked: list[str] = []

    def check(self, page: Page, name: str) -> None:
        """Fail on any serious or critical axe violation; keep a screenshot to look at."""
        page.wait_for_load_state("networkidle")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        results = self.axe.run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} – "
            + "; ".join(", ".join(n["target"]) for n in v["nodes"][:5])
            for v in blocking
        )
        assert not blocking, f"axe found serious or critical violations on {name}:\n{report}"
        self.checked.append(name)


@pytest.fixture
def axe_check() -> AccessibilityChecker:
    return AccessibilityChecker()


@pytest.fixture(autouse=True)
def _two_factor_only_where_asked(request: pytest.FixtureRequest, settings: Any) -> None:
    """Browser tests log in through the real form as HR administrators and coordinators; most
    are about their pages, so the demo's setting (OTP_REQUIRED=false) turns the second factor
    off for them. Tests marked `two_factor` (test_coordinator_journey.py) keep it on and enrol
    an authenticator in Chromium; the rule itself is proved in tests/core/test_two_factor.py."""
    if request.node.get_closest_marker("two_factor") is None:
        settings.OTP_REQUIRED = False
