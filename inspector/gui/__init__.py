"""The desktop GUI: the only package of Article Inspector that imports Qt.

Layout (one job per module):

``qt``          the single Qt import point (version pin lives here)
``positions``   code points ↔ Qt (UTF-16) positions — the only converter
``adapter``     turns a Document's plain-Python change notifications into Qt signals
``commands``    QUndoCommands; each changes the Document only in ``redo()``/``undo()``
``session``     one open document: Document + adapter + undo stack + save state
``tasks``       the background helper (thread pool, results delivered by signal)
``highlight``   span index and the QSyntaxHighlighter for the raw pane
``panes``       the raw and cleaned text panes and their scroll synchronisation
``spanlist``    the span table (QAbstractTableModel + QSortFilterProxyModel)
``queue``       the document queue: folders and batch files as a list with status and flags
``details``     metadata, statistics and the colour legend
``findbar``     find in either pane
``htmlsource``  the read-only HTML source around the selected span (HTML inputs)
``palette``     the colour-blind-safe category palette (Okabe–Ito)
``settings``    QSettings keys and the recent-files list
``window``      the main window: wires the parts together
``app``         ``python app.py`` / ``--screenshot``
``bench``       ``python -m inspector.gui.bench``
"""
