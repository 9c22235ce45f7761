from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from deals.models import Company
from deals.roles import ADMIN, EDITOR, REPORTER, require_role
from deals.selectors.deals import company_by_slug


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def company_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    companies = Company.objects.filter(merged_into__isnull=True)
    if q:
        companies = companies.filter(name__icontains=q)
    return render(request, "deals/company_list.html", {"companies": companies[:200], "q": q})


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def company_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        company = company_by_slug(slug)
    except ObjectDoesNotExist:
        raise Http404("No such company") from None
    return render(request, "deals/company_detail.html", {"company": company})
