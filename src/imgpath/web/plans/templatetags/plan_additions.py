"""``{% add_to_plan listing %}``: the small "Add to my plan" form for a listing's page.

Load it with ``{% load plan_additions %}``; it renders ``plans/_add_to_plan.html`` with
``imgpath.web.plans.additions.add_to_plan_context``.
"""

from __future__ import annotations

from typing import Any

from django import template

from imgpath.web.opportunities.models import Listing
from imgpath.web.plans.additions import add_to_plan_context

register = template.Library()


@register.inclusion_tag("plans/_add_to_plan.html", takes_context=True)
def add_to_plan(context: template.Context, listing: Listing) -> dict[str, Any]:
    return add_to_plan_context(context["request"], listing)
