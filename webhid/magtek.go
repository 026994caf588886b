package webhid

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"magcheck/internal/hexdigit"
)

// Report sizes of the fixed MagTek layouts (docs/hid-reports.md).
const (
	sureSwipeSize = 337 // also ID TECH's MagTek-compatible "other" report
	v5ShortSize   = 856 // MagneSafe V5, older firmware and the manual's examples
	v5Size        = 887
)

// Byte offsets shared by the fixed layouts: decode status at 0–2, track
// lengths at 3–5, card encode type at 6, then three equal track fields.
const (
	lenAt        = 3
	encodeTypeAt = 6
	dataAt       = 7
	ssField      = 110 // SureSwipe track field size
	v5Field      = 112 // MagneSafe V5 track field size
)

// MagneSafe V5 offsets, from section 2 of MagTek's MagneSafe V5 manual
// (docs/hid-reports.md).
const (
	v5CardStatus       = 343
	v5MagnePrintStatus = 344
	v5Serial           = 477
	v5EncryptionStatus = 493
	v5KSN              = 495
	v5MaskedLenAt      = 505
	v5MaskedDataAt     = 508
	v5Version          = 859
)

var magTekEncodeTypes = map[byte]string{
	0: "iso_aba", 1: "aamva", 2: "cadl", 3: "blank", 4: "other", 5: "undetermined", 6: "none",
}

// The MagnePrint problems a MagneSafe reader flags, as Report.MagnePrintFlags
// names them.
const (
	MagnePrintNoisy    = "too noisy"
	MagnePrintSlow     = "too slow"
	MagnePrintFast     = "too fast"
	MagnePrintReversed = "reverse direction"
)

// magnePrintBits names the MagnePrint status bits that describe the swipe.
var magnePrintBits = []struct {
	bit  uint
	name string
}{{17, MagnePrintNoisy}, {18, MagnePrintSlow}, {19, MagnePrintFast}, {21, MagnePrintReversed}}

// MagnePrintProblems names the swipe problems a MagneSafe MagnePrint status
// word flags (MagnePrintNoisy, MagnePrintSlow, MagnePrintFast,
// MagnePrintReversed), in bit order; nil when it flags none. The word is
// the same in a V5 HID report and in the keyboard record.
func MagnePrintProblems(status uint32) []string {
	var out []string
	for _, f := range magnePrintBits {
		if status&(1<<f.bit) != 0 {
			out = append(out, f.name)
		}
	}
	return out
}

// parseMagTek picks the MagTek layout by report size, as MagTek's own WebHID
// code does. Report ID 1 devices may append fields after the V5 layout.
func parseMagTek(r *Report, pid uint16, reportID byte, data []byte, sized bool) error {
	n := len(data)
	switch {
	case reportID > 1:
		return fmt.Errorf("%w: MagTek report ID %d", ErrUnknownReport, reportID)
	case n == sureSwipeSize:
		if r.Model == "" {
			r.Model = "SureSwipe"
		}
		return parseFixed337(r, data, FormatMagTekSureSwipe, magTekEncodeTypes)
	case n == v5ShortSize:
		return parseV5(r, data, FormatMagTekV5Short)
	case n == v5Size, n > v5Size && (sized || reportID != 0):
		return parseV5(r, data, FormatMagTekV5)
	case sized:
		return fmt.Errorf("%w: %d-byte MagTek report", ErrUnknownReport, n)
	}
	// No descriptor: the product ID says what size to expect.
	want := lookup(VendorMagTek, pid).size
	switch {
	case want == 0:
		return fmt.Errorf("%w: %d-byte MagTek report", ErrUnknownReport, n)
	case want == v5Size && n < v5ShortSize:
		want = v5ShortSize
	}
	return sizeError("", "report", n, want)
}

// parseFixed337 decodes the SureSwipe report, which ID TECH also sends as its
// "other" structure. ID TECH's raw encode type carries encrypted bytes in
// the track fields.
func parseFixed337(r *Report, data []byte, format string, encodeTypes map[byte]string) error {
	r.Format = format
	r.encodeType(data[encodeTypeAt], encodeTypes)
	r.Encrypted = r.CardEncodeType == "raw"
	for i := range r.Tracks {
		if r.decodeStatus(i, data[i]) {
			continue
		}
		text, err := fixedText(data, format, lenAt, dataAt, ssField, i)
		if err != nil {
			return err
		}
		if r.Encrypted {
			r.Tracks[i].EncryptedLength = len(text)
			r.setTrack(i, len(text) > 0, nil)
			continue
		}
		r.setTrack(i, false, text)
	}
	return nil
}

