package decoder

import (
	"reflect"
	"strings"
	"testing"

	"magcheck/decoder/keyboard"
	"magcheck/message"
)

// wide writes s as an input method in full-width mode types it.
func wide(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
			b.WriteRune('\u3000')
		case '!' <= r && r <= '~':
			b.WriteRune(r + 0xFEE0)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// text decodes s as reader text.
func text(t *testing.T, s string) *Report {
	t.Helper()
	r, err := DecodeText(s, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// imeEvidence is the evidence of the input_method_active finding, in
// English, or "" without one.
func imeEvidence(r *Report) string {
	for _, f := range r.Findings {
		if f.Code == InputMethodActive {
			return f.Evidence.In(message.English)
		}
	}
	return ""
}

// Text an input method typed, pasted or typed: full width and Chinese
// punctuation read as ASCII, the card read as if typed in ASCII, and one
// input_method_active finding that says what was read, or names what
// could not be. Composed characters stand in place of the reader's
// letters: the finding places them, and the card is not blamed.
func TestInputMethod(t *testing.T) {
	plain := text(t, issueCard)
	tests := []struct {
		name, text string
		evidence   string
		status     [3]TrackStatus
		codes      []Code // besides input_method_active, in order
	}{
		{"full width", wide(issueCard), "93 full-width characters read as ASCII",
			[3]TrackStatus{StatusOK, StatusOK, StatusAbsent}, []Code{IssuerCheckRequired}},
		{"full-width digits only", "%B" + wide("4111111111111111") + "^DOE/JOHN^3012101000000000000000000?",
			"16 full-width characters read as ASCII", [3]TrackStatus{StatusOK, StatusAbsent, StatusAbsent},
			[]Code{IssuerCheckRequired, TrackAbsent}},
		{"Chinese punctuation", "%B4111111111111111……DOE/JOHN。MR……3012101000000000000000000？；4111111111111111＝30121010000000000000？",
			"4 full-width characters read as ASCII, the input method's punctuation …。 read as ^.",
			[3]TrackStatus{StatusOK, StatusOK, StatusAbsent}, []Code{IssuerCheckRequired}},
		{"a mark no key alone types", "%B4111111111111111^DOE、JOHN^3012101000000000000000000?;4111111111111111=30121010000000000000?",
			`'、' at track 1 pos 22: typed by the input method, not read`,
			[3]TrackStatus{StatusMalformed, StatusOK, StatusAbsent}, []Code{IssuerCheckRequired}},
		{"letters composed", "%B4111111111111111^多额/JOHN^3012101000000000000000000?;4111111111111111=30121010000000000000?",
			"characters the input method composed in place of the reader's letters: track 1 pos 19,22",
			[3]TrackStatus{StatusMalformed, StatusOK, StatusAbsent}, []Code{IssuerCheckRequired}},
	}
	for _, tc := range tests {
		r := text(t, tc.text)
		got := codesOf(r)
		want := []string{string(InputMethodActive)}
		for _, c := range tc.codes {
			want = append(want, string(c))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: findings %v, want %v", tc.name, got, want)
		}
		if ev := imeEvidence(r); ev != tc.evidence {
			t.Errorf("%s: evidence %q, want %q", tc.name, ev, tc.evidence)
		}
		for i, st := range tc.status {
			if r.Tracks[i].Status != st {
				t.Errorf("%s: track %d %s, want %s", tc.name, i+1, r.Tracks[i].Status, st)
			}
		}
		if r.Fault != FaultSetup || !strings.HasPrefix(r.Verdict(message.English), "Most likely the reader's or host's set-up: Input method active") {
			t.Errorf("%s: fault %s, verdict %q", tc.name, r.Fault, r.Verdict(message.English))
		}
		if r.Card == nil || r.Card.PAN != plain.Card.PAN || r.Card.Expiry != plain.Card.Expiry {
			t.Errorf("%s: card %+v", tc.name, r.Card)
		}
	}
	if r := text(t, issueCard); hasCode(r, InputMethodActive) {
		t.Error("ASCII raises input_method_active")
	}
}

// An input method's text reaches the Detector through Typed: a soft
// keyboard's keydowns (Unidentified, keyCode 229) are held and their
// characters come as text, each timed by its keydown; a composition
// commits at its end. The swipe decodes as the reader's keys do.
func TestDecodeTypedText(t *testing.T) {
	want := DecodeSwipe(swipeOf(t, issueCard+"\r", keyboard.US, 20), Options{Now: testNow})
	feed := func(d *keyboard.Detector, k keyboard.Key) (sw *keyboard.Swipe) {
		if _, done := d.Feed(k, false); done != nil {
			sw = done
		}
		return sw
	}
	type event struct {
		key   *keyboard.Key
		typed *keyboard.Typed
	}
	// Android: a held keydown, then its character, 20 ms a key; Enter is a
	// keydown of its own.
	var android []event
	tm := 1000.0
	for _, r := range issueCard {
		android = append(android, event{key: &keyboard.Key{Key: "Unidentified", KeyCode: 229, Time: tm}},
			event{typed: &keyboard.Typed{Data: string(r), Time: tm + 5}})
		tm += 20
	}
	android = append(android, event{key: &keyboard.Key{Code: "Enter", Key: "Enter", KeyCode: 13, Time: tm}})
	// A desktop input method in full-width mode: held keydowns (Process),
	// the characters committed one by one.
	var ime []event
	tm = 1000.0
	for _, r := range wide(issueCard) {
		ime = append(ime, event{key: &keyboard.Key{Code: "KeyA", Key: "Process", KeyCode: 229, Time: tm}},
			event{typed: &keyboard.Typed{Data: string(r), Time: tm + 3}})
		tm += 20
	}
	ime = append(ime, event{key: &keyboard.Key{Code: "Enter", Key: "Enter", Time: tm}})
	for _, tc := range []struct {
		name     string
		events   []event
		evidence string
	}{
		{"android", android, ""},
		{"full width", ime, "93 full-width characters read as ASCII"},
	} {
		var d keyboard.Detector
		var sw *keyboard.Swipe
		for _, e := range tc.events {
			if e.key != nil {
				if done := feed(&d, *e.key); done != nil {
					sw = done
				}
				continue
			}
			for _, k := range d.Typed(*e.typed) {
				if done := feed(&d, k); done != nil {
					sw = done
				}
			}
		}
		if sw == nil {
			t.Fatalf("%s: no swipe", tc.name)
		}
		r := DecodeSwipe(*sw, Options{Now: testNow})
		if sw.Rebuilt.Text != issueCard || !sw.Reader || r.Timing.Keys != want.Timing.Keys || r.Timing.MedianGap != 20 {
			t.Errorf("%s: %q reader=%v timing %+v", tc.name, sw.Rebuilt.Text, sw.Reader, r.Timing)
		}
		if ev := imeEvidence(r); ev != tc.evidence {
			t.Errorf("%s: evidence %q, want %q", tc.name, ev, tc.evidence)
		}
		if !reflect.DeepEqual(r.Tracks, want.Tracks) || !reflect.DeepEqual(r.Card, want.Card) {
			t.Errorf("%s: tracks %+v card %+v", tc.name, r.Tracks, r.Card)
		}
	}

	// A composition that took the reader's letters: pinyin shown, Chinese
	// characters committed; another dropped without commit.
	var d keyboard.Detector
	var keys []keyboard.Key
	tm = 1000.0
	add := func(in keyboard.Typed) {
		in.Time = tm
		keys = append(keys, d.Typed(in)...)
		tm += 10
	}
	for _, r := range "%B4111111111111111^" {
		add(keyboard.Typed{Data: string(r)})
	}
	add(keyboard.Typed{Data: "多额", Preedit: "duoe"})
	add(keyboard.Typed{Preedit: "jo"})
	for _, r := range "/JOHN^3012101000000000000000000?\r" {
		add(keyboard.Typed{Data: string(r)})
	}
	var sw *keyboard.Swipe
	for _, k := range keys {
		if done := feed(&d, k); done != nil {
			sw = done
		}
	}
	if sw == nil || sw.Rebuilt.Text != "%B4111111111111111^多额/JOHN^3012101000000000000000000?" || sw.Rebuilt.InputMethod.Composed != 6 {
		t.Fatalf("composition: %+v", sw)
	}
	r := DecodeSwipe(*sw, Options{Now: testNow})
	if ev, want := imeEvidence(r), "the input method's composition took 6 of the reader's characters, "+
		"characters the input method composed in place of the reader's letters: track 1 pos 19,22"; ev != want {
		t.Errorf("composition: evidence %q, want %q", ev, want)
	}
	if hasCode(r, InvalidCharacter) || r.Fault != FaultSetup {
		t.Errorf("composition: findings %v, fault %s", codesOf(r), r.Fault)
	}
}
