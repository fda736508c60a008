"""The command line: ``imgpath check``, ``explain``, ``rules`` and ``profile``."""
