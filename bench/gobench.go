//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// GoBench is one decoder benchmark, natively and as WebAssembly under node.
type GoBench struct {
	Name   string `json:"name"` // package/BenchmarkX
	Native Rate   `json:"native"`
	Wasm   Rate   `json:"wasm"`
}

// Rate is what go test -bench prints for one benchmark.
type Rate struct {
	NsPerOp     float64 `json:"ns_per_op"`
	MBPerSec    float64 `json:"mb_per_s,omitempty"`
	BytesPerOp  float64 `json:"bytes_per_op"`
	AllocsPerOp float64 `json:"allocs_per_op"`
	// XRealtime is how many times faster than real time a recording
	// decodes, for the benchmarks that report it.
	XRealtime float64 `json:"x_realtime,omitempty"`
}

// Bench times: short natively; longer under node, where V8 compiles the
// wasm in tiers and 300ms of a benchmark measured mostly the warm-up
// (DecodeText: 19.7 ms/op at 300ms, 0.73 ms/op at 2s).
const (
	benchTimeNative = "300ms"
	benchTimeWasm   = "2s"
)

// decoderBenchmarks runs the decoder's benchmarks natively and under node
// (go_js_wasm_exec from the toolchain's lib/wasm), and pairs them up. A
// failed wasm run is a warning: node may be missing.
func decoderBenchmarks(warnings *[]string) ([]GoBench, error) {
	args := func(benchTime string) []string {
		return []string{"test", "-run", "^$", "-bench", ".", "-benchmem", "-benchtime", benchTime, "./decoder/..."}
	}
	native, err := goBench(args(benchTimeNative), nil)
	if err != nil {
		return nil, fmt.Errorf("native decoder benchmarks: %w", err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm") + string(os.PathListSeparator) + os.Getenv("PATH")
	wasm, err := goBench(args(benchTimeWasm), []string{"GOOS=js", "GOARCH=wasm", "PATH=" + path})
	if err != nil {
		*warnings = append(*warnings, "wasm decoder benchmarks: "+err.Error())
	}
	var out []GoBench
	for _, name := range native.order {
		out = append(out, GoBench{Name: name, Native: native.rates[name], Wasm: wasm.rates[name]})
	}
	return out, nil
}

type benchRun struct {
	order []string
	rates map[string]Rate
}

// goBench runs go with args and env and parses the benchmark lines.
func goBench(args, env []string) (benchRun, error) {
	run := benchRun{rates: map[string]Rate{}}
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return run, fmt.Errorf("%v\n%s%s", err, out, stderr.Bytes())
	}
	pkg := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && f[0] == "pkg:" {
			pkg = strings.TrimPrefix(f[1], "magcheck/")
			continue
		}
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		// BenchmarkX-2 (GOMAXPROCS) natively, BenchmarkX under js.
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		name = pkg + "." + strings.TrimPrefix(name, "Benchmark")
		var r Rate
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			switch f[i+1] {
			case "ns/op":
				r.NsPerOp = v
			case "MB/s":
				r.MBPerSec = v
			case "B/op":
				r.BytesPerOp = v
			case "allocs/op":
				r.AllocsPerOp = v
			case "x-realtime":
				r.XRealtime = v
			}
		}
		if _, seen := run.rates[name]; !seen {
			run.order = append(run.order, name)
		}
		run.rates[name] = r
	}
	return run, sc.Err()
}
