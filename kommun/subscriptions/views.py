import hmac
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kommun.core.http import DestinationRefused, check_url
from kommun.core.limits import client_key, over_limit
from kommun.core.sites import current_site

from .forms import FollowForm, SubscribeForm
from .links import (
    CODE_SALT,
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    MANAGE_MAX_AGE,
    MANAGE_SALT,
    UNSUBSCRIBE_SALT,
    code_path,
    manage_url,
    read,
    read_link,
)
from .models import Subscription
from .tasks import code_hash, send_code, send_confirmation, send_manage_link

HOUR = 60 * 60
SERVICE_WORKER = Path(__file__).parent / "static" / "alerts" / "service_worker.js"


@never_cache
def subscribe(request):
    site = current_site(request)
    form = SubscribeForm(request.POST if request.method == "POST" else None, site=site)
    if request.method == "POST":
        if over_limit("subscribe-ip", client_key(request), settings.SUBSCRIBE_RATE_PER_HOUR, HOUR):
            return render(request, "rate_limited.html", status=429)
        if form.is_valid():
            phone = form.cleaned_data["phone"]
            with transaction.atomic():
                subscription = Subscription.objects.create(
                    site=site,
                    channel=Subscription.Channel.SMS if phone else Subscription.Channel.EMAIL,
                    destination=phone or form.cleaned_data["email"].strip().lower(),
                    language=translation.get_language(),
                    include_planned=form.cleaned_data["include_planned"],
                )
                _follow(subscription, form.cleaned_data)
                if phone:
                    transaction.on_commit(lambda: send_code.enqueue(subscription.pk))
                else:
                    transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))
            # The same answer whether or not the destination was already subscribed.
            if phone:
                return redirect(code_path(subscription))
            return render(request, "alerts/check_inbox.html")
    return render(
        request,
        "alerts/subscribe.html",
        {"form": form, "vapid_public_key": settings.VAPID_PUBLIC_KEY},
    )


def _follow(subscription, data):
    subscription.addresses.set(data["addresses"])
    subscription.areas.set(data["areas"])
    subscription.services.set(data["services"])


def _linked(request, token, salt, legacy=False):
    """The subscription of a management or unsubscribe link that still works, or 404."""
    found = read_link(token, salt, MANAGE_MAX_AGE, legacy=legacy)
    subscription = None
    if found is not None:
        pk, generation = found
        subscription = Subscription.objects.filter(
            pk=pk, link_generation=generation, site=current_site(request)
        ).first()
    if subscription is None:
        raise Http404("This link is no longer valid.")
    return subscription


def _subscription(request, token, salt, max_age):
    pk = read(token, salt, max_age)
    # A link works on its own municipality's site only.
    subscription = (
        Subscription.objects.filter(pk=pk, site=current_site(request)).first()
        if pk is not None
        else None
    )
    if subscription is None:
        raise Http404("This link is no longer valid.")
    return subscription


MAX_CODE_ATTEMPTS = 5


@never_cache
def enter_code(request, token):
    """The code sent by SMS confirms the number. A few wrong guesses end the request."""
    subscription = _subscription(request, token, CODE_SALT, CONFIRM_MAX_AGE)
    wrong = False
    if request.method == "POST" and over_limit(
        "verify-ip", client_key(request), settings.SUBSCRIBE_RATE_PER_HOUR, HOUR
    ):
        return render(request, "rate_limited.html", status=429)
    if request.method == "POST" and subscription.confirmed_at is None:
        entered = "".join(request.POST.get("code", "").split())
        usable = subscription.code_attempts < MAX_CODE_ATTEMPTS
        expected = subscription.code_hash
        if usable and expected and hmac.compare_digest(code_hash(entered), expected):
            subscription.confirmed_at = timezone.now()
            subscription.code_hash = ""
            subscription.save(update_fields=["confirmed_at", "code_hash"])
        else:
            Subscription.objects.filter(pk=subscription.pk).update(
                code_attempts=F("code_attempts") + 1
            )
            wrong = True
    if subscription.confirmed_at:
        return render(request, "alerts/confirmed.html", {"manage_url": manage_url(subscription)})
    return render(request, "alerts/enter_code.html", {"wrong": wrong}, status=400 if wrong else 200)


