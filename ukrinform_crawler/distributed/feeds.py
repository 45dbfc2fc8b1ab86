"""Feed files of workers that are gone: found through the shared state, recovered in place.

Each worker writes its own ``<edition>-<time>-<worker>.jsonl.part`` under an exclusive ``flock``
and registers it in the state with its folder and host. A worker recovers (``feeds.recover_part``:
keep the complete lines that are not copies, record them, rename to ``.jsonl``) every registered
``.part`` it can reach whose lock is free and whose job run (epoch) is over — so never a file whose
articles may still be re-fetched by the job — when it starts and when it closes.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path

from ukrinform_crawler.distributed.store import RedisStateStore
from ukrinform_crawler.feeds import PART_SUFFIX, Recovered, recover_if_free
from ukrinform_crawler.state import utcnow

logger = logging.getLogger(__name__)


def recover_gone_workers(store: RedisStateStore) -> list[Recovered]:
    """Recovers the reachable ``.part`` files of finished job runs whose writer is gone."""
    recovered: list[Recovered] = []
    host = socket.gethostname()
    for record in store.feed_files(unfinished=True):
        if record.folder is None or store.epoch_active(record.job or "", record.epoch):
            continue
        folder = Path(record.folder)
        part = folder / f"{record.name}{PART_SUFFIX}"
        if not part.exists():
            if record.host == host and folder.is_dir():
                # Renamed before its worker could say so, or never created: nothing to recover.
                store.finish_feed_file(record.name, utcnow())
            continue
        result = recover_if_free(part, store)
        if result is not None:
            recovered.append(result)
    return recovered
