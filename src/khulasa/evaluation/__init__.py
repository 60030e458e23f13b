"""Evaluation: ROUGE against human summaries, test-set loaders, baselines and the runner.

Nothing here is needed to summarize; it measures how good the summaries are, on data the user
points at (it is not shipped with khulasa).
"""

# Kept here, free of imports, so the CLI can list them without loading the scorers.
DEFAULT_WORDS = 250
SYSTEMS = (
    "khulasa",
    "khulasa-exact",
    "lead",
    "centroid",
    "lexrank",
    "textrank",
    "lsa",
    "kl",
    "random",
    "oracle",
    "peers",
    "human",
)
