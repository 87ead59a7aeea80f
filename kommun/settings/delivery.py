"""Settings of the notifications: quiet hours, retries, rates, the channels and outbound HTTP."""

import os

from .env import envbool, envint, envlist

# Notifications. Non-critical messages wait for the end of the quiet hours (local time).
QUIET_HOURS = os.environ.get("QUIET_HOURS", "22:00-07:00")
REMINDER_LEAD_HOURS = envint("REMINDER_LEAD_HOURS", 12)
NOTIFY_MAX_ATTEMPTS = envint("NOTIFY_MAX_ATTEMPTS", 8)
NOTIFY_RETRY_BASE_SECONDS = envint("NOTIFY_RETRY_BASE_SECONDS", 30)
NOTIFY_LEASE_SECONDS = envint("NOTIFY_LEASE_SECONDS", 120)
NOTIFY_BATCH = envint("NOTIFY_BATCH", 200)
CONFIRMATIONS_PER_DAY = envint("CONFIRMATIONS_PER_DAY", 3)
SUBSCRIBE_RATE_PER_HOUR = envint("SUBSCRIBE_RATE_PER_HOUR", 20)
# Accessibility problem reports one client may send an hour.
REPORT_RATE_PER_HOUR = envint("REPORT_RATE_PER_HOUR", 10)
WEBHOOK_TIMEOUT = envint("WEBHOOK_TIMEOUT", 10)
# Messages per second each channel may send, over all workers (0: no limit).
NOTIFY_RATES = {
    "email": envint("NOTIFY_RATE_EMAIL", 0),
    "sms": envint("NOTIFY_RATE_SMS", 10),
    "webhook": envint("NOTIFY_RATE_WEBHOOK", 50),
    "push": envint("NOTIFY_RATE_PUSH", 100),
}
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_USER = os.environ.get("SMS_GATEWAY_USER", "")
SMS_GATEWAY_PASSWORD = os.environ.get("SMS_GATEWAY_PASSWORD", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "Kommun")
# SMS go to mobile numbers of these countries only; numbers without a country code are
# read as the first, then the next. And at most this many SMS a day for the installation
# (codes and notifications); the rest wait for the next day.
SMS_COUNTRIES = envlist("SMS_COUNTRIES", "SE,UA")
SMS_DAILY_BUDGET = envint("SMS_DAILY_BUDGET", 2000)
# Web push: `manage.py vapid_keys` makes the pair. Without them the push option is hidden.
VAPID_PUBLIC_KEY = os.environ.get("VAPID_PUBLIC_KEY", "")
VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY", "")
VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "mailto:driftinfo@kommun.example")
# Browsers' push services: a push subscription may only point at one of these.
PUSH_SERVICE_HOSTS = envlist(
    "PUSH_SERVICE_HOSTS",
    "fcm.googleapis.com,updates.push.services.mozilla.com,*.notify.windows.com,web.push.apple.com",
)

# Outbound HTTP (kommun/core/http.py): public https destinations only, unless allowed here.
# Loopback (and plain http to it) for tests and development; host names of the operator's
# own services on a private network (an internal SMS gateway), also over plain http.
OUTBOUND_ALLOW_LOOPBACK = envbool("OUTBOUND_ALLOW_LOOPBACK", False)
OUTBOUND_PRIVATE_HOSTS = envlist("OUTBOUND_PRIVATE_HOSTS", "")
# The whole request's deadline in seconds, and the largest answer read.
OUTBOUND_TIMEOUT = envint("OUTBOUND_TIMEOUT", 10)
OUTBOUND_MAX_RESPONSE_BYTES = envint("OUTBOUND_MAX_RESPONSE_BYTES", 1024 * 1024)
