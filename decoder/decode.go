// Package decoder turns what a magnetic-stripe reader delivers into tracks,
// card fields and findings: what the stripe holds, what is wrong with it,
// and what a technician does next.
//
// Every input path ends in a Report: DecodeText for reader text (a keyboard
// wedge capture or a paste, track 2 in hex included), DecodeSwipe for
// keystrokes rebuilt by package keyboard, DecodeBits for a raw bit stream,
// DecodeHID for a HID reader's report as package webhid parsed it, and
// DecodeReads for readers that deliver tracks with their own status
// (HID reports, audio). A Report holds codes, not text: it renders as a
// View in any language of package message, masked until revealed, and
// Explain words the errors of every input. A Session sums several swipes up
// to tell a card fault from a reader fault.
//
// The format packages do the decoding: wedge splits reader text into
// tracks, keyboard undoes host layouts and Caps Lock, iso7811 decodes bit
// streams, card parses ISO/IEC 7813, ISO 4909 and AAMVA track data. This
// package only combines their results into findings.
package decoder

import (
	"errors"
	"strings"
	"time"

	"magcheck/decoder/iso7811"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/wedge"
	"magcheck/message"
)

// Options tune a decode.
type Options struct {
	// Now is the clock expiry dates are checked against; zero means time.Now().
	Now time.Time
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now()
	}
	return o.Now
}

// TrackRead is one track as a reader or a bit decoder delivered it: the
// common input of every decode path.
type TrackRead struct {
	Number int
	// Status is StatusOK when characters arrived, StatusError when the reader
	// reported a decode error, StatusAbsent when nothing came. DecodeReads
	// turns StatusOK into StatusMalformed when the characters do not form a
	// track.
	Status TrackStatus
	Text   string       // start sentinel through end sentinel, as delivered
	Start  bool         // Text begins with a start sentinel
	Errors []TrackError // problems the reader or bit decoder located
	// Masked marks a track the reader masked itself (encrypting readers).
	Masked bool
}

// DecodeText decodes reader text: a keyboard-wedge capture, a paste from a
// log, track 2 in hex (EMV tag 57, or the track's nibbles B…D…F), or the
// record an encrypting reader types in keyboard mode (MagTek MagneSafe, ID
// TECH), whose masked tracks are diagnosed as tracks and whose fields
// become the Report's Reader facts. Text that is too large or binary
// returns a typed error from package wedge (wedge.ErrTooLarge,
// wedge.ErrBinary); empty text gives a Report with the no_data finding.
//
// Track data as POS logs keep it is no swipe, and its faults are not the
// card's. Text whose tracks carry no sentinel at all is a log's copy: a
// track whose fields read whole is read, and its missing sentinels are the
// "stripped" variants (information, no fault); one that breaks off inside
// a field was cut short, as a missing end sentinel says. A hex record
// package wedge could not read, or a tag 57 without its expiry date and
// service code, is hex_invalid, which points at the input.
func DecodeText(s string, o Options) (*Report, error) {
	c, err := wedge.Read(s)
	if errors.Is(err, wedge.ErrEmpty) {
		return newDiagnosis(InputWedge, o).noData(), nil
	}
	if err != nil {
		return nil, err
	}
	d := newDiagnosis(InputWedge, o)
	d.im = c.InputMethod
	// A reader's record is looked for once, before any split: in the text
	// as read (its NUL padding gone, a host layout and Caps Lock undone),
	// or for hex, which ID TECH's frames are typed in, in the text as
	// given.
	text := c.Text
	if c.Hex != nil {
		text = s
	}
	if rec := findRecord(text); rec != nil {
		d.r.Layout, d.r.CapsLock = c.Layout, c.CapsLock
		d.keyboardFindings(c.Layout, c.CapsLock, layoutEvidence(c.LayoutEvidence))
		d.record(rec, text)
		return d.finish(), nil
	}
	c.Split()
	d.capture(c, layoutEvidence(c.LayoutEvidence))
	return d.finish(), nil
}

// DecodePasted decodes what a technician pasted: a raw bit stream through
// DecodeBits, anything else through DecodeText. A bit stream is text of 0,
// 1 and whitespace with at least minPastedBits bits, or the packed form
// "bytes=[…];bits=N", no longer than wedge.MaxCapture (longer text gets
// DecodeText's wedge.ErrTooLarge).
func DecodePasted(s string, o Options) (*Report, error) {
	if len(s) <= wedge.MaxCapture && isBitStream(s) {
		return DecodeBits(s, o)
	}
	return DecodeText(s, o)
}

// minPastedBits: fewer 0s and 1s are more likely digits of a track than a
// stream (a start sentinel alone, with a few clocking zeros, is about 20).
const minPastedBits = 20

