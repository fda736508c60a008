"""Small pure helpers for the web apps: no models, no views, each with its own tests."""
