from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.collaboration"
    label = "collaboration"

    def ready(self):
        from forlop.collaboration.closure_check import CHECK
        from forlop.pathways.closure import install_closure_check

        # An agreed closure needs the complete checklist, whoever closes (ADR 50).
        install_closure_check(CHECK)
