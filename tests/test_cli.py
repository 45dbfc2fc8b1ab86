"""A user's first day, outside in: real `scrapy crawl` processes against the replica, read as a
person reads them (exit code, delivered records, what the console shows)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tests.crawling import ROOT, crawl_command, read_feed_dir
from tests.site import Fault, Replica

SUMMARY = re.compile(r"\] (?:INFO|ERROR): Run (?:OK|FAILED): ")


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def crawl(
    spider: str = "ukrinform",
    *,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    output: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 180,
) -> Done:
    command = crawl_command(spider, args=args, settings=settings)
    if output is not None:
        command += ["-O", str(output)]
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603  # our interpreter, our arguments
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return Done(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def feed(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@contextlib.contextmanager
def tmpfs(path: Path, options: str) -> Iterator[bool]:
    """A tmpfs mounted at ``path`` (root only); yields False where mounting is not allowed."""
    path.mkdir(parents=True, exist_ok=True)
    mount, umount = shutil.which("mount"), shutil.which("umount")
    mounted = (
        is_root()
        and mount is not None
        and umount is not None
        and subprocess.run(  # noqa: S603  # the system's mount
            [mount, "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        yield mounted
    finally:
        if mounted and umount is not None:
            subprocess.run([umount, "-l", str(path)], check=False)  # noqa: S603


def remount(path: Path, options: str) -> None:
    mount = shutil.which("mount") or "/bin/mount"
    subprocess.run([mount, "-o", f"remount,{options}", str(path)], check=True)  # noqa: S603


@contextlib.contextmanager
def unwritable_dir(path: Path) -> Iterator[Path]:
    """A directory nobody may write into: a read-only tmpfs as root, else mode 555."""
    with tmpfs(path, "size=1m,ro") as mounted:
        if not mounted:
            path.chmod(0o555)
        try:
            yield path
        finally:
            if not mounted:
                path.chmod(0o755)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- output that cannot be written ------------------------------------------------------------


def test_unwritable_output_fails_the_run_and_the_next_run_delivers_everything(
    tmp_path: Path,
) -> None:
    state = {"UKRINFORM_STATE_PATH": str(tmp_path / "state.sqlite")}
    with Replica(edition="en", articles=60, seed=21) as site:
        settings = {"UKRINFORM_BASE_URL": site.base_url, **state}
        args = {"since": "2000-01-01"}
        with unwritable_dir(tmp_path / "readonly") as readonly:
            refused = crawl(args=args, settings=settings, output=readonly / "out.jsonl")
        through_a_file = tmp_path / "a-file"
        through_a_file.write_text("not a directory")
        blocked = crawl(args=args, settings=settings, output=through_a_file / "out.jsonl")
        good = crawl(args=args, settings=settings, output=tmp_path / "out.jsonl")
        again = crawl(args=args, settings=settings, output=tmp_path / "again.jsonl")
    assert refused.returncode == 1, refused.stderr[-3000:]
    errors = [line for line in refused.lines if "ERROR: Cannot write the output" in line]
    assert len(errors) == 1
    assert str(readonly / "out.jsonl") in errors[0]
    assert "Traceback" not in refused.stderr
    assert SUMMARY.search(refused.lines[-1])
    assert "Run FAILED" in refused.lines[-1]
    assert blocked.returncode == 1, blocked.stderr[-3000:]
    assert "is not a directory" in blocked.stderr
    assert good.returncode == 0, good.stderr[-3000:]
    delivered = feed(tmp_path / "out.jsonl")
    assert sorted(record["id"] for record in delivered) == sorted(site.corpus.ids())
    assert again.returncode == 0, again.stderr[-3000:]
    assert feed(tmp_path / "again.jsonl") == [], "delivered articles are known to the state"


def test_a_full_feed_dir_fails_the_run_and_the_next_run_fills_the_gap_exactly_once(
    tmp_path: Path,
) -> None:
    feeds = tmp_path / "feeds"
    with tmpfs(feeds, "size=300k") as mounted:
        if not mounted:
            pytest.skip("mounting a tmpfs needs root")
        with Replica(edition="en", articles=300, seed=22) as site:
            settings = {
                "UKRINFORM_BASE_URL": site.base_url,
                "UKRINFORM_STATE_PATH": str(tmp_path / "state" / "state.sqlite"),
                "UKRINFORM_FEED_DIR": str(feeds),
            }
            args = {"since": "2000-01-01"}
            full = crawl(args=args, settings=settings)
            fetched = site.hits(r"^/rubric-[^/?]+/\d+-[^/?]+\.html$")
            remount(feeds, "size=64m")
            healed = crawl(args=args, settings=settings)
            records, broken = read_feed_dir(feeds)
    assert full.returncode == 1, full.stderr[-3000:]
    assert "No space left on device" in full.stderr
    assert fetched < 250, "a run whose output fails stops fetching"
    assert healed.returncode == 0, healed.stderr[-3000:]
    assert not broken
    assert Counter(record["id"] for record in records) == Counter(site.corpus.ids())
    assert not list(feeds.glob("*.part"))


def test_a_state_on_a_full_disk_stops_the_run_cleanly_and_loses_nothing(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    with tmpfs(disk, "size=300k") as mounted:
        if not mounted:
            pytest.skip("mounting a tmpfs needs root")
        with Replica(edition="en", articles=200, seed=33) as site:
            settings = {
                "UKRINFORM_BASE_URL": site.base_url,
                "UKRINFORM_STATE_PATH": str(disk / "state.sqlite"),
                "UKRINFORM_FEED_DIR": str(disk / "feeds"),
            }
            args = {"since": "2000-01-01"}
            full = crawl(args=args, settings=settings)
            fetched = site.hits(r"^/rubric-[^/?]+/\d+-[^/?]+\.html$")
            remount(disk, "size=64m")
            healed = crawl(args=args, settings=settings)
            records, broken = read_feed_dir(disk / "feeds")
    assert full.returncode == 1, full.stderr[-3000:]
    assert "Traceback" not in full.stderr
    assert "database or disk is full; stopping the crawl" in full.stderr
    assert fetched < 150, "a run whose state cannot be written stops fetching"
    assert healed.returncode == 0, healed.stderr[-3000:]
    assert not broken
    assert Counter(record["id"] for record in records) == Counter(site.corpus.ids())


# --- bounded windows ---------------------------------------------------------------------------


def test_a_bounded_window_run_twice_on_one_state_succeeds_twice_and_delivers_once(
    tmp_path: Path,
) -> None:
    with Replica(edition="en", articles=120, seed=23) as site:
        ids = site.corpus.ids()
        day = site.corpus.article(ids[40]).published.date()
        window = {"since": (day - timedelta(days=1)).isoformat(), "until": day.isoformat()}
        settings = {
            "UKRINFORM_BASE_URL": site.base_url,
            "UKRINFORM_STATE_PATH": str(tmp_path / "state.sqlite"),
            "UKRINFORM_FEED_DIR": str(tmp_path / "feeds"),
        }
        first = crawl(args=window, settings=settings)
        second = crawl(args=window, settings=settings)
        sitemap = crawl(args={**window, "source": "sitemap"}, settings=settings)
    inside = [
        i
        for i in ids
        if window["since"] <= site.corpus.article(i).published.date().isoformat() <= window["until"]
    ]
    for done in (first, second, sitemap):
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Run OK" in done.lines[-1]
    records, _ = read_feed_dir(tmp_path / "feeds")
    assert inside
    assert sorted(record["id"] for record in records) == sorted(inside)


def test_a_window_without_articles_is_success(tmp_path: Path) -> None:
    with Replica(edition="en", articles=40, seed=24) as site:
        newest = site.corpus.article(site.corpus.ids()[0]).published.date()
        later = (newest + timedelta(days=2)).isoformat()
        done = crawl(
            args={"since": later},
            settings={"UKRINFORM_BASE_URL": site.base_url},
            output=tmp_path / "out.jsonl",
        )
    assert done.returncode == 0, done.stderr[-3000:]
    assert feed(tmp_path / "out.jsonl") == []
    assert "Run OK: 0 new" in done.lines[-1]


# --- an origin that does not answer ----------------------------------------------------------


def test_nothing_listening_fails_fast_with_one_line_naming_the_host(tmp_path: Path) -> None:
    port = closed_port()
    done = crawl(
        settings={"UKRINFORM_BASE_URL": f"http://127.0.0.1:{port}"},
        output=tmp_path / "out.jsonl",
        timeout=90,
    )
    assert done.returncode == 1, done.stderr[-3000:]
    assert done.seconds < 30
    reach = [line for line in done.lines if "Cannot reach" in line]
    assert len(reach) == 1
    assert f"127.0.0.1:{port}" in reach[0]
    assert "connection refused" in reach[0]
    assert "UKRINFORM_BASE_URL" in reach[0]
    assert "Traceback" not in done.stderr
    assert "Run FAILED" in done.lines[-1]


# --- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spider", "args", "settings", "expected"),
    [
        ("ukrinform", {"since": "notadate"}, {}, "-a since: 'notadate' is not a date"),
        ("ukrinform", {"sinse": "2026-01-01"}, {}, "-a sinse (did you mean since?)"),
        ("ukrinform", {"edition": "xx"}, {}, "-a edition: 'xx' is not an edition; use one of"),
        ("ukrinform", {"max_pages": "many"}, {}, "-a max_pages: 'many' is not a whole number"),
        ("ukrinform", {"rubric": "weather"}, {}, "-a rubric: 'weather' is not a rubric"),
        ("ukrinform_search", {"rubric": "weather"}, {}, "-a rubric: 'weather' is not a rubric"),
        ("ukrinform", {"source": "atom"}, {}, "-a source: 'atom' is not a source"),
        (
            "ukrinform",
            {"since": "2026-05-01", "until": "2026-03-01"},
            {},
            "-a since: '2026-05-01' is after -a until '2026-03-01'",
        ),
        (
            "ukrinform",
            {},
            {"UKRINFORM_BASE_URL": "127.0.0.1:8000"},
            "-s UKRINFORM_BASE_URL: '127.0.0.1:8000' is not an http(s) URL",
        ),
        (
            "ukrinform",
            {},
            {"UKRINFORM_MAX_ERROR_RATE": "lots"},
            "-s UKRINFORM_MAX_ERROR_RATE: 'lots' is not a number",
        ),
        ("nosuchspider", {}, {}, "unknown spider 'nosuchspider'; spiders: ukrinform"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2_before_any_request(
    spider: str, args: dict[str, str], settings: dict[str, str], expected: str
) -> None:
    with Replica(edition="en", articles=20, seed=25) as site:
        done = crawl(spider, args=args, settings={"UKRINFORM_BASE_URL": site.base_url, **settings})
        requests = site.hits(r"^/")
    assert done.returncode == 2, done.stderr[-3000:]
    assert done.lines == [f"error: {done.lines[0].removeprefix('error: ')}"]
    assert expected in done.lines[0]
    assert requests == 0


def test_unusable_state_and_feed_dir_are_named(tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with unwritable_dir(tmp_path / "readonly") as readonly:
        feed_dir = crawl(
            settings={
                "UKRINFORM_STATE_PATH": str(tmp_path / "state.sqlite"),
                "UKRINFORM_FEED_DIR": str(readonly / "feeds"),
            }
        )
    state = crawl(settings={"UKRINFORM_STATE_PATH": str(a_file / "state.sqlite")})
    assert feed_dir.returncode == 2
    assert feed_dir.lines[0].startswith("error: -s UKRINFORM_FEED_DIR:")
    assert "not writable" in feed_dir.lines[0]
    assert state.returncode == 2
    assert state.lines == [
        f"error: -s UKRINFORM_STATE_PATH: '{a_file / 'state.sqlite'}': {a_file} is not a directory"
    ]


# --- the console --------------------------------------------------------------------------------


def test_a_plain_run_is_short_ends_with_its_summary_and_needs_no_network(tmp_path: Path) -> None:
    home = tmp_path / "home"  # no tldextract cache: a first run on a new machine
    home.mkdir()
    with Replica(edition="en", articles=300, seed=26) as site:
        done = crawl(
            args={"since": "2000-01-01"},
            settings={"UKRINFORM_BASE_URL": site.base_url},
            output=tmp_path / "out.jsonl",
            env={"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")},
        )
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(feed(tmp_path / "out.jsonl")) == 300
    assert len(done.lines) <= 250
    assert done.stdout == ""
    assert "Run OK: 300 new" in done.lines[-1]
    assert f"feed {tmp_path / 'out.jsonl'}" in done.lines[-1]
    assert "tldextract" not in done.stderr
    assert "Traceback" not in done.stderr
    assert " DEBUG: " not in done.stderr


def test_lock_files_are_gone_after_a_clean_run(tmp_path: Path) -> None:
    with Replica(edition="en", articles=20, seed=27) as site:
        done = crawl(
            settings={
                "UKRINFORM_BASE_URL": site.base_url,
                "UKRINFORM_STATE_PATH": str(tmp_path / "state" / "state.sqlite"),
                "UKRINFORM_FEED_DIR": str(tmp_path / "feeds"),
            }
        )
    assert done.returncode == 0, done.stderr[-3000:]
    assert not list(tmp_path.rglob("*.lock")), "no lock file left behind"
    assert len(list((tmp_path / "feeds").glob("*.jsonl"))) == 1


# --- layout drift -------------------------------------------------------------------------------


def test_a_field_that_vanishes_fails_the_run_and_normal_variation_does_not(
    tmp_path: Path,
) -> None:
    first_state = tmp_path / "first.sqlite"
    with Replica(edition="en", articles=140, seed=28) as site:
        base = {"UKRINFORM_BASE_URL": site.base_url, "UKRINFORM_FEED_DIR": str(tmp_path / "f")}
        first = crawl(
            args={"max_pages": "2"}, settings={**base, "UKRINFORM_STATE_PATH": str(first_state)}
        )
        normal_state, drift_state = tmp_path / "normal.sqlite", tmp_path / "drift.sqlite"
        shutil.copy(first_state, normal_state)
        shutil.copy(first_state, drift_state)
        args = {"since": "2000-01-01"}
        normal = crawl(args=args, settings={**base, "UKRINFORM_STATE_PATH": str(normal_state)})
        site.faults.append(Fault(pattern=r"\.html$", mode="no-tags"))
        drift = crawl(args=args, settings={**base, "UKRINFORM_STATE_PATH": str(drift_state)})
    assert first.returncode == 0, first.stderr[-3000:]
    assert normal.returncode == 0, normal.stderr[-3000:]
    assert "drift" not in normal.stderr
    assert drift.returncode == 1, drift.stderr[-3000:]
    warnings = [line for line in drift.lines if "WARNING: Layout drift on en" in line]
    assert len(warnings) == 1
    assert "tags in 0% of 100 records" in warnings[0]
    assert "layout drift: tags" in drift.lines[-1]


# --- the README's cron recipe -------------------------------------------------------------------


def cron_command(project: Path, base_url: str) -> str:
    """The README's crontab command, run in ``project`` against ``base_url``, English only."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("*/20 * * * * "))
    command = line.removeprefix("*/20 * * * * ")
    replacements = {
        "cd /srv/ukrinform-crawler": f"cd {project}",
        ".venv/bin/scrapy crawl ukrinform": (
            f"{sys.executable} -m scrapy crawl ukrinform -s UKRINFORM_BASE_URL={base_url}"
        ),
        "for e in en uk;": "for e in en;",
    }
    for old, new in replacements.items():
        assert old in command, old
        command = command.replace(old, new)
    return command


