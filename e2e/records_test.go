//go:build !wasm

package e2e

import (
	"slices"
	"strings"
	"testing"

	"magcheck/internal/testvectors"
)

// record returns the input of the keyboard record id of internal/testvectors,
// without the CR the reader ends it with (swipe types an Enter).
func record(t *testing.T, id string) string {
	t.Helper()
	for _, v := range testvectors.Records() {
		if v.ID == id {
			return strings.TrimRight(v.Input, "\r")
		}
	}
	t.Fatalf("no keyboard record %s in internal/testvectors", id)
	return ""
}

// TestSwipeKeyboardRecords types the records encrypting readers type in
// keyboard mode at reader speed: each is one swipe, its masked tracks are
// the tracks, what it says of the reader's keys is on the page, and nothing
// in the reader's normal output is taken for a fault of the card or of the
// reader's prefix.
func TestSwipeKeyboardRecords(t *testing.T) {
	cases := []struct {
		id, keyState, ksn, verdictFault string
		codes                           []string
	}{
		// MagTek's own example: a demo unit with the ANSI test key.
		{"magtek-v5-ex12-kb-level3", "test", "FFFF9876543210E00008", "setup", []string{"test_key", "encrypted_data", "masked_data"}},
		{"idtech-kb-secured-sample", "production", "629949960E0000A00072", "host", []string{"encrypted_data", "masked_data"}},
	}
	p := newTestPage(t, pageTimings{})
	for i, c := range cases {
		p.Run(t, c.id, func(t *testing.T) {
			input := record(t, c.id)
			r := swipe(p, input, "us", false, i+1)
			got := readResult(p)
			sameResult(t, got, p.want(r))
			sameData(t, got, p.want(pasted(t, input+"\r")))
			if !hasCodes(got.Findings, c.codes...) {
				t.Errorf("findings %q lack %q", got.Findings, c.codes)
			}
			for _, bad := range []string{"extra_characters", "invalid_character", "not_a_swipe", "track_malformed", "slow_keystrokes"} {
				if slices.Contains(got.Findings, bad) {
					t.Errorf("a well-formed record gets %s: %q", bad, got.Findings)
				}
			}
			if f := p.Attr(".verdict", "data-fault"); f != c.verdictFault {
				t.Errorf("verdict points at %q, want %q", f, c.verdictFault)
			}
			if ks, ksn := p.Attr(".reader", "data-key-state"), p.Attr(".reader", "data-ksn"); ks != c.keyState || ksn != c.ksn {
				t.Errorf("reader panel: key state %q, KSN %q; want %q, %q", ks, ksn, c.keyState, c.ksn)
			}
			if luhn := p.Text(".card-summary .pan + .note"); luhn != "not checked (masked by the reader)" {
				t.Errorf("check digit: %q", luhn)
			}
			p.Screenshot("record-" + c.id)
		})
	}
	p.Click(`button[data-lang="zh"]`)
	p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
	p.Screenshot("record-zh")
}
