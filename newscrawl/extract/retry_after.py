"""The HTTP ``Retry-After`` header: how long a server asked us to wait."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime


def retry_after_seconds(value: str, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP date), or
    ``None`` when it is neither. ``now`` must be aware."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return None
    return max(0.0, (moment - now).total_seconds())
