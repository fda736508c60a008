"""The roadmap planner: from a profile to dated, costed plans for every route (a service over the engine)."""
