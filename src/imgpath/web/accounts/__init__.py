"""Accounts: sign-up with a confirmed email, throttled log-in, saved profiles, export and deletion."""
