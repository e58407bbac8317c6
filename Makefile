# Every tool comes through go.mod: `go tool opa` is the OPA CLI at the version
# the engine embeds, so policies are checked by the same OPA that runs them.
GO  ?= go
OPA := $(GO) tool opa

.PHONY: help build test test-go test-policies lint bench fuzz sarif-multitool

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## Build ./tms
	$(GO) build -o tms ./cmd/tms

test: lint test-policies test-go ## Run every check and test

lint: ## gofmt and go vet
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would rewrite:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# The tutorial's team rule is checked with the library it builds on.
REGO := policies docs/custom-rules

test-policies: ## opa fmt, opa check --strict and opa test (90 % coverage) on the policies
	@out=$$($(OPA) fmt -l $(REGO)); if [ -n "$$out" ]; then echo "opa fmt would rewrite:"; echo "$$out"; exit 1; fi
	$(OPA) check --strict --schema engine/schema/input.schema.json $(REGO)
	$(OPA) test $(REGO) --coverage --threshold 90 --format json > /dev/null || { $(OPA) test $(REGO) -v; exit 1; }
	$(OPA) test $(REGO)

test-go: sarif-multitool ## go test -race on every package
	SARIF_MULTITOOL="$(SARIF_MULTITOOL)" $(GO) test -race ./...

# The SARIF Multitool validates tms's SARIF as GitHub code scanning would. It
# comes from the npm registry at the version engine/testdata/sarif-multitool
# locks; without npm its test is skipped, unless REQUIRE_SARIF_MULTITOOL is
# set (as .ci/run sets it).
SARIF_LOCK      := engine/testdata/sarif-multitool/package-lock.json
SARIF_DIR       := $(CURDIR)/.cache/sarif-multitool
SARIF_BIN       := $(SARIF_DIR)/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
SARIF_MULTITOOL := $(if $(shell command -v npm),$(SARIF_BIN))

sarif-multitool: ## Install the SARIF Multitool from npm, for the SARIF validation test
ifeq ($(SARIF_MULTITOOL),)
	@if [ -n "$$REQUIRE_SARIF_MULTITOOL" ]; then echo "npm is needed for the SARIF Multitool"; exit 1; fi
	@echo "npm not found: the SARIF Multitool validation will be skipped"
else
	@if ! cmp -s $(SARIF_LOCK) $(SARIF_DIR)/package-lock.json || [ ! -x $(SARIF_BIN) ]; then \
		mkdir -p $(SARIF_DIR) && cp engine/testdata/sarif-multitool/package*.json $(SARIF_DIR)/ && \
		npm ci --prefix $(SARIF_DIR) --no-audit --no-fund --loglevel error; \
	fi
endif

bench: ## Benchmarks of extraction and evaluation
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz: ## Fuzz each parser for 30 s
	@for pkg in $$($(GO) list ./extractors/...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 30s $$pkg || exit 1; \
		done; \
	done
