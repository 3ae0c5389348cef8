"""``python -m jscell``: the ``jscell`` command line (see ``jscell.cli``)."""

from __future__ import annotations

import sys

from jscell.cli import main

if __name__ == "__main__":
    sys.exit(main())
