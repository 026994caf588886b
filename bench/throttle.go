//go:build !wasm

package main

import "fmt"

// Throttled is the page on a low-end tablet: Chromium's CPU throttled Rate
// times (Emulation.setCPUThrottlingRate, which slows the renderer's main
// thread), beside the shell at the same rate.
type Throttled struct {
	Rate  float64 `json:"rate"`
	Loads Loads   `json:"loads"`
	// ColdRatio is the page's median cold load over the shell's.
	ColdRatio float64  `json:"cold_ratio"`
	Latency   Stats    `json:"swipe_to_diagnosis"`
	Keys      []KeyRun `json:"keystroke_rate"`
}

// throttle is a CPU slowdown measured, with its repetitions: loads per
// median, for each of the four load series, and swipes timed.
type throttle struct {
	rate          float64
	loads, swipes int
}

// throttles are the slowdowns measured, with fewer runs than unthrottled
// to add no more than two or three minutes to make bench: a throttled
// swipe is slow to type, CDP waiting on the slowed renderer for every key
// event. 6× has fewer swipes still: only 4× has swipe and key budgets.
var throttles = []throttle{
	{rate: 4, loads: 5, swipes: 80},
	{rate: 6, loads: 4, swipes: 30},
}

// readerPaces are the keystroke-rate runs on a throttled CPU: the rates
// readers type at, up to the budget's 2000 chars/s.
var readerPaces = []pace{
	{"1 ms gaps", 1},
	{"0.5 ms gaps", 0.5},
}

// throttled measures the loads, swipe latency and keystroke rate with the
// CPU throttled th.rate times.
func (b *bench) throttled(vectors []vector, th throttle) (Throttled, error) {
	r := Throttled{Rate: th.rate}
	var err error
	if r.Loads, err = b.loads(th.rate, th.loads); err != nil {
		return r, err
	}
	r.ColdRatio = r.Loads.coldRatio()
	ms, err := b.swipeLatencies(vectors, th.rate, th.swipes, nil)
	if err != nil {
		return r, fmt.Errorf("swipes: %w", err)
	}
	r.Latency = stats(ms)
	if r.Keys, err = b.keyRates(vectors, th.rate, readerPaces); err != nil {
		return r, fmt.Errorf("keystroke rate: %w", err)
	}
	return r, nil
}

// coldRatio is the page's median cold load over the shell's, or 0 without
// a shell figure.
func (l Loads) coldRatio() float64 {
	if l.ShellCold.Median <= 0 {
		return 0
	}
	return l.Cold.Median / l.ShellCold.Median
}
