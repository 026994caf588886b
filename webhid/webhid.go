// Package webhid decodes the input reports of USB HID magnetic-stripe readers
// (MagTek SureSwipe and MagneSafe V5, ID TECH SecureMag and its OEMs) as WebHID
// delivers them, and builds the MagTek feature reports used to query a reader.
//
// Parse takes one report's data (HIDInputReportEvent.data, which never holds
// the report-ID byte) and returns the tracks as the reader gave them, with the
// reader's own per-track status and the other facts it states, for the
// diagnosis (Fact).
// It never guesses: a report whose layout it cannot place yields
// ErrUnknownDevice or ErrUnknownReport, and one that is cut short, overfull or
// fails its checks yields a *ReportError; the caller then shows Hex(data).
//
// The browser binding lives in the same package behind the js && wasm build
// tag; everything here is plain Go with no I/O.
package webhid

import (
	"errors"
	"fmt"

	"magcheck/internal/hexdigit"
)

// USB vendor IDs of the supported readers.
const (
	VendorMagTek = 0x0801
	VendorIDTech = 0x0ACD
)

// Report.Format values: the layout Parse recognised.
const (
	FormatMagTekSureSwipe   = "magtek-sureswipe-337"
	FormatMagTekV5          = "magtek-v5-887"
	FormatMagTekV5Short     = "magtek-v5-856"
	FormatIDTechOther       = "idtech-other-337"
	FormatIDTechStructure   = "idtech-structure"
	FormatIDTechSTXOriginal = "idtech-stx-original"
	FormatIDTechSTXEnhanced = "idtech-stx-enhanced"
)

// Device is what the caller knows about the reader a report came from.
type Device struct {
	VendorID, ProductID uint16
	ProductName         string // as the browser reports it, for display; Parse does not use it
	// ReportSizes maps an input report ID to its byte length as the report
	// descriptor (WebHID device.collections) declares it; nil if unknown.
	// When present it decides between layouts and catches truncated reports.
	ReportSizes map[byte]int
}

// TrackStatus is the state of one track as the reader reports it.
type TrackStatus int

// Track statuses.
const (
	TrackOK          TrackStatus = iota // clear data
	TrackEmpty                          // no data
	TrackDecodeError                    // the reader says it could not decode the track
	TrackEncrypted                      // only encrypted data; Text is the masked track or ""
)

var trackStatusNames = [...]string{"ok", "empty", "decode error", "encrypted"}

func (s TrackStatus) String() string {
	if s >= 0 && int(s) < len(trackStatusNames) {
		return trackStatusNames[s]
	}
	return "TrackStatus(" + fmt.Sprint(int(s)) + ")"
}

// Track is one track of a report.
type Track struct {
	Number int // 1, 2 or 3
	Status TrackStatus
	// Text holds the track characters as the reader gives them (clear or
	// masked), sentinels included when the reader includes them; "" when none.
	// An ID TECH structure report whose output could not be split into
	// tracks leaves Text "" with Status TrackOK: see Report.Output.
	Text string
	// Masked reports that Text is the reader's masked track, not clear data.
	Masked bool
	// EncryptedLength is the byte count of the encrypted data carrying the
	// track. ID TECH's original format encrypts tracks 1 and 2 as one block;
	// both tracks then give that block's length.
	EncryptedLength int
	// StatusByte is the raw decode-status byte (ID TECH frames: the shared
	// track-status byte), kept as evidence.
	StatusByte byte
}

// Report is one decoded input report.
type Report struct {
	Vendor, Model string
	Format        string // one of the Format constants
	Tracks        [3]Track
	// CardEncodeType is the reader's card classification: "iso_aba", "aamva",
	// "cadl", "blank", "other", "undetermined", "none", "raw" or "unknown".
	CardEncodeType string
	// Encrypted reports encrypted track data (security level 3 or 4): the
	// clear text of those tracks is not available.
	Encrypted    bool
	KSN          string // DUKPT key serial number in hex; "" when absent or all zero
	SerialNumber string // reader serial number, when the report carries it
	// EncryptionStatus is the MagneSafe V5 Reader Encryption Status word
	// (the V5 formats only; 0 in the others): bit 0 DUKPT keys exhausted,
	// bit 1 initial key injected, bit 2 encryption enabled, bit 8
	// encryption counter expired (docs/hid-reports.md).
	EncryptionStatus uint16
	// MagnePrintStatus is the MagneSafe MagnePrint status word; the swipe
	// problems it signals are listed in MagnePrintFlags.
	MagnePrintStatus uint32
	MagnePrintFlags  []string
	// Output is the reader's formatted text in an ID TECH structure report
	// (what it would type in keyboard mode); "" for other formats.
	Output string
	// Evidence lists what else the report says, for the diagnosis (status
	// bytes, lengths, flags), as data that package decoder words. It never
	// holds card data.
	Evidence []Fact
	Raw      []byte // a copy of the report data
}

// A Fact is one thing a report says beside its tracks: Kind says what,
// Track the track it is about (0 for the whole report), Value and Other
// its numbers and Text its text, as the Kind says.
type Fact struct {
	Kind         FactKind
	Track        int
	Value, Other int
	Text         string
}

// FactKind names what a Fact says.
type FactKind uint8

