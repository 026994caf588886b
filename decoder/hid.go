package decoder

import (
	"strings"

	"magcheck/decoder/wedge"
	"magcheck/message"
	"magcheck/webhid"
)

// DecodeHID decodes one input report of a HID reader, as webhid.Parse gave
// it. The tracks are read as DecodeReads reads them, with the reader's own
// status, and what the reader said about itself and the swipe (format,
// encode type, encryption, MagnePrint problems) becomes the Report's
// ReaderInfo and findings. Tracks an ID TECH structure report left unsplit
// are split from its formatted output as a wedge capture of that text
// would be. props is what a MagTek reader said of its set-up when it was
// connected (webhid.ReadMagTekProperties), nil when it was not asked: a
// track its set-up turns off that the swipe has nothing on is a
// track_disabled finding. A report whose every track the reader marks
// empty is no_data, as an empty capture is, not a clean read; unless the
// set-up turns track 2 off, which explains it (a card with track 2 only).
func DecodeHID(r *webhid.Report, props *webhid.MagTekProperties, o Options) *Report {
	reads, info := hidReads(r)
	d := newDiagnosis(InputHID, o)
	d.readerReads(reads, info)
	d.trackSettings(props)
	if allEmpty(r) && !d.trackOff(2) {
		d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceNoTracks)})
	}
	return d.finish()
}

// trackOff says whether the reader's set-up turns track n off
// (trackSettings raised track_disabled for it).
func (d *diagnosis) trackOff(n int) bool {
	for _, f := range d.r.Findings {
		if f.Code == TrackDisabled && f.Track == n {
			return true
		}
	}
	return false
}

// allEmpty says whether the reader marked every track of r empty: no
// clear, masked or encrypted data and no decode error on any.
func allEmpty(r *webhid.Report) bool {
	for _, t := range r.Tracks {
		if t.Status != webhid.TrackEmpty {
			return false
		}
	}
	return true
}

// trackSettings raises track_disabled for each track a MagTek reader's
// Track ID Enable setting turns off and the swipe has nothing on: the
// reader's set-up withholds it from every card. A track that came anyway
// (a setting changed but not yet in force) is left alone, as is a setting
// that could not be read.
func (d *diagnosis) trackSettings(p *webhid.MagTekProperties) {
	if p == nil || p.Failed[webhid.PropertyTrackEnable] != nil {
		return
	}
	tracks, _ := webhid.DecodeTrackIDEnable(p.TrackIDEnable)
	for i, set := range tracks {
		if set != webhid.TrackDisabled || d.r.Tracks[i].Status != StatusAbsent {
			continue
		}
		f := Finding{Code: TrackDisabled, Track: i + 1, Evidence: message.New(message.EvidenceTrackOff, p.TrackIDEnable, i+1)}
		if i == 1 {
			f.Detail = "track2"
		}
		d.add(f)
	}
}

// hidReads turns a parsed report, from a HID reader or an ID TECH frame
// typed in keyboard mode, into the tracks and the reader facts DecodeReads
// takes.
func hidReads(r *webhid.Report) ([]TrackRead, *ReaderInfo) {
	info := &ReaderInfo{
		Vendor:    r.Vendor,
		Model:     r.Model,
		Format:    r.Format,
		Encrypted: r.Encrypted,
		Evidence:  reportEvidence(r),
		Flags:     append([]string(nil), r.MagnePrintFlags...),
	}
	reads := make([]TrackRead, len(r.Tracks))
	unsplit := false
	for i, t := range r.Tracks {
		reads[i] = TrackRead{Number: t.Number, Status: StatusAbsent}
		switch {
		case t.Status == webhid.TrackDecodeError:
			reads[i].Status = StatusError
		case t.Status == webhid.TrackOK && t.Text == "":
			unsplit = r.Output != ""
		case (t.Status == webhid.TrackOK || t.Status == webhid.TrackEncrypted) && t.Text != "":
			reads[i] = hidTrackRead(t, info)
		}
	}
	if unsplit {
		splitHIDOutput(r, reads)
	}
	info.Serial = r.SerialNumber
	v5 := r.Format == webhid.FormatMagTekV5 || r.Format == webhid.FormatMagTekV5Short
	info.setKeys(keyFacts{ksn: r.KSN, encrypted: r.Encrypted, status: r.EncryptionStatus, hasStatus: v5})
	return reads, info
}

// reportEvidence words what a HID report says beside its tracks (its KSN
// and the reader's serial number are ReaderInfo's own fields).
func reportEvidence(r *webhid.Report) []message.Message {
	var ev []message.Message
	for _, f := range r.Evidence {
		if m, ok := factEvidence(f); ok {
			ev = append(ev, m)
		}
	}
	return ev
}

