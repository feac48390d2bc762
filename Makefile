# make run   — set up .venv when missing, install, open the GUI on a bundled sample
# make test  — same set-up, then the whole test suite (Qt offscreen)
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORE_VENV := .venv-core
CORE_STAMP := $(CORE_VENV)/.installed
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test lint bench clean-venv sysdeps browser

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Qt needs a few shared libraries that minimal Debian images lack.
sysdeps:
	@if ! ldconfig -p | grep -q libxkbcommon.so.0 || ! ldconfig -p | grep -q libEGL.so.1 \
	   || ! ldconfig -p | grep -q libfontconfig.so.1 || ! fc-list 2>/dev/null | grep -q .; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	      libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
	      fontconfig fonts-dejavu-core >/dev/null; \
	  else echo "warning: Qt system libraries may be missing (need apt-get as root)"; fi; \
	fi

# A headless browser checks the review report as a reader sees it.
browser:
	@if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	    || echo "warning: chromium could not be installed; the browser test will be skipped"; \
	  else echo "warning: no chromium (need apt-get as root); the browser test will be skipped"; fi; \
	fi

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: sysdeps $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/python app.py

# The tests outside tests/gui run where PySide6 is not installed at all: the
# core must work without Qt, not only never name it (import-linter checks that).
$(CORE_STAMP): pyproject.toml tools/core_requirements.py
	rm -rf $(CORE_VENV)
	$(PY) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CORE_VENV)/bin/python tools/core_requirements.py > $(CORE_VENV)/requirements.txt
	$(CORE_VENV)/bin/python -m pip install --quiet -r $(CORE_VENV)/requirements.txt
	$(CORE_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $(CORE_STAMP)

test: sysdeps browser $(STAMP) $(CORE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/gui
	$(CORE_VENV)/bin/python -c "import importlib.util as u, sys; \
	  sys.exit(u.find_spec('PySide6') and 'PySide6 is installed in $(CORE_VENV)')"
	$(CORE_VENV)/bin/python -m pytest -q -p no:cacheprovider --ignore=tests/gui
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'

bench: bench-deps
	$(BIN)/python -m inspector bench $(DATA) --input $(INPUT)

clean-venv:
	rm -rf $(VENV) $(CORE_VENV)
