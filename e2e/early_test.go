//go:build !wasm

package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"magcheck/decoder"
	"magcheck/decoder/keyboard"
	"magcheck/message"
)

// The tests here swipe while the page starts: the prerendered page is on
// screen, app.wasm has not arrived, and web/early.js holds the keys until
// the Go page takes them (see capture.takeEarly).

// keyCount counts the keydowns that reach the window's bubble phase, after
// every listener of the page, and how many of them were prevented.
const keyCount = `window.__keys = {down: 0, prevented: 0};
	window.addEventListener('keydown', e => { __keys.down++; if (e.defaultPrevented) __keys.prevented++; });`

// earlyIdleGap is the page's idle gap in these tests (ms): long enough
// that no pause of a busy machine between two key events splits a swipe
// (see newTestPage), short enough to wait for the one that ends a swipe
// without terminator.
const earlyIdleGap = 3000

// openHeld opens the page with app.wasm held back until the returned
// function is called, as on a slow link, after running the scripts in the
// tab before the page's own. It waits until the prerendered page is shown.
func openHeld(t *testing.T, scripts ...string) (*Page, func()) {
	t.Helper()
	ch := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(ch) }) }
	p := openPage(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/web/app.wasm" || r.URL.Path == "/app.wasm" {
			select {
			case <-ch:
			case <-r.Context().Done():
				return
			}
		}
		site.ServeHTTP(w, r)
	}))
	t.Cleanup(release) // before the server closes: it waits for its requests
	timings := "window.magcheckTimings = {idleGapMS: " + strconv.Itoa(earlyIdleGap) + "}"
	for _, s := range append(scripts, keyCount, timings) {
		addScript(p, s)
	}
	// The first load did not have the scripts: load again. Its request for
	// app.wasm is cancelled.
	if err := chromedp.Do(p.ctx, chromedp.Reload()); err != nil {
		t.Fatalf("reloading: %v", err)
	}
	p.waitUntil("the prerendered page", `document.readyState === 'complete' && window.__keys &&
		document.querySelector('.prompt[data-ready="false"]') && document.getElementById('app-wasm-loader')`)
	return p, release
}

type keyCounts struct {
	Down      int `json:"down"`
	Prevented int `json:"prevented"`
}

// heldReport is what the page decodes from keys held before it ran: a
// fresh Detector fed them, ended by their terminator or by the idle check.
func heldReport(t *testing.T, keys []keyboard.Key) *decoder.Report {
	t.Helper()
	d := keyboard.Detector{IdleGap: earlyIdleGap}
	var sw *keyboard.Swipe
	for _, k := range keys {
		if _, done := d.Feed(k, false); done != nil {
			sw = done
		}
	}
	if sw == nil {
		sw = d.Idle(keys[len(keys)-1].Time + earlyIdleGap)
	}
	if sw == nil {
		t.Fatal("the keys make no swipe")
	}
	return decoder.DecodeSwipe(*sw, decoder.Options{})
}

