"""Query-string filters of every list, as django-filter FilterSets.

Every filter has a ``help_text`` (it becomes the parameter's description in
the OpenAPI schema). A malformed value is a 400 naming the parameter.
"""

from __future__ import annotations

import copy
import datetime
import re

import django_filters as df
from django import forms
from django.core.validators import RegexValidator
from django.db import connections
from django.db.models import Q, Value
from django.db.models.functions import StrIndex
from django.http import QueryDict
from drf_spectacular.utils import extend_schema_field

from reports import models as m
from reports.fields import field_of_pair, search_pair_fields
from reports.pair_statistics import rarest_pair

from . import querysets

MAX_ID = 2**63 - 1
_FORM_CLASSES: dict = {}
REGION_CODE = RegexValidator(r"^\d{6}$", "Enter a six-digit GB/T 2260 code, e.g. 220000 or 220700.")


class _SharedFields(dict):
    """A FilterSet form's fields, built once per class: every form uses them as they are.

    Django deep-copies a form's ``base_fields`` for every form (so that a form may
    change its own fields); these forms never do, and cleaning a value does not
    change a field, so one set is shared (deep-copying ~20 fields cost ~1 ms a request).
    """

    def __deepcopy__(self, memo):
        return dict(self)


class StrictFilterSet(df.FilterSet):
    """A FilterSet that refuses a parameter given more than once (rather than silently using the last).

    Cheaper per request than django-filter's: the form class (and its fields) is built
    once per FilterSet class instead of for every request, and the filters are shallow
    copies of the class's (django-filter deep-copies them, fields and all).
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        model = queryset.model
        self.filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            if base.method is not None:
                filter_.method = base.method  # a FilterMethod bound to this copy (and so to this FilterSet)
            filter_.model = model
            filter_.parent = self
            self.filters[name] = filter_

    @classmethod
    def _shared_form_class(cls, model):
        key = (cls, model)
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            fields = _SharedFields()
            for name, base in cls.base_filters.items():
                filter_ = copy.deepcopy(base)  # the class's filters stay without a field (cheap to copy)
                filter_.model = model
                fields[name] = filter_.field
            form_class = type(f"{cls.__name__}Form", (cls._meta.form,), {})
            form_class.base_fields = fields
            _FORM_CLASSES[key] = form_class
        return form_class

    def get_form_class(self):
        return self._shared_form_class(self.queryset.model)

    def is_valid(self) -> bool:
        valid = super().is_valid()
        data = self.data
        present = [name for name in self.filters if name in data]  # (a lookup of an absent key raises inside)
        getlist = getattr(data, "getlist", None)
        repeated = [name for name in present if getlist and len(getlist(name)) > 1]
        for name in repeated:
            self.form.add_error(name, "Give this parameter once (separate several orderings with commas).")
        # An empty value of a typed parameter (part=, year=) is a mistake, not "no filter".
        empty = [n for n in present if type(self.filters[n]) not in _EMPTY_OK and data.get(n, None) == ""]
        for name in empty:
            self.form.add_error(name, "Must not be empty; leave the parameter out instead.")
        return valid and not repeated and not empty


@extend_schema_field({"type": "string", "pattern": "^[^\\u0000]*$"})
class TextFilter(df.CharFilter):
    """A text parameter; the schema says what Django's forms enforce (no NUL characters)."""


class StrictBooleanField(forms.NullBooleanField):
    """``true``/``false`` (or ``1``/``0``); anything else is an error, not "no filter"."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        lowered = str(value).lower()
        if lowered in {"true", "1"}:
            return True
        if lowered in {"false", "0"}:
            return False
        raise forms.ValidationError("Use true or false.")

    def validate(self, value):
        pass


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(df.BooleanFilter):
    field_class = StrictBooleanField


def region_prefix(code: str) -> str:
    """The code prefix shared by a division and everything under it.

    ``220000`` (province) → ``22``; ``220700`` (prefecture) → ``2207``; a county is itself.
    """
    if re.fullmatch(r"\d{2}0000", code):
        return code[:2]
    if re.fullmatch(r"\d{4}00", code):
        return code[:4]
    return code


@extend_schema_field({"type": "integer", "minimum": 0, "maximum": MAX_ID})
class IdFilter(df.NumberFilter):
    """A row id: a whole number (anything else is a 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2200})
