//go:build !wasm

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"magcheck/app/ui"
	"magcheck/decoder"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/webdriver"
	"magcheck/message"
)

// Besides Chromium (CDP, the rest of this package), the page is tested in
// Firefox, through the WebDriver BiDi that Firefox serves itself, and in
// WebKitGTK, through WebKitWebDriver under Xvfb (package webdriver). A Page
// whose tab is set runs in one of them: Eval, waitUntil, Click, Reload and
// Screenshot go through the tab, so the checks of the Chromium tests
// (readResult, want, WaitOffline, storedCardData) are the same code here.

// engineNames are the engines besides Chromium, as package webdriver
// names them.
var engineNames = []string{"firefox", "webkit"}

var (
	// engineDir holds the engines' profiles (set by run).
	engineDir string

	enginesMu sync.Mutex
	started   = map[string]*engineStart{}
)

type engineStart struct {
	once sync.Once
	b    webdriver.Browser
	err  error
}

// startEngine starts the named engine on first use and returns it.
func startEngine(name string) (webdriver.Browser, error) {
	enginesMu.Lock()
	s := started[name]
	if s == nil {
		s = &engineStart{}
		started[name] = s
	}
	enginesMu.Unlock()
	s.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		switch name {
		case "firefox":
			s.b, s.err = webdriver.StartFirefox(ctx, webdriver.Find(webdriver.FirefoxNames...), filepath.Join(engineDir, "firefox"))
		case "webkit":
			s.b, s.err = webdriver.StartWebKit(ctx, webdriver.Find(webdriver.WebKitNames...))
		default:
			s.err = fmt.Errorf("no engine %q", name)
		}
	})
	return s.b, s.err
}

func closeEngines() {
	enginesMu.Lock()
	defer enginesMu.Unlock()
	for _, s := range started {
		if s.b != nil {
			s.b.Close()
		}
	}
}

// cspReport is where the engines' pages report a Content-Security-Policy
// violation: the tests add it to the policy, as neither WebDriver
// protocol reports violations.
const cspReport = "/e2e-csp-report"

// newEnginePage is newPage in Firefox or WebKit.
func newEnginePage(t *testing.T, engine string) *Page {
	t.Helper()
	p := openEnginePage(t, engine, site)
	p.waitReady()
	return p
}

// openEnginePage is openPage in Firefox or WebKit: a new tab on a server
// of its own, not yet started.
func openEnginePage(t *testing.T, engine string, h http.Handler) *Page {
	t.Helper()
	if unavailable != nil {
		t.Fatal(unavailable)
	}
	b, err := startEngine(engine)
	if err != nil {
		if errors.Is(err, webdriver.ErrNotFound) && os.Getenv("CI") == "" {
			t.Skipf("%v; make test installs it", err)
		}
		t.Fatal(err)
	}
	p := &Page{t: t, handler: h, visit: decoder.NewSession(ui.SessionSize)}
	p.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		if r.URL.Path == cspReport {
			var body bytes.Buffer
			body.ReadFrom(r.Body)
			p.security = append(p.security, "CSP report: "+body.String())
			p.mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
			return
		}
		p.served = append(p.served, r.Method+" "+r.URL.RequestURI())
		h := p.handler
		p.mu.Unlock()
		h.ServeHTTP(reportingCSP{w}, r)
	}))
	p.URL = p.server.URL + "/"
	ctx, cancel := context.WithTimeout(context.Background(), pageTimeout)
	p.ctx = ctx
	tab, err := b.NewTab(ctx)
	if err != nil {
		cancel()
		p.server.Close()
		t.Fatalf("opening a %s tab: %v", engine, err)
	}
	p.tab = tab
	t.Cleanup(func() {
		p.check()
		tab.Close()
		cancel()
		p.server.Close()
	})
	// The engines now and then hold their key dispatch 150–800 ms (seen on
	// a busy two-core machine): longer than the pause that ends a swipe.
	// As the Chromium tests do, the tests lengthen that pause, and expect
	// what the same Detector makes of the keys; a typing that still does
	// not read as one swipe is typed again (readerPaced). Firefox sets the
	// page up before it loads (Preload); W3C WebDriver cannot, so there the
	// page's app.wasm waits until the test has set it up after the load.
	p.idleGap = engineIdleGap
	setup := "window.magcheckTimings = {idleGapMS: " + strconv.Itoa(engineIdleGap) + "}"
	switch err := tab.Preload(ctx, setup); {
	case errors.Is(err, webdriver.ErrUnsupported):
		gate := make(chan struct{})
		p.handler = holdWASM(h, gate)
		defer func() {
			p.Eval(setup)
			close(gate)
		}()
	case err != nil:
		t.Fatal(err)
	default:
		p.preloaded = true
	}
	if err := tab.Navigate(ctx, p.URL); err != nil {
		t.Fatalf("loading %s in %s: %v", p.URL, engine, err)
	}
	return p
}

