from django.http import HttpRequest

from danvan.orgs.access import roles_of


def navigation(request: HttpRequest) -> dict[str, object]:
    """Which parts of the menu a person sees: by the roles they hold, nothing more."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": frozenset()}
    return {"nav_roles": frozenset(m.role for m in roles_of(user))}
