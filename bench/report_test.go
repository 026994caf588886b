//go:build !wasm

package main

import (
	"strings"
	"testing"
)

// within is a throttled run inside every budget at 4×.
func within(rate float64) Throttled {
	return Throttled{
		Rate:      rate,
		Loads:     Loads{Cold: Stats{N: 6, Median: 1300}, ShellCold: Stats{N: 6, Median: 1000}},
		ColdRatio: 1.3,
		Latency:   Stats{N: 100, Median: 50, P95: 120, Max: 200},
		Keys: []KeyRun{
			{Pace: "1 ms gaps", KeysPerSec: 1000, Chars: 128, KeysSeen: 129, KeysWant: 129},
			{Pace: "0.5 ms gaps", KeysPerSec: 2000, Chars: 128, KeysSeen: 129, KeysWant: 129},
		},
	}
}

// verdicts maps each row of throttledRows that has a budget to its
// verdict, by the measure's name without the rate.
func verdicts(t *testing.T, th Throttled) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, r := range throttledRows(th) {
		if len(r) != 4 {
			t.Fatalf("row %q has %d cells, want 4", r, len(r))
		}
		name, ok := strings.CutPrefix(r[0], "4× CPU: ")
		if !ok {
			name, _ = strings.CutPrefix(r[0], "6× CPU: ")
		}
		if (r[2] == "") != (r[3] == "") {
			t.Errorf("row %q: a budget without a verdict or the other way round", r)
		}
		if r[3] != "" {
			m[name] = r[3]
		}
	}
	return m
}

const (
	coldRow   = "cold load to ready (shell)"
	medianRow = "swipe to diagnosis, median (100 swipes)"
	p95Row    = "swipe to diagnosis, p95"
	keysRow   = "keys: 0.5 ms gaps"
)

func TestThrottledBudgets(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rate   float64
		change func(*Throttled)
		want   map[string]string
	}{
		{"at the budgets", 4, func(*Throttled) {},
			map[string]string{coldRow: "ok", medianRow: "ok", p95Row: "ok", keysRow: "ok"}},
		{"cold load over", 4, func(th *Throttled) { th.ColdRatio = 1.31 },
			map[string]string{coldRow: "OVER", medianRow: "ok", p95Row: "ok", keysRow: "ok"}},
		{"no shell figure", 4, func(th *Throttled) { th.ColdRatio = 0 },
			map[string]string{coldRow: "OVER", medianRow: "ok", p95Row: "ok", keysRow: "ok"}},
		{"median over", 4, func(th *Throttled) { th.Latency.Median = 50.1 },
			map[string]string{coldRow: "ok", medianRow: "OVER", p95Row: "ok", keysRow: "ok"}},
		{"p95 over", 4, func(th *Throttled) { th.Latency.P95 = 120.1 },
			map[string]string{coldRow: "ok", medianRow: "ok", p95Row: "OVER", keysRow: "ok"}},
		{"a character lost at 2000/s", 4, func(th *Throttled) { th.Keys[1].Lost = 1 },
			map[string]string{coldRow: "ok", medianRow: "ok", p95Row: "ok", keysRow: "OVER"}},
		{"a character out of place at 2000/s", 4, func(th *Throttled) { th.Keys[1].Wrong = 1 },
			map[string]string{coldRow: "ok", medianRow: "ok", p95Row: "ok", keysRow: "OVER"}},
		{"a key missed at 2000/s", 4, func(th *Throttled) { th.Keys[1].KeysSeen = 128 },
			map[string]string{coldRow: "ok", medianRow: "ok", p95Row: "ok", keysRow: "OVER"}},
		// Below the budget's rate a lost character is reported, not judged.
		{"a character lost at 1000/s", 4, func(th *Throttled) { th.Keys[0].Lost = 1 },
			map[string]string{coldRow: "ok", medianRow: "ok", p95Row: "ok", keysRow: "ok"}},
		// At 6× only the cold load, against the shell's at 6×, has a budget.
		{"6×", 6, func(th *Throttled) { th.Latency.Median, th.Latency.P95, th.Keys[1].Lost = 80, 300, 3 },
			map[string]string{coldRow: "ok"}},
		{"6× cold load over", 6, func(th *Throttled) { th.ColdRatio = 1.5 },
			map[string]string{coldRow: "OVER"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			th := within(tc.rate)
			tc.change(&th)
			got := verdicts(t, th)
			if len(got) != len(tc.want) {
				t.Errorf("verdicts %v, want %v", got, tc.want)
			}
			for name, v := range tc.want {
				if got[name] != v {
					t.Errorf("%s: %q, want %q", name, got[name], v)
				}
			}
		})
	}
}

