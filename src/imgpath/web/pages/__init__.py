"""Public pages: home, the profile wizard, results, one route explained, states and what changed."""