class YearFilter(IdFilter):
    """A calendar year between 1900 and 2200."""

    def __init__(self, *args, **kwargs):
        kwargs.update(min_value=1900, max_value=2200)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "string", "pattern": r"^\d{6}$"})
class RegionFilter(df.CharFilter):
    """A GB/T 2260 code that matches the division and every division under it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [REGION_CODE])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__startswith": region_prefix(value)})


@extend_schema_field({"type": "string", "pattern": r"^\d{6}$"})
class RegionCodeFilter(df.CharFilter):
    """Exactly one GB/T 2260 code."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [REGION_CODE])
        super().__init__(*args, **kwargs)


class StableOrderingFilter(df.OrderingFilter):
    """``ordering=a,-b``; the primary key always breaks ties, so pages never overlap."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        pk = qs.model._meta.pk.name
        ordering = list(qs.query.order_by or qs.model._meta.ordering)
        if pk not in ordering and f"-{pk}" not in ordering:
            ordering.append(pk)
        # Always explicit: Meta.ordering is dropped from GROUP BY (annotated) queries.
        return qs.order_by(*ordering)


# Free text may be empty (q=), and so may an ordering (an empty list: the default order).
_EMPTY_OK = (df.CharFilter, TextFilter, StableOrderingFilter)


def ordering(*fields: str) -> StableOrderingFilter:
    """An ordering filter over ``fields`` (each also allowed descending with ``-``)."""
    names = ", ".join(f"`{f}`" for f in fields)
    return StableOrderingFilter(
        fields=[(f, f) for f in fields],
        help_text=f"Sort by one or more of {names}, comma-separated; prefix `-` for descending. "
        "Ties are broken by id; the default order is documented per endpoint.",
    )


class UtcDateTimeField(df.fields.IsoDateTimeField):
    """An ISO 8601 time, converted to UTC (databases reject offsets such as -18:03)."""

    def to_python(self, value):
        parsed = super().to_python(value)
        try:
            return parsed.astimezone(datetime.UTC) if parsed and parsed.tzinfo else parsed
        except (OverflowError, ValueError):
            raise forms.ValidationError("Out of range.") from None


class UtcDateTimeFilter(df.IsoDateTimeFilter):
    field_class = UtcDateTimeField


def updated_since() -> df.IsoDateTimeFilter:
    return UtcDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only records changed at or after this ISO 8601 time, e.g. `2026-01-31T00:00:00Z`. "
        "For incremental sync: remember the newest `updated_at` you saw and pass it next time.",
    )


def choice(choices, help_text: str, field_name: str | None = None) -> df.ChoiceFilter:
    return df.ChoiceFilter(choices=choices, help_text=help_text, field_name=field_name)


class RegionFilterSet(StrictFilterSet):
    level = choice(m.Region.LEVELS, "Division level: province, prefecture or county.")
    parent = RegionCodeFilter(field_name="parent_id", help_text="Only the direct children of this code.")
    within = RegionFilter(field_name="code", help_text="This code and every division under it (by code prefix).")
    updated_since = updated_since()
    ordering = ordering("code", "name", "level", "updated_at")

    class Meta:
        model = m.Region
        fields = []


class BodyFilterSet(StrictFilterSet):
    kind = choice(m.Body.KINDS, "Kind of body, e.g. `npc_sc` (人大常委会) or `cppcc_sc` (政协常委会).")
    level = choice(m.Body.LEVELS, "Administrative level of the body.")
    region = RegionFilter(
        field_name="region__code",
        help_text="GB/T 2260 code; a province code (`22xxxx`→`22…`) or prefecture code (`2208xx`) includes "
        "every body in the divisions under it.",
    )
    parent = IdFilter(field_name="parent_id", help_text="Bodies belonging to this body (offices, deputies).")
    q = TextFilter(field_name="name", lookup_expr="contains", help_text="Substring of the name, e.g. `松原`.")
    updated_since = updated_since()
    ordering = ordering("id", "name", "kind", "level", "region", "updated_at")

    class Meta:
        model = m.Body
        fields = []


class SourceFilterSet(StrictFilterSet):
    name = TextFilter(help_text="Exact file name, e.g. `002_7c4c3c7cf2127719.txt`.")
    sha256 = TextFilter(help_text="SHA-256 of the file's bytes (lowercase hex).")
    updated_since = updated_since()
    ordering = ordering("id", "name", "length", "updated_at")

    class Meta:
        model = m.Source
        fields = []


def _contains_any(fields: tuple[str, ...], by_pairs: bool = False):
    """A filter method: rows where any of ``fields`` contains the value (index-backed on PostgreSQL).

    ``by_pairs``: the rows keep the pairs of ``fields`` (reports/fields.py,
    ``search_pair_fields``), so on PostgreSQL a value of two characters or more is
    looked up by one of its pairs (``_pair_search``). Otherwise ``LIKE``, which
    pg_trgm's indexes serve from three characters on.
    """

    def method(queryset, name, value):
        if by_pairs and len(value) >= 2 and connections[queryset.db].vendor == "postgresql":
            return _pair_search(queryset, fields, value)
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__contains": value})
        return queryset.filter(condition)

    return method


# A pair that at least this share of rows hold is not asked for: such a search is a scan, and a
# scan tests a row's text faster without it (bench/findings.md, "common pairs").
COMMON_PAIR = 0.1


def _pair_search(queryset, fields: tuple[str, ...], value: str):
    """Rows holding the rarest pair of ``value`` (the GIN index of its half of the pairs of
    ``fields``) where a field contains it.

    One pair, so that PostgreSQL estimates the rows by that pair's frequency alone
    (reports/pair_statistics.py). The containment test is ``strpos`` rather than
    ``LIKE`` for the same reason: PostgreSQL would multiply the two conditions'
    estimates as if unrelated (a word in 10 % of rows then looks like 1 %, and the
    first page becomes a sort of every match), whereas it gives a function no
    estimate of its own.

    When even the rarest pair is common (``COMMON_PAIR``), the pair is left out. Its
    index would find a tenth of the table or more, so PostgreSQL scans instead (the
    capped count, or the first page in the API's order), and a scan that tests the
    pair reads every row's pair array, most of them stored out of line, before its
    text: on a million items the count of 预算 (a pair in 11 % of rows) took 48 ms
    with the pair and 30 ms without. The answer is the same: the pair is in every row
    that holds the word. A word with no pair the index holds (``5%``: every pair has a
    separator, reports/bigrams.py) is found by that test alone too.
    """
    pair_fields = search_pair_fields(queryset.model, fields)
    rarest = _rarest_pair(queryset.model, pair_fields, value, queryset.db)
    contains = Q()
    for n, field in enumerate(fields):
        alias = f"_position_{n}"
        queryset = queryset.alias(**{alias: StrIndex(field, Value(value))})
        contains |= Q(**{f"{alias}__gt": 0})
    if rarest is None or rarest[1] >= COMMON_PAIR:  # no pair the index holds, or only common ones
        return queryset.filter(contains)
    return queryset.filter(contains, **_holding(pair_fields, rarest[0]))


def _holding(pair_fields, code: int) -> dict:
    """The filter for rows holding the pair ``code``: in the field of its half."""
    return {f"{field_of_pair(pair_fields, code).name}__contains_all": [code]}


def _rarest_pair(model, pair_fields, value: str, alias: str) -> tuple[int, float] | None:
    return rarest_pair(value, model._meta.db_table, [field.column for field in pair_fields], alias)


def rows_holding_rarest_pair(
    model, fields: tuple[str, ...], value: str, limit: int, alias: str = "default"
) -> int | None:
    """How many rows hold the pair a search of ``value`` in ``fields`` looks up, when that is cheap
    to know and at most ``limit``; else None. An upper bound on the search's matches, whatever
    its other filters.

    Cheap: a pair the statistics list as common is not counted (a word in a tenth of a million
    rows: 60 ms to count, for nothing); a rarer one is counted up to ``limit`` + 1 rows, through
    the pair index alone (no text is read: 1–14 ms for up to 9,000 rows of a million).
    """
    if len(value) < 2 or connections[alias].vendor != "postgresql":
        return None
    pair_fields = search_pair_fields(model, fields)
    rarest = _rarest_pair(model, pair_fields, value, alias)
    if rarest is None or rarest[1] > 0:
        return None
    holding = model._default_manager.using(alias).filter(**_holding(pair_fields, rarest[0]))
    count = holding.order_by()[: limit + 1].count()
    return count if count <= limit else None


SEARCH_HELP = (
    "Full-text search: rows whose {where} contain this text exactly (Chinese words of any length, "
    "e.g. `立法`, `监督`, or phrases such as `执法检查`). Case-sensitive on PostgreSQL."
)


def include_source_text(queryset, name, value):
    """``include=source_text``: annotate each report's text (left out of lists by default)."""
    if not value or "span_text" in queryset.query.annotations:
        return queryset
    return querysets.with_span_text(queryset)


class ReportFilterSet(StrictFilterSet):
    body = IdFilter(field_name="body_id", help_text="Reports issued by this body (id).")
    kind = choice(m.Body.KINDS, "Kind of the issuing body, e.g. `npc_sc`.", field_name="body__kind")
    region = RegionFilter(field_name="body__region__code", help_text="Issuing body's region, including sub-divisions.")
    report_type = choice(m.Report.TYPES, "Genre: work_report, work_plan, opinion, article or other.")
    year = YearFilter(method="filter_year", help_text="Reports reviewing or planning this year.")
    review_year = YearFilter(help_text="Reports reviewing this year.")
    plan_year = YearFilter(help_text="Reports planning this year.")
    source = IdFilter(field_name="source_id", help_text="Reports taken from this source (id).")
    q = TextFilter(method=_contains_any(("title",)), help_text=SEARCH_HELP.format(where="title"))
    include = df.ChoiceFilter(
        choices=[("source_text", "source_text")],
        method=include_source_text,
        help_text="`source_text`: add each report's `source_text` (its whole text, ~24 KB a report) to the "
        "rows of the list. Without it, lists leave the text out; the detail always has it.",
    )
    updated_since = updated_since()
    ordering = ordering("id", "title", "review_year", "plan_year", "report_type", "body", "updated_at")

    class Meta:
        model = m.Report
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(review_year=value) | Q(plan_year=value))


