from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from deals.models import (
    Company,
    CompanyAlias,
    Deal,
    DealArticle,
    DealEvent,
    DealParty,
    DealUpdate,
    Tip,
)
from deals.selectors.tips import can_see_source, tips_visible_to
from deals.services.companies import companies_reveal


class CompanyAliasInline(admin.TabularInline):
    model = CompanyAlias
    extra = 1
    fields = ["alias"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "sector", "valuation_usd", "watchlist", "verified"]
    list_filter = ["verified", "watchlist", "sector", "country"]
    search_fields = ["name", "slug", "aliases__alias"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["parent", "merged_into"]
    inlines = [CompanyAliasInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if obj.parent_id and obj.parent.sample_only:
            # A parent the desk names is a real company: its page links to it for everyone.
            companies_reveal(company_ids=[obj.parent_id])


@admin.register(CompanyAlias)
class CompanyAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "normalised", "company"]
    search_fields = ["alias", "normalised", "company__name"]
    raw_id_fields = ["company"]


class DealPartyInline(admin.TabularInline):
    model = DealParty
    extra = 1
    raw_id_fields = ["company"]


@admin.register(Deal)
class DealAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "kind",
        "stage",
        "value_usd",
        "confirmed",
        "is_stale",
        "last_activity_at",
    ]
    list_filter = ["stage", "kind", "confirmed", "is_stale", "dismissed", "region"]
    search_fields = ["title", "summary", "parties__company__name"]
    date_hierarchy = "created_at"
    raw_id_fields = ["owner", "merged_into"]
    # The stage changes only through deal_move_stage, which writes the audit event.
    readonly_fields = ["stage", "created_at", "updated_at", "last_activity_at"]
    inlines = [DealPartyInline]


@admin.register(DealEvent)
class DealEventAdmin(admin.ModelAdmin):
    list_display = ["deal", "type", "from_stage", "to_stage", "actor", "at"]
    list_filter = ["type", "to_stage"]
    search_fields = ["deal__title", "evidence", "reason"]
    raw_id_fields = ["deal", "article", "actor"]
    date_hierarchy = "at"

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the audit trail is append-only


@admin.register(DealUpdate)
class DealUpdateAdmin(admin.ModelAdmin):
    list_display = [
        "deal",
        "type",
        "current_stage",
        "proposed_stage",
        "confidence",
        "status",
        "created_at",
    ]
    list_filter = ["status", "type", "proposed_stage"]
    search_fields = ["deal__title", "evidence"]
    raw_id_fields = ["deal", "article", "reviewer"]
    date_hierarchy = "created_at"


@admin.register(DealArticle)
class DealArticleAdmin(admin.ModelAdmin):
    list_display = ["deal", "article", "created_at"]
    raw_id_fields = ["deal", "article"]


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    """Tips through the same selector as every page: an admin without the editor role sees none.

    The source is a form field only for its author (and on the add form); nobody else's admin
    page ever holds it — editors read it on the tip's page, where the read is logged.
    """

    list_display = ["company", "author", "grade", "status", "follow_up_on", "shared_with_desk"]
    list_filter = ["status", "grade", "shared_with_desk"]
    search_fields = ["company__name", "body"]  # never the source
    raw_id_fields = ["company", "deal", "author"]
    readonly_fields = ["source_note"]

    def get_queryset(self, request):
        tips = tips_visible_to(request.user).select_related("company", "author")
        return tips.order_by(*(self.get_ordering(request) or Tip._meta.ordering))

    def get_exclude(self, request, obj=None):
        if obj is not None and not (
            obj.author_id == request.user.pk and can_see_source(request.user, obj)
        ):
            return ["source"]
        return []

    @admin.display(description="Source")
    def source_note(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        return format_html(
            '<a href="{}">On the tip’s page</a> (only its author and editors; every read by '
            "someone else is logged)",
            reverse("deals-tip", args=[obj.pk]),
        )
