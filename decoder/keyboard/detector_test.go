package keyboard_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/testvectors"
)

// run feeds keys to d and gives, per key, whether it was swallowed, and
// the swipes with the index of the key that finished each.
func run(d *keyboard.Detector, keys []keyboard.Key, editable bool) (swallowed []bool, swipes []*keyboard.Swipe, at []int) {
	for i, k := range keys {
		s, done := d.Feed(k, editable)
		swallowed = append(swallowed, s)
		if done != nil {
			swipes, at = append(swipes, done), append(at, i)
		}
	}
	return swallowed, swipes, at
}

// reader gives the keys of a US-keymap reader typing text on a host set to
// layout l, Caps Lock off, one key every gap ms from t0; a person types so
// too, at a person's gap.
func reader(t *testing.T, text string, l keyboard.Layout, t0, gap float64) []keyboard.Key {
	t.Helper()
	return keyboardtest.Keys(t, text, l, false, keyboardtest.Pace{Start: t0, Gap: gap})
}

func TestDetectorReaderSwipe(t *testing.T) {
	for _, l := range []keyboard.Layout{keyboard.US, keyboard.FR, keyboard.TR} {
		for _, editable := range []bool{false, true} {
			var d keyboard.Detector
			keys := reader(t, keyboard.Three+"\r", l, 5000, 2)
			swallowed, swipes, at := run(&d, keys, editable)
			if len(swipes) != 1 || at[0] != len(keys)-1 {
				t.Fatalf("%s editable=%v: %d swipes at %v, want one at the Enter (%d)", l, editable, len(swipes), at, len(keys)-1)
			}
			sw := swipes[0]
			// Outside fields every key is swallowed; in a field the
			// sentinel and the next two pass until three 2 ms gaps confirm.
			passed := 0
			if editable {
				passed = 3
			}
			n := 0
			for i, k := range keys {
				want := !keyboard.IsModifier(k)
				if want && n < passed {
					want = false
				}
				if !keyboard.IsModifier(k) {
					n++
				}
				if swallowed[i] != want {
					t.Errorf("%s editable=%v: key %d (%s) swallowed=%v, want %v", l, editable, i, k.Code, swallowed[i], want)
				}
			}
			rb := sw.Rebuilt
			if rb.Text != keyboard.Three || rb.Layout != l || rb.Terminator != "\r" || !sw.Reader || sw.Truncated ||
				sw.Passed != passed || len(sw.Keys) != len(keys)-1 { // the Shift before % comes before the swipe
				t.Errorf("%s editable=%v: swipe %q %s term %q reader=%v truncated=%v passed=%d keys=%d",
					l, editable, rb.Text, rb.Layout, rb.Terminator, sw.Reader, sw.Truncated, sw.Passed, len(sw.Keys))
			}
		}
	}
}

// A person typing is never swallowed in a field and never makes a swipe,
// sentinels and Enter included. Outside a field only the sentinel itself
// is held back, and the next key shows it was a person.
func TestDetectorPerson(t *testing.T) {
	text := "%B50% off; 3+4 #1 & !\t"
	for _, gap := range []float64{100, 180} {
		for _, editable := range []bool{true, false} {
			var d keyboard.Detector
			keys := append(reader(t, text, keyboard.US, 0, gap), keyboard.Key{Code: "Enter", Key: "Enter", Time: gap * float64(len(text))})
			swallowed, swipes, _ := run(&d, keys, editable)
			for i, k := range keys {
				r, _ := keyboard.KeyChar(k)
				want := !editable && keyboard.IsStartSentinel(r)
				if swallowed[i] != want {
					t.Errorf("gap %v editable=%v: key %d %q swallowed=%v, want %v", gap, editable, i, k.Key, swallowed[i], want)
				}
			}
			if sw := d.Idle(1e6); len(swipes) != 0 || sw != nil {
				t.Errorf("gap %v editable=%v: a person made swipes: %d, idle %v", gap, editable, len(swipes), sw)
			}
		}
	}
	// Fast bursts of a person (key rollover, 40–60 ms) do not confirm either.
	var d keyboard.Detector
	keys := []keyboard.Key{{Code: "Digit5", Key: "%", Shift: true, Time: 0}, {Code: "KeyA", Key: "a", Time: 40},
		{Code: "KeyS", Key: "s", Time: 100}, {Code: "KeyD", Key: "d", Time: 400}}
	swallowed, swipes, _ := run(&d, keys, true)
	if len(swipes) != 0 || swallowed[0] || swallowed[1] || swallowed[2] || swallowed[3] {
		t.Errorf("rollover: swallowed %v, %d swipes", swallowed, len(swipes))
	}
}