class AgendaItemFilterSet(StrictFilterSet):
    report = IdFilter(field_name="report_id", help_text="Items of this report (id).")
    part = choice(m.PART_CHOICES, "Part of the report: review, plan or other.")
    parent = IdFilter(field_name="parent_id", help_text="Direct children of this item (id).")
    top_level = StrictBooleanFilter(
        field_name="parent", lookup_expr="isnull", help_text="`true`: only top-level items; `false`: only nested ones."
    )
    body = IdFilter(field_name="body_id", help_text="Items about this body (id), when not the report's own.")
    source = IdFilter(field_name="source_id", help_text="Items taken from this source (id).")
    q = TextFilter(
        method=_contains_any(m.AgendaItem.SEARCH_SOURCES, by_pairs=True),
        help_text=SEARCH_HELP.format(where="heading or text"),
    )
    updated_since = updated_since()
    ordering = ordering("id", "report", "order", "updated_at")

    class Meta:
        model = m.AgendaItem
        fields = []


class IndicatorFilterSet(StrictFilterSet):
    body_kind = choice(m.Indicator.BODY_KINDS, "npc_sc, cppcc_sc or shared.")
    updated_since = updated_since()
    ordering = ordering("code", "name", "updated_at")

    class Meta:
        model = m.Indicator
        fields = []


