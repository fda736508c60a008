"""The advising part of the API: the adviser's table of clients (a session is needed, as for the
account's endpoints; the API's rate limit applies). Every row returned is a logged read."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.security import django_auth

from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.advising import access, clients, exports
from imgpath.web.advising.models import Read
from imgpath.web.api.schemas import ErrorOut

router = Router()


class ClientsQuery(Schema):
    state: str = ""
    verdict: str = ""
    kind: str = ""
    within: str = ""
    sort: str = "name"


class ClientOut(Schema):
    id: int
    name: str
    pathway: str
    route: str
    state: str
    kind: str
    verdict: str
    first_license: str | None
    next_deadline: str | None
    checklist_done: int
    checklist_total: int
    open_questions: int
    valid: bool


@router.get(
    "/advising/clients",
    auth=django_auth,
    response={200: list[ClientOut], 404: ErrorOut},
    summary="My clients (advisers)",
)
def advising_clients(request: AuthenticatedHttpRequest, filters: Query[ClientsQuery]) -> list[dict[str, Any]]:
    """The adviser's table of clients, filtered and sorted as on the page (same fields as its CSV);
    404 for an account that advises for no organisation."""
    if not access.is_adviser(request.user):
        raise Http404
    chosen = clients.Filters.from_query(filters.model_dump())
    today = date.today()
    rows = chosen.apply(clients.client_rows(access.shared_with(request.user), today), today)
    access.log_reads(request.user, [r.profile for r in rows], Read.What.api)
    return [exports.as_record(r) for r in rows]
