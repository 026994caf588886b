//go:build !wasm

// Command bench measures the magcheck page against its size, load and
// latency budgets and prints one table; the figures also go to
// bench/out/bench.json.
// Run it from the module root after make build (make bench does both):
//
//	go run ./bench
//
// It measures app.wasm against a bare go-app shell (bench/shell) raw, gzip
// -9 and brotli 11, and its code by package; cold and warm loads, swipe-to-diagnosis latency,
// keystroke rate and memory in headless Chromium, with the page served by
// package server as magcheck serve serves it; and the decoder benchmarks
// natively and as WebAssembly under node. The loads, the swipe latency and
// the keystroke rate are measured again with Chromium's CPU throttled, as on
// a low-end tablet (-throttle-only measures only those). It reports; it
// never fails on a budget.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.web, "web", "web", "the page's static files, app.wasm included (make build writes it)")
	flag.StringVar(&o.out, "out", filepath.Join("bench", "out"), "where the shell build and bench.json go")
	flag.StringVar(&o.vectors, "vectors", "", "swipe vectors: a JSON file in the format of internal/testvectors, or empty for the vectors it embeds")
	flag.IntVar(&o.loads, "loads", 10, "page loads per median")
	flag.IntVar(&o.swipes, "swipes", 200, "swipes timed for latency")
	flag.IntVar(&o.memSwipes, "mem-swipes", 1000, "swipes before the second memory reading")
	flag.BoolVar(&o.noGoBench, "no-gobench", false, "skip the decoder's Go benchmarks")
	flag.BoolVar(&o.throttleOnly, "throttle-only", false, "measure only the page on a throttled CPU (loads beside the shell's, swipe latency, keys)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	web, out, vectors        string
	loads, swipes, memSwipes int
	noGoBench, throttleOnly  bool
}

// Results is everything measured; bench.json holds it as is, without what
// the run skipped (-throttle-only, -no-gobench).
type Results struct {
	When      time.Time   `json:"when"`
	Go        string      `json:"go"`
	CPUs      int         `json:"cpus"`
	Browser   string      `json:"browser"`
	Sizes     Sizes       `json:"sizes,omitzero"`
	Loads     Loads       `json:"loads,omitzero"`
	Latency   Latency     `json:"latency,omitzero"`
	Keys      []KeyRun    `json:"keystroke_rate,omitzero"`
	Memory    []Memory    `json:"memory,omitzero"`
	Throttled []Throttled `json:"throttled"`
	Decoder   []GoBench   `json:"decoder,omitzero"`
	Warnings  []string    `json:"warnings,omitempty"`
}

func run(o options) error {
	start := time.Now()
	r := &Results{When: start.UTC(), Go: runtime.Version(), CPUs: runtime.NumCPU()}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	step := func(name string) func() {
		t := time.Now()
		fmt.Fprintf(os.Stderr, "bench: %s...\n", name)
		return func() { fmt.Fprintf(os.Stderr, "bench: %s took %.1fs\n", name, time.Since(t).Seconds()) }
	}

	shell, err := buildShell(o.out)
	if err != nil {
		return err
	}
	if !o.throttleOnly {
		done := step("sizes (brotli 11 takes a while)")
		err := measureSizes(o.web, shell, &r.Sizes)
		done()
		if err != nil {
			return err
		}
		done = step("app.wasm's code by package")
		r.Sizes.Packages, err = measurePackages(o.out)
		done()
		if err != nil {
			return err
		}
	}
	if err := measureBrowser(o, shell, r, step); err != nil {
		return err
	}
	if !o.noGoBench && !o.throttleOnly {
		done := step("decoder benchmarks, native and wasm")
		r.Decoder, err = decoderBenchmarks(&r.Warnings)
		done()
		if err != nil {
			return err
		}
	}

	printTable(os.Stdout, r)
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(o.out, "bench.json")
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return err
	}
	fmt.Printf("\n%s written; %.0fs in all\n", path, time.Since(start).Seconds())
	return nil
}
