from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware:
    """Vietnamese unless the person chose English with the language switch: this device's cookie, or
    else the language kept with a signed-in person's account (`accounts.services.language_choose`).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officers use a
    browser set to English: they would get an English platform they never asked for.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        user = getattr(request, "user", None)
        if not chosen and user is not None and user.is_authenticated:
            chosen = getattr(user, "language", "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RefuseNulMiddleware:
    """An address holding a NUL character (%00) is refused with a 400 that says so. No name, code or
    number holds one, PostgreSQL cannot compare text with it (a query would fail with a 500), and no
    view has to check every part of the address it reads. Form fields refuse it on their own
    (Django's ProhibitNullCharactersValidator); the API's types too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            message = _("Địa chỉ trang có ký tự rỗng (NUL), không tên, mã hay số nào có. Hãy bỏ nó rồi mở lại trang.")
            if request.path.startswith("/api/"):  # the API's errors are JSON (API.md, Conventions)
                return JsonResponse({"detail": message, "errors": []}, status=400)
            return render(request, "400.html", {"exception": message}, status=400)
        return self.get_response(request)
