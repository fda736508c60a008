# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check bench lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

WEB := DEBUG=true $(BIN)/python -m imgpath.web

## run: set up, prepare the embedded SQLite database (with demo content), start the web app
run: $(STAMP)
	$(BIN)/python -m imgpath.web.catalogues --stale
	$(WEB) migrate --noinput -v0
	$(WEB) demo
	$(WEB) rule_alerts  # alerts whose plans a rulebook update touched (docs/alerts.md); the first run records the rules
	@echo "IMG Pathways is starting on http://127.0.0.1:8000/ (Ctrl-C stops it)"
	TASKS_IN_PROCESS=true $(WEB) runserver 127.0.0.1:8000  # cohort checks in a thread (docs/cohort.md)

## test: set up, then run the whole test suite on SQLite, then the web suite on PostgreSQL if reachable
test: $(STAMP)
	$(BIN)/python -m imgpath.web.catalogues --stale
	$(BIN)/python -m pytest
	$(BIN)/python scripts/postgres_suite.py

## check: lint, type-check (strict, with the Django and pydantic plugins), check the layers' imports and
## the translations of the messages and of the rulebook's words
check: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports  # the layers of design.md (pyproject's [tool.importlinter])
	$(BIN)/python scripts/check_catalogues.py  # every message translated, placeholders and formats kept
	$(BIN)/python scripts/rulebook_catalogue.py --check  # the rulebook's words people read, in es and ar

## bench: print the speed figures of the engine, the planner, the web app under load and the
## observership rounds, and how often the personas' in-force routes still answer unknown
bench: $(STAMP)
	$(BIN)/python benchmarks/engine.py
	$(BIN)/python benchmarks/planner.py
	-$(BIN)/python benchmarks/web.py  # a missed goal is printed; the report below still runs
	-$(BIN)/python benchmarks/answers.py  # issue 12: full and summary answers, sizes and throughput
	-$(BIN)/python benchmarks/mentors.py  # issue 13: 50,000 mentee requests, 10,000 mentors; K-best gap
	-$(BIN)/python benchmarks/finder.py  # issue 11: search over 100,000 listings, SQLite and PostgreSQL
	-$(BIN)/python benchmarks/simulator.py  # issue 13: one changed route over 100,000 synthetic profiles
	-$(BIN)/python benchmarks/rounds.py  # issue 13: observership rounds against matching 1.4.3, NRMP size
	-$(BIN)/python benchmarks/cohort.py  # issue 13: 100,000 synthetic people against every route, 2 workers
	$(BIN)/python scripts/unknown_report.py
	$(BIN)/python benchmarks/before_after.py $$(command -v valgrind >/dev/null && echo --instructions)  # issue 10: before and after, in one run

## lock: re-pin dependencies after editing pyproject.toml (needs network to the package index)
lock:
	$(PYTHON) -m pip install --quiet uv && $(PYTHON) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
