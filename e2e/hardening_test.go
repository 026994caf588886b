//go:build !wasm

package e2e

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"magcheck/app/ui"
	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/decoder/audio/audiotest"
	"magcheck/decoder/audio/wav"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/headless"
	"magcheck/message"
	"magcheck/server"
	"magcheck/webhid"
)

// The tests here are hostile inputs and faults, each in the real
// page: a reader that never stops, a held key, a thousand swipes, the
// program failing to load, two tabs, a reader unplugged or revoked, a busy
// microphone, a new version installed while the page is open; and the
// privacy proof across every kind of input.

// addScript runs js in the tab before the page's own scripts on every later
// load, and returns its identifier for removeScript.
func addScript(p *Page, js string) page.ScriptIdentifier {
	p.t.Helper()
	id, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
	if err != nil {
		p.t.Fatal(err)
	}
	return id.Identifier
}

func removeScript(p *Page, id page.ScriptIdentifier) {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, page.RemoveScriptToEvaluateOnNewDocument,
		page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: id}); err != nil {
		p.t.Fatal(err)
	}
}

// A reader that never sends its terminator and never stops: the page keeps
// keyboard.MaxSwipeKeys keys, ends the swipe at the idle gap with a
// capture_truncated finding, and goes on working.
func TestReaderWithoutTerminator(t *testing.T) {
	const idleGap = 3000 // ms: long enough that no pause of the machine splits the capture
	p := newTestPage(t, pageTimings{})
	addScript(p, "window.magcheckTimings.idleGapMS = "+strconv.Itoa(idleGap))
	p.Reload()

	keys := typeSwipe(p, "%B"+strings.Repeat("4", keyboard.MaxSwipeKeys+100), "us", false, readerGap)
	waitSwipes(p, 1)
	d := keyboard.Detector{IdleGap: idleGap}
	for _, k := range keys {
		if _, done := d.Feed(k, false); done != nil {
			t.Fatal("the keys end a swipe without a terminator")
		}
	}
	sw := d.Idle(keys[len(keys)-1].Time + idleGap)
	if sw == nil || !sw.Truncated || len(sw.Keys) != keyboard.MaxSwipeKeys {
		t.Fatalf("native swipe %v: want MaxSwipeKeys keys, truncated", sw != nil)
	}
	got := readResult(p)
	sameResult(t, got, p.want(p.saw(decoder.DecodeSwipe(*sw, decoder.Options{}))))
	if !slices.Contains(got.Findings, string(decoder.CaptureTruncated)) {
		t.Errorf("findings %q lack capture_truncated", got.Findings)
	}
	// Still responsive: a language switch and the next swipe.
	p.Click(`button[data-lang="zh"]`)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
	p.Click(`button[data-lang="en"]`)
	p.WaitFor(`button[data-lang="en"][aria-pressed="true"]`)
	in := vector(t, "jq-visa-t1")
	r := swipe(p, in, "us", false, 2)
	sameResult(t, readResult(p), p.want(r))
}

// hold presses the character's key and holds it: the keydown, repeats
// keydowns flagged as auto-repeat every 20 ms (faster than a reader), then
// the keyup, stamped from start.
func hold(p *Page, char string, repeats int, start time.Time) {
	p.t.Helper()
	presses, err := keyboardtest.Presses(char, keyboard.US, false)
	if err != nil || len(presses) != 1 {
		p.t.Fatalf("Presses(%q): %v", char, err)
	}
	evs := headless.KeyEvents(presses[0])
	i := slices.IndexFunc(evs, func(e input.DispatchKeyEventParams) bool { return e.Key == presses[0].Key })
	down := evs[i]
	seq := slices.Clone(evs[:i+1])
	for range repeats {
		r := down
		r.AutoRepeat = new(true)
		seq = append(seq, r)
	}
	seq = append(seq, evs[i+1:]...)
	for n, ev := range seq {
		ev.Timestamp = epoch(start.Add(time.Duration(min(n, repeats+i+1)) * 20 * time.Millisecond))
		if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, ev); err != nil {
			p.t.Fatal(err)
		}
	}
}

// A key held down makes no swipe and adds nothing to the next one; in the
// paste box it types as it does anywhere.
func TestKeyHeld(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	// Stamped in the past, so that the swipe after them starts after a
	// person's pause, as it would.
	past := time.Now().Add(-5 * time.Second)
	hold(p, "%", 40, past) // a lone start sentinel
	hold(p, "1", 40, past.Add(time.Second))
	in := vector(t, "jq-visa-t1")
	r := swipe(p, in, "us", false, 1)
	sameResult(t, readResult(p), p.want(r))

	p.Click("#paste")
	hold(p, "7", 30, time.Now().Add(-3*time.Second))
	if v := evalAs[string](p, "document.getElementById('paste').value"); v != strings.Repeat("7", 31) {
		t.Errorf("the paste box holds %q after holding 7 with 30 repeats", v)
	}
	p.Eval("document.getElementById('paste').value = ''; document.activeElement.blur()")
	in = vector(t, "jq-amex")
	r = swipe(p, in, "us", false, 2)
	sameResult(t, readResult(p), p.want(r))
}

