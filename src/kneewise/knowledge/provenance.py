"""Where each number of the knowledge base comes from (issue 11, docs/knowledge-base.md).

Every prior, multiplier, likelihood and reference rate is a `Figure`: its value,
its basis, the source it rests on and a note. The basis is one of

- `measured`: the study reports this very quantity for this condition (a share of
  patients with the condition who show the finding, a sensitivity);
- `converted`: calculated from another published quantity, named in `from`
  (a likelihood ratio, a prevalence or incidence by sex, a case-mix share);
- `estimate`: a judgement; `source` may name the paper that informed it, and a
  number without a source has no study behind it at all.

A measured or converted number must name its source. In YAML a figure is written
`{value: 0.42, basis: measured, source: jem1997_knee_radiography_rules, note: …}`;
an entry that sets `default_basis: estimate` may give its estimates as bare
numbers. A bare number anywhere else fails the load, naming the file and entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

Basis = Literal["measured", "converted", "estimate"]
BASES: tuple[Basis, ...] = ("measured", "converted", "estimate")
ConvertedFrom = Literal[
    "sensitivity", "specificity", "likelihood_ratio", "odds_ratio", "prevalence", "incidence",
    "case_mix_share",
]  # fmt: skip
DefaultBasis = Literal["estimate"]

BARE_NUMBER = (
    "a number needs its basis: write {{value: {value}, basis: estimate}} (or measured or "
    "converted, with its source), or give the entry `default_basis: estimate`"
)


class Figure(BaseModel):
    """A number with its provenance: value, basis, source id, `from` and a note."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    value: float
    basis: Basis
    source: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")] | None = Field(
        default=None, description="the source id the number rests on (or was informed by)"
    )
    from_: ConvertedFrom | None = Field(
        default=None, alias="from", description="what a converted number was calculated from"
    )
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _not_bare(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            raise ValueError(BARE_NUMBER.format(value=data))
        return data

    @model_validator(mode="after")
    def _traceable(self) -> Figure:
        if self.basis != "estimate" and self.source is None:
            raise ValueError(f"a {self.basis} number needs the source it comes from")
        if self.basis == "converted" and self.from_ is None:
            raise ValueError(
                "a converted number says what it was converted from: "
                f"from: {' | '.join(get_args(ConvertedFrom))}"
            )
        if self.basis != "converted" and self.from_ is not None:
            raise ValueError("`from` is only for a converted number")
        return self

    @property
    def unsupported(self) -> bool:
        """True for an estimate that no study informed."""
        return self.basis == "estimate" and self.source is None


class Rate(Figure):
    """A probability: strictly between 0 and 1."""

    value: Annotated[float, Field(gt=0, lt=1)]


class Multiplier(Figure):
    """A multiplier of a prior: greater than 0."""

    value: Annotated[float, Field(gt=0)]


def _wrapped(value: Any, basis: str) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"value": value, "basis": basis}
    return value


def fill_default_basis(data: Any, paths: tuple[str, ...]) -> Any:
    """Raw entry data with bare numbers at `paths` given the entry's `default_basis`.

    A path is dotted; `*` stands for every value of a mapping or item of a list
    (`prior.age_bands.*.weight`, `likelihoods.*`). Without a default the data is
    returned unchanged, so a bare number fails validation where it stands.
    """
    if not isinstance(data, Mapping) or not isinstance(data.get("default_basis"), str):
        return data
    basis = data["default_basis"]
    filled = dict(data)
    for path in paths:
        filled = _fill(filled, path.split("."), basis)
    return filled


def _fill(node: Any, keys: list[str], basis: str) -> Any:
    if not keys:
        return _wrapped(node, basis)
    key, rest = keys[0], keys[1:]
    if key == "*":
        if isinstance(node, Mapping):
            return {k: _fill(v, rest, basis) for k, v in node.items()}
        if isinstance(node, list):
            return [_fill(v, rest, basis) for v in node]
        return node
    if isinstance(node, Mapping) and key in node:
        return {**node, key: _fill(node[key], rest, basis)}
    return node
