"""Start the Article Inspector GUI: ``python app.py [PATH...]``.

``python app.py --screenshot OUT.png [PATH]`` renders the window after loading
and exits.  See ``python app.py --help``.
"""

import sys

from inspector.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
