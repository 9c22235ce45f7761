"""Tips: log one, follow your own, reveal a source (logged), export and feed them.

Who sees what is decided in deals.selectors.tips; these views only ask. Views that touch a
source are marked sensitive, so error reports never carry it (nor the POSTed form).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from deals import roles
from deals.models import OPEN_STAGES, Company, Deal, FeedToken, Tip
from deals.roles import EDITOR, REPORTER, require_role
from deals.selectors.deals import companies_for_list, deals_for_board, visible_companies
from deals.selectors.tips import (
    TipFilters,
    can_change_tip,
    can_log_tips,
    can_see_source,
    can_share_tip,
    follow_ups_for,
    matches_for_tip,
    read_sources,
    source_views_for,
    tip_for,
    tip_notices_for,
    tip_reporters_for,
    tip_rows,
    tips_for_list,
)
from deals.services.tips import (
    company_find,
    tip_create,
    tip_share,
    tip_source_reveal,
    tip_update_status,
)
from deals.views.htmx import page, wants_partial

LIST_LIMIT = 200
EXPORT_LIMIT = 10_000
SUGGEST_LIMIT = 10


def _text(raw: object, limit: int = 200) -> str:
    """A query or form value as a search term: NUL bytes (PostgreSQL refuses them) dropped,
    trimmed, capped."""
    return str(raw or "").replace("\x00", "").strip()[:limit]


def _id(raw: object) -> int | None:
    """A row id from a parameter, or None: "²" passes isdigit() but is no number."""
    text = str(raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


class TipForm(forms.Form):
    company = forms.CharField(
        max_length=200,
        help_text="Type to find a company; a new name creates an unverified one.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "tip-company-options"}),
    )
    deal = forms.ModelChoiceField(
        queryset=Deal.objects.none(),
        required=False,
        label="Deal",
        empty_label="No particular deal",
        help_text="The company's open deals; log from a deal's page to attach any other.",
    )
    body = forms.CharField(
        label="What you heard", max_length=10_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    source = forms.CharField(
        label="Source",
        required=False,
        max_length=2_000,
        help_text="Who, and how you reached them. Encrypted; only you and editors can read it.",
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
    )
    grade = forms.ChoiceField(label="Reliability", choices=Tip.Grade.choices, initial=Tip.Grade.F)
    follow_up_on = forms.DateField(
        label="Follow up on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    shared_with_desk = forms.BooleanField(
        label="Share with the desk (other reporters see the tip, never the source)",
        required=False,
    )

    def __init__(self, *args, company: Company | None = None, deal: Deal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if company is None and self.is_bound:
            company = company_find(_text(self.data.get("company")))
        wanted = Q(pk=deal.pk) if deal else Q(pk__in=[])
        if company is not None:
            wanted |= Q(parties__company=company, stage__in=OPEN_STAGES)
        submitted = _id(self.data.get("deal")) if self.is_bound else None
        if submitted is not None:
            wanted |= Q(pk=submitted)
        self.fields["deal"].queryset = deals_for_board().filter(wanted).distinct()
        # With htmx, the choices follow the company typed (tip_deal_options).
        self.fields["deal"].widget.attrs.update(
            {
                "hx-get": reverse("deals-tip-deal-options"),
                "hx-trigger": "change from:#id_company",
                "hx-include": "#id_company",
                "hx-target": "this",
                "hx-swap": "innerHTML",
            }
        )

    def clean_follow_up_on(self) -> date | None:
        value = self.cleaned_data["follow_up_on"]
        if value and value < timezone.localdate():
            raise forms.ValidationError("A follow-up date cannot be in the past.")
        return value


class TipStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Tip.Status.choices)
    follow_up_on = forms.DateField(required=False)


def _filters(request: HttpRequest) -> TipFilters:
    get = request.GET
    return TipFilters(
        reporter=_text(get.get("reporter")),
        company=_text(get.get("company")),
        grade=_text(get.get("grade")),
        status=_text(get.get("status")),
        q=_text(get.get("q")),
        scope="desk" if get.get("scope") == "desk" else "mine",
    )


def _tip_or_404(request: HttpRequest, pk: int, *, may: Callable | None = None) -> Tip:
    """A tip the user sees (else 404, so ids reveal nothing), and may act on (else 403)."""
    try:
        tip = tip_for(request.user, pk)
    except Tip.DoesNotExist:
        raise Http404("No such tip") from None
    if may is not None and not may(request.user, tip):
        raise PermissionDenied
    return tip


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_GET
@require_role(EDITOR, REPORTER)
@vary_on_headers("HX-Request")
def tip_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    tips = list(tips_for_list(request.user, filters)[:LIST_LIMIT])
    context = {
        "rows": tip_rows(request.user, tips),
        "filters": filters,
        "limit": LIST_LIMIT,
        "statuses": Tip.Status.choices,
        "grades": Tip.Grade.choices,
        "list_is_editor": roles.is_editor(request.user),
        "show_reporter": roles.is_editor(request.user) or filters.scope == "desk",
    }
    if wants_partial(request):
        return render(request, "deals/tips_list.html#tip-table", context)
    token = FeedToken.objects.filter(user=request.user).values_list("token", flat=True).first()
    context["feed_query"] = urlencode({"token": token}) if token else ""
    context["follow_ups"] = follow_ups_for(request.user)
    context["notices"] = tip_notices_for(request.user)
    context["reporters"] = tip_reporters_for(request.user)
    return render(request, "deals/tips_list.html", context)


@require_GET
@require_role(EDITOR, REPORTER)
def tip_company_options(request: HttpRequest) -> HttpResponse:
    """Type-ahead for the tip form's company field: `<option>`s for its datalist."""
    q = _text(request.GET.get("q") or request.GET.get("company"))
    companies = []
    if len(q) >= 2:
        companies = companies_for_list(request.user, q).only("name")[:SUGGEST_LIMIT]
    return render(request, "deals/tips_form.html#company-options", {"companies": companies})


