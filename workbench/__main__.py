import sys

from workbench.launch import main

sys.exit(main())
