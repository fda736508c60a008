"""The API says its errors in the language Accept-Language asks for (Spanish, Arabic; English
otherwise, word for word as before), with the wizard's sentences; the fields keep their machine names."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

BAD_MONTH = {"medical_school": {"country": "IN", "graduated": "2012-13"}}
TYPO = {"citizenshp": ["IN"]}


def _post(client: Client, body: Any, language: str | None = None, url: str = "/api/v1/check") -> Any:
    headers = {"Accept-Language": language} if language else {}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_english_is_the_default_and_unchanged(anonymous: Client) -> None:
    response = _post(anonymous, BAD_MONTH)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "invalid profile",
        "errors": [{"field": "medical_school.graduated", "message": "'2012-13' has no month 13"}],
    }
    assert response.headers["Content-Language"] == "en"
    typo = _post(anonymous, TYPO, "en")
    assert typo.json()["errors"] == [{"field": "citizenshp", "message": "Extra inputs are not permitted"}]


@pytest.mark.parametrize(
    ("language", "detail", "message"),
    [
        ("es", "perfil no válido", "«2012-13» no tiene mes 13"),
        ("ar", "الملف الشخصي غير صالح", "لا يوجد في «2012-13» شهر رقمه 13"),
    ],
)
def test_a_bad_profile_is_answered_in_the_language_asked(
    anonymous: Client, language: str, detail: str, message: str
) -> None:
    response = _post(anonymous, BAD_MONTH, language)
    assert response.status_code == 422
    assert response.headers["Content-Language"] == language
    assert response.json() == {
        "detail": detail,
        "errors": [{"field": "medical_school.graduated", "message": message}],
    }


@pytest.mark.parametrize(
    ("language", "message"),
    [("es", "campo desconocido"), ("ar", "حقل غير معروف"), ("fr", "Extra inputs are not permitted")],
)
def test_an_unknown_field_gets_the_wizards_words(anonymous: Client, language: str, message: str) -> None:
    response = _post(anonymous, TYPO, language)
    assert response.json()["errors"] == [{"field": "citizenshp", "message": message}]


def test_a_country_code_and_a_missing_field_are_translated(anonymous: Client) -> None:
    code = _post(anonymous, {"citizenship": ["India"]}, "es-MX,es;q=0.9")
    assert code.json()["errors"] == [
        {
            "field": "citizenship[0]",
            "message": "«India» no es un código de dos letras (por ejemplo IN, o TN para un estado)",
        }
    ]
    missing = _post(anonymous, {"job_offer": {"full_time": True}}, "ar")
    assert missing.json()["errors"] == [{"field": "job_offer.state", "message": "هذا الحقل مطلوب"}]


def test_the_body_errors_are_translated(anonymous: Client) -> None:
    empty = anonymous.post("/api/v1/check", b"", content_type="application/json", HTTP_ACCEPT_LANGUAGE="es")
    assert empty.json()["detail"].startswith("el cuerpo de la solicitud está vacío")
    assert empty.json()["errors"] == [{"field": "", "message": "vacío"}]
    listed = _post(anonymous, ["IN"], "ar")
    assert listed.json() == {"detail": "يجب أن يكون الملف الشخصي كائن JSON", "errors": []}


def test_a_bad_query_is_answered_in_the_language_asked(anonymous: Client) -> None:
    response = _post(anonymous, {}, "es", url="/api/v1/check?as_of=2026-13-01")
    assert response.status_code == 422
    assert response.json()["detail"] == "datos no válidos"
    assert [e["field"] for e in response.json()["errors"]] == ["as_of"]
