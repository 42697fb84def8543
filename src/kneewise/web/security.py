"""Defences of a server on the person's own machine against the pages they visit.

Outermost first, every request passes:

1. security headers on every answer (the `secure` library): a
   Content-Security-Policy without inline script, `nosniff`, no framing, a
   strict Referrer-Policy and `Cache-Control: no-store` (diary data);
2. a Host allow-list (Starlette's TrustedHostMiddleware deciding): a DNS-rebinding
   page names its own host and gets a 400 problem+json;
3. a body size limit, counted while the body arrives: 413 naming the limit;
4. an Origin/Referer check for unsafe methods (a page of another site is
   refused); bodies only as JSON for the API (/api/v1, /cds-services) and
   only url-encoded for the pages' forms (415 otherwise); and no access token
   on a page's form (403: `refuse_token_on_page`);
5. CSRF tokens on every HTML form (`asgi-csrf`: a signed double-submit cookie
   and the hidden input `csrftoken` that `csrf_input(request)` draws); the JSON
   API, which has no forms and which asgi-csrf lets through, skips it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from asgi_csrf import asgi_csrf
from fastapi import FastAPI, Request
from markupsafe import Markup, escape
from secure import (
    MULTI_OK,
    CacheControl,
    ContentSecurityPolicy,
    ReferrerPolicy,
    Secure,
    XContentTypeOptions,
    XFrameOptions,
)
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kneewise.settings import Settings
from kneewise.web.problems import ProblemError, problem_json

CSRF_FIELD = "csrftoken"  # asgi-csrf's cookie and form field name
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
JSON_PREFIXES = ("/api/", "/cds-services")
DOCS_PATHS = frozenset({"/api/docs", "/api/docs/oauth2-redirect"})


def is_json_api(path: str) -> bool:
    """The programs' JSON API (no forms, no CSRF cookie): /api/v1 and CDS Hooks."""
    return path.startswith(JSON_PREFIXES)


def csrf_input(request: Request) -> Markup:
    """The hidden form input with this browser's CSRF token (sets its cookie if new)."""
    token = request.scope["csrftoken"]()
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, escape(token))


def _headers(csp: ContentSecurityPolicy) -> Secure:
    return Secure(
        csp=csp,
        xcto=XContentTypeOptions().nosniff(),
        xfo=XFrameOptions().deny(),
        referrer=ReferrerPolicy().set("same-origin"),  # no-referrer would null Origin
        cache=CacheControl().no_store(),
    )


PAGE_HEADERS = _headers(
    ContentSecurityPolicy()
    .default_src("'self'")
    .script_src("'self'")
    .style_src("'self'")
    .img_src("'self'", "data:")
    .object_src("'none'")
    .base_uri("'none'")
    .form_action("'self'")
    .frame_ancestors("'none'")
)
#: The vendored Swagger UI (pages_home.api_docs): scripts from here only, no inline script;
#: its React components set style attributes, so only styles allow inline.
DOCS_HEADERS = _headers(
    ContentSecurityPolicy()
    .default_src("'self'")
    .script_src("'self'")
    .style_src("'self'", "'unsafe-inline'")
    .img_src("'self'", "data:")
    .object_src("'none'")
    .frame_ancestors("'none'")
)


