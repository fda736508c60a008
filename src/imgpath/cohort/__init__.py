"""Cohorts: many people checked at once, read from and written to spreadsheets (pure Python)."""
