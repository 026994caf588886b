package decoder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"magcheck/decoder/audio/wav"
	"magcheck/internal/testvectors"
	"magcheck/message"
)

// realCapture is one entry of testdata/real/manifest.json: a capture made
// by others with real hardware, where it came from, and what magcheck
// must read in it.
type realCapture struct {
	ID     string `json:"id"`
	File   string `json:"file"`   // a recording beside the manifest
	Kind   string `json:"kind"`   // "audio" or "bits"
	Vector string `json:"vector"` // a bit stream's internal/testvectors id
	Note   string `json:"note"`
	Expect struct {
		Swipes int    `json:"swipes"`
		Reads  string `json:"reads"` // "own_encoding" or "closed_loop"
		Text   string `json:"text"`  // the track a closed-loop card reads
		// SourceBits are the bits the source's own decoder gave, where it
		// gave them: magcheck's must hold them, as recorded or reversed.
		SourceBits string `json:"source_bits"`
	} `json:"expect"`
}

// Outcomes of a real capture, the words of the table.
const (
	realRight   = "right"
	realWrong   = "wrong"
	realRefused = "refused"
)

// TestRealCaptures reads every capture of testdata/real (recordings and
// bit dumps made by others with real hardware) and holds magcheck to what
// each holds: a MetroCard's swipes each read as a card with its own
// encoding, as many reports as swipes, no card or reader fault, and the
// bits the source's own decoder gave; a real access fob's dump as a
// closed-loop card. It logs a table, file by file (make real prints it).
func TestRealCaptures(t *testing.T) {
	dir := filepath.Join("testdata", "real")
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var caps []realCapture
	if err := json.Unmarshal(b, &caps); err != nil {
		t.Fatal(err)
	}
	t.Logf("%-34s %-7s %-72s %s", "capture", "swipes", "what magcheck reads", "outcome")
	tally := map[string]int{}
	for _, c := range caps {
		reports, err := readCapture(dir, c)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		outcome, reads := judge(c, reports)
		tally[outcome]++
		t.Logf("%-34s %-7s %-72s %s", c.ID, fmt.Sprintf("%d/%d", len(reports), c.Expect.Swipes), reads, outcome)
		if outcome != realRight {
			t.Errorf("%s: %s (%s)", c.ID, outcome, reads)
		}
	}
	t.Logf("%d captures: %d right, %d wrong, %d refused", len(caps), tally[realRight], tally[realWrong], tally[realRefused])
}

// readCapture decodes a capture into its reports, one per swipe.
func readCapture(dir string, c realCapture) ([]*Report, error) {
	o := Options{Now: testNow}
	if c.Kind == "bits" {
		v, ok := testvectors.Lookup(c.Vector)
		if !ok {
			return nil, fmt.Errorf("no vector %q", c.Vector)
		}
		r, err := DecodeBits(v.Input, o)
		return []*Report{r}, err
	}
	data, err := os.ReadFile(filepath.Join(dir, c.File))
	if err != nil {
		return nil, err
	}
	s, _, err := wav.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var out []*Report
	for _, sw := range DecodeAudio(s, o) {
		out = append(out, sw.Report)
	}
	return out, nil
}

// judge says whether the reports of c are what it holds: right, wrong (a
// fault blamed, a track read where there is none, a swipe too many) or
// refused (a swipe missed or not read), and what they read, briefly.
func judge(c realCapture, reports []*Report) (outcome, reads string) {
	outcome = realRight
	worse := func(o string) {
		if o == realWrong || outcome == realRight {
			outcome = o
		}
	}
	switch n := len(reports); {
	case n > c.Expect.Swipes:
		worse(realWrong)
	case n < c.Expect.Swipes:
		worse(realRefused)
	}
	var parts []string
	for _, r := range reports {
		switch r.Fault {
		case FaultCard, FaultReader, FaultSetup:
			worse(realWrong)
		}
		switch c.Expect.Reads {
		case "own_encoding":
			own := slices.IndexFunc(r.Findings, func(f Finding) bool { return f.Code == NonISOEncoding })
			if own < 0 {
				worse(realWrong)
				parts = append(parts, string(r.Fault)+" fault")
				continue
			}
			raw := r.Tracks[r.Findings[own].Track-1].Bits.Raw
			p := strconv.Itoa(len(raw)) + " bits"
			if src := c.Expect.SourceBits; src != "" {
				if strings.Contains(raw, src) || strings.Contains(reverseString(raw), src) {
					p += " = source's"
				} else {
					worse(realWrong)
					p += " ≠ source's"
				}
			}
			parts = append(parts, p)
		case "closed_loop":
			text := r.Tracks[1].Text
			if !slices.ContainsFunc(r.Findings, func(f Finding) bool { return f.Code == ClosedLoopCard }) || text != c.Expect.Text {
				worse(realWrong)
			}
			parts = append(parts, "closed-loop card, track 2 "+text)
		}
	}
	reads = strings.Join(compact(parts), ", ")
	if c.Expect.Reads == "own_encoding" && len(reports) > 0 {
		reads = "own encoding: " + reads
	}
	return outcome, reads
}

// compact writes runs of equal parts once, with their count: "3 × 248 bits".
func compact(parts []string) []string {
	var out []string
	for i := 0; i < len(parts); {
		j := i
		for j < len(parts) && parts[j] == parts[i] {
			j++
		}
		p := parts[i]
		if j-i > 1 {
			p = strconv.Itoa(j-i) + " × " + p
		}
		out = append(out, p)
		i = j
	}
	return out
}

// The real captures' verdicts are the one for a card's own encoding.
func TestRealCapturesVerdict(t *testing.T) {
	reports, err := readCapture(filepath.Join("testdata", "real"), realCapture{File: "mta-new-metrocard-ezpay.wav"})
	if err != nil || len(reports) != 1 {
		t.Fatalf("%d reports, %v", len(reports), err)
	}
	if got, want := reports[0].Verdict(message.Chinese), message.Chinese.Text(message.VerdictNonISO); got != want {
		t.Errorf("verdict %q, want %q", got, want)
	}
}
