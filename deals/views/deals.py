"""The deal page: parties, progress, timeline; inline edit, stage moves, notes and merges."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from deals.forms import DealEditForm, DealMergeForm, NoteForm, StageMoveForm
from deals.models import STAGE_ORDER, Deal, DealUpdate, Stage, StageTransitionError, stage_rank
from deals.roles import ADMIN, EDITOR, REPORTER, is_editor, require_role
from deals.selectors.deals import (
    deal_for_page,
    deal_timeline,
    merge_candidates,
    pending_updates_for,
)
from deals.selectors.tips import tips_panel_for
from deals.services.deals import deal_add_note, deal_edit, deal_merge
from deals.services.stages import deal_move_stage
from deals.views.htmx import page, wants_partial


def _progress(deal: Deal) -> list[dict]:
    """The stage bar: each step of the forward path, done, current or to come."""
    rank = stage_rank(deal.stage)
    return [
        {
            "value": value,
            "label": Stage(value).label,
            "state": "current" if value == deal.stage else ("done" if i < rank else "todo"),
        }
        for i, value in enumerate(STAGE_ORDER)
    ]


def _next_stage(deal: Deal) -> str:
    """The move an editor most often makes: one step along the path."""
    rank = stage_rank(deal.stage)
    return STAGE_ORDER[rank + 1] if rank + 1 < len(STAGE_ORDER) else ""


def _context(request: HttpRequest, deal: Deal, **extra) -> dict:
    editor = is_editor(request.user)
    tips = tips_panel_for(request.user, deal=deal)
    pending = pending_updates_for(deal)
    context = {
        "deal": deal,
        "progress": _progress(deal),
        "next_stage": _next_stage(deal),
        "timeline": deal_timeline(deal, tips),
        "tips": tips,
        "pending": pending,
        # Proposed only by a low-confidence sample: off the board until an editor accepts it.
        "awaiting_sample": deal.dismissed
        and any(u.is_sample and u.type == DealUpdate.Type.NEW_DEAL for u in pending),
        "can_edit": editor,
        "move_form": StageMoveForm(initial={"next": deal.get_absolute_url()}),
        "note_form": NoteForm(),
        "merge_form": DealMergeForm(),
        "merge_candidates": list(merge_candidates(deal)) if editor else [],
    }
    context.update(extra)
    return context


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
@vary_on_headers("HX-Request")
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deal = deal_for_page(pk, request.user)
    if deal.merged_into_id:
        messages.info(request, f"Deal #{deal.pk} was merged into this one.")
        return redirect(deal.merged_into)
    return render(
        request, page(request, "deals/deal_detail.html", "summary"), _context(request, deal)
    )


@require_http_methods(["GET", "POST"])
@require_role(EDITOR)
def deal_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Inline edit: the form replaces the summary; errors come back in place."""
    deal = deal_for_page(pk)
    form = DealEditForm(request.POST or None, instance=Deal.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in DealEditForm.Meta.fields}
        deal_edit(deal=deal, actor=request.user, reason=form.cleaned_data["reason"], **fields)
        if wants_partial(request):
            deal = deal_for_page(pk)
            return render(request, "deals/deal_detail.html#summary", _context(request, deal))
        messages.success(request, "Deal saved.")
        return redirect(deal)
    template = page(request, "deals/deal_edit.html", "form")
    return render(request, template, {"deal": deal, "form": form})


def _back(request: HttpRequest, deal: Deal) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return deal.get_absolute_url()


@require_POST
@require_role(EDITOR)
def deal_stage(request: HttpRequest, pk: int) -> HttpResponse:
    """A stage move from the board (drag or keyboard) or the deal page; asks for a reason."""
    deal = deal_for_page(pk)
    form = StageMoveForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            deal_move_stage(
                deal=deal,
                to_stage=form.cleaned_data["to_stage"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                allow_revival=form.cleaned_data["revival"],
            )
        except StageTransitionError as exc:
            error = str(exc).capitalize() + "."
    else:
        error = " ".join(e for errs in form.errors.values() for e in errs)
    if request.htmx:
        if error:
            return HttpResponse(error, status=422, content_type="text/plain; charset=utf-8")
        response = HttpResponse(status=204)
        response["HX-Trigger"] = "board-changed"
        return response
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Moved to {Stage(deal.stage).label.lower()}.")
    return redirect(_back(request, deal))


@require_POST
@require_role(EDITOR)
def deal_note(request: HttpRequest, pk: int) -> HttpResponse:
    deal = deal_for_page(pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        deal_add_note(deal=deal, actor=request.user, text=form.cleaned_data["text"])
    else:
        messages.error(request, "A note needs some text.")
    if wants_partial(request):
        return render(request, "deals/deal_detail.html#timeline", _context(request, deal))
    return redirect(deal)


@require_POST
@require_role(EDITOR)
def deal_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge this deal into another (the one kept)."""
    deal = deal_for_page(pk)
    form = DealMergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the number of the deal to merge into.")
        return redirect(deal)
    target = Deal.objects.filter(pk=form.cleaned_data["target"]).first()
    if target is None:
        messages.error(request, f"There is no deal #{form.cleaned_data['target']}.")
        return redirect(deal)
    try:
        deal_merge(
            source=deal, target=target, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValueError as exc:
        messages.error(request, str(exc).capitalize() + ".")
        return redirect(deal)
    messages.success(request, f"Merged #{deal.pk} “{deal.title}” into this deal.")
    if request.htmx:
        return HttpResponseClientRedirect(target.get_absolute_url())
    return redirect(target)
