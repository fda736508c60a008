"""The request of a view that only a signed-in account reaches: ``request.user`` is then a ``User``.

Django types ``HttpRequest.user`` as ``User | AnonymousUser``; behind ``login_required`` or the API's
``django_auth`` the anonymous case cannot happen, and this type says so (django-stubs' own advice).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedHttpRequest(HttpRequest):
    """Annotation only: Django never builds one. Kept importable at run time, because django-ninja
    resolves the annotations of its operations' parameters."""

    user: User
