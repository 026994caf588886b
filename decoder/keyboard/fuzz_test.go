package keyboard

import (
	"math"
	"slices"
	"testing"
	"unicode/utf8"
)

// project maps bytes onto the track-1 set, so fuzzed bytes make text a
// reader can type.
func project(b []byte) string {
	r := make([]byte, len(b))
	for i, c := range b {
		r[i] = track1Set[int(c)%len(track1Set)]
	}
	return string(r)
}

func FuzzRepairText(f *testing.F) {
	for _, s := range []string{
		track1, track2, track2b, error1, three, aamvaCA, aamvaTX, lowerName, pitfall, turkish, turkishCaps,
		"ö4111111111111111´30121010000000000000_", "m'&&&&&&&&&&&&&&&=\"à&é&à&ààààààààààààà§",
		"s4111111111111111]30121010000000000000Z", "5E§", "%>Z", "%E_", "%b", "50% off", "",
		"%B4111111111111111ÂDAMS/EVE^3012101000000000000000000?", "\xff\xfe%", "M4111111111111111+30121010000000000000!",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := RepairText(s)
		if r.Layout == US && !r.CapsLock && (r.Text != s || !r.Evidence.IsZero()) {
			t.Errorf("RepairText(%q): US without Caps Lock but %q, %q", s, r.Text, r.Evidence)
		}
		// Repairing again changes nothing once the text reads as clean tracks.
		if u := read(r.Text, us, false); u.bad == 0 && u.tracks > 0 {
			if r2 := RepairText(r.Text); r2 != (Repair{US, false, r.Text, Evidence{}}) {
				t.Errorf("RepairText(%q) = %q, and again %+v", s, r.Text, r2)
			}
		}
		// Undo(Apply) over the track-1 set: exact unless the host lost
		// something, and always a text that types the same.
		a := project([]byte(s))
		for _, m := range keymaps {
			for _, caps := range []bool{false, true} {
				h := m.apply(a, caps)
				u, _ := m.undo(h, caps)
				if m.apply(u, caps) != h {
					t.Errorf("%s caps=%v: apply(undo(%q)) = %q", m.layout, caps, h, m.apply(u, caps))
				}
				if !lossy(a, m, caps) && u != a {
					t.Errorf("%s caps=%v: undo(apply(%q)) = %q", m.layout, caps, a, u)
				}
			}
			if !lossy(a, m, false) && Undo(Apply(a, m.layout), m.layout) != a {
				t.Errorf("%s: Undo(Apply(%q)) differs", m.layout, a)
			}
		}
	})
}

// decodeKeys turns bytes into keydowns, four bytes a key: code, key,
// modifier bits, time step (255 NaN, 254 a step back).
func decodeKeys(data []byte) []Key {
	codeList := append(codes[:],
		"Enter", "NumpadEnter", "Tab", "Backquote", "Numpad0", "Numpad3", "Numpad7", "Numpad9", "NumpadAdd",
		"ShiftLeft", "AltLeft", "AltRight", "ControlLeft", "MetaLeft", "CapsLock", "", "IntlBackslash",
		"ArrowLeft", "KeyZZ", "Numpad", "NumpadX", "F5")
	keyList := []string{"", "Dead", "Enter", "Shift", "Alt", "a", "A", "é", "ş", "Ş", "ı", "§", "\x00", "\x7f",
		"Unidentified", "%", ";", "?", "´", "^", "Â", "\xff"}
	var keys []Key
	tm := 0.0
	for i := 0; i+3 < len(data); i += 4 {
		k := Key{Code: codeList[int(data[i])%len(codeList)]}
		if j := int(data[i+1]); j < len(keyList) {
			k.Key = keyList[j]
		} else {
			k.Key = string(rune(j * 37))
		}
		b := data[i+2]
		k.Shift, k.CapsLock, k.Alt, k.Ctrl = b&1 != 0, b&2 != 0, b&4 != 0, b&8 != 0
		k.Meta, k.Repeat = b&16 != 0, b&32 != 0
		switch data[i+3] {
		case 255:
			k.Time = math.NaN()
		case 254:
			tm -= 50
			k.Time = tm
		default:
			tm += float64(data[i+3])
			k.Time = tm
		}
		keys = append(keys, k)
	}
	return keys
}

