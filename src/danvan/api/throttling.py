"""Rate limits of the API: each token may make `settings.API_RATE` requests (default "600/min").

The counts live in Django's cache: Redis when REDIS_URL is set, which every worker process shares;
the in-process default cache counts per process. A request over the limit gets 429 with
`Retry-After` and a Vietnamese message in the contract's error shape.
"""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def __init__(self) -> None:
        super().__init__(rate=settings.API_RATE)

    def allow_request(self, request: HttpRequest) -> bool:
        # the rate is read on every request, so a changed setting applies without a restart of this object
        self.rate = settings.API_RATE
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        key = getattr(request, "api_token_hash", None)  # set by accounts.tokens.token_user
        if key is None:  # not a token request (the Swagger page): nothing to count
            return None
        return self.cache_format % {"scope": self.scope, "ident": key[:32]}
