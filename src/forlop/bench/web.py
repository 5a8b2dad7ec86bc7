"""Requests per second under concurrent load: gunicorn on loopback, signed-in clients.

The server runs production settings (persistent database connections, DEBUG off)
with the bench process's secret key, so the session made here is valid there.
Load is bounded in both request count and time, and never leaves 127.0.0.1.
"""

from __future__ import annotations

import http.client
import os
import threading
import time
from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from forlop.devtools import server
from forlop.devtools.server import HOST


def _database_url() -> str:
    if "DATABASE_URL" in os.environ:
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{settings.DATABASES['default']['NAME']}"


def gunicorn(*, workers: int = 2, timeout: float = 30.0):
    """A gunicorn with production settings on this process's database (a context
    manager yielding the base URL)."""
    env = {**os.environ, "FORLOP_ENV": "production", "SECRET_KEY": settings.SECRET_KEY,
           "ACCESS_LOG_KEY": settings.ACCESS_LOG_KEY,
           "ALLOWED_HOSTS": HOST, "DATABASE_URL": _database_url(),
           "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "ERROR",
           # The benchmark measures the worklist, not sign-in: no second-factor step.
           "FORLOP_REQUIRE_TOTP": "0"}
    return server.gunicorn(env, workers=workers, timeout=timeout)


def session_cookie(user) -> str:
    """The session under both cookie names: production settings name it "__Host-…"."""
    client = Client()
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"sessionid={key}; __Host-sessionid={key}"


def _warm_up(url, cookie: str, tries: int = 50, answers: int = 6) -> None:
    """The port opens before the workers have imported Django: wait for real answers
    (a few, so both workers have loaded the app and opened their connection)."""
    for _ in range(tries):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        try:
            conn.request("GET", "/", headers={"Cookie": cookie})
            answers -= conn.getresponse().status == 200
            if answers <= 0:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError("the server never answered the worklist with 200")


def load(base_url: str, cookie: str, *, clients: int, requests: int,
         seconds: float) -> tuple[float, Counter]:
    """``clients`` threads GET the worklist until ``requests`` are done or ``seconds``
    pass. Returns (successful requests per second, count per status)."""
    url = urlsplit(base_url)
    statuses: Counter = Counter()
    lock = threading.Lock()
    budget = iter(range(requests))
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            with lock:
                if next(budget, None) is None:
                    return
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            try:
                conn.request("GET", "/", headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
            finally:
                conn.close()
            with lock:
                statuses[status] += 1

    _warm_up(url, cookie)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return statuses[200] / elapsed, statuses
