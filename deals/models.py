"""Companies, the deals they are reported to be doing, and what the desk knows of them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from articles.analysis.names import normalise_name
from deals.fields import EncryptedTextField


class Stage(models.TextChoices):
    RUMOURED = "rumoured", "Rumoured"
    IN_TALKS = "in_talks", "In talks"
    AGREED = "agreed", "Agreed"
    COMPLETED = "completed", "Completed"
    CALLED_OFF = "called_off", "Called off"


# The forward path of a deal; `called_off` stands beside it, reachable from any open stage.
STAGE_ORDER: tuple[str, ...] = (
    Stage.RUMOURED,
    Stage.IN_TALKS,
    Stage.AGREED,
    Stage.COMPLETED,
)
OPEN_STAGES: tuple[str, ...] = (Stage.RUMOURED, Stage.IN_TALKS, Stage.AGREED)


class StageTransitionError(ValueError):
    """A stage move the deal lifecycle does not allow."""


def stage_rank(stage: str) -> int:
    """Position on the forward path; called_off ranks after everything."""
    return STAGE_ORDER.index(stage) if stage in STAGE_ORDER else len(STAGE_ORDER)


def is_revival(from_stage: str, to_stage: str) -> bool:
    """A move backwards along the path, or out of called_off: news that a deal lives again.

    Revivals are never applied silently: only an editor's explicit decision makes them.
    """
    if from_stage == Stage.CALLED_OFF:
        return to_stage != Stage.CALLED_OFF
    if to_stage == Stage.CALLED_OFF:
        return False
    return stage_rank(to_stage) < stage_rank(from_stage)


def check_transition(from_stage: str, to_stage: str, *, allow_revival: bool = False) -> None:
    """The one place the lifecycle is defined. Raises StageTransitionError when refused.

    Forward moves (skipping stages is fine: a deal can be announced already
    agreed) and calling off an open deal are always allowed. A completed deal
    cannot be called off. Backward moves and moves out of called_off are
    revivals and need `allow_revival`.
    """
    if to_stage not in Stage.values:
        raise StageTransitionError(f"unknown stage {to_stage!r}")
    if from_stage == to_stage:
        raise StageTransitionError(f"the deal is already {Stage(to_stage).label.lower()}")
    if from_stage == Stage.COMPLETED and to_stage == Stage.CALLED_OFF:
        raise StageTransitionError("a completed deal cannot be called off")
    if is_revival(from_stage, to_stage) and not allow_revival:
        raise StageTransitionError(
            f"{Stage(from_stage).label.lower()} → {Stage(to_stage).label.lower()} "
            "goes backwards; it must be confirmed as a revival"
        )


class Kind(models.TextChoices):
    ACQUISITION = "acquisition", "Acquisition"
    MERGER = "merger", "Merger"
    INVESTMENT = "investment", "Investment"
    PARTNERSHIP = "partnership", "Partnership"
    IPO = "ipo", "IPO"
    DEBT = "debt", "Debt"


class Role(models.TextChoices):
    ACQUIRER = "acquirer", "Acquirer"
    TARGET = "target", "Target"
    SELLER = "seller", "Seller"
    INVESTOR = "investor", "Investor"
    LEAD_INVESTOR = "lead_investor", "Lead investor"
    INVESTEE = "investee", "Investee"
    PARTNER = "partner", "Partner"
    ISSUER = "issuer", "Issuer"
    LENDER = "lender", "Lender"
    BORROWER = "borrower", "Borrower"
    ADVISER = "adviser", "Adviser"


class Company(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    country = models.CharField(max_length=64, blank=True, default="")
    region = models.CharField(max_length=64, blank=True, default="")
    sector = models.CharField(max_length=64, blank=True, default="")
    website = models.URLField(blank=True, default="")
    description = models.TextField(blank=True, default="")
    valuation = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    valuation_currency = models.CharField(max_length=3, blank=True, default="USD")
    valuation_usd = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    total_raised = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    total_raised_currency = models.CharField(max_length=3, blank=True, default="USD")
    total_raised_usd = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    watchlist = models.BooleanField(default=False)
    verified = models.BooleanField(default=False)
    # Named by nothing but a low-confidence sample's guess (ingestion sets it when it creates
    # the company for a drawn sample alone): out of sight of everyone but editors until a
    # story names it, an editor accepts a sample naming it, verifies it, merges another
    # company into it, or a tip names it (deals.services.companies.companies_reveal).
    sample_only = models.BooleanField(default=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="subsidiaries"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["country", "sector"]),
            models.Index(fields=["valuation_usd"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deals-company", args=[self.slug])


class CompanyAlias(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "company aliases"

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs) -> None:
        self.normalised = normalise_name(self.alias)
        super().save(*args, **kwargs)


class Deal(models.Model):
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.ACQUISITION)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.RUMOURED)
    value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, default="")
    value_usd = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    stake_pct = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    announced_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    confirmed = models.BooleanField(default=False)
    summary = models.TextField(blank=True, default="")
    region = models.CharField(max_length=64, blank=True, default="")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_deals",
    )
    is_stale = models.BooleanField(default=False)
    # A "new deal" flag an editor rejected: kept for the record, off the board. A deal
    # that only a low-confidence sample proposed starts dismissed too, and accepting
    # its flag brings it onto the board (deals.services.signals).
    dismissed = models.BooleanField(default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # When the stage last moved or news last arrived: the card's "age" and staleness.
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [
            models.Index(fields=["stage", "-last_activity_at", "-id"]),
            models.Index(fields=["kind", "stage"]),
            models.Index(fields=["value_usd"]),
            models.Index(fields=["created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stake_pct__isnull=True) | Q(stake_pct__gte=0, stake_pct__lte=100),
                name="deal_stake_pct_range",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0), name="deal_value_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deals-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class DealParty(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="parties")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="deal_parties")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "deal parties"
        constraints = [
            models.UniqueConstraint(
                fields=["deal", "company", "role"], name="dealparty_unique_role"
            )
        ]
        indexes = [models.Index(fields=["company", "deal"])]

    def __str__(self) -> str:
        return f"{self.company} ({self.get_role_display()})"


class DealArticle(models.Model):
    """Coverage: an article that reports on a deal."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="coverage")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="deal_links"
    )
    evidence = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["deal", "article"], name="dealarticle_unique")
        ]
        # A deal page reads the newest coverage first; a big deal carries thousands of stories.
        indexes = [models.Index(fields=["deal", "-created_at"], name="dealarticle_deal_recent")]

    def __str__(self) -> str:
        return f"{self.article_id} covers {self.deal_id}"


