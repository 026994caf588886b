package keyboard

import (
	"testing"
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
