package webhid

import (
	"fmt"

	"magcheck/internal/hexdigit"
)

const (
	stx = 0x02
	etx = 0x03

	structureHeader = 9 // status ×3, lengths ×3, encode type, total output length ×2
	stxHeader       = 5 // card data: encode type, track status, three lengths
	ksnSize         = 10
	hashSize        = 20
)

var idTechEncodeTypes = map[byte]string{0: "iso_aba", 1: "aamva", 3: "other", 4: "raw"}

// parseIDTech dispatches on byte 0, which is a decode status (0 or 1) in the
// plain structures and STX in the encrypted frames (docs/hid-reports.md). Any
// other decode status is not ID TECH's, so the layout is unknown.
func parseIDTech(r *Report, pid uint16, data []byte) error {
	if r.Model == "" {
		r.Model = "SecureMag"
	}
	switch {
	case len(data) > 0 && data[0] == stx:
		return parseSTX(r, data)
	case len(data) >= 3 && (data[0] > 1 || data[1] > 1 || data[2] > 1):
		return fmt.Errorf("%w: ID TECH decode status %s", ErrUnknownReport, Hex(data[:3]))
	case len(data) == sureSwipeSize:
		return parseFixed337(r, data, FormatIDTechOther, idTechEncodeTypes)
	case lookup(VendorIDTech, pid).size == sureSwipeSize:
		return sizeError(FormatIDTechOther, "report", len(data), sureSwipeSize)
	}
	return parseStructure(r, data)
}

// parseStructure decodes the "ID TECH structure" report: the usual header,
// a two-byte total output length, then the reader's formatted text.
func parseStructure(r *Report, data []byte) error {
	const format = FormatIDTechStructure
	if len(data) < structureHeader {
		return sizeError(format, "report header", len(data), structureHeader)
	}
	r.Format = format
	r.encodeType(data[encodeTypeAt], idTechEncodeTypes)
	// The byte order of the total output length is undocumented: ID TECH's
	// other lengths are little-endian; big-endian is accepted only when
	// little-endian does not fit the report.
	room := len(data) - structureHeader
	total := int(data[7]) | int(data[8])<<8
	if total > room {
		if be := int(data[7])<<8 | int(data[8]); be <= room {
			total = be
			r.fact(FactLengthBigEndian, 0, 0, 0)
		} else {
			return &ReportError{Format: format, Field: "total output length",
				Reason: ReasonFieldOverflow, Len: total, Want: room}
		}
	}
	out := data[structureHeader : structureHeader+total]
	r.Output = string(out)
	lens := [3]int{int(data[3]), int(data[4]), int(data[5])}
	texts, split := splitOutput(out, lens)
	if !split {
		r.fact(FactUnsplit, 0, 0, 0)
	}
	for i := range r.Tracks {
		if r.decodeStatus(i, data[i]) {
			continue
		}
		r.setTrack(i, false, texts[i])
		if !split && lens[i] > 0 {
			r.Tracks[i].Status = TrackOK
		}
	}
	return nil
}

// splitOutput finds each track with a non-zero length in the formatted
// output, in track order: a start sentinel, then an end sentinel exactly
// length bytes later. Anything between tracks (preamble, separators) is
// skipped. It reports false unless every such track is found.
func splitOutput(out []byte, lens [3]int) (texts [3][]byte, ok bool) {
	p := 0
	for i, n := range lens {
		if n == 0 {
			continue
		}
		for ; p+n <= len(out); p++ {
			if isStartSentinel(out[p]) && out[p+n-1] == '?' {
				break
			}
		}
		if p+n > len(out) {
			return [3][]byte{}, false
		}
		texts[i] = out[p : p+n]
		p += n
	}
	return texts, true
}

func isStartSentinel(c byte) bool {
	switch c {
	case '%', ';', '+', '#', '!', '&', '@':
		return true
	}
	return false
}

