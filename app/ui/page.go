package ui

import (
	"runtime"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/decoder/keyboard"
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

// Page is the whole magcheck page: it catches swipes anywhere on the
// window, decodes them in the browser and shows the diagnosis. Card data
// lives only in report (the last swipe) and in the session's counts; Clear
// and the idle timer drop both.
type Page struct {
	app.Compo

	lang    decoder.Lang
	ready   bool
	offline offlineState

	report     *decoder.Report // the swipe or paste on screen
	session    *decoder.Session
	reveal     bool
	revealDone chan struct{} // closed to end the reveal's wait (see revealNow)
	pasteErr   string
	clearGen   int  // bumped by clear: the HID and audio panels drop what they show
	updated    bool // a new version is installed: offer a reload

	revealFor, clearAfter time.Duration
	idleArmed             bool
	lastActive            time.Time

	capture capture
	stop    chan struct{} // closed on dismount, ends the offline watch
}

// OnInit sets the defaults the server's prerendering shows too.
func (p *Page) OnInit() {
	p.lang = decoder.English
	p.revealFor, p.clearAfter = RevealFor, ClearAfter
	p.session = decoder.NewSession(SessionSize)
}

// OnMount starts listening for swipes and finds the language and the
// offline state. Field changes go through Dispatch so they render.
func (p *Page) OnMount(ctx app.Context) {
	lang := decoder.ParseLang(app.Window().Get("navigator").Get("language").String())
	p.readTimings()
	p.capture.start(ctx, p)
	ctx.Dispatch(func(ctx app.Context) {
		p.setLang(lang)
		p.ready = true
	})
	p.stop = make(chan struct{})
	stop := p.stop
	ctx.Async(func() { p.watchOffline(ctx, stop) })
}

// OnDismount releases the window listeners.
func (p *Page) OnDismount() {
	p.capture.stop()
	close(p.stop)
}

// OnAppUpdate notes that a new version of the page has been installed. The
// page keeps running the old one, and its result, until the person reloads
// (see updateNotice): reloading by itself would drop a result being read.
func (p *Page) OnAppUpdate(app.Context) {
	p.updated = true
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

// put puts a report on screen.
func (p *Page) put(ctx app.Context, r *decoder.Report) {
	p.report = r
	p.pasteErr = ""
	p.reveal = false
	p.touch(ctx)
}

// decodePaste decodes the paste box. A typed input error (too large,
// binary) is shown beside the box; the report on screen stays.
func (p *Page) decodePaste(ctx app.Context, _ app.Event) {
	text := app.Window().GetElementByID("paste").Get("value").String()
	r, err := decoder.DecodePasted(text, decoder.Options{})
	if err != nil {
		p.pasteErr = err.Error()
		p.touch(ctx)
		return
	}
	p.show(ctx, r)
}

func (p *Page) setLang(l decoder.Lang) {
	p.lang = l
	tag := "en"
	if l == decoder.Chinese {
		tag = "zh-Hans"
	}
	app.Window().Get("document").Get("documentElement").Set("lang", tag)
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

// clear forgets everything read from a card: the report, the session, the
// paste box, the HID panel's undecodable report and any half-read swipe.
func (p *Page) clear() {
	p.report = nil
	p.session = decoder.NewSession(SessionSize)
	p.endReveal()
	p.pasteErr = ""
	p.clearGen++
	p.capture.reset()
	app.Window().GetElementByID("paste").Set("value", "")
}

// clearNow is clear for the Clear button and the idle timer. A JavaScript
// string or DOM node the Go side made (a js.Value, such as the text of a
// revealed card number) stays alive in the browser until Go's collector has
// finalized the Go value that refers to it, which could be many swipes
// later; so once the page has rendered without the card data, clearNow
// runs the collector. Async's goroutine runs then: the page's WebAssembly
// has one thread, and the UI goroutine renders before it next waits.
func (p *Page) clearNow(ctx app.Context) {
	p.clear()
	ctx.Async(runtime.GC)
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
		p.clearNow(ctx)
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
	t := app.Window().Get("magcheckTimings")
	if !t.Truthy() {
		return
	}
	ms := func(key string) float64 {
		if v := t.Get(key); v.Truthy() {
			return v.Float()
		}
		return 0
	}
	shorter := func(d *time.Duration, key string) {
		if v := time.Duration(ms(key) * float64(time.Millisecond)); v > 0 && v < *d {
			*d = v
		}
	}
	shorter(&p.revealFor, "revealMS")
	shorter(&p.clearAfter, "clearMS")
	if gap := ms("idleGapMS"); gap > 0 {
		p.capture.det.IdleGap = gap
	}
}
