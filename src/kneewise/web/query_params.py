"""A query parameter an operation does not take is refused, never silently ignored.

`GET /api/v1/sessions?cursor=…` answered page 1 as if the cursor had been
read: a client paging with a parameter kneewise does not know would loop on
the first page, or trust a filter that was never applied. The diary routers
depend on `only_declared_query`, which answers 422 naming each unknown
parameter (a short sample of its name, web/echoes.py) and the ones the
operation takes.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request

from kneewise.web.echoes import shown
from kneewise.web.problems import FieldProblem, ProblemError


def _declared(request: Request) -> set[str] | None:
    """The query parameters the matched route declares (None when no route is known)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return None
    names: set[str] = set()
    waiting: list[Any] = [dependant]
    while waiting:  # the route's own parameters and those of its dependencies
        current = waiting.pop()
        names.update(param.alias for param in current.query_params)
        waiting.extend(current.dependencies)
    return names


def only_declared_query(request: Request) -> None:
    """Raise a 422 problem naming every query parameter the operation does not take."""
    declared = _declared(request)
    if declared is None:
        return
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in declared]
    if not unknown:
        return
    allowed = ", ".join(sorted(declared)) or "none"
    problems = [
        FieldProblem(
            field=shown(name),
            message="is not a query parameter of this operation; nothing was read from it",
            allowed=f"query parameters: {allowed}",
        )
        for name in unknown
    ]
    names = ", ".join(repr(shown(name)) for name in unknown)
    raise ProblemError(
        422,
        "invalid-request",
        "Unknown query parameter",
        f"this operation takes no query parameter {names}; it takes: {allowed}",
        problems,
    )
