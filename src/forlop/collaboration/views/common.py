from django.core.exceptions import ValidationError


def refuse(form, refused: ValidationError, rename: dict | None = None) -> None:
    """A service's refusal next to the field it names (or above the form)."""
    if hasattr(refused, "error_dict"):
        for field, errors in refused.error_dict.items():
            name = (rename or {}).get(field, field)
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for message in refused.messages:
            form.add_error(None, message)
