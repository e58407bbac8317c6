from django.contrib import admin
from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("polls/", include("polls.urls")),
    # path("old/", views.old),
    path("api/", include([
        path("users/<int:pk>/", views.UserDetail.as_view(), name="user-detail"),
        re_path(r"^search/(?P<q>\w+)/$", views.search),
    ])),
    path("", views.home, name="home"),
]
