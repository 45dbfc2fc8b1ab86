"""Fixture loading helpers (saved pages, their meta, expected records and checks) and the real
Redis server of the distributed tests."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from tests.redis_server import RedisServer, redis_server_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_names(kind: str) -> list[str]:
    """Names of the saved pages of one kind (``article`` → ``uk-ato-3783953``, …)."""
    return sorted(
        path.name.removesuffix(".html.gz") for path in (FIXTURES / kind).glob("*.html.gz")
    )


def fixture_path(kind: str, name: str, suffix: str) -> Path:
    return FIXTURES / kind / f"{name}{suffix}"


def load_html(kind: str, name: str) -> bytes:
    """The saved page bytes, exactly as served."""
    return gzip.decompress(fixture_path(kind, name, ".html.gz").read_bytes())


def load_json(kind: str, name: str, suffix: str) -> Any:
    return json.loads(fixture_path(kind, name, suffix).read_text(encoding="utf-8"))


def load_meta(kind: str, name: str) -> dict[str, str]:
    """``{"url", "saved", "source"}`` of a saved page."""
    meta: dict[str, str] = load_json(kind, name, ".meta.json")
    return meta


def load_expected(kind: str, name: str) -> dict[str, Any]:
    """The expected feed record (without ``scraped_at``)."""
    expected: dict[str, Any] = load_json(kind, name, ".json")
    return expected


def load_checks(kind: str, name: str) -> dict[str, list[str]]:
    """``{"must_contain": [...], "must_not_contain": [...]}`` for the body of a page."""
    checks: dict[str, list[str]] = load_json(kind, name, ".checks.json")
    return checks


def load_response(kind: str, name: str, url: str | None = None) -> HtmlResponse:
    """The saved page as a response from its canonical URL (or ``url``, e.g. a replica's)."""
    return HtmlResponse(url=url or load_meta(kind, name)["url"], body=load_html(kind, name))


# --- a real Redis for the distributed tests ------------------------------------------------------


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One real ``redis-server`` for the session (``.ci/run`` installs it); skipped outside CI
    when it is not installed, failed in CI."""
    if redis_server_path() is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed; .ci/run installs it")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The session's Redis, emptied for this test."""
    client = redis_server.client()
    client.flushall()
    client.close()
    return redis_server.url