class StatisticFilterSet(StrictFilterSet):
    indicator = TextFilter(field_name="indicator_id", help_text="Indicator code, e.g. `sc_meetings`.")
    body = IdFilter(field_name="body_id", help_text="Statistics of this body (id).")
    body_kind = choice(m.Body.KINDS, "Kind of the body, e.g. `npc_sc`.", field_name="body__kind")
    body_level = choice(m.Body.LEVELS, "Level of the body.", field_name="body__level")
    region = RegionFilter(
        field_name="body__region__code",
        help_text="Body's region by GB/T 2260 code; a province or prefecture code includes everything under it.",
    )
    report = IdFilter(field_name="report_id", help_text="Statistics of this report (id).")
    agenda_item = IdFilter(field_name="agenda_item_id", help_text="Statistics inside this agenda item (id).")
    year = YearFilter(help_text="Year the count refers to.")
    year_from = YearFilter(field_name="year", lookup_expr="gte", help_text="Year at or after this one.")
    year_to = YearFilter(field_name="year", lookup_expr="lte", help_text="Year at or before this one.")
    part = choice(m.PART_CHOICES, "review (what was done), plan (what is planned) or other.")
    period = choice(m.PERIOD_CHOICES, "What the count covers: year, term or unspecified.")
    qualifier = choice(m.QUALIFIER_CHOICES, "exact, approx (约/余), at_least (以上) or at_most.")
    review_status = choice(m.Statistic.ReviewStatus.choices, "Editorial review status.")
    source = IdFilter(field_name="source_id", help_text="Statistics taken from this source (id).")
    q = TextFilter(
        method=_contains_any(("label", "agenda_item__heading")),
        help_text=SEARCH_HELP.format(
            where="label (what is counted, as written around the number) or agenda item's heading"
        ),
    )
    updated_since = updated_since()
    ordering = ordering("id", "year", "value", "indicator", "body", "report", "char_start", "updated_at")

    class Meta:
        model = m.Statistic
        fields = []


