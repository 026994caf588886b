package ui

import (
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/browser"
	"magcheck/decoder"
	"magcheck/decoder/keyboard"
	"magcheck/message"
)

// RevealFor is how long an explicit click shows the card number and name
// before they are masked again; ClearAfter is how long the page may sit
// unused before it forgets every swipe. Tests shorten both through
// window.magcheckTimings (see Page.readTimings).
var (
	RevealFor  = 30 * time.Second
	ClearAfter = 10 * time.Minute
)

// SessionSize bounds the swipes a visit keeps; older ones are dropped, and
// the session panel says how many.
const SessionSize = 200

// The actions the page's components talk through. A panel that reads a
// swipe posts actionReport with the *decoder.Report; one a person is using
// posts actionActive, which holds off the idle clear. The page posts
// actionShown when a new report is on screen, whatever it came from, and
// actionClear when it forgets everything: each panel then drops what it
// holds of a card.
const (
	actionReport = "magcheck.report"
	actionActive = "magcheck.active"
	actionShown  = "magcheck.shown"
	actionClear  = "magcheck.clear"
)

// Page is the whole magcheck page: it catches swipes anywhere on the
// window, decodes them in the browser and shows the diagnosis. Card data
// lives only in report (the last swipe) and in the session's counts; Clear
// and the idle timer drop both.
type Page struct {
	app.Compo

	lang    message.Lang
	ready   bool
	offline offlineState

	report     *decoder.Report // the swipe or paste on screen
	session    *decoder.Session
	reveal     bool
	revealDone chan struct{} // closed to end the reveal's wait (see revealNow)
	updated    bool          // a new version is installed: offer a reload

	revealFor, clearAfter time.Duration
	idleArmed             bool
	lastActive            time.Time

	capture capture
	stop    chan struct{} // closed on dismount, ends the offline watch
}

// Render lays the page out: a header (title, offline state, language), then
// one section for each region, always there and in the same order (the
// swipe prompt, what the terminal said, the result, the HID, serial and
// audio readers, the visit's summary, the paste box), then the footer
// (layout.go has the header and the footer's parts). A region with nothing
// to show says so: go-app matches children by position, so a region that
// came and went would rebuild the ones after it (reconnecting the reader,
// emptying the paste box). It branches in Go rather than through app.If:
// each closure costs the page's WebAssembly more.
func (p *Page) Render() app.UI {
	l := p.lang
	var v *decoder.View
	if p.report != nil {
		view := p.session.View(p.report, l, p.reveal)
		v = &view
	}
	ready, failed := "true", app.UI(nil)
	if !p.ready {
		ready, failed = "false", bootFailed()
	}
	prompt := app.Elem("p").Class("prompt-text").Text(l.Text(message.Ready))
	if p.capture.reading {
		prompt = app.Elem("p").Class("prompt-text", "reading").Text(l.Text(message.Reading))
	}
	return app.Elem("div").ID("magcheck").Class("page").Body(
		p.header(l),
		app.Elem("main").Class("content").Body(
			app.Elem("section").Class("prompt").
				DataSet("ready", ready).
				DataSet("reading", p.capture.reading).
				Aria("live", "polite").
				Body(prompt, captureField(l)),
			&TerminalRow{Lang: l, Said: string(p.session.TerminalSaid()), Swiped: p.report != nil},
			p.result(v, l),
			&HIDPanel{Lang: l},
			&SerialPanel{Lang: l},
			&AudioPanel{Lang: l},
			p.sessionPanel(l),
			&PastePanel{Lang: l},
		),
		app.Elem("footer").Class("footer").Body(
			app.Elem("p").Text(l.Text(message.Privacy)),
			app.Elem("p").Text(l.Format(message.AutoClear, whole(p.clearAfter.Minutes()))),
		),
		failed,
	)
}

// OnInit sets the defaults the server's prerendering shows too.
func (p *Page) OnInit() {
	p.lang = message.English
	p.revealFor, p.clearAfter = RevealFor, ClearAfter
	p.session = decoder.NewSession(SessionSize)
}