// A swipe typed by character without Shift, with US codes or none, opens
// on its % like a reader's and ends at its Enter.
func TestDetectorShiftDropped(t *testing.T) {
	for _, noCode := range []bool{false, true} {
		for _, editable := range []bool{false, true} {
			var d keyboard.Detector
			keys := sentKeys(t, webSwipe, noCode, func(int) bool { return false })
			swallowed, swipes, at := run(&d, keys, editable)
			if len(swipes) != 1 || at[0] != len(keys)-1 {
				t.Fatalf("noCode=%v editable=%v: %d swipes at %v, want one at the Enter", noCode, editable, len(swipes), at)
			}
			passed := 0
			if editable {
				passed = 3
			}
			for i, s := range swallowed {
				if s != (i >= passed) {
					t.Errorf("noCode=%v editable=%v: key %d swallowed=%v", noCode, editable, i, s)
				}
			}
			sw := swipes[0]
			if rb := sw.Rebuilt; rb.Text != webSwipe || rb.Layout != keyboard.US || rb.CapsLock || rb.Terminator != "\r" ||
				!sw.Reader || sw.Passed != passed || len(sw.Keys) != len(keys) {
				t.Errorf("noCode=%v editable=%v: swipe %q %s caps=%v term %q reader=%v passed=%d keys=%d",
					noCode, editable, rb.Text, rb.Layout, rb.CapsLock, rb.Terminator, sw.Reader, sw.Passed, len(sw.Keys))
			}
		}
	}
}

func TestDetectorIdleEnd(t *testing.T) {
	d := keyboard.Detector{IdleGap: 200}
	keys := reader(t, keyboard.Track2, keyboard.US, 0, 3) // no terminator
	_, swipes, _ := run(&d, keys, false)
	last := keys[len(keys)-1].Time
	if len(swipes) != 0 {
		t.Fatalf("%d swipes before the idle gap", len(swipes))
	}
	// The track is complete, but a reader may pause before the next.
	if after := d.IdleAfter(); after != keyboard.MaxPause {
		t.Fatalf("IdleAfter = %v, want MaxPause", after)
	}
	if sw := d.Idle(last + keyboard.MaxPause - 1); sw != nil {
		t.Fatalf("swipe before MaxPause passed")
	}
	sw := d.Idle(last + keyboard.MaxPause)
	if sw == nil || sw.Rebuilt.Text != keyboard.Track2 || sw.Rebuilt.Terminator != "" || !sw.Reader {
		t.Fatalf("idle end: %+v", sw)
	}
	if d.Idle(last+1000) != nil {
		t.Error("a second swipe from one idle gap")
	}
	// The next key after a long gap ends a swipe too, and may open the next.
	run(&d, keys[:10], false)
	swallowed, swipes, _ := run(&d, reader(t, keyboard.Track2+"\r", keyboard.US, 10000, 3), false)
	if len(swipes) != 2 || swipes[0].Rebuilt.Text != keyboard.Track2[:10] || swipes[1].Rebuilt.Text != keyboard.Track2 || !swallowed[0] {
		t.Errorf("gap then swipe: %d swipes", len(swipes))
	}
}

// A held key repeats; repeats are ignored, whatever their pace.
func TestDetectorHeldKey(t *testing.T) {
	for _, editable := range []bool{true, false} {
		var d keyboard.Detector
		keys := []keyboard.Key{{Code: "KeyA", Key: "a", Time: 0}}
		for i := 1; i <= 50; i++ {
			keys = append(keys, keyboard.Key{Code: "KeyA", Key: "a", Repeat: true, Time: 500 + 33*float64(i)})
		}
		swallowed, swipes, _ := run(&d, keys, editable)
		for i, s := range swallowed {
			if s {
				t.Errorf("editable=%v: repeat %d swallowed", editable, i)
			}
		}
		if len(swipes) != 0 || d.Idle(1e6) != nil {
			t.Errorf("editable=%v: a held key made a swipe", editable)
		}
	}
}

