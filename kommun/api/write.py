"""
The write API for operations systems. Each call publishes through Notice.publish_change(),
the same path as the admin's Publish button, so the banner, status page and feeds follow.
"""

import hashlib
import json

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Header, Router
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError
from ninja.responses import NinjaJSONEncoder, Status
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.permission_policies import ModelPermissionPolicy

from kommun.disruptions.models import LocalizedNotice, Notice, NoticeUpdate, Service, State

from .models import IdempotentRequest
from .schemas import (
    CancelIn,
    ErrorOut,
    NoticeDetailOut,
    NoticeIn,
    ResolveIn,
    UpdateIn,
    ValidationErrorOut,
)

router = Router()
WRITE = {"auth": BearerTokenAuth(), "tags": ["Operations"]}

PUBLISHING = ModelPermissionPolicy(Notice)
ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}
IDEMPOTENCY_HEADER = Header(
    None,
    alias="Idempotency-Key",
    max_length=255,
    description="Repeat a request with the same key to get the first answer again",
)


@router.post(
    "/notices",
    response={201: NoticeDetailOut, **ERRORS},
    summary="Create and publish a notice",
    **WRITE,
)
def create_notice(request, payload: NoticeIn, idempotency_key: str | None = IDEMPOTENCY_HEADER):
    def create():
        service = _service_in_scope(request, payload.service)
        fields = payload.dict(exclude={"service", "update"}, exclude_none=True)
        notice = Notice(service=service, **fields)
        if payload.update:
            notice.updates.add(_timeline_entry(payload.update, "update"))
        return Status(201, _publish(request, notice))

    return _idempotent(request, idempotency_key, create)


@router.post(
    "/notices/{notice_id}/updates",
    response={200: NoticeDetailOut, **ERRORS},
    summary="Add a timeline entry, optionally changing the notice",
    **WRITE,
)
def add_update(
    request,
    notice_id: int,
    payload: UpdateIn,
    idempotency_key: str | None = IDEMPOTENCY_HEADER,
):
    def change(notice):
        # A field left out or sent as null stays as it is.
        for field, value in payload.dict(exclude={"text"}, exclude_none=True).items():
            setattr(notice, field, value)

    return _change_notice(request, notice_id, idempotency_key, change, payload.text)


@router.post(
    "/notices/{notice_id}/resolve",
    response={200: NoticeDetailOut, **ERRORS},
    summary="Resolve a notice: the disruption is over",
    **WRITE,
)
def resolve(
    request,
    notice_id: int,
    payload: ResolveIn,
    idempotency_key: str | None = IDEMPOTENCY_HEADER,
):
    def change(notice):
        notice.ended_at = payload.ended_at or timezone.now()

    return _change_notice(
        request, notice_id, idempotency_key, change, payload.text, only_while_open=True
    )


@router.post(
    "/notices/{notice_id}/cancel",
    response={200: NoticeDetailOut, **ERRORS},
    summary="Cancel a notice: it was called off or published in error",
    **WRITE,
)
def cancel(
    request,
    notice_id: int,
    payload: CancelIn,
    idempotency_key: str | None = IDEMPOTENCY_HEADER,
):
    def change(notice):
        notice.cancel(timezone.now())

    return _change_notice(
        request, notice_id, idempotency_key, change, payload.text, only_while_open=True
    )


def _change_notice(request, notice_id, key, change, text, only_while_open=False):
    """Applies change() to a notice in the token's scope, adds text to its timeline, publishes."""

    def work():
        notice = _notice_in_scope(request, notice_id)
        if only_while_open:
            _refuse_if_over(notice)
        change(notice)
        if text:
            notice.updates.add(_timeline_entry(text, "text"))
        return Status(200, _publish(request, notice))

    return _idempotent(request, key, work)


def _check_may_publish(request):
    if not PUBLISHING.user_has_permission(request.auth.user, "publish"):
        raise HttpError(
            403, f"The token's user {request.auth.user.get_username()!r} may not publish notices"
        )


