"""The run lock: one crawl at a time per state file and feed dir (POSIX ``flock``)."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: the package imports, a state lock cannot be taken
    fcntl = None  # type: ignore[assignment]


class LockHeld(Exception):
    """Another process holds the lock."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path} is held by {holder or 'another process'}")
        self.path = path
        self.holder = holder


class RunLock:
    """An exclusive, non-blocking ``flock`` on a file; the kernel drops it when the holder dies.

    The file says who holds it while it is held and is removed on release, so a clean exit
    leaves nothing behind. A lock taken on a file that its holder removed in the meantime is
    taken again on the new file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Takes the lock or raises LockHeld at once."""
        if fcntl is None:
            raise OSError("locking a state needs a POSIX system (Linux, macOS, BSD)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                os.close(fd)
                if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise LockHeld(self.path, holder) from None
                raise
            if self._is_current(fd):
                break
            os.close(fd)  # the previous holder removed the file after we opened it
        os.ftruncate(fd, 0)
        since = datetime.now(UTC).isoformat(timespec="seconds")
        os.pwrite(fd, f"pid {os.getpid()} since {since}\n".encode(), 0)
        self._fd = fd

    def _is_current(self, fd: int) -> bool:
        try:
            on_disk = self.path.stat()
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)

    def release(self) -> None:
        """Removes the file, then drops the lock (closing the descriptor)."""
        if self._fd is not None:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                os.ftruncate(self._fd, 0)  # cannot remove it: leave it plainly empty
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
