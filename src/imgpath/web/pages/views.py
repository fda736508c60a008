"""Public pages: home, the profile wizard, results, state pages and what changed.

Views only adapt: the engine decides, the rulebook holds the law, the session holds the profile.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import ValidationError

from imgpath.areas import current_areas
from imgpath.engine import NOTICE, CheckResult, Profile, parse_profile
from imgpath.planner import assume
from imgpath.rulebook import default_rulebook, rulebook_gaps, totals
from imgpath.web.lib.labels import KIND_LABELS, VERDICT_LABELS
from imgpath.web.lib.profiles import example_text, profile_to_data
from imgpath.web.lib.session import session_profile, store_profile
from imgpath.web.pages import places, shortage_map, tilemap
from imgpath.web.pages import rulebook as read_rulebook
from imgpath.web.pages import telemedicine as telemedicine_page
from imgpath.web.pages.forms import ImportForm
from imgpath.web.pages.results import (
    Filters,
    best_by_state,
    counts,
    group_routes,
    leads_nowhere,
    run_check,
    verdict_changes,
)
from imgpath.web.pages.wizard import BY_SLUG, STEPS, summary
from imgpath.yamlio import InputError

CHANGES_PER_PAGE = 100


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"kinds": KIND_LABELS})


def _refusal(error: InputError, uploaded: bool) -> SafeString:
    """Where a profile is at fault (the file's name, or the pasted text), in the reader's language, and
    what is wrong as the parser says it, marked English: the profile's format and its field names are
    English wherever it is read."""
    named = error.file if uploaded and error.file else _("Your profile")
    where = {"file": named, "line": error.line, "field": error.field}
    if error.line is not None and error.field:
        place = _("%(file)s, line %(line)s, field '%(field)s'") % where
    elif error.line is not None:
        place = _("%(file)s, line %(line)s") % where
    elif error.field:
        place = _("%(file)s, field '%(field)s'") % where
    else:
        place = str(where["file"])
    return format_html('{}: <bdi lang="en">{}</bdi>', place, error.message)


@require_http_methods(["GET", "POST"])
def profile_start(request: HttpRequest) -> HttpResponse:
    """Start fresh, try the example, or bring a profile file; then the steps."""
    form = ImportForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "new":
            store_profile(request, {})
            return redirect("wizard", step=STEPS[0].slug)
        if action == "example":
            # checked as of today on the web; the fixed as_of serves the CLI's documented output
            example = profile_to_data(parse_profile(example_text(), "example"))
            example.pop("as_of", None)
            store_profile(request, example)
            messages.info(
                request, _("The example profile is loaded: an internist from India with a Tennessee offer.")
            )
            return redirect("results")
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                if upload:  # UTF-8 as the CLI reads it: replacing bad bytes would accept what it refuses
                    try:
                        text = upload.read().decode("utf-8")
                    except UnicodeDecodeError:
                        raise InputError("not UTF-8 text", file=upload.name) from None
                else:
                    text = form.cleaned_data["text"]
                profile = parse_profile(text, upload.name if upload else "profile")
            except InputError as error:
                form.add_error("file" if upload else "text", _refusal(error, bool(upload)))
            else:
                store_profile(request, profile_to_data(profile))
                messages.success(request, _("Your profile is loaded."))
                return redirect("results")
    return render(
        request,
        "pages/profile_start.html",
        {"form": form, "steps": STEPS, "profile": session_profile(request)},
        status=400 if form.errors else 200,  # a refused import is the form again, with its error
    )


@require_http_methods(["GET", "POST"])
def wizard(request: HttpRequest, step: str) -> HttpResponse:
    current = BY_SLUG.get(step)
    if current is None:
        raise Http404
    index = STEPS.index(current)
    profile = session_profile(request)
    if request.method == "POST":
        bound = current.bind(profile, request.POST)
        updated = current.validate(profile, bound)
        if updated is not None:
            store_profile(request, updated)
            if "back" in request.POST and index > 0:
                return redirect("wizard", step=STEPS[index - 1].slug)
            if "finish" in request.POST:
                return redirect("results")
            if index == len(STEPS) - 1:
                return redirect("wizard_review")
            return redirect("wizard", step=STEPS[index + 1].slug)
        status = 400
    else:
        bound = current.bind(profile)
        status = 200
    context = {
        "step": current,
        "steps": STEPS,
        "index": index,
        "number": index + 1,
        "forms": bound,
        "count": len(STEPS) + 1,  # the review is the last step
        "previous": STEPS[index - 1] if index else None,
        "last": index == len(STEPS) - 1,
        "datalists": current.datalists(),
        "problems": bound.problems() if request.method == "POST" else [],
    }
    return render(request, "pages/wizard.html", context, status=status)


def wizard_review(request: HttpRequest) -> HttpResponse:
    """Every answer on one page, each with a link to change it, before the results."""
    profile = session_profile(request)
    context = {
        "steps": STEPS,
        "number": len(STEPS) + 1,
        "count": len(STEPS) + 1,
        "sections": summary(profile),
        "valid": _valid(profile),
    }
    return render(request, "pages/wizard_review.html", context)


def _valid(data: dict[str, Any]) -> bool:
    try:
        Profile.model_validate(data)
    except ValidationError:
        return False
    return True


def _state_names() -> dict[str, str]:
    """Each state's name in the reader's language: the wizard's (CLDR's, see ``places``)."""
    shown = places.states()
    return {
        code: shown.name(code)
        for j in read_rulebook.states(default_rulebook())
        if (code := read_rulebook.state_code(j.jurisdiction))
    }


def _session_profile_or_redirect(request: HttpRequest) -> Profile | HttpResponse:
    data = session_profile(request)
    if not data:
        messages.info(request, _("Tell us about yourself first, or try the example profile."))
        return redirect("profile_start")
    try:
        return Profile.model_validate(data)
    except ValidationError:
        messages.error(request, _("Your profile has a problem; please check each step."))
        return redirect("wizard", step=STEPS[0].slug)


WHAT_IF_EXAMS = {  # the exams' own names: proper names, the same in every language
    "usmle_step1": "USMLE Step 1",
    "usmle_step2_ck": "USMLE Step 2 CK",
    "usmle_step3": "USMLE Step 3",
    "oet_medicine": "OET Medicine",
}


def _what_if_options(profile: Profile) -> list[tuple[str, str]]:
    """The assumptions the results page offers (value as ``assume`` reads it, and what the person
    reads): the exams not passed yet and ECFMG certification; a job offer's state is chosen apart."""
    exams = profile.exams or {}
    passed = {exam for exam, found in exams.items() if found is not None and found.passed}
    options = [
        (f"{exam}=passed", _("I had passed %(exam)s") % {"exam": name})
        for exam, name in WHAT_IF_EXAMS.items()
        if exam not in passed
    ]
    if profile.ecfmg_certified in (None, False):
        options.append(("ecfmg_certified=true", _("I were ECFMG certified")))
    return options


