"""The plan in the database: seeded from the plan file, goals and targets editable with history."""
