"""Documents are written in Vietnamese, the language offices sign in (Nghị định 30/2020, Hướng dẫn
36-HD/VPTW), whatever the language of the person who asks for the file: the pages follow the reader,
the documents do not."""

import functools
from collections.abc import Callable

from django.utils import translation

DOCUMENT_LANGUAGE = "vi"


def in_document_language[**P, R](build: Callable[P, R]) -> Callable[P, R]:
    """Run a document's builder with Vietnamese active (every sentence it takes from the catalogue)."""

    @functools.wraps(build)
    def written(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override(DOCUMENT_LANGUAGE):
            return build(*args, **kwargs)

    return written