// OnMount starts listening for swipes and for the panels' reports, and
// finds the language and the offline state. Field changes go through
// Dispatch so they render.
func (p *Page) OnMount(ctx app.Context) {
	lang := message.Match(browserLanguages()...)
	p.readTimings()
	p.capture.start(ctx, p)
	ctx.Handle(actionReport, func(ctx app.Context, a app.Action) {
		if r, ok := a.Value.(*decoder.Report); ok {
			p.show(ctx, r)
		}
	})
	ctx.Handle(actionTerminal, func(ctx app.Context, a app.Action) {
		said, _ := a.Value.(decoder.TerminalSaid)
		p.session.SetTerminalSaid(said)
		p.markTerminal()
		p.touch(ctx)
	})
	// After a Clear, once the page has rendered without the card data
	// (go-app renders on its next frame, and runs what is deferred after
	// it), the collector frees it. Collected at once, the elements that
	// showed it would still be on the page. Deferred from here, not from the
	// Clear button's event: go-app skips what was deferred from an element
	// no longer mounted, as that button may not be.
	ctx.Handle(actionClear, func(ctx app.Context, _ app.Action) {
		ctx.Defer(func(ctx app.Context) { ctx.Async(collect) })
	})
	ctx.Handle(actionActive, func(ctx app.Context, _ app.Action) {
		p.touch(ctx)
		ctx.PreventUpdate() // nothing shown changes
	})
	ctx.Dispatch(func(ctx app.Context) {
		p.setLang(lang)
		p.ready = true
		p.markTerminal()
	})
	p.stop = make(chan struct{})
	stop := p.stop
	ctx.Async(func() { p.watchOffline(ctx, stop) })
}

// browserLanguages are the person's languages, most preferred first.
func browserLanguages() []string {
	nav := app.Window().Get("navigator")
	list := nav.Get("languages")
	var tags []string
	for i := range list.Length() {
		tags = append(tags, list.Index(i).String())
	}
	if len(tags) == 0 {
		tags = append(tags, nav.Get("language").String())
	}
	return tags
}

// OnDismount releases the window listeners.
func (p *Page) OnDismount() {
	p.capture.stop()
	close(p.stop)
}

// OnAppUpdate notes that a new version of the page has been installed. The
// page keeps running the old one, and its result, until the person reloads
// (see updateNotice): reloading by itself would drop a result being read.
//
// go-app calls it when a service worker activates while one controls the
// page. On a first visit that is the page's own version: Firefox's worker
// can claim the page before it reports itself activated. Only a new
// version brings a cache of another name (go-app's worker fills it before
// it takes over from the old one), so that is what tells an update.
func (p *Page) OnAppUpdate(ctx app.Context) {
	ctx.Async(func() {
		if isUpdate(browser.CacheNames(ctx), app.Getenv("GOAPP_VERSION")) {
			ctx.Dispatch(func(app.Context) { p.updated = true })
		}
	})
}

// isUpdate tells, from the cache names, whether a version other than the
// page's own is installed. Without caches to go by, go-app's word stands.
func isUpdate(caches []string, version string) bool {
	if len(caches) == 0 || version == "" {
		return true
	}
	return slices.ContainsFunc(caches, func(c string) bool {
		return strings.HasPrefix(c, "app-") && c != "app-"+version
	})
}

// swiped shows a finished keyboard capture. One that extends the swipe
// before (a reader typing Enter after each track) is the same swipe read
// further: it takes that one's place on screen and in the session.
func (p *Page) swiped(ctx app.Context, sw keyboard.Swipe) {
	r := decoder.DecodeSwipe(sw, decoder.Options{})
	if sw.Extends {
		p.session.ReplaceLast(r)
	} else {
		p.session.Add(r)
	}
	p.put(ctx, r)
}

// show puts a report on screen and into the session.
func (p *Page) show(ctx app.Context, r *decoder.Report) {
	p.session.Add(r)
	p.put(ctx, r)
}

// put puts a report on screen, masked. It leaves the last reveal's timer
// to run out rather than end it (see revealNow): stopping that timer while
// a swipe from the window's key listener is handled kept go-app from
// drawing the swipe until the next event (TestSwipeAfterReveal).
func (p *Page) put(ctx app.Context, r *decoder.Report) {
	p.report = r
	p.reveal = false
	p.touch(ctx)
	ctx.NewAction(actionShown)
}

func (p *Page) setLang(l message.Lang) {
	p.lang = l
	app.Window().Get("document").Get("documentElement").Set("lang", l.Text(message.LangTag))
}

