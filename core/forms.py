"""Behaviour shared by the apps' forms."""


class AutocompleteMixin:
    """Fields about the person filling in the form say what they hold (WCAG 1.3.5),
    so that browsers and assistive tools can fill them in.

    `autocomplete` maps a field's name to its HTML token ("name", "email", …).
    """

    autocomplete: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in self.autocomplete.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = token