class ImportRunFilterSet(StrictFilterSet):
    status = choice(m.ImportRun.Status.choices, "running, succeeded, partial or failed.")
    updated_since = UtcDateTimeFilter(
        method="filter_updated_since",
        help_text="Runs started or finished at or after this ISO 8601 time.",
    )
    ordering = ordering("id", "started_at", "finished_at")

    class Meta:
        model = m.ImportRun
        fields = []

    def filter_updated_since(self, queryset, name, value):
        return queryset.filter(Q(started_at__gte=value) | Q(finished_at__gte=value))


class SeriesFilterSet(StrictFilterSet):
    """Filters of an indicator's series (applied to the statistics behind it)."""

    body_kind = choice(m.Body.KINDS, "Kind of body, e.g. `npc_sc`.", field_name="body__kind")
    level = choice(m.Body.LEVELS, "Level of the body.", field_name="body__level")
    region = RegionFilter(
        field_name="body__region__code", help_text="GB/T 2260 code; a province code includes its cities and counties."
    )
    body = IdFilter(field_name="body_id", help_text="Only this body (id).")
    year_from = YearFilter(field_name="year", lookup_expr="gte", help_text="First year (inclusive).")
    year_to = YearFilter(field_name="year", lookup_expr="lte", help_text="Last year (inclusive).")
    period = df.ChoiceFilter(
        choices=m.PERIOD_CHOICES, empty_label=None, help_text="What the counts cover; default `year`."
    )
    part = df.ChoiceFilter(
        choices=m.PART_CHOICES, empty_label=None, help_text="review (done, the default) or plan (planned)."
    )

    class Meta:
        model = m.Statistic
        fields = []

    DEFAULTS = {"period": "year", "part": "review"}

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        for name, value in self.DEFAULTS.items():
            if not data.get(name):
                data[name] = value
        super().__init__(data, *args, **kwargs)
