//go:build !wasm

// Package e2e drives the magcheck page in headless Chromium, and in Firefox
// and WebKitGTK (engines_test.go).
//
// TestMain builds app.wasm from the working tree once, loads it with the
// rest of web/ into the real server (package server, what `magcheck serve`
// runs) and starts one browser. Each test calls newPage, which gives it a
// server of its own on a fresh port (so a fresh origin: its own service
// worker, caches and storage) and a new tab that has loaded the page.
//
// The tab's network requests, console messages, exceptions and log entries
// are recorded. A test fails when the page logs a security error (a
// Content-Security-Policy or Permissions-Policy violation) or throws an
// uncaught exception it did not expect (see TakeSecurity).
//
// Without a browser its tests are skipped, or fail when the environment
// variable CI is set. Screenshots go to e2e/out/.
package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"magcheck/app/ui"
	"magcheck/decoder"
	"magcheck/decoder/keyboard"
	"magcheck/internal/headless"
	"magcheck/internal/wasmbuild"
	"magcheck/internal/webdriver"
	"magcheck/server"
)

var (
	// site is the page as `magcheck serve` serves it, app.wasm included.
	site *server.Site
	// webDir is the folder site serves, app.wasm built in.
	webDir string
	// assets are the paths the service worker precaches: the page's own
	// static files, and the only requests the page may make.
	assets []string
	// browser is the context of the shared browser; each page is a tab of it.
	browser context.Context
	// downloads is the folder files the page saves (its reports) go to.
	downloads string
	// unavailable says why no page can be opened, when one cannot.
	unavailable error
	// noChromium says that Chromium was not found: its tests skip, or
	// fail when CI is set.
	noChromium error
)

const (
	pageTimeout = 2 * time.Minute  // everything one page does
	waitTimeout = 20 * time.Second // one wait for the page
	outDir      = "out"            // screenshots, relative to e2e/
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "magcheck-e2e-")
	if err != nil {
		unavailable = err
		return m.Run()
	}
	defer os.RemoveAll(tmp)
	engineDir = tmp
	defer closeEngines()

	webDir = filepath.Join(tmp, "web")
	if site, assets, err = buildSite(webDir); err != nil {
		unavailable = err
		return m.Run()
	}

	exe := headless.Find()
	if exe == "" {
		noChromium = fmt.Errorf("no Chromium found (looked for %s on PATH); install it with: apt-get install -y chromium",
			strings.Join(headless.Names, ", "))
		return m.Run()
	}

	bctx, stop, err := headless.Start(exe, filepath.Join(tmp, "profile"))
	if err != nil {
		unavailable = err
		return m.Run()
	}
	defer stop()
	// Reports the page saves land here, not in the user's Downloads.
	downloads = filepath.Join(tmp, "downloads")
	if _, err := chromedp.CallBrowser(bctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		unavailable = fmt.Errorf("setting the download folder: %w", err)
		return m.Run()
	}
	browser = bctx
	return m.Run()
}

