"""What a facet declaration is: its kind, and how a facet filters, reads, counts and documents
itself. The declarations themselves are in registry.py.

Kinds: SINGLE takes one value at a time (a new one replaces it); MULTI combines several
values with OR; RANGE is MULTI plus `<name>_from` / `<name>_to` bounds; TREE is MULTI on one
level of a hierarchy, offered once the level above is chosen. Different facets combine with
AND, and each facet counts over the other facets' filters only (disjunctive counts).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

import numpy as np
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Expression, F, Q, Value
from django.db.models.functions import Coalesce


class Kind(enum.StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    RANGE = "range"
    TREE = "tree"


@dataclass
class Chosen:
    """A facet's usable values in one request: `keys` as they go into URLs, `values` as the
    column holds them, `labels` for chips and headings; `low`/`high` bound a RANGE."""

    keys: list[str] = dc_field(default_factory=list)
    values: list = dc_field(default_factory=list)
    labels: list[str] = dc_field(default_factory=list)
    low: int | None = None
    high: int | None = None
    bits: dict[str, int] = dc_field(default_factory=dict)  # BitsFacet: value → its bit

    def __bool__(self) -> bool:
        return bool(self.values) or self.low is not None or self.high is not None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Categorical:
    """A column as codes into `values` (distinct, in no particular order)."""

    values: list
    codes: np.ndarray

    def __len__(self) -> int:
        return len(self.codes)

    def index(self, wanted: Sequence) -> list[int]:
        positions = {v: i for i, v in enumerate(self.values)}
        return [positions[v] for v in wanted if v in positions]

    def isin(self, wanted: Sequence) -> np.ndarray:
        return np.isin(self.codes, self.index(wanted))

    def counts(self, mask: np.ndarray) -> dict[Any, int]:
        counted = np.bincount(self.codes[mask], minlength=len(self.values))
        return {self.values[i]: int(counted[i]) for i in np.flatnonzero(counted)}


def categorical(raw: Sequence) -> Categorical:
    """Codes for a column read as a list or array (numbered in sorted order)."""
    values = raw if isinstance(raw, np.ndarray) else np.asarray(raw)
    if values.dtype == object:  # mixed or None values: numbered in the order first seen
        numbered: dict = {}
        codes = [numbered.setdefault(v, len(numbered)) for v in raw]
        return Categorical(list(numbered), np.asarray(codes, dtype=np.int32))
    distinct, codes = np.unique(values, return_inverse=True)
    return Categorical(distinct.tolist(), codes.astype(np.int32).reshape(-1))


def _integer(**kwargs: Any) -> forms.IntegerField:
    """An integer a database integer column can compare with."""
    return forms.IntegerField(min_value=-(2**31), max_value=2**31 - 1, **kwargs)


def _invalid(facet: Facet, raw: str) -> str:
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    return f"筛选条件“{facet.label}”的取值“{shown}”无法使用，未按它筛选。"


@dataclass(frozen=True, kw_only=True)
class Facet:
    """One facet with a value per report (a categorical column). Subclasses change how the
    values are looked up, stored or compared; every facet answers the same questions."""

    name: str
    label: str
    kind: Kind = Kind.MULTI
    field: str | None = None  # the Report field path it reads, when the column is a field
    expression: Expression | None = None  # else the ORM expression computing the column
    missing: Any = ""  # the column's value for a report without one
    choices: Sequence[tuple[str, str]] = ()  # value labels of a closed set, in display order
    aliases: dict[str, str] = dc_field(default_factory=dict)  # other spellings of a value
    convert: Callable[[str], Any] | None = None  # an open value from the URL → column value
    value_label: Callable[[Any], str] = str  # label of an open value
    newest_first: bool = False  # open values listed descending
    sql: Callable[[list], Q] | None = None  # chosen column values → SQL; default field__in
    listed: bool = True  # offers its values with counts on the list page
    counted_in_api: bool = False  # its counts are in the API's `facets` object
    parent: str | None = None  # TREE: the facet of the level above
    doc: str = ""  # the API parameter's description

    # ---- parameters and the form ----

    @property
    def params(self) -> list[str]:
        """URL parameters this facet reads."""
        if self.kind is Kind.RANGE:
            return [self.name, f"{self.name}_from", f"{self.name}_to"]
        return [self.name]

    def value_field(self) -> forms.Field:
        """The form field that cleans one URL value."""
        if self.choices:
            return forms.ChoiceField(choices=self._all_choices())
        if self.convert is int:
            return _integer()
        return forms.CharField(max_length=100)

    def _all_choices(self) -> list[tuple[str, str]]:
        labels = dict(self.choices)
        return [*self.choices, *((alias, labels[to]) for alias, to in self.aliases.items())]

    def form_fields(self) -> dict[str, forms.Field]:
        one = self.value_field()
        fields: dict[str, forms.Field] = {
            self.name: one if self.kind is Kind.SINGLE else MultiValueField(one, self.label)
        }
        if self.kind is Kind.RANGE:
            fields[f"{self.name}_from"] = _integer(label=f"{self.label}自")
            fields[f"{self.name}_to"] = _integer(label=f"{self.label}至")
        return fields

    def choose(self, data: dict[str, list[str]], known: Any) -> tuple[Chosen, list[str]]:
        """The usable values of this facet in `data` (parameter → values), and a message for
        each value that cannot apply. `known` is the kept FacetColumns (labels, themes)."""
        raws = data.get(self.name, [])
        if self.kind is Kind.SINGLE:
            raws = raws[-1:]
        messages, keys = [], []
        field_ = self.value_field()
        for raw in dict.fromkeys(raws):
            try:
                cleaned = field_.clean(raw)
            except ValidationError:
                messages.append(_invalid(self, raw))
                continue
            keys.append(self.aliases.get(str(cleaned), str(cleaned)))
        chosen, more = self.resolve(list(dict.fromkeys(keys)), known)
        messages += more
        if self.kind is Kind.RANGE:
            messages += self._range(data, chosen)
        return chosen, messages

    def _range(self, data: dict[str, list[str]], chosen: Chosen) -> list[str]:
        bounds = {}
        messages = []
        for end in ("from", "to"):
            raw = next(iter(data.get(f"{self.name}_{end}", [])[-1:]), None)
            if raw is None:
                continue
            try:
                bounds[end] = _integer().clean(raw)
            except ValidationError:
                messages.append(_invalid(self, raw))
        low, high = bounds.get("from"), bounds.get("to")
        if low is not None and high is not None and low > high:
            return [f"“{self.label}”的起点 {low} 晚于终点 {high}，未按范围筛选。"]
        chosen.low, chosen.high = low, high
        return messages

    def resolve(self, keys: list[str], known: Any) -> tuple[Chosen, list[str]]:
        """Cleaned keys → column values and labels (closed and open values: themselves)."""
        values = [self.convert(k) if self.convert else k for k in keys]
        keys = [str(v) for v in values]
        return Chosen(keys, values, [self.label_of(v) for v in values]), []

    def label_of(self, value: Any) -> str:
        return dict(self.choices).get(value, value) if self.choices else self.value_label(value)

    # ---- SQL ----

    def q(self, chosen: Chosen) -> Q:
        """The SQL condition of the chosen values."""
        q = Q()
        if chosen.values:
            q &= self.sql(chosen.values) if self.sql else Q(**{f"{self.field}__in": chosen.values})
        if chosen.low is not None:
            q &= Q(**{f"{self.field}__gte": chosen.low})
        if chosen.high is not None:
            q &= Q(**{f"{self.field}__lte": chosen.high})
        return q

    # ---- the in-memory column ----

    def in_memory(self, chosen: Chosen) -> bool:
        """Whether the column answers this facet (else it is filtered and counted in SQL)."""
        return True

    @property
    def numeric(self) -> bool:
        return isinstance(self.missing, int)

    def column_expression(self) -> Expression:
        if self.expression is not None:
            return self.expression
        return Coalesce(F(self.field), Value(self.missing))

    def build_column(self, raw: Sequence) -> Any:
        return categorical(raw)

    def mask(self, column: Categorical, chosen: Chosen) -> np.ndarray:
        if chosen.low is None and chosen.high is None:
            return column.isin(chosen.values)
        low = -np.inf if chosen.low is None else chosen.low
        high = np.inf if chosen.high is None else chosen.high
        inside = [v for v in column.values if v != self.missing and low <= v <= high]
        if chosen.values:
            inside = [v for v in inside if v in set(chosen.values)]
        return column.isin(inside)

    def counts(
        self, column: Categorical, mask: np.ndarray, chosen: Chosen, labels: dict
    ) -> list[FacetValue]:
        counted = column.counts(mask)
        selected = set(chosen.values)
        if self.choices:
            order = [k for k, _ in self.choices]
        else:
            order = sorted(
                (v for v in {*counted, *selected} if v != self.missing),
                reverse=self.newest_first,
            )
        return [
            FacetValue(
                self.key_of(v, labels), self._label(v, labels), counted.get(v, 0), v in selected
            )
            for v in order
            if counted.get(v) or v in selected
        ]

    def key_of(self, value: Any, labels: dict) -> str:
        return str(value)

    def _label(self, value: Any, labels: dict) -> str:
        return self.label_of(value)

    # ---- the API ----

    def openapi(self) -> list[dict[str, Any]]:
        one: dict[str, Any] = {"type": "integer" if self.convert is int else "string"}
        if self.choices:
            one["enum"] = [k for k, _ in self.choices]
        entries = [
            _parameter(
                self.name,
                self.doc or self.label,
                one if self.kind is Kind.SINGLE else {"type": "array", "items": one},
                many=self.kind is not Kind.SINGLE,
            )
        ]
        if self.kind is Kind.RANGE:
            for end, word in (("from", "起"), ("to", "止")):
                entries.append(
                    _parameter(
                        f"{self.name}_{end}", f"{self.label}范围之{word}（含）", {"type": "integer"}
                    )
                )
        return entries


def _parameter(name: str, doc: str, schema: dict, *, many: bool = False) -> dict[str, Any]:
    entry = {"name": name, "in": "query", "required": False, "description": doc, "schema": schema}
    if many:
        entry["description"] = doc + "；可重复，多个取值之间为“或”"
        entry |= {"style": "form", "explode": True}
    return entry


class MultiValueField(forms.Field):
    """Several values of one parameter, each cleaned by `one` (a form's view of a facet)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, one: forms.Field, label: str) -> None:
        self.one = one
        super().__init__(required=False, label=label)

    def clean(self, value: Any) -> list:
        return [self.one.clean(v) for v in (value or [])]