// A thousand swipes in one visit: the session keeps ui.SessionSize, says
// how many it dropped, sums up exactly what the decoder's Session says,
// and the page still takes the next swipe.
func TestThousandSwipes(t *testing.T) {
	const n = 1000
	p := newTestPage(t, pageTimings{})
	var texts []string
	for _, id := range []string{"jq-visa-t1", "jq-amex", "magtek-t1-error-t2-ok-composed"} {
		texts = append(texts, vector(t, id))
	}
	s := p.visit
	for i := range n {
		s.Add(pasted(t, texts[i%len(texts)]))
	}
	// Pasted and decoded one after the other, as fast as the page takes them.
	p.Eval(`(async (texts, n) => {
		const box = document.getElementById('paste'), decode = document.getElementById('decode');
		for (let i = 0; i < n; i++) {
			box.value = texts[i % texts.length];
			decode.click();
			await new Promise(r => setTimeout(r));
		}
		box.value = '';
		return true;
	})(` + jsValue(texts) + `, ` + strconv.Itoa(n) + `)`)
	dropped := n - ui.SessionSize
	p.WaitFor(`.session[data-dropped="` + strconv.Itoa(dropped) + `"]`)
	sum := s.Summary()
	if sum.Swipes != ui.SessionSize || sum.Dropped != dropped {
		t.Fatalf("native summary %+v", sum)
	}
	for name, want := range map[string]string{
		"data-swipes": strconv.Itoa(sum.Swipes), "data-cards": strconv.Itoa(sum.Cards),
		"data-failed": strconv.Itoa(sum.Failed), "data-fault": string(sum.Fault),
	} {
		if got := p.Attr(".session", name); got != want {
			t.Errorf("session %s = %q, want %q", name, got, want)
		}
	}
	if got, want := p.Text(".session-text"), sum.Text(message.English); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if got := p.Text(".session-text"); !strings.Contains(got, "The oldest 800 swipes were dropped to bound memory.") {
		t.Errorf("no note of the dropped swipes: %q", got)
	}
	sameResult(t, readResult(p), p.want(pasted(t, texts[(n-1)%len(texts)])))

	// The page still takes a swipe, which drops one more.
	in := vector(t, "jq-mastercard-honorific")
	keys := typeSwipe(p, in+"\n", "us", false, readerGap)
	p.WaitFor(`.session[data-dropped="` + strconv.Itoa(dropped+1) + `"]`)
	r := swiped(t, keys)
	s.Add(r)
	sameResult(t, readResult(p), p.want(r))
	p.Click(`button[data-lang="zh"]`)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
	if got, want := p.Text(".session-text"), s.Summary().Text(message.Chinese); got != want {
		t.Errorf("Chinese summary %q, want %q", got, want)
	}
	if p.Eval("!!document.getElementById('boot-failed')") != false {
		t.Error("the running page still holds the load-failure message")
	}
}

// The first swipe of a visit brings the session panel: the paste box after
// it stays the same element and keeps what a person put in
// it (go-app matches children by position; see Page.sessionPanel).
func TestPasteBoxKeptOnFirstSwipe(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.Eval("const box = document.getElementById('paste'); box.value = 'half-pasted log'; window.__box = box; true")
	in := vector(t, "jq-visa-t1")
	r := swipe(p, in, "us", false, 1)
	sameResult(t, readResult(p), p.want(r))
	if !evalAs[bool](p, "window.__box === document.getElementById('paste') && window.__box.isConnected") {
		t.Error("the first swipe replaced the paste box")
	}
	if v := evalAs[string](p, "document.getElementById('paste').value"); v != "half-pasted log" {
		t.Errorf("the paste box holds %q after the first swipe", v)
	}
}

