# magcheck: `make run` to use it, `make test` to check everything.
# Works on a fresh Debian machine with only Go installed: what is missing is installed here.

GO        ?= go
ADDR      ?= localhost:8000
WASM      := web/app.wasm
BIN       := bin/magcheck
BIN_FLAGS := -trimpath -ldflags='-s -w'
FUZZTIME  ?= 15m
# Chromium commands the end-to-end tests can drive; the first one found is used.
BROWSERS  := chromium chromium-browser google-chrome

.PHONY: all build wasm bin run test lint unit browser fuzz fuzz-seeds bench real clean

all: build

build: wasm bin

# app.wasm's flags, which internal/wasmbuild explains and the tests and
# make bench build with too (its TestMakefile checks they are the same):
# the collector overwrites what it frees, so Clear leaves no card data in
# freed memory; and everything but the per-sample and per-bit loops (audio,
# iso7811) is built without inlining, for a smaller page.
WASM_FLAGS := -trimpath -ldflags='-s -w -X=runtime.godebugDefault=clobberfree=1' \
	-gcflags=magcheck/...=-l -gcflags=magcheck/decoder/audio= -gcflags=magcheck/decoder/iso7811=

wasm:
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $(WASM) ./cmd/wasm

bin:
	$(GO) build $(BIN_FLAGS) -o $(BIN) ./cmd/magcheck

run: build
	@echo "magcheck: open http://$(ADDR)/ (Ctrl-C to stop)"
	./$(BIN) serve -addr $(ADDR)

# Everything: formatting, vet (native and wasm), staticcheck, module checks,
# unit tests with fuzz seed corpora, and the browser end-to-end tests.
# The browser tests take about 9 minutes on a busy two-core machine: more
# than go test's default 10-minute limit allows for.
test: lint browser build
	$(GO) test -count=1 -timeout 30m ./...

lint:
	$(GO) mod verify
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...
	$(GO) build -o bin/staticcheck honnef.co/go/tools/cmd/staticcheck
	bin/staticcheck ./...
	GOOS=js GOARCH=wasm bin/staticcheck ./...

# Make sure the browsers of the end-to-end tests are there: Chromium (CDP),
# Firefox ESR (WebDriver BiDi, built in) and WebKitGTK (WebKitWebDriver) with
# Xvfb to run it in. Debian's packages are installed when we can.
browser:
	@need=; \
	found=; for b in $(BROWSERS); do command -v $$b >/dev/null 2>&1 && found=$$b && break; done; \
	[ -n "$$found" ] || need="$$need chromium"; \
	command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 || need="$$need firefox-esr"; \
	command -v WebKitWebDriver >/dev/null 2>&1 || need="$$need webkit2gtk-driver"; \
	command -v Xvfb >/dev/null 2>&1 || need="$$need xvfb"; \
	if [ -z "$$need" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing the browsers the tests drive (apt-get install -y$$need)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$need >/dev/null || exit 1; \
	else \
	  echo "The browser tests need:$$need. Install them with:"; \
	  echo "  sudo apt-get install -y$$need    (Debian/Ubuntu)"; \
	  echo "then run make test again."; \
	  exit 1; \
	fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  echo "Installing a Chinese font so the page's zh screenshots are legible (fonts-wqy-zenhei)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei >/dev/null) || true; \
	fi

# Run every fuzz target for FUZZTIME each (default 15m): make fuzz FUZZTIME=30s
# Each new input is minimized for at most FUZZMINIMIZE: go test's default,
# 60 s, spent on inputs the audio decoder takes milliseconds each to read,
# left FuzzDecodeSamples minimizing, not fuzzing, nearly all the time.
FUZZMINIMIZE ?= 5s
fuzz:
	@$(GO) list -f '{{.ImportPath}}' ./... | while read -r pkg; do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz'); do \
	    echo "== $$pkg $$f ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) $$pkg || exit 1; \
	  done; \
	done

# Measure the page against its size, load and latency budgets in headless
# Chromium (sizes against a bare go-app shell, loads, swipe latency, keystroke
# rate, memory) and the decoder natively and as wasm under node: one table on
# stdout, the figures in bench/out/bench.json. It reports; it never fails on a budget.
bench: build browser
	$(GO) run ./bench

# The real captures of decoder/testdata/real (recordings and bit dumps made
# by others with real hardware): what magcheck reads in each, and whether that
# is right, wrong or refused. It fails when one is not right.
real:
	@out=$$($(GO) test -count=1 -run '^TestRealCaptures$$' -v ./decoder); status=$$?; \
	  printf '%s\n' "$$out" | sed -n 's/^ *real_test.go:[0-9]*: //p'; exit $$status

clean:
	rm -rf bin dist $(WASM) $(WASM).gz $(WASM).br bench/out e2e/out
