"""The JSON API: one NinjaAPI under /api/v1/ assembled from a router per app."""