def _what_if(
    request: HttpRequest, profile: Profile, names: dict[str, str], before: CheckResult
) -> dict[str, Any]:
    """What-if across every route: ``?offer=TN`` (a job offer there) and ``?assume=...`` among the
    offered ones; anything else in the address is ignored, never an error."""
    options = _what_if_options(profile)
    allowed = {value for value, _label in options}
    chosen = [value for value in request.GET.getlist("assume") if value in allowed]
    offer = (request.GET.get("offer") or "").upper()
    offer = offer if offer in names else ""
    assumptions = [*chosen, *([f"job_offer.state={offer}"] if offer else [])]
    found: dict[str, Any] = {"options": options, "chosen": chosen, "offer": offer, "asked": bool(assumptions)}
    if assumptions:
        try:
            assumed = assume(profile, assumptions, before.as_of)
        except InputError as error:
            found["error"] = str(error)
        else:
            found["changes"] = verdict_changes(before, run_check(assumed, default_rulebook()))
    return found


def results(request: HttpRequest) -> HttpResponse:
    profile = _session_profile_or_redirect(request)
    if isinstance(profile, HttpResponse):
        return profile
    rulebook = default_rulebook()
    names = _state_names()
    result = run_check(profile, rulebook)
    filters = Filters.from_query(request.GET.dict(), set(names))
    # the rendered map and routes depend only on these: rendering them is most of the page's cost
    fingerprint = json.dumps(
        [session_profile(request), result.as_of.isoformat(), filters.state, filters.kind, filters.verdict],
        sort_keys=True,
        default=str,
    )
    kept = [r for r in result.results if filters.keep(r)]
    shown = [r for r in kept if r.applies]
    apart = [r for r in kept if not r.applies]  # a visa for a citizen is not a failure: listed apart
    preferred = [
        code for code in (profile.preferences.states if profile.preferences else []) if code in names
    ]
    # the map follows the Kind filter; a limited license leading to no full license is marked apart
    best = best_by_state(result, rulebook, filters.kind)
    labels = {}
    for code, name in names.items():
        colour = best.get(code)
        said = VERDICT_LABELS[colour.verdict] if colour and colour.verdict else _("no routes")
        if colour and colour.limited_only:
            said = _("%(verdict)s; %(limited)s with a limited license that leads to no full license") % {
                "verdict": said,
                "limited": VERDICT_LABELS[colour.limited_only],
            }
        labels[code] = f"{name}: {said}"
    hrefs = {code: f"{reverse('results')}{filters.query(state=code)}#routes" for code in names}
    context = {
        "as_of": result.as_of,
        "routes": shown,
        "groups": group_routes(shown, preferred, names, lambda route: leads_nowhere(route, rulebook)),
        "preferred": preferred,
        "apart": apart,
        "total": len(result.results),
        "counts": counts(shown),
        "filters": filters,
        "bookmark": f"{reverse('results')}{filters.query()}",
        "states": sorted(names.items(), key=lambda item: places.key(item[1])),
        "kinds": KIND_LABELS,
        "verdicts": VERDICT_LABELS,
        "tiles": tilemap.tiles(
            names,
            {k: v.verdict.value if v.verdict else None for k, v in best.items()},
            labels,
            hrefs,
            marks={k: "limited-only" for k, v in best.items() if v.limited_only},
        ),
        "map_kind": filters.kind,
        "map_width": tilemap.WIDTH,
        "map_height": tilemap.HEIGHT,
        "state_names": names,
        "notice": NOTICE,
        "shows_verdict": True,
        "what_if": _what_if(request, profile, names, result),
        "fingerprint": hashlib.sha256(fingerprint.encode()).hexdigest(),
    }
    return render(request, "pages/results.html", context)


