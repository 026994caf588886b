package keyboard

import (
	"regexp"
	"strings"
	"testing"

	"magcheck/internal/testvectors"
)

// Track strings on the public test PAN 4111111111111111 (the rest of the
// data invented) and captures of internal/testvectors that every layout
// must survive.
var (
	track1    = "%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?"
	track2    = ";4111111111111111=30121010000000000000?"
	track2b   = ";4111111111111111=3012201000000000000?"
	error1    = "%E?"
	three     = "%B5452300551227189^HOGAN/PAUL      ^08043210000000725000000?;5452300551227189=080432100000007250?+5163499080020445=000000000000?"            // magtek-v5-ex4-three-tracks
	aamvaCA   = "%CAHUNTINGTN BC^DOE$JOHN$MIDDLE^1234 MAPLE DR^?;123456781234567=211219931223?#!!12345    C     M507190BRNBRN D12345678912     EV/.R\\!?,2(?" // msjs-aamva-ca
	aamvaTX   = "%TXAUSTIN^DOE$JOHN^12345 SHERBOURNE ST^?;63601538774194=150819810101?#\" 78729      C               1505130BLKBLK?"                          // pyaamva-tx
	lowerName = "%B1234123412341234^CardUser/John^030510100000019301000000877000000?;1234123412341234=0305101193010877?"                                      // acmetech-lowercase-name
	pitfall   = "%B4111111111111111^MOREAU/MAXIME M^3012101000000000000000000?;4111111111111111=30121010000000000000?"                                        // composed: M in the name
)

// The two Turkish-Q captures of jquery.cardswipe issue #25, as
// internal/testvectors holds them (PAN digits masked with X by the reporter).
const (
	turkish     = "%B5217XXXXXXXXX&BONBONI.JOHNNYçMR           &XXXXXXXXXXXXXXXXXXXX  199      :şXXXXXXXXXXXXXXXX-XXXXXXXXXXXXXXXX19901:"
	turkishCaps = "%b4564XXXXXXXXXXXX&hargreaves.tımothy w      &XXXXXXXXXXXXXXXXXXXXXXXXXXXXX000:Ş4564XXXXXXXXXXXX-XXXXXXXXXXXXXXXX0000:"
)

// Every layout, with Caps Lock off and on, over the track strings: Apply
// gives the host text; RepairText takes it back and names the layout and
// Caps Lock, except where the host text shows neither (no letters for Caps
// Lock to touch, or US-International without a dead key that combined).
func TestRepairTextLayouts(t *testing.T) {
	for _, m := range keymaps {
		for _, caps := range []bool{false, true} {
			for _, s := range []string{track1, track2, track2b, error1, three, aamvaCA, pitfall} {
				host := m.apply(s, caps)
				wantLayout := m.layout
				if host == us.apply(s, caps) {
					wantLayout = US
				}
				wantCaps := caps && host != m.apply(s, false)
				r := RepairText(host)
				if r.Text != s || r.Layout != wantLayout || r.CapsLock != wantCaps {
					t.Errorf("%s caps=%v: RepairText(%q) = %s caps=%v %q, want %s caps=%v %q",
						m.layout, caps, host, r.Layout, r.CapsLock, r.Text, wantLayout, wantCaps, s)
				}
				if r.Evidence.IsZero() != (wantLayout == US && !wantCaps) {
					t.Errorf("%s caps=%v %q: Evidence %q", m.layout, caps, host, r.Evidence)
				}
			}
		}
	}
}

// RepairText on given host text: a track 2 and a read error as a US-keymap
// reader types them under each layout, with the sentinel signatures that
// identify it; then AZERTY's M→? pitfall, a dead key and Caps Lock.
func TestRepairTextExamples(t *testing.T) {
	tests := []struct {
		name, host string
		want       Repair
	}{
		{"DE track 2", "ö4111111111111111´30121010000000000000_",
			Repair{DE, false, track2, Evidence{Sentinels: "ö…´…_"}}},
		{"FR track 2", "m'&&&&&&&&&&&&&&&=\"à&é&à&ààààààààààààà§",
			Repair{FR, false, track2, Evidence{Sentinels: "m…§"}}},
		{"Dvorak track 2", "s4111111111111111]30121010000000000000Z",
			Repair{Dvorak, false, track2, Evidence{Sentinels: "s…]…Z"}}},
		{"FR error", "5E§", Repair{FR, false, error1, Evidence{Sentinels: "5…§"}}},
		{"Dvorak error", "%>Z", Repair{Dvorak, false, error1, Evidence{Sentinels: "Z"}}},
		{"DE error", "%E_", Repair{DE, false, error1, Evidence{Sentinels: "_"}}},
		{"AZERTY M→? in a name", "5B'&&&&&&&&&&&&&&&6?OREQU!?QXI?E ?6\"à&é&à&àààààààààààààààààà§m'&&&&&&&&&&&&&&&=\"à&é&à&ààààààààààààà§",
			Repair{FR, false, pitfall, Evidence{Sentinels: "5…6…§…m"}}},
		{"US-International dead ^", "%B4111111111111111ÂDAMS/EVE^3012101000000000000000000?",
			Repair{USIntl, false, "%B4111111111111111^ADAMS/EVE^3012101000000000000000000?", Evidence{DeadKeys: "^"}}},
		{"Caps Lock alone", "%b4111111111111111^cardholder/test^3012101000000000000000000?;4111111111111111=30121010000000000000?",
			Repair{US, true, track1 + track2, Evidence{CapsLock: true}}},
		{"Caps Lock alone, no end sentinel", "%b4111111111111111^cardholder/te",
			Repair{US, true, "%B4111111111111111^CARDHOLDER/TE", Evidence{CapsLock: true}}},
		{"FR Caps Lock, track 2 only", "M4111111111111111+30121010000000000000!",
			Repair{FR, true, track2, Evidence{Sentinels: "M…+…!", CapsLock: true}}},
		{"FR digits, no sentinel", "&é\"'(-è_çà=&", Repair{FR, false, "1234567890=1", Evidence{OutOfSet: [2]int{4, 0}}}},
		{"DE Caps Lock, track 2 only", "Ö$!!!!!!!!!!!!!!!´§=!\"!=!=============_",
			Repair{DE, true, track2, Evidence{Sentinels: "Ö…´…_", CapsLock: true}}},
	}
	for _, tc := range tests {
		if got := RepairText(tc.host); got != tc.want {
			t.Errorf("%s: RepairText(%q)\n got %+v\nwant %+v", tc.name, tc.host, got, tc.want)
		}
	}
}

