"""The accounts' part of the API: my saved profiles (a session is needed)."""

from __future__ import annotations

from typing import Any, TypedDict

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ValidationError

from imgpath.engine import Profile, Text
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.api.schemas import ErrorBody, ErrorOut, problems, say

router = Router()


class SavedProfileIn(Schema):
    name: Text = Field(min_length=1, max_length=120)
    profile: dict[str, Any] = Field(description="A profile in the public format: see Profile.")


class SavedProfileOut(Schema):
    id: int
    name: str
    profile: dict[str, Any]
    created: Any
    updated: Any


class SavedProfileBody(TypedDict):
    """``SavedProfileOut`` as ``_out`` builds it."""

    id: int
    name: str
    profile: dict[str, Any]
    created: str
    updated: str


def _out(saved: SavedProfile) -> SavedProfileBody:
    return {
        "id": saved.pk,
        "name": saved.name,
        "profile": saved.data,
        "created": saved.created.isoformat(),
        "updated": saved.updated.isoformat(),
    }


@router.get("/me/profiles", auth=django_auth, response=list[SavedProfileOut], summary="My saved profiles")
def my_profiles(request: AuthenticatedHttpRequest) -> list[SavedProfileBody]:
    return [_out(p) for p in SavedProfile.objects.filter(owner=request.user)]


@router.post(
    "/me/profiles",
    auth=django_auth,
    response={201: SavedProfileOut, 400: ErrorOut, 422: ErrorOut},
    summary="Save a profile",
)
def create_profile(
    request: AuthenticatedHttpRequest, body: SavedProfileIn
) -> Status[ErrorBody] | Status[SavedProfileBody]:
    try:
        Profile.model_validate(body.profile)
    except ValidationError as error:
        return Status(
            422, ErrorBody(detail=say("input.invalid_profile"), errors=problems(error, ("profile",)))
        )
    saved = SavedProfile.objects.create(owner=request.user, name=body.name, data=body.profile)
    return Status(201, _out(saved))


@router.get(
    "/me/profiles/{profile_id}",
    auth=django_auth,
    response={200: SavedProfileOut, 404: ErrorOut, 422: ErrorOut},
    summary="One saved profile",
)
def my_profile(request: AuthenticatedHttpRequest, profile_id: int) -> SavedProfileBody:
    return _out(get_object_or_404(SavedProfile, pk=profile_id, owner=request.user))


@router.delete(
    "/me/profiles/{profile_id}",
    auth=django_auth,
    response={204: None, 404: ErrorOut, 422: ErrorOut},
    summary="Delete a saved profile",
)
def delete_my_profile(request: AuthenticatedHttpRequest, profile_id: int) -> Status[None]:
    get_object_or_404(SavedProfile, pk=profile_id, owner=request.user).delete()
    return Status(204, None)
