"""`python -m bot` runs the trustbot command line.

May import `cli`.
"""

import sys

from .cli import main

sys.exit(main())
