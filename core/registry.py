"""Functions that an app higher in the import layers hands to a lower one, by
name, from its AppConfig.ready(): the lower app calls them without importing the
higher (the personal data export's sections, an e-mail's attachments, the
dashboard's extra figures, the periodic jobs)."""


class Registry(dict):
    """{name: function}, in registration order; `register` is also a decorator."""

    def register(self, name: str, function=None):
        if function is not None:
            self[name] = function
            return function

        def decorator(function):
            self[name] = function
            return function

        return decorator
