"""`python -m bot` runs the trustbot command line."""

import sys

from .cli import main

sys.exit(main())
