"""What the e2e tests share besides fixtures: Chromium's flags, viewports, seeding."""

import os
from pathlib import Path

from django.core.management import call_command

# Debian's Chromium (CI installs it); the variable only exists to rehearse its absence.
CHROMIUM = Path(os.environ.get("LAWREPORTS_CHROMIUM", "/usr/bin/chromium"))
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SEEDS = REPO / "seeds"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def load_seeds(seeds_dir: Path = SEEDS) -> None:
    with open(os.devnull, "w") as quiet:
        call_command("load_reports", str(seeds_dir), stdout=quiet)
