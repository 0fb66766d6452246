"""Who changed what, when: one change log for goals, activities and priorities."""
