"""REST API under /api/v1/ (token or session authentication); OpenAPI schema at /api/schema/."""