func TestColdRatio(t *testing.T) {
	l := Loads{Cold: Stats{Median: 1300}, ShellCold: Stats{Median: 1000}}
	if got := l.coldRatio(); got != 1.3 {
		t.Errorf("coldRatio = %v, want 1.3", got)
	}
	if got := (Loads{Cold: Stats{Median: 1300}}).coldRatio(); got != 0 {
		t.Errorf("coldRatio without a shell figure = %v, want 0", got)
	}
}

// A recording decodes at least 50 times faster than real time as
// WebAssembly; benchmarks without a real-time factor get no row.
func TestRealtimeRow(t *testing.T) {
	for _, tt := range []struct {
		wasm float64
		want string
	}{{1124, "ok"}, {50, "ok"}, {49.9, "OVER"}, {0, "OVER"}} {
		r := realtimeRow(GoBench{Name: "decoder/audio.Decode48k", Native: Rate{XRealtime: 2630}, Wasm: Rate{XRealtime: tt.wasm}})
		if len(r) != 4 || r[3] != tt.want || r[2] != "wasm ≥ 50×" {
			t.Errorf("wasm %g× real time: row %q, want verdict %s", tt.wasm, r, tt.want)
		}
	}
	if r := realtimeRow(GoBench{Name: "decoder.DecodeText", Native: Rate{NsPerOp: 5000}}); r != nil {
		t.Errorf("a benchmark without a real-time factor got %q", r)
	}
}

// TestLoadBudgets: the unthrottled loads are judged against the shell's in
// the same run, never against a number of milliseconds.
func TestLoadBudgets(t *testing.T) {
	for _, tc := range []struct {
		name             string
		loads            Loads
		coldOK, warmOK   string
		coldCell, warmAt string
	}{
		{"a slow machine within", Loads{Cold: Stats{N: 5, Median: 1700}, ShellCold: Stats{N: 5, Median: 1370},
			Warm: Stats{N: 5, Median: 470}, ShellWarm: Stats{N: 5, Median: 369}}, "ok", "ok", "×1.24 shell", "×1.27 shell"},
		{"a fast machine over", Loads{Cold: Stats{N: 5, Median: 400}, ShellCold: Stats{N: 5, Median: 300},
			Warm: Stats{N: 5, Median: 140}, ShellWarm: Stats{N: 5, Median: 100}}, "OVER", "OVER", "×1.33 shell", "×1.40 shell"},
		{"no shell measured", Loads{Cold: Stats{N: 5, Median: 400}, Warm: Stats{N: 5, Median: 100}}, "OVER", "OVER", "×0.00 shell", "×0.00 shell"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rows [][]string
			unthrottledRows(func(c ...string) { rows = append(rows, c) }, &Results{Loads: tc.loads})
			find := func(prefix string) []string {
				for _, r := range rows {
					if strings.HasPrefix(r[0], prefix) {
						return r
					}
				}
				t.Fatalf("no row %q", prefix)
				return nil
			}
			cold, warm := find("cold load"), find("warm load")
			if cold[3] != tc.coldOK || !strings.Contains(cold[1], tc.coldCell) || cold[2] != "≤ ×1.25 shell" {
				t.Errorf("cold row %q, want %s with %s", cold, tc.coldOK, tc.coldCell)
			}
			if warm[3] != tc.warmOK || !strings.Contains(warm[1], tc.warmAt) || warm[2] != "≤ ×1.30 shell" {
				t.Errorf("warm row %q, want %s with %s", warm, tc.warmOK, tc.warmAt)
			}
		})
	}
}