// A reader that never stops: the swipe keeps MaxSwipeKeys keys, swallows
// the rest and reports Truncated when it finally goes quiet.
func TestDetectorCap(t *testing.T) {
	var d keyboard.Detector
	keys := reader(t, "%B"+strings.Repeat("1", 3*keyboard.MaxSwipeKeys), keyboard.US, 0, 1)
	swallowed, swipes, _ := run(&d, keys, false)
	if len(swipes) != 0 {
		t.Fatalf("%d swipes before the end", len(swipes))
	}
	for i, s := range swallowed {
		if !s && !keyboard.IsModifier(keys[i]) {
			t.Fatalf("key %d not swallowed", i)
		}
	}
	sw := d.Idle(keys[len(keys)-1].Time + d.IdleAfter())
	if sw == nil || len(sw.Keys) != keyboard.MaxSwipeKeys || !sw.Truncated || !sw.Reader || d.KeysCap() > keyboard.MaxSwipeKeys {
		t.Fatalf("capped swipe: %v", sw != nil && sw.Truncated)
	}
	if want := "%B" + strings.Repeat("1", keyboard.MaxSwipeKeys-3); sw.Rebuilt.Text != want { // two Shift presses among the keys
		t.Errorf("capped text has %d characters, want %d", len(sw.Rebuilt.Text), len(want))
	}
}

// A reader set up without sentinels: a burst of reader-speed keys opens
// the swipe, which takes the burst in; those keys already reached the page.
func TestDetectorBurst(t *testing.T) {
	const text = "4111111111111111=3012?"
	for _, editable := range []bool{false, true} {
		var d keyboard.Detector
		keys := reader(t, text+"\r", keyboard.US, 0, 2)
		swallowed, swipes, _ := run(&d, keys, editable)
		if len(swipes) != 1 || swipes[0].Rebuilt.Text != text || swipes[0].Passed != keyboard.BurstKeys-1 {
			t.Fatalf("editable=%v: burst swipes %d", editable, len(swipes))
		}
		for i := range keyboard.BurstKeys - 1 {
			if swallowed[i] {
				t.Errorf("editable=%v: burst key %d swallowed", editable, i)
			}
		}
		if !swallowed[keyboard.BurstKeys-1] || !swallowed[len(keys)-1] {
			t.Errorf("editable=%v: keys after the burst not swallowed", editable)
		}
	}
}

// ALT-ASCII readers type each character as Alt + Numpad digits.
func TestDetectorAltASCII(t *testing.T) {
	var d keyboard.Detector
	var keys []keyboard.Key
	tm := 0.0
	for _, c := range keyboard.Track2 {
		keys = append(keys, keyboard.Key{Code: "AltLeft", Key: "Alt", Alt: true, Time: tm})
		for _, dg := range []byte{byte('0' + c/10), byte('0' + c%10)} {
			tm += 2
			keys = append(keys, keyboard.Key{Code: "Numpad" + string(dg), Key: string(dg), Alt: true, Time: tm})
		}
		tm += 2
	}
	keys = append(keys, keyboard.Key{Code: "Enter", Key: "Enter", Time: tm})
	_, swipes, _ := run(&d, keys, false)
	if len(swipes) != 1 || swipes[0].Rebuilt.Text != keyboard.Track2 || !swipes[0].Reader {
		t.Fatalf("ALT-ASCII: %d swipes", len(swipes))
	}
}

// In a field, a person who types right after a swipe ends it and keeps
// the key; a sentinel followed by a person's key is dropped.
func TestDetectorPersonTakesOver(t *testing.T) {
	var d keyboard.Detector
	keys := reader(t, keyboard.Track2+"\r", keyboard.US, 0, 2)
	keys = append(keys[:len(keys)-1], keyboard.Key{Code: "KeyA", Key: "a", Time: keys[len(keys)-1].Time + 100})
	swallowed, swipes, at := run(&d, keys, true)
	if len(swipes) != 1 || at[0] != len(keys)-1 || swallowed[len(keys)-1] || swipes[0].Rebuilt.Text != keyboard.Track2 {
		t.Errorf("take-over: %d swipes at %v, last swallowed %v", len(swipes), at, swallowed[len(keys)-1])
	}
	d.Reset()
	if d.Idle(1e9) != nil || d.Open() {
		t.Error("Reset left a swipe")
	}
}

