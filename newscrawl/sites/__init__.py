"""Site modules: one per site, each exporting a ``PROFILE`` of selectors and patterns."""
