package decoder

import (
	"magcheck/decoder/iso7811"
	"magcheck/internal/hexdigit"
	"magcheck/message"
	"magcheck/msr605"
	"magcheck/webhid"
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
// characters are framed as a HID reader's tracks are (hidTrackRead); in raw mode each
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
		Evidence: []message.Message{message.New(message.EvidenceStatusByte, hexByte(r.Status))}}
	d := newDiagnosis(in, o)
	d.r.Reader = info
	data := false
	for _, t := range r.Tracks {
		switch {
		case t.Mark == msr605.MarkBad:
			d.read(TrackRead{Number: t.Number, Status: StatusError})
			data = true
		case t.Mark == msr605.MarkEmpty, len(t.Data) == 0:
		case r.Mode == msr605.ModeRaw:
			data = d.rawTrack(t) || data
		default:
			// Framed as a HID reader's track is: the sentinels checked,
			// characters after the end sentinel dropped and noted.
			d.read(hidTrackRead(webhid.Track{Number: t.Number, Text: string(t.Data)}, info))
			data = true
		}
	}
	d.msrStatus(r, data)
	return d.finish()
}

// hexByte is a status byte as the MSR605 manual writes it: 31h.
func hexByte(b byte) string { return hexdigit.Uint(uint64(b), 2) + "h" }

// rawTrack decodes a raw track's bits as that track. A blank track (no
// flux changes) is absent; bits with no track in them make it malformed. It
// reports whether the track held anything.
func (d *diagnosis) rawTrack(t msr605.Track) bool {
	bits := t.Bits()
	res, err := iso7811.Decode(bits)
	if res != nil {
		d.bitResult(res, t.Number, bits)
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
		d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceNoTracks)})
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
