"""tests/bench: the replica alias and the import path of the benchmark package."""

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # `import bench` without installing it

REPLICA = "replica_0"


def _add_replica_mirror() -> None:
    """Declare replica_0 as Django's TEST MIRROR of default before the test databases exist:
    a second connection to the same database, standing in for a streaming replica."""
    from django.conf import settings
    from django.db import connections

    if REPLICA in settings.DATABASES:
        return
    primary = settings.DATABASES["default"]
    settings.DATABASES[REPLICA] = {
        **primary,
        "TEST": {**primary.get("TEST", {}), "MIRROR": "default"},
    }
    connections.__dict__.pop("settings", None)  # re-read DATABASES on next use


_add_replica_mirror()
