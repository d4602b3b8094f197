from django import template

from insurance.models import plans_at

register = template.Library()


@register.simple_tag
def plans_taken_at(clinic):
    """(plan, note) pairs for the plans this clinic takes, from the shared list: no query."""
    return plans_at(clinic.pk)
