//go:build !wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/headless"
	"magcheck/server"
)

// readerGapMS is the pace the latency and memory swipes are stamped with,
// as the e2e tests type: a reader's 2 ms a key.
const readerGapMS = 2.0

// Loads are the times from navigation start to "ready for a swipe"
// (data-ready="true" and go-app's loader gone), in ms, as the page's own
// performance.now() tells them.
type Loads struct {
	Cold      Stats `json:"cold"`
	Warm      Stats `json:"warm"`
	ShellCold Stats `json:"shell_cold"`
	ShellWarm Stats `json:"shell_warm"`
	// WarmServed counts the requests the server answered during the warm
	// loads: the service worker serves the rest.
	WarmServed int `json:"warm_served"`
}

// Latency is swipe to diagnosis, in ms: from the Enter keydown reaching
// the window to the new diagnosis in the DOM.
type Latency struct {
	Swipes  int      `json:"swipes"`
	Vectors int      `json:"vectors"`
	Skipped []string `json:"skipped_vectors"`
	Stats   Stats    `json:"stats"`
	// All is the same over every swipe of the memory run.
	All Stats `json:"all_swipes"`
}

// KeyRun is one three-track swipe typed at a pace.
type KeyRun struct {
	Pace       string  `json:"pace"`
	KeysPerSec float64 `json:"chars_per_second"`
	Chars      int     `json:"chars"`
	Lost       int     `json:"lost"`      // characters missing from the tracks shown
	Wrong      int     `json:"wrong"`     // characters out of place (reordered or changed)
	KeysSeen   int     `json:"keys_seen"` // the timing panel's key count
	KeysWant   int     `json:"keys_want"`
}

// Memory is the page's memory after some swipes, after a garbage
// collection of the JS heap.
type Memory struct {
	Swipes  int     `json:"swipes"`
	JSHeap  float64 `json:"js_heap_used"`
	JSTotal float64 `json:"js_heap_total"`
	WasmMem float64 `json:"wasm_memory"`
	Backing float64 `json:"array_buffers"`
}

// instrument runs in every document before the page's scripts. It keeps
// the WebAssembly instance (for its memory), stamps the Enter keydown with
// performance.now() in a capture listener added before the page's own, and
// watches the DOM: the page is ready when data-ready="true" shows and
// go-app's loader is gone; a swipe is diagnosed when the session's summary
// text changes (every swipe changes its counts) and a verdict shows.
const instrument = `(() => {
	const B = window.__bench = {readyAt: 0, enterAt: 0, doneAt: 0, before: null, times: [], waiters: {}};
	for (const name of ['instantiateStreaming', 'instantiate']) {
		const f = WebAssembly[name];
		if (f) WebAssembly[name] = async function (...a) {
			const r = await f.apply(this, a);
			B.wasm = r.instance || r;
			return r;
		};
	}
	const summary = () => document.querySelector('.session-text')?.textContent ?? '';
	addEventListener('keydown', e => {
		if (e.key.length === 1 || e.key === 'Enter') B.times.push(e.timeStamp);
		if (e.key === 'Enter') { B.enterAt = performance.now(); B.before = summary(); B.doneAt = 0; }
	}, {capture: true});
	const settle = (name, v) => { const w = B.waiters[name]; if (w) { delete B.waiters[name]; w(v); } };
	const wait = (name, value) => value() ? Promise.resolve(value()) : new Promise(r => { B.waiters[name] = () => r(value()); });
	B.ready = () => wait('ready', () => B.readyAt);
	B.done = () => wait('done', () => B.doneAt && B.doneAt - B.enterAt);
	new MutationObserver(() => {
		if (!B.readyAt && document.querySelector('[data-ready="true"]') && !document.getElementById('app-wasm-loader')) {
			B.readyAt = performance.now();
			settle('ready');
		}
		if (B.before !== null && summary() !== B.before && document.querySelector('.verdict-text')) {
			B.doneAt = performance.now();
			B.before = null;
			settle('done');
		}
	}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
})();`

// slowDetector makes the page's swipe detector wait a minute of silence
// before it ends a swipe without terminator, as the e2e tests do: the key
// events carry reader timestamps, but CDP may stall between two of them.
const slowDetector = `window.magcheckTimings = {idleGapMS: 60000};`

// bench is the shared browser and the sites it loads.
type bench struct {
	ctx        context.Context
	app, shell *server.Site
	precache   int // entries the service worker caches
	shellCache int
}