// buildSite builds app.wasm into web, a fresh directory, as make wasm does
// (wasmbuild), copies in the other files of the repository's web/, and loads
// the result as the server does.
func buildSite(web string) (*server.Site, []string, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return nil, nil, err
	}
	if err := os.CopyFS(web, os.DirFS(filepath.Join(root, "web"))); err != nil {
		return nil, nil, fmt.Errorf("copying web/: %w", err)
	}
	for _, name := range []string{"app.wasm", "app.wasm.br", "app.wasm.gz"} {
		if err := os.Remove(filepath.Join(web, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
	}
	if out, err := wasmbuild.Command(root, filepath.Join(web, "app.wasm"), "./cmd/wasm", false).CombinedOutput(); err != nil {
		return nil, nil, fmt.Errorf("building app.wasm: %v\n%s", err, out)
	}
	s, err := server.New(os.DirFS(web))
	if err != nil {
		return nil, nil, err
	}
	<-s.Compressed()
	paths, err := s.Precached()
	if err != nil {
		return nil, nil, err
	}
	return s, paths, nil
}

// Page is one tab showing the page, served by a server of its own.
type Page struct {
	t       *testing.T
	ctx     context.Context
	server  *httptest.Server
	handler http.Handler // what server serves: site unless a test swaps it (Serve)
	// URL is the page's address, http://127.0.0.1:PORT/.
	URL string

	mu         sync.Mutex
	requests   []string // URLs the tab requested (Network.requestWillBeSent)
	served     []string // paths the server answered, with the method
	console    []string // console calls and log entries, one line each
	exceptions []string // uncaught exceptions
	security   []string // log entries with source "security"

	lastStamp time.Time // event time of the last key typed (keyStart)

	// tab is the page's tab in Firefox or WebKit (see engines_test.go);
	// nil in Chromium, which ctx drives.
	tab webdriver.Tab
	// idleGap is the silence that ends a swipe in the engine's page (ms);
	// preloaded says the engine sets it up before every load.
	idleGap   float64
	preloaded bool
	tabSeen   int // log lines of the tab tabErrors has read

	// visit mirrors the page's session: the reports of the swipes the
	// page was given, so want can expect the verdict the whole visit gives.
	visit *decoder.Session
}

// keyPause separates one typing from the next in event time: more than the
// Detector's gaps (30 ms a reader's, 75 ms a person's), so a swipe typed
// right after another is not read as its next track or a person's key.
const keyPause = 100 * time.Millisecond

// keyStart is the event time for the first key of a typing: now, or later
// when the typing before was stamped ahead of the clock (CDP can dispatch
// faster than the reader pace stamped on the keys).
func (p *Page) keyStart() time.Time {
	start := time.Now()
	if next := p.lastStamp.Add(keyPause); start.Before(next) {
		start = next
	}
	return start
}

// newPage opens the page in a new tab, on a server of its own, and waits
// until it is ready: go-app has started and an element carries
// data-ready="true".
func newPage(t *testing.T) *Page {
	t.Helper()
	p := openPage(t, site)
	p.waitReady()
	return p
}

// openPage opens the page served by h in a new tab, on a server of its own,
// without waiting for it to start.
func openPage(t *testing.T, h http.Handler) *Page {
	t.Helper()
	if unavailable != nil {
		t.Fatal(unavailable)
	}
	if noChromium != nil {
		if os.Getenv("CI") == "" {
			t.Skip(noChromium)
		}
		t.Fatal(noChromium)
	}
	p := &Page{t: t, handler: h, visit: decoder.NewSession(ui.SessionSize)}
	p.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.served = append(p.served, r.Method+" "+r.URL.RequestURI())
		h := p.handler
		p.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	p.URL = p.server.URL + "/"

	tab, closeTab := chromedp.NewContext(browser, chromedp.WithListener(p.listen))
	ctx, cancel := context.WithTimeout(tab, pageTimeout)
	p.ctx = ctx
	t.Cleanup(func() {
		p.check()
		cancel()
		closeTab()
		p.server.Close()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: capsLockShim}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(p.URL)); err != nil {
		t.Fatalf("loading %s: %v", p.URL, err)
	}
	return p
}

// Run runs f as a subtest of t on this page, which the subtest's failures
// and helpers then report to: several cases on one page, one visit.
func (p *Page) Run(t *testing.T, name string, f func(t *testing.T)) {
	t.Run(name, func(t *testing.T) {
		parent := p.t
		p.t = t
		defer func() { p.t = parent }()
		f(t)
	})
}

// Serve makes the page's server answer with h from now on, as when a new
// version of the site is deployed.
func (p *Page) Serve(h http.Handler) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.handler = h
}

