"""``python -m khulasa``: the same as the ``khulasa`` command."""

import sys

from khulasa.cli import main

sys.exit(main())
