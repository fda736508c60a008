"""The mentoring part of the API: a coordinator runs a round and reads a round's result, as JSON of the
same shape as ``imgpath match mentors --format json`` (``assignments``, ``unassigned``, ``fit``; the
service's ids: ``m<pk>`` mentors, ``r<pk>`` requests). A session is needed; 404 for anyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import django_auth

from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.api.schemas import ErrorOut
from imgpath.web.mentoring import services
from imgpath.web.mentoring.models import MentoringRound

router = Router()


class MentoringRoundIn(Schema):
    rematch: bool = False


class MentoringRoundOut(Schema):
    id: int
    rematch: bool
    assignments: dict[str, list[str]]
    unassigned: list[str]
    fit: dict[str, Any]


def _out(found: MentoringRound) -> dict[str, Any]:
    return {"id": found.pk, "rematch": found.rematch, **found.result}


@router.post(
    "/mentoring/rounds",
    auth=django_auth,
    response={201: MentoringRoundOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Run a mentoring round (coordinators)",
)
def mentoring_run_round(request: AuthenticatedHttpRequest, body: MentoringRoundIn) -> Status[dict[str, Any]]:
    """Match the open requests to the available mentors (``rematch`` also replaces the proposals still
    waiting for an answer); the proposals are emailed to both sides."""
    services.coordinator_or_404(request.user)
    site = request.build_absolute_uri("/").rstrip("/")
    return Status(201, _out(services.run_round(request.user, date.today(), site, rematch=body.rematch)))


@router.get(
    "/mentoring/rounds/{round_id}",
    auth=django_auth,
    response={200: MentoringRoundOut, 404: ErrorOut, 422: ErrorOut},
    summary="A mentoring round's result (coordinators)",
)
def mentoring_round(request: AuthenticatedHttpRequest, round_id: int) -> dict[str, Any]:
    services.coordinator_or_404(request.user)
    return _out(get_object_or_404(MentoringRound, pk=round_id))