// field is a text box with its caret at the end: a key that is not
// swallowed types its Key there (Enter a new line). Before each fresh key
// it saves its text, and a swipe that let keys through puts it back, as
// the page does with its paste box.
type field struct {
	text, saved string
}

func (f *field) feed(d *keyboard.Detector, k keyboard.Key) *keyboard.Swipe {
	fresh := d.Fresh(k, true)
	swallow, done := d.Feed(k, true)
	// The key may end a swipe begun in the run before it: put that back
	// first, then save the text as it is before k types.
	if done != nil && done.Passed > 0 {
		f.text = f.saved
	}
	if fresh {
		f.saved = f.text
	}
	if !swallow && !keyboard.IsModifier(k) {
		if k.Key == "Enter" {
			f.text += "\n"
		} else {
			f.text += k.Key
		}
	}
	return done
}

// A person typing in a field keeps every key; a reader's swipe there,
// whatever came before it, leaves the field as it was.
func TestDetectorFreshRestoresField(t *testing.T) {
	after := func(keys []keyboard.Key, ms float64) float64 { return keys[len(keys)-1].Time + ms }
	person := reader(t, "%B12 log", keyboard.US, 0, 150)
	swipe1 := reader(t, keyboard.Track1+"\r", keyboard.US, after(person, 150), 2)
	person2 := reader(t, "ok", keyboard.US, after(swipe1, 150), 150)
	// A reader that ends each track with Enter: two swipes in a row.
	perTrack := append(reader(t, keyboard.Track1+"\r", keyboard.FR, after(person2, 500), 2), reader(t, keyboard.Track2+"\r", keyboard.FR, after(person2, 500)+2*float64(len(keyboard.Track1)+3), 2)...)
	person3 := reader(t, "z", keyboard.US, after(perTrack, 150), 150)
	// Reader-speed keys before the sentinel (a preamble), then an idle end.
	pre := reader(t, "xy"+keyboard.Track2, keyboard.US, after(person3, 150), 2)
	person4 := reader(t, "!", keyboard.US, after(pre, 400), 150) // after the idle gap

	var d keyboard.Detector
	f := field{text: "log:"}
	var got []string
	for _, keys := range [][]keyboard.Key{person, swipe1, person2, perTrack, person3, pre, person4} {
		for _, k := range keys {
			if sw := f.feed(&d, k); sw != nil {
				got = append(got, sw.Rebuilt.Text)
			}
		}
	}
	if want := "log:%B12 logokz!"; f.text != want {
		t.Errorf("field holds %q, want %q", f.text, want)
	}
	if want := []string{keyboard.Track1, keyboard.Track1, keyboard.Track1 + "\r" + keyboard.Track2, "xy" + keyboard.Track2}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("swipes %q, want %q", got, want)
	}
}

