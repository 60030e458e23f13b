"""Cross-outlet claim alignment: do two sentences report one claim, contradict, or neither?

One judge answers the question everywhere Khulasa asks it (attribution of summary sentences,
conflicts in facts), instead of one lexical threshold per feature.

>>> from khulasa.align import default_judge
>>> verdict = default_judge().judge(
...     "أعلنت وزارة الداخلية مقتل 27 شخصا في الانفجار",
...     "أعلنت وزارة الداخلية مقتل 30 شخصا في الانفجار")
>>> verdict.label, verdict.evidence.conflicting_numbers
('contradicts', (('27 شخصا', '30 شخصا'),))
"""

from khulasa.align.features import Evidence
from khulasa.align.judge import LABELS, Judge, Verdict, default_judge

__all__ = ["LABELS", "Evidence", "Judge", "Verdict", "default_judge"]
