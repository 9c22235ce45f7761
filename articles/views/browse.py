"""Browsing stories: search with filters, and one story with its companies and signals marked."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from articles.models import Article, Source
from articles.search import ArticleSearchForm, search_articles
from deals.models import CompanyAlias
from deals.roles import ADMIN, EDITOR, REPORTER, require_role
from deals.selectors.deals import article_deal_links, article_mentions
from deals.selectors.review import highlight_names
from deals.views.htmx import page


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
@vary_on_headers("HX-Request")
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleSearchForm(
        request.GET, sources=list(Source.objects.order_by("name").values_list("id", "name"))
    )
    form.is_valid()
    filters = form.to_filters()
    page_number = form.cleaned_data.get("page") or 1
    hits, has_next = search_articles(filters, viewer=request.user, page=page_number)
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "filters": filters,
        "hits": hits,
        "page_number": page_number,
        "has_next": has_next,
        "query": params.urlencode(),
    }
    return render(request, page(request, "articles/article_list.html", "results"), context)


def _marked_body(article: Article, names: list[str]):
    paragraphs = [p.strip() for p in article.body.split("\n\n") if p.strip()]
    return format_html_join("\n", "<p>{}</p>", ((highlight_names(p, names),) for p in paragraphs))


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source", "duplicate_of"), pk=pk)
    mentions = article_mentions(article, request.user)
    company_ids = [m.company_id for m in mentions]
    names = [m.company.name for m in mentions] + [m.matched_alias for m in mentions]
    names += CompanyAlias.objects.filter(company_id__in=company_ids).values_list("alias", flat=True)
    analysis = article.analysis if isinstance(article.analysis, dict) else {}
    deal_links, updates = article_deal_links(article, request.user)
    context = {
        "article": article,
        "body_html": _marked_body(article, names),
        "mentions": mentions,
        "signals": [d for d in analysis.get("deals", []) if isinstance(d, dict)],
        "deal_links": deal_links,
        "updates": updates,
    }
    return render(request, "articles/article_detail.html", context)
