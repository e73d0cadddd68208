"""Request rate limits, read from settings at request time.

DRF's rate throttles copy ``DEFAULT_THROTTLE_RATES`` when their module is
imported, so a later settings change (tests, ``override_settings``) would be
ignored. These read the live value; a rate of ``None`` switches the limit off.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _LiveRateMixin:
    def get_rate(self):
        """The current rate for this scope, e.g. ``120/minute``, or None for no limit."""
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_LiveRateMixin, AnonRateThrottle):
    """Anonymous clients, by IP address: ``API_THROTTLE_ANON`` (default 120/minute)."""


class UserThrottle(_LiveRateMixin, UserRateThrottle):
    """Signed-in users: ``API_THROTTLE_USER`` (default 600/minute)."""
