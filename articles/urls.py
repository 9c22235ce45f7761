from django.urls import path

from articles import views

urlpatterns = [
    path("articles/", views.article_list, name="articles-list"),
    path("articles/<int:pk>/", views.article_detail, name="articles-detail"),
]
