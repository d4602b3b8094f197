"""Response headers Django does not set itself: who may embed our files, what the page may use.

Content-Security-Policy, HSTS, nosniff, the referrer and opener policies come from Django's own
settings (see Security in settings.py); these two complete the set.
"""

# The site never uses these browser features; saying so stops any script or frame from asking.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "geolocation", "gyroscope", "interest-cohort", "magnetometer", "microphone", "midi",
        "payment", "usb",
    )
)  # fmt: skip


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Our pages and files are for our pages only: no other site may load them as resources.
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
