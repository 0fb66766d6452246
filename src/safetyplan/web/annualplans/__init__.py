"""The annual plan (jaarschijf): per year the activities that carry out the plan."""
