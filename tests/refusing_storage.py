"""A feed storage for tests that keeps items in a temporary file, as remote storages (S3,
FTP, …) do, and then refuses to store it: ``-s FEED_STORAGES={"refusing": …}``."""

from __future__ import annotations

from typing import IO, Any

from scrapy.extensions.feedexport import BlockingFeedStorage


class RefusingFeedStorage(BlockingFeedStorage):
    """``refusing://anything``: every store fails, as a remote storage that says no."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None) -> None:
        self.uri = uri

    def _store_in_thread(self, file: IO[bytes]) -> None:
        raise PermissionError(f"the storage refused {self.uri}")
