from django.urls import path

from articles.views import browse, manual, sources

urlpatterns = [
    path("articles/", browse.article_list, name="articles-list"),
    path("articles/<int:pk>/", browse.article_detail, name="articles-detail"),
    path("articles/new/", manual.story_new, name="articles-new"),
    path("sources/", sources.source_list, name="articles-sources"),
    path("sources/add/", sources.source_add, name="articles-source-add"),
    path("sources/<int:pk>/edit/", sources.source_edit, name="articles-source-edit"),
    path("sources/<int:pk>/toggle/", sources.source_toggle, name="articles-source-toggle"),
    path("sources/<int:pk>/delete/", sources.source_delete_view, name="articles-source-delete"),
    path("sources/<int:pk>/fetch/", sources.source_fetch, name="articles-source-fetch"),
    path("sources/users/", sources.users, name="articles-users"),
    path("sources/users/<int:pk>/role/", sources.user_role, name="articles-user-role"),
]
