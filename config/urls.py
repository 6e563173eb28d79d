from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from accounts.views import (
    SignInView,
    ThrottledPasswordResetView,
    account_settings,
    home,
    switch_language,
)
from config.health import healthz

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_reset/",
        login_not_required(ThrottledPasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/settings/", account_settings, name="account_settings"),
    # Django's own password change and reset views (their templates in templates/registration/);
    # the sign-in, sign-out and (throttled) reset above come first, so theirs are never reached.
    path("accounts/", include("django.contrib.auth.urls")),
    # Anyone may switch language, including on the sign-in page.
    # A signed-in user's switch is also kept as their language (the one their mails are in).
    path("i18n/setlang/", login_not_required(switch_language), name="set_language"),
    path("bank/", include("questionbank.urls")),
    path("interviews/", include("interviews.urls")),
    path("practice/", include("interviews.practice_urls")),
    path("stats/", include("interviews.stats_urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_ENDPOINTS:  # bench/live_load.py only
    from config.bench import bare

    urlpatterns.append(path("bench/bare/<int:pk>/", bare))
