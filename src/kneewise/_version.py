"""The kneewise version, alone so that reading it imports nothing else.

Kept equal to `[project] version` in pyproject.toml (tests/test_public_api.py checks).
"""

__version__ = "0.1.0"
