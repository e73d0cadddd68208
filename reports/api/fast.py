"""A fast path for read-only serializers: the same JSON as DRF, without DRF's per-field machinery.

DRF's ``Serializer.to_representation`` builds the serializer's fields (model
introspection, a deep copy per instance) and, for every row and field, calls
``get_attribute`` and ``to_representation`` through several layers. For the
API's lists that is most of the time of a request. ``FastSerializerMixin``
compiles, once per serializer class, a plan of (name, getter, converter) from
the class's own fields, and applies it to every row:

- plain values (strings, integers, booleans, choices, JSON, foreign-key ids)
  are copied as they are (what DRF's fields return for them);
- dates and times are ISO 8601 as DRF writes them (``Z`` for UTC);
- every other field (decimals, method fields, nested serializers, ...) goes
  through the field's own ``to_representation``, so the output is DRF's.

The serializer classes (and so the OpenAPI schema) are unchanged; the fields are
only built once per class. ``tests/api/test_fast_serialization.py`` checks the
output equals DRF's own for every serializer.
"""

from __future__ import annotations

import decimal
import operator
import threading
from collections.abc import Mapping

from django.db import models
from django.utils import timezone
from rest_framework import ISO_8601, fields, relations, serializers
from rest_framework.settings import api_settings

_PLAIN = (
    fields.CharField,
    fields.IntegerField,
    fields.BooleanField,
    fields.ChoiceField,
    fields.ReadOnlyField,
)
_SKIP = object()
_lock = threading.Lock()


def _getter(source: str, mapping: bool, required: bool):
    """``instance.source`` (or ``instance[source]``); ``_SKIP`` when absent and the field is optional."""
    get = operator.itemgetter(source) if mapping else operator.attrgetter(source)
    if required:
        return get
    missing = KeyError if mapping else AttributeError

    def optional(instance):
        try:
            return get(instance)
        except missing:
            return _SKIP

    return optional


def _datetime(field):
    """DRF's DateTimeField output (ISO 8601 in the current time zone, ``Z`` for UTC) without its layers.

    ``None`` when the field has its own format or time zone (then DRF's ``to_representation`` is used);
    else a ``convert(value, tz)`` taking the current time zone, looked up once per serializer.
    """
    if getattr(field, "format", api_settings.DATETIME_FORMAT) != ISO_8601 or hasattr(field, "timezone"):
        return None

    def convert(value, tz):
        if isinstance(value, str) or value.tzinfo is None:
            return field.to_representation(value)
        value = value.astimezone(tz).isoformat()
        return value[:-6] + "Z" if value.endswith("+00:00") else value

    return convert


def _decimal(field):
    """DRF's DecimalField output (a string, quantized, maybe normalized) without its layers; None if unusual."""
    if (
        type(field).to_representation is not fields.DecimalField.to_representation
        or type(field).quantize is not fields.DecimalField.quantize
        or not getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        or field.localize
        or field.decimal_places is None
    ):
        return None
    exponent = decimal.Decimal(".1") ** field.decimal_places
    precision, rounding, normalize = field.max_digits, field.rounding, field.normalize_output

    def convert(value):
        if not isinstance(value, decimal.Decimal):
            return field.to_representation(value)
        context = decimal.getcontext().copy()
        if precision is not None:
            context.prec = precision
        value = value.quantize(exponent, rounding=rounding, context=context)
        if normalize:
            value = value.normalize()
        return f"{value:f}"

    return convert


def _is_plain(field) -> bool:
    if type(field) is fields.JSONField:
        return not field.binary
    return type(field) in _PLAIN or (isinstance(field, _PLAIN) and type(field).to_representation in _PLAIN_METHODS)


_PLAIN_METHODS = {cls.to_representation for cls in _PLAIN}


