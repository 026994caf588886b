package keyboard

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Detector limits. Gaps are between keys that type something (modifier
// keys and repeats do not count).
const (
	DefaultIdleGap = 150.0 // ms of silence that ends a swipe when Detector.IdleGap is 0
	// MaxPause is the longest pause a reader makes inside a swipe: a
	// Bluetooth reader between two radio packets, a PS/2 reader on a busy
	// host (150–250 ms were reported). A swipe whose keys showed a reader
	// and that is inside its tracks ends only after this silence.
	MaxPause     = 300.0
	MaxSwipeKeys = 4096 // keys a Swipe keeps; later ones are dropped (Swipe.Truncated)

	readerGap   = ReaderMedianGap // ms: a gap a reader makes, a person hardly ever
	slowGap     = SlowMedianGap   // ms: a slowed reader's longest gap (30–80 ms a key, and some jitter)
	personGap   = 75.0            // ms: in a field, after a swipe's tracks, a longer gap is a person's
	confirmGaps = 3               // reader-speed gaps in a row that confirm a swipe
	// slowGaps gaps of at most slowGap in a row, over characters that
	// follow a track's grammar, confirm a slowed reader's swipe.
	slowGaps  = 8
	burstKeys = 6             // reader-speed keys in a row that open a swipe without sentinel
	minKeys   = ReaderMinKeys // an unconfirmed swipe shorter than this is dropped
	recentCap = 64            // keys remembered while no swipe is open
)

// Detector sorts the keydowns of a page into swipes. Feed it every window
// keydown, give Typed the text of input events, and call Idle from a timer
// IdleAfter after the last key; the zero value is ready to use. Its rules:
//
//   - A swipe opens on a key that types a start sentinel (% ; + # ! &)
//     through a US keymap, whatever the host layout, or whose Key is one
//     sent without Shift (see Rebuild) or in full width, together with the
//     keys just before it that came at most 90 ms apart (a preamble); or,
//     for a reader set up without sentinels (or typing ALT-ASCII), on 6
//     keys in a row that each come within 30 ms of the one before.
//   - A swipe is confirmed by 3 gaps of at most 30 ms in a row, or, for a
//     reader slowed to 30–80 ms a key, by 8 gaps of at most 90 ms in a row
//     over characters that follow a track's grammar (a start sentinel, a
//     format code, the characters the track holds). No person types 11 or
//     more characters a second in that grammar. Until then a gap over 90 ms
//     means a person typed the sentinel: the swipe is dropped and nothing
//     is reported. A swipe that ends unconfirmed is reported only with at
//     least 10 keys; shorter ones are dropped.
//   - Keys of an open swipe are kept and swallowed, except in an editable
//     field before the swipe is confirmed: a person typing there never loses
//     a key. Swipe.Passed says how many reached the field; with Fresh a
//     page can take them back out.
//   - Enter, NumpadEnter, Tab (or Ctrl+M, Ctrl+J, Ctrl+I) end the swipe;
//     the key belongs to it and is swallowed by the same rule, so a
//     reader's Enter does not press a button. Some readers end each track
//     so (the ID TECH MiniMag manual gives Enter as its default track
//     separator): a key within 30 ms of the terminator (90 ms for a slowed
//     reader) reopens the swipe, and the Swipe that then ends holds both
//     and Extends the one before.
//   - A gap of IdleGap ends the swipe too (Idle, or the next key). A
//     confirmed swipe that has opened a track pauses up to MaxPause (or
//     IdleGap, if longer) before a key that goes on with its tracks (a
//     character inside a track, the next track's start sentinel, a
//     terminator) and before Idle ends it. In an editable field a confirmed
//     swipe also ends at a gap over 75 ms before a key that does not go on
//     with its tracks, when the person takes over.
//   - Keydowns an input method or a soft keyboard holds (Key.Held) are not
//     read: their characters come through Typed, timed by the keydown.
//   - Repeats of a held key are ignored. Modifier keys are kept in an open
//     swipe (Alt presses delimit ALT-ASCII characters) but never swallowed
//     and never timed.
//   - Keys that neither open nor continue a swipe are never swallowed, so
//     Tab and shortcuts work. Outside editable fields a lone start sentinel
//     is held back: nothing types it there.
//   - A swipe keeps at most MaxSwipeKeys keys and stays open (swallowing)
//     until its terminator or an idle gap, so a reader that never stops
//     cannot grow memory.
//
// A Swipe is a reader's (Swipe.Reader) when its timing is (Timing.Reader),
// or when it was confirmed as a slowed reader's and its median gap is at
// most 90 ms.
type Detector struct {
	IdleGap float64 // ms; 0 means DefaultIdleGap

	open      bool
	confirmed bool
	slow      bool // confirmed by a slowed reader's rhythm and grammar
	keys      []Key
	n         int     // keys of the swipe that type something
	fast      int     // reader-speed gaps in a row
	steady    int     // gaps of at most slowGap in a row
	g         grammar // the swipe's characters so far
	passed    int
	truncated bool
	last      float64 // time of the last key that types something
	hasLast   bool
	recent    []Key // no swipe open: the current run of keys at most slowGap apart
	burst     int   // keys that type something at the end of recent, at most readerGap apart
	extends   bool  // the open swipe reopened the one before (resume)
	// prev holds the keys of the swipe a terminator just ended, until the
	// next key shows whether the reader goes on (then resume) or a reader's
	// gap (resumeGap) has passed.
	prev      []Key
	resumeGap float64
	// held is the time of the last keydown an input method held, for the
	// text that follows it; echo says the last keydown typed a character
	// that reached the page, whose input event Typed must not read again.
	held    float64
	hasHeld bool
	echo    bool
}

// Swipe is a finished swipe.
type Swipe struct {
	Keys      []Key   // the keydowns, modifier keys included, at most MaxSwipeKeys
	Rebuilt   Rebuilt // Rebuild(Keys)
	Reader    bool    // the timing is a reader's (Timing.Reader)
	Truncated bool    // keys beyond MaxSwipeKeys were dropped
	Passed    int     // keys of Keys that were not swallowed and reached the page
	// Extends says the swipe goes on from the one given before it, whose
	// keys Keys begins with: the reader typed a terminator between tracks.
	// It takes that swipe's place.
	Extends bool
}

func (d *Detector) idleGap() float64 {
	if d.IdleGap > 0 {
		return d.IdleGap
	}
	return DefaultIdleGap
}

// mayPause reports a swipe a reader may pause in: a confirmed one.
func (d *Detector) mayPause() bool { return d.open && d.confirmed }

// IdleAfter is how long after the last key Idle may end the open swipe:
// IdleGap, or MaxPause for a swipe a reader may still pause in. A page
// arms its idle timer with it after each key.
func (d *Detector) IdleAfter() float64 {
	if d.mayPause() {
		return max(d.idleGap(), MaxPause)
	}
	return d.idleGap()
}

// ending is what a key does to the open swipe before it is added.
type ending uint8

const (
	goOn   ending = iota
	finish        // the swipe ends; the key may open the next
	drop          // the swipe was a person's: it goes without a report
)

// ending decides what k, gap ms after the last key, does to the open
// swipe (see the Detector's rules).
func (d *Detector) ending(k Key, gap float64, editable bool) ending {
	r, ok := keyChar(k)
	more := ok && d.g.expects(r)
	limit := d.idleGap()
	if d.mayPause() && (more || !editable) {
		limit = max(limit, MaxPause)
	}
	switch {
	case gap >= limit:
		return finish
	case !d.confirmed && gap > slowGap:
		return drop
	case editable && d.confirmed && gap > personGap && !more:
		return finish
	}
	return goOn
}

// Feed takes one keydown; editable says whether the focus is in a field
// that takes text. It reports whether to swallow the key (preventDefault)
// and the swipe the key finished, if any. A key an input method holds
// (Key.Held) is never swallowed: the input method needs it.
func (d *Detector) Feed(k Key, editable bool) (swallow bool, done *Swipe) {
	if k.Held() {
		d.held, d.hasHeld, d.echo = k.Time, true, false
		return false, nil
	}
	if k.Repeat {
		// Never swallowed: what it types reaches the page, and Typed must
		// not read it again.
		_, d.echo = keyChar(k)
		return false, nil
	}
	if isModifier(k) {
		d.echo = false
		switch {
		case d.open:
			d.keep(k)
		case len(d.recent) > 0 && len(d.recent) < recentCap:
			d.recent = append(d.recent, k)
		}
		return false, nil
	}
	defer func() {
		// A character a keydown typed into the page comes back as an
		// input event: Typed leaves it out.
		_, typed := keyChar(k)
		d.echo = !k.Input && typed && !swallow
	}()
	n := d.next(k, editable)
	d.last, d.hasLast = k.Time, true
	if n.goesOn {
		d.resume()
		n.end = d.ending(k, n.gap, editable)
	}
	d.prev = nil
	switch n.end {
	case finish:
		done = d.finish()
	case drop:
		d.drop()
	}
	if !d.open && !d.start(k, n.gap) {
		return false, done
	}
	swallow = d.add(k, n.gap, editable)
	if r, ok := keyChar(k); ok && isTerminator(r) {
		slow := d.slow
		if s := d.finish(); s != nil {
			done, d.prev, d.resumeGap = s, s.Keys, readerGap
			if slow {
				d.resumeGap = slowGap
			}
		}
	}
	return swallow, done
}

// Typed is text an input event delivered: the characters of a soft
// keyboard or an input method, which come without a usable keydown.
type Typed struct {
	Data string  // the characters: InputEvent.data of beforeinput (insertText), CompositionEvent.data of compositionend
	Time float64 // the event's timeStamp
	// Preedit is, for a composition's end, what the composition showed
	// before (compositionupdate's data): letters it replaced or dropped
	// when Data does not begin with them.
	Preedit string
}

// Typed turns the text of an input event into keys to Fresh and Feed, in
// order: one for each character, timed by the keydown the input method
// held for it (or by the event, when none came), the first one carrying
// what the composition replaced (Key.Composed); a line break is Enter. A composition dropped
// without commit is one key without character. Text that only repeats
// the character of the keydown fed last, which reached the page, gives no
// keys: that keydown was read already.
func (d *Detector) Typed(in Typed) []Key {
	if d.echo {
		d.echo = false
		return nil
	}
	t := in.Time
	if d.hasHeld {
		t, d.hasHeld = d.held, false
	}
	composed := 0
	if in.Preedit != "" && !strings.HasPrefix(in.Data, in.Preedit) {
		composed = utf8.RuneCountInString(in.Preedit)
	}
	var keys []Key
	for _, r := range in.Data {
		k := Key{Key: string(r), Input: true, Time: t, Composed: composed}
		switch r {
		case '\r', '\n': // a line break typed as text (insertLineBreak)
			k.Key = "Enter"
		case '\t':
			k.Key = "Tab"
		}
		keys = append(keys, k)
		composed = 0
	}
	if composed > 0 {
		keys = append(keys, Key{Input: true, Time: t, Composed: composed})
	}
	return keys
}

// goesOn reports whether k, a key that types something, follows the
// terminator of the swipe just given within a reader's gap (a clock that
// steps back does not count).
func (d *Detector) goesOn(k Key) bool {
	return d.prev != nil && k.Time >= d.last && k.Time-d.last <= d.resumeGap
}

// resume reopens the swipe a terminator ended, for the next track.
func (d *Detector) resume() {
	d.open, d.confirmed, d.extends = true, true, true
	d.slow = d.resumeGap > readerGap
	d.keys = slices.Clone(d.prev) // the page has the old slice
	d.n, d.fast, d.steady, d.passed = 0, confirmGaps, slowGaps, 0
	for _, k := range d.keys {
		if !isModifier(k) {
			d.n++
		}
	}
	d.g = grammarOf(d.keys)
	d.truncated = len(d.keys) >= MaxSwipeKeys
}

// gap is the time from the last key that typed something to k.
func (d *Detector) gap(k Key) float64 {
	if !d.hasLast {
		return math.Inf(1)
	}
	if gap := k.Time - d.last; gap >= 0 {
		return gap
	}
	return 0 // a clock that steps back
}

// Fresh reports whether k, fed next with the same editable, begins a new
// run of keys: no swipe under way takes it. Every key a swipe lets through
// into an editable field (Swipe.Passed) comes from the run that began last,
// so a page can save the field's text and selection at each fresh key and
// put them back when a swipe ends with Passed > 0. A fresh key can itself
// end the swipe of the run before it: put that back first, then save.
func (d *Detector) Fresh(k Key, editable bool) bool {
	if k.Repeat || k.Held() || isModifier(k) {
		return false
	}
	return d.next(k, editable).fresh
}

// step is what a key that types something does to the Detector, decided
// before it is fed: Feed acts on it and Fresh reports it.
type step struct {
	gap    float64 // ms since the last key that typed something
	goesOn bool    // it reopens the swipe just ended (goesOn)
	end    ending  // what it does to the open swipe; goOn when none is
	fresh  bool    // it begins a new run of keys (Fresh)
}

// next decides k's step; it changes nothing.
func (d *Detector) next(k Key, editable bool) step {
	s := step{gap: d.gap(k), goesOn: d.goesOn(k)}
	switch {
	case s.goesOn:
	case d.open:
		s.end = d.ending(k, s.gap, editable)
		s.fresh = s.end != goOn
	default:
		s.fresh = len(d.recent) == 0 || s.gap > slowGap
	}
	return s
}

// start decides whether k opens a swipe; the keys before k that belong to
// it are taken over from the current run.
func (d *Detector) start(k Key, gap float64) bool {
	if gap > slowGap {
		d.recent = d.recent[:0]
	}
	if gap > readerGap {
		d.burst = 0
	}
	r, ok := keyChar(k)
	switch {
	case ok && isStartSentinel(r):
		d.begin(false)
	case d.burst+1 >= burstKeys:
		d.begin(true)
	default:
		if len(d.recent) < recentCap {
			d.recent = append(d.recent, k)
		}
		d.burst++
		return false
	}
	return true
}

func isStartSentinel(r rune) bool {
	switch r {
	case '%', ';', '+', '#', '!', '&':
		return true
	}
	return false
}

// begin opens a swipe with the current run, whose typed keys all passed.
func (d *Detector) begin(confirmed bool) {
	typed := 0
	for _, r := range d.recent {
		if !isModifier(r) {
			typed++
		}
	}
	d.open, d.confirmed = true, confirmed
	d.keys = append(d.keys[:0], d.recent...)
	d.n, d.passed, d.fast, d.steady = typed, typed, max(d.burst-1, 0), max(typed-1, 0)
	d.g = grammarOf(d.keys)
	d.recent, d.burst = d.recent[:0], 0
}

// add puts a key that types something into the open swipe and tells
// whether to swallow it.
func (d *Detector) add(k Key, gap float64, editable bool) bool {
	if d.n > 0 && !d.confirmed {
		if gap <= readerGap {
			d.fast++
		} else {
			d.fast = 0
		}
		if gap <= slowGap {
			d.steady++
		} else {
			d.steady = 0
		}
	}
	if r, ok := keyChar(k); ok {
		d.g.add(r)
	}
	if !d.confirmed {
		switch {
		case d.fast >= confirmGaps:
			d.confirmed = true
		case d.steady >= slowGaps && d.g.valid():
			d.confirmed, d.slow = true, true
		}
	}
	d.n++
	d.keep(k)
	swallow := !editable || d.confirmed
	if !swallow {
		d.passed++
	}
	return swallow
}

func (d *Detector) keep(k Key) {
	if len(d.keys) >= MaxSwipeKeys {
		d.truncated = true
		return
	}
	d.keys = append(d.keys, k)
}

// Idle ends the open swipe if no key came for IdleAfter before now (a
// timeStamp-compatible time in milliseconds, e.g. performance.now()).
func (d *Detector) Idle(now float64) *Swipe {
	if d.prev != nil && !(now-d.last <= d.resumeGap) {
		d.prev = nil
	}
	if !d.open || !(now-d.last >= d.IdleAfter()) {
		return nil
	}
	return d.finish()
}

// Reset drops a swipe under way and forgets every key.
func (d *Detector) Reset() {
	*d = Detector{IdleGap: d.IdleGap}
}

// finish closes the swipe and gives it, unless it was too short to tell.
// A short swipe that came steadily at a slowed reader's pace and holds
// whole tracks (%E?, ;E? and the like) is a slowed reader's.
func (d *Detector) finish() *Swipe {
	if !d.confirmed && d.n >= 3 && d.steady == d.n-1 && d.g.complete() {
		d.confirmed, d.slow = true, true
	}
	var s *Swipe
	if d.confirmed || d.n >= minKeys {
		rb := Rebuild(d.keys)
		reader := rb.Timing.Reader() || d.slow && rb.Timing.MedianGap <= SlowMedianGap
		s = &Swipe{Keys: d.keys, Rebuilt: rb, Reader: reader, Truncated: d.truncated, Passed: d.passed, Extends: d.extends}
		d.keys = nil // handed over
	}
	d.drop()
	return s
}

// drop closes the swipe without a result.
func (d *Detector) drop() {
	d.open, d.confirmed, d.slow, d.truncated, d.extends = false, false, false, false, false
	d.keys = d.keys[:0]
	d.n, d.fast, d.steady, d.passed = 0, 0, 0, 0
	d.g = grammar{}
	d.recent, d.burst = d.recent[:0], 0
}
