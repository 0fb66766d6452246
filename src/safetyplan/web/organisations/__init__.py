"""Organisations (RVO, police unit, districts, base teams, municipalities, prosecutor) and
the role each user has in one of them."""
