"""The web app and REST API: `create_app(settings)`; `kneewise serve` runs it."""

from kneewise.web.app import create_app

__all__ = ["create_app"]