func measureBrowser(o options, shellWasm []byte, r *Results, step func(string) func()) error {
	exe := headless.Find()
	if exe == "" {
		return errors.New("no chromium on PATH (apt-get install -y chromium)")
	}
	vectors, skipped, err := loadVectors(o.vectors)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "magcheck-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var b bench
	if b.app, b.precache, err = site(o.web, nil, tmp); err != nil {
		return err
	}
	if b.shell, b.shellCache, err = site(o.web, shellWasm, tmp); err != nil {
		return err
	}

	bctx, stop, err := headless.Start(exe, filepath.Join(tmp, "profile"))
	if err != nil {
		return err
	}
	defer stop()
	b.ctx = bctx
	if v, err := chromedp.CallBrowser(bctx, cdpbrowser.GetVersion, cdp.Empty{}); err == nil {
		r.Browser = v.Product
	}

	if !o.throttleOnly {
		done := step("browser")
		err := b.unthrottled(vectors, o, r)
		done()
		if err != nil {
			return err
		}
		r.Latency.Vectors, r.Latency.Skipped = len(vectors), skipped
	}
	for _, th := range throttles {
		done := step(fmt.Sprintf("browser, CPU throttled %g×", th.rate))
		t, err := b.throttled(vectors, th)
		done()
		if err != nil {
			return fmt.Errorf("CPU throttled %g×: %w", th.rate, err)
		}
		r.Throttled = append(r.Throttled, t)
	}
	return nil
}

// unthrottled measures the page at the browser's own speed: loads, swipe
// latency, memory and keystroke rate.
func (b *bench) unthrottled(vectors []vector, o options, r *Results) error {
	var err error
	if r.Loads, err = b.loads(1, o.loads); err != nil {
		return err
	}
	if err := b.swipes(vectors, o, r); err != nil {
		return fmt.Errorf("swipes: %w", err)
	}
	if r.Keys, err = b.keyRates(vectors, 1, paces); err != nil {
		return fmt.Errorf("keystroke rate: %w", err)
	}
	return nil
}

// loads times n cold and n warm loads of the page and of the shell, with
// the CPU throttled rate times.
func (b *bench) loads(rate float64, n int) (Loads, error) {
	var l Loads
	cold, err := b.coldLoads(rate, n, b.app, b.shell)
	if err != nil {
		return l, fmt.Errorf("cold loads: %w", err)
	}
	l.Cold, l.ShellCold = cold[0], cold[1]
	if l.Warm, l.WarmServed, err = b.warmLoads(b.app, b.precache, rate, n); err != nil {
		return l, fmt.Errorf("warm loads: %w", err)
	}
	if l.ShellWarm, _, err = b.warmLoads(b.shell, b.shellCache, rate, n); err != nil {
		return l, fmt.Errorf("shell warm loads: %w", err)
	}
	return l, nil
}

// site loads the page's files from the directory web as magcheck serve
// does, with app.wasm replaced by wasm when it is not nil, and returns it
// with the number of paths its service worker precaches. The replaced
// files are written under tmp.
func site(web string, wasm []byte, tmp string) (*server.Site, int, error) {
	if wasm != nil {
		dir, err := os.MkdirTemp(tmp, "web-")
		if err != nil {
			return nil, 0, err
		}
		if err := os.CopyFS(dir, os.DirFS(web)); err != nil {
			return nil, 0, err
		}
		for _, name := range []string{"app.wasm.br", "app.wasm.gz"} {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, 0, err
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "app.wasm"), wasm, 0o644); err != nil {
			return nil, 0, err
		}
		web = dir
	}
	s, err := server.New(os.DirFS(web))
	if err != nil {
		return nil, 0, err
	}
	<-s.Compressed()
	paths, err := s.Precached()
	if err != nil {
		return nil, 0, err
	}
	return s, len(paths), nil
}

// tab is a page in a browser context of its own (a fresh profile: empty
// cache, no service worker), on a server of its own (a fresh origin).
type tab struct {
	ctx    context.Context
	url    string
	served atomic.Int64
	close  func()
	last   time.Time // event time of the last key stamped
}

// open opens a tab on s with the CPU throttled rate times (1: not
// throttled) from before its first navigation, so that a cold load is
// throttled from its first byte.
func (b *bench) open(s *server.Site, rate float64, scripts ...string) (*tab, error) {
	t := &tab{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.served.Add(1)
		s.ServeHTTP(w, r)
	})}
	go srv.Serve(l)
	t.url = "http://" + l.Addr().String() + "/"
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.ctx = ctx
	t.close = func() { cancel(); srv.Close() }
	if err := chromedp.Do(ctx); err != nil {
		t.close()
		return nil, err
	}
	if rate != 1 {
		if _, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: rate}); err != nil {
			t.close()
			return nil, err
		}
		// The throttle is the renderer process's (its main thread), not
		// the tab's: clear it rather than count on the process ending
		// with the tab.
		t.close = func() {
			ctx, stop := context.WithTimeout(ctx, 5*time.Second)
			chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 1})
			stop()
			cancel()
			srv.Close()
		}
	}
	for _, js := range append(scripts, instrument) {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
			t.close()
			return nil, err
		}
	}
	return t, nil
}

