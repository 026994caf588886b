// Reader text: a keyboard-wedge capture or a paste, as package wedge splits
// it, and what it holds besides its tracks (sentinels a log left out,
// track 2 in hex, characters around the tracks).

package decoder

import (
	"strconv"
	"strings"

	"magcheck/decoder/card"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/wedge"
	"magcheck/message"
)

// wedgeCodes maps the splitter's issue kinds to finding codes.
var wedgeCodes = map[wedge.IssueKind]Code{
	wedge.MissingStartSentinel: MissingStartSentinel,
	wedge.MissingEndSentinel:   MissingEndSentinel,
	wedge.InvalidCharacter:     InvalidCharacter,
	wedge.TooLong:              TrackTooLong,
	wedge.LRCCharacter:         LRCPresent,
}

// capture reads a split wedge capture; layout is what showed its host
// layout and Caps Lock.
func (d *diagnosis) capture(c *wedge.Capture, layout message.Message) {
	d.r.Layout, d.r.CapsLock = c.Layout, c.CapsLock
	d.r.Setup = &Setup{Prefix: c.Prefix, Suffix: c.Suffix}
	d.keyboardFindings(c.Layout, c.CapsLock, layout)
	// Text that holds tracks without a single sentinel is what POS logs
	// and copies keep (a reader's own keystrokes never count as such): a
	// track whose fields read whole is read, and its missing sentinels are
	// no fault of the track.
	stripped := d.r.Input == InputWedge && sentinelFree(c)
	var bare []message.Message
	found := false
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		found = true
		tr := TrackRead{Number: t.Number, Status: StatusOK, Text: t.Text, Start: t.Start != 0}
		if t.ReaderError {
			tr.Status = StatusError
		}
		logCopy := stripped && whole(d.parse(t.Number, t.Data))
		if logCopy {
			bare = append(bare, message.New(message.Verbatim, t.Number))
		}
		for _, is := range t.Issues {
			if logCopy && (is.Kind == wedge.MissingStartSentinel || is.Kind == wedge.MissingEndSentinel) {
				continue
			}
			code := wedgeCodes[is.Kind]
			if is.Kind == wedge.InvalidCharacter && keyboard.InputMethodChar(is.Char) {
				// The host's input method typed it, not the card: the
				// input_method_active finding names it (inputMethod).
				code = InputMethodActive
				d.imeAt[t.Number-1] = append(d.imeAt[t.Number-1], is)
			}
			tr.Errors = append(tr.Errors, TrackError{Pos: is.Pos, Code: code})
		}
		d.read(tr)
	}
	if len(bare) > 0 {
		d.strippedFindings(bare)
	}
	if c.Hex != nil {
		d.hexFindings(c)
		if !c.Hex.Read() {
			return
		}
	}
	if !found {
		if strings.TrimSpace(c.Text) == "" {
			d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceBlank)})
		} else {
			d.add(Finding{Code: NotASwipe, Evidence: message.New(message.EvidenceUnframed, len(c.Text))})
		}
		return
	}
	if extra := c.Extra(); len(extra) > 0 {
		d.add(Finding{Code: ExtraCharacters, Evidence: quoteList(extra)})
	}
}

// sentinelFree reports a capture with tracks, none of which has a start or
// an end sentinel.
func sentinelFree(c *wedge.Capture) bool {
	n := 0
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		if t.Start != 0 || t.End {
			return false
		}
		n++
	}
	return n > 0
}

// whole reports whether a track without sentinels holds its fields whole:
// the card parser reads them without a format error (a track 1 in another
// format than B says nothing of where it ends). One that breaks off inside
// a field was cut short, and its missing end sentinel says so.
func whole(p card.Parsed) bool {
	return p.Err == nil || p.Track1 != nil && p.Track1.FormatCode != 'B'
}

// strippedFindings says that the tracks a log or a copy kept have no
// sentinels, one finding for each sentinel, naming the tracks.
func (d *diagnosis) strippedFindings(tracks []message.Message) {
	f := Finding{Detail: "stripped", Evidence: message.New(message.EvidenceTracksBare, tracks)}
	if len(tracks) == 1 {
		f.Track = tracks[0].Args[0].(int)
		f.Evidence = message.New(message.EvidenceNoSentinels, f.Track)
	}
	f.Code = MissingStartSentinel
	d.add(f)
	f.Code = MissingEndSentinel
	d.add(f)
}

// maxHexEvidence is how many of a hex record's problems a finding names.
const maxHexEvidence = 4

// hexEvidence words one problem of a hex record.
func hexEvidence(p wedge.HexProblem) message.Message {
	switch p.Kind {
	case wedge.HexLengthByte:
		return message.New(message.EvidenceHexLength, p.Want, p.Got)
	case wedge.HexOdd:
		return message.New(message.EvidenceHexOdd, p.Got)
	}
	k := message.EvidenceHexNotHex
	if p.Kind == wedge.HexMisplaced {
		k = message.EvidenceHexMisplaced
	}
	return message.New(k, p.Pos+1, string(p.Char))
}

// hexFindings says what is wrong with track 2 written in hex: the record's
// problems, and a tag 57 that ends before its expiry date and service code
// (EMV always holds both). A record read with an odd digit count only is
// the "odd" variant.
func (d *diagnosis) hexFindings(c *wedge.Capture) {
	var ev []message.Message
	for i, p := range c.Hex.Problems {
		if i == maxHexEvidence {
			ev = append(ev, message.New(message.Verbatim, "…"))
			break
		}
		ev = append(ev, hexEvidence(p))
	}
	detail := ""
	if t := c.Tracks[1]; c.EMV && t != nil && emvShort(d.parse(2, t.Data).Track2) {
		ev = append(ev, message.New(message.EvidenceHexShort))
	} else if c.Hex.Read() {
		detail = "odd"
	}
	if len(ev) > 0 {
		d.add(Finding{Code: HexInvalid, Detail: detail, Track: 2, Evidence: message.New(message.Verbatim, ev)})
	}
}

// emvShort reports track-2 data from tag 57 without an expiry date or a
// service code.
func emvShort(t2 *card.Track2) bool {
	return t2 == nil || t2.Expiry.Raw == "" || t2.ServiceCode == ""
}

// quoteList shows what a reader added around the tracks. Extra text can
// hold card data (a second swipe in one paste): a piece that looks like
// track data is shown by its length only, others are cut short.
func quoteList(xs []string) message.Message {
	q := make([]message.Message, len(xs))
	for i, x := range xs {
		if looksLikeTrackData(x) {
			q[i] = message.New(message.EvidenceTrackLike, len(x))
			continue
		}
		r := []rune(x)
		if len(r) > 16 {
			r = append(r[:16], '…')
		}
		q[i] = message.New(message.Verbatim, strconv.Quote(string(r)))
	}
	return message.New(message.Verbatim, q)
}

// looksLikeTrackData reports separators or a run of digits: a vendor
// prefix has neither, a PAN or a second swipe has both.
func looksLikeTrackData(s string) bool {
	if strings.ContainsAny(s, "^=") {
		return true
	}
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run >= 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
