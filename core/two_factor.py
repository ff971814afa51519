"""The secretariat's second factor: a time-based code from an authenticator app
(django-otp's TOTP devices). Staff enrol at their first sign-in, then give a code
after each password sign-in before the admin opens."""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": gettext_lazy("The code is the six digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        allowed, _data = self.device.verify_is_allowed()
        if not allowed:
            # django-otp doubles the wait after each wrong code.
            raise forms.ValidationError(_("Too many wrong codes: wait a minute and try again."))
        if not self.device.verify_token(token):
            raise forms.ValidationError(_("This code is not valid; try the current one."))
        return token


def device_for(user) -> tuple[TOTPDevice, bool]:
    """The staff member's confirmed device, or the one being enrolled (and False)."""
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if confirmed is not None:
        return confirmed, True
    pending, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": _("Authenticator app")}
    )
    return pending, False


def qr_code_data_uri(device: TOTPDevice) -> str:
    # An inline data: image, which the Content Security Policy allows, so the
    # secret never travels in a URL to another server.
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4)


def safe_next(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


@login_required
def two_factor(request):
    if not request.user.is_staff:
        return redirect(settings.LOGIN_REDIRECT_URL)
    if request.user.is_verified():
        return redirect(safe_next(request))
    device, enrolled = device_for(request.user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if not enrolled:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(safe_next(request))
    context = {"form": form, "enrolled": enrolled, "next": safe_next(request)}
    if not enrolled:
        context["secret"] = base64.b32encode(device.bin_key).decode()
        context["qr_code"] = qr_code_data_uri(device)
    return render(request, "registration/two_factor.html", context)
