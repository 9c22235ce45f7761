from django.urls import path

from deals.views import board, companies, deals

urlpatterns = [
    path("", board.board, name="deals-board"),
    path("deals/<int:pk>/", deals.deal_detail, name="deals-detail"),
    path("companies/", companies.company_list, name="deals-companies"),
    path("companies/<slug:slug>/", companies.company_detail, name="deals-company"),
]
