from django.urls import path

from deals.views import board, companies, deals
from deals.views import tips as tip_views

urlpatterns = [
    path("", board.board, name="deals-board"),
    path("deals/<int:pk>/", deals.deal_detail, name="deals-detail"),
    path("companies/", companies.company_list, name="deals-companies"),
    path("companies/<slug:slug>/", companies.company_detail, name="deals-company"),
    # Tips (deals/views/tips.py)
    path("tips/", tip_views.tip_list, name="deals-tips"),
    path("tips/new/", tip_views.tip_new, name="deals-tip-new"),
    path("tips/companies/", tip_views.tip_company_options, name="deals-tip-companies"),
    path("tips/notices/", tip_views.tip_notices, name="deals-tip-notices"),
    path("tips/source-views/", tip_views.tip_source_views, name="deals-tip-source-views"),
    path("tips/export.csv", tip_views.tip_export_csv, name="deals-tips-csv"),
    path("tips/feed.atom", tip_views.tip_feed, name="deals-tips-feed"),
    path("tips/<int:pk>/", tip_views.tip_detail, name="deals-tip"),
    path("tips/<int:pk>/source/", tip_views.tip_source, name="deals-tip-source"),
    path("tips/<int:pk>/status/", tip_views.tip_status, name="deals-tip-status"),
    path("tips/<int:pk>/share/", tip_views.tip_share_view, name="deals-tip-share"),
]
