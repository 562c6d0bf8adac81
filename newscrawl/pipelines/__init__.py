"""Item pipelines: thin wrappers that apply the pure functions of ``newscrawl.extract``."""
