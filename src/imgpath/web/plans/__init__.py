"""Plans: every route compared, one route's dated plan, charts, checklists and calendar feeds."""