def cron(command: str) -> subprocess.CompletedProcess[str]:
    """``command`` as cron runs it with ``SHELL=/bin/bash``."""
    bash = shutil.which("bash") or "/bin/bash"
    return subprocess.run(  # noqa: S603  # bash, as cron's SHELL
        [bash, "-c", command], capture_output=True, text=True, check=False, timeout=180
    )


def test_the_readme_cron_recipe_works_on_a_fresh_deploy_and_mails_a_failure(
    tmp_path: Path,
) -> None:
    project = tmp_path / "deploy"
    project.mkdir()
    shutil.copy(ROOT / "scrapy.cfg", project)
    with Replica(edition="en", articles=30, seed=29) as site:
        ok = cron(cron_command(project, site.base_url))
    failed = cron(cron_command(project, f"http://127.0.0.1:{closed_port()}"))
    assert (ok.stdout, ok.stderr) == ("", ""), "cron mails nothing after a good run"
    assert len(list((project / "feeds" / "en").glob("en-*.jsonl"))) == 1
    assert (project / "state" / "en.sqlite").exists()
    assert failed.stderr == ""
    mail = failed.stdout.strip()
    assert mail.startswith("ukrinform en failed (exit 1): ")
    assert "Run FAILED" in mail
    assert "close reason origin_unreachable" in mail


