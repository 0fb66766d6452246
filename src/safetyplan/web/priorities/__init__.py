"""The municipal priority matrix: each municipality's weight for each regional theme, and its
own local priorities. Each municipality edits only its own row."""
