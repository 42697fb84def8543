"""Alembic migrations of the diary schema; `kneewise.diary.storage` runs them."""
