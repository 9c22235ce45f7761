"""Adding a story by hand: a pasted URL or text goes through the pipeline, and the page shows
what analysis found and which flags it raised."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from articles.analysis.names import normalise_name
from articles.feeds import FeedParseError
from articles.fetch import FetchError
from articles.forms import StoryForm
from articles.services import ManualStory, story_add_text, story_add_url
from deals.models import DealArticle, Kind, Stage
from deals.roles import EDITOR, REPORTER, AnyUser, require_role
from deals.selectors.deals import article_deal_links, hidden_names_in, visible_companies


def _label(choices, value: str) -> str:
    return choices(value).label if value in choices.values else value


def _found(story: ManualStory, viewer: AnyUser) -> dict:
    # A copy of a story already stored was not analysed again: show the original's findings.
    article = story.article.duplicate_of or story.article
    analysis = article.analysis or {}
    hidden = hidden_names_in(article, viewer)
    _, flags = article_deal_links(article, viewer)
    signals = [
        {
            **signal,
            "stage_label": _label(Stage, signal["stage"]),
            "kind_label": _label(Kind, signal["kind"]),
        }
        for signal in analysis.get("deals", [])
    ]
    flagged = {update.deal_id for update in flags}
    return {
        "story": story,
        "article": story.article,
        "companies": [
            name for name in analysis.get("companies", []) if normalise_name(name) not in hidden
        ],
        "signals": signals,
        "coverage": [
            link.deal
            for link in DealArticle.objects.filter(article=article).select_related("deal")
            if link.deal_id not in flagged
        ],
        "known": list(
            visible_companies(viewer)
            .filter(mentions__article=article)
            .order_by("name")
            .only("name", "slug")
        ),
        "flags": sorted(flags, key=lambda update: update.pk),
    }


@require_http_methods(["GET", "POST"])
@require_role(EDITOR, REPORTER)
def story_new(request: HttpRequest) -> HttpResponse:
    context: dict = {"form": StoryForm()}
    if request.method == "POST":
        form = StoryForm(request.POST)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["url"]:
                    story = story_add_url(url=data["url"])
                else:
                    story = story_add_text(title=data["title"], text=data["text"])
            except (FetchError, FeedParseError) as exc:
                form.add_error("url" if data["url"] else "text", str(exc))
            else:
                context.update(_found(story, request.user))
    template = "articles/new.html#result" if request.htmx else "articles/new.html"
    return render(request, template, context, status=400 if context["form"].errors else 200)