def test_the_progress_line_on_a_terminal_never_runs_into_a_log_line(tmp_path: Path) -> None:
    import pty  # POSIX, as the crawler's supported systems

    main, terminal = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["TERM"] = "xterm"
    with Replica(edition="en", articles=300, seed=30) as site:
        command = crawl_command(
            "ukrinform",
            args={"since": "2000-01-01"},
            settings={
                "UKRINFORM_BASE_URL": site.base_url,
                "LOGSTATS_INTERVAL": "1",
                "UKRINFORM_BACKOFF_BASE": "0.5",
            },
        )
        # A slow replica keeps the run going for a few progress ticks.
        site.faults.append(Fault(pattern=r"\.html$", mode="status-503", probability=0.3))
        process = subprocess.Popen(  # noqa: S603  # our interpreter, our arguments
            [*command, "-O", str(tmp_path / "out.jsonl")],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=terminal,
            env=env,
        )
        os.close(terminal)
        output = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the crawl closed its end
                break
            if not chunk:
                break
            output += chunk
        assert process.wait(timeout=180) == 0
    os.close(main)
    text = output.decode("utf-8", "replace")
    assert re.search(
        r"\r\d+ pages, \d+ articles, \d+ new, \d+ failed, [\d.]+ pages/s, \d+:\d\d", text
    )
    for line in re.split(r"[\r\n]", text):
        line = line.removeprefix("\x1b[K")
        assert not re.search(r".\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[", line), line
    assert "Run OK: 300 new" in text.rstrip().splitlines()[-1]


def test_output_to_dev_null_or_a_pipe_is_delivered(tmp_path: Path) -> None:
    with Replica(edition="en", articles=20, seed=32) as site:
        settings = {"UKRINFORM_BASE_URL": site.base_url}
        null = crawl(settings=settings, output=Path("/dev/null:jsonlines"))
        piped = crawl(settings=settings, output=Path("-:jsonlines"))
    assert null.returncode == 0, null.stderr[-3000:]
    assert "Run OK: 20 new" in null.lines[-1]
    assert piped.returncode == 0, piped.stderr[-3000:]
    assert sorted(json.loads(line)["id"] for line in piped.stdout.splitlines()) == sorted(
        site.corpus.ids()
    )
