"""What a person sees on a terminal: a progress line that log lines never run into."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable

from twisted.internet import task


class Progress:
    """A one-line progress display on an interactive stderr, redrawn every second.

    While it runs, a filter on the handlers that log to stderr clears the line before each log
    record is written, so a log line never starts in the middle of it; the next tick draws it
    again below.
    """

    def __init__(self, describe: Callable[[float], str]) -> None:
        self.describe = describe
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.draw)
        self.shown = False
        self.handlers: list[logging.Handler] = []

    @staticmethod
    def wanted() -> bool:
        return sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"

    def start(self) -> None:
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is sys.stderr:
                handler.addFilter(self.clear_for_log)
                self.handlers.append(handler)
        self.loop.start(1.0, now=False)

    def clear_for_log(self, record: logging.LogRecord) -> bool:
        self.clear()
        return True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False

    def draw(self) -> None:
        sys.stderr.write(f"\r{self.describe(time.monotonic() - self.started)}\x1b[K")
        sys.stderr.flush()
        self.shown = True

    def stop(self) -> None:
        if self.loop.running:
            self.loop.stop()
        for handler in self.handlers:
            handler.removeFilter(self.clear_for_log)
        self.handlers.clear()
        self.clear()


def elapsed(seconds: float) -> str:
    """``1:02:03`` or ``2:03``."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
