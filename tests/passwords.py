"""The password of the accounts the web and browser fixtures make (a test's own, never a real one)."""

PASSWORD = "correct horse battery staple"