// parseSTX checks an encrypted-output frame (STX, length, card data, LRC,
// checksum, ETX, zero padding to the report size) and decodes its card data.
func parseSTX(r *Report, data []byte) error {
	format := FormatIDTechSTXOriginal
	if len(data) < 3 {
		return sizeError(format, "frame header", len(data), 3)
	}
	end := 3 + (int(data[1]) | int(data[2])<<8) // end of card data
	total := end + 3
	if len(data) < total {
		return sizeError(format, "frame", len(data), total)
	}
	if end-3 >= 1 && data[3]&0x80 != 0 {
		format = FormatIDTechSTXEnhanced
	}
	if data[total-1] != etx {
		return &ReportError{Format: format, Field: "ETX", Reason: ReasonBadETX, Len: int(data[total-1]), Want: etx}
	}
	card := data[3:end]
	var lrc, sum byte
	for _, b := range card {
		lrc ^= b
		sum += b
	}
	if data[end] != lrc {
		return &ReportError{Format: format, Field: "CheckLRC", Reason: ReasonBadLRC, Len: int(data[end]), Want: int(lrc)}
	}
	if data[end+1] != sum {
		return &ReportError{Format: format, Field: "CheckSum", Reason: ReasonBadChecksum, Len: int(data[end+1]), Want: int(sum)}
	}
	for _, b := range data[total:] {
		if b != 0 {
			return &ReportError{Format: format, Field: "padding", Reason: ReasonTrailingData, Len: len(data), Want: total}
		}
	}
	return parseCard(r, card, format)
}

// ParseIDTechCard decodes the card data of an ID TECH encrypted-output
// frame, from the card encode type to the last field before CheckLRC, for
// frames that arrive other than in a HID report: a reader in keyboard mode
// types the frame as text, and package decoder/idtech turns that text back
// into these bytes after checking the frame's length, LRC and checksum
// over what was typed. The layout is the one Parse reads in a HID report:
// original format for an encode type below 0x80, enhanced from 0x80 up.
// The Report has no Model (the frame does not name one) and Raw holds a
// copy of card. Errors are *ReportError or ErrUnknownReport, as Parse's.
func ParseIDTechCard(card []byte) (*Report, error) {
	vendor, _, _ := Describe(VendorIDTech, 0)
	r := &Report{Vendor: vendor, Raw: append([]byte(nil), card...)}
	for i := range r.Tracks {
		r.Tracks[i].Number = i + 1
	}
	format := FormatIDTechSTXOriginal
	if len(card) > 0 && card[0]&0x80 != 0 {
		format = FormatIDTechSTXEnhanced
	}
	if err := parseCard(r, card, format); err != nil {
		return nil, err
	}
	return r, nil
}

// parseCard decodes an encrypted-output frame's card data in format.
func parseCard(r *Report, card []byte, format string) error {
	if len(card) < stxHeader {
		return sizeError(format, "card data", len(card), stxHeader)
	}
	r.Format = format
	r.encodeType(card[0]&0x7F, idTechEncodeTypes)
	r.fact(FactTrackStatus, 0, int(card[1]), 0)
	c := cursor{format: format, b: card, p: stxHeader}
	if format == FormatIDTechSTXEnhanced {
		return parseEnhanced(r, &c)
	}
	return parseOriginal(r, &c)
}

// parseOriginal decodes the original encryption format: tracks 1 and 2
// masked, track 3 clear, then one encrypted block for tracks 1 and 2, two
// hashes and the KSN. Cards the reader does not encrypt carry only the three
// clear tracks.
func parseOriginal(r *Report, c *cursor) error {
	status, lens := c.b[1], c.lens()
	if r.CardEncodeType == "raw" {
		// Raw frames carry encrypted tracks without masks or markers; their
		// field layout is not documented.
		r.Encrypted = true
		r.fact(FactRawEncrypted, 0, 0, 0)
		for i := range r.Tracks {
			r.stxTrack(i, status, lens[i] > 0, nil)
		}
		return nil
	}
	var texts [3][]byte
	for i := range texts {
		var err error
		if texts[i], err = c.take(fmt.Sprintf("track %d data", i+1), lens[i]); err != nil {
			return err
		}
	}
	rest := len(c.b) - c.p
	if rest == 0 {
		for i := range r.Tracks {
			r.stxTrack(i, status, false, texts[i])
		}
		return nil
	}
	// The block is T1+T2 rounded up to 8 (TDES) or 16 (AES) bytes.
	clearLen := lens[0] + lens[1]
	block := rest - 2*hashSize - ksnSize
	if clearLen == 0 || block < clearLen || block%8 != 0 || block >= clearLen+16 {
		return &ReportError{Format: r.Format, Field: "encrypted fields", Reason: ReasonLayout,
			Len: len(c.b), Want: c.p + (clearLen+7)/8*8 + 2*hashSize + ksnSize}
	}
	r.KSN = hexdigit.Bytes(c.b[len(c.b)-ksnSize:], 0)
	for i := range r.Tracks {
		encrypted := i < 2 && lens[i] > 0
		if encrypted {
			r.Tracks[i].EncryptedLength = block
			r.Encrypted = true
		}
		r.stxTrack(i, status, encrypted, texts[i])
	}
	return nil
}

