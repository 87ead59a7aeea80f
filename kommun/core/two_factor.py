"""
A second factor for the admin: a six-digit TOTP code from an authenticator app (django-otp).

- Every editor may add a device (Account → Two-factor sign-in).
- Whoever has a confirmed device must give a code after the password, before any admin page.
- Superusers, who can change everything on every municipality, must set a device up
  before they can use the admin at all.

wagtail-2fa would have been the library for this, but 1.8.0 cannot be used with Wagtail 8:
its wagtail_hooks module imports wagtail.users.widgets.UserListingButton, which Wagtail 8
no longer has, and Wagtail imports every app's hooks at start-up. What we need from it is
small and sits on django-otp, which does the hard parts (keys, TOTP, throttling wrong codes).
"""

from base64 import b32encode
from io import BytesIO

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

VERIFY = "kommun_2fa_verify"
SET_UP = "kommun_2fa_setup"
# Admin pages an unverified user may open: to give the code, or to leave.
OPEN_BEFORE_VERIFYING = {
    VERIFY,
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


def must_have_device(user):
    return user.is_superuser


class SecondFactorMiddleware:
    """
    After django-otp's OTPMiddleware, which gives request.user.is_verified(): sends an
    admin who still owes a code to the code page, and a superuser without a device to
    set one up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._second_factor_missing(request) or self.get_response(request)

    def _second_factor_missing(self, request):
        user = request.user
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in OPEN_BEFORE_VERIFYING:
            return None
        next_query = "?" + urlencode({"next": request.get_full_path()})
        if django_otp.user_has_device(user):
            # Setting up another device also waits for the code: a password alone must
            # not be enough to add a device to someone's account.
            return redirect(reverse(VERIFY) + next_query)
        if must_have_device(user) and url_name != SET_UP:
            return redirect(reverse(SET_UP) + next_query)
        return None


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class NewDeviceForm(CodeForm):
    name = forms.CharField(
        label=gettext_lazy("Name of the device"),
        max_length=64,
        initial=gettext_lazy("Phone"),
    )
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.device = device
        self.fields["otp_token"].widget.attrs.pop("autofocus")

    def clean_password(self):
        # Through authenticate(), so that guesses here count towards the login lockout.
        password = self.cleaned_data["password"]
        username = self.request.user.get_username()
        if authenticate(self.request, username=username, password=password) is None:
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean(self):
        # The code is tried last, once the password is right: a try uses the code up.
        token = "".join(self.cleaned_data.get("otp_token", "").split())
        if not self.errors and not self.device.verify_token(token):
            self.add_error(
                "otp_token",
                _("That code is not right. Check that your phone's clock is right and try again."),
            )
        return self.cleaned_data


@never_cache
@sensitive_post_parameters("otp_token")
def verify(request):
    """After the password: the code from one of the user's devices."""
    user = request.user
    if not django_otp.user_has_device(user):
        return redirect(reverse(SET_UP) + "?" + urlencode({"next": _safe_next(request)}))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = "".join(form.cleaned_data["otp_token"].split())
        for device in django_otp.devices_for_user(user):
            # Each device counts its own wrong codes and makes the next try wait longer.
            verified = django_otp.verify_token(user, device.persistent_id, token)
            if verified:
                django_otp.login(request, verified)
                return redirect(_safe_next(request))
        form.add_error(
            "otp_token",
            _("That code is not right. Wait for the next code and try again."),
        )
    return render(
        request, "core/two_factor_verify.html", {"form": form, "next": _safe_next(request)}
    )


@never_cache
@sensitive_post_parameters("otp_token", "password")
def set_up(request):
    """The user's devices, removing one, and adding one by scanning a QR code."""
    user = request.user
    if request.method == "POST" and "remove" in request.POST:
        remove = request.POST["remove"]
        if remove.isdigit():
            TOTPDevice.objects.filter(user=user, confirmed=True, pk=remove).delete()
        messages.success(request, _("The device is removed."))
        return redirect(SET_UP)
    # One device waiting to be confirmed per user; its key stays until the code matches.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    device = device or TOTPDevice.objects.create(user=user, name="", confirmed=False)
    form = NewDeviceForm(request.POST or None, request=request, device=device)
    if request.method == "POST" and form.is_valid():
        device.name = form.cleaned_data["name"]
        device.confirmed = True
        device.save()
        django_otp.login(request, device)
        messages.success(request, _("Two-factor sign-in is on for your account."))
        return redirect(_safe_next(request))
    # One path on a white square: readable inline in HTML, and in the admin's dark theme.
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    qr_code = BytesIO()
    image.save(qr_code)
    svg = qr_code.getvalue().decode()
    return render(
        request,
        "core/two_factor_set_up.html",
        {
            "form": form,
            "next": _safe_next(request),
            "devices": TOTPDevice.objects.filter(user=user, confirmed=True),
            # Inline, not an image to fetch: the key never leaves this page's response.
            "qr_code": svg[svg.index("<svg") :],
            "secret": b32encode(device.bin_key).decode(),
            "required": must_have_device(user),
        },
    )
