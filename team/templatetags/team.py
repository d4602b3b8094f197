"""The team where other apps' pages show it (a clinic's page): from the shared list, no query."""

from django import template

from locations.models import footer_clinics
from team.models import team_members, with_links
from team.structured_data import person_reference

register = template.Library()


@register.simple_tag
def team_at(clinic) -> list:
    """The clinicians who work at this clinic, those taking new patients first."""
    members = [m for m in with_links(team_members(), footer_clinics()) if clinic in m.clinic_list]
    return sorted(members, key=lambda m: not m.accepting_new_patients)


@register.filter
def with_employees(node: dict, members) -> dict:
    """A clinic's schema.org node with its clinicians as `employee`."""
    if not members:
        return node
    return {**node, "employee": [person_reference(member) for member in members]}
