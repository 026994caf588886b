package decoder

import (
	"strings"

	"magcheck/decoder/idtech"
	"magcheck/decoder/magnesafe"
	"magcheck/decoder/wedge"
	"magcheck/message"
	"magcheck/webhid"
)

// Reader formats of the keyboard records, as ReaderInfo.Format names them.
const (
	FormatMagneSafeKeyboard      = "magtek-magnesafe-keyboard"
	FormatIDTechKeyboardOriginal = "idtech-keyboard-original"
	FormatIDTechKeyboardEnhanced = "idtech-keyboard-enhanced"
)

// readerRecord is an encrypting reader's keyboard record found in reader
// text (package magnesafe or idtech), made into what the diagnosis takes:
// its tracks as the reader delivered them, the facts about the reader, and
// whether it arrived intact.
type readerRecord struct {
	start, end int // the record's bytes in the text
	reads      []TrackRead
	info       *ReaderInfo
	// damage is why the record did not arrive intact (a CRC, LRC or
	// checksum that does not match, or a broken layout); damaged says
	// there is one.
	damage  message.Message
	damaged bool
}

// findRecord finds a MagneSafe or ID TECH keyboard record in s: nil when s
// holds neither, and the text is plain reader text.
func findRecord(s string) *readerRecord {
	if r, err := magnesafe.Parse(s); r != nil {
		return magneSafeRecord(r, err)
	}
	if r, err := idtech.Parse(s); r != nil {
		return idTechRecord(r, err)
	}
	return nil
}

// magneSafeRecord diagnoses a MagneSafe record: the masked tracks, or the
// tracks it sent in clear, and the reader's status, serial number, KSN and
// MagnePrint status.
func magneSafeRecord(r *magnesafe.Record, err error) *readerRecord {
	vendor, _, _ := webhid.Describe(webhid.VendorMagTek, 0)
	info := &ReaderInfo{Vendor: vendor, Model: "MagneSafe", Format: FormatMagneSafeKeyboard}
	rec := &readerRecord{start: r.Start, end: r.End, info: info}
	rec.reads = maskedReads(r.Masked)
	if err != nil {
		rec.damaged, rec.damage = true, Explain(err)
		return rec
	}
	encrypted := false
	for i, t := range r.Tracks {
		if t.Clear != "" {
			setRead(&rec.reads, hidTrackRead(webhid.Track{Number: i + 1, Text: t.Clear}, info))
		}
		encrypted = encrypted || t.Encrypted > 0
	}
	info.Encrypted = encrypted && r.Encrypting()
	info.Serial = r.Serial
	info.Evidence = append(info.Evidence, encryptionStatus(r.Status), message.New(message.EvidenceRecordFormat, r.FormatCode))
	if r.HasMagnePrint {
		info.Flags = webhid.MagnePrintProblems(r.MagnePrintStatus)
	}
	if r.HasCRC && !r.CRCOK() {
		rec.damaged = true
		rec.damage = message.New(message.EvidenceRecordCRC, asTyped(r.CRC), asTyped(r.CRCWant))
	}
	info.setKeys(keyFacts{ksn: r.KSN, encrypted: info.Encrypted, status: r.Status, hasStatus: true, counterOut: r.Counter == 0})
	return rec
}

// asTyped is a MagneSafe CRC as the reader types it, low byte first.
func asTyped(crc uint16) uint16 { return crc>>8 | crc<<8 }

// idTechRecord diagnoses an ID TECH frame typed in keyboard mode as DecodeHID
// does the same frame in a HID report.
func idTechRecord(r *idtech.Record, err error) *readerRecord {
	format := FormatIDTechKeyboardOriginal
	if r.Enhanced {
		format = FormatIDTechKeyboardEnhanced
	}
	rec := &readerRecord{start: r.Start, end: r.End}
	if err != nil || r.Report == nil {
		vendor, _, _ := webhid.Describe(webhid.VendorIDTech, 0)
		rec.info = &ReaderInfo{Vendor: vendor, Format: format}
		for i, m := range r.Masked {
			if m != "" {
				rec.reads = append(rec.reads, hidTrackRead(webhid.Track{Number: i + 1, Text: m, Masked: true}, rec.info))
				rec.info.Encrypted = true // ID TECH masks only the tracks it encrypts
			}
		}
		rec.damaged, rec.damage = true, Explain(err)
		return rec
	}
	rec.reads, rec.info = hidReads(r.Report)
	rec.info.Format = format
	rec.info.Evidence = append(rec.info.Evidence, message.New(message.EvidenceTypedAs, keyOf(typings, r.Typing)))
	switch {
	case r.LRC != r.LRCWant:
		rec.damaged, rec.damage = true, message.New(message.EvidenceRecordLRC, r.LRC, r.LRCWant)
	case r.Sum != r.SumWant:
		rec.damaged, rec.damage = true, message.New(message.EvidenceRecordSum, r.Sum, r.SumWant)
	}
	return rec
}

