"""rdapi's data: regions, bodies, sources, reports, agenda items, indicators, statistics.

Rows are written by ``reports.importing`` from extraction records and corrected
by editors in the admin. Fields an editor changed are listed in
``edited_fields``; the importer never overwrites them.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from .extraction import records as vocab
from .fields import SearchBigramsField, search_pair_fields


def _choices(values, labels=None):
    labels = labels or {}
    return [(value, labels.get(value, value.replace("_", " "))) for value in values]


PART_CHOICES = _choices(vocab.PARTS)
QUALIFIER_CHOICES = _choices(vocab.QUALIFIERS)
PERIOD_CHOICES = _choices(vocab.PERIODS)


class Timestamped(models.Model):
    """Creation and update times; ``updated_at`` drives incremental sync."""

    created_at = models.DateTimeField(auto_now_add=True, help_text="When rdapi first stored this record.")
    updated_at = models.DateTimeField(auto_now=True, db_index=True, help_text="When this record last changed.")

    class Meta:
        abstract = True


class EditorTracked(models.Model):
    """Records whose fields an editor may correct; corrections outlive re-imports."""

    edited_fields = models.JSONField(
        default=list,
        blank=True,
        help_text="Names of the fields an editor changed; re-imports never overwrite them.",
    )

    class Meta:
        abstract = True


class SourceSpan(models.Model):
    """A passage of a source: ``source.text[char_start:char_end]``."""

    source = models.ForeignKey("Source", on_delete=models.CASCADE, help_text="The imported text this was taken from.")
    char_start = models.PositiveIntegerField(help_text="Code-point offset where the passage starts in the source text.")
    char_end = models.PositiveIntegerField(help_text="Code-point offset just past the passage's end.")

    class Meta:
        abstract = True

    @property
    def source_text(self) -> str:
        """The exact raw characters this record was taken from."""
        return self.source.text[self.char_start : self.char_end]


class Region(Timestamped):
    """An administrative division with its GB/T 2260 code."""

    LEVELS = _choices(("province", "prefecture", "county"))

    code = models.CharField(primary_key=True, max_length=6, help_text="GB/T 2260 six-digit division code.")
    name = models.CharField(max_length=100, help_text="Official name, e.g. 松原市.")
    full_name = models.CharField(max_length=200, blank=True, help_text="Name with its parents, e.g. 吉林省松原市.")
    level = models.CharField(max_length=16, choices=LEVELS, help_text="province, prefecture or county.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The division this one belongs to.",
    )

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.full_name or self.name}"


class Body(Timestamped, EditorTracked):
    """A standing committee, party committee, office or person that issues or is the subject of texts."""

    KINDS = _choices(vocab.BODY_KINDS)
    LEVELS = _choices(vocab.BODY_LEVELS)

    key = models.CharField(
        max_length=300,
        unique=True,
        help_text="Natural key: kind and region (plus name where one region has several bodies of a kind).",
    )
    name = models.CharField(max_length=200, db_index=True, help_text="Full official name.")
    kind = models.CharField(max_length=20, choices=KINDS, db_index=True, help_text="What sort of body this is.")
    level = models.CharField(max_length=16, choices=LEVELS, db_index=True, help_text="Administrative level.")
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text="The region it serves; null for national bodies or when unresolved.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="For an office or deputy: the standing committee it belongs to.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.name


class Source(Timestamped):
    """One imported text file, kept byte-for-byte decoded."""

    name = models.CharField(max_length=255, unique=True, help_text="File name as imported.")
    sha256 = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file's bytes.")
    length = models.PositiveIntegerField(help_text="Length of the decoded text in characters.")
    encoding = models.CharField(max_length=20, help_text="Encoding the bytes were decoded from.")
    text = models.TextField(help_text="The decoded text; every offset in rdapi points into it.")
    metadata = models.JSONField(default=dict, blank=True, help_text="Document-level facts, e.g. journal and issue.")
    extractor_version = models.CharField(max_length=20, help_text="Version of the extractor that produced its rows.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Report(Timestamped, EditorTracked, SourceSpan):
    """A work report, work plan, opinion or article."""

    TYPES = _choices(vocab.REPORT_TYPES)
    SCOPES = _choices(("one_year", "term", "unspecified"))

    key = models.CharField(max_length=40, help_text="Stable key within its source (r1, r2, … in reading order).")
    title = models.CharField(max_length=500, help_text="Title as printed, or a librarian's title when none is printed.")
    report_type = models.CharField(max_length=20, choices=TYPES, db_index=True, help_text="Genre of the text.")
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
        help_text="The body that issued it (for an article: its author).",
    )
    term = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The body's term (届), if known.")
    review_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True, help_text="Year reviewed.")
    plan_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True, help_text="Year planned.")
    review_year_inferred = models.BooleanField(default=False, help_text="True when review_year was not printed.")
    plan_year_inferred = models.BooleanField(default=False, help_text="True when plan_year was not printed.")
    review_scope = models.CharField(
        max_length=12,
        choices=SCOPES,
        default="unspecified",
        help_text="one_year, or term for five-year / whole-term reviews.",
    )
    metadata = models.JSONField(default=dict, blank=True, help_text="Journal, issue, author, dates as printed.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["source__name", "char_start", "id"]
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="report_unique_key_per_source")]

    def __str__(self):
        return self.title


class AgendaItem(Timestamped, EditorTracked, SourceSpan):
    """A numbered section, task or paragraph of a report, as a tree."""

    # No index of its own: (report, key) and (report, order, id) below both start with it.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="agenda_items", db_index=False)
    key = models.CharField(max_length=80, help_text="Stable path within the report, e.g. review/3/2.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text="The enclosing section; null at the top.",
    )
    part = models.CharField(max_length=8, choices=PART_CHOICES, help_text="review, plan or other.")
    number = models.CharField(max_length=20, blank=True, help_text="Number as printed: 一, (一), 1, 一是.")
    order = models.PositiveIntegerField(help_text="1-based reading order within the report.")
    heading = models.CharField(max_length=500, blank=True, help_text="Short heading.")
    text = models.TextField(help_text="The item's full text as printed.")
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
        help_text="The body this item is about, when not the report's own.",
    )
    # For q= on PostgreSQL: finds two-character words, which pg_trgm cannot (reports/bigrams.py).
    SEARCH_SOURCES = ("heading", "text")
    # The codes in two halves, each under its own index: the two build side by side.
    search_bigrams_even = SearchBigramsField(source_fields=SEARCH_SOURCES, half=0, null=True, editable=False)
    search_bigrams_odd = SearchBigramsField(source_fields=SEARCH_SOURCES, half=1, null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_bigrams_even", "search_bigrams_odd"])

    class Meta:
        ordering = ["report_id", "order"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="agenda_item_unique_key_per_report")]
        # The API's order (report, order, id as tie-break): a page is an index walk, no sort.
        indexes = [
            models.Index(fields=["report", "order", "id"], name="agendaitem_report_order"),
            models.Index(fields=["part"], name="agendaitem_part"),
        ]

    def __str__(self):
        return f"{self.number} {self.heading}".strip()

    def save(self, *args, update_fields=None, **kwargs):
        """Save, writing fresh search bigrams whenever the heading or text may be written too.

        Django writes only some fields when told to (``update_fields``) or when the row
        was loaded with some deferred: the bigrams then join their source fields.
        """
        sources = set(self.SEARCH_SOURCES)
        pair_fields = search_pair_fields(AgendaItem, self.SEARCH_SOURCES)
        if update_fields is not None and sources & set(update_fields):
            update_fields = {*update_fields, *(field.name for field in pair_fields)}
        deferred = self.get_deferred_fields()
        if update_fields is None and not sources <= deferred:
            for field in pair_fields:
                if field.attname in deferred:
                    setattr(self, field.attname, field.compute(self))
        super().save(*args, update_fields=update_fields, **kwargs)


class Indicator(models.Model):
    """A comparable indicator of what a standing committee did (TAXONOMY.md)."""

    BODY_KINDS = _choices(("npc_sc", "cppcc_sc", "shared"))

    code = models.CharField(primary_key=True, max_length=40, help_text="Indicator code, e.g. sc_meetings.")
    name = models.CharField(max_length=100, help_text="Chinese name.")
    name_en = models.CharField(max_length=200, blank=True, help_text="English name.")
    unit = models.CharField(max_length=10, help_text="Usual unit.")
    body_kind = models.CharField(max_length=10, choices=BODY_KINDS, help_text="npc_sc, cppcc_sc or shared.")
    description = models.TextField(blank=True, help_text="Typical wording and what counts.")
    # Added for the API's incremental sync (updated_since) and Last-Modified.
    updated_at = models.DateTimeField(auto_now=True, db_index=True, help_text="When this record last changed.")

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} ({self.name})"


class Statistic(Timestamped, EditorTracked, SourceSpan):
    """One count in a report, normalised and mapped to an indicator."""

    class ReviewStatus(models.TextChoices):
        UNREVIEWED = "unreviewed"
        VERIFIED = "verified"
        CORRECTED = "corrected"
        REJECTED = "rejected"

    # No index of its own: the unique (report, key) index starts with it.
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="statistics", db_index=False)
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statistics",
        help_text="The report's body (copied here for filtering).",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statistics",
        help_text="The innermost agenda item holding the number.",
    )
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statistics",
        db_index=False,  # indexed in Meta.indexes, without a LIKE index
        help_text="Indicator code; null only when no code applies.",
    )
    key = models.CharField(max_length=300, help_text="Stable key within the report.")
    label = models.CharField(max_length=200, help_text="Chinese label of what is counted.")
    value = models.DecimalField(max_digits=20, decimal_places=4, help_text="The value (lower bound of a range).")
    value_max = models.DecimalField(
        max_digits=20, decimal_places=4, null=True, blank=True, help_text="Upper bound of a range, else null."
    )
    qualifier = models.CharField(
        max_length=10, choices=QUALIFIER_CHOICES, help_text="exact, approx, at_least, at_most."
    )
    unit = models.CharField(max_length=10, help_text="Counting unit as written (次, 件, 人次, 万元, %).")
    period = models.CharField(max_length=12, choices=PERIOD_CHOICES, help_text="year, term, unspecified.")
    part = models.CharField(max_length=8, choices=PART_CHOICES, help_text="review, plan or other.")
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True, help_text="Year the count refers to.")
    per_unit = models.BooleanField(default=False, help_text="True when the number is per sub-unit (每个县…).")
    number_text = models.CharField(max_length=40, help_text="The number as printed.")
    review_status = models.CharField(
        max_length=12,
        choices=ReviewStatus.choices,
        default=ReviewStatus.UNREVIEWED,
        help_text="Editorial review: unreviewed, verified, corrected or rejected.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report_id", "char_start", "id"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="statistic_unique_key_per_report")]
        # Equality filters of the API. Declared here rather than with db_index=True, which on
        # PostgreSQL adds a second, varchar_pattern_ops (LIKE) index per text column that no
        # query uses and every insert pays for (bench/findings.md).
        indexes = [
            models.Index(fields=["indicator"], name="statistic_indicator"),
            models.Index(fields=["period"], name="statistic_period"),
            models.Index(fields=["part"], name="statistic_part"),
            models.Index(fields=["review_status"], name="statistic_review_status"),
        ]

    def __str__(self):
        return f"{self.label} {self.number_text}{self.unit}"


class ImportRun(models.Model):
    """One run of the importer: what it read, what it changed, what it warned about."""

    class Status(models.TextChoices):
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        PARTIAL = "partial"  # some files failed
        FAILED = "failed"

    started_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    command = models.CharField(max_length=200, help_text="The command line that started the run.")
    extractor_version = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    files_created = models.PositiveIntegerField(default=0)
    files_updated = models.PositiveIntegerField(default=0)
    files_unchanged = models.PositiveIntegerField(default=0)
    files_failed = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_deleted = models.PositiveIntegerField(default=0)
    files = models.JSONField(default=list, blank=True, help_text="Per file: path, outcome and counts.")
    warnings = models.JSONField(default=list, blank=True, help_text="Per warning: path, code, message, position.")
    errors = models.JSONField(default=list, blank=True, help_text="Per failed file: path and reason.")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"import run {self.pk} ({self.status})"


class ImportConflict(models.Model):
    """An extracted value that differs from an editor's correction, which was kept."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="conflicts")
    model = models.CharField(max_length=40, help_text="Model of the record, e.g. statistic.")
    object_id = models.PositiveBigIntegerField(help_text="Primary key of the record.")
    field = models.CharField(max_length=40)
    editor_value = models.TextField(help_text="The value the editor set, which was kept.")
    extracted_value = models.TextField(help_text="The value the importer extracted now.")

    class Meta:
        ordering = ["run_id", "id"]

    def __str__(self):
        return f"{self.model} {self.object_id}.{self.field}"