func FuzzRebuild(f *testing.F) {
	f.Add([]byte{0, 5, 0, 2, 1, 6, 1, 2, 47, 2, 0, 2})
	f.Add([]byte("\x3a\x00\x04\x02\x3b\x00\x04\x02\x3a\x00\x04\x02\x30\x00\x00\x02"))
	f.Add([]byte("%B4111111111111111^CARDHOLDER/TEST^3012?"))
	f.Add([]byte(three))
	// Shifted characters without Shift (% on Digit5, ? on Slash, ^ on
	// Digit6), and keys without a code (%, Enter).
	f.Add([]byte{4, 15, 0, 2, 24, 6, 0, 2, 5, 19, 0, 2, 45, 17, 0, 2, 47, 2, 0, 2})
	f.Add([]byte{62, 15, 0, 2, 62, 6, 0, 2, 62, 17, 2, 2, 62, 2, 0, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		keys := decodeKeys(data)
		rb := Rebuild(keys)
		if !utf8.ValidString(rb.Text) {
			t.Errorf("Text %q is not UTF-8", rb.Text)
		}
		switch rb.Terminator {
		case "", "\r", "\n", "\t":
		default:
			t.Errorf("Terminator %q", rb.Terminator)
		}
		if rb.Timing.Keys > len(keys) || lookup(rb.Layout) == nil {
			t.Errorf("Timing.Keys %d of %d keys, layout %q", rb.Timing.Keys, len(keys), rb.Layout)
		}
		editable := len(data) > 0 && data[0]&1 == 1
		var d Detector
		var last *Swipe
		check := func(sw *Swipe) {
			if sw == nil {
				return
			}
			if len(sw.Keys) > MaxSwipeKeys || sw.Passed > len(sw.Keys) {
				t.Errorf("swipe of %d keys, %d passed", len(sw.Keys), sw.Passed)
			}
			// A swipe that extends the last one begins with its keys.
			if sw.Extends && (last == nil || sw.Passed != 0 || len(sw.Keys) < len(last.Keys) ||
				!slices.EqualFunc(sw.Keys[:len(last.Keys)], last.Keys, sameKey)) {
				t.Errorf("swipe of %d keys extends %+v", len(sw.Keys), last)
			}
			last = sw
		}
		for _, k := range keys {
			_, sw := d.Feed(k, editable)
			check(sw)
		}
		check(d.Idle(math.Inf(1)))
		// The track-1 text in data typed on a layout data picks comes back.
		if len(data) > 2 {
			m, caps := keymaps[int(data[0])%len(keymaps)], data[1]&1 == 1
			text := project(data[2:])
			if rb := Rebuild(keysFor(text, m.layout, caps, 0, 2)); rb.Text != text || rb.Terminator != "\r" {
				t.Errorf("%s caps=%v: Rebuild gives %q for %q", m.layout, caps, rb.Text, text)
			}
			// Typed by character, Shift left out where data says, with
			// US codes or none: the characters come back.
			shift := func(i int) bool { return data[i%len(data)]&2 != 0 }
			for _, noCode := range []bool{false, true} {
				if rb := Rebuild(sentKeys(text, noCode, shift)); rb.Text != text || rb.Layout != US || rb.CapsLock || rb.Terminator != "\r" {
					t.Errorf("by character, noCode=%v: Rebuild gives %q %s caps=%v for %q", noCode, rb.Text, rb.Layout, rb.CapsLock, text)
				}
			}
		}
	})
}

// sameKey is == with a NaN time equal to itself.
func sameKey(a, b Key) bool {
	ta, tb := math.Float64bits(a.Time), math.Float64bits(b.Time)
	a.Time, b.Time = 0, 0
	return a == b && ta == tb
}