// engineIdleGap is the silence that ends a swipe in the engines' pages (ms).
const engineIdleGap = 1000

// holdWASM serves h, holding app.wasm until gate is closed. A reload the
// service worker answers is not held.
func holdWASM(h http.Handler, gate <-chan struct{}) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/web/app.wasm" {
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// reportingCSP adds the report address to the page's policy.
type reportingCSP struct{ http.ResponseWriter }

func (w reportingCSP) WriteHeader(code int) {
	if csp := w.Header().Get("Content-Security-Policy"); csp != "" {
		w.Header().Set("Content-Security-Policy", csp+"; report-uri "+cspReport)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w reportingCSP) Write(b []byte) (int, error) {
	if csp := w.Header().Get("Content-Security-Policy"); csp != "" && !strings.Contains(csp, cspReport) {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// tabErrors sorts the errors the engine logged since the last call: a
// policy violation (Firefox logs each) to security, an uncaught error to
// exceptions.
func (p *Page) tabErrors() {
	lines := p.tab.Console()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, l := range lines[min(p.tabSeen, len(lines)):] {
		switch {
		case strings.Contains(l, "Content-Security-Policy"):
			p.security = append(p.security, l)
		case strings.HasPrefix(l, "javascript "):
			p.exceptions = append(p.exceptions, l)
		}
	}
	p.tabSeen = len(lines)
}

// tap presses the element the selector matches with a pointer ("mouse"
// or "touch") at its centre, scrolled into view first.
func (p *Page) tap(pointer, selector string) error {
	var at [2]float64
	err := p.tab.Eval(p.ctx, `(() => {
		const e = document.querySelector(`+jsValue(selector)+`);
		if (!e) return null;
		e.scrollIntoView({block: 'center'});
		const r = e.getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2];
	})()`, &at)
	if err != nil {
		return err
	}
	if at == [2]float64{} {
		return fmt.Errorf("no element %s", selector)
	}
	return p.tab.Perform(p.ctx, webdriver.Tap(pointer, int(at[0]), int(at[1])))
}

// typeActions types text as the engine's WebDriver types it, one key
// press every gapMS milliseconds, and returns the keydowns the page's
// listener was sent, as it read them. With shift, a character a US
// keyboard types with Shift gets a Shift press around it, as a reader
// sends; without, the key alone, as WebDriver, remote-desktop tools and
// software wedges send it: key "?" with code Slash and no Shift
// (keyboardtest.ByCharacter). "\n" is Enter, "\t" Tab.
//
// The engines dispatch the keys at their own pace (1–21 ms apart were
// seen) and stamp them with the real time, so the keys are read back from
// a listener the test adds beside the page's.
func typeActions(p *Page, text string, shift bool, gapMS int) []keyboard.Key {
	p.t.Helper()
	p.settle()
	p.Eval(`(() => {
		window.__e2eKeys = [];
		if (window.__e2eKeyListener) return;
		window.__e2eKeyListener = e => __e2eKeys.push({Code: e.code, Key: e.key, Shift: e.shiftKey,
			Alt: e.altKey, Ctrl: e.ctrlKey, Meta: e.metaKey, Repeat: e.repeat,
			CapsLock: e.getModifierState('CapsLock'), Time: e.timeStamp});
		addEventListener('keydown', window.__e2eKeyListener, true);
	})()`)
	presses, err := keyboardtest.ByCharacter(text, false, func(int) bool { return shift })
	if err != nil {
		p.t.Fatal(err)
	}
	kb := webdriver.Source{Type: "key", ID: "reader"}
	want := 0
	for _, k := range presses {
		want++
		switch {
		case k.Code == "Enter":
			kb.Actions = append(kb.Actions, webdriver.KeyPress(webdriver.KeyEnter, gapMS)...)
		case k.Code == "Tab":
			kb.Actions = append(kb.Actions, webdriver.KeyPress(webdriver.KeyTab, gapMS)...)
		case k.Shift:
			want++
			kb.Actions = append(kb.Actions, webdriver.Action{"type": "pause", "duration": gapMS}, webdriver.Key(webdriver.KeyShift, "keyDown"))
			kb.Actions = append(kb.Actions, webdriver.KeyPress(k.Key, 0)...)
			kb.Actions = append(kb.Actions, webdriver.Key(webdriver.KeyShift, "keyUp"))
		default:
			kb.Actions = append(kb.Actions, webdriver.KeyPress(k.Key, gapMS)...)
		}
	}
	if err := p.tab.Perform(p.ctx, kb); err != nil {
		p.t.Fatalf("typing in %s: %v", p.t.Name(), err)
	}
	keys := evalAs[[]keyboard.Key](p, "window.__e2eKeys.splice(0)")
	if len(keys) != want {
		p.t.Fatalf("%d keydowns reached the page, want %d", len(keys), want)
	}
	return keys
}

// readerPaced says whether the keys read as one swipe of text, as a
// reader's do. An engine that held its dispatch at the start of a swipe
// (more than a person's 75 ms between keys) or long enough to end one
// did not type at a reader's pace.
func readerPaced(p *Page, keys []keyboard.Key, text string) bool {
	d := keyboard.Detector{IdleGap: p.idleGap}
	swipes := keyboardtest.Swipes(&d, keys, false)
	if len(swipes) == 1 && swipes[0].Rebuilt.Text == text {
		return true
	}
	var gaps []float64
	for i := 1; i < len(keys); i++ {
		if g := keys[i].Time - keys[i-1].Time; g > 30 {
			gaps = append(gaps, math.Round(g))
		}
	}
	p.t.Logf("%s typed %d swipes, gaps over 30 ms: %v; typing again", p.t.Name(), len(swipes), gaps)
	return false
}

// settle waits until the page's main thread has been free for a while:
// after a load the engines compile the WebAssembly's optimised tier in the
// background, and on two cores that can hold their key dispatch past the
// pause that ends a swipe.
func (p *Page) settle() {
	p.t.Helper()
	p.waitUntil("the page to settle", `(async () => {
		for (let calm = 0, tries = 0; tries < 200; tries++) {
			const t = performance.now();
			await new Promise(ok => setTimeout(ok, 10));
			calm = performance.now() - t < 30 ? calm + 1 : 0;
			if (calm >= 20) return true;
		}
		return false;
	})()`)
}

// engineSwipe starts a new visit (Clear) and types a capture followed by
// Enter, waits for it to show and returns what the page should have made
// of it. A typing the engine did not keep at a reader's pace is not what
// a reader sends: the visit is cleared and the capture typed again, up to
// three times.
func engineSwipe(p *Page, text string, shift bool) *decoder.Report {
	p.t.Helper()
	for try := 1; ; try++ {
		if evalAs[bool](p, "!document.querySelector('.empty')") {
			p.Click("#clear")
			p.WaitFor(".empty")
		}
		keys := typeActions(p, text+"\n", shift, 2)
		if !readerPaced(p, keys, text) {
			if try == 3 {
				p.t.Fatalf("%s did not type at a reader's pace three times", p.t.Name())
			}
			time.Sleep(time.Second) // let the engine settle
			continue
		}
		waitSwipes(p, 1)
		p.newVisit()
		return p.saw(swipedWith(p.t, keyboard.Detector{IdleGap: p.idleGap}, keys))
	}
}

// forEngines runs test in Firefox and in WebKit, as subtests named after
// them.
func forEngines(t *testing.T, test func(t *testing.T, engine string)) {
	for _, e := range engineNames {
		t.Run(e, func(t *testing.T) { test(t, e) })
	}
}

// engineCard is the capture the engine tests swipe: two tracks, with
// characters a US keyboard types with Shift (% ^ ? and capitals).
const engineCard = "%B4111111111111111^DOE/JOHN^30121010000000000000?;4111111111111111=30121010000000000000?"

// TestEngineLoad loads the page to ready and checks what it says of the
// engine: no CSP violation, no uncaught error, only its own files asked
// for, and WebHID and Web Serial, which neither engine has, shown as not
// supported.
func TestEngineLoad(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		p.Screenshot("engine-" + engine + "-ready")
		if v := p.Attr("html", "lang"); v != "en" {
			t.Errorf("html lang %q, want en", v)
		}
		if foreign := p.ForeignRequests(); len(foreign) > 0 {
			t.Errorf("requests besides the page's own files: %q", foreign)
		}
		for _, s := range p.Served() {
			path := strings.TrimPrefix(s, "GET ")
			if path == s || !isAsset(path) {
				t.Errorf("the server was asked for %q, not one of the page's files", s)
			}
		}
	})
}

// isAsset tells one of the page's own files from anything else.
func isAsset(path string) bool {
	path, _, _ = strings.Cut(path, "?")
	if path == "/app-worker.js" || path == "/" {
		return true
	}
	for _, a := range assets {
		if a == path {
			return true
		}
	}
	return false
}

// TestEngineCSPReport checks the check: a script the policy forbids is
// reported, and the report reaches the test.
func TestEngineCSPReport(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		p.Eval(`document.head.appendChild(Object.assign(document.createElement('script'), {textContent: 'window.inline = 1'}))`)
		// The report the server received, and in Firefox a log entry for
		// each of the two policies it broke: the header's and the meta
		// tag's (which cannot report).
		want := map[string]int{"firefox": 3, "webkit": 1}[engine]
		var reports []string
		for deadline := time.Now().Add(waitTimeout); len(reports) < want && time.Now().Before(deadline); {
			time.Sleep(50 * time.Millisecond)
			reports = append(reports, p.TakeSecurity()...)
		}
		if len(reports) != want {
			t.Errorf("an inline script was reported as %q, want %d script-src violations", reports, want)
		}
		for _, r := range reports {
			if !strings.Contains(r, "script-src") {
				t.Errorf("an inline script was reported as %q, want a script-src violation", r)
			}
		}
		if evalAs[bool](p, "window.inline === 1") {
			t.Error("the inline script ran")
		}
	})
}

