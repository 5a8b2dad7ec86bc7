"""Response headers Django does not set itself.

Django sets X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy and
HSTS (SecurityMiddleware) and X-Frame-Options (clickjacking middleware);
django-csp sets the Content-Security-Policy. This adds:

* Permissions-Policy: no page of ours uses camera, microphone, location and the
  like, so no page (nor anything injected into one) may ask for them;
* Cross-Origin-Resource-Policy: our responses are not for other sites to embed;
* Cache-Control "no-store" on every page a signed-in user gets, unless the view
  chose otherwise: patient data must not stay in a shared browser's cache.
"""

from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("accelerometer", "autoplay", "camera", "display-capture", "geolocation",
                    "gyroscope", "magnetometer", "microphone", "midi", "payment",
                    "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
                    "xr-spatial-tracking")
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
