"""The README's production path, followed as an administrator would, then walked by every
demo user: ``DEBUG=0``, ``collectstatic`` into a fresh ``STATIC_ROOT``, ``check --deploy``,
gunicorn on a spare loopback port serving a database that holds the demo data (loaded with
``DEBUG=1`` beforehand). Each user logs in through the login form and follows every link of
every page (at most ``PER_SHAPE`` URLs of one shape, e.g. one petition page stands for all);
every static file a page names is fetched compressed.

With ``DATABASE_URL`` set, the walk runs on a database of its own on that server (created
and dropped here); otherwise on SQLite. Run: ``python -m drills.production``.
"""

import contextlib
import http.client
import re
import secrets
import subprocess
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

from cryptography.fernet import Fernet

from drills.common import (
    PYTHON,
    ROOT,
    base_env,
    django_run,
    free_port,
    manage,
    report,
    stop,
    wait_until_up,
    workspace,
)
from drills.common import gunicorn as start_gunicorn

PER_SHAPE = 2
# Whitenoise stores no compressed copy of files that are compressed already.
ALREADY_COMPRESSED = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".zip", ".gz")
SKIPPED_PATHS = ("/dang-xuat/", "/quan-tri/logout/")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
NUMBER = re.compile(r"/\d+(?=/|$|\.)")
CSS_URL = re.compile(r"url\(['\"]?([^'\")]+)['\"]?\)")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.assets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            self.assets.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])


def shape(url: str) -> str:
    """What a URL looks like with its identifiers and query taken out: one page kind."""
    return NUMBER.sub("/<n>", UUID.sub("<id>", urllib.parse.urlsplit(url).path))