// revealNow shows the card number and name until revealFor has passed.
// Hide and Clear end the wait at once: until it ends, its goroutine keeps
// the click's context, and through it the elements and JavaScript values
// that showed the card data, alive.
func (p *Page) revealNow(ctx app.Context, _ app.Event) {
	p.endReveal()
	p.reveal = true
	done, d := make(chan struct{}), p.revealFor
	p.revealDone = done
	ctx.Async(func() {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			ctx.Dispatch(func(app.Context) {
				if p.revealDone == done {
					p.endReveal()
				}
			})
		case <-done:
		}
	})
	p.touch(ctx)
}

func (p *Page) hideNow(app.Context, app.Event) {
	p.endReveal()
}

// endReveal masks the card again and stops the pending re-mask.
func (p *Page) endReveal() {
	p.reveal = false
	if p.revealDone != nil {
		close(p.revealDone)
		p.revealDone = nil
	}
}

// clear, for the Clear button and the idle timer, forgets everything read
// from a card: the report, the session and any half-read swipe here, and,
// through actionClear, what the panels hold (the paste box, the HID panel's
// undecodable report, the audio panel's waveform). The page's own handler
// of actionClear then has the collector free it all (see OnMount).
func (p *Page) clear(ctx app.Context) {
	p.forget()
	ctx.NewAction(actionClear)
	// The Clear button had the focus and is gone: the capture field takes
	// it (see capture).
	ctx.Defer(func(app.Context) { p.capture.focus() })
}

// forget drops what the page itself holds of cards, and what the
// terminal said: a new visit starts.
func (p *Page) forget() {
	p.report = nil
	p.session = decoder.NewSession(SessionSize)
	p.endReveal()
	p.capture.reset()
	p.markTerminal()
}

// markTerminal sets the page root's data-terminal-said to what the
// terminal said: the chosen code, or present and empty when none is.
// go-app leaves out an attribute whose value is empty, so the page sets
// this one itself, and go-app, which never set it, leaves it alone.
func (p *Page) markTerminal() {
	if root := app.Window().GetElementByID("magcheck"); root.Truthy() {
		root.Call("setAttribute", "data-terminal-said", string(p.session.TerminalSaid()))
	}
}

// collect frees what held card data. The page's WebAssembly is built with
// the runtime's clobberfree (see internal/wasmbuild), so whatever a
// collection frees it also overwrites. One collection is not enough: it
// only sets aside sync.Pool's spare buffers (fmt keeps the text it
// formatted in them) and the Go values that wait for a finalizer (a
// js.Value, which keeps a JavaScript string or DOM node alive, such as the
// text of a revealed card number); the finalizers run at the Gosched, and
// the second collection frees both.
func collect() {
	runtime.GC()
	runtime.Gosched()
	runtime.GC()
}

// touch notes activity and makes sure the idle check runs.
func (p *Page) touch(ctx app.Context) {
	p.lastActive = time.Now()
	if !p.idleArmed {
		p.idleArmed = true
		ctx.After(p.clearAfter, p.idleCheck)
	}
}

// idleCheck clears the page once it has been unused for clearAfter, or
// waits for the rest of that time.
func (p *Page) idleCheck(ctx app.Context) {
	left := p.clearAfter - time.Since(p.lastActive)
	if left <= 0 {
		p.idleArmed = false
		p.clear(ctx)
		return
	}
	ctx.After(left, p.idleCheck)
}

// readTimings applies window.magcheckTimings, which a test may define
// before the page loads:
//
//   - revealMS and clearMS shorten the reveal and idle-clear times; they can
//     never lengthen them, so no script can keep card data on screen longer;
//   - idleGapMS sets the silence that ends a swipe without terminator. Tests
//     stamp their key events with reader timing and lengthen it, so that a
//     busy machine pausing between two events cannot split a swipe.
func (p *Page) readTimings() {
	shorter := func(d *time.Duration, key string) {
		if v := testTiming(key); v > 0 && v < *d {
			*d = v
		}
	}
	shorter(&p.revealFor, "revealMS")
	shorter(&p.clearAfter, "clearMS")
	if gap := testTiming("idleGapMS"); gap > 0 {
		p.capture.det.IdleGap = float64(gap) / float64(time.Millisecond)
	}
}

// testTiming is window.magcheckTimings[key], milliseconds a test may set
// before the page loads (see readTimings and msrTimeouts); 0 when unset.
func testTiming(key string) time.Duration {
	if t := app.Window().Get("magcheckTimings"); t.Truthy() {
		if v := t.Get(key); v.Truthy() {
			return time.Duration(v.Float() * float64(time.Millisecond))
		}
	}
	return 0
}
