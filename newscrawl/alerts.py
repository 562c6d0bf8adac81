"""Alerts on a FAILED run: spidermon's own e-mail, Slack, Telegram and Discord actions,
switched on by ``NEWSCRAWL_ALERTS`` and configured by spidermon's settings. Each failed run
(each failed site of a sites run) sends one message naming its site and its failed monitors."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from email.utils import formatdate, make_msgid
from typing import Any

from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from spidermon.contrib.actions.discord import SendDiscordMessage
from spidermon.contrib.actions.email import SendEmail
from spidermon.contrib.actions.slack import SendSlackMessage
from spidermon.contrib.actions.telegram import SendTelegramMessage
from spidermon.core.actions import Action
from spidermon.exceptions import NotConfigured

_FAILED_MONITORS = (
    "{% set failed = result.monitors_failed_results|length %}{{ failed }} monitor{{ 's' if failed != 1 }} failed"
)
ALERT_SUBJECT = f"newscrawl: {{{{ data.spider.name }}}} FAILED, {_FAILED_MONITORS}"
"""The subject of an alert e-mail (a Jinja template over spidermon's action context)."""
ALERT_TEXT = ALERT_SUBJECT + """.
{%- for monitor in result.monitors_failed_results %}
- {{ monitor.monitor.name }}: {{ monitor.reason }}
{%- endfor %}
Site: {{ data.spider.args.base_url }}
Exported: {{ data.stats.get("newscrawl/items_stored", 0) }} articles; finish reason: {{ data.stats.get("finish_reason") }}.
"""
"""The text of every alert: the site, each failed monitor with its sentence, the run's outcome."""


class EmailAlert(SendEmail):
    """Spidermon's e-mail (``SPIDERMON_EMAIL_*``: its message, text and HTML report), our text
    by default, sent to ``SPIDERMON_SMTP_HOST`` with the standard library's smtplib: spidermon's
    own SMTP action sends through ``scrapy.mail``, deprecated, which wraps the whole message as
    the text of another one. It logs in only where ``SPIDERMON_SMTP_USER`` is set."""

    subject = ALERT_SUBJECT
    body_text = ALERT_TEXT

    def __init__(
        self,
        smtp_host: str | None = None,
        smtp_port: int | None = None,
        smtp_user: str | None = None,
        smtp_password: str | None = None,
        smtp_enforce_tls: bool = False,
        smtp_enforce_ssl: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not smtp_host:
            raise NotConfigured("You must provide a value for SPIDERMON_SMTP_HOST setting.")
        self.smtp_host, self.smtp_user, self.smtp_password = smtp_host, smtp_user, smtp_password or ""
        self.smtp_port = smtp_port or (smtplib.SMTP_SSL_PORT if smtp_enforce_ssl else smtplib.SMTP_PORT)
        self.smtp_enforce_tls, self.smtp_enforce_ssl = smtp_enforce_tls, smtp_enforce_ssl

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        """Spidermon's e-mail settings and its SMTP action's ``SPIDERMON_SMTP_*`` settings."""
        settings = crawler.settings
        return {
            **super().from_crawler_kwargs(crawler),
            "smtp_host": settings.get("SPIDERMON_SMTP_HOST"),
            "smtp_port": settings.getint("SPIDERMON_SMTP_PORT") or None,
            "smtp_user": settings.get("SPIDERMON_SMTP_USER"),
            "smtp_password": settings.get("SPIDERMON_SMTP_PASSWORD"),
            "smtp_enforce_tls": settings.getbool("SPIDERMON_SMTP_ENFORCE_TLS"),
            "smtp_enforce_ssl": settings.getbool("SPIDERMON_SMTP_ENFORCE_SSL"),
        }

    def get_message(self) -> Message:
        """Spidermon's message, dated and with an id, as mail servers expect."""
        message: Message = super().get_message()
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain=self.smtp_host)
        return message

    def send_message(self, message: Message) -> None:
        """Send ``message`` to its recipients (Bcc included, its header left out) now."""
        connect = smtplib.SMTP_SSL if self.smtp_enforce_ssl else smtplib.SMTP
        with connect(self.smtp_host, self.smtp_port, timeout=60) as server:
            if self.smtp_enforce_tls:
                server.starttls()
            if self.smtp_user:
                server.login(self.smtp_user, self.smtp_password)
            server.send_message(message)


class SlackAlert(SendSlackMessage):
    """Spidermon's Slack message (``SPIDERMON_SLACK_*``), our text by default."""

    message = ALERT_TEXT
    include_attachments = False


class TelegramAlert(SendTelegramMessage):
    """Spidermon's Telegram message (``SPIDERMON_TELEGRAM_*``), our text by default, as a
    code block: spidermon sends it as Markdown, where a finish reason's ``_`` would not parse."""

    message = f"```\n{ALERT_TEXT}```"


class DiscordAlert(SendDiscordMessage):
    """Spidermon's Discord webhook message (``SPIDERMON_DISCORD_*``), our text by default."""

    message = ALERT_TEXT


ALERT_CHANNELS: dict[str, type[Action]] = {
    "email": EmailAlert,
    "slack": SlackAlert,
    "telegram": TelegramAlert,
    "discord": DiscordAlert,
}
"""The names ``NEWSCRAWL_ALERTS`` takes, and the action each switches on."""


@dataclass(frozen=True)
class _SettingsOnly:
    """What spidermon's actions read of a crawler to configure themselves: its settings."""

    settings: BaseSettings


def alert_actions(settings: BaseSettings) -> list[Action]:
    """The actions of the channels ``NEWSCRAWL_ALERTS`` names, configured from ``settings``;
    a ``ValueError`` in one sentence for an unknown channel or a missing setting."""
    names: Sequence[str] = [name.strip() for name in settings.getlist("NEWSCRAWL_ALERTS")]
    unknown = [name for name in names if name not in ALERT_CHANNELS]
    if unknown:
        raise ValueError(f"NEWSCRAWL_ALERTS names {', '.join(unknown)}: the alert channels are {', '.join(ALERT_CHANNELS)}.")
    actions = []
    for name in names:
        channel = ALERT_CHANNELS[name]
        try:
            actions.append(channel(**channel.from_crawler_kwargs(_SettingsOnly(settings))))
        except NotConfigured as missing:
            raise ValueError(f"The {name} alert is switched on but not configured: {missing}") from None
    return actions
