"""The publication-time window of a crawl (`since` / `until` spider arguments, Kyiv dates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ukrinform_crawler.usage import ArgumentError

KYIV = ZoneInfo("Europe/Kyiv")


def parse_bound(value: str | None, *, end: bool, name: str = "") -> datetime | None:
    """An argument like ``2025-03-01`` or ``2025-03-01T12:00`` as an aware Kyiv datetime.

    A bare date means the start of that day (``end=False``) or the start of the next one
    (``end=True``, so the whole day is included). A value without offset is Kyiv time.
    Raises ArgumentError naming ``-a <name>`` for anything else.
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ArgumentError(
                f"-a {name or ('until' if end else 'since')}: {value!r} is not a date; "
                "use YYYY-MM-DD or an ISO datetime"
            ) from None
        return moment.replace(tzinfo=KYIV) if moment.tzinfo is None else moment.astimezone(KYIV)
    if end:
        day += timedelta(days=1)
    return datetime.combine(day, time(0, 0), tzinfo=KYIV)


@dataclass(frozen=True)
class DateWindow:
    """Half-open window ``[since, until)``; either side may be open."""

    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def from_args(cls, since: str | None, until: str | None) -> DateWindow:
        window = cls(parse_bound(since, end=False), parse_bound(until, end=True))
        if window.since and window.until and window.since >= window.until:
            raise ArgumentError(f"-a since: {since!r} is after -a until {until!r}")
        return window

    def contains(self, moment: datetime) -> bool:
        return not self.is_before(moment) and not self.is_after(moment)

    def is_before(self, moment: datetime) -> bool:
        """True when ``moment`` is older than ``since``."""
        return self.since is not None and moment < self.since

    def is_after(self, moment: datetime) -> bool:
        """True when ``moment`` is at or past ``until``."""
        return self.until is not None and moment >= self.until
