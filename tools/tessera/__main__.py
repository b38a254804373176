# SPDX-License-Identifier: Apache-2.0
"""``python3 -m tessera``: run the command line."""

import sys

from tessera.cli import main

sys.exit(main())
