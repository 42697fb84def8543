"""Request bodies read as strict JSON: a syntax error and a repeated key are each refused.

Python's `json` (and so Starlette's `Request.json()`) lets the last of two equal
keys win in silence. In a health record `{"swelling": true, …, "swelling": false}`
is ambiguous, so a body that names a key twice in one object is refused with a
422 naming the key and where it is (`duplicate_key_paths`). A body that is not
JSON at all is a 400 naming the line and column where reading stopped, never a
character offset posing as a field. `NaN`, `Infinity` and `-Infinity` are
not JSON numbers (RFC 8259 §6), though Python's `json` reads them: a body
holding one is a 422 naming each field and saying it must be a number, never
a range message ("should be ≤ 10080") about a value that is no number at all.
A body nested deeper than `MOST_NESTED` arrays and objects is a 400 ("nested
too deeply"), never a RecursionError: RFC 8259 §9 lets a parser limit nesting.

`JsonRoute` is the route class of every API router with a body: it reads the
body once, strictly, before FastAPI's own handler (which then takes the parsed
value, `StrictJsonRequest.json`), so the problems raised here reach the app's
handlers as `ProblemError`s instead of FastAPI's generic 400.
"""

from __future__ import annotations

import email.message
import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from kneewise._strict_json import (
    DuplicateKeyError,
    NotANumberError,
    duplicate_key_paths,
    loads_strict,
    not_a_number_paths,
)
from kneewise.diary.records import ALLOWED as RECORD_ALLOWED
from kneewise.web.auth import require_person
from kneewise.web.echoes import shown
from kneewise.web.problems import FieldProblem, ProblemError, not_json_problem

#: The most repeated keys named in one answer (a body may repeat thousands).
MOST_NAMED = 20
#: The deepest nesting of arrays and objects a body may have (RFC 8259 §9 lets a parser
#: set one). The API's deepest body, a CDS Hooks request carrying FHIR resources in its
#: prefetch, nests about 10 levels; Python's parser and the validators after it recurse
#: once per level and stop near 1000 (sys.getrecursionlimit) with a RecursionError.
MOST_NESTED = 64


class TooDeepError(ValueError):
    """The body nests arrays and objects deeper than `MOST_NESTED`."""


def _check_depth(body: str | bytes, value: Any) -> None:
    """Raise TooDeepError when `value` nests deeper than MOST_NESTED (a bracket-rich body only).

    Counting brackets is one C pass; a body with fewer brackets than the limit
    cannot nest deeper than it, so the usual body is never walked.
    """
    opening = ("[", "{") if isinstance(body, str) else (b"[", b"{")
    if body.count(opening[0]) + body.count(opening[1]) <= MOST_NESTED:  # type: ignore[arg-type]
        return
    waiting: list[tuple[Any, int]] = [(value, 1)]
    while waiting:
        item, depth = waiting.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        if depth > MOST_NESTED:
            raise TooDeepError
        waiting.extend((child, depth + 1) for child in item)


def too_deep_problem() -> ProblemError:
    """A 400 for a body nested deeper than MOST_NESTED arrays and objects."""
    allowed = f"one JSON document nested at most {MOST_NESTED} arrays or objects deep"
    return ProblemError(
        400,
        "invalid-request",
        "Body is nested too deeply",
        f"the request body is nested too deeply: at most {MOST_NESTED} arrays or objects "
        "one inside another",
        [FieldProblem(field="(body)", message="nested too deeply", allowed=allowed)],
    )


#: The API paths whose fields are diary records' (their `allowed` words are the records').
_RECORD_PATHS = ("/api/v1/sessions", "/api/v1/pain")


def not_a_number_problem(found: list[tuple[str, str]], path: str = "") -> ProblemError:
    """A 422 naming each field written NaN or ±Infinity: it must be a number.

    `path` is the request's; on the diary's routes each field also says what it allows.
    """
    named = found[:MOST_NAMED]
    words = RECORD_ALLOWED if path.startswith(_RECORD_PATHS) else {}
    errors = [
        FieldProblem(
            field=field,
            message=f"must be a number; {word} is not one (JSON has no NaN or Infinity)",
            allowed=words.get(field.rsplit(".", 1)[-1], "a number"),
        )
        for field, word in named
    ]
    detail = "; ".join(f"{field} must be a number, not {word}" for field, word in named)
    if len(found) > len(named):
        detail += f" (and {len(found) - len(named)} more)"
    return ProblemError(422, "invalid-request", "Not a number", detail, errors)


def not_text_problem(error: UnicodeDecodeError) -> ProblemError:
    """A 400 for a body whose bytes are not Unicode text (JSON is UTF-8, RFC 8259 §8.1)."""
    where = f"byte {error.start + 1}"
    return ProblemError(
        400,
        "invalid-request",
        "Body is not valid JSON",
        f"the request body is not valid JSON: it is not UTF-8 text (at {where})",
        [
            FieldProblem(
                field="(body)",
                message=f"not UTF-8 text at {where}",
                allowed="one JSON document in UTF-8 (RFC 8259)",
            )
        ],
    )


def duplicate_key_problem(paths: list[str]) -> ProblemError:
    """A 422 naming each key given more than once in one object."""
    named = [shown(path) for path in paths[:MOST_NAMED]]
    more = len(paths) - len(named)
    detail = "the body names " + ", ".join(named) + " more than once"
    if more:
        detail += f" (and {more} more)"
    errors = [
        FieldProblem(
            field=path,
            message="is given more than once in the same object, so it is unclear which is meant",
            allowed="each key once per object",
        )
        for path in named
    ]
    return ProblemError(
        422, "invalid-request", "Key given twice", detail + "; send each once", errors
    )


def _is_json(request: Request) -> bool:
    # FastAPI reads a body as JSON for these content types (fastapi.routing); the
    # security middleware refuses every other type on the API first.
    content_type = request.headers.get("content-type")
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


class StrictJsonRequest(Request):
    """A request whose `json()` is the body read by `read_strictly` (once)."""

    parsed: Any = None
    has_parsed = False

    async def json(self) -> Any:
        if not self.has_parsed:
            self.parsed = loads_strict(await self.body())
            self.has_parsed = True
        return self.parsed

    def _parsed(self, body: bytes) -> Any:
        try:
            parsed = loads_strict(body)
        except json.JSONDecodeError as error:
            raise not_json_problem(error) from None
        except UnicodeDecodeError as error:
            raise not_text_problem(error) from None
        except DuplicateKeyError:
            raise duplicate_key_problem(duplicate_key_paths(body)) from None
        except NotANumberError:
            raise not_a_number_problem(not_a_number_paths(body), self.url.path) from None
        _check_depth(body, parsed)
        return parsed

    async def read_strictly(self) -> None:
        """Read a JSON body now, raising a `ProblemError` for bad syntax or a repeated key."""
        body = await self.body()
        if not body or not _is_json(self):
            return
        try:
            self.parsed = self._parsed(body)
        except (RecursionError, TooDeepError):
            # Also from the helpers that walk a refused body to name its fields.
            raise too_deep_problem() from None
        self.has_parsed = True


class JsonRoute(APIRoute):
    """An API route whose JSON body is read strictly (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def strict(request: Request) -> Response:
            strict_request = StrictJsonRequest(request.scope, request.receive)
            try:
                await strict_request.read_strictly()
            except ProblemError:
                # Who is asking comes before what they sent: someone not signed in is
                # told so (401), not how their body is wrong (the app-wide dependency
                # would only run after the body was read).
                await require_person(strict_request)
                raise
            return await handler(strict_request)

        return strict
