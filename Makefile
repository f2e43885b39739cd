# Two entry points: `make run` (the bot, or the terminal chat without a token) and `make test`.
# Each installs what it needs.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

.PHONY: install run chat test test-sqlite test-postgres lint
install: $(STAMP)

# With a token (in the environment or .env): the bot on Telegram. Without: the coach in this
# terminal, so that a newcomer sees it at once.
run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ] || grep -qs '^TELEGRAM_BOT_TOKEN=.' .env; then \
		$(VENV)/bin/afterview run; \
	else \
		echo "No TELEGRAM_BOT_TOKEN set: here is the coach in your terminal."; \
		$(VENV)/bin/afterview chat; \
	fi

chat: $(STAMP)
	$(VENV)/bin/afterview chat

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# The suite on SQLite, then on PostgreSQL: .ci/with-postgres starts a throwaway cluster (and
# removes it), or says plainly why it can't (no PostgreSQL installed) and skips that part,
# except with CI=true, where that is a failure. One after the other: the process tests time
# their kills and restarts, and two suites at once on two cores make them flaky.
# (`make -j2 -O test-sqlite test-postgres` runs both at once where there are cores to spare.)
test: lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(STAMP)
	$(VENV)/bin/pytest

test-postgres: $(STAMP)
	.ci/with-postgres $(VENV)/bin/pytest
