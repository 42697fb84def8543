"""Who must be signed in, what answers when no one is, and the sign-in rate limit.

With accounts on (`KNEEWISE_ACCOUNTS=true`) every route needs a signed-in
person or a personal access token, except those in `PUBLIC_PATHS`: the pages
that sign a person in (sign-in, sign-up, a new password with a reset code,
sign-out), the service worker, the manifest, the offline page, the health
check, the API's schema, and the static files (a mount, never a route).
`require_person` is an app-wide dependency, so a route added later is private
unless it is listed here (a plain Starlette route, which no dependency guards,
must be public: tests/accounts/test_signin_routes.py checks the route table).
A personal app (accounts off) lets every request through as the first account
(`deps.get_caller`), without the app-wide dependency.

An access token is for the API: no page's form takes one, signed in or not
(`security.refuse_token_on_page`, before any route and before the form token).

Nobody signed in (`deps.NotSignedIn`): a page answers 303 to
`/login?next=<the page>` (only a path on this site is ever kept: `safe_next`);
the API answers 401 problem+json with `WWW-Authenticate: Bearer` (RFC 6750
§3; `error="invalid_token"` when a token was sent and is not valid).

Sign-in attempts are limited with the `limits` library (moving windows,
counted in `KNEEWISE_RATE_LIMIT_STORAGE`) on two counters, both of FAILED
attempts only, each checked before the password is:

- per client address, at `KNEEWISE_LOGIN_RATE_LIMIT` (5/minute): slows one
  machine guessing at any names, and people signing in from one office address
  are not locked out by each other's successes;
- per folded username, at `NAME_FAILURE_LIMIT` (100 an hour), cleared by the
  right password. A per-name limit as tight as the address's let anyone lock
  anyone out (the administrator too) with five wrong tries a minute from
  anywhere. The OWASP Authentication Cheat Sheet ("Account Lockout") warns that
  lockout on a name is a denial of service an attacker can trigger, and NIST
  SP 800-63B §5.2.2 asks only that consecutive failures on one account be
  limited to no more than 100. So the name's limit is NIST's 100: locking a
  person out now takes 20 addresses each at its own limit, and lasts an hour at
  most; a guesser with many addresses still gets at most 100 guesses an hour
  at one account. (Attempts sent at the same instant may pass the check before
  their failures are counted: a few more guesses, never a lockout.)

Counters are keyed by SHA-256 of the name and the address, so the rate-limit
store (which may be a shared Redis) holds neither.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.concurrency import run_in_threadpool

from kneewise.settings import Settings
from kneewise.web.deps import Caller, NotSignedIn, get_caller, refuse_read_only
from kneewise.web.problems import ProblemError, problem_json, wants_json
from kneewise.web.security import sends_token

#: Route paths that answer without a signed-in person (static files are a mount: always public).
PUBLIC_PATHS = frozenset(
    {
        "/login",  # the sign-in page
        "/logout",  # signing out: nothing to protect when no one is signed in
        "/signup",  # making an account (KNEEWISE_SIGNUP says whether and how)
        "/reset",  # a new password with the one-time code an administrator gave
        "/sw.js",  # the service worker: the app shell only, never personal pages
        "/manifest.webmanifest",  # names and icons to install the app
        "/offline",  # what works without a connection (cached by the worker: no one's data)
        "/health",  # for a reverse proxy or a monitor: is the app and its database up
        "/openapi.json",  # the API's schema (no one's data): read before a program has a token
    }
)
LOGIN_PATH = "/login"
#: Paths never sent back to after signing in (they do not show a page of their own).
_NOT_NEXT = frozenset({"/login", "/logout", "/signup", "/reset"})
REALM = 'Bearer realm="kneewise"'
#: What an attempt is at: signing in, making an account, or choosing a password with a code.
Attempt = Literal["signin", "signup", "reset"]


#: The one public path with a part in it: a person's secret calendar address, which a
#: phone's calendar fetches without signing in (routes/calendar_feed.py). Its template,
#: or one segment shaped as the token (43 URL-safe characters) and ".ics": nothing else.
_CALENDAR_ADDRESS = re.compile(r"/calendar/(\{token\}|[A-Za-z0-9_-]{43})\.ics")


def is_public(path_format: str) -> bool:
    """Whether the route with this path template (or this path) answers without a person."""
    return path_format in PUBLIC_PATHS or bool(_CALENDAR_ADDRESS.fullmatch(path_format))


def needs_person(settings: Settings) -> Callable[[str], bool] | None:
    """Which route paths need a signed-in person: None in a personal app (none does)."""
    if not settings.accounts:
        return None
    return lambda path_format: not is_public(path_format)


async def require_person(request: Request) -> None:
    """App-wide dependency: with accounts on, a route not in PUBLIC_PATHS needs a person.

    Raises NotSignedIn (answered by `install`'s handler) when the request names no one,
    and ProblemError 403 when a token without the `write` scope uses POST, PUT, PATCH or
    DELETE (problem+json for the API, the error page for a page).
    `create_app` adds it with accounts on only: a personal app has no one to check.
    Async, so it pays no thread hand-off of its own; the session or token is looked up
    in the database in the thread pool.
    """
    if not request.app.state.settings.accounts:
        return
    # Every public path is literal, so the path asked for is the route's whole path. (The
    # route object's own path_format is relative to its router's prefix: not comparable.)
    path: str = request.scope["path"]
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    if is_public(path):
        return
    caller = await run_in_threadpool(get_caller, request)
    # One place for every route, page or API: a read-only token never changes anything.
    refuse_read_only(request, caller)


def signed_in_caller(request: Request) -> Caller | None:
    """Who is signed in on a public page (which does not require anyone), or None."""
    try:
        return get_caller(request)
    except NotSignedIn:
        return None


def safe_next(target: str | None) -> str:
    """Where to go after signing in: `target` when it is a path on this site, else "/".

    Refused: anything with a scheme or host ("https://…", "//host"), a backslash
    (some browsers read "/\\host" as "//host"), whitespace or control characters
    (browsers drop tabs and newlines, so "/\\t/host" becomes "//host"), and the
    sign-in pages themselves.
    """
    if not target or len(target) > 2000:
        return "/"
    if any(c.isspace() or not c.isprintable() for c in target) or "\\" in target:
        return "/"
    if not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path in _NOT_NEXT:
        return "/"
    return target


def login_url(next_path: str | None = None) -> str:
    """The sign-in page's address, coming back to `next_path` (when safe) afterwards."""
    target = safe_next(next_path)
    return LOGIN_PATH if target == "/" else f"{LOGIN_PATH}?next={quote(target, safe='/')}"


def not_signed_in(request: Request, _: Exception) -> Response:
    """The answer to NotSignedIn: 401 problem+json for the API, a 303 to sign in for a page."""
    if wants_json(request):
        if sends_token(request.headers):
            header = f'{REALM}, error="invalid_token"'
            detail = (
                "the access token is not valid: it is mistyped, revoked, or belongs to an "
                "account that was removed; make a new one on the Access tokens page"
            )
        else:
            header = REALM
            detail = (
                "this server has accounts: send a personal access token as "
                "'Authorization: Bearer kw_…' (make one on the Access tokens page), "
                "or sign in on the site"
            )
        problem = ProblemError(401, "not-signed-in", "Not signed in", detail).problem
        problem.instance = request.url.path
        return problem_json(problem, {"WWW-Authenticate": header})
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    # Only a page that was being looked at is worth coming back to; a form sent
    # after the session ended goes back to the page it came from, if on this site.
    if request.method not in ("GET", "HEAD"):
        referer = urlsplit(request.headers.get("referer", ""))
        same_site = referer.netloc.lower() == request.headers.get("host", "").lower()
        here = (referer.path + (f"?{referer.query}" if referer.query else "")) if same_site else "/"
    target = login_url(here)
    if request.headers.get("hx-request") == "true":
        # htmx would swap the sign-in page into part of the page; have it go there whole.
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _key(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode('utf-8')).hexdigest()}"