// A swipe into the focused paste box: the keys that reached the box before
// the timing showed a reader are taken back out, the caret goes back where
// it was, and what a person types there afterwards stays.
func TestSwipeIntoFocusedPasteBox(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.Eval("const box = document.getElementById('paste'); box.value = 'half-pasted log'; box.focus(); box.setSelectionRange(5, 5); true")
	box := func() (string, int) {
		t.Helper()
		v := evalAs[[]any](p, "(b => [b.value, b.selectionStart, b === document.activeElement])(document.getElementById('paste'))")
		if v[2] != true {
			t.Fatal("the paste box lost the focus")
		}
		return v[0].(string), int(v[1].(float64))
	}
	for i, tt := range []struct {
		id, layout string
		box        string // after the swipe
		caret      int
		typed      string // then by a person
		after      string
	}{
		{"jq-visa-t1", "us", "half-pasted log", 5, "x", "half-xpasted log"},
		{"magtek-v5-ex4-three-tracks", "fr", "half-xpasted log", 6, "", "half-xpasted log"},
	} {
		r := swipe(p, vector(t, tt.id), tt.layout, false, i+1)
		sameResult(t, readResult(p), p.want(r))
		if v, at := box(); v != tt.box || at != tt.caret {
			t.Errorf("after swipe %d the paste box holds %q, caret at %d; want %q at %d", i+1, v, at, tt.box, tt.caret)
		}
		if tt.typed != "" {
			typeSwipe(p, tt.typed, "us", false, 150*time.Millisecond)
		}
		if v, _ := box(); v != tt.after {
			t.Errorf("after swipe %d and typing %q the paste box holds %q, want %q", i+1, tt.typed, v, tt.after)
		}
	}
}

// A reader that types Enter after each track, as the ID TECH MiniMag does
// by default, into the focused paste box: one swipe with both tracks, the
// finding that names the separators, and the box as it was.
func TestSwipeEnterAfterEachTrack(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.Eval("const box = document.getElementById('paste'); box.value = 'log'; box.focus(); true")
	const text = "%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?\n;4111111111111111=30121010000000000000?\n"
	r := p.saw(swiped(t, typeSwipe(p, text, "us", false, readerGap)))
	w := p.want(r)
	if !hasCodes(w.Findings, string(decoder.TerminatorBetweenTracks)) || r.Tracks[0].Status != decoder.StatusOK || r.Tracks[1].Status != decoder.StatusOK {
		t.Fatalf("native decode: findings %v, tracks %+v", w.Findings, r.Tracks)
	}
	p.WaitFor(`[data-code="` + string(decoder.TerminatorBetweenTracks) + `"]`)
	sameResult(t, readResult(p), w)
	if got := p.Attr(".session", "data-swipes"); got != "1" {
		t.Errorf("the visit counts %s swipes, want 1", got)
	}
	if v := evalAs[string](p, "document.getElementById('paste').value"); v != "log" {
		t.Errorf("the paste box holds %q", v)
	}
}

// brokenWASM serves the site with app.wasm answered by status and body.
func brokenWASM(status int, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/web/app.wasm" || r.URL.Path == "/app.wasm" {
			w.Header().Set("Content-Type", "application/wasm")
			w.WriteHeader(status)
			w.Write(body)
			return
		}
		site.ServeHTTP(w, r)
	})
}

// When app.wasm cannot be loaded the page says so in plain HTML, in both
// languages, in place of its dead controls, with the browser's error below.
func TestWASMFailsToLoad(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status int
		body   []byte
		detail string // in go-app's loader label
	}{
		{"404", http.StatusNotFound, []byte("404 page not found\n"), "CompileError"},
		{"garbage", http.StatusOK, bytes.Repeat([]byte("not wasm "), 1000), "CompileError"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := openPage(t, brokenWASM(tt.status, tt.body))
			p.waitUntil("go-app's loader to stop on an error",
				"document.getElementById('app-wasm-loader-icon')?.className === 'goapp-logo'")
			type state struct {
				Message, Content, Loader, Detail string
			}
			got := evalAs[state](p, `(() => {
				const shown = s => getComputedStyle(document.querySelector(s)).display;
				return {Message: shown('#boot-failed'), Content: shown('.content'), Loader: shown('#app-wasm-loader'),
					Detail: document.getElementById('app-wasm-loader-label').textContent};
			})()`)
			if got.Message == "none" || got.Content != "none" || got.Loader == "none" {
				t.Errorf("message display %q, controls display %q, loader display %q: want the message and the loader's error, no controls",
					got.Message, got.Content, got.Loader)
			}
			if !strings.Contains(got.Detail, tt.detail) {
				t.Errorf("loader label %q lacks %q", got.Detail, tt.detail)
			}
			msg := p.Text("#boot-failed")
			for _, want := range []string{"magcheck could not start: its program (app.wasm) did not load. Reload the page.", "magcheck 无法启动"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			p.Screenshot("wasm-failed-" + tt.name)
		})
	}
}

