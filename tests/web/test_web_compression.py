"""Answers are gzipped for a client that accepts gzip, and only for one: pages, the API's JSON (the
full check answer is about a megabyte), and every such answer says Vary: Accept-Encoding so that a
cache never hands a compressed answer to a client that cannot read it."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from django.test import Client

BROWSER = "gzip, deflate, br, zstd"


def _vary(response: Any) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


def _check(
    client: Client, body: dict[str, Any], url: str = "/api/v1/check", accepts: str | None = None
) -> Any:
    headers = {} if accepts is None else {"Accept-Encoding": accepts}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


@pytest.mark.parametrize("url", ["/api/v1/check", "/api/v1/check?fields=summary", "/api/v1/plan"])
def test_an_api_answer_is_gzipped_for_a_client_that_accepts_gzip_and_reads_back_the_same(
    anonymous: Client, example_data: dict[str, Any], url: str
) -> None:
    plain = _check(anonymous, example_data, url)
    packed = _check(anonymous, example_data, url, BROWSER)
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 5
    assert gzip.decompress(packed.content) == plain.content
    assert packed["Content-Type"] == "application/json; charset=utf-8"
    assert "accept-encoding" in _vary(packed)


REFUSING = ["gzip;q=0", "gzip; q=0.0, br", "br, *;q=0", "*;q=0", "gzip;q=abc", "x-gzip;q=0, identity"]
"""Headers that name gzip (or everything) only to refuse it (RFC 9110 section 12.5.3)."""


@pytest.mark.parametrize("accepts", [None, "identity", "br", "deflate", "", *REFUSING])
def test_an_api_answer_is_sent_plain_to_a_client_that_does_not_accept_gzip(
    anonymous: Client, example_data: dict[str, Any], accepts: str | None
) -> None:
    response = _check(anonymous, example_data, accepts=accepts)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b'{"as_of": ')
    assert "accept-encoding" in _vary(response)  # the same URL may be gzipped for another client


@pytest.mark.parametrize("accepts", ["gzip;q=0.5, br;q=1", "x-gzip", "gzip;q=0.001", "br;q=0, gzip"])
def test_an_api_answer_is_gzipped_for_any_header_that_weighs_gzip_above_zero(
    anonymous: Client, example_data: dict[str, Any], accepts: str
) -> None:
    response = _check(anonymous, example_data, accepts=accepts)
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["as_of"]


def test_a_page_is_gzipped_for_a_browser_and_keeps_its_other_vary_headers(anonymous: Client) -> None:
    plain = anonymous.get("/")
    packed = anonymous.get("/", HTTP_ACCEPT_ENCODING=BROWSER)
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip"
    page = gzip.decompress(packed.content)
    assert page.startswith(b"<!DOCTYPE html>") or page.lower().startswith(b"<!doctype html>")
    assert len(packed.content) < len(plain.content)
    assert not plain.has_header("Content-Encoding")
    for response in (plain, packed):
        assert {"accept-encoding", "accept-language", "cookie"} <= _vary(response)


def test_two_gzipped_answers_of_the_same_bytes_differ_on_the_wire(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    """Django (4.2 and later) puts random bytes in the gzip header's file name, so an answer's
    compressed length does not reveal how well a secret in it compresses (BREACH)."""
    first = _check(anonymous, example_data, accepts="gzip")
    second = _check(anonymous, example_data, accepts="gzip")
    assert gzip.decompress(first.content) == gzip.decompress(second.content)
    assert first.content != second.content


def test_a_short_answer_is_not_compressed(anonymous: Client) -> None:
    """Under 200 bytes gzip would not pay: an error answer goes out as it is."""
    response = anonymous.post(
        "/api/v1/check", "[]", content_type="application/json", HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response.status_code == 422
    assert len(response.content) < 200
    assert not response.has_header("Content-Encoding")
    assert response.json()["detail"] == "a profile must be a JSON object"