// TestEngineSwipe types a swipe with real key events, Shift included, then
// the same swipe as the engine's WebDriver types it (no Shift), and checks
// that each shows exactly what magcheck decode makes of the text.
func TestEngineSwipe(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		for i, shift := range []bool{true, false} {
			r := engineSwipe(p, engineCard, shift)
			got := readResult(p)
			sameResult(t, got, p.want(r))
			sameData(t, got, p.want(pasted(t, engineCard)))
			if got.Card == nil || got.Card.Last4 != "1111" {
				t.Errorf("swipe %d (Shift %v): card %+v", i+1, shift, got.Card)
			}
		}
		p.Screenshot("engine-" + engine + "-swipe")
		assertNoCardDataStored(p)
	})
}

// assertNoCardDataStored checks every storage the page can write for the
// card number and name of engineCard.
func assertNoCardDataStored(p *Page) {
	p.t.Helper()
	if hits := storedCardData(p, "4111111111111111", "DOE/JOHN"); len(hits) > 0 {
		p.t.Errorf("card data stored: %q", hits)
	}
	if c := evalAs[string](p, "document.cookie"); c != "" {
		p.t.Errorf("cookies set: %q", c)
	}
	for _, l := range p.Console() {
		if strings.Contains(l, "4111111111111111") || strings.Contains(l, "DOE/JOHN") {
			p.t.Errorf("card data logged: %q", l)
		}
	}
}

