"""Companies: the list with type-ahead, the watchlist, profiles, edits and merges."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from deals.forms import CompanyEditForm, CompanyMergeForm
from deals.roles import ADMIN, EDITOR, REPORTER, is_editor, require_role
from deals.selectors.deals import (
    companies_for_list,
    company_articles,
    company_by_slug,
    company_deals,
    watchlist_companies,
)
from deals.selectors.tips import tips_panel_for
from deals.services.companies import company_edit, company_merge
from deals.views.htmx import page

PAGE_SIZE = 50


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
@vary_on_headers("HX-Request")
def company_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").replace("\x00", "").strip()[:200]  # PostgreSQL refuses NUL
    paginator = Paginator(companies_for_list(request.user, q), PAGE_SIZE)
    context = {"page_obj": paginator.get_page(request.GET.get("page")), "q": q, "watchlist": False}
    return render(request, page(request, "deals/company_list.html", "results"), context)


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
@vary_on_headers("HX-Request")
def company_watchlist(request: HttpRequest) -> HttpResponse:
    """Valued between $100 million and $1 billion: the desk's unicorn-in-waiting list."""
    paginator = Paginator(watchlist_companies(request.user), PAGE_SIZE)
    context = {"page_obj": paginator.get_page(request.GET.get("page")), "q": "", "watchlist": True}
    return render(request, page(request, "deals/company_list.html", "results"), context)


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def company_suggest(request: HttpRequest) -> HttpResponse:
    """<option>s for a type-ahead <datalist>: value is the slug, label the name."""
    q = request.GET.get("company") or request.GET.get("q") or request.GET.get("target") or ""
    q = q.replace("\x00", "").strip()[:200]  # PostgreSQL refuses NUL
    companies = companies_for_list(request.user, q)[:12] if len(q) >= 2 else []
    return render(request, "deals/company_list.html#options", {"companies": companies})


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    company = company_by_slug(slug, request.user)
    if company.merged_into_id:
        messages.info(request, f"{company.name} was merged into {company.merged_into.name}.")
        return redirect(company.merged_into)
    stages, deals = company_deals(company)
    context = {
        "company": company,
        "aliases": list(company.aliases.all()),
        "stages": stages,
        "deals": deals,
        "articles": company_articles(company),
        "tips": tips_panel_for(request.user, company=company),
        "can_edit": is_editor(request.user),
        "merge_form": CompanyMergeForm(),
    }
    return render(request, "deals/company_detail.html", context)


@require_http_methods(["GET", "POST"])
@require_role(EDITOR)
def company_edit_view(request: HttpRequest, slug: str) -> HttpResponse:
    company = company_by_slug(slug, request.user)
    form = CompanyEditForm(request.POST or None, instance=company_by_slug(slug, request.user))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CompanyEditForm.Meta.fields}
        company_edit(company=company, actor=request.user, **fields)
        messages.success(request, "Company saved.")
        return redirect(company)
    return render(request, "deals/company_edit.html", {"company": company, "form": form})


@require_POST
@require_role(EDITOR)
def company_merge_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Merge this company (the duplicate) into the one named by slug."""
    company = company_by_slug(slug, request.user)
    form = CompanyMergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("target", ["Give a company slug."])))
        return redirect(company)
    target = form.cleaned_data["target"]
    try:
        moved = company_merge(source=company, target=target, actor=request.user)
    except ValueError as exc:
        messages.error(request, str(exc).capitalize() + ".")
        return redirect(company)
    messages.success(
        request,
        f"Merged {company.name} into {target.name}: {moved['parties']} deal parties, "
        f"{moved['mentions']} mentions, {moved['tips']} tips, {moved['aliases']} aliases moved.",
    )
    return redirect(target)
