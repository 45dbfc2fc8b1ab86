"""Run the replica in the foreground: ``python -m tests.site --edition en --articles 300``."""

from __future__ import annotations

import argparse
import contextlib
import threading

from .model import EDITIONS
from .server import Replica


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.site", description=__doc__)
    parser.add_argument("--edition", choices=tuple(EDITIONS), default="en")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args(argv)
    replica = Replica(
        edition=args.edition,
        articles=args.articles,
        seed=args.seed,
        host=args.host,
        port=args.port,
        latency=args.latency,
    )
    with replica:
        print(replica.base_url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
