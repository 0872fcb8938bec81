"""Run as a script: read detail pages until the loader whose pid is given exits; print JSON.

`python tests/robustness/reader.py LOADER_PID FILE...` with DATABASE_URL set (a second
process, so a SQLite file database sees real concurrent access).
"""

import json
import os
import sys
from pathlib import Path

import django
import django.test.utils

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawreports.settings")
django.setup()
# Lets the test client capture each page's template context.
django.test.utils.setup_test_environment()

from tests.robustness.support import expected_shapes, read_while  # noqa: E402


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A finished child the parent has not reaped yet is a zombie: treat it as done.
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


if __name__ == "__main__":
    pid, files = int(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    pages, problems = read_while(lambda: alive(pid), expected_shapes(files))
    print(json.dumps({"pages": pages, "problems": problems}))
