"""Alerts: spidermon's actions switched on by NEWSCRAWL_ALERTS send one message per failed
site (naming it and its failed monitors) and none for a site that is OK; alerts switched on
but not configured stop the run before it crawls."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, REDESIGN, run_crawl, run_sites
from tests.replica.server import ReplicaServer
from tests.smtp_sink import SmtpSink

USER, PASSWORD = "crawler", "an-smtp-password"


@contextmanager
def discord_webhook() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A Discord-like webhook on 127.0.0.1: its URL, and the JSON bodies posted to it."""
    posted: list[dict[str, str]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            posted.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            """Quiet: the test reads what was posted."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/webhooks/1/token", posted
    finally:
        server.shutdown()
        server.server_close()


def _alert_settings(smtp_port: int, webhook: str) -> list[str]:
    settings = {
        "NEWSCRAWL_ALERTS": "email,slack,telegram,discord",
        "SPIDERMON_SMTP_HOST": "127.0.0.1",
        "SPIDERMON_SMTP_PORT": str(smtp_port),
        "SPIDERMON_SMTP_USER": USER,
        "SPIDERMON_SMTP_PASSWORD": PASSWORD,
        "SPIDERMON_EMAIL_SENDER": "newscrawl@example.org",
        "SPIDERMON_EMAIL_TO": "data-team@example.org",
        "SPIDERMON_EMAIL_BCC": "on-call@example.org",
        # Slack's and Telegram's APIs cannot be reached from here: spidermon's fake mode logs
        # the message its action would send.
        "SPIDERMON_SLACK_SENDER_TOKEN": "xoxb-not-a-token",
        "SPIDERMON_SLACK_SENDER_NAME": "newscrawl",
        "SPIDERMON_SLACK_FAKE": "true",
        "SPIDERMON_TELEGRAM_SENDER_TOKEN": "not-a-token",
        "SPIDERMON_TELEGRAM_RECIPIENTS": "-1001",
        "SPIDERMON_TELEGRAM_FAKE": "true",
        "SPIDERMON_DISCORD_WEBHOOK_URL": webhook,
    }
    return [argument for name, value in settings.items() for argument in ("-s", f"{name}={value}")]


def test_one_alert_per_failed_site_on_every_channel_and_none_for_a_site_that_is_ok(tmp_path: Path) -> None:
    with (
        ReplicaServer(host="127.0.0.2") as alpha,
        ReplicaServer(host="127.0.0.3") as gamma,
        SmtpSink(USER, PASSWORD) as smtp,
        discord_webhook() as (webhook, posted),
    ):
        for server in (alpha, gamma):
            server.articles[:] = server.articles[:6]
        gamma.rewrite = dict(REDESIGN)
        result = run_sites(tmp_path, {"alpha": alpha, "gamma": gamma}, 0, *_alert_settings(smtp.port, webhook))
    assert result.returncode == 1, result.stderr[-3000:]
    assert "\n  gamma: FAILED, 0 exported; " in result.stderr and "\n  OK: alpha (6)\n" in result.stderr

    [mail] = smtp.messages
    assert mail["Subject"] == "newscrawl: gamma FAILED, 3 monitors failed"
    assert (mail["From"], mail["To"], mail["Bcc"]) == ("newscrawl@example.org", "data-team@example.org", None)
    assert smtp.recipients == [["data-team@example.org", "on-call@example.org"]]
    text = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]  # as SMTP sent it
    assert text.startswith(
        "newscrawl: gamma FAILED, 3 monitors failed.\n"
        "- Skins/The skins read the pages: The site's markup matches no skin: 6 of 6 article pages matched none (100%, at most 20%), "
        "and their metadata did not give the missing fields.\n"
        "- Error rate/Error rate under the threshold: Too many pages were rejected: 6 for 12 requests (50%, at most 20%).\n"
        "- Field coverage of parsed articles/Fields are filled: Too many of the 6 parsed articles lack a field: title in 0% (at least 90%); body in 0% (at least 90%).\n"
    )
    assert f"Site: {gamma.base_url}\nExported: 0 articles; finish reason: finished." in text
    assert "gamma" in mail.get_body(("html",)).get_content()  # type: ignore[union-attr]  # spidermon's report

    [discord] = posted
    assert discord["content"] == text
    for channel, opening in (("slack", ""), ("telegram", "```\n")):  # Telegram's: a code block
        logged = result.stderr.split(f"[spidermon.contrib.actions.{channel}] INFO: ")
        assert len(logged) == 2 and logged[1].startswith(opening + text[:200]), (channel, logged[1:])
    assert "alpha FAILED" not in result.stderr


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (["NEWSCRAWL_ALERTS=sms"], "NEWSCRAWL_ALERTS names sms: the alert channels are email, slack, telegram, discord."),
        (
            ["NEWSCRAWL_ALERTS=email", "SPIDERMON_EMAIL_TO=data-team@example.org", "SPIDERMON_EMAIL_SENDER=newscrawl@example.org"],
            "The email alert is switched on but not configured: You must provide a value for SPIDERMON_SMTP_HOST setting.",
        ),
        (["NEWSCRAWL_ALERTS=discord"], "The discord alert is switched on but not configured: You must provide a value for SPIDERMON_DISCORD_WEBHOOK_URL setting."),
    ],
)
def test_alerts_that_cannot_be_sent_stop_the_run_before_it_crawls(tmp_path: Path, settings: list[str], message: str) -> None:
    command = [sys.executable, "-m", "scrapy", "crawl", "news21", "-a", "base_url=http://127.0.0.1:9", "-O", str(tmp_path / "out.jsonl")]
    command += [argument for setting in settings for argument in ("-s", setting)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.strip().splitlines()[-1].endswith(f": error: {message}")
    assert "Traceback" not in done.stderr and not (tmp_path / "out.jsonl").exists()


def test_an_alert_that_cannot_be_delivered_is_logged_as_an_error(tmp_path: Path) -> None:
    with SmtpSink(USER, PASSWORD) as smtp:
        closed_port = smtp.port
    email = ["NEWSCRAWL_ALERTS=email", "SPIDERMON_SMTP_HOST=127.0.0.1", f"SPIDERMON_SMTP_PORT={closed_port}"]
    email += ["SPIDERMON_EMAIL_SENDER=newscrawl@example.org", "SPIDERMON_EMAIL_TO=data-team@example.org"]
    result = run_crawl(tmp_path, "-a", "base_url=http://127.0.0.1:9", *[argument for setting in email for argument in ("-s", setting)])
    assert result.returncode == 1, result.log[-2000:]
    assert "[Spidermon] ERROR EmailAlert: Traceback" in result.log and "ConnectionRefusedError" in result.log


def test_alert_settings_and_secrets_can_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with SmtpSink(USER, PASSWORD) as smtp:
        environment = {
            "NEWSCRAWL_ALERTS": "email",
            "SPIDERMON_SMTP_HOST": "127.0.0.1",
            "SPIDERMON_SMTP_PORT": str(smtp.port),
            "SPIDERMON_SMTP_USER": USER,
            "SPIDERMON_SMTP_PASSWORD": PASSWORD,
            "SPIDERMON_EMAIL_SENDER": "newscrawl@example.org",
            "SPIDERMON_EMAIL_TO": "data-team@example.org,on-call@example.org",
        }
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        result = run_crawl(tmp_path, "-a", "base_url=http://127.0.0.1:9")  # unreachable: FAILED
    assert result.returncode == 1, result.log[-2000:]
    assert PASSWORD not in result.log
    [mail] = smtp.messages
    assert mail["Subject"] == "newscrawl: news21 FAILED, 1 monitor failed"  # one cause: the site is unreachable
    assert smtp.recipients == [["data-team@example.org", "on-call@example.org"]]
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "- Finish reason/The crawl finished: The site is unreachable: http://127.0.0.1:9/ could not be fetched (" in text
    assert "; the crawl was stopped at once (site_unreachable)." in text
