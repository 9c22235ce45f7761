"""The review queue: editors accept, reject or edit-then-accept the flags ingestion raised."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from deals.forms import BulkReviewForm, ReviewEditForm
from deals.models import DealUpdate, StageTransitionError
from deals.roles import EDITOR, require_role
from deals.selectors.review import (
    PAGE_SIZE,
    SAMPLE_FILTERS,
    filter_samples,
    pending_updates,
    review_items,
)
from deals.services.stages import deal_update_accept, deal_update_reject
from deals.views.htmx import page, wants_partial


def _pending_or_404(pk: int) -> DealUpdate:
    try:
        return pending_updates().get(pk=pk)
    except DealUpdate.DoesNotExist:
        raise Http404("No such pending flag") from None


@require_GET
@require_role(EDITOR)
@vary_on_headers("HX-Request")
def review_queue(request: HttpRequest) -> HttpResponse:
    updates = pending_updates()
    deal_id = request.GET.get("deal", "")
    if not (deal_id.isascii() and deal_id.isdigit() and len(deal_id) <= 18):  # an SQL bigint
        deal_id = ""
    if deal_id:
        updates = updates.filter(deal_id=int(deal_id))
    samples = request.GET.get("samples", "")
    if samples not in SAMPLE_FILTERS:
        samples = ""
    updates = filter_samples(updates, samples)
    paginator = Paginator(updates, PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj,
        "items": review_items(list(page_obj.object_list)),
        "deal_filter": deal_id,
        "sample_filter": samples,
        "filter_query": urlencode(
            {k: v for k, v in (("deal", deal_id), ("samples", samples)) if v}
        ),
    }
    return render(request, page(request, "deals/review.html", "queue"), context)


def _decided(request: HttpRequest, update: DealUpdate, verb: str, error: str = "") -> HttpResponse:
    """The row after a decision (htmx), or back to the queue with a message."""
    if wants_partial(request):
        response = render(
            request, "deals/review.html#decided", {"update": update, "verb": verb, "error": error}
        )
        response["HX-Trigger"] = "board-changed"
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Flag on “{update.deal.title}” {verb}.")
    return redirect("deals-review")


def _accept(request: HttpRequest, update: DealUpdate, **edits) -> str:
    try:
        if not deal_update_accept(update=update, actor=request.user, **edits):
            return "Someone else decided this flag first."
    except StageTransitionError as exc:
        return str(exc).capitalize() + "."
    return ""


@require_POST
@require_role(EDITOR)
def review_accept(request: HttpRequest, pk: int) -> HttpResponse:
    update = _pending_or_404(pk)
    return _decided(request, update, "accepted", _accept(request, update))


@require_POST
@require_role(EDITOR)
def review_reject(request: HttpRequest, pk: int) -> HttpResponse:
    update = _pending_or_404(pk)
    error = ""
    if not deal_update_reject(
        update=update, actor=request.user, reason=request.POST.get("reason", "")
    ):
        error = "Someone else decided this flag first."
    return _decided(request, update, "rejected", error)


@require_http_methods(["GET", "POST"])
@require_role(EDITOR)
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the proposal (stage, kind), then accept it."""
    update = _pending_or_404(pk)
    initial = {"stage": update.proposed_stage, "kind": update.proposed_kind or update.deal.kind}
    form = ReviewEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        error = _accept(
            request,
            update,
            stage=form.cleaned_data["stage"],
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
        )
        return _decided(request, update, "edited and accepted", error)
    item = review_items([update])[0]
    return render(
        request, page(request, "deals/review_edit.html", "edit"), {"item": item, "form": form}
    )


@require_POST
@require_role(EDITOR)
def review_bulk(request: HttpRequest) -> HttpResponse:
    form = BulkReviewForm(request.POST)
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    if not form.is_valid() or not ids:
        messages.error(request, "Tick at least one flag, then choose accept or reject.")
        return redirect("deals-review")
    done = failed = 0
    for update in pending_updates().filter(pk__in=ids):
        if form.cleaned_data["action"] == "accept":
            ok = not _accept(request, update)
        else:
            ok = deal_update_reject(update=update, actor=request.user)
        done += ok
        failed += not ok
    verb = "accepted" if form.cleaned_data["action"] == "accept" else "rejected"
    messages.success(request, f"{done} flag{'s' if done != 1 else ''} {verb}.")
    if failed:
        messages.error(request, f"{failed} could not be {verb}; see the queue.")
    return redirect("deals-review")
