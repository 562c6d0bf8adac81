"""CMS families. Each is a package: its URL scheme and shared patterns (``__init__``), its
skins (``skins``) and its installs (``sites``); ``spider`` holds the routing they share, which
a family with other ways to find articles extends in a ``spider`` module of its own."""
