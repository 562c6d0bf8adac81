"""The deployment templates work on a fresh checkout: the cron line and the systemd unit's
command are run as written (``sh -c``), with the checkout's path and the site's address
substituted, through the real virtualenv's ``scrapy``."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_DIR
from tests.replica.server import ReplicaServer

TEMPLATE_CHECKOUT = "/srv/newscrawl"
"""Where the templates expect the checkout."""


def _fresh_checkout(tmp_path: Path) -> Path:
    """A checkout as ``git clone`` leaves it (no ``logs/``, no ``output/``), with its virtualenv's
    ``scrapy`` in ``.venv/bin``: the one these tests run under."""
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    for name in ("scrapy.cfg", "newscrawl"):
        (checkout / name).symlink_to(PROJECT_DIR / name)
    (checkout / ".venv" / "bin").mkdir(parents=True)
    (checkout / ".venv" / "bin" / "scrapy").symlink_to(Path(sys.executable).parent / "scrapy")
    return checkout


def _syslog(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """cron's bare environment, with a ``logger`` first on the PATH that keeps what it would
    send to syslog in a file (the machine's syslog is not the test's to read)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    received = tmp_path / "syslog"
    logger = folder / "logger"
    logger.write_text(f'#!/bin/sh\necho "$*: $(cat)" >> {received}\n', encoding="utf-8")
    logger.chmod(0o755)
    return {"PATH": f"{folder}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}, received


def _cron_command(checkout: Path, base_url: str) -> str:
    """The command of ``deploy/newscrawl.cron``'s line for this checkout and site address."""
    [line] = [line for line in (PROJECT_DIR / "deploy" / "newscrawl.cron").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    command = line.split(maxsplit=5)[5]  # after the five schedule fields
    assert TEMPLATE_CHECKOUT in command and "crawl news21 " in command
    fast = "-s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False"
    return command.replace(TEMPLATE_CHECKOUT, str(checkout)).replace("crawl news21 ", f"crawl news21 -a base_url={base_url} {fast} ")


def test_the_cron_line_runs_on_a_fresh_checkout_and_logs_at_info(replica: ReplicaServer, tmp_path: Path) -> None:
    checkout = _fresh_checkout(tmp_path)
    env, syslog = _syslog(tmp_path)
    command = _cron_command(checkout, replica.base_url)
    first = subprocess.run(["sh", "-c", command], env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0 and not first.stdout and not first.stderr, first
    log = (checkout / "logs" / "newscrawl.log").read_text(encoding="utf-8")
    assert "[news21] INFO: Run OK: 42 articles exported" in log
    assert " DEBUG: " not in log and "ArticleItem(" not in log  # INFO: no request or item dumps
    outputs = checkout / "output" / "news21"
    assert sorted(path.suffix for path in outputs.iterdir()) == [".csv", ".csv", ".json", ".jsonl"]  # items, rejects, report

    again = subprocess.run(["sh", "-c", command], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again
    log = (checkout / "logs" / "newscrawl.log").read_text(encoding="utf-8")
    assert log.count("Scrapy 2.") == 2  # appended
    assert "[news21] INFO: Run OK: no new articles exported, 0 pages rejected" in log
    assert len(list(outputs.glob("*.report.json"))) == 2 and len(list(outputs.iterdir())) == 5  # a report only
    assert not syslog.exists()


def test_a_failed_cron_run_says_so_in_syslog_naming_files_that_exist(tmp_path: Path) -> None:
    checkout = _fresh_checkout(tmp_path)
    env, syslog = _syslog(tmp_path)
    with ReplicaServer() as gone:
        base_url = gone.base_url  # nothing listens there once it is closed
    done = subprocess.run(["sh", "-c", _cron_command(checkout, base_url)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0  # the line itself; the crawl's status goes to syslog
    [line] = syslog.read_text(encoding="utf-8").splitlines()
    assert line == (
        f"-t newscrawl: newscrawl run FAILED (exit status 1), see {checkout}/logs/newscrawl.log "
        f"and the report in {checkout}/output/news21/"
    )
    assert "Run FAILED: The site is unreachable: " in (checkout / "logs" / "newscrawl.log").read_text(encoding="utf-8")
    assert list((checkout / "output" / "news21").glob("*.report.json"))


def test_the_systemd_unit_runs_on_a_fresh_checkout(replica: ReplicaServer, tmp_path: Path) -> None:
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.read_string((PROJECT_DIR / "deploy" / "newscrawl.service").read_text(encoding="utf-8"))
    service = unit["Service"]
    assert service["WorkingDirectory"] == TEMPLATE_CHECKOUT and service["SuccessExitStatus"] == "75"
    checkout = _fresh_checkout(tmp_path)
    env, _ = _syslog(tmp_path)
    command = service["ExecStart"].replace(TEMPLATE_CHECKOUT, str(checkout)) + f" -a base_url={replica.base_url} -s DOWNLOAD_DELAY=0"
    done = subprocess.run(["sh", "-c", command], cwd=checkout, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "[news21] INFO: Run OK: 42 articles exported" in done.stderr  # to the journal
    assert " DEBUG: " not in done.stderr
    assert sorted(path.name for path in checkout.iterdir()) == [".newscrawl", ".venv", "newscrawl", "output", "scrapy.cfg"]
