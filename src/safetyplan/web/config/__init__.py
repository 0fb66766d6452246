"""Django project configuration: settings per environment, URLs, WSGI entry point."""
