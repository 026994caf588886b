package decoder

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/testvectors"
	"magcheck/message"
)

// issueCard is the test card of issue #21: two tracks, typed by readers
// at every speed.
const issueCard = "%B4111111111111111^DOE/JOHN^3012101000000000000000000?;4111111111111111=30121010000000000000?"

// typedVectors are the reader-text vectors a US keymap can type, ended by
// Enter: the text of each as the reader sends it.
func typedVectors() []string {
	out := []string{issueCard}
	for _, v := range append(testvectors.All(), testvectors.Records()...) {
		if v.Kind == testvectors.KindRawBitstream {
			continue
		}
		text := strings.TrimRight(v.Input, "\r\n")
		if text == "" || !keyboardtest.Typeable(text) {
			continue
		}
		out = append(out, text)
	}
	return out
}

// atRate types text and Enter one key every gap ms, with a pause of pause
// ms after every 20 keys.
func atRate(t *testing.T, text string, gap, pause float64) []keyboard.Key {
	return keyboardtest.Keys(t, text+"\r", keyboard.US, false, keyboardtest.Pace{Start: 1000, Gap: gap, Pause: pause})
}

// detect feeds keys to a page's Detector outside any field and gives the
// swipes it made, an idle check after the last key included.
func detect(keys []keyboard.Key) []*keyboard.Swipe {
	var d keyboard.Detector
	swipes := keyboardtest.Swipes(&d, keys, false)
	if sw := d.Idle(keys[len(keys)-1].Time + 10000); sw != nil {
		swipes = append(swipes, sw)
	}
	return swipes
}

// TestSwipeRates types every vector at reader speeds from 2 to 80 ms a
// key, with and without a 200 ms pause after every 20 keys, and prints
// what the Detector and the diagnosis make of them (go test -run
// TestSwipeRates -v ./decoder). No swipe a reader types is a person's, and
// the issue's card reads cleanly at every pace: a slowed reader's pace is
// a note (slow_keystrokes), not a fault. (keyboard's TestDetectorRates
// says which vectors each pace reads.)
func TestSwipeRates(t *testing.T) {
	vectors := typedVectors()
	t.Logf("%d vectors", len(vectors))
	t.Logf("| rate | pauses | read as one swipe | of which human_typing | the issue's card: verdict; findings |")
	t.Logf("| --- | --- | --- | --- | --- |")
	for _, gap := range []float64{2, 10, 20, 35, 50, 80} {
		for _, pause := range []float64{0, 200} {
			one, human := 0, 0
			for _, text := range vectors {
				sw := detect(atRate(t, text, gap, pause))
				if len(sw) == 1 && sw[0].Rebuilt.Text == text {
					one++
					if hasCode(DecodeSwipe(*sw[0], Options{}), HumanTyping) {
						human++
					}
				}
			}
			verdict := "nothing"
			var codes []string
			if sw := detect(atRate(t, issueCard, gap, pause)); len(sw) == 1 {
				r := DecodeSwipe(*sw[0], Options{Now: testNow})
				verdict, codes = r.Verdict(message.English), codesOf(r)
			} else if len(sw) > 1 {
				verdict = fmt.Sprintf("%d swipes", len(sw))
			}
			t.Logf("| %v ms | %v | %d of %d | %d | %s; %s |", gap, pause, one, len(vectors), human, verdict, strings.Join(codes, ", "))
			wantCodes := []string{string(IssuerCheckRequired)}
			if gap >= 35 || pause > 0 { // under 50 characters a second, or stalls
				wantCodes = []string{string(SlowKeystrokes), string(IssuerCheckRequired)}
			}
			if human > 0 || verdict != message.English.Text(message.VerdictHost) || strings.Join(codes, " ") != strings.Join(wantCodes, " ") {
				t.Errorf("%v ms, pause %v: %d read as a person's; the issue's card: %s, findings %v, want %v",
					gap, pause, human, verdict, codes, wantCodes)
			}
		}
	}
	// A person typing the vectors at a person's rhythm: keys 80–250 ms
	// apart, now and then a longer pause.
	rng := rand.New(rand.NewPCG(21, 1))
	swipes, readers := 0, 0
	for _, text := range vectors {
		keys := keyboardtest.Keys(t, text+"\r", keyboard.US, false, keyboardtest.Pace{})
		tm := 1000.0
		for i := range keys {
			if keys[i].Code == "ShiftLeft" { // timed with the key before: the Detector goes by the keys that type
				keys[i].Time = tm
				continue
			}
			tm += 80 + 170*rng.Float64()
			if rng.IntN(8) == 0 {
				tm += 300 + 500*rng.Float64()
			}
			keys[i].Time = tm
		}
		for _, sw := range detect(keys) {
			swipes++
			if sw.Reader {
				readers++
			}
		}
	}
	t.Logf("a person typing the %d vectors (80–250 ms a key): %d swipes, %d read as a reader's", len(vectors), swipes, readers)
	if swipes > 0 {
		t.Errorf("a person's typing made %d swipes", swipes)
	}
}
