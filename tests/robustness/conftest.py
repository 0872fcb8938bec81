import pytest

from tests.robustness.support import manage


@pytest.fixture
def sqlite_file_db(tmp_path) -> str:
    """A migrated SQLite file database only subprocesses use."""
    url = f"sqlite:///{tmp_path / 'rob.sqlite3'}"
    done = manage("migrate", "--no-input", "-v0", db_url=url)
    assert done.returncode == 0, done.stderr
    return url
