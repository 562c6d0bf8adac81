"""The JSON schema every exported article must satisfy (spidermon's item validation)."""

from __future__ import annotations

from typing import Any

_ISO_KST = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$"

ARTICLE_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "An exported news article",
    "type": "object",
    "required": ["url", "article_id", "site", "title", "body", "published_at", "published_raw", "crawled_at"],
    "properties": {
        "url": {"type": "string", "pattern": "^https?://"},
        "article_id": {"type": "string", "pattern": "^[0-9]+$"},
        "site": {"type": "string", "minLength": 1},
        "section": {"type": "string"},
        "title": {"type": "string", "minLength": 1},
        "subtitle": {"type": "string"},
        "author": {"type": "string"},
        "published_at": {"type": "string", "pattern": _ISO_KST},
        "modified_at": {"type": ["string", "null"], "pattern": _ISO_KST},
        "published_raw": {"type": "string", "minLength": 1},
        "modified_raw": {"type": "string"},
        "body": {"type": "string", "minLength": 1},
        "images": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["url", "caption"],
                "properties": {"url": {"type": "string", "pattern": "^https?://"}, "caption": {"type": "string"}},
            },
        },
        "crawled_at": {"type": "string", "pattern": r"\+00:00$"},
        "is_update": {"type": "boolean"},
    },
}
