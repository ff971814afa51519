"""Sign-in, sign-out, password reset and change, on pages styled like the rest.

Django's own views with our templates; the reset email has a text and an HTML part.
"""

from django.contrib.auth import views as auth
from django.urls import path

from . import two_factor
from .forms import SignInForm
from .throttles import password_check_throttled, password_reset_throttled, sign_in_throttled

urlpatterns = [
    path(
        "login/",
        sign_in_throttled(
            auth.LoginView.as_view(redirect_authenticated_user=True, authentication_form=SignInForm)
        ),
        name="login",
    ),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("two-factor/", two_factor.two_factor, name="two-factor"),
    path(
        "password/change/",
        password_check_throttled(auth.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        password_reset_throttled(
            auth.PasswordResetView.as_view(
                subject_template_name="emails/password_reset/subject.txt",
                email_template_name="emails/password_reset/body.txt",
                html_email_template_name="emails/password_reset/body.html",
            )
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
