from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.orgs.access import roles_of
from danvan.site.workspace import workspace_of


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: the workspace (what needs the person now), the public library one click away.
    Otherwise: what the platform is, and the library of recognised models."""
    if not request.user.is_authenticated:
        return render(request, "site/home.html", {})
    context = {"memberships": roles_of(request.user), "space": workspace_of(request.user)}
    return render(request, "site/workspace.html", context)
