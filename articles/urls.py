from django.urls import path

from articles.views import browse

urlpatterns = [
    path("articles/", browse.article_list, name="articles-list"),
    path("articles/<int:pk>/", browse.article_detail, name="articles-detail"),
]
