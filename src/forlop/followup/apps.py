from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.followup"
    label = "followup"

    def ready(self):
        from django.db.models.signals import post_save

        from forlop.followup.closure_check import CHECK, tell_gp_on_closure
        from forlop.pathways.closure import install_closure_check
        from forlop.pathways.models import PathwayEvent

        # An agreed closure waits for the municipality's confirmation (ADR 59).
        install_closure_check(CHECK)
        post_save.connect(tell_gp_on_closure, sender=PathwayEvent,
                          dispatch_uid="followup.tell_gp_on_closure")
