"""Shared web pieces: base templates, security headers, the locally served chart bundle."""
