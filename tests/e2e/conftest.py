"""Headless Chromium (Debian's, not Playwright's download) against pytest-django's live server."""

import os

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, load_seeds


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the e2e tests; skipped without it, except in CI where it must run."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}")
        pytest.skip(reason)
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Playwright is missing (pip install -e '.[test]')")
        pytest.skip("Playwright is not installed (pip install -e '.[test]')")
    # Playwright's sync API keeps an event loop in this thread; Django would then refuse the
    # test's own ORM calls (loading seeds) as "async unsafe", though they run synchronously.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_api.sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, seeds_dir):
    """The live server with the five seeds (live_server implies transactional_db)."""
    load_seeds(seeds_dir)
    return live_server


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