class DealEvent(models.Model):
    """The audit trail: every stage change and edit, by whom (or the system), with evidence."""

    class Type(models.TextChoices):
        CREATED = "created", "Created"
        STAGE = "stage", "Stage change"
        EDIT = "edit", "Edit"
        MERGE = "merge", "Merge"
        NOTE = "note", "Note"

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=16, choices=Type.choices, default=Type.NOTE)
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True, default="")
    to_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True, default="")
    changes = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deal_events",
        help_text="Empty when the system made the change.",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.TextField(blank=True, default="")
    reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["deal", "-at"])]

    def __str__(self) -> str:
        if self.type == self.Type.STAGE:
            return f"{self.deal}: {self.from_stage} → {self.to_stage}"
        return f"{self.deal}: {self.get_type_display()}"


class DealUpdate(models.Model):
    """A flag: ingestion's proposal that a deal moved (or exists), waiting for an editor."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    class Type(models.TextChoices):
        NEW_DEAL = "new_deal", "New deal"
        STAGE = "stage", "Stage move"
        REVIVAL = "revival", "Revival"

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="updates")
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="updates"
    )
    type = models.CharField(max_length=16, choices=Type.choices, default=Type.STAGE)
    current_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True, default="")
    proposed_stage = models.CharField(max_length=16, choices=Stage.choices)
    proposed_kind = models.CharField(max_length=16, choices=Kind.choices, blank=True, default="")
    proposed_value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    proposed_currency = models.CharField(max_length=3, blank=True, default="")
    proposed_value_usd = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    evidence = models.TextField(blank=True, default="")
    confidence = models.FloatField(default=0.5)
    attribution = models.CharField(max_length=32, blank=True, default="")
    attributed_to = models.CharField(max_length=200, blank=True, default="")
    # A low-confidence sample: a candidate the analysis did not report, drawn for the
    # review queue so that the desk's decision on it teaches `train_analysis` about
    # that band. Never auto-accepted; moves nothing until an editor accepts it.
    is_sample = models.BooleanField(default=False)
    # The share of near misses being sampled when this one was drawn: its decision
    # stands for 1/rate candidates of its band when train_analysis measures the model.
    sample_rate = models.FloatField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_updates",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A re-run of ingestion never raises the same flag twice.
            models.UniqueConstraint(
                fields=["deal", "article", "proposed_stage"], name="dealupdate_unique_flag"
            ),
            models.UniqueConstraint(
                fields=["deal", "proposed_stage"],
                condition=Q(article__isnull=True, status="pending"),
                name="dealupdate_unique_pending_manual",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-created_at"],
                condition=Q(status="pending"),
                name="dealupdate_pending_idx",
            ),
            models.Index(fields=["deal", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.deal}: {self.current_stage or 'new'} → {self.proposed_stage}"


def sample_born() -> Q:
    """Deals only a low-confidence sample has proposed, never accepted: off the board, and
    out of sight of everyone but editors, until an editor accepts the sample or a story
    reports the deal (ingestion then makes it an ordinary unconfirmed new deal)."""
    new_deal = DealUpdate.objects.filter(deal=OuterRef("pk"), type=DealUpdate.Type.NEW_DEAL)
    return (
        Q(confirmed=False, dismissed=True)
        & Exists(new_deal.filter(is_sample=True))
        & ~Exists(new_deal.filter(is_sample=False))
    )


class Tip(models.Model):
    class Grade(models.TextChoices):
        A = "A", "A — reliable"
        B = "B", "B — usually reliable"
        C = "C", "C — fairly reliable"
        D = "D", "D — not usually reliable"
        E = "E", "E — unreliable"
        F = "F", "F — cannot be judged"

    class Status(models.TextChoices):
        NEW = "new", "New"
        FOLLOWING = "following", "Following"
        CONFIRMED = "confirmed", "Confirmed"
        DEAD = "dead", "Dead"
        PUBLISHED = "published", "Published"

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="tips")
    deal = models.ForeignKey(
        Deal, null=True, blank=True, on_delete=models.SET_NULL, related_name="tips"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tips"
    )
    body = models.TextField()
    # Confidential: encrypted by the field itself, so no code path stores it in plain text.
    source = EncryptedTextField(blank=True, default="")
    grade = models.CharField(max_length=1, choices=Grade.choices, default=Grade.F)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    follow_up_on = models.DateField(null=True, blank=True)
    shared_with_desk = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["author", "status"]),
            models.Index(fields=["company", "status"]),
            models.Index(fields=["follow_up_on"]),
        ]

    def __str__(self) -> str:
        return f"Tip on {self.company} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.NEW, self.Status.FOLLOWING}


class TipMatch(models.Model):
    """A story that may bear out a tip, and how many days the tip was ahead of it."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="matches")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="tip_matches"
    )
    deal = models.ForeignKey(
        Deal, null=True, blank=True, on_delete=models.SET_NULL, related_name="tip_matches"
    )
    days_ahead = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["tip", "article"], name="tipmatch_unique")]
        indexes = [models.Index(fields=["-created_at"])]
        verbose_name_plural = "tip matches"

    def __str__(self) -> str:
        return f"{self.tip} matched by article {self.article_id}"


class TipSourceView(models.Model):
    """Audit log: someone other than its author read a tip's confidential source."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="source_views")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tip_source_views"
    )
    viewed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["tip", "-viewed_at"])]

    def __str__(self) -> str:
        return f"{self.viewer} viewed the source of tip {self.tip_id}"


class FeedToken(models.Model):
    """A per-user secret in the Atom feed's URL, for newsroom systems that cannot log in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Feed token of {self.user}"
