from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from .forms import FollowForm, SubscribeForm
from .limits import client_ip, over_limit
from .links import CONFIRM_MAX_AGE, CONFIRM_SALT, MANAGE_MAX_AGE, MANAGE_SALT, manage_url, read
from .models import Subscription
from .tasks import send_confirmation

HOUR = 60 * 60


@never_cache
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if over_limit("subscribe-ip", client_ip(request), settings.SUBSCRIBE_RATE_PER_HOUR, HOUR):
            return render(request, "alerts/rate_limited.html", status=429)
        if form.is_valid():
            with transaction.atomic():
                subscription = Subscription.objects.create(
                    channel=Subscription.Channel.EMAIL,
                    destination=form.cleaned_data["email"].strip().lower(),
                    language=translation.get_language(),
                    include_planned=form.cleaned_data["include_planned"],
                )
                _follow(subscription, form.cleaned_data)
                transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))
            # The same answer whether or not the address was already subscribed.
            return render(request, "alerts/check_inbox.html")
    return render(request, "alerts/subscribe.html", {"form": form})


def _follow(subscription, data):
    subscription.addresses.set(data["addresses"])
    subscription.areas.set(data["areas"])
    subscription.services.set(data["services"])


def _subscription(token, salt, max_age):
    pk = read(token, salt, max_age)
    subscription = Subscription.objects.filter(pk=pk).first() if pk is not None else None
    if subscription is None:
        raise Http404("This link is no longer valid.")
    return subscription


@never_cache
def confirm(request, token):
    # A GET only shows a button: mail scanners that open links must not confirm.
    subscription = _subscription(token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if request.method == "POST":
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
        return render(request, "alerts/confirmed.html", {"manage_url": manage_url(subscription)})
    return render(request, "alerts/confirm.html", {"subscription": subscription})


@never_cache
def manage(request, token):
    subscription = _subscription(token, MANAGE_SALT, MANAGE_MAX_AGE)
    initial = {
        "addresses": "\n".join(a.label for a in subscription.addresses.all()),
        "areas": subscription.areas.all(),
        "services": subscription.services.all(),
        "include_planned": subscription.include_planned,
    }
    form = FollowForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscription.include_planned = form.cleaned_data["include_planned"]
        subscription.save(update_fields=["include_planned"])
        _follow(subscription, form.cleaned_data)
        saved = True
    return render(
        request,
        "alerts/manage.html",
        {"subscription": subscription, "form": form, "saved": saved, "token": token},
    )


@never_cache
def delete(request, token):
    subscription = _subscription(token, MANAGE_SALT, MANAGE_MAX_AGE)
    if request.method == "POST":
        subscription.delete()
        return render(request, "alerts/deleted.html")
    return render(request, "alerts/delete.html", {"subscription": subscription})


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """RFC 8058 one-click: a POST from the mail client ends the subscription at once."""
    subscription = _subscription(token, MANAGE_SALT, MANAGE_MAX_AGE)
    if request.method == "POST":
        subscription.delete()
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(request, "alerts/deleted.html")
    return render(request, "alerts/delete.html", {"subscription": subscription})