// parseV5 decodes the MagneSafe V5 report. At security level 2 the
// "encrypted" track fields hold clear data; once encryption is enabled they
// hold ciphertext and the masked fields are the readable form.
func parseV5(r *Report, data []byte, format string) error {
	r.Format = format
	if r.Model == "" {
		r.Model = "MagneSafe V5"
	}
	r.encodeType(data[encodeTypeAt], magTekEncodeTypes)
	enc := binary.BigEndian.Uint16(data[v5EncryptionStatus:])
	r.EncryptionStatus = enc
	r.Encrypted = enc&0x0004 != 0
	r.fact(FactEncryptionStatus, 0, int(enc), 0)
	for i := range r.Tracks {
		if r.decodeStatus(i, data[i]) {
			continue
		}
		text, err := fixedText(data, format, lenAt, dataAt, v5Field, i)
		if err != nil {
			return err
		}
		if !r.Encrypted {
			r.setTrack(i, false, text)
			continue
		}
		masked, err := fixedText(data, format, v5MaskedLenAt, v5MaskedDataAt, v5Field, i)
		if err != nil {
			return err
		}
		r.Tracks[i].EncryptedLength = len(text)
		if len(text)%8 != 0 {
			r.fact(FactEncryptedLength, i+1, len(text), 0)
		}
		r.setTrack(i, len(text)+len(masked) > 0, masked)
	}
	if cs := data[v5CardStatus]; cs != 0 {
		r.fact(FactCardStatus, 0, int(cs), 0)
	}
	r.MagnePrintStatus = binary.LittleEndian.Uint32(data[v5MagnePrintStatus:])
	if r.MagnePrintStatus != 0 {
		r.fact(FactMagnePrintStatus, 0, int(r.MagnePrintStatus), 0)
		r.MagnePrintFlags = MagnePrintProblems(r.MagnePrintStatus)
	}
	r.SerialNumber = printable(data[v5Serial:v5EncryptionStatus])
	r.KSN = hexUnlessZero(data[v5KSN : v5KSN+10])
	if format == FormatMagTekV5 {
		if v := printable(data[v5Version : v5Version+8]); v != "" {
			r.Evidence = append(r.Evidence, Fact{Kind: FactVersion, Text: v})
		}
		if extra := len(data) - v5Size; extra > 0 {
			r.fact(FactUndecoded, 0, extra, v5Size)
		}
	}
	return nil
}

// decodeStatus records track i's decode-status byte and reports whether
// bit 0 (decode error) is set, in which case the track is finished.
func (r *Report) decodeStatus(i int, st byte) bool {
	r.Tracks[i].StatusByte = st
	if st == 0 {
		return false
	}
	r.fact(FactDecodeStatus, i+1, int(st), 0)
	if st&1 == 0 {
		return false
	}
	r.Tracks[i].Status = TrackDecodeError
	return true
}

// fixedText returns track i's bytes from a fixed-size field: its length byte
// at lenAt+i, its data at dataAt+i*size.
func fixedText(data []byte, format string, lenAt, dataAt, size, i int) ([]byte, error) {
	n := int(data[lenAt+i])
	if n > size {
		return nil, &ReportError{Format: format, Field: fmt.Sprintf("track %d length", i+1),
			Reason: ReasonFieldOverflow, Len: n, Want: size}
	}
	at := dataAt + i*size
	return data[at : at+n], nil
}

// printable returns the NUL-terminated ASCII string at the start of b, or ""
// when it holds anything but printable ASCII.
func printable(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	for _, c := range b {
		if c < 0x20 || c > 0x7E {
			return ""
		}
	}
	return string(b)
}

// hexUnlessZero returns b in hex, or "" when every byte is zero (no key loaded).
func hexUnlessZero(b []byte) string {
	for _, c := range b {
		if c != 0 {
			return hexdigit.Bytes(b, 0)
		}
	}
	return ""
}