@dataclass(frozen=True)
class Refused:
    """An attempt refused by the rate limit: how many seconds until one is allowed again."""

    retry_after: int


#: Failed sign-ins allowed per name: NIST SP 800-63B §5.2.2's "no more than 100"
#: consecutive failures; the hour is kneewise's window (see the module docstring).
NAME_FAILURE_LIMIT = "100/hour"


class AttemptLimit:
    """Failed sign-in (and code) attempts per address and per name, in moving windows."""

    def __init__(self, settings: Settings) -> None:
        self.rate = parse(settings.login_rate_limit)
        self.name_rate = parse(NAME_FAILURE_LIMIT)
        self.limiter = MovingWindowRateLimiter(storage_from_string(settings.rate_limit_storage))

    def _retry_after(self, rate: RateLimitItem, key: str) -> int:
        reset = self.limiter.get_window_stats(rate, "kneewise", key).reset_time
        return max(1, math.ceil(reset - time.time()))

    def begin(self, what: Attempt, address: str, name: str | None = None) -> Refused | None:
        """Refused (with the seconds to wait) when the address's or the name's failures are
        over their limit; None when the attempt may go on. Counts nothing: `failed` does."""
        by_address = _key(f"{what}-address", address)
        if not self.limiter.test(self.rate, "kneewise", by_address):
            return Refused(self._retry_after(self.rate, by_address))
        if name is not None:
            by_name = _key(f"{what}-name", name)
            if not self.limiter.test(self.name_rate, "kneewise", by_name):
                return Refused(self._retry_after(self.name_rate, by_name))
        return None

    def failed(self, what: Attempt, address: str, name: str | None = None) -> None:
        """Count a failed attempt against the client's address and, when given, the name."""
        self.limiter.hit(self.rate, "kneewise", _key(f"{what}-address", address))
        if name is not None:
            self.limiter.hit(self.name_rate, "kneewise", _key(f"{what}-name", name))

    def succeeded(self, what: Attempt, name: str) -> None:
        """The right password for `name` was given: its own counter starts again."""
        self.limiter.clear(self.name_rate, "kneewise", _key(f"{what}-name", name))


def client_address(request: Request) -> str:
    """The client's address (behind a proxy, uvicorn's --forwarded-allow-ips sets it)."""
    return request.client.host if request.client else "unknown"


def attempt_limit(request: Request) -> AttemptLimit:
    """The app's attempt limit (one per app process; shared through a shared storage)."""
    limit: AttemptLimit = request.app.state.attempt_limit
    return limit


def install(app: FastAPI, settings: Settings) -> None:
    """Answer NotSignedIn and keep the attempt limit on the app."""
    app.state.attempt_limit = AttemptLimit(settings)
    app.add_exception_handler(NotSignedIn, not_signed_in)
