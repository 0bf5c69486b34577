from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.orgs.access import roles_of


def home(request: HttpRequest) -> HttpResponse:
    memberships = roles_of(request.user) if request.user.is_authenticated else []
    return render(request, "site/home.html", {"memberships": memberships})
