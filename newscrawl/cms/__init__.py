"""CMS families. Each is a package: its URL scheme and shared patterns (``__init__``), its
skins (``skins``), its installs (``sites``) and its routing spider (``spider``)."""