@require_GET
@require_role(EDITOR, REPORTER)
def tip_deal_options(request: HttpRequest) -> HttpResponse:
    """The deal choices for the company typed in the tip form: its open deals."""
    company = company_find(_text(request.GET.get("company")))
    deals = []
    if company is not None:
        deals = deals_for_board().filter(parties__company=company, stage__in=OPEN_STAGES)
        deals = deals.distinct().only("pk", "title")[:100]
    return render(request, "deals/tips_form.html#deal-options", {"deals": deals})


@sensitive_post_parameters("source", "body")
@sensitive_variables()
@require_http_methods(["GET", "POST"])
@require_role(EDITOR, REPORTER)
def tip_new(request: HttpRequest) -> HttpResponse:
    company = _company_from_query(request)
    deal = _deal_from_query(request)
    if company is None and deal is not None:
        first = deal.parties.select_related("company").first()
        company = first.company if first else None
    if request.method == "POST":
        form = TipForm(request.POST, company=company, deal=deal)
        if form.is_valid():
            data = form.cleaned_data
            tip = tip_create(
                actor=request.user,
                company_name=data["company"],
                deal=data["deal"],
                body=data["body"],
                source=data["source"],
                grade=data["grade"],
                follow_up_on=data["follow_up_on"],
                shared_with_desk=data["shared_with_desk"],
            )
            messages.success(request, f"Tip on {tip.company.name} logged.")
            target = _safe_next(request, reverse("deals-tip", args=[tip.pk]))
            if request.htmx:
                return HttpResponseClientRedirect(target)
            return HttpResponseRedirect(target)
    else:
        initial = {"company": company.name if company else "", "deal": deal}
        form = TipForm(initial=initial, company=company, deal=deal)
    context = {"form": form, "next": _safe_next(request, "")}
    return render(request, page(request, "deals/tips_form.html", "tip-form"), context)


def _company_from_query(request: HttpRequest) -> Company | None:
    slug = _text(request.GET.get("company"))
    if not slug:
        return None
    return visible_companies(request.user).filter(slug=slug, merged_into__isnull=True).first()


def _deal_from_query(request: HttpRequest) -> Deal | None:
    pk = _id(request.GET.get("deal"))
    return deals_for_board().filter(pk=pk).first() if pk is not None else None


def _detail_context(request: HttpRequest, tip: Tip, *, source: str | None = None) -> dict:
    user = request.user
    mine = tip.author_id == user.pk
    if source is None and mine and can_see_source(user, tip):
        source = read_sources([tip.pk])[tip.pk]
    return {
        "tip": tip,
        "is_mine": mine,
        "source": source,
        "can_reveal": can_see_source(user, tip) and not mine,
        "can_change": can_change_tip(user, tip),
        "can_share": can_share_tip(user, tip),
        "matches": matches_for_tip(user, tip),
        "source_views": list(source_views_for(user, tip=tip)[:50]),
        "statuses": Tip.Status.choices,
    }


@sensitive_variables()
@require_GET
@require_role(EDITOR, REPORTER)
def tip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tip = _tip_or_404(request, pk)
    return render(request, "deals/tips_detail.html", _detail_context(request, tip))


@sensitive_variables()
@require_POST
@require_role(EDITOR, REPORTER)
def tip_source(request: HttpRequest, pk: int) -> HttpResponse:
    """Reveal a source on request; every reveal by a non-author is logged (TipSourceView)."""
    tip = _tip_or_404(request, pk, may=can_see_source)
    source = tip_source_reveal(tip=tip, actor=request.user)
    context = _detail_context(request, tip, source=source)
    return render(request, page(request, "deals/tips_detail.html", "tip-source"), context)


