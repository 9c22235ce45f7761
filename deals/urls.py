from django.urls import path

from deals.views import board, companies, dashboard, deals, exports, review
from deals.views import tips as tip_views

urlpatterns = [
    path("", board.board, name="deals-board"),
    path("board/column/", board.board_column, name="deals-board-column"),
    path("board/new-flags/", board.board_new_flags, name="deals-board-flags"),
    path("board/export.csv", exports.board_csv, name="deals-export-csv"),
    path("dashboard/", dashboard.dashboard, name="deals-dashboard"),
    path("review/", review.review_queue, name="deals-review"),
    path("review/bulk/", review.review_bulk, name="deals-review-bulk"),
    path("review/<int:pk>/accept/", review.review_accept, name="deals-review-accept"),
    path("review/<int:pk>/reject/", review.review_reject, name="deals-review-reject"),
    path("review/<int:pk>/edit/", review.review_edit, name="deals-review-edit"),
    path("deals/<int:pk>/", deals.deal_detail, name="deals-detail"),
    path("deals/<int:pk>/edit/", deals.deal_edit_view, name="deals-edit"),
    path("deals/<int:pk>/stage/", deals.deal_stage, name="deals-stage"),
    path("deals/<int:pk>/notes/", deals.deal_note, name="deals-note"),
    path("deals/<int:pk>/merge/", deals.deal_merge_view, name="deals-merge"),
    path("feeds/", exports.feed_settings, name="deals-feed-settings"),
    path("feeds/token/", exports.feed_token_new, name="deals-feed-token"),
    path("feeds/updates.atom", exports.updates_feed, name="deals-feed"),
    path("companies/", companies.company_list, name="deals-companies"),
    path("companies/watchlist/", companies.company_watchlist, name="deals-watchlist"),
    path("companies/suggest/", companies.company_suggest, name="deals-company-suggest"),
    path("companies/<slug:slug>/", companies.company_detail, name="deals-company"),
    path("companies/<slug:slug>/edit/", companies.company_edit_view, name="deals-company-edit"),
    path("companies/<slug:slug>/merge/", companies.company_merge_view, name="deals-company-merge"),
    # Tips (deals/views/tips.py)
    path("tips/", tip_views.tip_list, name="deals-tips"),
    path("tips/new/", tip_views.tip_new, name="deals-tip-new"),
    path("tips/companies/", tip_views.tip_company_options, name="deals-tip-companies"),
    path("tips/deals/", tip_views.tip_deal_options, name="deals-tip-deal-options"),
    path("tips/notices/", tip_views.tip_notices, name="deals-tip-notices"),
    path("tips/source-views/", tip_views.tip_source_views, name="deals-tip-source-views"),
    path("tips/export.csv", tip_views.tip_export_csv, name="deals-tips-csv"),
    path("tips/feed.atom", tip_views.tip_feed, name="deals-tips-feed"),
    path("tips/<int:pk>/", tip_views.tip_detail, name="deals-tip"),
    path("tips/<int:pk>/source/", tip_views.tip_source, name="deals-tip-source"),
    path("tips/<int:pk>/status/", tip_views.tip_status, name="deals-tip-status"),
    path("tips/<int:pk>/share/", tip_views.tip_share_view, name="deals-tip-share"),
]
