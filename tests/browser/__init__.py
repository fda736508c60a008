"""Browser tests (a package, so the one Chromium they share stops when they are done)."""
