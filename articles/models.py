"""The desk's sources, the stories read from them, and the companies each story mentions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


class Source(models.Model):
    class Kind(models.TextChoices):
        RSS = "rss", "RSS feed"
        ATOM = "atom", "Atom feed"
        JSON = "json", "JSON Feed"
        PAGE = "page", "Web page"
        MANUAL = "manual", "Manual entry"

    class Tier(models.IntegerChoices):
        WIRE = 1, "1 — wire / primary"
        ESTABLISHED = 2, "2 — established outlet"
        UNVERIFIED = 3, "3 — blog / aggregator"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.RSS)
    url = models.URLField(max_length=2000, blank=True, default="")
    enabled = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=30)
    credibility_tier = models.PositiveSmallIntegerField(
        choices=Tier.choices, default=Tier.ESTABLISHED
    )
    region = models.CharField(max_length=64, blank=True, default="")
    language = models.CharField(max_length=16, blank=True, default="en")
    full_text = models.BooleanField(
        default=False, help_text="Fetch each entry's page when the feed carries only summaries."
    )
    auto_accept = models.BooleanField(
        default=False,
        help_text="Accept high-confidence updates from this source without review (tier 1 only).",
    )
    etag = models.CharField(max_length=500, blank=True, default="")
    last_modified = models.CharField(max_length=100, blank=True, default="")
    next_poll_at = models.DateTimeField(default=timezone.now)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, default="")
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["next_poll_at"], condition=Q(enabled=True), name="source_due_idx")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_failing(self) -> bool:
        return self.consecutive_failures >= settings.INGEST_FAILING_AFTER

    @property
    def health(self) -> str:
        if not self.enabled:
            return "disabled"
        return "failing" if self.is_failing else "ok"

    def backoff(self) -> timedelta:
        """Exponential back-off after failures, capped by INGEST_MAX_BACKOFF_MINUTES."""
        minutes = self.poll_interval_minutes * (2 ** min(self.consecutive_failures, 16))
        return timedelta(minutes=min(minutes, settings.INGEST_MAX_BACKOFF_MINUTES))


class Article(models.Model):
    class State(models.TextChoices):
        NEW = "new", "New"
        PROCESSING = "processing", "Processing"
        DONE = "done", "Analysed"
        FAILED = "failed", "Failed"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    url = models.URLField(max_length=2000, unique=True, help_text="Canonical URL.")
    guid = models.CharField(max_length=500, blank=True, default="", db_index=True)
    title = models.CharField(max_length=1000)
    author = models.CharField(max_length=300, blank=True, default="")
    published_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    body = models.TextField(blank=True, default="")
    summary = models.TextField(blank=True, default="")
    language = models.CharField(max_length=16, blank=True, default="")
    content_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    title_key = models.CharField(max_length=300, blank=True, default="", db_index=True)
    # The same story from another outlet: linked to the first copy, not analysed twice.
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.NEW)
    error = models.TextField(blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    analysis = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["-published_at", "-id"]),
            models.Index(fields=["source", "-published_at"]),
            # The sources page counts each source's articles fetched in the last day and week.
            models.Index(fields=["source", "fetched_at"]),
            models.Index(fields=["state"], condition=~Q(state="done"), name="article_todo_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("articles-detail", args=[self.pk])


class Mention(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    company = models.ForeignKey("deals.Company", on_delete=models.CASCADE, related_name="mentions")
    matched_alias = models.CharField(max_length=200, blank=True, default="")
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "company"], name="mention_unique")
        ]
        indexes = [models.Index(fields=["company", "article"])]

    def __str__(self) -> str:
        return f"{self.company} in {self.article_id}"
