"""A query parameter an operation does not take is refused, never silently ignored.

`GET /api/v1/sessions?cursor=…` answered page 1 as if the cursor had been
read: a client paging with a parameter kneewise does not know would loop on
the first page, or trust a filter that was never applied. The diary routers
depend on `only_declared_query`, which answers 422 naming each unknown
parameter (a short sample of its name, web/echoes.py) and the ones the
operation takes. A parameter that takes one value given twice
(`?limit=10&limit=20`) is refused the same way: which one was meant is not
knowable, and FastAPI would silently use the last.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, Union, get_args, get_origin

from fastapi import Request

from kneewise.web.echoes import shown
from kneewise.web.problems import FieldProblem, ProblemError

_MANY = (list, tuple, set, frozenset, Sequence, AbstractSet)


def _takes_many(annotation: Any) -> bool:
    """Whether a query parameter's type takes several values (`list[str]`, `str | None`: no)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return any(_takes_many(arg) for arg in get_args(annotation))
    return (isinstance(origin, type) and issubclass(origin, _MANY)) or annotation in _MANY


def _parameters(request: Request) -> Iterator[Any] | None:
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return None

    def walk() -> Iterator[Any]:
        waiting: list[Any] = [dependant]
        while waiting:  # the route's own parameters and those of its dependencies
            current = waiting.pop()
            yield from current.query_params
            waiting.extend(current.dependencies)

    return walk()


def _declared(request: Request) -> dict[str, bool] | None:
    """Each query parameter the matched route declares, and whether it takes several values.

    None when no route is known.
    """
    parameters = _parameters(request)
    if parameters is None:
        return None
    return {param.alias: _takes_many(param.field_info.annotation) for param in parameters}


def only_declared_query(request: Request) -> None:
    """Raise a 422 problem naming every query parameter the operation does not take."""
    declared = _declared(request)
    if declared is None:
        return
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in declared]
    if not unknown:
        _only_once(request, declared)
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


def _only_once(request: Request, declared: dict[str, bool]) -> None:
    """Raise a 422 problem naming each single-valued query parameter given more than once."""
    repeated = [
        name
        for name, many in declared.items()
        if not many and len(request.query_params.getlist(name)) > 1
    ]
    if not repeated:
        return
    problems = [
        FieldProblem(
            field=name,
            message=(
                f"is given {len(request.query_params.getlist(name))} times "
                f"({', '.join(repr(shown(v)) for v in request.query_params.getlist(name)[:5])}); "
                "it takes one value, so which was meant is unclear"
            ),
            allowed=f"{name} once",
        )
        for name in repeated
    ]
    names = ", ".join(repr(name) for name in repeated)
    raise ProblemError(
        422,
        "invalid-request",
        "Query parameter given twice",
        f"the query parameter {names} takes one value but was given more than once; send it once",
        problems,
    )
