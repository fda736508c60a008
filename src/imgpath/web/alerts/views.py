"""Marking an alert read: a POST from its owner's account page (CSRF-checked like every form)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.alerts.models import Alert


@login_required
@require_POST
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk, owner=request.user)
    if not alert.read:
        alert.read = True
        alert.save(update_fields=["read"])
    return redirect(reverse("account") + "#alerts")