// Text a US host typed stays as it is: real US tracks, including AAMVA
// track 3 with ! " # and names without lower case, mixed-case names that
// are not Caps Lock, prefixes, fragments and text that is no swipe.
func TestRepairTextLeavesUS(t *testing.T) {
	for _, s := range []string{
		track1, track2, track2b, error1, three, aamvaCA, aamvaTX, lowerName, pitfall,
		"%E?;E?", ";E?+E?", "%910012345?;E?",
		"%FLDELRAY BEACH^DOE$JOHN$^4818 S FEDERAL BLVD^           ?;6360100462172082009=2101198799080=?#! 33435      I               1600                                   ECCECC00000?",
		"!STCARD A %B4111111111111111^DOE/JANE^1805101000000000000000503000000?",
		"%B1234567812345678^DOE/JOHN ^123", "%CAHUNTINGTN BC^DOE$JOHN$MIDDLE", "%BXXX",
		"1234123412341234=0305101193010877?", "4761739001010010=1808101?",
		"asdfasdfasdf12345", "bytes=[0,0,0,0,0,0];bits=48", "50% off", "Order #123", "", " \r\n",
	} {
		if r := RepairText(s); r != (Repair{US, false, s, Evidence{}}) {
			t.Errorf("RepairText(%q) = %+v, want it unchanged", s, r)
		}
	}
}

// The Turkish-Q vectors: RepairText gives the US text their expect field
// states (with the reporter's X masks shown as …), names tr, and finds
// Caps Lock in the second.
func TestRepairTextTurkishVectors(t *testing.T) {
	tests := []struct {
		host, want string
		caps       bool
		evidence   Evidence
	}{
		{turkish, "%B5217…^BONBONI/JOHNNY.MR           ^…  199      ?;…=…19901?", false, Evidence{Sentinels: "&…:…ş…-"}},
		{turkishCaps, "%B4564…^HARGREAVES/TIMOTHY W      ^…000?;4564…=…0000?", true, Evidence{Sentinels: "&…:…Ş…-", CapsLock: true}},
	}
	masks := regexp.MustCompile("[Xx]+")
	for _, tc := range tests {
		r := RepairText(tc.host)
		if got := masks.ReplaceAllString(r.Text, "…"); got != tc.want || r.Layout != TR || r.CapsLock != tc.caps || r.Evidence != tc.evidence {
			t.Errorf("RepairText(%q) = %s caps=%v %q (%q), want tr caps=%v %q (%q)",
				tc.host, r.Layout, r.CapsLock, got, r.Evidence, tc.caps, tc.want, tc.evidence)
		}
	}
}

// The vectors of internal/testvectors hold the Turkish captures as this
// test does and state their US text; every other vector is US text and
// stays so.
func TestSharedVectors(t *testing.T) {
	want := map[string]string{"jq-issue25-turkish-layout": turkish, "jq-issue25-turkish-capslock": turkishCaps}
	for id := range want {
		if _, ok := testvectors.Lookup(id); !ok {
			t.Fatalf("no vector %s in internal/testvectors", id)
		}
	}
	for _, v := range testvectors.All() {
		if host, ok := want[v.ID]; ok {
			if v.Input != host {
				t.Errorf("%s: input differs from this test's copy", v.ID)
			}
			r := RepairText(v.Input)
			i := strings.Index(v.Expect, "US equivalent: ")
			j := strings.Index(v.Expect, "?. ")
			if i < 0 || j < i {
				t.Errorf("%s: no US equivalent in expect", v.ID)
				continue
			}
			stated := v.Expect[i+len("US equivalent: ") : j+1]
			if got := regexp.MustCompile("[Xx]+").ReplaceAllString(r.Text, "…"); got != stated {
				t.Errorf("%s: RepairText text %q, expect states %q", v.ID, got, stated)
			}
			continue
		}
		if r := RepairText(v.Input); r.Layout != US || r.CapsLock || r.Text != v.Input {
			t.Errorf("%s: RepairText = %s caps=%v %q, want the US text unchanged", v.ID, r.Layout, r.CapsLock, r.Text)
		}
	}
}

func BenchmarkRepairText(b *testing.B) {
	host := Apply(three, FR)
	b.SetBytes(int64(len(host)))
	for b.Loop() {
		RepairText(host)
	}
}