class SecurityHeadersMiddleware:
    """`secure`'s headers on every answer; the API docs page gets its own policy.

    `secure` builds the headers; they are fixed, so they are encoded once here rather
    than rebuilt for every answer (`Secure.headers` makes its mapping anew on each read,
    as `SecureASGIMiddleware` does per request). Applied as that middleware applies them:
    a header of the same name is replaced, except those `secure.MULTI_OK` allows twice
    (Content-Security-Policy), where both are kept and the browser enforces each.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.pages = _encoded(PAGE_HEADERS)
        self.docs = _encoded(DOCS_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replaced, added = self.docs if scope["path"] in DOCS_PATHS else self.pages

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [h for h in message.get("headers", ()) if h[0].lower() not in replaced]
                message["headers"] = [*kept, *added]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _encoded(headers: Secure) -> tuple[frozenset[bytes], tuple[tuple[bytes, bytes], ...]]:
    """The names whose value from the app is replaced, and the headers to add, as bytes."""
    added = tuple((name.lower().encode("latin-1"), value.encode("latin-1"))
                  for name, value in headers.headers.items())  # fmt: skip
    multi = {name.lower().encode("latin-1") for name in MULTI_OK}
    return frozenset(name for name, _ in added if name not in multi), added


def _problem(
    status: int, title: str, detail: str, path: str, slug: str = "invalid-request"
) -> JSONResponse:
    problem = ProblemError(status, slug, title, detail).problem
    problem.instance = path
    return problem_json(problem)


class BodyTooLargeError(StarletteHTTPException):
    """A body past the limit: a 413 whose detail names the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_detail(limit))


def too_large_detail(limit: int) -> str:
    return f"The request body is larger than the limit of {limit} bytes ({limit / 1024:g} KiB)."


