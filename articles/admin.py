from django.contrib import admin

from articles.models import Article, Mention, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "enabled",
        "credibility_tier",
        "region",
        "last_success_at",
        "consecutive_failures",
        "next_poll_at",
    ]
    list_filter = ["enabled", "kind", "credibility_tier", "region"]
    search_fields = ["name", "url"]


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    raw_id_fields = ["company"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "state"]
    list_filter = ["state", "source"]
    search_fields = ["title", "url", "guid"]
    date_hierarchy = "published_at"
    raw_id_fields = ["duplicate_of"]
    inlines = [MentionInline]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["company", "article", "matched_alias", "count"]
    search_fields = ["company__name", "matched_alias"]
    raw_id_fields = ["article", "company"]
