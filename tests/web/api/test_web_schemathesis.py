"""The API against its own OpenAPI document: no server error, and no answer the document does not promise.

Schemathesis reads ``/api/v1/openapi.json`` and sends every operation requests it generates (valid ones,
deliberately invalid ones, and the edge cases of each parameter) to the Django WSGI application in this
process: first as an anonymous visitor, then with alice's session and CSRF token. Each answer must not
be a 5xx; its status code and content type must be listed for the operation and its body must match the
documented schema; an operation that needs a session must refuse a request without one; and a request
the schema forbids must be refused. The run is deterministic (a fixed seed, derandomized, no example
database) and bounded (``max-examples`` per operation and phase); each operation runs in its own
database transaction, rolled back after it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from schemathesis import Case
from schemathesis.config import SchemathesisConfig

from imgpath.web.accounts.models import SavedProfile

ALICES_PROFILE = 424242
"""The id of alice's saved profile: generated ids are drawn from it half the time, so that reading,
planning and deleting one is tried as well as the 404 for an id that is not hers."""

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 20261125,
        "generation": {"max-examples": 40, "deterministic": True, "database": "none"},
        # real values beside generated ones, so that the answers of found things are checked too
        "dictionaries": {
            "saved_profile": {"values": [ALICES_PROFILE]},
            "pathway": {"values": ["us-tn.traditional", "us-va.traditional", "us.j1_waiver_conrad30"]},
            "assumption": {"values": ["usmle_step3=passed", "job_offer.state=FL", "us_gme_years=3"]},
        },
        "parameters": {
            "path.profile_id": {"dictionary": "saved_profile", "probability": 0.5},
            "path.pathway_id": {"dictionary": "pathway", "probability": 0.5},
            "query.route": {"dictionary": "pathway", "probability": 0.5},
            "query.assume": {"dictionary": "assumption", "probability": 0.5},
        },
        "operations": [
            {
                # schema-valid yet refused, rightly: rules that JSON Schema cannot say (a period ends after
                # it starts; an assumption's value must fit its field; a round's rankings name ids of its
                # other side; a cohort's CSV must be the template's columns). test_web_api.py checks that
                # bodies the schema allows are accepted, periods that end before they start left out.
                "include-name": [
                    "POST /api/v1/check",
                    "POST /api/v1/plan",
                    "POST /api/v1/me/profiles",
                    "GET /api/v1/me/profiles/{profile_id}/plan",
                    "POST /api/v1/opportunities/fit",
                    "POST /api/v1/match/rounds",
                    "POST /api/v1/cohorts",
                ],
                "checks": {"positive_data_acceptance": {"enabled": False}},
            }
        ],
    }
)
CSRF_TOKEN = "schemathesis0csrf0token000000000"  # 32 characters Django allows: an unmasked secret

# the database and the settings are set up once per operation, not per example: that is intended here
RELAXED = hypothesis.settings(
    suppress_health_check=[
        hypothesis.HealthCheck.function_scoped_fixture,
        hypothesis.HealthCheck.too_slow,
        hypothesis.HealthCheck.filter_too_much,
    ]
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application(), config=CONFIG)


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """Django closes the database connection when a request ends, which on PostgreSQL would end the
    test's transaction too: keep it open while the test runs, as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _unthrottled(settings: Any) -> None:
    """The throttle would answer 429 after a few dozen examples; 429 stays documented all the same."""
    settings.API_RATE = "100000/min"


_ALICE: dict[str, str] = {}
"""alice's session key while the signed-in test runs (the auth provider reads it from here)."""


@pytest.fixture
def alice_signed_in(db: None, example_data: dict[str, Any]) -> Iterator[None]:
    alice = User.objects.create_user("alice", "alice@example.org", "correct horse battery staple")
    SavedProfile.objects.create(pk=ALICES_PROFILE, owner=alice, name="Alice's internist", data=example_data)
    client = Client()
    client.force_login(alice)
    _ALICE["sessionid"] = client.cookies["sessionid"].value
    yield
    _ALICE.clear()


class AliceSession:
    """alice's session cookie and a CSRF token, as her browser sends them: given to schemathesis as
    credentials, so that it can also leave them out and expect the 401 the document promises."""

    def get(self, case: Case[Any], context: schemathesis.AuthContext) -> str | None:
        return _ALICE.get("sessionid")

    def set(self, case: Case[Any], data: str, context: schemathesis.AuthContext) -> None:
        case.cookies.update(sessionid=data, csrftoken=CSRF_TOKEN)
        case.headers["X-CSRFToken"] = CSRF_TOKEN


PLAIN = {"Accept-Encoding": "identity"}
"""Schemathesis's in-process transport sends requests' default ``Accept-Encoding: gzip, deflate`` but
does not decode what comes back; the answers are asked for uncompressed (gzip is tested in
tests/web/test_web_compression.py)."""


@schema.parametrize()
@RELAXED
def test_the_api_keeps_its_contract_for_anonymous_visitors(db: None, case: Case[Any]) -> None:
    case.call_and_validate(headers=PLAIN)


@schema.auth(AliceSession, refresh_interval=None)
@schema.parametrize()
@RELAXED
def test_the_api_keeps_its_contract_for_a_signed_in_user(alice_signed_in: None, case: Case[Any]) -> None:
    case.call_and_validate(headers=PLAIN)
