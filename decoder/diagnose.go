// The diagnosis: the one Report it builds, its tracks and findings, and
// how it concludes.

package decoder

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"magcheck/decoder/card"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/wedge"
	"magcheck/message"
)

// diagnosis builds one Report. The checks run from the stripe up: framing,
// track presence, structure, then card data.
type diagnosis struct {
	r     *Report
	now   time.Time
	reads [3]*TrackRead
	// im is what the host's input method did that was read as ASCII;
	// imeAt the characters it typed that stayed, by track.
	im    keyboard.InputMethod
	imeAt [3][]wedge.Issue
	// parsed is each track's card data as package card read it, once
	// (parse), for the checks that look at a track before the card is made
	// and for the card.
	parsed [3]card.Parsed
}

// parse reads data as track n's card data, or gives what was read of the
// same data before.
func (d *diagnosis) parse(n int, data string) card.Parsed {
	if p := d.parsed[n-1]; p.Data == data && data != "" {
		return p
	}
	d.parsed[n-1] = card.Parse(n, data)
	return d.parsed[n-1]
}

func newDiagnosis(in Input, o Options) *diagnosis {
	r := &Report{Input: in, Layout: keyboard.US}
	for i := range r.Tracks {
		r.Tracks[i] = Track{Number: i + 1, Status: StatusAbsent}
	}
	return &diagnosis{r: r, now: o.now()}
}

func (d *diagnosis) add(f Finding) {
	if f.Severity == "" {
		f.Severity = lookup(f.Code, f.Detail).severity
	}
	d.r.Findings = append(d.r.Findings, f)
}

func (d *diagnosis) has(c Code) bool { return hasCode(d.r, c) }

func (d *diagnosis) noData() *Report {
	d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceEmptyCapture)})
	return d.finish()
}

// read records one delivered track and its framing findings.
func (d *diagnosis) read(tr TrackRead) {
	if tr.Number < 1 || tr.Number > 3 {
		return
	}
	t := &d.r.Tracks[tr.Number-1]
	t.Status, t.Text, t.Errors = tr.Status, tr.Text, tr.Errors
	d.reads[tr.Number-1] = &tr
	switch tr.Status {
	case StatusAbsent:
		return
	case StatusError:
		d.add(Finding{Code: TrackReadError, Track: tr.Number, Evidence: message.New(message.EvidenceReaderError)})
		return
	}
	// Where a track came with errors, one finding per kind, with positions.
	byCode := map[Code][]int{}
	var order []Code
	for _, e := range tr.Errors {
		if _, ok := byCode[e.Code]; !ok {
			order = append(order, e.Code)
		}
		byCode[e.Code] = append(byCode[e.Code], e.Pos)
	}
	malformed := false
	for _, c := range order {
		switch c {
		case MissingEndSentinel, InvalidCharacter, InputMethodActive:
			malformed = true
		case ParityError, LRCError:
			t.Status = StatusError
		}
		if c != InputMethodActive { // one finding for the swipe (inputMethod)
			d.add(Finding{Code: c, Track: tr.Number, Evidence: positions(tr.Number, byCode[c])})
		}
	}
	if malformed && t.Status == StatusOK {
		t.Status = StatusMalformed
	}
}

// positions names a track and where in it something is wrong: at most
// eight places, then an ellipsis.
func positions(track int, ps []int) message.Message {
	var b strings.Builder
	for i, p := range ps {
		if p < 0 {
			continue
		}
		if i == 8 {
			b.WriteString(" …")
			break
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(p))
	}
	if b.Len() == 0 {
		return message.New(message.EvidenceTrack, track)
	}
	return message.New(message.EvidencePositions, track, b.String())
}

func (d *diagnosis) anyTrack() bool {
	for _, t := range d.r.Tracks {
		if t.Status != StatusAbsent {
			return true
		}
	}
	return false
}

// data returns a track's characters between the sentinels, or "" when the
// track is not usable for card parsing.
func (d *diagnosis) data(i int) (string, int) {
	tr := d.reads[i]
	if tr == nil || d.r.Tracks[i].Status != StatusOK || tr.Text == "" {
		return "", 0
	}
	s, off := tr.Text, 0
	if tr.Start {
		s, off = s[1:], 1
	}
	return strings.TrimSuffix(s, "?"), off
}

// finish parses the card, adds card findings, sorts and concludes.
func (d *diagnosis) finish() *Report {
	d.inputMethod()
	var tracks [3]card.Parsed
	var off [3]int
	for i := range tracks {
		var data string
		data, off[i] = d.data(i)
		tracks[i] = d.parse(i+1, data)
	}
	if c := card.FromParsed(tracks); c != nil {
		d.readerMasked(c)
		d.r.Card = c
		d.placeFields(c, off)
		d.cardFindings(c)
	}
	if d.has(TrackReadError) && d.allReadsFailed() {
		d.retag(TrackReadError, "all")
	}
	sortFindings(d.r.Findings)
	d.r.Fault = faultOf(d.r)
	return d.r
}

// sortFindings puts fs in report order: fail, warn, info; then by track,
// the whole swipe first; else as raised.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := a.Severity.rank() - b.Severity.rank(); c != 0 {
			return c
		}
		return a.Track - b.Track
	})
}

// readerMasked marks c's number masked when the reader said it masked the
// tracks (TrackRead.Masked), whatever its mask character: the number's
// check digit then says nothing, and a zeroed or masked service code and
// discretionary data are the mask, not the card's.
func (d *diagnosis) readerMasked(c *card.Card) {
	if c.Masked || c.PAN == "" {
		return
	}
	for _, tr := range d.reads {
		if tr != nil && tr.Masked {
			c.Masked = true
			if strings.Trim(string(c.ServiceCode)+c.Discretionary, "0*#X") == "" {
				c.ServiceCode, c.Discretionary = "", ""
			}
			return
		}
	}
}

func (d *diagnosis) allReadsFailed() bool {
	for _, t := range d.r.Tracks {
		if t.Status != StatusAbsent && t.Status != StatusError {
			return false
		}
	}
	return true
}

// retag folds every finding of code c into one with the given detail, when
// the whole swipe failed the same way.
func (d *diagnosis) retag(c Code, detail string) {
	var tracks []message.Message
	out := d.r.Findings[:0]
	for _, f := range d.r.Findings {
		if f.Code == c {
			tracks = append(tracks, message.New(message.Verbatim, f.Track))
			continue
		}
		out = append(out, f)
	}
	d.r.Findings = out
	d.add(Finding{Code: c, Detail: detail, Evidence: message.New(message.EvidenceTracksFailed, tracks)})
}

// placeFields moves the card parser's field offsets (relative to the data)
// into track text offsets.
func (d *diagnosis) placeFields(c *card.Card, off [3]int) {
	var fields [3][]card.Field
	if c.Track1 != nil {
		fields[0] = c.Track1.Fields
	}
	if c.Track2 != nil {
		fields[1] = c.Track2.Fields
	}
	if c.Track3 != nil {
		fields[2] = c.Track3.Fields
	}
	for i, fs := range fields {
		if len(fs) == 0 || d.r.Tracks[i].Status != StatusOK {
			continue
		}
		placed := make([]card.Field, len(fs))
		for j, f := range fs {
			f.Start += off[i]
			f.End += off[i]
			placed[j] = f
		}
		d.r.Tracks[i].Fields = placed
	}
}