// When the page cannot start at all (app.js missing, or a browser without
// WebAssembly) it says so instead of spinning forever.
func TestPageCannotStart(t *testing.T) {
	noAppJS := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/app.js" {
			http.NotFound(w, r)
			return
		}
		site.ServeHTTP(w, r)
	})
	for _, tt := range []struct {
		name, script string
		handler      http.Handler
		detail       string
	}{
		{"no app.js", "", noAppJS, "app.js ✗"},
		{"no WebAssembly", "delete window.WebAssembly;", site, "WebAssembly ✗"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := openPage(t, tt.handler)
			if tt.script != "" {
				if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
					page.AddScriptToEvaluateOnNewDocumentParams{Source: tt.script}); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(p.ctx, chromedp.Reload()); err != nil {
					t.Fatal(err)
				}
			}
			p.waitUntil("the loader to stop", "document.getElementById('app-wasm-loader-icon')?.className === 'goapp-logo'")
			if got := p.Text("#app-wasm-loader-label"); got != tt.detail {
				t.Errorf("loader label %q, want %q", got, tt.detail)
			}
			shown := evalAs[string](p, "getComputedStyle(document.getElementById('boot-failed')).display")
			if shown == "none" || !strings.Contains(p.Text("#boot-failed"), "magcheck could not start") {
				t.Errorf("message display %q, text %q", shown, p.Text("#boot-failed"))
			}
			// Expected: go-app's loader throws without WebAssembly, and the
			// browser refuses the 404 page as a script (nosniff).
			p.TakeExceptions()
			p.TakeSecurity()
		})
	}
}

// secondTab opens the page of p in another tab of the same browser: the
// same origin, so the same service worker and storage.
func secondTab(p *Page) *Page {
	p.t.Helper()
	q := &Page{t: p.t, server: p.server, URL: p.URL, handler: site, visit: decoder.NewSession(ui.SessionSize)}
	tab, closeTab := chromedp.NewContext(browser, chromedp.WithListener(q.listen))
	q.ctx = tab
	p.t.Cleanup(func() {
		q.check()
		closeTab()
	})
	if err := chromedp.Do(tab); err != nil {
		p.t.Fatal(err)
	}
	addScript(q, capsLockShim)
	addScript(q, "window.magcheckTimings = {idleGapMS: 60000};")
	if err := chromedp.Do(tab, chromedp.Navigate(q.URL)); err != nil {
		p.t.Fatal(err)
	}
	q.waitReady()
	return q
}

// Two tabs at once work on their own: a swipe in one shows only there.
func TestSecondTab(t *testing.T) {
	a := newTestPage(t, pageTimings{})
	b := secondTab(a)
	front := func(p *Page) {
		t.Helper()
		if _, err := chromedp.Call(p.ctx, page.BringToFront, cdp.Empty{}); err != nil {
			t.Fatal(err)
		}
	}
	front(a)
	visa := swipe(a, vector(t, "jq-visa-t1"), "us", false, 1)
	front(b)
	if n := evalAs[int](b, "document.querySelectorAll('[data-track], .session-text').length"); n != 0 || b.Eval("!!document.querySelector('.empty')") != true {
		t.Errorf("the second tab shows the first tab's swipe (%d elements)", n)
	}
	amex := swipe(b, vector(t, "jq-amex"), "us", false, 1)
	sameResult(t, readResult(b), b.want(amex))
	sameResult(t, readResult(a), a.want(visa))
	for _, p := range []*Page{a, b} {
		if got := p.Attr(".session", "data-swipes"); got != "1" {
			t.Errorf("a tab counts %s swipes, want its own 1", got)
		}
	}
	// Clearing one leaves the other alone.
	a.Click("#clear")
	a.WaitFor(".empty")
	sameResult(t, readResult(b), b.want(amex))
}