// The facts a report may state.
const (
	_                    FactKind = iota
	FactEncodeType                // Value: the card encode type byte; Text: its name, as Report.CardEncodeType
	FactDecodeStatus              // Track; Value: its non-zero decode-status byte
	FactTrackStatus               // Value: ID TECH's shared track-status byte
	FactEncryptionStatus          // Value: the MagneSafe V5 Reader Encryption Status word
	FactCardStatus                // Value: a non-zero MagneSafe V5 card status byte
	FactMagnePrintStatus          // Value: a non-zero MagnePrint status word
	FactVersion                   // Text: the MagneSafe version
	FactUndecoded                 // Value: bytes not decoded after byte Other, where the known fields end
	FactEncryptedLength           // Track; Value: an encrypted length that is not a multiple of 8
	FactFieldsSent                // Value, Other: ID TECH's fields 8 and 9, which say what the frame carries
	FactNotSent                   // Track; Value: the bytes the reader read but did not send
	FactRawEncrypted              // ID TECH raw encrypted fields, not decoded
	FactUnsplit                   // ID TECH output that could not be split into tracks
	FactLengthBigEndian           // ID TECH's total output length, read big-endian
)

// Errors for reports Parse cannot place. The caller shows the raw bytes.
var (
	ErrUnknownDevice = errors.New("webhid: not a supported card reader")
	ErrUnknownReport = errors.New("webhid: report layout not recognised")
)

// ReportError reasons: stable identifiers the UI can translate.
const (
	ReasonTruncated     = "truncated"
	ReasonOversized     = "oversized"
	ReasonFieldOverflow = "length beyond its field"
	ReasonLayout        = "field lengths do not add up"
	ReasonBadLRC        = "bad LRC"
	ReasonBadChecksum   = "bad checksum"
	ReasonBadETX        = "bad ETX"
	ReasonTrailingData  = "data after ETX"
)

// A ReportError describes a report whose layout was recognised but whose
// content is inconsistent. Len and Want are the observed and expected values:
// byte counts for size reasons, byte values for LRC, checksum and ETX.
type ReportError struct {
	Format string // layout being decoded; "" when the size alone was wrong
	Field  string // the field at fault, e.g. "track 1 length"; may be ""
	Reason string // one of the Reason constants
	Len    int
	Want   int
}

func (e *ReportError) Error() string {
	s := "webhid: "
	if e.Format != "" {
		s += e.Format + ": "
	}
	if e.Field != "" {
		s += e.Field + ": "
	}
	switch e.Reason {
	case ReasonBadLRC, ReasonBadChecksum, ReasonBadETX:
		return s + e.Reason + " (0x" + hexdigit.Uint(uint64(e.Len), 2) + ", want 0x" + hexdigit.Uint(uint64(e.Want), 2) + ")"
	case ReasonFieldOverflow:
		return s + fmt.Sprintf("%s (%d, at most %d)", e.Reason, e.Len, e.Want)
	}
	return s + fmt.Sprintf("%s (%d bytes, want %d)", e.Reason, e.Len, e.Want)
}

// sizeError reports a size mismatch as truncated or oversized.
func sizeError(format, field string, n, want int) *ReportError {
	reason := ReasonTruncated
	if n > want {
		reason = ReasonOversized
	}
	return &ReportError{Format: format, Field: field, Reason: reason, Len: n, Want: want}
}

// Parse decodes one input report from dev. data is WebHID's event.data: it
// has no report-ID byte; reportID is event.reportId (0 when the device uses
// none). data is not retained: Report.Raw is a copy.
func Parse(dev Device, reportID byte, data []byte) (*Report, error) {
	vendor, model, mode := Describe(dev.VendorID, dev.ProductID)
	if vendor == "" {
		return nil, ErrUnknownDevice
	}
	if mode != ModeHID {
		model = "" // the layout names the family
	}
	want, sized := dev.ReportSizes[reportID]
	sized = sized && want > 0
	if sized && len(data) != want {
		return nil, sizeError("", "report", len(data), want)
	}
	r := &Report{Vendor: vendor, Model: model, Raw: append([]byte(nil), data...)}
	for i := range r.Tracks {
		r.Tracks[i].Number = i + 1
	}
	var err error
	if dev.VendorID == VendorMagTek {
		err = parseMagTek(r, dev.ProductID, reportID, data, sized)
	} else {
		err = parseIDTech(r, dev.ProductID, data)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// fact records one fact: of kind, about track (0: none), with value and
// other.
func (r *Report) fact(kind FactKind, track, value, other int) {
	r.Evidence = append(r.Evidence, Fact{Kind: kind, Track: track, Value: value, Other: other})
}

// encodeType records the reader's card encode type byte.
func (r *Report) encodeType(b byte, names map[byte]string) {
	r.CardEncodeType = names[b]
	if r.CardEncodeType == "" {
		r.CardEncodeType = "unknown"
	}
	r.Evidence = append(r.Evidence, Fact{Kind: FactEncodeType, Value: int(b), Text: r.CardEncodeType})
}

// setTrack fills track i with the reader's data: text is clear, or masked
// when encrypted is set.
func (r *Report) setTrack(i int, encrypted bool, text []byte) {
	t := &r.Tracks[i]
	switch {
	case encrypted:
		t.Status = TrackEncrypted
		t.Masked = len(text) > 0
	case len(text) == 0:
		t.Status = TrackEmpty
	default:
		t.Status = TrackOK
	}
	t.Text = string(text)
}