// TestEnginePaste decodes text put in the paste box with the Decode button.
func TestEnginePaste(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		pasteText(p, engineCard)
		waitSwipes(p, 1)
		sameResult(t, readResult(p), p.want(p.saw(pasted(t, engineCard))))
	})
}

// TestEngineAudioFile opens a WAV recording through the file input.
func TestEngineAudioFile(t *testing.T) {
	name, report := audioRecording(t)
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		p.OpenFile("#audio-file", name)
		p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
		sameResult(t, readResult(p), p.want(p.saw(report)))
	})
}

// TestEngineLanguage switches to Chinese and back with a tap.
func TestEngineLanguage(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		r := engineSwipe(p, engineCard, true)
		if err := p.tap("touch", `button[data-lang="zh"]`); err != nil {
			t.Fatal(err)
		}
		p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
		if v := p.Attr("html", "lang"); v != "zh-Hans" {
			t.Errorf("html lang %q after the switch, want zh-Hans", v)
		}
		p.Screenshot("engine-" + engine + "-zh")
		p.Click(`button[data-lang="en"]`)
		p.WaitFor(`button[data-lang="en"][aria-pressed="true"]`)
		sameResult(t, readResult(p), p.want(r))
	})
}

// TestEngineOffline waits until the page works offline, stops its server,
// reloads and swipes: a first visit shows no update notice, and the
// reloaded page reads a card.
func TestEngineOffline(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		p.WaitOffline()
		p.WaitFor(`[data-offline="ready"]`)
		if n := evalAs[int](p, "document.querySelectorAll('#update').length"); n != 0 {
			t.Errorf("a first visit says a new version is ready")
		}
		p.StopServer()
		p.Reload()
		r := engineSwipe(p, engineCard, true)
		sameResult(t, readResult(p), p.want(r))
		if n := evalAs[int](p, "document.querySelectorAll('#update').length"); n != 0 {
			t.Errorf("an offline reload says a new version is ready")
		}
		assertNoCardDataStored(p)
	})
}

