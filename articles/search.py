"""Article search: PostgreSQL full text (websearch syntax, ranking, highlighted snippets) where
the database is PostgreSQL, a plain contains-match on SQLite.

The tsvector column and its GIN index come from migration 0003 (PostgreSQL only); the model
does not declare the column, so queries reach it through RawSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import BooleanField, Exists, F, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Mention
from deals.roles import AnyUser
from deals.selectors.board import day_range
from deals.selectors.deals import visible_companies
from deals.selectors.review import highlight_names

PAGE_SIZE = 25
CONFIG = "english"
# Markers that cannot occur in stored text: the snippet is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"


@dataclass(frozen=True)
class ArticleFilters:
    q: str = ""
    source: int | None = None
    company: str = ""  # slug
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class Hit:
    article: Article
    snippet: SafeString


def _filtered(f: ArticleFilters, viewer: AnyUser | None) -> QuerySet[Article]:
    qs = Article.objects.select_related("source").defer("body", "analysis", "summary")
    if f.source:
        qs = qs.filter(source_id=f.source)
    if f.company:
        # A company hidden from the viewer matches nothing, as an unknown slug does.
        company = visible_companies(viewer).filter(slug=f.company)
        qs = qs.filter(Exists(Mention.objects.filter(article=OuterRef("pk"), company__in=company)))
    qs = qs.filter(day_range("published_at", f.date_from, f.date_to))
    return qs


def _marked(text: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped first, then only our markers become tags
        escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def search_articles(
    f: ArticleFilters, *, viewer: AnyUser | None, page: int = 1
) -> tuple[list[Hit], bool]:
    """One page of hits, best first when searching (newest first otherwise), and whether
    another page follows. No COUNT over the whole table: a page fetches one row more."""
    qs = _filtered(f, viewer)
    offset = (max(page, 1) - 1) * PAGE_SIZE
    if f.q and connection.vendor == "postgresql":
        query = SearchQuery(f.q, search_type="websearch", config=CONFIG)
        qs = (
            qs.annotate(
                rank=RawSQL(
                    "ts_rank_cd(articles_article.search_vector, websearch_to_tsquery(%s::regconfig, %s))",
                    (CONFIG, f.q),
                    output_field=FloatField(),
                ),
                snippet=SearchHeadline(
                    "body",
                    query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=40,
                    min_words=15,
                    max_fragments=2,
                ),
            )
            .filter(
                RawSQL(
                    "articles_article.search_vector @@ websearch_to_tsquery(%s::regconfig, %s)",
                    (CONFIG, f.q),
                    output_field=BooleanField(),
                )
            )
            .order_by(F("rank").desc(), "-published_at", "-id")
        )
        rows = list(qs[offset : offset + PAGE_SIZE + 1])
        hits = [Hit(article=a, snippet=_marked(a.snippet)) for a in rows[:PAGE_SIZE]]
        return hits, len(rows) > PAGE_SIZE
    if f.q:
        qs = (
            qs.filter(Q(title__icontains=f.q) | Q(body__icontains=f.q))
            .defer(None)
            .defer("analysis", "summary")
        )
    rows = list(qs.order_by("-published_at", "-id")[offset : offset + PAGE_SIZE + 1])
    hits = []
    for article in rows[:PAGE_SIZE]:
        snippet = ""
        if f.q:
            body = article.body
            at = body.lower().find(f.q.lower())
            start = max(at - 120, 0) if at >= 0 else 0
            snippet = ("…" if start else "") + body[start : start + 300]
        hits.append(Hit(article=article, snippet=highlight_names(snippet, [f.q] if f.q else [])))
    return hits, len(rows) > PAGE_SIZE


class ArticleSearchForm(forms.Form):
    """The search page's URL parameters (DESIGN.md names: q, source, company; plus dates)."""

    q = forms.CharField(required=False, max_length=300, label="Search")
    source = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    company = forms.SlugField(required=False, max_length=220)
    date_from = forms.DateField(required=False, label="Published from")
    date_to = forms.DateField(required=False, label="Published to")
    # SQL offsets overflow past this.
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "Any source"), *sources]

    def to_filters(self) -> ArticleFilters:
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return ArticleFilters(
            q=(data.get("q") or "").strip(),
            source=data.get("source"),
            company=data.get("company") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
