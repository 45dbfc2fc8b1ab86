"""Requests in the shared queue as JSON (never pickle: a queue entry must not run code).

``loads``/``dumps`` have the shape scrapy-redis expects of a serializer; they turn the dict of
``Request.to_dict`` into bytes and back. Bytes (bodies, headers) are tagged base64 strings; tuples
become lists. Anything else that JSON cannot hold raises ``TypeError`` when the request is queued.
"""

from __future__ import annotations

import base64
import json
from typing import Any

BYTES = "__b64__"


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {BYTES: base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {_key(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot queue a {type(value).__name__} in a request: {value!r:.80}")


def _key(key: Any) -> str:
    if isinstance(key, bytes):
        return key.decode("latin-1")  # header names are ASCII
    if isinstance(key, str):
        return key
    raise TypeError(f"cannot queue a dict key {key!r:.80}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and BYTES in value:
            return base64.b64decode(value[BYTES])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def dumps(obj: dict[str, Any]) -> bytes:
    return json.dumps(_encode(obj), separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def loads(data: bytes | str) -> dict[str, Any]:
    decoded = _decode(json.loads(data))
    if not isinstance(decoded, dict):
        raise ValueError("a queued request is not a JSON object")
    return decoded