def _token_site(request):
    scope = getattr(request.auth, "scope", None)
    return scope.site if scope else None


def _allowed_services(request):
    scope = getattr(request.auth, "scope", None)
    return scope.services.filter(site=scope.site) if scope else Service.objects.none()


def _service_in_scope(request, slug):
    _check_may_publish(request)
    service = Service.objects.filter(site=_token_site(request), slug=slug).first()
    if service is None:
        raise ApiValidationError(
            [
                {
                    "loc": ["body", "service"],
                    "msg": f"No service is called {slug!r}",
                    "type": "value_error",
                }
            ]
        )
    if not _allowed_services(request).filter(pk=service.pk).exists():
        raise HttpError(403, f"This token may not publish for the service {slug!r}")
    return service


def _notice_in_scope(request, notice_id):
    _check_may_publish(request)
    site = _token_site(request)
    if site is None:
        raise HttpError(403, "This token belongs to no municipality")
    # Another municipality's notices do not exist as far as this token is concerned.
    notice = get_object_or_404(
        Notice.objects.originals(site).select_related("service"), pk=notice_id
    )
    if not _allowed_services(request).filter(pk=notice.service_id).exists():
        raise HttpError(403, f"This token may not publish for the service {notice.service.slug!r}")
    return notice


def _refuse_if_over(notice):
    state = notice.state_at(timezone.now())
    if state in (State.RESOLVED, State.CANCELLED):
        raise HttpError(409, f"The notice is already {state.value}")


def _timeline_entry(text, field):
    """A timeline entry, checked as the admin checks one; an error names the payload's field."""
    entry = NoticeUpdate(text=text)
    try:
        entry.clean_fields(exclude=["notice", "posted_at"])
    except ModelValidationError as error:
        raise _invalid({field: error.message_dict["text"]}) from None
    return entry


def _invalid(message_dict):
    return ApiValidationError(
        [
            {"loc": ["body", field], "msg": " ".join(messages), "type": "value_error"}
            for field, messages in message_dict.items()
        ]
    )


def _publish(request, notice):
    try:
        notice.publish_change(user=request.auth.user)
    except ModelValidationError as error:
        raise _invalid(error.message_dict) from None
    # Answered as written: the writer wrote the original, in the municipality's language.
    published = Notice.objects.select_related("service", "locale").prefetch_related("updates")
    return LocalizedNotice.as_written(published.get(pk=notice.pk))


def _idempotent(request, key, work):
    """
    Runs work() once per token and Idempotency-Key: a repeat gets the stored answer.
    Work, its notice and the stored answer commit together or not at all, so a failure
    leaves the key free for a retry.
    """
    if not key:
        with transaction.atomic():
            return work()
    fingerprint = hashlib.sha256(
        request.method.encode() + request.path.encode() + b"\n" + request.body
    ).hexdigest()
    IdempotentRequest.expired().delete()  # an old key is free again, its answer gone
    earlier = IdempotentRequest.objects.filter(token=request.auth, key=key).first()
    if earlier is None:
        try:
            with transaction.atomic():
                result = work()
                body = NoticeDetailOut.from_orm(result.value, context={"request": request})
                IdempotentRequest.objects.create(
                    token=request.auth,
                    key=key,
                    fingerprint=fingerprint,
                    status_code=result.status_code,
                    # Rendered as Ninja renders it, so a replay is byte for byte the same.
                    response_body=json.dumps(body.model_dump(), cls=NinjaJSONEncoder),
                )
                return result
        except IntegrityError:
            # The same key committed first in a concurrent request: answer as it did.
            earlier = IdempotentRequest.objects.filter(token=request.auth, key=key).first()
            if earlier is None:
                raise
    if earlier.fingerprint != fingerprint:
        raise HttpError(409, "This Idempotency-Key was used for a different request")
    response = HttpResponse(
        earlier.response_body, status=earlier.status_code, content_type="application/json"
    )
    response["Idempotent-Replayed"] = "true"
    return response
