from django.urls import path, re_path

from . import views

app_name = "posts"
urlpatterns = [
    path("", views.PostList.as_view(), name="list"),
    path("<slug:slug>/", views.PostDetail.as_view(), name="detail"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.archive, name="archive"),
]
