ROOT_URLCONF = "blog.urls"
INSTALLED_APPS = ["django.contrib.admin", "posts"]
