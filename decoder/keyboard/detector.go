package keyboard

import (
	"math"
	"slices"
)

// Detector limits. Gaps are between keys that type something (modifier
// keys and repeats do not count).
const (
	DefaultIdleGap = 150.0 // ms of silence that ends a swipe when Detector.IdleGap is 0
	MaxSwipeKeys   = 4096  // keys a Swipe keeps; later ones are dropped (Swipe.Truncated)

	readerGap   = ReaderMedianGap // ms: a gap a reader makes, a person hardly ever
	personGap   = 75.0            // ms: before a swipe is confirmed, a longer gap is a person's
	confirmGaps = 3               // reader-speed gaps in a row that confirm a swipe
	burstKeys   = 6               // reader-speed keys in a row that open a swipe without sentinel
	minKeys     = ReaderMinKeys   // an unconfirmed swipe shorter than this is dropped
	recentCap   = 64              // keys remembered while no swipe is open
)

// Detector sorts the keydowns of a page into swipes. Feed it every window
// keydown and call Idle from a timer about IdleGap after the last key; the
// zero value is ready to use. Its rules:
//
//   - A swipe opens on a key that types a start sentinel (% ; + # ! &)
//     through a US keymap, whatever the host layout, or whose Key is one
//     sent without Shift (see Rebuild), together with any
//     reader-speed keys just before it (a preamble); or, for a reader set up
//     without sentinels (or typing ALT-ASCII), on 6 keys in a row that each
//     come within 30 ms of the one before.
//   - A swipe is confirmed by 3 gaps of at most 30 ms in a row. Until then
//     a gap over 75 ms means a person typed the sentinel: the swipe is
//     dropped and nothing is reported. A swipe that ends unconfirmed is
//     reported only with at least 10 keys (a reader slowed to 30–75 ms a
//     key); shorter ones are dropped.
//   - Keys of an open swipe are kept and swallowed, except in an editable
//     field before the swipe is confirmed: a person typing there never loses
//     a key. Swipe.Passed says how many reached the field; with Fresh a
//     page can take them back out.
//   - Enter, NumpadEnter, Tab (or Ctrl+M, Ctrl+J, Ctrl+I) end the swipe;
//     the key belongs to it and is swallowed by the same rule, so a
//     reader's Enter does not press a button. Some readers end each track
//     so (the ID TECH MiniMag manual gives Enter as its default track
//     separator): a key within 30 ms of the terminator reopens the swipe,
//     and the Swipe that then ends holds both and Extends the one before.
//   - A gap of IdleGap ends the swipe too (Idle, or the next key). In an
//     editable field a confirmed swipe also ends at a gap over 75 ms, when
//     the person takes over.
//   - Repeats of a held key are ignored. Modifier keys are kept in an open
//     swipe (Alt presses delimit ALT-ASCII characters) but never swallowed
//     and never timed.
//   - Keys that neither open nor continue a swipe are never swallowed, so
//     Tab and shortcuts work. Outside editable fields a lone start sentinel
//     is held back: nothing types it there.
//   - A swipe keeps at most MaxSwipeKeys keys and stays open (swallowing)
//     until its terminator or an idle gap, so a reader that never stops
//     cannot grow memory.
type Detector struct {
	IdleGap float64 // ms; 0 means DefaultIdleGap

	open      bool
	confirmed bool
	keys      []Key
	n         int // keys of the swipe that type something
	fast      int // reader-speed gaps in a row
	passed    int
	truncated bool
	last      float64 // time of the last key that types something
	hasLast   bool
	recent    []Key // no swipe open: the current run of reader-speed keys
	extends   bool  // the open swipe reopened the one before (resume)
	// prev holds the keys of the swipe a terminator just ended, until the
	// next key shows whether the reader goes on (then resume) or a reader's
	// gap has passed.
	prev []Key
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

// Feed takes one keydown; editable says whether the focus is in a field
// that takes text. It reports whether to swallow the key (preventDefault)
// and the swipe the key finished, if any.
func (d *Detector) Feed(k Key, editable bool) (swallow bool, done *Swipe) {
	if k.Repeat {
		return false, nil
	}
	if isModifier(k) {
		switch {
		case d.open:
			d.keep(k)
		case len(d.recent) > 0 && len(d.recent) < recentCap:
			d.recent = append(d.recent, k)
		}
		return false, nil
	}
	gap, goesOn := d.gap(k), d.goesOn(k)
	d.last, d.hasLast = k.Time, true
	if goesOn {
		d.resume()
	}
	d.prev = nil
	if d.open {
		switch {
		case gap >= d.idleGap():
			done = d.finish()
		case !d.confirmed && gap > personGap:
			d.drop()
		case editable && gap > personGap:
			done = d.finish()
		}
	}
	if !d.open && !d.start(k, gap) {
		return false, done
	}
	swallow = d.add(k, gap, editable)
	if r, ok := keyChar(k); ok && isTerminator(r) {
		if s := d.finish(); s != nil {
			done, d.prev = s, s.Keys
		}
	}
	return swallow, done
}

// goesOn reports whether k, a key that types something, follows the
// terminator of the swipe just given within a reader's gap (a clock that
// steps back does not count).
func (d *Detector) goesOn(k Key) bool {
	return d.prev != nil && k.Time >= d.last && k.Time-d.last <= readerGap
}

// resume reopens the swipe a terminator ended, for the next track.
func (d *Detector) resume() {
	d.open, d.confirmed, d.extends = true, true, true
	d.keys = slices.Clone(d.prev) // the page has the old slice
	d.n, d.fast, d.passed = 0, confirmGaps, 0
	for _, k := range d.keys {
		if !isModifier(k) {
			d.n++
		}
	}
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
	if k.Repeat || isModifier(k) {
		return false
	}
	if d.goesOn(k) {
		return false // it reopens the swipe just ended
	}
	gap := d.gap(k)
	if d.open {
		// Feed's order: an idle gap ends the swipe, a person's gap drops an
		// unconfirmed one or, in a field, ends a confirmed one.
		return gap >= d.idleGap() || gap > personGap && (!d.confirmed || editable)
	}
	return len(d.recent) == 0 || gap > readerGap
}

// start decides whether k opens a swipe; the keys before k that belong to
// it are taken over from the current run.
func (d *Detector) start(k Key, gap float64) bool {
	if gap > readerGap {
		d.recent = d.recent[:0]
	}
	typed := 0
	for _, r := range d.recent {
		if !isModifier(r) {
			typed++
		}
	}
	r, ok := keyChar(k)
	switch {
	case ok && isStartSentinel(r):
		d.begin(typed, false)
	case typed+1 >= burstKeys:
		d.begin(typed, true)
	default:
		if len(d.recent) < recentCap {
			d.recent = append(d.recent, k)
		}
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
func (d *Detector) begin(typed int, confirmed bool) {
	d.open, d.confirmed = true, confirmed
	d.keys = append(d.keys[:0], d.recent...)
	d.n, d.passed, d.fast = typed, typed, max(typed-1, 0)
	d.recent = d.recent[:0]
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
		d.confirmed = d.fast >= confirmGaps
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

// Idle ends the open swipe if no key came for IdleGap before now (a
// timeStamp-compatible time in milliseconds, e.g. performance.now()).
func (d *Detector) Idle(now float64) *Swipe {
	if d.prev != nil && !(now-d.last <= readerGap) {
		d.prev = nil
	}
	if !d.open || !(now-d.last >= d.idleGap()) {
		return nil
	}
	return d.finish()
}

// Reset drops a swipe under way and forgets every key.
func (d *Detector) Reset() {
	*d = Detector{IdleGap: d.IdleGap}
}

// finish closes the swipe and gives it, unless it was too short to tell.
func (d *Detector) finish() *Swipe {
	var s *Swipe
	if d.confirmed || d.n >= minKeys {
		rb := Rebuild(d.keys)
		s = &Swipe{Keys: d.keys, Rebuilt: rb, Reader: rb.Timing.Reader(), Truncated: d.truncated, Passed: d.passed, Extends: d.extends}
		d.keys = nil // handed over
	}
	d.drop()
	return s
}

// drop closes the swipe without a result.
func (d *Detector) drop() {
	d.open, d.confirmed, d.truncated, d.extends = false, false, false, false
	d.keys = d.keys[:0]
	d.n, d.fast, d.passed = 0, 0, 0
	d.recent = d.recent[:0]
}