// The fields of a webhid.Fact a message takes, in this order.
const (
	argTrack = 1 << iota
	argValue
	argOther
	argText
)

// factWords word a HID report's facts, by kind: the message and the
// fact's fields it takes. (The encryption status is worded with its bits,
// by encryptionStatus.)
var factWords = [...]struct {
	k    message.Key
	args uint8
}{
	webhid.FactEncodeType:       {message.EvidenceEncodeType, argValue | argText},
	webhid.FactDecodeStatus:     {message.EvidenceDecodeStatus, argTrack | argValue},
	webhid.FactTrackStatus:      {message.EvidenceTrackStatus, argValue},
	webhid.FactCardStatus:       {message.EvidenceCardStatus, argValue},
	webhid.FactMagnePrintStatus: {message.EvidenceMagnePrintStatus, argValue},
	webhid.FactVersion:          {message.EvidenceReaderVersion, argText},
	webhid.FactUndecoded:        {message.EvidenceUndecoded, argValue | argOther},
	webhid.FactEncryptedLength:  {message.EvidenceEncryptedLength, argTrack | argValue},
	webhid.FactFieldsSent:       {message.EvidenceFieldsSent, argValue | argOther},
	webhid.FactNotSent:          {message.EvidenceNotSent, argTrack | argValue},
	webhid.FactRawEncrypted:     {message.EvidenceRawEncrypted, 0},
	webhid.FactUnsplit:          {message.EvidenceUnsplit, 0},
	webhid.FactLengthBigEndian:  {message.EvidenceLengthBigEndian, 0},
}

// factEvidence words one fact of a HID report; ok is false for a kind it
// does not know.
func factEvidence(f webhid.Fact) (m message.Message, ok bool) {
	if f.Kind == webhid.FactEncryptionStatus {
		return encryptionStatus(uint16(f.Value)), true
	}
	if int(f.Kind) >= len(factWords) || factWords[f.Kind].k == 0 {
		return m, false
	}
	w := factWords[f.Kind]
	m.Key = w.k
	for bit, v := range [...]any{f.Track, f.Value, f.Other, f.Text} {
		if w.args&(1<<bit) != 0 {
			m.Args = append(m.Args, v)
		}
	}
	return m, true
}

// hidTrackRead frames one track's text: characters after the end sentinel
// (the LRC ID TECH includes in masked tracks) are dropped and noted; a
// missing sentinel becomes a track error, as it would in a wedge capture.
func hidTrackRead(t webhid.Track, info *ReaderInfo) TrackRead {
	tr := TrackRead{Number: t.Number, Status: StatusOK, Text: t.Text, Masked: t.Masked}
	tr.Start = hidStartSentinel(t.Text[0])
	if !tr.Start {
		tr.Errors = append(tr.Errors, TrackError{Pos: -1, Code: MissingStartSentinel})
	}
	end := strings.IndexByte(t.Text, '?')
	switch {
	case end < 0:
		tr.Errors = append(tr.Errors, TrackError{Pos: -1, Code: MissingEndSentinel})
	case end < len(t.Text)-1:
		tr.Text = t.Text[:end+1]
		info.Evidence = append(info.Evidence, message.New(message.EvidenceAfterEnd, t.Number, len(t.Text)-end-1))
	}
	return tr
}

// hidStartSentinel reports whether c starts a track from a HID reader: the
// ISO sentinels and the alternates readers send for other track formats,
// the same set webhid looks for when it splits ID TECH output.
func hidStartSentinel(c byte) bool {
	switch c {
	case '%', ';', '+', '#', '!', '&', '@':
		return true
	}
	return false
}

// splitHIDOutput fills the tracks an ID TECH structure report left unsplit
// from its formatted output, split as a wedge capture of that text would be.
// wedge's issue kinds are spelled as the decoder's finding codes.
func splitHIDOutput(r *webhid.Report, reads []TrackRead) {
	c, err := wedge.Split(r.Output)
	if err != nil {
		return
	}
	for i, t := range r.Tracks {
		w := c.Tracks[i]
		if t.Status != webhid.TrackOK || t.Text != "" || w == nil {
			continue
		}
		tr := TrackRead{Number: t.Number, Status: StatusOK, Text: w.Text, Start: w.Start != 0}
		if w.ReaderError {
			tr.Status = StatusError
		}
		for _, is := range w.Issues {
			tr.Errors = append(tr.Errors, TrackError{Pos: is.Pos, Code: Code(is.Kind)})
		}
		reads[i] = tr
	}
}