// A two-track swipe typed before the page runs is held, the page says it
// is starting and will read it, in the browser's language, and once the
// program runs the swipe is shown exactly as a swipe typed after. Nothing
// of it is logged or stored, and nothing is held after the handover.
func TestEarlySwipe(t *testing.T) {
	for _, tt := range []struct {
		name      string
		languages string // navigator.languages, or "" for the browser's own (en-US)
		end       string // what the reader types after the tracks
		lang      message.Lang
	}{
		{"english, Enter", "", "\n", message.English},
		{"second language, no terminator", "['fr-FR', 'zh-CN']", "", message.Chinese},
		{"no language the page has", "['fr-FR', 'de']", "\n", message.English},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var scripts []string
			if tt.languages != "" {
				scripts = append(scripts, "Object.defineProperty(navigator, 'languages', {get: () => "+tt.languages+"})")
			}
			p, release := openHeld(t, scripts...)
			if n := evalAs[int](p, "document.querySelectorAll('[data-early]').length"); n != 0 {
				t.Fatalf("%d early messages before any key", n)
			}

			pan, name := luhnPAN("4"), "EARLY/SWIPE"
			text := "%B" + pan + "^" + name + "^30121010000000000000?;" + pan + "=30121010000000000000?"
			keys := typeSwipe(p, text+tt.end, "us", false, readerGap)
			p.WaitFor(`[data-early="held"]`)
			type held struct {
				Text, Lang, Role, Display string
				InLoader, Started         bool
			}
			got := evalAs[held](p, `(() => {
				const e = document.querySelector('[data-early="held"]');
				return {Text: e.textContent, Lang: e.lang, Role: e.getAttribute('role'), Display: getComputedStyle(e).display,
					InLoader: !!e.closest('#app-wasm-loader'), Started: !!document.querySelector('[data-ready="true"]')};
			})()`)
			want := held{tt.lang.Text(message.EarlyHeld), tt.lang.Text(message.LangTag), "status", "block", true, false}
			if got != want {
				t.Errorf("early message %+v, want %+v", got, want)
			}
			// The first key passes (a person's might), every later one
			// at a reader's pace is prevented but the Shift presses.
			typing := 0
			for _, k := range keys {
				if k.Key != "Shift" {
					typing++
				}
			}
			if c, want := evalAs[keyCounts](p, "window.__keys"), (keyCounts{len(keys), typing - 1}); c != want {
				t.Errorf("keydowns before the page ran: %+v, want %+v", c, want)
			}
			p.Screenshot("early-held-" + string(tt.lang))

			// Held for seconds, as on a slow tablet: the idle check that
			// ends a swipe without terminator must still end it.
			time.Sleep(2 * time.Second)
			release()
			p.waitReady()
			waitSwipes(p, 1)
			if l := evalAs[string](p, "document.documentElement.lang"); l != tt.lang.Text(message.LangTag) {
				t.Errorf("the page started in %q, the early message spoke %q", l, tt.lang.Text(message.LangTag))
			}
			if tt.lang != message.English {
				p.Click(`button[data-lang="en"]`)
				p.WaitFor(`button[data-lang="en"][aria-pressed="true"]`)
			}
			sameResult(t, readResult(p), p.want(p.saw(heldReport(t, keys))))
			if n := evalAs[int](p, "document.querySelectorAll('[data-early]').length + magcheckEarly.take().length"); n != 0 {
				t.Errorf("after the handover: %d early messages and held keys, want none", n)
			}

			// Later swipes are the page's own, each seen once: the
			// early listener has gone.
			r := swipe(p, vector(t, "jq-visa-t1"), "us", false, 2)
			sameResult(t, readResult(p), p.want(r))
			if n := evalAs[int](p, "magcheckEarly.take().length"); n != 0 {
				t.Errorf("web/early.js held %d keys after the handover", n)
			}

			assertNothingStored(p, pan, name)
			for _, line := range p.Console() {
				if strings.Contains(line, pan) || strings.Contains(line, name) {
					t.Errorf("card data in the console: %s", line)
				}
			}
		})
	}
}

// Without a swipe before it runs, the page starts as it always has: keys a
// person types then are held but pass, and make nothing.
func TestEarlyNoSwipe(t *testing.T) {
	for _, tt := range []struct {
		name   string
		typed  string // typed at a person's pace before the page runs
		prompt bool   // the early message shows
	}{
		{"no keys", "", false},
		{"a person's keys", "Hello", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, release := openHeld(t)
			if tt.typed != "" {
				p.TypeAtReaderSpeed(tt.typed, "us", false, 150*time.Millisecond)
				p.WaitFor(`[data-early="held"]`)
			}
			// Give a stray listener time to act.
			time.Sleep(200 * time.Millisecond)
			if n := evalAs[int](p, "document.querySelectorAll('[data-early]').length"); (n == 1) != tt.prompt {
				t.Errorf("%d early messages, want shown %v", n, tt.prompt)
			}
			if c := evalAs[keyCounts](p, "window.__keys"); c.Prevented != 0 {
				t.Errorf("a person's keys were prevented: %+v", c)
			}

			release()
			p.waitReady()
			type state struct {
				Prompt, Reading, Empty, Swipes string
				Early, Held                    int
			}
			got := evalAs[state](p, `({Prompt: document.querySelector('.prompt-text').textContent,
				Reading: document.querySelector('.prompt').dataset.reading,
				Empty: document.querySelector('.empty')?.textContent ?? '',
				Swipes: document.querySelector('.session').dataset.swipes,
				Early: document.querySelectorAll('[data-early]').length, Held: magcheckEarly.take().length})`)
			want := state{message.English.Text(message.Ready), "false", message.English.Text(message.NoSwipe), "0", 0, 0}
			if got != want {
				t.Errorf("started page %+v, want %+v", got, want)
			}
			r := swipe(p, vector(t, "jq-visa-t1"), "us", false, 1)
			sameResult(t, readResult(p), p.want(r))
		})
	}
}