def explain(request: HttpRequest, pathway_id: str) -> HttpResponse:
    """One route for the session's profile, clause by clause (the CLI's ``imgpath explain``)."""
    profile = _session_profile_or_redirect(request)
    if isinstance(profile, HttpResponse):
        return profile
    rulebook = default_rulebook()
    try:
        rulebook.pathway(pathway_id)
    except KeyError:
        raise Http404 from None
    result = run_check(profile, rulebook)
    route = next(r for r in result.results if r.pathway == pathway_id)
    rows = [(depth - 1, node) for depth, node in route.root.walk()[1:]]
    context = {"route": route, "rows": rows, "as_of": result.as_of, "state_names": _state_names()}
    return render(request, "pages/explain.html", context)


def state_detail(request: HttpRequest, code: str) -> HttpResponse:
    rulebook = default_rulebook()
    jurisdiction = rulebook.jurisdictions.get(f"US-{code.upper()}")
    if jurisdiction is None:
        raise Http404
    today = date.today()
    verdicts: dict[str, Any] = {}
    data = session_profile(request)
    if data:
        try:
            profile = Profile.model_validate(data)
        except ValidationError:
            profile = None
        if profile is not None:
            found = run_check(profile, rulebook, states=[code.upper()])
            verdicts = {r.pathway: r for r in found.results if r.jurisdiction == jurisdiction.jurisdiction}
    routes = [
        {
            "pathway": pathway,
            "kind": KIND_LABELS.get(pathway.kind, pathway.kind.value),
            "current": read_rulebook.latest_event(pathway, today),
            "criteria": read_rulebook.criterion_rows(rulebook.route(pathway.id)),
            "fees": read_rulebook.fee_rows(pathway, today),
            "result": verdicts.get(pathway.id),
            "steps": [rulebook.step_name(s) for s in pathway.application_steps],
        }
        for pathway in jurisdiction.pathways
    ]
    return render(
        request,
        "pages/state.html",
        {
            "jurisdiction": jurisdiction,
            "code": code.upper(),
            "routes": routes,
            "verdicts": VERDICT_LABELS,
            "shows_verdict": bool(verdicts),
        },
    )


