"""The plan evaluation (synthetic difference-in-differences) on the goal page."""
