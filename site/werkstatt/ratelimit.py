"""Rate limits (contact form, reset mails, saved searches) counted in the database.

Key concepts: a limit must hold when the cache is down, and Redis is configured to turn every
failure into a miss (settings: IGNORE_EXCEPTIONS), which made a cache counter read „no limit“
(issue 30: 20 of 20 messages accepted with Redis down). The limited actions are rare POSTs (a
few per client and hour), so one insert and one indexed count in the database cost about a
millisecond and hold in every process, with or without Redis; there is no second counter that
could disagree. Keys are an HMAC of the address or e-mail (never stored in clear).
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac


class RateLimitHit(models.Model):
    """One counted action: which limit (scope), whose (hashed key), when."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        app_label = "werkstatt"
        indexes = [models.Index(fields=["scope", "key", "at"], name="ratelimit_scope_key_at")]

    def __str__(self):
        return f"{self.scope} {self.at:%Y-%m-%d %H:%M}"


def hashed(value):
    return salted_hmac("werkstatt.ratelimit", str(value).strip().lower()).hexdigest()[:64]


def exceeded(scope, value, limit, window):
    """True if `value` already used up `limit` actions of `scope` within `window` seconds."""
    since = timezone.now() - timedelta(seconds=window)
    hits = RateLimitHit.objects.filter(scope=scope, key=hashed(value), at__gte=since)
    return hits.count() >= limit


def count(scope, value, window):
    """Count one action of `value`; rows older than the window are dropped on the way."""
    now = timezone.now()
    RateLimitHit.objects.filter(scope=scope, at__lt=now - timedelta(seconds=window)).delete()
    RateLimitHit.objects.create(scope=scope, key=hashed(value), at=now)