def _compile(prototype: serializers.Serializer, mapping: bool) -> list[tuple]:
    """The plan of ``prototype``'s class: (name, getter, converter or None, kind) per readable field."""
    model = getattr(getattr(prototype, "Meta", None), "model", None)
    plan = []
    for field in prototype._readable_fields:
        name, attrs = field.field_name, field.source_attrs
        if isinstance(field, fields.SerializerMethodField):
            plan.append((name, field.method_name, None, "method"))
            continue
        if field.source == "*" or len(attrs) != 1:
            plan.append((name, field, None, "drf"))
            continue
        source = attrs[0]
        if isinstance(field, relations.PrimaryKeyRelatedField) and mapping:
            # A row from queryset.values(): a foreign key's value is already its id.
            plan.append((name, _getter(source, True, field.required), None, "value"))
            continue
        if isinstance(field, relations.PrimaryKeyRelatedField) and model is not None:
            model_field = model._meta.get_field(source)
            if model_field.many_to_one or model_field.one_to_one:
                # PrimaryKeyRelatedField returns the related pk: the column value itself.
                plan.append((name, _getter(model_field.attname, False, field.required), None, "value"))
                continue
        if (
            isinstance(field, serializers.ListSerializer)
            and isinstance(field.child, FastSerializerMixin)
            and not mapping
        ):
            # Many nested rows (a report's statistics): one child serializer, no field set built for the parent.
            # (A read-only one is optional: an instance without the attribute leaves the key out, as in DRF.)
            plan.append((name, _getter(source, False, field.required), type(field.child), "many"))
            continue
        if isinstance(field, serializers.BaseSerializer):
            plan.append((name, field, None, "nested"))
            continue
        get = _getter(source, mapping, field.required)
        if _is_plain(field):
            plan.append((name, get, None, "value"))
        elif (
            isinstance(field, fields.DateTimeField)
            and type(field).to_representation is fields.DateTimeField.to_representation
        ):
            convert = _datetime(field)
            if convert is None:
                plan.append((name, get, field.to_representation, "convert"))
            else:
                plan.append((name, get, convert, "datetime"))
        else:
            convert = _decimal(field) if isinstance(field, fields.DecimalField) else None
            plan.append((name, get, convert or field.to_representation, "convert"))
    return plan


def _value_sources(prototype: serializers.Serializer) -> list[tuple[str, bool]] | bool:
    """(column, required) for every readable field, or False when one cannot come from a column."""
    sources = []
    for field in prototype._readable_fields:
        if isinstance(field, fields.SerializerMethodField | serializers.BaseSerializer) or len(field.source_attrs) != 1:
            return False
        sources.append((field.source_attrs[0], field.required))
    return sources


class FastSerializerMixin:
    """``to_representation`` by a per-class compiled plan; same output as DRF's."""

    _fast_plans: dict = {}
    _column_sources: dict = {}  # per class: (column, required) of each field, or False

    @classmethod
    def _fast_plan(cls, mapping: bool) -> list[tuple]:
        key = (cls, mapping)
        plan = FastSerializerMixin._fast_plans.get(key)
        if plan is None:
            with _lock:
                plan = FastSerializerMixin._fast_plans.get(key)
                if plan is None:
                    plan = _compile(cls(context={}), mapping)
                    FastSerializerMixin._fast_plans[key] = plan
        return plan

    @classmethod
    def value_columns(cls, queryset) -> list[str] | None:
        """What ``queryset.values(*columns)`` must fetch for this serializer to render its rows as
        mappings; None when a field needs the model instance (a method field, a nested serializer,
        a dotted source) or a column the queryset lacks."""
        sources = FastSerializerMixin._column_sources.get(cls)
        if sources is None:
            sources = FastSerializerMixin._column_sources[cls] = _value_sources(cls(context={}))
        if sources is False:
            return None
        concrete = {f.name for f in queryset.model._meta.concrete_fields}
        columns = []
        for source, required in sources:
            if source in concrete or source in queryset.query.annotations:
                columns.append(source)
            elif required:
                return None
        return columns

    def to_representation(self, instance):
        plan = self._fast_plan(isinstance(instance, Mapping))
        row = {}
        for name, get, convert, kind in plan:
            if kind == "value":
                value = get(instance)
                if value is not _SKIP:
                    row[name] = value
            elif kind == "datetime":
                value = get(instance)
                if value is None:
                    row[name] = None
                elif value is not _SKIP:
                    tz = self.__dict__.get("_fast_tz")
                    if tz is None:  # once per serializer (a list's rows share one), not per timestamp
                        tz = self.__dict__["_fast_tz"] = timezone.get_current_timezone()
                    row[name] = convert(value, tz)
            elif kind == "convert":
                value = get(instance)
                if value is None:
                    row[name] = None
                elif value is not _SKIP:
                    row[name] = convert(value)
            elif kind == "method":
                row[name] = getattr(self, get)(instance)
            elif kind == "many":
                value = get(instance)
                if value is _SKIP:
                    continue
                if value is None:
                    row[name] = None
                    continue
                child = convert(context=self.context)
                rows = value.all() if isinstance(value, models.manager.BaseManager) else value
                row[name] = [child.to_representation(item) for item in rows]
            else:
                field = self.fields[name]  # "nested" and "drf": DRF's own path, with this serializer's context
                try:
                    attribute = field.get_attribute(instance)
                except fields.SkipField:
                    continue
                row[name] = None if attribute is None else field.to_representation(attribute)
        return row


class FastModelSerializer(FastSerializerMixin, serializers.ModelSerializer):
    """A read-only ModelSerializer with the fast ``to_representation``."""


class FastSerializer(FastSerializerMixin, serializers.Serializer):
    """A read-only Serializer (over dicts or objects) with the fast ``to_representation``."""
