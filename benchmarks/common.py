"""What every benchmark shares: the machine description, tables, JSON results, the replica."""

from __future__ import annotations

import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    """CPU, cores, memory, OS, Python and the versions of the packages that matter."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        if match:
            cpu = match[1].strip()
    memory_gib = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"^MemTotal:\s*(\d+) kB", meminfo.read_text(), re.MULTILINE)
        if match:
            memory_gib = round(int(match[1]) / 1024 / 1024, 1)
    versions: dict[str, str | None] = {}
    for name in ("scrapy", "lxml", "parsel", "trafilatura", "newspaper4k", "psutil"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory_gib,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` 0..1) of a non-empty sequence."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table: columns padded, numbers right-aligned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max(len(header), *(len(row[i]) for row in cells)) if cells else len(header)
        for i, header in enumerate(headers)
    ]
    numeric = [
        all(isinstance(row[i], int | float) for row in rows) if rows else False
        for i in range(len(headers))
    ]
    lines = [
        "  ".join(
            h.rjust(w) if n else h.ljust(w)
            for h, w, n in zip(headers, widths, numeric, strict=True)
        ),
        "  ".join("-" * w for w in widths),
    ]
    for row in cells:
        lines.append(
            "  ".join(
                c.rjust(w) if n else c.ljust(w)
                for c, w, n in zip(row, widths, numeric, strict=True)
            )
        )
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def write_result(name: str, data: dict[str, Any]) -> Path:
    """``benchmarks/results/<name>.json`` with the machine and the time of the run."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    record = {
        "benchmark": name,
        "run_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "machine": machine(),
        **data,
    }
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def replica_process(
    articles: int, edition: str = "en", seed: int = 7, latency: float = 0.0
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The replica (``python -m tests.site``) in its own process on a free loopback port.

    A process of its own, so the crawl's CPU time and memory are the crawl's alone.
    """
    port = free_port()
    command = [sys.executable, "-m", "tests.site", "--edition", edition, "--articles",
               str(articles), "--seed", str(seed), "--port", str(port),
               "--latency", str(latency)]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603  # our own interpreter and module
        command, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        base_url = process.stdout.readline().strip() if process.stdout else ""
        if not base_url.startswith("http://"):
            raise RuntimeError(f"replica did not start: {base_url!r}")
        yield base_url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def elapsed_since(start: float) -> float:
    return time.perf_counter() - start
