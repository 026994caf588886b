package decoder

import (
	"strconv"
	"strings"

	"magcheck/decoder/iso7811"
	"magcheck/message"
	"magcheck/msr605"
)

// InputSerial is an MSR605 or MSR206 reader-writer on a serial port. (An
// MSR605X is a HID reader: InputHID.)
const InputSerial Input = "serial"

// The reader models ReaderInfo names for an MSR605-family reader-writer,
// by its link: the MSR605X on HID, the MSR605 and MSR206 on a serial port.
const (
	ModelMSR605X = "MSR605X"
	ModelMSR605  = "MSR605/MSR206"
)

// DecodeMSR605 diagnoses a read of an MSR605-family reader-writer, as
// msr605.ParseRead gave it, from the device dev. In ISO mode the reader's
// characters are framed as a HID reader's tracks are; in raw mode each
// track's bits go through the bit-stream decoder, so a damaged stripe shows
// its parity and LRC errors where they are. What the reader said of each
// track (ESC '+' no data, ESC '*' bad data) and its status byte become
// findings with words; its model and firmware answers go into the Report's
// ReaderInfo.
func DecodeMSR605(r *msr605.Read, dev msr605.Device, o Options) *Report {
	in, model := InputSerial, ModelMSR605
	if dev.Link == msr605.LinkHID {
		in, model = InputHID, ModelMSR605X
	}
	if dev.Model != "" {
		model += " (MSR206-" + dev.Model + ")"
	}
	info := &ReaderInfo{Model: model, Format: "msr605-" + string(r.Mode), Firmware: dev.Firmware,
		Evidence: []string{"status byte " + hexByte(r.Status)}}
	d := newDiagnosis(in, o)
	d.r.Reader = info
	data := false
	for _, t := range r.Tracks {
		n := strconv.Itoa(t.Number)
		switch {
		case t.Mark == msr605.MarkBad:
			info.Evidence = append(info.Evidence, "track "+n+": bad data (ESC *)")
			d.read(TrackRead{Number: t.Number, Status: StatusError})
			data = true
		case t.Mark == msr605.MarkEmpty:
			info.Evidence = append(info.Evidence, "track "+n+": no data (ESC +)")
		case len(t.Data) == 0:
		case r.Mode == msr605.ModeRaw:
			info.Evidence = append(info.Evidence, "track "+n+": "+strconv.Itoa(len(t.Data))+" raw bytes, first bit read in the high bit")
			data = d.rawTrack(t) || data
		default:
			d.read(isoTrackRead(t, info))
			data = true
		}
	}
	d.msrStatus(r, data)
	return d.finish()
}

func hexByte(b byte) string {
	return string([]byte{"0123456789ABCDEF"[b>>4], "0123456789ABCDEF"[b&15], 'h'})
}

// isoTrackRead frames one track the reader decoded: its sentinels checked
// as a HID reader's are, characters outside the track character sets
// marked, and characters after the end sentinel dropped and noted.
func isoTrackRead(t msr605.Track, info *ReaderInfo) TrackRead {
	text := string(t.Data)
	tr := TrackRead{Number: t.Number, Status: StatusOK, Text: text, Start: hidStartSentinel(text[0])}
	if !tr.Start {
		tr.Errors = append(tr.Errors, TrackError{Pos: -1, Code: MissingStartSentinel})
	}
	end := strings.IndexByte(text, '?')
	switch {
	case end < 0:
		tr.Errors = append(tr.Errors, TrackError{Pos: -1, Code: MissingEndSentinel})
	case end < len(text)-1:
		tr.Text = text[:end+1]
		info.Evidence = append(info.Evidence, "track "+strconv.Itoa(t.Number)+": "+
			strconv.Itoa(len(text)-end-1)+" character(s) after the end sentinel not decoded")
	}
	for i := 0; i < len(tr.Text); i++ {
		if !iso7811.Alpha.Contains(tr.Text[i]) {
			tr.Errors = append(tr.Errors, TrackError{Pos: i, Code: InvalidCharacter})
		}
	}
	return tr
}

// rawTrack decodes a raw track's bits as that track. A blank track (no
// flux changes) is absent; bits with no track in them make it malformed. It
// reports whether the track held anything.
func (d *diagnosis) rawTrack(t msr605.Track) bool {
	res, err := iso7811.Decode(t.Bits())
	if res != nil {
		d.bitResult(res, t.Number)
		return true
	}
	if isNoData(err) {
		return false
	}
	d.r.Tracks[t.Number-1].Status = StatusMalformed
	d.add(Finding{Code: TrackMalformed, Track: t.Number, Evidence: Explain(err)})
	return true
}

// msrStatuses word the status bytes the MSR605 manual names.
var msrStatuses = []struct {
	b byte
	k message.Key
}{
	{msr605.StatusReadError, message.MSRStatusReadError},
	{msr605.StatusCommandFormat, message.MSRStatusCommandFormat},
	{msr605.StatusInvalidCommand, message.MSRStatusInvalidCommand},
	{msr605.StatusSwipeError, message.MSRStatusSwipe},
}

// msrStatus turns the reader's status byte into findings: a refused
// command, or a problem the reader flags; and a read that brought nothing
// is no data.
func (d *diagnosis) msrStatus(r *msr605.Read, data bool) {
	st := r.Status
	if st == msr605.StatusCommandFormat || st == msr605.StatusInvalidCommand {
		d.add(Finding{Code: CommandRefused, Evidence: msrStatusEvidence(st)})
		return
	}
	if st != msr605.StatusOK {
		d.add(Finding{Code: ReaderStatus, Evidence: msrStatusEvidence(st)})
	}
	if !data {
		d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceMSRNoTracks)})
	}
}

func msrStatusEvidence(st byte) message.Message {
	k := message.MSRStatusOther
	for _, s := range msrStatuses {
		if s.b == st {
			k = s.k
		}
	}
	return message.New(message.EvidenceMSRStatus, hexByte(st), k)
}