@require_POST
@require_role(EDITOR, REPORTER)
def tip_status(request: HttpRequest, pk: int) -> HttpResponse:
    tip = _tip_or_404(request, pk, may=can_change_tip)
    form = TipStatusForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose a status the desk uses.", status=400)
    follow_up = form.cleaned_data["follow_up_on"] if "follow_up_on" in request.POST else "keep"
    tip_update_status(
        tip=tip, actor=request.user, status=form.cleaned_data["status"], follow_up_on=follow_up
    )
    if request.htmx:
        row = tip_rows(request.user, [tip])[0]
        context = {
            "row": row,
            "statuses": Tip.Status.choices,
            "show_reporter": roles.is_editor(request.user) or not row.is_mine,
        }
        return render(request, "deals/tips_list.html#tip-row", context)
    messages.success(request, f"Tip marked {tip.get_status_display().lower()}.")
    return HttpResponseRedirect(_safe_next(request, reverse("deals-tip", args=[tip.pk])))


@require_POST
@require_role(EDITOR, REPORTER)
def tip_share_view(request: HttpRequest, pk: int) -> HttpResponse:
    tip = _tip_or_404(request, pk, may=can_share_tip)
    tip_share(tip=tip, actor=request.user, shared=request.POST.get("shared") != "0")
    if request.htmx:
        return render(request, "deals/tips_detail.html#tip-share", _detail_context(request, tip))
    return HttpResponseRedirect(reverse("deals-tip", args=[tip.pk]))


@require_GET
@require_role(EDITOR)
@vary_on_headers("HX-Request")
def tip_source_views(request: HttpRequest) -> HttpResponse:
    views = source_views_for(request.user)
    tip_id = _id(request.GET.get("tip"))
    if tip_id is not None:
        views = views.filter(tip_id=tip_id)
    if viewer := _text(request.GET.get("viewer")):
        views = views.filter(viewer__username=viewer)
    context = {"views": views[:LIST_LIMIT], "tip_id": tip_id, "viewer": viewer}
    return render(request, page(request, "deals/tips_source_views.html", "view-table"), context)


# Cells a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


@require_GET
@require_role(EDITOR, REPORTER)
def tip_export_csv(request: HttpRequest) -> HttpResponse:
    """The tips list as filtered, as CSV. Never the source: the column is not even loaded."""
    tips = tips_for_list(request.user, _filters(request))[:EXPORT_LIMIT]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tips.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "id",
            "logged",
            "reporter",
            "company",
            "deal",
            "grade",
            "status",
            "follow up",
            "shared",
            "tip",
        ]
    )
    for tip in tips:
        writer.writerow(
            [
                _cell(value)
                for value in (
                    tip.pk,
                    tip.created_at.isoformat(),
                    tip.author.username,
                    tip.company.name,
                    tip.deal.title if tip.deal else "",
                    tip.grade,
                    tip.status,
                    tip.follow_up_on.isoformat() if tip.follow_up_on else "",
                    "yes" if tip.shared_with_desk else "no",
                    tip.body,
                )
            ]
        )
    return response


def _feed_reader(request: HttpRequest) -> User:
    """The feed's reader: the owner of `?token=` (the desk's per-user FeedToken, for feed
    readers that cannot log in), else the logged-in user."""
    token = _text(request.GET.get("token"), 100)
    if token:
        found = FeedToken.objects.select_related("user").filter(token=token).first()
        if found is None or not can_log_tips(found.user):
            raise Http404("Unknown feed")
        return found.user
    if not can_log_tips(request.user):
        raise PermissionDenied
    return request.user


@login_not_required
@require_GET
def tip_feed(request: HttpRequest) -> HttpResponse:
    """Atom feed of the tips list as the reader may see it; never the source."""
    if not request.user.is_authenticated and not request.GET.get("token"):
        return redirect_to_login(request.get_full_path())
    reader = _feed_reader(request)
    tips = tips_for_list(reader, _filters(request))[:100]
    feed = Atom1Feed(
        title="Dealdesk tips",
        link=request.build_absolute_uri(reverse("deals-tips")),
        description="Tips visible to you",
        feed_url=request.build_absolute_uri(),
        language="en",
    )
    for tip in tips:
        feed.add_item(
            title=f"{tip.company.name}: {tip.get_status_display()} (grade {tip.grade})",
            link=request.build_absolute_uri(reverse("deals-tip", args=[tip.pk])),
            description=tip.body,
            unique_id=f"tag:dealdesk,tip:{tip.pk}",
            author_name=tip.author.get_full_name() or tip.author.username,
            pubdate=tip.created_at,
            updateddate=tip.updated_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@require_GET
@require_role(EDITOR, REPORTER)
def tip_notices(request: HttpRequest) -> HttpResponse:
    """The notices partial on its own, for pages that refresh it with htmx."""
    return render(request, "deals/_tip_notices.html", {"notices": tip_notices_for(request.user)})
