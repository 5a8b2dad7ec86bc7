import sys

from forlop.cli import main

sys.exit(main())
