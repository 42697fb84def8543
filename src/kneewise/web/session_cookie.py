"""The signed-in session's cookie: signed, HttpOnly, Secure, SameSite=Lax.

The cookie holds a random session token signed with `KNEEWISE_SECRET_KEY`
(itsdangerous), so a cookie altered in the browser is refused before the
database is asked; the database keeps only the token's SHA-256
(`kneewise.accounts.store`). SameSite=Lax (not Strict) so that a link to
kneewise from another site, such as a calendar or a message, opens signed
in; changes need a same-site form with its CSRF token or a JSON call that
passes the Origin check (`web/security.py`).
"""

from __future__ import annotations

from fastapi import Request, Response
from itsdangerous import BadSignature, Signer

from kneewise.settings import Settings

SESSION_COOKIE = "kneewise_session"
_SALT = "kneewise.session"


def _signer(request: Request) -> Signer:
    return Signer(request.app.state.signing_key, salt=_SALT)


def signed_session_value(signing_key: str, token: str) -> str:
    """The cookie value that carries session `token` for an app signing with `signing_key`."""
    return Signer(signing_key, salt=_SALT).sign(token).decode("ascii")


def read_session_cookie(request: Request) -> str | None:
    """The session token of the request's cookie when its signature holds; None otherwise."""
    value = request.cookies.get(SESSION_COOKIE)
    if not value:
        return None
    try:
        return _signer(request).unsign(value).decode("ascii")
    except (BadSignature, UnicodeDecodeError):
        return None


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """Put a signed session token in the response's cookie for `session_days`."""
    settings: Settings = request.app.state.settings
    response.set_cookie(
        SESSION_COOKIE,
        signed_session_value(request.app.state.signing_key, token),
        max_age=settings.session_days * 86400,
        httponly=True,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    """Remove the session cookie (signing out)."""
    settings: Settings = request.app.state.settings
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, secure=settings.cookie_secure, samesite="lax"
    )
