"""Routes, one module per resource: `api_*` for the REST API, `pages_*` for people."""
