"""What one field of a pydantic model accepts, in words: the intake's error messages
and the CLI's prompts read it from the model, so neither keeps its own copy."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict

FieldKind = Literal["bool", "int", "number", "choice", "choices"]


class FieldSpec(BaseModel):
    """What one intake field accepts: its kind, range and choices."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: FieldKind
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def allowed(self) -> str:
        """The allowed values, in words."""
        if self.kind == "bool":
            return "true or false"
        if self.kind in ("choice", "choices"):
            listed = ", ".join(self.choices)
            return f"one of: {listed}" if self.kind == "choice" else f"a list of: {listed}"
        noun = "a whole number" if self.kind == "int" else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"{noun} from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            return f"{noun} of at least {self.minimum:g}"
        return noun


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    constraints = [c for item in metadata for c in [item, *getattr(item, "metadata", [])]]
    lows = [c.ge for c in constraints if getattr(c, "ge", None) is not None]
    highs = [c.le for c in constraints if getattr(c, "le", None) is not None]
    return (lows[0] if lows else None), (highs[0] if highs else None)


def field_spec(model: type[BaseModel], name: str) -> FieldSpec:
    """What the field `name` of `model` accepts, read from its annotation (bool, int or
    float with `Field(ge=, le=)` bounds, a Literal choice or a list of one)."""
    info = model.model_fields[name]
    inner = next(a for a in get_args(info.annotation) if a is not type(None))
    low, high = _bounds(list(getattr(inner, "__metadata__", ())))
    base = get_args(inner)[0] if get_origin(inner) is Annotated else inner
    if base is bool:
        return FieldSpec(name=name, kind="bool")
    if base in (int, float):
        kind: FieldKind = "int" if base is int else "number"
        return FieldSpec(name=name, kind=kind, minimum=low, maximum=high)
    if get_origin(base) is list:
        return FieldSpec(name=name, kind="choices", choices=get_args(get_args(base)[0]))
    return FieldSpec(name=name, kind="choice", choices=get_args(base))