// A reader granted before reopens by itself; unplugged in the middle of a
// report, the partial report goes and the result stays; after its
// permission is revoked, the browser lists no reader and the page waits
// for a new Connect.
func TestHIDUnplugAndRevoke(t *testing.T) {
	p := newTestPage(t, pageTimings{}, fakeHID)
	granted := addScript(p, "window.__hidGranted = true")
	p.Reload()
	p.WaitFor(`#hid[data-hid-state="connected"] #hid-reader`)
	p.waitUntil("the granted reader to be reopened", "window.__hid.opened()")

	p.Eval("window.__hid.send(0, " + jsValue(ints(v1Report(t))) + ")")
	p.WaitFor(`.track[data-track="1"][data-status="ok"]`)
	before := readResult(p)
	p.Eval("window.__hid.send(0, [0, 0, 0, 60, 37])") // the first bytes of a report
	p.WaitFor(`.hid-bad[data-length="5"]`)
	p.Eval("window.__hid.unplug()")
	p.WaitFor(`#hid[data-hid-state="error"] [data-hid-error="unplugged"]`)
	if got := p.Text(`[data-hid-error="unplugged"]`); !strings.Contains(got, "The reader was unplugged.") {
		t.Errorf("unplugging explained as %q", got)
	}
	if p.Eval("!!document.querySelector('.hid-bad, #hid-reader')") != false {
		t.Error("the partial report or the reader is still shown after unplugging")
	}
	sameResult(t, readResult(p), p.want(p.saw(mustParseV1(t))))
	if !slices.Equal(before.Tracks, readResult(p).Tracks) {
		t.Error("the result changed when the reader went")
	}

	p.Eval("window.__hid.revoke()")
	removeScript(p, granted)
	p.Reload()
	if n := evalAs[int](p, "navigator.hid.getDevices().then(d => d.length)"); n != 0 {
		t.Fatalf("getDevices lists %d readers after revoking", n)
	}
	p.WaitFor(`#hid[data-hid-state="idle"] #hidbtn`)
	if p.Eval("window.__hid.opened() || !!document.querySelector('#hid-reader, [data-hid-error]')") != false {
		t.Error("a revoked reader was reopened or an error shown")
	}
	// Connect asks again and works.
	p.Click("#hidbtn")
	p.WaitFor(`#hid[data-hid-state="connected"] #hid-reader`)
}

func mustParseV1(t *testing.T) *decoder.Report {
	t.Helper()
	rep, err := webhid.Parse(webhid.Device{VendorID: webhid.VendorMagTek, ProductID: 0x0011}, 0, v1Report(t))
	if err != nil {
		t.Fatal(err)
	}
	return decoder.DecodeHID(rep, nil, decoder.Options{})
}

// The microphone held by another program or tab (NotReadableError) is
// explained, and the button offers to try again.
func TestMicrophoneBusy(t *testing.T) {
	p := newTestPage(t, pageTimings{}, `navigator.mediaDevices.getUserMedia = async () => {
		throw new DOMException('Could not start audio source', 'NotReadableError');
	};`)
	p.Click("#audio-mic")
	p.WaitFor(`#audio[data-audio-state="error"] [data-audio-error="busy"]`)
	if got := p.Text(`[data-audio-error="busy"] p`); got != "The microphone is in use or could not be started. Close other programs and tabs that use it, replug the reader, and try again." {
		t.Errorf("busy microphone explained as %q", got)
	}
	if got := p.Text(".audio-detail"); got != "The browser said: NotReadableError: Could not start audio source" {
		t.Errorf("detail %q", got)
	}
	if got := p.Text("#audio-mic"); got != "Listen to an audio reader" {
		t.Errorf("button %q after the failure", got)
	}
}

// A new version deployed while the page is open: the service worker
// installs it, the page keeps its result and offers a reload, which runs
// the new version from its new cache.
func TestServiceWorkerUpdate(t *testing.T) {
	p := newTestPage(t, pageTimings{})
	p.WaitOffline()
	cachesBefore := evalAs[[]string](p, "caches.keys()")
	r := swipe(p, vector(t, "jq-visa-t1"), "us", false, 1)
	p.Serve(nextRelease(t))
	p.Eval("navigator.serviceWorker.getRegistration().then(r => r.update()).then(() => true)")
	p.WaitFor("#update #update-reload")
	if got := p.Text("#update"); !strings.Contains(got, "A new version of magcheck is ready. Reloading clears the result on screen.") {
		t.Errorf("update notice %q", got)
	}
	sameResult(t, readResult(p), p.want(r))

	p.Click("#update-reload")
	p.waitReady()
	p.waitUntil("the new version's cache to replace the old",
		"caches.keys().then(k => k.length === 1 && k[0] !== "+jsValue(cachesBefore[0])+")")
	p.waitUntil("release.txt to be cached",
		"caches.open('app-' + '').then(() => caches.keys()).then(k => caches.open(k[0])).then(c => c.match('/web/release.txt')).then(r => !!r)")
	if p.Eval("!!document.querySelector('.empty') && !document.getElementById('update')") != true {
		t.Error("after the reload: want an empty page and no update notice")
	}
}

