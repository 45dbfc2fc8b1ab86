"""The Redis client of a worker: short timeouts, a few retries, one-line errors."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

RETRIES = 8
"""Retries of a command on a lost connection: about 10 s with the backoff, enough to ride out a
Redis restart; longer outages fail the worker."""


def client(url: str, *, retries: int = RETRIES) -> redis.Redis:
    """A client of ``url`` (``redis://host:port/db``) that retries lost connections."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=3,
        socket_timeout=15,
        retry=Retry(ExponentialBackoff(cap=2.0, base=0.1), retries),
        retry_on_error=[redis.ConnectionError, redis.TimeoutError],
        health_check_interval=30,
    )


def shown(url: str) -> str:
    """``url`` without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def reason(error: BaseException) -> str:
    """A short reason for a Redis error ("connection refused", "timeout", …)."""
    text = str(error)
    if "refused" in text.lower():
        return "connection refused"
    if isinstance(error, redis.TimeoutError) or "timed out" in text.lower():
        return "timeout"
    return text.splitlines()[0] if text else type(error).__name__


def unreachable(url: str) -> str | None:
    """Why Redis at ``url`` cannot be used now (one line), or None when it answers a PING."""
    server = client(url, retries=0)
    try:
        server.ping()
    except redis.RedisError as error:
        return f"cannot reach Redis at {shown(url)} ({reason(error)}); check UKRINFORM_REDIS_URL"
    finally:
        server.close()
    return None
