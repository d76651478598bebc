import sys

from .doors.main import main

sys.exit(main())
