"""One archive across runs and sites: every exported article once, its versions, the runs
and where they saw it, deletions as events, and a Korean search that finds short words.

``schema`` (the tables), ``store`` (reading and writing them), ``bigrams`` and ``search``
(the Korean full text), ``importer``, ``export`` and ``serve`` (the commands' work)."""
