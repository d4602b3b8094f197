from django import template

from dashboard.figures import chart_drawing, dashboard

register = template.Library()


@register.inclusion_tag("admin/dashboard/dashboard.html", takes_context=True)
def staff_dashboard(context):
    """The dashboard for whoever is signed in (admin index, above the list of models)."""
    data = dashboard(context["request"].user)
    if "chart" in data:
        data["drawing"] = chart_drawing(data["chart"])
    return data
