// Bit streams: a track read bit by bit (a raw read, a pasted stream, a
// recording), placed along the stripe, or a card's own encoding.

package decoder

import (
	"errors"

	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// TrackBits places a track that was read bit by bit (a raw read, a bit
// stream, a sound recording) along the stripe: where each character's bits
// lie in the stream as recorded, so that a picture can show a parity or
// LRC error at its place, and the clocking zeros before and after.
type TrackBits struct {
	Total int        // bits in the stream
	Chars []CharBits // in the order read: start sentinel first, the LRC last when read
	// Raw holds the stream's bits as recorded, '0' and '1', when they hold
	// no ISO 7811 track (the card's own encoding), and Chars is empty.
	Raw string
}

// CharBits is one character's place in the stream.
type CharBits struct {
	From, To int    // bits [From, To) of the stream as recorded
	Value    string // its bits as read, '0' and '1', data bits first and the parity bit last
	LRC      bool   // the longitudinal redundancy check after the end sentinel
	Error    Code   // ParityError or LRCError; "" when the character is sound
}

// trackBits lays out res, decoded from bits. A reversed decode read the
// stream from its end, so its characters run down the stream.
func trackBits(res *iso7811.Result, bits []byte) *TrackBits {
	k, total := res.Format.CharBits(), len(bits)
	if k == 0 || total == 0 {
		return nil
	}
	errs := map[int]Code{}
	for _, e := range res.Errors {
		if _, ok := errs[e.Pos]; ok {
			continue // an LRC with bad parity that does not match either: one mark
		}
		switch e.Kind {
		case iso7811.ParityError:
			errs[e.Pos] = ParityError
		case iso7811.LRCError:
			errs[e.Pos] = LRCError
		}
	}
	n := len(res.Text)
	if res.LRCFound {
		n++
	}
	tb := &TrackBits{Total: total}
	for i := range n {
		first := res.StartBit + i*k
		from, to := first, first+k
		if res.Reversed {
			first = res.StartBit - i*k
			from, to = first-k+1, first+1
		}
		if from < 0 || to > total {
			break
		}
		v := make([]byte, k)
		for j := range v {
			b := bits[from+j]
			if res.Reversed {
				b = bits[to-1-j]
			}
			v[j] = '0' + b&1
		}
		tb.Chars = append(tb.Chars, CharBits{From: from, To: to, Value: string(v), LRC: i == len(res.Text), Error: errs[i]})
	}
	return tb
}

// rawBits lays out bits that hold no ISO 7811 track: all of them, as
// recorded.
func rawBits(bits []byte) *TrackBits {
	b := make([]byte, len(bits))
	for i, v := range bits {
		b[i] = '0'
		if v != 0 {
			b[i] = '1'
		}
	}
	return &TrackBits{Total: len(bits), Raw: string(b)}
}

// ownEncoding records bits that hold no ISO 7811 track as track n: the
// card's own encoding, its raw bits shown, and no parity, LRC, sentinel
// or malformed-track finding, which only ISO characters can have.
func (d *diagnosis) ownEncoding(n int, bits []byte, evidence message.Message) {
	t := &d.r.Tracks[n-1]
	t.Status, t.Bits = StatusNonISO, rawBits(bits)
	d.reads[n-1] = &TrackRead{Number: n, Status: StatusNonISO}
	d.add(Finding{Code: NonISOEncoding, Track: n, Evidence: evidence})
}

// bitTrack decodes the raw bits of track n, or with n 0 of the track its
// character set says (track 1 for 7-bit characters, else 2). Bits that no
// ISO 7811 framing explains are a card's own encoding, shown raw.
func (d *diagnosis) bitTrack(n int, bits []byte) {
	if iso7811.OwnEncoding(bits) {
		if n == 0 {
			n = 2 // a single track that says not which: where one usually is
		}
		d.ownEncoding(n, bits, message.New(message.EvidenceOwnEncodingBits, len(bits)))
		return
	}
	res, err := iso7811.Decode(bits)
	if res == nil {
		ev := message.New(message.EvidenceNoStartFound)
		if err != nil {
			ev = Explain(err)
		}
		d.noTrack(err, ev)
		if n > 0 {
			d.r.Findings[len(d.r.Findings)-1].Track = n
		}
		return
	}
	if n == 0 {
		n = 2
		if res.Format == iso7811.Alpha {
			n = 1
		}
	}
	d.bitResult(res, n, bits)
}

// noTrack records a bit stream in which no track decoded: no data when the
// stream is blank, a malformed track when the decoder found something else
// wrong.
func (d *diagnosis) noTrack(err error, evidence message.Message) {
	code := NoData
	if err != nil && !isNoData(err) {
		code = TrackMalformed
	}
	d.add(Finding{Code: code, Evidence: evidence})
}

// bitResult records a track decoded from bits as track n, its character
// errors placed in the text and its characters along the stream.
func (d *diagnosis) bitResult(res *iso7811.Result, n int, bits []byte) {
	tr := TrackRead{Number: n, Status: StatusOK, Text: res.Text, Start: true}
	for _, e := range res.Errors {
		code := ParityError
		switch e.Kind {
		case iso7811.LRCError:
			code = LRCError
		case iso7811.MissingEndSentinel:
			code = MissingEndSentinel
		}
		pos := e.Pos
		if pos >= len(res.Text) {
			pos = -1 // the LRC is not part of the shown text
		}
		tr.Errors = append(tr.Errors, TrackError{Pos: pos, Code: code})
	}
	d.read(tr)
	d.r.Tracks[n-1].Bits = trackBits(res, bits)
	if res.Reversed {
		d.add(Finding{Code: ReversedSwipe, Track: n, Evidence: message.New(message.EvidenceReversed)})
	}
}

func isNoData(err error) bool { return errors.Is(err, iso7811.ErrNoData) }