// maskedReads splits the masked section of a record into the tracks the
// reader masked, as a wedge capture of it would be split.
func maskedReads(s string) []TrackRead {
	c, err := wedge.Split(s)
	if err != nil {
		return nil
	}
	var reads []TrackRead
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		tr := TrackRead{Number: t.Number, Status: StatusOK, Text: t.Text, Start: t.Start != 0, Masked: true}
		if t.ReaderError {
			tr.Status = StatusError
		}
		for _, is := range t.Issues {
			if is.Kind != wedge.LRCCharacter {
				tr.Errors = append(tr.Errors, TrackError{Pos: is.Pos, Code: Code(is.Kind)})
			}
		}
		reads = append(reads, tr)
	}
	return reads
}

// setRead puts tr in place of the read of the same track, or adds it.
func setRead(reads *[]TrackRead, tr TrackRead) {
	for i := range *reads {
		if (*reads)[i].Number == tr.Number {
			(*reads)[i] = tr
			return
		}
	}
	*reads = append(*reads, tr)
}

// record diagnoses a keyboard record found in text: its tracks and reader
// facts, whether it arrived intact, and the text around it.
func (d *diagnosis) record(rec *readerRecord, text string) {
	if rec.damaged {
		d.add(Finding{Code: RecordChecksumFailed, Evidence: rec.damage})
	}
	d.readerReads(rec.reads, rec.info)
	var outside []string
	for _, s := range []string{text[:rec.start], text[rec.end:]} {
		if s = strings.Trim(s, " \t\r\n\x02\x03\x1b"); s != "" {
			outside = append(outside, s)
		}
	}
	if len(outside) > 0 {
		d.add(Finding{Code: ExtraCharacters, Evidence: quoteList(outside)})
	}
}

// recordError words a keyboard record's layout error: how many fields or
// characters came where the record says, or what is wrong where.
func recordError(err error) (message.Message, bool) {
	switch e := err.(type) {
	case *magnesafe.SyntaxError:
		if e.Kind == magnesafe.KindFieldCount {
			return message.New(message.RecordFields, e.Len, e.Want), true
		}
		return message.New(message.RecordBroken, keyIn(magneSafeKinds, e.Kind, message.RecordSize), e.Offset+1), true
	case *idtech.SyntaxError:
		switch e.Kind {
		case idtech.KindLength:
			return message.New(message.RecordLength, e.Len, e.Want), true
		case idtech.KindLayout:
			return Explain(e.Err), true
		}
		return message.New(message.RecordBroken, keyIn(idTechKinds, e.Kind, message.RecordNotHex), e.Offset+1), true
	}
	return message.Message{}, false
}

// typings word how an ID TECH frame was typed.
var typings = []named[idtech.Typing]{
	{idtech.TextMasked, message.TypedTextMasked}, {idtech.TextMaskedByteChecks, message.TypedTextMaskedBytes},
	{idtech.AllHex, message.TypedHex}, {idtech.AllHexByteChecks, message.TypedHexBytes},
}

// magneSafeKinds and idTechKinds word what a record's layout error found.
var (
	magneSafeKinds = []named[magnesafe.Kind]{
		{magnesafe.KindNotHex, message.RecordNotHex}, {magnesafe.KindOddHex, message.RecordOddHex},
		{magnesafe.KindSize, message.RecordSize}, {magnesafe.KindTooLong, message.RecordTooLong},
		{magnesafe.KindShort, message.RecordFormatCode},
	}
	idTechKinds = []named[idtech.Kind]{
		{idtech.KindNotHex, message.RecordNotHex}, {idtech.KindMasked, message.RecordMasked},
		{idtech.KindETX, message.RecordETX}, {idtech.KindLarge, message.RecordTooLarge},
	}
)
