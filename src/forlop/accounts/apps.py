from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        # Every login, whichever path made it (our views, the admin, the test
        # client), starts the session clocks the session middleware checks.
        user_logged_in.connect(_start_session_clocks, dispatch_uid="forlop-session-clocks")


def _start_session_clocks(sender, request, user, **kwargs):
    from forlop.accounts.sessions import stamp_new_session

    if request is not None and hasattr(request, "session"):
        stamp_new_session(request.session)