class Browser:
    """A client that speaks to gunicorn as the TLS proxy in front of it would."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.origin = f"https://127.0.0.1:{port}"

    def request(self, method, url, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        all_headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        connection.request(method, url, body=body, headers=all_headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response, content

    def log_in(self, username, password):
        _, page = self.request("GET", "/dang-nhap/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        response, _ = self.request(
            "POST",
            "/dang-nhap/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": f"{self.origin}/dang-nhap/",
            },
        )
        if response.status != 302:
            raise RuntimeError(f"{username} could not log in (HTTP {response.status})")


def walk(port, username, password, start="/") -> dict:
    browser = Browser(port)
    browser.log_in(username, password)
    queue, seen, per_shape = [start], {start}, Counter()
    statuses, problems, assets = Counter(), [], set()
    while queue:
        url = queue.pop(0)
        response, content = browser.request("GET", url)
        status = response.status
        statuses[status // 100 * 100] += 1
        if status >= 400:
            problems.append((status, url))
            continue
        if status in (301, 302):
            target = urllib.parse.urlsplit(response.getheader("Location", ""))
            if target.path.startswith("/dang-nhap/"):
                problems.append((status, f"{url} -> login"))
            elif not target.netloc and target.path not in seen:  # e.g. "/" -> the province's
                seen.add(target.path)
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
            continue
        if "text/html" not in response.getheader("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(content.decode("utf-8", "replace"))
        for href in parser.links:
            absolute = urllib.parse.urljoin(url, href)
            parts = urllib.parse.urlsplit(absolute)
            if parts.netloc and parts.netloc != f"127.0.0.1:{port}":
                continue
            if parts.scheme not in ("", "http", "https"):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if (
                local in seen
                or parts.path.startswith("/static/")
                or parts.path.startswith(SKIPPED_PATHS)
            ):
                continue
            seen.add(local)
            if per_shape[shape(local)] >= PER_SHAPE:
                continue
            per_shape[shape(local)] += 1
            queue.append(local)
        assets.update(
            urllib.parse.urlsplit(urllib.parse.urljoin(url, a)).path for a in parser.assets
        )
    return {
        "pages": sum(statuses.values()),
        "shapes": len(per_shape) + 1,
        "statuses": dict(statuses),
        "problems": problems,
        "assets": {a for a in assets if a.startswith("/static/")},
    }


def check_assets(port, paths) -> tuple[int, list]:
    """Every static file (and what its stylesheet names) answers 200, compressed."""
    browser, problems, done = Browser(port), [], set()
    todo = sorted(paths)
    while todo:
        path = todo.pop()
        if path in done:
            continue
        done.add(path)
        response, content = browser.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
        encoding = response.getheader("Content-Encoding", "")
        if response.status != 200:
            problems.append((response.status, path))
        elif not path.endswith(ALREADY_COMPRESSED) and encoding not in ("gzip", "br"):
            problems.append(("not compressed", path))
        if path.endswith(".css") and response.status == 200:
            _, plain = browser.request("GET", path)
            for ref in CSS_URL.findall(plain.decode("utf-8", "replace")):
                if not ref.startswith(("data:", "#")):
                    todo.append(urllib.parse.urlsplit(urllib.parse.urljoin(path, ref)).path)
    return len(done), problems


@contextlib.contextmanager
def database(folder):
    """A database for the walk: its own on the PostgreSQL server named by DATABASE_URL, else
    SQLite in the walk's folder."""
    env = base_env()
    server_url = env.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{folder / 'production.sqlite3'}"
        return
    import psycopg2  # noqa: PLC0415 - only when a PostgreSQL server is in use

    name = f"kesat_production_{secrets.token_hex(4)}"
    parts = urllib.parse.urlsplit(server_url)
    admin = psycopg2.connect(parts._replace(path="/postgres").geturl())
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def run() -> dict:
    with workspace() as folder, database(folder) as database_url:
        password = "kesat2026"
        # The data's keys are the installation's: the demo is written under them and read
        # back by the production server.
        data_keys = {
            "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
            "PERSONAL_DATA_HASH_KEY": secrets.token_urlsafe(50),
        }
        admin_env = base_env(
            DATABASE_URL=database_url,
            VAR_DIR=folder,
            DEBUG=1,
            DEMO_PASSWORD=password,
            **data_keys,
        )
        manage(admin_env, "migrate", "--noinput")
        manage(admin_env, "load_demo")
        usernames = django_run(
            admin_env,
            "from kesat_dialogue.models import User\n"
            "print(','.join(User.objects.filter(is_active=True).order_by('username')"
            ".values_list('username', flat=True)))",
        ).split(",")
        env = base_env(
            DATABASE_URL=database_url,
            VAR_DIR=folder,
            DEBUG=0,
            SECRET_KEY=secrets.token_urlsafe(50),
            RECEIPT_CODE_KEY=secrets.token_urlsafe(50),
            **data_keys,
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
            STATIC_ROOT=folder / "static",
            BEHIND_PROXY=1,
        )
        manage(env, "collectstatic", "--noinput")
        deploy_check = subprocess.run(
            [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        port = free_port()
        server = start_gunicorn(env, port)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz")

            def walk_as(name):
                return walk(port, name, password, "/quan-tri/" if name == "quantri" else "/")

            with ThreadPoolExecutor(max_workers=3) as pool:
                walks = dict(zip(usernames, pool.map(walk_as, usernames), strict=True))
            assets = set().union(*(w["assets"] for w in walks.values()))
            assets_checked, asset_problems = check_assets(port, assets)
        finally:
            stop(server)
    return {
        "deploy_check_returncode": deploy_check.returncode,
        "deploy_check_output": (deploy_check.stdout + deploy_check.stderr).strip(),
        "pages_walked": {name: w["pages"] for name, w in walks.items()},
        "page_kinds": {name: w["shapes"] for name, w in walks.items()},
        "server_errors": sum(w["statuses"].get(500, 0) for w in walks.values()),
        "problems": {name: w["problems"] for name, w in walks.items() if w["problems"]},
        "static_files_checked": assets_checked,
        "static_problems": asset_problems,
    }


def _main():
    figures = run()
    problems = figures.pop("problems")
    report("Production path: DEBUG=0, collectstatic, check --deploy, gunicorn", figures)
    for name, found in problems.items():
        for status, url in found:
            print(f"  {name}: {status} {url}")


if __name__ == "__main__":
    _main()