def state_index(request: HttpRequest) -> HttpResponse:
    """Every state by its name in the reader's language, in the order the reader reads names."""
    routes = {
        code: len(j.pathways)
        for j in read_rulebook.states(default_rulebook())
        if (code := read_rulebook.state_code(j.jurisdiction))
    }
    rows = [(code, name, routes[code]) for code, name in places.states().options() if code in routes]
    return render(request, "pages/states.html", {"rows": rows})


def shortage_areas(request: HttpRequest) -> HttpResponse:
    """The map of new state laws, Conrad 30 programs and shortage-area counties, with its table."""
    day = date.today()
    areas = current_areas()
    rows = shortage_map.state_rows(default_rulebook(), areas, day)
    sources = sorted((t.source for t in areas.tables.values()), key=lambda s: s.kind.value)
    return render(
        request,
        "pages/shortage_areas.html",
        {
            "rows": rows,
            "sources": sources,
            "demo": areas.demo,
            "day": day,
            "map_width": tilemap.WIDTH,
            "map_height": tilemap.HEIGHT,
        },
    )


def changes(request: HttpRequest) -> HttpResponse:
    """Rulebook changes by date, newest first; ``?state=TN`` narrows to one state."""
    rulebook = default_rulebook()
    names = _state_names()
    state = (request.GET.get("state") or "").upper()
    found = read_rulebook.changes(rulebook)
    if state in names:
        found = [c for c in found if c.jurisdiction == f"US-{state}"]
    else:
        state = ""
    today = date.today()
    gaps = [g for g in rulebook_gaps(rulebook, today) if not state or g.jurisdiction == f"US-{state}"]
    page = Paginator(found, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    groups: list[tuple[date, list[read_rulebook.RulebookChange]]] = []
    for change in page.object_list:
        if groups and groups[-1][0] == change.day:
            groups[-1][1].append(change)
        else:
            groups.append((change.day, [change]))
    return render(
        request,
        "pages/changes.html",
        {
            "groups": groups,
            "gaps": totals(gaps),
            "page": page,
            "today": today,
            "state": state,
            "states": sorted(names.items(), key=lambda item: places.key(item[1])),
        },
    )


@require_POST
def forget_profile(request: HttpRequest) -> HttpResponse:
    store_profile(request, {})
    messages.info(request, _("Your answers are cleared from this browser's session."))
    return redirect("home")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A plain explanation instead of Django's technical page (which also breaks our CSP)."""
    return render(request, "web/csrf_failure.html", status=403)


@require_http_methods(["GET", "HEAD"])
def telemedicine(request: HttpRequest) -> HttpResponse:
    """What an unlicensed IMG may and may not do in US telemedicine, with its dated sources."""
    return render(request, "pages/telemedicine.html", {"sources": telemedicine_page.SOURCES})