// Fresh follows Feed: not for modifiers, repeats or keys inside a run or
// an open swipe; yes after a gap that ends one.
func TestDetectorFresh(t *testing.T) {
	var d keyboard.Detector
	keys := reader(t, keyboard.Track2+"\r", keyboard.US, 1000, 2)
	for _, tt := range []struct {
		k              keyboard.Key
		editable, want bool
	}{
		{keys[0], false, true},
		{keyboard.Key{Code: "ShiftLeft", Key: "Shift", Time: 1001}, false, false},
		{keyboard.Key{Code: "KeyA", Key: "a", Repeat: true, Time: 1001}, false, false},
		{keys[1], false, false},
	} {
		if got := d.Fresh(tt.k, tt.editable); got != tt.want {
			t.Errorf("Fresh(%+v, %v) = %v, want %v", tt.k, tt.editable, got, tt.want)
		}
		d.Feed(tt.k, tt.editable)
	}
	for _, k := range keys[2:6] {
		d.Feed(k, false) // confirmed, inside track 2
	}
	// Inside a track a reader may pause: not fresh, in a field or not.
	late := keyboard.Key{Code: "Digit1", Key: "1", Time: keys[5].Time + 100}
	if d.Fresh(late, false) || d.Fresh(late, true) {
		t.Error("a pause inside a track: fresh")
	}
	if idle := (keyboard.Key{Code: "Digit1", Key: "1", Time: keys[5].Time + keyboard.MaxPause}); !d.Fresh(idle, false) {
		t.Error("a key after MaxPause is not fresh")
	}
	for _, k := range keys[6 : len(keys)-1] {
		d.Feed(k, false) // track 2 complete, no Enter
	}
	// After the tracks, a person's gap: fresh in a field only, where the
	// person takes over. The next track's start sentinel goes on.
	end := keys[len(keys)-2].Time
	person := keyboard.Key{Code: "KeyA", Key: "a", Time: end + 100}
	if d.Fresh(person, false) || !d.Fresh(person, true) {
		t.Error("a person's gap after the tracks: fresh only in a field")
	}
	if next := (keyboard.Key{Code: "Equal", Key: "+", Shift: true, Time: end + 200}); d.Fresh(next, true) {
		t.Error("the next track after a pause: fresh")
	}
	if idle := (keyboard.Key{Code: "KeyA", Key: "a", Time: end + keyboard.DefaultIdleGap}); d.Fresh(idle, false) || !d.Fresh(idle, true) {
		t.Error("a key after the idle gap: fresh outside a field, where the reader may still pause")
	}
	if idle := (keyboard.Key{Code: "KeyA", Key: "a", Time: end + keyboard.MaxPause}); !d.Fresh(idle, false) {
		t.Error("a key after MaxPause is not fresh")
	}
}

// A reader that ends each track with Enter (or Tab): the key right after
// the terminator reopens the swipe, and the swipe that ends holds both
// tracks and Extends the one given at the first Enter. A reader's gap
// after the terminator, or an idle check then, forgets the swipe before.
func TestDetectorTrackSeparator(t *testing.T) {
	for _, editable := range []bool{false, true} {
		var d keyboard.Detector
		k1 := reader(t, keyboard.Track1+"\r", keyboard.US, 0, 2)
		k2 := reader(t, keyboard.Track2+"\r", keyboard.US, k1[len(k1)-1].Time+3, 2)
		k2[len(k2)-1].Code, k2[len(k2)-1].Key = "Tab", "Tab"
		k3 := reader(t, keyboard.Three+"\r", keyboard.US, k2[len(k2)-1].Time+40, 2) // a new swipe
		swallowed, swipes, at := run(&d, append(append(k1, k2...), k3...), editable)
		if len(swipes) != 3 || at[0] != len(k1)-1 || at[1] != len(k1)+len(k2)-1 {
			t.Fatalf("editable=%v: %d swipes at %v", editable, len(swipes), at)
		}
		for i, want := range []struct {
			text, term string
			extends    bool
			keys       int
		}{
			// The Shift before % comes before the swipe.
			{keyboard.Track1, "\r", false, len(k1) - 1},
			{keyboard.Track1 + "\r" + keyboard.Track2, "\t", true, len(k1) - 1 + len(k2)},
			{keyboard.Three, "\r", false, len(k3) - 1},
		} {
			sw := swipes[i]
			if sw.Rebuilt.Text != want.text || sw.Rebuilt.Terminator != want.term || sw.Extends != want.extends ||
				len(sw.Keys) != want.keys || !sw.Reader {
				t.Errorf("editable=%v swipe %d: %q term %q extends=%v keys=%d reader=%v; want %q %q %v %d",
					editable, i, sw.Rebuilt.Text, sw.Rebuilt.Terminator, sw.Extends, len(sw.Keys), sw.Reader,
					want.text, want.term, want.extends, want.keys)
			}
		}
		// The second track is swallowed whole, even in a field (modifier
		// keys never are).
		for i := len(k1); i < len(k1)+len(k2); i++ {
			if !swallowed[i] && !keyboard.IsModifier(k2[i-len(k1)]) {
				t.Errorf("editable=%v: key %d of the second track passed", editable, i-len(k1))
			}
		}
		if swipes[1].Passed != 0 {
			t.Errorf("editable=%v: the extending swipe passed %d keys", editable, swipes[1].Passed)
		}
		// The swipe just ended is forgotten once a reader's gap has passed.
		if d.Prev() == nil {
			t.Fatal("no swipe kept right after the terminator")
		}
		if d.Idle(k3[len(k3)-1].Time+10) != nil || d.Prev() == nil {
			t.Error("an idle check within a reader's gap forgot the swipe")
		}
		if d.Idle(k3[len(k3)-1].Time+31) != nil || d.Prev() != nil {
			t.Error("an idle check after a reader's gap kept the swipe")
		}
	}
}