func isBitStream(s string) bool {
	if _, ok, err := iso7811.ParseTracks(s); ok && err == nil {
		return true
	}
	t := strings.TrimLeft(s, " \t\r\n")
	if strings.HasPrefix(t, "bytes") {
		rest := strings.TrimLeft(t[len("bytes"):], " \t\r\n")
		return strings.HasPrefix(rest, "=")
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '0', '1':
			n++
		case ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return n >= minPastedBits
}

// DecodeSwipe decodes a keyboard capture from keyboard.Detector. The text
// is rebuilt from the physical keys, so a non-US host layout or Caps Lock
// does not corrupt it; both are still reported, since the POS on the same
// host receives the corrupted text.
func DecodeSwipe(sw keyboard.Swipe, o Options) *Report {
	d := newDiagnosis(InputKeys, o)
	rb := sw.Rebuilt
	d.im = rb.InputMethod
	// The keys were read under their host's layout already (Rebuild): the
	// text is neither repaired again nor split before a record is looked
	// for.
	keys := message.New(message.EvidenceKeysRebuilt)
	c, err := wedge.Typed(rb.Text, rb.Layout, rb.CapsLock)
	switch {
	case errors.Is(err, wedge.ErrEmpty):
		d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceTerminatorOnly)})
	case err != nil:
		d.add(Finding{Code: NotASwipe, Evidence: Explain(err)})
	default:
		if rec := findRecord(c.Text); rec != nil {
			d.record(rec, c.Text)
			break
		}
		c.Split()
		d.capture(c, keys)
		if ev := separatedTracks(c); len(ev) > 0 {
			d.add(Finding{Code: TerminatorBetweenTracks, Evidence: message.New(message.Verbatim, ev)})
		}
	}
	d.r.Layout, d.r.CapsLock = rb.Layout, rb.CapsLock
	if d.r.Setup == nil {
		d.r.Setup = &Setup{}
	}
	d.r.Setup.Terminator, d.r.Setup.Keys = rb.Terminator, true
	d.keyboardFindings(rb.Layout, rb.CapsLock, keys)
	t := rb.Timing
	d.r.Timing = &t
	d.timing(sw)
	return d.finish()
}

// DecodeBits decodes a raw bit stream: a string of 0 and 1, or
// "bytes=[…];bits=N", or a dump of several tracks, one line each, labelled
// ("T1:", "Track 2:", "track3=") or in order 1, 2, 3 with a blank line for
// a track not read (iso7811.ParseTracks). It returns a typed error from
// package iso7811 when the text is not a bit stream.
func DecodeBits(s string, o Options) (*Report, error) {
	tracks, multi, err := iso7811.ParseTracks(s)
	if err != nil {
		return nil, err
	}
	d := newDiagnosis(InputBits, o)
	if multi {
		for i, bits := range tracks {
			if len(bits) > 0 {
				d.bitTrack(i+1, bits)
			}
		}
		return d.finish(), nil
	}
	bits, err := iso7811.ParseBits(s)
	if err != nil {
		return nil, err
	}
	d.bitTrack(0, bits)
	return d.finish(), nil
}

// DecodeReads decodes tracks delivered with their own status, as HID
// readers and the audio decoder do. reader, when not nil, is kept in the
// Report and its evidence becomes findings.
func DecodeReads(in Input, reads []TrackRead, reader *ReaderInfo, o Options) *Report {
	d := newDiagnosis(in, o)
	d.readerReads(reads, reader)
	return d.finish()
}

// readerReads records tracks a reader delivered with its own status, and
// what the reader said about itself: encryption, its status flags and its
// keys (see keys.go).
func (d *diagnosis) readerReads(reads []TrackRead, reader *ReaderInfo) {
	d.r.Reader = reader
	for _, tr := range reads {
		d.read(tr)
	}
	if reader == nil {
		return
	}
	if f, ok := keyFinding(reader); ok {
		d.add(f)
	}
	if reader.Encrypted {
		name := reader.Model
		if name == "" {
			name = reader.Vendor
		}
		d.add(Finding{Code: EncryptedData, Evidence: message.New(message.EvidenceReaderModel, name)})
	}
	for _, f := range reader.Flags {
		d.add(Finding{Code: ReaderStatus, Evidence: message.New(message.Verbatim, keyOf(magnePrintNames, f))})
	}
}

// separatedTracks names the terminators a reader typed between two tracks
// ("Enter after track 1"), none when it typed none there.
func separatedTracks(c *wedge.Capture) []message.Message {
	tracks := c.Ordered()
	var ev []message.Message
	for i := 1; i < len(tracks); i++ {
		a := tracks[i-1]
		between := c.Text[min(a.Offset+len(a.Text), tracks[i].Offset):tracks[i].Offset]
		switch {
		case strings.ContainsAny(between, "\r\n"):
			ev = append(ev, message.New(message.EvidenceEnterAfter, a.Number))
		case strings.ContainsRune(between, '\t'):
			ev = append(ev, message.New(message.EvidenceTabAfter, a.Number))
		}
	}
	return ev
}