// TestEngineUpdate deploys a new version while the page is open: the page
// keeps its result and offers a reload, which runs the new version.
func TestEngineUpdate(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		p.WaitOffline()
		r := engineSwipe(p, engineCard, true)
		p.Serve(nextRelease(t))
		p.Eval("navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)")
		p.WaitFor("#update #update-reload")
		sameResult(t, readResult(p), p.want(r))
		p.Click("#update-reload")
		p.waitReady()
		p.WaitFor(".empty")
		if n := evalAs[int](p, "document.querySelectorAll('#update').length"); n != 0 {
			t.Errorf("the new version, reloaded, says a new version is ready")
		}
	})
}

// TestEngineEarlySwipe swipes while the page starts, app.wasm held back as
// on a slow link: the page says it will read the swipe, and reads it once
// it runs (web/early.js, capture.takeEarly).
func TestEngineEarlySwipe(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		wasm := make(chan struct{})
		var once sync.Once
		release := func() { once.Do(func() { close(wasm) }) }
		p := openEnginePage(t, engine, holdWASM(site, wasm))
		t.Cleanup(release) // before the server closes: it waits for its requests
		var keys []keyboard.Key
		for try := 1; ; try++ {
			p.waitUntil("the prerendered page", `document.readyState === 'complete' &&
				document.querySelector('.prompt[data-ready="false"]') && document.getElementById('app-wasm-loader')`)
			keys = typeActions(p, engineCard+"\n", true, 2)
			if readerPaced(p, keys, engineCard) {
				break
			}
			if try == 3 {
				t.Fatalf("%s did not type at a reader's pace three times", engine)
			}
			if err := p.tab.Navigate(p.ctx, p.URL); err != nil {
				t.Fatal(err)
			}
		}
		p.WaitFor(`[data-early="held"]`)
		if got, want := p.Text(`[data-early="held"]`), message.English.Text(message.EarlyHeld); got != want {
			t.Errorf("while starting the page says %q, want %q", got, want)
		}
		p.Screenshot("engine-" + engine + "-early")
		release()
		p.waitReady()
		waitSwipes(p, 1)
		got := readResult(p)
		sameResult(t, got, p.want(p.saw(swipedWith(t, keyboard.Detector{IdleGap: p.idleGap}, keys))))
		sameData(t, got, p.want(pasted(t, engineCard)))
		if n := evalAs[int](p, "document.querySelectorAll('[data-early]').length + magcheckEarly.take().length"); n != 0 {
			t.Errorf("after the start, %d early messages and held keys remain", n)
		}
		assertNoCardDataStored(p)
	})
}