// Every vector a US keymap types, typed by a reader at 2 to 80 ms a key,
// with and without a pause of 200 ms after every 20 keys, is one swipe of
// its exact text, read as a reader's, but for what a slowed reader cannot
// show: a swipe without start sentinel opens only on a burst of keys 30
// ms apart, a pause after a preamble of 20 keys cuts the preamble off,
// and %BXXX, five keys and no end sentinel, is too short to tell from a
// person.
func TestDetectorRates(t *testing.T) {
	vectors := append(testvectors.All(), testvectors.Records()...)
	tested := 0
	for _, v := range vectors {
		text := strings.TrimRight(v.Input, "\r\n")
		if v.Kind == testvectors.KindRawBitstream || text == "" || !keyboardtest.Typeable(text) {
			continue
		}
		tested++
		ss := strings.IndexAny(text, "%;+")
		for _, gap := range []float64{2, 10, 20, 35, 50, 80} {
			for _, pause := range []float64{0, 200} {
				// A pause comes before key 20: it cuts off a preamble
				// of 20 keys or more (ID TECH's frame before its tracks).
				want := gap <= 20 || ss >= 0 && v.ID != "jq-failure-fragment" && (pause == 0 || ss < 20)
				var d keyboard.Detector
				_, swipes, _ := run(&d, keyboardtest.Keys(t, text+"\r", keyboard.US, false, keyboardtest.Pace{Start: 1000, Gap: gap, Pause: pause}), false)
				if sw := d.Idle(1e9); sw != nil {
					swipes = append(swipes, sw)
				}
				// Below ReaderMinKeys keys the timing cannot tell a reader
				// (Swipe.Reader is false), but a median gap a person cannot
				// keep is no person's either.
				got := len(swipes) == 1 && swipes[0].Rebuilt.Text == text &&
					(swipes[0].Reader || swipes[0].Rebuilt.Timing.MedianGap <= keyboard.ReaderMedianGap)
				if got != want {
					var texts []string
					for _, sw := range swipes {
						texts = append(texts, fmt.Sprintf("%q reader=%v", sw.Rebuilt.Text, sw.Reader))
					}
					t.Errorf("%s at %v ms, pause %v: read %v, want %v: %d swipes %s", v.ID, gap, pause, got, want, len(swipes), texts)
				}
			}
		}
	}
	if tested < 40 {
		t.Errorf("only %d vectors typed", tested)
	}
}

// People type in bursts, 80–250 ms a key and longer between words: typing
// the vectors so, in a field or not, makes no swipe, and in a field no key
// is swallowed.
func TestDetectorPersonRhythm(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 2))
	for _, v := range testvectors.All() {
		text := strings.TrimRight(v.Input, "\r\n")
		if v.Kind == testvectors.KindRawBitstream || text == "" || !keyboardtest.Typeable(text) {
			continue
		}
		for _, editable := range []bool{true, false} {
			keys := reader(t, text+"\r", keyboard.US, 0, 0)
			tm := 1000.0
			for i := range keys {
				if !keyboard.IsModifier(keys[i]) {
					tm += 80 + 170*rng.Float64()
					if rng.IntN(6) == 0 {
						tm += 250 + 500*rng.Float64()
					}
				}
				keys[i].Time = tm
			}
			var d keyboard.Detector
			swallowed, swipes, _ := run(&d, keys, editable)
			if sw := d.Idle(1e9); sw != nil {
				swipes = append(swipes, sw)
			}
			if len(swipes) > 0 {
				t.Errorf("%s typed by a person (editable=%v): %d swipes", v.ID, editable, len(swipes))
			}
			for i, s := range swallowed {
				if s && editable {
					t.Errorf("%s typed by a person in a field: key %d swallowed", v.ID, i)
				}
			}
		}
	}
}
