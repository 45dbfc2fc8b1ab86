"""Usage errors: a bad ``-a`` argument or ``-s`` setting, found before any request (exit 2).

Each message is one line naming the argument or setting, the bad value and what is accepted,
e.g. ``-a since: 'notadate' is not a date; use YYYY-MM-DD or an ISO datetime``.
"""

from __future__ import annotations

import difflib
import inspect
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings


class ArgumentError(ValueError):
    """A bad spider argument or setting; the message is the one line a user sees."""


def one_of(where: str, value: object, what: str, accepted: Any) -> ArgumentError:
    """``-a edition: 'xx' is not an edition; use one of en, uk, …``."""
    return ArgumentError(f"{where}: {value!r} is not {what}; use one of {', '.join(accepted)}")


def known_arguments(spidercls: type) -> list[str]:
    """The ``-a`` names a spider class takes: the named parameters of its ``__init__`` chain."""
    names: list[str] = []
    for cls in spidercls.__mro__:
        init = cls.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.kind in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
                continue
            if parameter.name not in ("self", "name") and parameter.name not in names:
                names.append(parameter.name)
    return names


def check_arguments(spidercls: type, arguments: Mapping[str, str]) -> None:
    """Refuses unknown ``-a`` names (with the nearest known one), then builds the spider once
    with its arguments, so that each argument is checked by the code that will use it."""
    known = known_arguments(spidercls)
    for name in arguments:
        if name in known or name.startswith("_"):  # scrapyd passes _job
            continue
        message = f"unknown argument -a {name}"
        if close := difflib.get_close_matches(name, known, n=1):
            message += f" (did you mean {close[0]}?)"
        raise ArgumentError(f"{message}; known: {', '.join(known)}")
    spidercls(**arguments)


NUMBERS: dict[str, tuple[type[int] | type[float], float]] = {
    "UKRINFORM_DEFAULT_MAX_PAGES": (int, 1),
    "UKRINFORM_CHALLENGE_RETRIES": (int, 0),
    "UKRINFORM_BACKOFF_BASE": (float, 0),
    "UKRINFORM_BACKOFF_MAX": (float, 0),
    "UKRINFORM_RETRY_AFTER_MAX": (float, 0),
    "UKRINFORM_TIMEOUT_RETRIES": (int, 0),
    "UKRINFORM_MAX_LISTING_PAGES": (int, 0),
    "UKRINFORM_FRESHNESS_HOURS": (float, 0),
    "UKRINFORM_RECHECK_MIN_MINUTES": (float, 0),
    "UKRINFORM_OVERLAP_PAGES": (int, 0),
    "UKRINFORM_RETRY_FAILED": (int, 0),
    "UKRINFORM_RETRY_FAILED_RUNS": (int, 1),
    "UKRINFORM_MAX_ERROR_RATE": (float, 0),
    "UKRINFORM_REDIS_LEASE_SECONDS": (float, 1),
}
"""Numeric settings of ours: type and least value."""


def check_settings(settings: BaseSettings) -> None:
    """Refuses a setting of ours that cannot work (raises ArgumentError)."""
    for name, (kind, least) in NUMBERS.items():
        raw = settings.get(name)
        try:
            number = kind(raw)
        except (TypeError, ValueError):
            word = "a whole number" if kind is int else "a number"
            raise ArgumentError(f"-s {name}: {raw!r} is not {word}") from None
        if number < least:
            raise ArgumentError(f"-s {name}: {raw!r} is below {least:g}")
    base_url = settings.get("UKRINFORM_BASE_URL") or ""
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ArgumentError(
                f"-s UKRINFORM_BASE_URL: {base_url!r} is not an http(s) URL; "
                "use e.g. http://127.0.0.1:8000"
            )
    check_redis(settings)
    state = settings.get("UKRINFORM_STATE_PATH") or ""
    if state:
        path = Path(state)
        if path.is_dir():
            raise ArgumentError(f"-s UKRINFORM_STATE_PATH: {state!r} is a directory, not a file")
        if why := folder_problem(path.parent):
            raise ArgumentError(f"-s UKRINFORM_STATE_PATH: {state!r}: {why}")
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise ArgumentError(f"-s UKRINFORM_STATE_PATH: {state!r} is not writable")
    if (state or settings.get("UKRINFORM_REDIS_URL")) and not settings.getdict("FEEDS"):
        feed_dir = settings.get("UKRINFORM_FEED_DIR") or "feeds"
        if why := folder_problem(Path(feed_dir)):
            raise ArgumentError(f"-s UKRINFORM_FEED_DIR: {feed_dir!r}: {why}")


def check_redis(settings: BaseSettings) -> None:
    """Refuses a ``UKRINFORM_REDIS_URL`` that cannot work, before anything connects."""
    url = settings.get("UKRINFORM_REDIS_URL") or ""
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        raise ArgumentError(
            f"-s UKRINFORM_REDIS_URL: {url!r} is not a Redis URL; use e.g. redis://127.0.0.1:6379/0"
        )
    if settings.get("UKRINFORM_STATE_PATH"):
        raise ArgumentError(
            "-s UKRINFORM_STATE_PATH and -s UKRINFORM_REDIS_URL: use one; with Redis the state "
            "lives in Redis"
        )
    try:
        import scrapy_redis  # noqa: F401  # the optional extra
    except ImportError:
        raise ArgumentError(
            "-s UKRINFORM_REDIS_URL needs the redis extra: python -m pip install -e '.[redis]'"
        ) from None


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be created in ``folder`` (created if missing), or None."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{existing} is not writable (permission denied or a read-only file system)"
    return None