// TestEngineUnsupported: where the engine lacks WebHID, Web Serial or the
// microphone, the panel says so, with its data-*-state="unsupported"
// hook and no button that could not work; where it has one, the panel
// offers it. Firefox has Web Serial (from 151, behind a site permission
// add-on) and neither engine has WebHID.
func TestEngineUnsupported(t *testing.T) {
	forEngines(t, func(t *testing.T, engine string) {
		p := newEnginePage(t, engine)
		var has struct{ HID, Serial, Mic bool }
		p.evaluate(`({HID: 'hid' in navigator, Serial: 'serial' in navigator,
			Mic: !!navigator.mediaDevices?.getUserMedia && typeof AudioWorkletNode === 'function' && isSecureContext})`, &has)
		t.Logf("%s has WebHID %v, Web Serial %v, a microphone %v", engine, has.HID, has.Serial, has.Mic)
		for _, panel := range []struct {
			name, unsupported, supported, buttons string
			has                                   bool
			text                                  message.Key
		}{
			{"WebHID", `#hid[data-hid-state="unsupported"] [data-hid-error="no_webhid"]`, `#hid:not([data-hid-state="unsupported"]) #hidbtn`,
				`#hid button`, has.HID, message.HIDNoWebHID},
			{"Web Serial", `#serial[data-serial-state="unsupported"] [data-msr-error="no_serial"]`, `#serial:not([data-serial-state="unsupported"]) button`,
				`#serial button`, has.Serial, message.SerialNoSerial},
			{"microphone", `#audio[data-mic-state="unsupported"] [data-mic-error="unsupported"]`, `#audio:not([data-mic-state="unsupported"]) #audio-mic`,
				`#audio-mic`, has.Mic, message.AudioNoAudio},
		} {
			if panel.has {
				p.WaitFor(panel.supported)
				continue
			}
			p.WaitFor(panel.unsupported)
			if got, want := p.Text(panel.unsupported), message.English.Text(panel.text); got != want {
				t.Errorf("%s missing: the page says\n\t%q\nwant\n\t%q", panel.name, got, want)
			}
			if n := evalAs[int](p, "document.querySelectorAll("+jsValue(panel.buttons)+").length"); n != 0 {
				t.Errorf("%s missing: %d buttons that cannot work", panel.name, n)
			}
		}
		p.Screenshot("engine-" + engine + "-panels")
	})
}

// TestEngineTablet lays the page out at tablet sizes: an iPad's in WebKit,
// Android tablets' in Firefox (device scale 2), and both engines at the
// landscape sizes of Android tablets, 1280×800 and 1024×600. Nothing
// scrolls sideways, every control is a 44 px tap target, and after a
// swipe the verdict and the first finding are on the first screen (see
// tabletCheck).
func TestEngineTablet(t *testing.T) {
	landscape := [][2]int{{1280, 800}, {1024, 600}}
	sizes := map[string][][2]int{"webkit": append([][2]int{{1024, 1366}}, landscape...),
		"firefox": append([][2]int{{800, 1280}, {600, 1024}}, landscape...)}
	forEngines(t, func(t *testing.T, engine string) {
		for _, size := range sizes[engine] {
			name := fmt.Sprintf("engine-%s-tablet-%dx%d", engine, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				p := newEnginePage(t, engine)
				if err := p.tab.SetViewport(p.ctx, size[0], size[1], 2); err != nil {
					t.Fatal(err)
				}
				before := evalAs[tabletReport](p, tabletCheck)
				if before.Viewport.Width != float64(size[0]) || before.Viewport.Height != float64(size[1]) {
					t.Errorf("viewport %vx%v, want %dx%d", before.Viewport.Width, before.Viewport.Height, size[0], size[1])
				}
				for _, problem := range before.layoutProblems() {
					t.Error("before a swipe: " + problem)
				}
				engineSwipe(p, vector(t, "msjs-credit-chip"), true)
				p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
				p.Eval("scrollTo(0, 0)")
				after := evalAs[tabletReport](p, tabletCheck)
				for _, problem := range append(after.layoutProblems(), after.firstScreenProblems()...) {
					t.Error("after a swipe: " + problem)
				}
				t.Logf("%s: verdict %+v, first finding %+v", name, after.Verdict, after.Finding)
				p.Screenshot(name)
			})
		}
	})
}
