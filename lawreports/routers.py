"""Reads to PostgreSQL read replicas, writes to the primary (DATABASE_REPLICA_URLS).

Web servers keep no state of their own, so any number of them can share one primary and its
replicas. A replica lags the primary by a little, so reads go to the primary whenever they
must see a write: inside a transaction on the primary (the loaders and the admin's saves read
back what they wrote), and during a request that writes (POST and friends) together with the
next few seconds of that client's requests (the redirect after a save).
"""

from __future__ import annotations

import contextvars
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA_PREFIX = "replica_"
PIN_COOKIE = "lr_primary"
PIN_SECONDS = 5  # longer than replication lag on a healthy replica
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("pinned", default=False)
# One replica per request (chosen at its first read, PrimaryAfterWriteMiddleware starts each
# request afresh): a request's count and its page come from the same snapshot stream instead
# of two replicas that may lag differently. Code that needs a raw connection takes
# `connections[queryset.db]`, never `django.db.connection` (the primary).
_replica: contextvars.ContextVar[str | None] = contextvars.ContextVar("replica", default=None)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


@contextmanager
def use_primary() -> Iterator[None]:
    """Every read in the block goes to the primary."""
    token = _pinned.set(True)
    try:
        yield
    finally:
        _pinned.reset(token)


class ReplicaRouter:
    """Django database router: reads spread over replicas, everything else on the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        replicas = replica_aliases()
        if not replicas or _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        chosen = _replica.get()
        if chosen not in replicas:
            chosen = random.choice(replicas)
            _replica.set(chosen)
        return chosen

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS  # replicas receive the schema by replication


class PrimaryAfterWriteMiddleware:
    """Pin a writing request, and the same client for PIN_SECONDS after it, to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        recent = _recent_write(request.COOKIES.get(PIN_COOKIE))
        if not (writes or recent):
            # A fresh choice per request, then kept for all of it (a streamed response too):
            # its statements see one replica's snapshot stream.
            _replica.set(None)
            return self.get_response(request)
        with use_primary():
            response = self.get_response(request)
        if writes:
            response.set_cookie(
                PIN_COOKIE, str(int(time.time())), max_age=PIN_SECONDS, httponly=True,
                samesite="Lax", secure=request.is_secure(),
            )  # fmt: skip
        return response


def _recent_write(stamp: str | None) -> bool:
    try:
        return stamp is not None and time.time() - int(stamp) < PIN_SECONDS
    except ValueError:
        return False