@never_cache
def confirm(request, token):
    # A GET only shows a button: mail scanners that open links must not confirm.
    subscription = _subscription(request, token, CONFIRM_SALT, CONFIRM_MAX_AGE)
    if request.method == "POST" and over_limit(
        "verify-ip", client_key(request), settings.SUBSCRIBE_RATE_PER_HOUR, HOUR
    ):
        return render(request, "rate_limited.html", status=429)
    if request.method == "POST":
        if subscription.confirmed_at is None:
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
        return render(request, "alerts/confirmed.html", {"manage_url": manage_url(subscription)})
    return render(request, "alerts/confirm.html", {"subscription": subscription})


@never_cache
def manage(request, token):
    subscription = _linked(request, token, MANAGE_SALT)
    initial = {
        "addresses": "\n".join(a.label for a in subscription.addresses.all()),
        "areas": subscription.areas.all(),
        "services": subscription.services.all(),
        "include_planned": subscription.include_planned,
    }
    form = FollowForm(request.POST or None, initial=initial, site=subscription.site)
    saved = False
    if request.method == "POST" and over_limit(
        "manage-ip", client_key(request), settings.SUBSCRIBE_RATE_PER_HOUR, HOUR
    ):
        return render(request, "rate_limited.html", status=429)
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
    subscription = _linked(request, token, MANAGE_SALT)
    if request.method == "POST":
        subscription.delete()
        return render(request, "alerts/deleted.html")
    return render(request, "alerts/delete.html", {"subscription": subscription})


@require_POST
@never_cache
def revoke(request, token):
    """
    A new management link, for a resident whose link went astray: every older link (and
    unsubscribe link) stops working. The new one goes where the messages go; a browser's
    push subscription has nowhere else, so it is shown here.
    """
    subscription = _linked(request, token, MANAGE_SALT)
    if over_limit("manage-ip", client_key(request), settings.SUBSCRIBE_RATE_PER_HOUR, HOUR):
        return render(request, "rate_limited.html", status=429)
    Subscription.objects.filter(pk=subscription.pk).update(link_generation=F("link_generation") + 1)
    subscription.refresh_from_db(fields=["link_generation"])
    shown = None
    if subscription.channel in (Subscription.Channel.EMAIL, Subscription.Channel.SMS):
        transaction.on_commit(lambda: send_manage_link.enqueue(subscription.pk))
    else:
        shown = manage_url(subscription)
    return render(request, "alerts/revoked.html", {"manage_url": shown})


@csrf_exempt
@never_cache
def unsubscribe(request, token):
    """RFC 8058 one-click: a POST from the mail client ends the subscription at once."""
    try:
        subscription = _linked(request, token, UNSUBSCRIBE_SALT)
    except Http404:
        # A link from before unsubscribe tokens: they were management tokens.
        subscription = _linked(request, token, MANAGE_SALT, legacy=True)
    if request.method == "POST":
        subscription.delete()
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200)
        return render(request, "alerts/deleted.html")
    return render(request, "alerts/delete.html", {"subscription": subscription})


@require_POST
def push_subscribe(request):
    """
    A browser's push subscription, posted by push.js after the resident allowed
    notifications: the browser's permission prompt is the opt-in.
    """
    if over_limit("subscribe-ip", client_key(request), settings.SUBSCRIBE_RATE_PER_HOUR, HOUR):
        return JsonResponse({"error": "too many attempts"}, status=429)
    try:
        data = json.loads(request.body)
        info = data["subscription"]
        endpoint, keys = info["endpoint"], info["keys"]
        # Only a known push service: anything else would make the notifier post to it.
        check_url(endpoint, settings.PUSH_SERVICE_HOSTS)
        keys = {"p256dh": keys["p256dh"], "auth": keys["auth"]}
        if not all(isinstance(key, str) and key for key in keys.values()):
            raise ValueError("keys p256dh and auth are needed")
        destination = json.dumps({"endpoint": endpoint, "keys": keys})
        if len(destination) > Subscription._meta.get_field("destination").max_length:
            raise ValueError("it is too long")
    except DestinationRefused as error:
        message = f"the endpoint is not a known push service: {error}"
        return JsonResponse({"error": message}, status=400)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        return JsonResponse({"error": f"not a push subscription: {error}"}, status=400)
    subscription = Subscription.objects.create(
        site=current_site(request),
        channel=Subscription.Channel.PUSH,
        destination=destination,
        language=translation.get_language(),
        include_planned=bool(data.get("include_planned", True)),
        confirmed_at=timezone.now(),
    )
    return JsonResponse({"manage_url": manage_url(subscription)}, status=201)


def service_worker(request):
    """The service worker, at the root so that it may show notifications for the whole site."""
    response = HttpResponse(SERVICE_WORKER.read_bytes(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response
