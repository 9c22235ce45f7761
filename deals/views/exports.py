"""Exports: the board as filtered, as CSV; an Atom feed of accepted deal updates behind a token."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET, require_POST

from deals.models import DealUpdate, FeedToken, Stage
from deals.roles import ADMIN, EDITOR, REPORTER, is_staff_member, require_role
from deals.selectors.board import filtered_deals_for_export
from deals.services.feeds import feed_token_rotate
from deals.views.board import board_filters

CSV_HEADER = [
    "id",
    "title",
    "kind",
    "stage",
    "confirmed",
    "parties",
    "value",
    "currency",
    "value_usd",
    "stake_pct",
    "region",
    "owner",
    "announced_on",
    "completed_on",
    "last_activity_at",
    "url",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rows(request: HttpRequest, deals) -> Iterator[list[str]]:
    yield CSV_HEADER
    for deal in deals.iterator(chunk_size=2000):
        parties = "; ".join(f"{p.company.name} ({p.role})" for p in deal.parties.all())
        yield [
            _cell(v)
            for v in (
                deal.pk,
                deal.title,
                deal.kind,
                deal.stage,
                "yes" if deal.confirmed else "no",
                parties,
                deal.value,
                deal.currency,
                deal.value_usd,
                deal.stake_pct,
                deal.region,
                deal.owner.username if deal.owner else "",
                deal.announced_on,
                deal.completed_on,
                deal.last_activity_at.isoformat(),
                request.build_absolute_uri(deal.get_absolute_url()),
            )
        ]


@require_GET
@require_role(EDITOR)
def board_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every deal the board's filters match (not only the cards on screen)."""
    _, filters = board_filters(request)
    writer = csv.writer(_Echo())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in _rows(request, filtered_deals_for_export(filters))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="dealdesk-board-{stamp}.csv"'
    return response


class AcceptedUpdatesFeed(Feed):
    feed_type = Atom1Feed
    title = "Dealdesk: accepted deal updates"
    subtitle = "Stage changes and new deals accepted by the desk's editors."

    def get_object(self, request: HttpRequest) -> User:
        """The reader: the owner of `?token=` (for systems that cannot log in), else the
        logged-in user. Unknown tokens and tokens of people no longer on the desk are 404."""
        token = request.GET.get("token", "").replace("\x00", "")  # PostgreSQL refuses NUL
        if token:
            found = FeedToken.objects.select_related("user").filter(token=token).first()
            if found is None or not found.user.is_active or not is_staff_member(found.user):
                raise Http404("Unknown feed")
            return found.user
        if not is_staff_member(request.user):
            raise PermissionDenied
        return request.user

    def link(self, obj: User) -> str:
        return reverse("deals-board")

    def items(self, obj: User):
        return (
            DealUpdate.objects.filter(status=DealUpdate.Status.ACCEPTED)
            .select_related("deal", "article__source", "reviewer")
            .order_by("-reviewed_at", "-id")[:100]
        )

    def item_title(self, item: DealUpdate) -> str:
        if item.type == DealUpdate.Type.NEW_DEAL:
            change = f"new deal ({Stage(item.proposed_stage).label.lower()})"
        else:
            change = f"{Stage(item.current_stage).label.lower() if item.current_stage else '?'} → {Stage(item.proposed_stage).label.lower()}"
        return f"{item.deal.title}: {change}"

    def item_description(self, item: DealUpdate) -> str:
        source = f" ({item.article.source.name})" if item.article else ""
        return f"{item.evidence}{source}"

    def item_link(self, item: DealUpdate) -> str:
        return item.deal.get_absolute_url()

    def item_guid(self, item: DealUpdate) -> str:
        return f"dealdesk-update-{item.pk}"

    def item_pubdate(self, item: DealUpdate):
        return item.reviewed_at or item.created_at

    def item_updateddate(self, item: DealUpdate):
        return item.reviewed_at or item.created_at

    def item_author_name(self, item: DealUpdate) -> str:
        return item.reviewer.get_username() if item.reviewer else "Dealdesk"


_feed = AcceptedUpdatesFeed()


@login_not_required
@require_GET
def updates_feed(request: HttpRequest) -> HttpResponse:
    """Open with `?token=`; without one, only for a logged-in member of the desk."""
    if not request.GET.get("token") and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _feed(request)


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def feed_settings(request: HttpRequest) -> HttpResponse:
    token = FeedToken.objects.filter(user=request.user).first()
    url = ""
    if token:
        url = request.build_absolute_uri(
            f"{reverse('deals-feed')}?{urlencode({'token': token.token})}"
        )
    return render(request, "deals/feed_settings.html", {"feed_url": url})


@require_POST
@require_role(EDITOR, REPORTER, ADMIN)
def feed_token_new(request: HttpRequest) -> HttpResponse:
    feed_token_rotate(user=request.user)
    messages.success(request, "A new feed address was issued; the old one no longer works.")
    return redirect("deals-feed-settings")