class BodyLimitMiddleware:
    """Refuse bodies over `limit` bytes: by Content-Length at once, else while reading."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLargeError(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLargeError:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = _problem(413, "Request too large", too_large_detail(self.limit), scope["path"])
        await response(scope, receive, send)


def _cross_site(headers: Headers) -> str | None:
    """Why a browser request comes from another site, or None when it does not."""
    if headers.get("sec-fetch-site") == "cross-site":
        return "the browser says the request comes from another site"
    source = headers.get("origin") or headers.get("referer")
    if source is None:
        return None  # not a browser (curl, a script): forms still need their token
    netloc = urlsplit(source).netloc.lower()
    if source == "null" or netloc != headers.get("host", "").lower():
        return f"the request comes from {source!r}, not from this server"
    return None


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _is_form(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "application/x-www-form-urlencoded"


class HostCheckMiddleware:
    """Starlette's Host allow-list, answering a refused host as problem+json.

    TrustedHostMiddleware decides (its matching of names, ports and wildcards);
    its plain-text 400 is replaced by a problem naming the setting that adds a name.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.check = TrustedHostMiddleware(self._allowed, allowed_hosts=allowed_hosts)

    async def _allowed(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["kneewise.host_allowed"] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return

        async def only_when_allowed(message: Message) -> None:
            if scope.get("kneewise.host_allowed"):
                await send(message)

        await self.check(scope, receive, only_when_allowed)
        if not scope.get("kneewise.host_allowed"):
            host = Headers(scope=scope).get("host", "")
            detail = (
                f"This server does not answer to the name {host!r}. Use the address "
                "kneewise printed when it started; KNEEWISE_ALLOWED_HOSTS adds other names."
            )
            await _problem(400, "Unknown host name", detail, scope.get("path", "/"))(
                scope, receive, send
            )


#: Why a page's form refuses an access token, and what to use instead.
TOKEN_ON_PAGE = (
    "Access tokens are for the REST API under /api/v1 (described at /api/docs); the "
    "site's pages and their forms never take one: sign in on the site with your password "
    "to do this, or have the program make the change through the API."
)


def sends_token(headers: Headers) -> bool:
    """Whether the request carries `Authorization: Bearer …` (any case of the scheme)."""
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(credentials.strip())


def refuse_token_on_page(method: str, path: str, headers: Headers) -> bool:
    """Whether a request is a change to a page (not the JSON API) sent with an access token.

    The one rule for every page route, signed in or not, accounts on or off: a POST,
    PUT, PATCH or DELETE outside /api/v1 and /cds-services with a bearer token is
    refused (403 `token-not-allowed`). asgi-csrf lets any request with
    `Authorization: Bearer` skip its form-token check, so without this a program
    holding a token reached every form (delete all data, sharing, the account) with
    none of the checks a browser meets. Reading pages (GET, HEAD) is left to the
    token's read scope; another scheme (a proxy's Basic sign-in) is not a token.
    """
    return method not in SAFE_METHODS and not is_json_api(path) and sends_token(headers)


class OriginCheckMiddleware:
    """Unsafe methods only from this site and never with a token on a page; bodies only as
    JSON (API) or url-encoded (pages)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path: str = scope["path"]
        reason = _cross_site(headers)
        if reason is not None:
            detail = f"Refused: {reason}. Use kneewise's own pages."
            await _problem(403, "Cross-site request", detail, path)(scope, receive, send)
            return
        if refuse_token_on_page(scope["method"], path, headers):
            title = "Not with an access token"
            refusal = _problem(403, title, TOKEN_ON_PAGE, path, slug="token-not-allowed")
            await refusal(scope, receive, send)
            return
        has_body = headers.get("transfer-encoding") is not None or headers.get(
            "content-length", "0"
        ) not in ("", "0")
        content_type = headers.get("content-type", "")
        if has_body and is_json_api(path) and not _is_json(content_type):
            detail = "The API takes request bodies as application/json only."
            await _problem(415, "Unsupported media type", detail, path)(scope, receive, send)
            return
        if has_body and not is_json_api(path) and not _is_form(content_type):
            # The pages' forms are all url-encoded (asgi-csrf cannot read multipart today).
            detail = "The pages take forms as application/x-www-form-urlencoded only."
            await _problem(415, "Unsupported media type", detail, path)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class _FormPaths:
    """Every path but the JSON API's: checked even when the browser sent no cookie."""

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and not is_json_api(path)


def _csrf_failed_sender() -> Callable[[Scope, Send, Any], Any]:
    async def send_csrf_failed(scope: Scope, send: Send, _message_id: Any) -> None:
        detail = (
            "This form is missing its security token or the token is out of date "
            "(kneewise was restarted, or the form came from another site). "
            "Go back, reload the page and send the form again."
        )
        response = _problem(403, "Form token missing or out of date", detail, scope["path"])
        await response(scope, _no_body, send)

    return send_csrf_failed


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class FormTokenMiddleware:
    """asgi-csrf's form tokens for every path but the JSON API's, which never has a form.

    asgi-csrf lets every JSON API request through (`skip_if_scope`, or no cookie),
    but only after it has signed a fresh token for it (itsdangerous: JSON, zlib, three
    HMAC-SHA1) that no JSON answer uses. A JSON API request therefore goes straight on;
    the API docs page under /api/ is a page and keeps asgi-csrf.
    """

    def __init__(self, app: ASGIApp, csrf_options: dict[str, Any]) -> None:
        self.app = app
        self.with_token = asgi_csrf(app, **csrf_options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _skips_form_token(scope["path"]):
            await self.app(scope, receive, send)
            return
        await self.with_token(scope, receive, send)


def _skips_form_token(path: str) -> bool:
    return is_json_api(path) and path not in DOCS_PATHS


def install(app: FastAPI, settings: Settings) -> None:
    """Add the defences to the app, in the order the module docstring gives."""
    csrf_options: dict[str, Any] = {
        "signing_secret": settings.secret_key,
        "cookie_samesite": "Strict",
        # With accounts on, the form token's cookie travels over HTTPS only, like the
        # sign-in cookie (KNEEWISE_COOKIE_SECURE; asgi-csrf's own default is False). A
        # personal app answers on 127.0.0.1 over plain HTTP, where no cookie is secure.
        "cookie_secure": settings.accounts and settings.cookie_secure,
        "always_protect": _FormPaths(),
        "skip_if_scope": lambda scope: is_json_api(scope["path"]),
        "send_csrf_failed": _csrf_failed_sender(),
    }
    app.add_middleware(FormTokenMiddleware, csrf_options=csrf_options)
    app.add_middleware(OriginCheckMiddleware)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(HostCheckMiddleware, allowed_hosts=list(settings.hosts))
    app.add_middleware(SecurityHeadersMiddleware)