// nextRelease is the site with one file more, release.txt: a new version.
func nextRelease(t *testing.T) *server.Site {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(webDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "release.txt"), []byte("2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	next, err := server.New(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	<-next.Compressed()
	return next
}

// luhnPAN returns a random 16-digit card number with a valid check digit.
func luhnPAN(prefix string) string {
	d := []byte(prefix)
	for len(d) < 15 {
		d = append(d, byte('0'+rand.IntN(10)))
	}
	sum := 0
	for i := range d {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 0 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return string(append(d, byte('0'+(10-sum%10)%10)))
}

// wasmMemoryHook keeps the page's WebAssembly memory where the test can
// read it (window.__wasmMemory). The page itself never exposes it.
const wasmMemoryHook = `(() => {
	const inst = WebAssembly.instantiateStreaming;
	WebAssembly.instantiateStreaming = async (...args) => {
		const r = await inst.apply(WebAssembly, args);
		window.__wasmMemory = r.instance.exports.mem;
		return r;
	};
})()`

// inMemory finds each needle in the Go program's memory and returns where:
// the offsets, and, with around, the printable bytes about each (to tell
// what still holds it: a string among others, a buffer, a stack). The
// needles go to the page as byte codes, not as strings, so that a search
// that finds none leaves no copy of them in the JavaScript heap (see
// heapSnapshot).
func inMemory(p *Page, needles []string, around bool) map[string][]string {
	p.t.Helper()
	found := evalAs[[][]string](p, `((needles, around) => {
		const mem = new Uint8Array(window.__wasmMemory.buffer);
		const at = (i) => {
			let s = '@' + i;
			if (around) {
				s += ' ';
				for (let k = Math.max(0, i - 48); k < Math.min(mem.length, i + 80); k++) {
					s += mem[k] >= 32 && mem[k] < 127 ? String.fromCharCode(mem[k]) : '.';
				}
			}
			return s;
		};
		return needles.map(b => {
			const hits = [];
			for (let i = mem.indexOf(b[0]); i >= 0 && i <= mem.length - b.length; i = mem.indexOf(b[0], i + 1)) {
				let j = 1;
				while (j < b.length && mem[i + j] === b[j]) j++;
				if (j === b.length) hits.push(at(i));
			}
			return hits;
		});
	})(`+jsValue(byteCodes(needles))+`, `+jsValue(around)+`)`)
	out := make(map[string][]string, len(needles))
	for i, n := range needles {
		out[n] = found[i]
	}
	return out
}

// assertMemoryCleared fails the test when, within a few seconds of a Clear
// (the time the page's collections take), any needle is still in the Go
// program's memory. Bytes left there would not prove a reference, as a
// page built without clobberfree would leave them in freed memory; but
// their absence proves that nothing holds the card data any more and that
// no freed copy of it is left.
func assertMemoryCleared(p *Page, needles []string, when string) {
	p.t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		clean := true
		for _, at := range inMemory(p, needles, false) {
			clean = clean && len(at) == 0
		}
		if clean {
			return
		}
	}
	left := inMemory(p, needles, true)
	for _, s := range needles {
		if at := left[s]; len(at) > 0 {
			p.t.Errorf("%s: %s still in %d places of the WebAssembly memory: %q", when, s, len(at), at)
		}
	}
}

// byteCodes spells each string as its bytes, a JSON array of numbers.
func byteCodes(ss []string) [][]int {
	out := make([][]int, len(ss))
	for i, s := range ss {
		out[i] = ints([]byte(s))
	}
	return out
}

// heapSnapshot collects the page's garbage, then takes a snapshot of its
// JavaScript heap (what DevTools saves as a .heapsnapshot file: every
// object, string and closure the page can still reach, with their
// retainers) and returns it.
func heapSnapshot(p *Page) []byte {
	p.t.Helper()
	var (
		mu   sync.Mutex
		snap bytes.Buffer
	)
	ctx, stop := context.WithCancel(p.ctx)
	defer stop()
	// The browser sends the snapshot in chunks before it answers
	// takeHeapSnapshot, and chromedp hands events and answers over in the
	// order they come.
	if err := chromedp.Listen(ctx, func(ev any) {
		if c, ok := ev.(*heapprofiler.EventAddHeapSnapshotChunk); ok {
			mu.Lock()
			snap.WriteString(c.Chunk)
			mu.Unlock()
		}
	}); err != nil {
		p.t.Fatal(err)
	}
	for _, step := range []func() error{
		func() error { _, err := chromedp.Call(p.ctx, heapprofiler.Enable, cdp.Empty{}); return err },
		func() error { _, err := chromedp.Call(p.ctx, heapprofiler.CollectGarbage, cdp.Empty{}); return err },
		func() error {
			_, err := chromedp.Call(p.ctx, heapprofiler.TakeHeapSnapshot, heapprofiler.TakeHeapSnapshotParams{})
			return err
		},
		func() error { _, err := chromedp.Call(p.ctx, heapprofiler.Disable, cdp.Empty{}); return err },
	} {
		if err := step(); err != nil {
			p.t.Fatalf("taking a heap snapshot: %v", err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return snap.Bytes()
}

// One visit with every kind of input (a keyboard swipe, a paste, a HID
// report, a live microphone, an audio file), told what the terminal said:
// afterwards no card number or name, and nothing of the terminal's
// message, is in any storage, cookie, the URL, the console or the service
// worker's cache, and the page asked for nothing but its own files.
func TestPrivacyEveryInput(t *testing.T) {
	p := newTestPage(t, pageTimings{}, fakeHID, wasmMemoryHook, fakeMic)
	p.WaitOffline()
	requests, served := len(p.Requests()), len(p.Served())
	p.chooseTerminal("not_authenticated")

	panKey, nameKey := luhnPAN("4"), "KEYED/PRIVACY"
	swipe(p, "%B"+panKey+"^"+nameKey+"^30121010000000000000?;"+panKey+"=30121010000000000000?", "us", false, 1)

	panPaste, namePaste := luhnPAN("5"), "PASTED/PRIVACY"
	p.Eval("document.getElementById('paste').value = ''; document.getElementById('paste').focus()")
	if _, err := chromedp.Call(p.ctx, input.InsertText, input.InsertTextParams{
		Text: "%B" + panPaste + "^" + namePaste + "^30121010000000000000?"}); err != nil {
		t.Fatal(err)
	}
	p.Click("#decode")
	waitSwipes(p, 2)
	p.Eval("document.getElementById('paste').value = ''; document.activeElement.blur()")

	p.Click("#hidbtn")
	p.WaitFor(`#hid[data-hid-state="connected"]`)
	p.Eval("window.__hid.send(0, " + jsValue(ints(v1Report(t))) + ")")
	waitSwipes(p, 3)
	const panHID, nameHID = "5452300551227189", "HOGAN/PAUL"

	track2Audio := func(pan string) audio.Samples {
		s, err := audiotest.Track(";"+pan+"=30121010000000000000?", audiotest.Options{Rate: 48000, SpeedIPS: 20, SNRdB: 35})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// The live input plays in real time: on a busy machine the browser may
	// drop audio and the swipe fail to decode, so it may take another go.
	panMic := luhnPAN("2")
	p.Eval("window.__mic.mode = 'swipe'; window.__mic.samples = " + jsValue(track2Audio(panMic).Data) + "; true")
	swipes := 3
	for try := 1; ; try++ {
		p.Click("#audio-mic")
		swipes++
		waitSwipes(p, swipes)
		p.Click("#audio-mic")
		p.WaitFor(`#audio[data-audio-state="idle"]`)
		swipes, _ = strconv.Atoi(p.Attr(".session", "data-swipes"))
		last4 := evalAs[string](p, "document.querySelector('.card-summary')?.dataset.panLast4 ?? ''")
		if last4 == panMic[12:] {
			break
		}
		if try == 3 {
			t.Fatalf("the microphone swipe shows card ...%s, want ...%s", last4, panMic[12:])
		}
	}

	panAudio := luhnPAN("3")
	var b bytes.Buffer
	if err := wav.Encode(&b, track2Audio(panAudio)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "swipe.wav")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	p.OpenFile("#audio-file", file)
	waitSwipes(p, swipes+1)
	if last4 := p.Attr(".card-summary", "data-pan-last4"); last4 != panAudio[12:] {
		t.Fatalf("the audio swipe shows card ...%s, want ...%s", last4, panAudio[12:])
	}

	secrets := []string{panKey, nameKey, panPaste, namePaste, panHID, nameHID, panMic, panAudio}
	assertNothingStored(p, secrets...)
	// The page's own files in the cache hold every code it knows: the
	// terminal's message is looked for everywhere else.
	if hits := storedText(p, false, "not_authenticated", "magstripe_verification_required"); len(hits) > 0 {
		t.Errorf("the terminal's message is stored: %q", hits)
	}
	if u := evalAs[string](p, "location.href"); u != p.URL {
		t.Errorf("the URL became %s", u)
	}
	for _, line := range p.Console() {
		for _, s := range secrets {
			if strings.Contains(line, s) {
				t.Errorf("card data in the console: %s", line)
			}
		}
	}

	// The Go side: while the audio swipe is on screen its number is in the
	// program's memory (which shows the search works). After Clear none of
	// the cards is; nor after 300 pastes of another card (past the
	// session's limit) and Clear again.
	if len(inMemory(p, []string{panAudio}, false)[panAudio]) == 0 {
		t.Fatal("the card on screen is not found in the WebAssembly memory: the search does not work")
	}
	// Revealed, the number is a JavaScript string the Go side made (the
	// text it renders), which shows that the heap search below works; and
	// Clear must come before the reveal's 30 seconds are over.
	p.Click("#reveal")
	p.WaitFor("#hide")
	if n := bytes.Count(heapSnapshot(p), []byte(panAudio)); n == 0 {
		t.Fatal("the revealed card number is not found in the JavaScript heap: the search does not work")
	}
	p.Click("#clear")
	p.WaitFor(".empty")
	assertMemoryCleared(p, secrets, "after Clear")
	other := ";" + luhnPAN("6") + "=30121010000000000000?"
	p.Eval(`(async (text) => {
		const box = document.getElementById('paste'), decode = document.getElementById('decode');
		for (let i = 0; i < 300; i++) {
			box.value = text;
			decode.click();
			await new Promise(r => setTimeout(r));
		}
		box.value = '';
		return true;
	})(` + jsValue(other) + `)`)
	p.WaitFor(`.session[data-dropped="100"]`)
	p.Click("#clear")
	p.WaitFor(".empty")
	assertMemoryCleared(p, secrets, "after Clear and 300 more swipes")
	// The JavaScript side: after a collection, no string, DOM text or value
	// the page's scripts (go-app, wasm_exec.js, the Go program's js.Values)
	// can reach holds a card number or name.
	snap := heapSnapshot(p)
	for _, s := range secrets {
		if n := bytes.Count(snap, []byte(s)); n != 0 {
			t.Errorf("after Clear and 300 more swipes: %s still in %d strings of the JavaScript heap", s, n)
		}
	}

	// The browser may check its service worker for an update at any time;
	// anything else after the load is a leak.
	for _, r := range p.Served()[served:] {
		if r != "GET /app-worker.js" {
			t.Errorf("the server got a request after the page loaded: %s", r)
		}
	}
	if foreign := p.ForeignRequests(); len(foreign) > 0 {
		t.Errorf("requests besides the page's own files: %q", foreign)
	}
	t.Logf("%d requests by the tab after the load: %q", len(p.Requests())-requests, p.Requests()[requests:])
}

// assertNothingStored fails the test when a needle is in any storage the
// page can write, or the page has set a cookie at all.
func assertNothingStored(p *Page, needles ...string) {
	p.t.Helper()
	if hits := storedCardData(p, needles...); len(hits) > 0 {
		p.t.Errorf("card data stored: %q", hits)
	}
	cookies, err := chromedp.Call(p.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{p.URL}})
	if err != nil {
		p.t.Fatal(err)
	}
	if len(cookies.Cookies) > 0 {
		p.t.Errorf("%d cookies set", len(cookies.Cookies))
	}
}

// storedCardData looks for the needles in cookies, Web Storage, IndexedDB
// and the Cache API (keys and bodies) and says where it found each.
func storedCardData(p *Page, needles ...string) []string {
	p.t.Helper()
	return storedText(p, true, needles...)
}

// storedText looks for needles where storedCardData does; without bodies,
// not in what the Cache API holds, only in its keys: the page's own files
// there (app.wasm) hold every code the page knows.
func storedText(p *Page, bodies bool, needles ...string) []string {
	p.t.Helper()
	return evalAs[[]string](p, `(async (codes, bodies) => {
		const needles = codes.map(b => String.fromCharCode(...b)), hits = [];
		const look = (where, text) => {
			for (const n of needles) if (text.includes(n)) hits.push(where + ' holds ' + n);
		};
		const asText = v => JSON.stringify(v, (k, x) =>
			x instanceof ArrayBuffer || ArrayBuffer.isView(x) ? new TextDecoder('latin1').decode(x) : x);
		look('document.cookie', document.cookie);
		look('localStorage', asText(Object.entries(localStorage)));
		look('sessionStorage', asText(Object.entries(sessionStorage)));
		for (const {name} of await indexedDB.databases()) {
			const db = await new Promise((ok, fail) => {
				const r = indexedDB.open(name);
				r.onsuccess = () => ok(r.result);
				r.onerror = () => fail(r.error);
			});
			for (const store of db.objectStoreNames) {
				const all = await new Promise((ok, fail) => {
					const r = db.transaction(store).objectStore(store).getAll();
					r.onsuccess = () => ok(r.result);
					r.onerror = () => fail(r.error);
				});
				look('IndexedDB ' + name + '/' + store, asText(all));
			}
			db.close();
		}
		for (const key of await caches.keys()) {
			const cache = await caches.open(key);
			for (const req of await cache.keys()) {
				look('Cache API key', req.url);
				if (!bodies) continue;
				const body = await (await cache.match(req)).arrayBuffer();
				look('Cache API ' + req.url, new TextDecoder('latin1').decode(body));
			}
		}
		return hits;
	})(`+jsValue(byteCodes(needles))+`, `+jsValue(bodies)+`)`)
}
