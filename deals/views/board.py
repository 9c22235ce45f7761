from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from deals.models import Stage
from deals.roles import EDITOR, REPORTER, require_role
from deals.selectors.deals import deals_for_board


@require_GET
@require_role(EDITOR, REPORTER)
def board(request: HttpRequest) -> HttpResponse:
    deals = deals_for_board()
    columns = [
        {"stage": value, "label": label, "deals": list(deals.filter(stage=value)[:50])}
        for value, label in Stage.choices
    ]
    return render(request, "deals/board.html", {"columns": columns})
