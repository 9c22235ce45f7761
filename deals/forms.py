"""Forms of the deals app: board filters, deal and company edits, merges, stage moves."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q

from deals.models import Company, Deal, Kind, Stage
from deals.roles import EDITOR, REPORTER
from deals.selectors.board import GROUPS, BoardFilters
from deals.selectors.deals import visible_companies
from deals.services.companies import EDITABLE_FIELDS as COMPANY_FIELDS
from deals.services.deals import EDITABLE_FIELDS as DEAL_FIELDS


class BoardFilterForm(forms.Form):
    """The board's URL parameters: DESIGN.md's names (q, stage, kind, sector, country, company,
    source) plus region, dates, value range (USD millions), pending, stale, owner and group."""

    q = forms.CharField(required=False, label="Search", max_length=200)
    stage = forms.MultipleChoiceField(required=False, choices=Stage.choices)
    kind = forms.MultipleChoiceField(required=False, choices=Kind.choices)
    sector = forms.ChoiceField(required=False)
    country = forms.ChoiceField(required=False)
    region = forms.CharField(required=False, max_length=64)
    company = forms.CharField(required=False, max_length=220, label="Company")
    source = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(required=False, label="Active from")
    date_to = forms.DateField(required=False, label="Active to")
    value_min = forms.DecimalField(required=False, min_value=0, label="Min $m")
    value_max = forms.DecimalField(required=False, min_value=0, label="Max $m")
    pending = forms.BooleanField(required=False, label="Pending flags")
    stale = forms.IntegerField(required=False, min_value=1, max_value=3650, label="Stale (days)")
    owner = forms.ChoiceField(required=False)
    group = forms.ChoiceField(
        required=False, choices=[(g, f"By {g}") for g in GROUPS], label="Group"
    )

    def __init__(
        self, *args, viewer=None, sectors=(), countries=(), sources=(), owners=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.fields["sector"].choices = [("", "Any sector"), *((s, s) for s in sectors)]
        self.fields["country"].choices = [("", "Any country"), *((c, c) for c in countries)]
        self.fields["source"].choices = [("", "Any source"), *sources]
        self.fields["owner"].choices = [("", "Anyone"), *((u, u) for u in owners)]

    def to_filters(self) -> BoardFilters:
        """The cleaned filters; call after is_valid(). Invalid fields are simply ignored."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        company = None
        if data.get("company"):
            # Only one the viewer may see: naming a hidden one must not tell a reporter it exists.
            company = (
                visible_companies(self.viewer)
                .filter(Q(slug=data["company"]) | Q(name__iexact=data["company"]))
                .first()
            )
            if company is None:
                company = Company(pk=0, slug=data["company"])  # matches nothing
        owner = None
        if data.get("owner"):
            owner = User.objects.filter(username=data["owner"]).first() or User(pk=0)
        return BoardFilters(
            q=(data.get("q") or "").strip(),
            stage=tuple(data.get("stage") or ()),
            kind=tuple(data.get("kind") or ()),
            sector=data.get("sector") or "",
            country=data.get("country") or "",
            region=data.get("region") or "",
            company=company,
            source=data.get("source"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            value_min=data.get("value_min"),
            value_max=data.get("value_max"),
            pending=bool(data.get("pending")),
            stale=data.get("stale"),
            owner=owner,
            group=data.get("group") or "stage",
        )


def desk_usernames() -> list[str]:
    return list(
        User.objects.filter(is_active=True, groups__name__in=[EDITOR, REPORTER])
        .distinct()
        .order_by("username")
        .values_list("username", flat=True)
    )


class StageMoveForm(forms.Form):
    to_stage = forms.ChoiceField(choices=Stage.choices, label="Move to")
    reason = forms.CharField(
        max_length=300, label="Reason", help_text="A few words for the record."
    )
    revival = forms.BooleanField(required=False, label="Confirm revival (moving backwards)")
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class DealEditForm(forms.ModelForm):
    reason = forms.CharField(max_length=300, required=False, label="Reason for the edit")

    class Meta:
        model = Deal
        fields = list(DEAL_FIELDS)
        widgets = {
            "announced_on": forms.DateInput(attrs={"type": "date"}),
            "completed_on": forms.DateInput(attrs={"type": "date"}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"value_usd": "Value (USD)", "stake_pct": "Stake %"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, groups__name__in=[EDITOR, REPORTER]
        ).distinct()

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "").upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value") is not None and not cleaned.get("currency"):
            self.add_error("currency", "Give the currency of the value.")
        return cleaned


class DealMergeForm(forms.Form):
    target = forms.IntegerField(min_value=1, label="Merge into deal #")
    reason = forms.CharField(max_length=300, required=False)


class NoteForm(forms.Form):
    text = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 2}), label="Note")


class ReviewEditForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, label="Stage")
    kind = forms.ChoiceField(choices=Kind.choices, label="Kind")
    reason = forms.CharField(max_length=300, required=False)


class BulkReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject")])
    ids = forms.CharField(required=False)  # read with getlist() in the view


class CompanyMergeForm(forms.Form):
    target = forms.SlugField(max_length=220, label="Merge into (company slug)")

    def clean_target(self) -> Company:
        slug = self.cleaned_data["target"]
        company = Company.objects.filter(slug=slug, merged_into__isnull=True).first()
        if company is None:
            raise forms.ValidationError("No live company with that slug.")
        return company


class CompanyEditForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Company
        fields = list(COMPANY_FIELDS)
