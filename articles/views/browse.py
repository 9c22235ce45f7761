from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.models import Article
from deals.roles import ADMIN, EDITOR, REPORTER, require_role


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def article_list(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.select_related("source").order_by("-published_at", "-id")[:100]
    return render(request, "articles/article_list.html", {"articles": articles})


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    return render(request, "articles/article_detail.html", {"article": article})