// parseEnhanced decodes the enhanced encryption format, whose fields 8 and 9
// say which clear/masked, encrypted and hash fields follow.
func parseEnhanced(r *Report, c *cursor) error {
	status, lens := c.b[1], c.lens()
	sent, err := c.take("fields 8 and 9", 2)
	if err != nil {
		return err
	}
	f8, f9 := sent[0], sent[1]
	r.fact(FactFieldsSent, 0, int(f8), int(f9))
	block := 8 // TDES
	switch f8 >> 4 & 3 {
	case 0:
	case 1:
		block = 16 // AES
	default:
		return fmt.Errorf("%w: ID TECH encryption algorithm field 0x%s", ErrUnknownReport, hexdigit.Uint(uint64(f8), 2))
	}
	var texts [3][]byte
	for i := range texts {
		if f8&(1<<i) != 0 {
			if texts[i], err = c.take(fmt.Sprintf("track %d data", i+1), lens[i]); err != nil {
				return err
			}
		}
	}
	for i := range r.Tracks {
		if f9&(1<<i) != 0 {
			n := (lens[i] + block - 1) / block * block
			if _, err = c.take(fmt.Sprintf("track %d encrypted data", i+1), n); err != nil {
				return err
			}
			r.Tracks[i].EncryptedLength = n
		}
	}
	if f9&0x40 != 0 {
		if _, err = c.take("session ID", 8); err != nil {
			return err
		}
	}
	for i := range 3 {
		if f9&(8<<i) != 0 {
			if _, err = c.take(fmt.Sprintf("track %d hash", i+1), hashSize); err != nil {
				return err
			}
		}
	}
	if f8&0x80 != 0 {
		serial, err := c.take("serial number", 10)
		if err != nil {
			return err
		}
		if r.SerialNumber = printable(serial); r.SerialNumber == "" {
			r.SerialNumber = hexdigit.Bytes(serial, 0)
		}
	}
	if f9&0x80 != 0 {
		ksn, err := c.take("KSN", ksnSize)
		if err != nil {
			return err
		}
		r.KSN = hexdigit.Bytes(ksn, 0)
	}
	if extra := len(c.b) - c.p; extra > 0 {
		r.fact(FactUndecoded, 0, extra, c.p)
	}
	for i := range r.Tracks {
		encrypted := r.Tracks[i].EncryptedLength > 0
		r.Encrypted = r.Encrypted || encrypted
		if !encrypted && texts[i] == nil && lens[i] > 0 {
			r.fact(FactNotSent, i+1, lens[i], 0)
		}
		r.stxTrack(i, status, encrypted, texts[i])
	}
	return nil
}

// stxTrack fills track i from the shared track-status byte: bits 0–2 say
// decoded (or nothing sampled), bits 3–5 say data was sampled.
func (r *Report) stxTrack(i int, status byte, encrypted bool, text []byte) {
	r.Tracks[i].StatusByte = status
	if status&(8<<i) != 0 && status&(1<<i) == 0 {
		r.Tracks[i].Status = TrackDecodeError
		return
	}
	r.setTrack(i, encrypted, text)
}

// cursor walks the variable fields of an ID TECH frame's card data.
type cursor struct {
	format string
	b      []byte
	p      int
}

// lens returns the three track lengths of the card data header.
func (c *cursor) lens() [3]int {
	return [3]int{int(c.b[2]), int(c.b[3]), int(c.b[4])}
}

// take returns the next n bytes, or a ReportError naming field when the
// card data ends first.
func (c *cursor) take(field string, n int) ([]byte, error) {
	if c.p+n > len(c.b) {
		return nil, &ReportError{Format: c.format, Field: field, Reason: ReasonLayout, Len: len(c.b), Want: c.p + n}
	}
	c.p += n
	return c.b[c.p-n : c.p], nil
}
