package webhid

import (
	"strconv"
	"strings"

	"magcheck/decoder"
	"magcheck/decoder/wedge"
)

// Decode diagnoses r as package decoder diagnoses any swipe: the tracks go
// to decoder.DecodeReads with the reader's own status, and what the reader
// said about itself and the swipe (format, encode type, encryption,
// MagnePrint problems) becomes the Report's ReaderInfo and findings.
func (r *Report) Decode(o decoder.Options) *decoder.Report {
	info := &decoder.ReaderInfo{
		Vendor:    r.Vendor,
		Model:     r.Model,
		Format:    r.Format,
		Encrypted: r.Encrypted,
		Evidence:  append([]string(nil), r.Evidence...),
		Flags:     append([]string(nil), r.MagnePrintFlags...),
	}
	if r.CardEncodeType != "" {
		info.Evidence = append(info.Evidence, "card encode type "+r.CardEncodeType)
	}
	if r.KSN != "" {
		info.Evidence = append(info.Evidence, "KSN "+r.KSN)
	}
	if r.SerialNumber != "" {
		info.Evidence = append(info.Evidence, "reader serial "+r.SerialNumber)
	}
	reads := make([]decoder.TrackRead, len(r.Tracks))
	unsplit := false
	for i, t := range r.Tracks {
		reads[i] = decoder.TrackRead{Number: t.Number, Status: decoder.StatusAbsent}
		switch {
		case t.Status == TrackDecodeError:
			reads[i].Status = decoder.StatusError
		case t.Status == TrackOK && t.Text == "":
			unsplit = r.Output != ""
		case (t.Status == TrackOK || t.Status == TrackEncrypted) && t.Text != "":
			reads[i] = trackRead(t, info)
		}
	}
	if unsplit {
		splitOutputReads(r, reads)
	}
	return decoder.DecodeReads(decoder.InputHID, reads, info, o)
}

// trackRead frames one track's text: characters after the end sentinel (the
// LRC ID TECH includes in masked tracks) are dropped and noted; a missing
// sentinel becomes a track error, as it would in a wedge capture.
func trackRead(t Track, info *decoder.ReaderInfo) decoder.TrackRead {
	tr := decoder.TrackRead{Number: t.Number, Status: decoder.StatusOK, Text: t.Text, Masked: t.Masked}
	tr.Start = isStartSentinel(t.Text[0])
	if !tr.Start {
		tr.Errors = append(tr.Errors, decoder.TrackError{Pos: -1, Code: decoder.MissingStartSentinel})
	}
	end := strings.IndexByte(t.Text, '?')
	switch {
	case end < 0:
		tr.Errors = append(tr.Errors, decoder.TrackError{Pos: -1, Code: decoder.MissingEndSentinel})
	case end < len(t.Text)-1:
		tr.Text = t.Text[:end+1]
		info.Evidence = append(info.Evidence, "track "+strconv.Itoa(t.Number)+": "+
			strconv.Itoa(len(t.Text)-end-1)+" character(s) after the end sentinel not decoded")
	}
	return tr
}

// splitOutputReads fills the tracks an ID TECH structure report left unsplit
// from its formatted output, split as a wedge capture of that text would be.
// wedge's issue kinds are spelled as the decoder's finding codes.
func splitOutputReads(r *Report, reads []decoder.TrackRead) {
	c, err := wedge.Split(r.Output)
	if err != nil {
		return
	}
	for i, t := range r.Tracks {
		w := c.Tracks[i]
		if t.Status != TrackOK || t.Text != "" || w == nil {
			continue
		}
		tr := decoder.TrackRead{Number: t.Number, Status: decoder.StatusOK, Text: w.Text, Start: w.Start != 0}
		if w.ReaderError {
			tr.Status = decoder.StatusError
		}
		for _, is := range w.Issues {
			tr.Errors = append(tr.Errors, decoder.TrackError{Pos: is.Pos, Code: decoder.Code(is.Kind)})
		}
		reads[i] = tr
	}
}