// listen records the tab's events. It runs in chromedp's read loop: it must
// return at once and send no command.
func (p *Page) listen(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	case *runtime.EventConsoleAPICalled:
		args := make([]string, len(ev.Args))
		for i, a := range ev.Args {
			args[i] = remoteText(a)
		}
		p.console = append(p.console, "console."+string(ev.Type)+": "+strings.Join(args, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil {
			text += " " + remoteText(d.Exception)
		}
		p.exceptions = append(p.exceptions, text)
	case *log.EventEntryAdded:
		e := ev.Entry
		line := fmt.Sprintf("log %s %s: %s %s", e.Source, e.Level, e.Text, e.URL)
		p.console = append(p.console, line)
		if e.Source == log.EntrySourceSecurity {
			p.security = append(p.security, line)
		}
	}
}

func remoteText(o *runtime.RemoteObject) string {
	if len(o.Value) > 0 {
		var s string
		if json.Unmarshal(o.Value, &s) == nil {
			return s
		}
		return string(o.Value)
	}
	return o.Description
}

// check fails the test for security log entries and uncaught exceptions,
// and shows the console of a failed test.
func (p *Page) check() {
	if p.tab != nil {
		p.tabErrors()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.security {
		p.t.Errorf("security error in the page: %s", s)
	}
	for _, e := range p.exceptions {
		p.t.Errorf("uncaught exception in the page: %s", e)
	}
	if p.t.Failed() {
		p.t.Logf("console of %s:\n\t%s", p.URL, strings.Join(p.console, "\n\t"))
	}
}

// TakeSecurity returns the security log entries so far and forgets them, for
// a test that provokes violations on purpose.
func (p *Page) TakeSecurity() []string {
	if p.tab != nil {
		p.tabErrors()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.security
	p.security = nil
	return s
}

// TakeExceptions returns the uncaught exceptions so far and forgets them,
// for a test that breaks the page on purpose.
func (p *Page) TakeExceptions() []string {
	if p.tab != nil {
		p.tabErrors()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	e := p.exceptions
	p.exceptions = nil
	return e
}

// Console returns the console messages and log entries so far.
func (p *Page) Console() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tab != nil {
		return append(slices.Clone(p.console), p.tab.Console()...)
	}
	return slices.Clone(p.console)
}

// Requests returns the URLs the tab has requested so far, from the network
// or its service worker, in order.
func (p *Page) Requests() []string {
	if p.tab != nil {
		return p.tab.Requests()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.requests)
}

// Served returns the requests the page's server has answered so far, as
// "GET /path", in order: the page's and its service worker's.
func (p *Page) Served() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.served)
}

// ForeignRequests returns the requests of the tab that were not for the
// page's own static files (the service worker's precache list).
// In-memory blob: and data: URLs are not requests to anyone and pass.
func (p *Page) ForeignRequests() []string {
	var foreign []string
	for _, u := range p.Requests() {
		if strings.HasPrefix(u, "blob:"+p.server.URL+"/") || strings.HasPrefix(u, "data:") {
			continue
		}
		path, ok := strings.CutPrefix(u, p.server.URL)
		if !ok || !slices.Contains(assets, path) && path != "/app-worker.js" {
			foreign = append(foreign, u)
		}
	}
	return foreign
}

// StopServer shuts the page's server down, as a technician's laptop goes
// offline. The tab stays.
func (p *Page) StopServer() {
	p.server.Close()
}

// Reload reloads the tab and waits until the page is ready again.
func (p *Page) Reload() {
	p.t.Helper()
	reload := func() error { return chromedp.Do(p.ctx, chromedp.Reload()) }
	if p.tab != nil {
		reload = func() error { return p.tab.Reload(p.ctx) }
		if !p.preloaded {
			// The reloaded page starts without the test's set-up.
			p.idleGap = keyboard.DefaultIdleGap
		}
	}
	if err := reload(); err != nil {
		p.t.Fatalf("reloading: %v", err)
	}
	p.waitReady()
}

func (p *Page) waitReady() {
	p.t.Helper()
	p.waitUntil("the page to be ready",
		`!!document.querySelector('[data-ready="true"]') && !document.getElementById('app-wasm-loader')`)
}

// WaitOffline waits until a service worker controls the page and its cache
// holds every asset, then returns the cached paths, sorted. go-app's worker
// fills its cache without holding up its installation, so being controlled
// alone does not mean that the page works offline.
func (p *Page) WaitOffline() []string {
	p.t.Helper()
	type state struct {
		Controlled bool     `json:"controlled"`
		Caches     []string `json:"caches"`
		Paths      []string `json:"paths"`
	}
	var last state
	deadline := time.Now().Add(waitTimeout)
	for {
		last = evalAs[state](p, `(async () => {
			const caches_ = await caches.keys();
			const paths = caches_.length === 1 ?
				(await (await caches.open(caches_[0])).keys()).map(r => new URL(r.url).pathname) : [];
			return {controlled: !!navigator.serviceWorker.controller, caches: caches_, paths: paths.sort()};
		})()`)
		if last.Controlled && len(last.Caches) == 1 && slices.Equal(last.Paths, assets) {
			return last.Paths
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the service worker did not cache every asset after %v: controlling the page %v, caches %q, "+
				"cached %q, want %q", waitTimeout, last.Controlled, last.Caches, last.Paths, assets)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// WaitFor waits until an element matches the CSS selector.
func (p *Page) WaitFor(selector string) {
	p.t.Helper()
	p.waitUntil(selector, "document.querySelector("+jsValue(selector)+") !== null")
}

// waitUntil evaluates the JavaScript expression, awaiting it if it is a
// promise, until it is true. After waitTimeout it fails the test with a
// screenshot.
func (p *Page) waitUntil(what, expr string) {
	p.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		var ok bool
		err := p.evaluate("(async () => !!("+expr+"))()", &ok)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || p.ctx.Err() != nil {
			name := strings.NewReplacer("/", "_", " ", "_").Replace(p.t.Name()) + "-timeout"
			p.Screenshot(name)
			p.t.Fatalf("waiting for %s: not after %v (last error: %v); see %s/%s.png", what, waitTimeout, err, outDir, name)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Eval evaluates JavaScript in the page, awaits the value if it is a promise,
// and returns it decoded from JSON (float64, string, bool, []any,
// map[string]any or nil). Use evalAs for a typed value.
func (p *Page) Eval(js string) any {
	p.t.Helper()
	return evalAs[any](p, js)
}

// evalAs is Eval decoding the value into T.
func evalAs[T any](p *Page, js string) T {
	p.t.Helper()
	var v T
	if err := p.evaluate(js, &v); err != nil {
		p.t.Fatalf("evaluating %.200s: %v", js, err)
	}
	return v
}

// evaluate evaluates js in the page's engine, awaits a promise and decodes
// the value into out.
func (p *Page) evaluate(js string, out any) error {
	if p.tab != nil {
		return p.tab.Eval(p.ctx, js, out)
	}
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise, underPolicy))
	if err != nil {
		return err
	}
	if len(raw) == 0 { // undefined
		raw = []byte("null")
	}
	return json.Unmarshal(raw, out)
}

// underPolicy makes an evaluation obey the page's Content-Security-Policy,
// as the page's own scripts do: by default CDP lets it eval regardless.
func underPolicy(p *runtime.EvaluateParams) {
	p.AllowUnsafeEvalBlockedByCSP = new(false)
}

// Attr returns an attribute of the first element the selector matches, or
// "" when there is no such element or attribute.
func (p *Page) Attr(selector, name string) string {
	p.t.Helper()
	return evalAs[string](p, "document.querySelector("+jsValue(selector)+")?.getAttribute("+jsValue(name)+") ?? ''")
}

// Text returns the text of the first element the selector matches.
func (p *Page) Text(selector string) string {
	p.t.Helper()
	return evalAs[string](p, "document.querySelector("+jsValue(selector)+")?.textContent ?? ''")
}

// Click clicks the first element the selector matches, as a mouse does.
func (p *Page) Click(selector string) {
	p.t.Helper()
	click := func() error { return chromedp.Do(p.ctx, chromedp.Click(chromedp.CSS(selector))) }
	if p.tab != nil {
		click = func() error { return p.tap("mouse", selector) }
	}
	if err := click(); err != nil {
		p.t.Fatalf("clicking %s: %v", selector, err)
	}
}

// OpenFile gives the file input the selector matches the file at path, as
// a person choosing it in the file dialog does.
func (p *Page) OpenFile(selector, path string) {
	p.t.Helper()
	open := func() error {
		return chromedp.Do(p.ctx, chromedp.SetUploadFiles(chromedp.CSS(selector), []string{path}))
	}
	if p.tab != nil {
		open = func() error { return p.tab.SetFiles(p.ctx, selector, path) }
	}
	if err := open(); err != nil {
		p.t.Fatalf("opening %s in %s: %v", path, selector, err)
	}
}

// Screenshot saves the whole page as e2e/out/NAME.png.
func (p *Page) Screenshot(name string) {
	p.t.Helper()
	var png []byte
	var err error
	if p.tab != nil {
		png, err = p.tab.Screenshot(p.ctx)
	} else {
		png, err = chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	}
	if err == nil {
		err = os.MkdirAll(outDir, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(outDir, name+".png"), png, 0o644)
	}
	if err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
	}
}

// get fetches a path from the page's server, not through the browser, and
// returns the response with its body read and closed.
func (p *Page) get(path string) (*http.Response, []byte, error) {
	res, err := http.Get(p.server.URL + path)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res, body, err
}

// jsValue writes v as a JavaScript literal.
func jsValue(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the tests pass strings and slices of them
	}
	return string(b)
}