// eval evaluates js, awaiting a promise, within a time limit.
func eval[T any](t *tab, js string) (T, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 30*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// load navigates to the page and returns the ms from navigation start to
// ready.
func (t *tab) load() (float64, error) {
	if err := chromedp.Do(t.ctx, chromedp.Navigate(t.url)); err != nil {
		return 0, err
	}
	return eval[float64](t, "window.__bench.ready()")
}

// coldLoads times n cold loads of each site, a load of each in turn so
// that what else the machine runs weighs on all alike.
func (b *bench) coldLoads(rate float64, n int, sites ...*server.Site) ([]Stats, error) {
	ms := make([][]float64, len(sites))
	for range n {
		for i, s := range sites {
			t, err := b.open(s, rate)
			if err != nil {
				return nil, err
			}
			v, err := t.load()
			t.close()
			if err != nil {
				return nil, err
			}
			ms[i] = append(ms[i], v)
		}
	}
	out := make([]Stats, len(sites))
	for i := range ms {
		out[i] = stats(ms[i])
	}
	return out, nil
}

// warmLoads loads the page once, waits until its service worker controls
// it and has cached all n precached paths, then times n loads.
func (b *bench) warmLoads(s *server.Site, precache int, rate float64, n int) (Stats, int, error) {
	t, err := b.open(s, rate)
	if err != nil {
		return Stats{}, 0, err
	}
	defer t.close()
	if _, err := t.load(); err != nil {
		return Stats{}, 0, err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		cached, err := eval[int](t, `(async () => {
			const keys = await caches.keys();
			if (!navigator.serviceWorker.controller || keys.length !== 1) return 0;
			return (await (await caches.open(keys[0])).keys()).length;
		})()`)
		if err != nil {
			return Stats{}, 0, err
		}
		if cached >= precache {
			break
		}
		if time.Now().After(deadline) {
			return Stats{}, 0, fmt.Errorf("the service worker cached %d of %d paths after 30s", cached, precache)
		}
		time.Sleep(50 * time.Millisecond)
	}
	before := t.served.Load()
	var ms []float64
	for range n {
		v, err := t.load()
		if err != nil {
			return Stats{}, 0, err
		}
		ms = append(ms, v)
	}
	return stats(ms), int(t.served.Load() - before), nil
}

// typeKeys sends presses as CDP key events, one after the other as fast as
// the browser takes them. With gapMS ≥ 0 the keyDowns are stamped gapMS
// apart (KeyboardEvent.timeStamp); with gapMS < 0 they carry the browser's
// own time.
func (t *tab) typeKeys(ps []keyboardtest.Press, gapMS float64) error {
	// Stamps can run ahead of the clock when CDP dispatches faster than
	// gapMS: the next swipe starts a pause after the last stamp, or the
	// page would read it as the next track of the swipe before.
	start := time.Now()
	if next := t.last.Add(100 * time.Millisecond); start.Before(next) {
		start = next
	}
	for i, p := range ps {
		var at time.Time
		if gapMS >= 0 {
			at = start.Add(time.Duration(float64(i) * gapMS * float64(time.Millisecond)))
			t.last = at
		}
		for _, ev := range headless.KeyEvents(p) {
			if !at.IsZero() {
				ev.Timestamp = input.TimeSinceEpoch(float64(at.UnixMicro()) / 1e6)
			}
			if _, err := chromedp.Call(t.ctx, input.DispatchKeyEvent, ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// swipe types a swipe and returns its swipe-to-diagnosis latency.
func (t *tab) swipe(ps []keyboardtest.Press, gapMS float64) (float64, error) {
	if err := t.typeKeys(ps, gapMS); err != nil {
		return 0, err
	}
	return eval[float64](t, "window.__bench.done()")
}

func (t *tab) memory(swipes int) (Memory, error) {
	m := Memory{Swipes: swipes}
	if _, err := chromedp.Call(t.ctx, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
		return m, err
	}
	h, err := chromedp.Call(t.ctx, cdpruntime.GetHeapUsage, cdp.Empty{})
	if err != nil {
		return m, err
	}
	m.JSHeap, m.JSTotal, m.Backing = h.UsedSize, h.TotalSize, h.BackingStorageSize
	m.WasmMem, err = eval[float64](t, "window.__bench.wasm?.exports.mem.buffer.byteLength ?? 0")
	return m, err
}

// swipes types o.memSwipes swipes of the vectors in turn on one page:
// memory after the first and the last, latency over the first o.swipes and
// over all.
func (b *bench) swipes(vectors []vector, o options, r *Results) error {
	total := max(o.swipes, o.memSwipes, 1)
	ms, err := b.swipeLatencies(vectors, 1, total, func(t *tab, n int) error {
		if n > 1 && n < total {
			return nil
		}
		m, err := t.memory(n)
		r.Memory = append(r.Memory, m)
		return err
	})
	if err != nil {
		return err
	}
	r.Latency.Swipes = min(o.swipes, total)
	r.Latency.Stats = stats(ms[:r.Latency.Swipes])
	r.Latency.All = stats(ms)
	return nil
}

// swipeLatencies types n swipes of the vectors in turn on one page with
// the CPU throttled rate times and returns their latencies. after, if not
// nil, is called after each with the number of swipes typed.
func (b *bench) swipeLatencies(vectors []vector, rate float64, n int, after func(t *tab, n int) error) ([]float64, error) {
	t, err := b.open(b.app, rate, slowDetector)
	if err != nil {
		return nil, err
	}
	defer t.close()
	if _, err := t.load(); err != nil {
		return nil, err
	}
	var ms []float64
	for i := range n {
		v := vectors[i%len(vectors)]
		lat, err := t.swipe(v.presses, readerGapMS)
		if err != nil {
			return nil, fmt.Errorf("swipe %d (%s): %w", i+1, v.ID, err)
		}
		ms = append(ms, lat)
		if after != nil {
			if err := after(t, i+1); err != nil {
				return nil, err
			}
		}
	}
	return ms, nil
}

// pace is a keystroke-rate run: the browser's own clock with events back
// to back (gapMS < 0), or event timestamps gapMS apart.
type pace struct {
	name  string
	gapMS float64
}

// paces are the keystroke-rate runs.
var paces = []pace{
	{"back to back (browser clock)", -1},
	{"1 ms gaps", 1},
	{"0.5 ms gaps", 0.5},
	{"0.25 ms gaps", 0.25},
	{"0.1 ms gaps", 0.1},
	{"0 ms gaps (one timestamp)", 0},
}

// threeTrack is the vector the keystroke rate is measured with.
const threeTrack = "magtek-v5-ex4-three-tracks"

// keyRates types the three-track vector at each pace on a fresh page with
// the CPU throttled rate times and compares the tracks it shows, revealed,
// with the decoder's.
func (b *bench) keyRates(vectors []vector, rate float64, paces []pace) ([]KeyRun, error) {
	i := slices.IndexFunc(vectors, func(v vector) bool { return v.ID == threeTrack })
	if i < 0 {
		return nil, fmt.Errorf("no vector %s", threeTrack)
	}
	ps := vectors[i].presses
	t, err := b.open(b.app, rate, slowDetector)
	if err != nil {
		return nil, err
	}
	defer t.close()
	if _, err := t.load(); err != nil {
		return nil, err
	}
	var runs []KeyRun
	for _, pace := range paces {
		if _, err := eval[any](t, "window.__bench.times = []"); err != nil {
			return nil, err
		}
		if _, err := t.swipe(ps, pace.gapMS); err != nil {
			return nil, fmt.Errorf("%s: %w", pace.name, err)
		}
		shown, err := eval[struct {
			Tracks []string  `json:"tracks"`
			Keys   string    `json:"keys"`
			Times  []float64 `json:"times"`
		}](t, `(async () => {
			document.getElementById('reveal')?.click();
			for (let i = 0; i < 200 && !document.getElementById('hide'); i++) await new Promise(r => setTimeout(r, 5));
			return {
				tracks: [...document.querySelectorAll('.track[data-track]')].map(e =>
					(e.querySelector('.track-text')?.textContent ?? '').replace('▯', '')),
				keys: document.querySelector('.timing')?.dataset.keys ?? '',
				times: window.__bench.times,
			};
		})()`)
		if err != nil {
			return nil, err
		}
		want := expected(ps, max(pace.gapMS, 0))
		run := KeyRun{Pace: pace.name, KeysWant: want.Timing.Keys}
		fmt.Sscan(shown.Keys, &run.KeysSeen)
		for n, tv := range want.Tracks {
			w := []rune(tv.Text)
			var g []rune
			if n < len(shown.Tracks) {
				g = []rune(shown.Tracks[n])
			}
			run.Chars += len(w)
			run.Lost += max(len(w)-len(g), 0)
			for k := range min(len(w), len(g)) {
				if w[k] != g[k] {
					run.Wrong++
				}
			}
		}
		if pace.gapMS > 0 {
			run.KeysPerSec = 1000 / pace.gapMS
		} else if n := len(shown.Times); n > 1 && shown.Times[n-1] > shown.Times[0] {
			run.KeysPerSec = float64(n-1) * 1000 / (shown.Times[n-1] - shown.Times[0])
		}
		runs = append(runs, run)
	}
	return runs, nil
}
