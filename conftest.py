import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made beside it
# in browser tests are still synchronous, so Django's async guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _tests_read_across_communes():
    """Arranging and checking a test reads any commune's rows; what runs in a request, a
    task or a command still starts outside any commune and must name its scope."""
    from kesat_dialogue import tenancy

    with tenancy.all_communes("a test arranges and checks data of several communes"):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _shared_pages_rendered_each_time(settings):
    # The province's overview and the public pages are kept for minutes in production; a
    # kept page would carry one test's figures into the next. The tests of keeping them
    # turn it back on.
    settings.PROVINCE_FIGURES_SECONDS = 0
    settings.PUBLIC_PAGE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs ~0.3 s a user; tests create many users and prove nothing by it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; missing Chromium fails, never skips."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks run where they are queued; a real worker is exercised by its own tests."""
    from kesat_dialogue.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
