"""The profile wizard: no account, no JavaScript, the engine's validation, errors beside the field."""

from __future__ import annotations

from typing import Any

from django.test import Client

from imgpath.web.lib.session import PROFILE_KEY


def _management(prefix: str, total: int, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _profile(client: Client) -> dict[str, Any]:
    return dict(client.session[PROFILE_KEY])


def _error_after(page: str, field_id: str) -> str:
    """The error paragraph that follows the field with this id (errors sit beside their field)."""
    start = page.index(f'id="{field_id}"')
    return page[start : page.index("</div>", start)]


def test_each_step_renders_with_labels(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "new"})
    for step in ("school", "exams", "training", "practice", "offer"):
        response = anonymous.get(f"/profile/{step}/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "<label for=" in page
        assert 'aria-current="step"' in page


def test_valid_answers_are_kept_in_the_session_and_lead_on(anonymous: Client) -> None:
    response = anonymous.post(
        "/profile/school/",
        {
            "citizenship": "in, gb",
            "medical_school__country": "in",
            "medical_school__graduated": "2012-05",
            "ecfmg": "yes",
            "ecfmg_certified": "2021-03-10",
            "next": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/profile/exams/"
    assert _profile(anonymous) == {
        "citizenship": ["IN", "GB"],
        "medical_school": {"country": "IN", "graduated": "2012-05"},
        "ecfmg_certified": "2021-03-10",
    }


def test_a_month_out_of_the_calendar_is_refused_beside_its_field(anonymous: Client) -> None:
    response = anonymous.post(
        "/profile/school/", {"medical_school__country": "IN", "medical_school__graduated": "2012-13"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "&#x27;2012-13&#x27; is not a date of the calendar" in _error_after(
        page, "id_medical_school__graduated"
    )
    assert PROFILE_KEY not in anonymous.session or not anonymous.session[PROFILE_KEY]


def test_an_unknown_country_is_named_beside_its_field_with_suggestions(anonymous: Client) -> None:
    response = anonymous.post("/profile/school/", {"medical_school__country": "Egipt"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "We do not know &#x27;Egipt&#x27;: did you mean Egypt?" in _error_after(
        page, "id_medical_school__country"
    )
    # the summary at the top names the field and links to it
    assert '<a href="#id_medical_school__country">Country of your medical school</a>: We do not know' in page


def test_exams_step_writes_passed_and_not_passed(anonymous: Client) -> None:
    data = {
        "exams__usmle_step1__status": "passed",
        "exams__usmle_step1__passed": "2019-03-01",
        "exams__usmle_step1__attempts": "1",
        "exams__usmle_step3__status": "not_passed",
    }
    assert anonymous.post("/profile/exams/", data).status_code == 302
    assert _profile(anonymous)["exams"] == {
        "usmle_step1": {"passed": "2019-03-01", "attempts": 1},
        "usmle_step3": None,
    }


def test_exam_errors_show_beside_the_exam(anonymous: Client) -> None:
    data = {"exams__usmle_step1__status": "passed", "exams__usmle_step1__passed": "Marhc 2019"}
    page = anonymous.post("/profile/exams/", data).content.decode()
    assert "is not a date we can read" in _error_after(page, "id_exams__usmle_step1__passed")


def test_training_rows_without_javascript(anonymous: Client) -> None:
    data = {
        **_management("training", 1),
        "training-0-country": "IN",
        "training-0-kind": "residency",
        "training-0-start": "2012-07",
        "training-0-end": "2015-06",
        "training-0-completed": "yes",
        "us_gme_years": "0",
    }
    assert anonymous.post("/profile/training/", data).status_code == 302
    profile = _profile(anonymous)
    assert profile["training"] == [
        {"country": "IN", "kind": "residency", "start": "2012-07", "end": "2015-06", "completed": True}
    ]
    assert profile["us_gme_years"] == 0
    # the step now shows the saved row and one empty row for another period
    page = anonymous.get("/profile/training/").content.decode()
    assert 'name="training-TOTAL_FORMS" value="2"' in page


def test_a_row_error_sits_beside_that_rows_field(anonymous: Client) -> None:
    data = {**_management("training", 2), "training-1-country": "IN", "training-1-end": "2015-06"}
    page = anonymous.post("/profile/training/", data).content.decode()
    assert "give the period" in _error_after(page, "id_training-1-start")


def test_practice_and_licenses(anonymous: Client) -> None:
    data = {
        **_management("practice", 1),
        **_management("licenses", 1),
        "practice-0-country": "IN",
        "practice-0-start": "2015-07",
        "licenses-0-jurisdiction": "in",
        "licenses-0-status": "active",
        "licenses-0-discipline": "no",
    }
    assert anonymous.post("/profile/practice/", data).status_code == 302
    profile = _profile(anonymous)
    assert profile["practice"] == [{"country": "IN", "start": "2015-07"}]
    assert profile["licenses"] == [{"jurisdiction": "IN", "status": "active", "discipline": False}]


def test_no_job_offer_is_said_as_null_and_finishing_shows_results(anonymous: Client) -> None:
    response = anonymous.post(
        "/profile/offer/",
        {"has_offer": "no", "immigration__status": "abroad", "preferences__states": "TN FL", "finish": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/results/"
    profile = _profile(anonymous)
    assert profile["job_offer"] is None
    assert profile["immigration"] == {"status": "abroad"}
    assert profile["preferences"] == {"states": ["TN", "FL"]}


def test_a_job_offer_in_an_unknown_state_is_named_with_suggestions(anonymous: Client) -> None:
    page = anonymous.post(
        "/profile/offer/", {"has_offer": "yes", "job_offer__state": "Tenn"}
    ).content.decode()
    assert "did you mean Tennessee?" in _error_after(page, "id_job_offer__state")


def test_going_through_the_wizard_keeps_facts_it_does_not_ask(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "example"})
    before = _profile(anonymous)
    page = anonymous.get("/profile/school/").content.decode()
    assert 'value="May 2012"' in page  # read back in words, as typed
    assert 'value="India"' in page
    anonymous.post(
        "/profile/school/",
        {
            "citizenship": "IN",
            "medical_school__country": "IN",
            "medical_school__graduated": "2012-05",
            "ecfmg": "yes",
            "ecfmg_certified": "2021-03-10",
        },
    )
    assert _profile(anonymous) == before


def test_importing_a_bad_profile_names_the_line_and_field(anonymous: Client) -> None:
    response = anonymous.post(
        "/profile/", {"action": "import", "text": "medical_school:\n  country: India\n"}
    )
    page = response.content.decode()
    assert "line 2" in page
    assert "medical_school.country" in page


def test_importing_a_good_profile_shows_results(anonymous: Client) -> None:
    response = anonymous.post("/profile/", {"action": "import", "text": "citizenship: [NG]\n"})
    assert response.status_code == 302
    assert response["Location"] == "/results/"
    assert _profile(anonymous) == {"citizenship": ["NG"]}


def test_forgetting_the_profile_clears_the_session(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "example"})
    anonymous.post("/profile/forget/")
    assert not _profile(anonymous)


def test_an_unknown_step_is_404(anonymous: Client) -> None:
    assert anonymous.get("/profile/nope/").status_code == 404


def test_the_wdoms_listing_is_asked_and_needs_the_school_country(anonymous: Client) -> None:
    page = anonymous.post("/profile/school/", {"medical_school__listed_in_wdoms": "yes"}).content.decode()
    assert "Field required" in _error_after(page, "id_medical_school__country")
    anonymous.post(
        "/profile/school/", {"medical_school__country": "NG", "medical_school__listed_in_wdoms": "yes"}
    )
    assert _profile(anonymous)["medical_school"] == {"country": "NG", "listed_in_wdoms": True}


def test_the_check_date_can_be_chosen(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "example"})
    anonymous.post("/profile/offer/", {"has_offer": "no", "as_of": "2027-01"})
    assert _profile(anonymous)["as_of"] == "2027-01"
    page = anonymous.get("/results/").content.decode()
    assert 'datetime="2027-01-01"' in page


def test_a_pass_without_a_date_is_kept_as_passed_and_failed_attempts_are_kept(anonymous: Client) -> None:
    assert anonymous.post("/profile/exams/", {"exams__usmle_step1__status": "passed"}).status_code == 302
    assert _profile(anonymous)["exams"] == {"usmle_step1": {"passed": True}}  # passed, date not remembered
    data = {"exams__usmle_step3__status": "not_passed", "exams__usmle_step3__attempts": "2"}
    assert anonymous.post("/profile/exams/", data).status_code == 302
    assert _profile(anonymous)["exams"] == {"usmle_step3": {"attempts": 2}}
    page = anonymous.get("/profile/exams/").content.decode()
    assert 'name="exams__usmle_step1__passed"' in page


def test_periods_given_in_years_residence_and_documents_are_saved(anonymous: Client) -> None:
    data = {
        **_management("training", 1),
        "training-0-country": "SY",
        "training-0-kind": "residency",
        "training-0-years": "4",
        "training-0-completed": "yes",
    }
    assert anonymous.post("/profile/training/", data).status_code == 302
    assert _profile(anonymous)["training"] == [
        {"country": "SY", "kind": "residency", "years": 4.0, "completed": True}
    ]
    offer = {
        "has_offer": "no",
        "immigration__status": "refugee",
        "lives_in_us": "yes",
        "residence__state": "mi",
        "residence__since": "2024-06",
    }
    assert anonymous.post("/profile/offer/", offer).status_code == 302
    assert _profile(anonymous)["residence"] == {"state": "MI", "since": "2024-06"}
    assert _profile(anonymous)["immigration"] == {"status": "refugee"}
    documents = {
        "credentials__dean_recommendation": "no",
        "credentials__specialty_board_certification": "yes",
    }
    assert anonymous.post("/profile/documents/", documents).status_code == 302
    assert _profile(anonymous)["credentials"] == {
        "dean_recommendation": False,
        "specialty_board_certification": True,
    }
    page = anonymous.get("/profile/documents/").content.decode()
    assert "I don&#x27;t know" in page or "I don't know" in page


def test_a_profile_file_can_be_uploaded(anonymous: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("me.json", b'{"citizenship": ["PK"]}', content_type="application/json")
    response = anonymous.post("/profile/", {"action": "import", "file": upload})
    assert response.status_code == 302
    assert _profile(anonymous) == {"citizenship": ["PK"]}
    huge = SimpleUploadedFile("big.yaml", b"#" * 200_000)
    page = anonymous.post("/profile/", {"action": "import", "file": huge}).content.decode()
    assert "too large" in page


def test_the_whole_wizard_writes_the_example_profile(anonymous: Client, example_data: dict[str, Any]) -> None:
    """Typed in by hand, step by step, the example gives the example's profile and its TN result."""
    anonymous.post("/profile/", {"action": "new"})
    steps: list[tuple[str, dict[str, str]]] = [
        (
            "school",
            {
                "citizenship": "IN",
                "medical_school__country": "IN",
                "medical_school__graduated": "2012-05",
                "ecfmg": "yes",
                "ecfmg_certified": "2021-03-10",
            },
        ),
        (
            "exams",
            {
                "exams__usmle_step1__status": "passed",
                "exams__usmle_step1__passed": "2019-03-01",
                "exams__usmle_step1__attempts": "1",
                "exams__usmle_step2_ck__status": "passed",
                "exams__usmle_step2_ck__passed": "2019-09-01",
                "exams__usmle_step2_ck__attempts": "1",
                "exams__usmle_step2_ck__score": "245",
                "exams__usmle_step3__status": "not_passed",
                "exams__oet_medicine__status": "passed",
                "exams__oet_medicine__passed": "2020-01-15",
            },
        ),
        (
            "training",
            {
                **_management("training", 1),
                "training-0-country": "IN",
                "training-0-kind": "residency",
                "training-0-specialty": "internal_medicine",
                "training-0-start": "2012-07",
                "training-0-end": "2015-06",
                "training-0-completed": "yes",
                "us_gme_years": "0",
            },
        ),
        (
            "practice",
            {
                **_management("practice", 1),
                **_management("licenses", 1),
                "practice-0-country": "IN",
                "practice-0-start": "2015-07",
                "practice-0-end": "2024-12",
                "licenses-0-jurisdiction": "IN",
                "licenses-0-status": "active",
                "licenses-0-discipline": "no",
            },
        ),
        (
            "offer",
            {
                "has_offer": "yes",
                "job_offer__state": "TN",
                "job_offer__employer_type": "hospital",
                "job_offer__full_time": "yes",
                "job_offer__shortage_area": "yes",
                "job_offer__acgme_sponsor": "yes",
                "immigration__status": "abroad",
                "immigration__work_authorized": "no",
                "preferences__states": "TN, FL, IL",
                "preferences__specialties": "internal_medicine",
                "preferences__budget_usd": "8000",
                "as_of": "2026-11-25",
            },
        ),
    ]
    for step, answers in steps:
        assert anonymous.post(f"/profile/{step}/", answers).status_code == 302, step
    assert _profile(anonymous) == example_data
    page = anonymous.get("/results/?state=TN").content.decode()
    assert "Foreign training license of limited duration" in page


def test_the_personas_routes_are_rarely_unknown_and_never_on_a_question_the_wizard_skips() -> None:
    """Issue 8's measure (scripts/unknown_report.py): of the in-force alternative, limited and
    assistant routes, at most 15% answer unknown for the twelve personas, and none of those rests
    only on a profile fact the wizard never asks."""
    import importlib.util
    from collections import Counter
    from datetime import date
    from pathlib import Path

    script = Path(__file__).parents[3] / "scripts" / "unknown_report.py"
    spec = importlib.util.spec_from_file_location("unknown_report", script)
    assert spec is not None
    assert spec.loader is not None
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    counts, unanswerable = report.measure(date(2026, 12, 2))
    assert len(counts) >= 12
    total: Counter[str] = sum(counts.values(), Counter())
    assert total["unknown"] <= 0.15 * sum(total.values()), total
    assert unanswerable == []


def test_an_imported_alias_bomb_is_refused_on_the_page(anonymous: Client) -> None:
    """Issue 9: a 500-byte import that expands to millions of values must not hold a worker."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 7)]
    response = anonymous.post("/profile/", {"action": "import", "text": "\n".join(levels)})
    assert response.status_code == 400  # the form again, with the error
    assert "aliases" in response.content.decode()
