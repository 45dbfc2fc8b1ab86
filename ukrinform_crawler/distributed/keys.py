"""Key names in Redis: a job's frontier and registry, an edition's state, the site budget.

A job is one spider with its arguments (``runstate.walk_key``); its id is a hash of that key.
Everything of an edition lives under ``ukrinform:<edition>:``, the jobs under
``ukrinform:<edition>:job:<id>:``; the politeness budget is per site host, whatever the job.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
from dataclasses import dataclass

ROOT = "ukrinform"
JOBS = f"{ROOT}:jobs"
"""Hash: ``<edition>:<job id>`` → JSON {edition, spider, walk} of every job seen (for status)."""


def job_id(walk: str) -> str:
    return hashlib.sha256(walk.encode("utf-8")).hexdigest()[:16]


def new_worker_id() -> str:
    """``<host>-<pid>-<random>``: unique among the workers of every machine, safe in a file name."""
    host = "".join(c if c.isalnum() or c in "-." else "-" for c in socket.gethostname())[:40]
    return f"{host or 'host'}-{os.getpid()}-{secrets.token_hex(2)}"


@dataclass(frozen=True)
class StateKeys:
    """The incremental state of one edition."""

    edition: str

    def key(self, name: str) -> str:
        return f"{ROOT}:{self.edition}:{name}"

    def article(self, article_id: int) -> str:
        return self.key(f"article:{article_id}")

    def sightings(self, channel: str) -> str:
        return self.key(f"sightings:{channel}")

    def pending(self, run: str) -> str:
        return self.key(f"pending:{run}")


@dataclass(frozen=True)
class JobKeys:
    """The frontier, workers and walk record of one job."""

    edition: str
    job: str

    @classmethod
    def of(cls, edition: str, walk: str) -> JobKeys:
        return cls(edition, job_id(walk))

    @property
    def registry_field(self) -> str:
        return f"{self.edition}:{self.job}"

    def key(self, name: str) -> str:
        return f"{ROOT}:{self.edition}:job:{self.job}:{name}"

    def done(self, epoch: str) -> str:
        return self.key(f"done:{epoch}")


def registry_entry(edition: str, spider: str, walk: str) -> str:
    return json.dumps({"edition": edition, "spider": spider, "walk": walk}, sort_keys=True)
