from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from deals.roles import EDITOR, REPORTER, require_role
from deals.selectors.deals import deals_for_board


@require_GET
@require_role(EDITOR, REPORTER)
def deal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deal = get_object_or_404(deals_for_board(), pk=pk)
    events = deal.events.select_related("actor", "article")[:200]
    return render(request, "deals/deal_detail.html", {"deal": deal, "events": events})
