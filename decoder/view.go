package decoder

import (
	"math"
	"slices"
	"strings"

	"magcheck/decoder/card"
	"magcheck/decoder/keyboard"
	"magcheck/message"
)

// View is a report rendered for people and programs in one language, with
// card data masked unless revealed: the one render step behind the page,
// the text report and the exports. Values keep their codes (status "ok",
// brand "visa") for programs, each beside its words in the View's language
// (the *Text fields) for people. Its JSON form is the output of
// `magcheck decode --json`.
type View struct {
	Lang       string        `json:"lang"`
	Input      string        `json:"input"`
	InputText  string        `json:"input_text"`
	Layout     string        `json:"layout"`
	LayoutText string        `json:"layout_text"`
	CapsLock   bool          `json:"caps_lock"`
	Tracks     []TrackView   `json:"tracks"`
	Card       *CardView     `json:"card"`
	Findings   []FindingView `json:"findings"`
	Verdict    string        `json:"verdict"`
	Fault      string        `json:"fault"`
	// TerminalSaid is the code of what the POS terminal said (Report.Told),
	// "" when nothing was chosen; TerminalSaidText words it, with the
	// terminal's own words.
	TerminalSaid     string      `json:"terminal_said"`
	TerminalSaidText string      `json:"terminal_said_text,omitempty"`
	Timing           *TimingView `json:"timing,omitempty"`
	Reader           *ReaderView `json:"reader,omitempty"`
	// ReaderFacts is what the swipe says of the reader in use and its
	// set-up, in words: the page's Reader panel and the text report.
	ReaderFacts []FactView `json:"reader_facts,omitempty"`
	Audio       *AudioView `json:"audio,omitempty"`
}

// ReaderView is what the reader said about itself and the swipe, as a View
// shows it: its ReaderInfo, the evidence worded in the View's language.
type ReaderView struct {
	ReaderInfo
	Evidence []string `json:"evidence,omitempty"`
}

// AudioView is the signal quality of an audio swipe.
type AudioView struct {
	BPI                int     `json:"bpi"`
	SpeedIPS           float64 `json:"speed_ips"`
	SpeedVariation     float64 `json:"speed_variation"`
	SamplesPerHalfCell float64 `json:"samples_per_half_cell"`
	Peak               float64 `json:"peak"`
	SNRdB              float64 `json:"snr_db"`
	Clipped            bool    `json:"clipped"`
	Polarity           int     `json:"polarity"`
	FailedBits         int     `json:"failed_bits"`
	// Quality is the stripe quality when its track is unknown; else it
	// is on the track.
	Quality *QualityView `json:"quality,omitempty"`
}

// TrackView is one track of a View.
type TrackView struct {
	Number         int         `json:"number"`
	Status         string      `json:"status"`
	StatusText     string      `json:"status_text"`
	Text           string      `json:"text"`
	Errors         []string    `json:"errors"`
	ErrorPositions []int       `json:"error_positions,omitempty"`
	Fields         []FieldView `json:"fields,omitempty"`
	Bits           *BitsView   `json:"bits,omitempty"`
	// Quality is the stripe quality of the track an audio swipe read.
	Quality *QualityView `json:"quality,omitempty"`
}

// BitsView places a track read bit by bit along the stripe (TrackBits):
// the stream's length in bits and each character's bits, with what it
// reads as, masked as Text is.
type BitsView struct {
	Total int           `json:"total"`
	Chars []BitCharView `json:"chars"`
	// Raw and Reversed are the bits of a track with its own encoding
	// (status non_iso), as recorded and the other way, masked unless
	// revealed: they may hold a ticket's or a badge's number.
	Raw      string `json:"raw,omitempty"`
	Reversed string `json:"reversed,omitempty"`
}

// BitCharView is one character of a BitsView: bits [From, To) of the
// stream as recorded.
type BitCharView struct {
	From  int    `json:"from"`
	To    int    `json:"to"`
	Char  string `json:"char"`            // the character as Text shows it; "LRC" for the check character
	Bits  string `json:"bits"`            // its bits as read, data first, parity last; masked as the character is
	LRC   bool   `json:"lrc,omitempty"`   // the check character after the end sentinel
	Error string `json:"error,omitempty"` // the finding code marked there: parity_error or lrc_error
}

// FieldView locates a decoded field in TrackView.Text.
type FieldView struct {
	Name   string `json:"name"`
	Label  string `json:"label"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Masked bool   `json:"masked,omitempty"`
}

// CardView is the card summary of a View.
type CardView struct {
	Kind            string       `json:"kind"`
	KindText        string       `json:"kind_text"`
	Brand           string       `json:"brand"`
	BrandText       string       `json:"brand_text"`
	PAN             string       `json:"pan"`
	PANLast4        string       `json:"pan_last4"`
	PANLength       int          `json:"pan_length"`
	Luhn            bool         `json:"luhn"`
	LuhnText        string       `json:"luhn_text"`
	ReaderMasked    bool         `json:"reader_masked,omitempty"`
	Name            string       `json:"name"`
	Expiry          string       `json:"expiry"`
	ServiceCode     string       `json:"service_code"`
	ServiceCodeText string       `json:"service_code_text,omitempty"`
	Licence         *LicenceView `json:"licence,omitempty"`
	// ExpiryText is "no real expiry (0001)" for a closed-loop card's dummy
	// expiry (card.Expiry.Dummy), which is no date; "" otherwise.
	ExpiryText string `json:"expiry_text,omitempty"`
}

// LicenceView is the AAMVA part of a CardView; personal fields are masked
// unless revealed.
type LicenceView struct {
	State     string `json:"state"`
	IIN       string `json:"iin,omitempty"`
	City      string `json:"city,omitempty"`
	Name      string `json:"name,omitempty"`
	Address   string `json:"address,omitempty"`
	Number    string `json:"number,omitempty"`
	Expiry    string `json:"expiry,omitempty"`
	BirthDate string `json:"birth_date,omitempty"`
}

// FindingView is a finding in one language.
type FindingView struct {
	Code         string `json:"code"`
	Severity     string `json:"severity"`
	SeverityText string `json:"severity_text"`
	Title        string `json:"title"`
	Track        int    `json:"track,omitempty"`
	Evidence     string `json:"evidence,omitempty"`
	Message      string `json:"message"`
	Action       string `json:"action"`
}

// TimingView is the keystroke timing of a keyboard capture.
type TimingView struct {
	Keys           int     `json:"keys"`
	DurationMS     float64 `json:"duration_ms"`
	CharsPerSecond float64 `json:"chars_per_second"`
	MedianGapMS    float64 `json:"median_gap_ms"`
	MaxGapMS       float64 `json:"max_gap_ms"`
	Stalls         int     `json:"stalls"`
}

// View renders r in language l. Card data (PAN, name, discretionary data,
// licence details) is masked unless reveal is true.
func (r *Report) View(l message.Lang, reveal bool) View {
	v := View{
		Lang:      string(l),
		Input:     string(r.Input),
		InputText: nameOf(inputNames, r.Input, l),
		Layout:    string(r.Layout),
		CapsLock:  r.CapsLock,
		Tracks:    make([]TrackView, 0, 3),
		Findings:  make([]FindingView, 0, len(r.Findings)),
		Verdict:   r.Verdict(l),
		Fault:     string(r.Fault),
	}
	if ri := r.Reader; ri != nil {
		v.Reader = &ReaderView{ReaderInfo: *ri}
		for _, e := range ri.Evidence {
			v.Reader.Evidence = append(v.Reader.Evidence, e.In(l))
		}
	}
	if r.Terminal != SaidNothing {
		v.TerminalSaid, v.TerminalSaidText = string(r.Terminal), r.Terminal.In(l)
	}
	if v.Layout == "" {
		v.Layout = "us"
	}
	v.ReaderFacts = readerFacts(r, l)
	v.LayoutText = nameOf(layoutNames, keyboard.Layout(v.Layout), l)
	for _, t := range r.Tracks {
		v.Tracks = append(v.Tracks, t.view(l, reveal))
	}
	if r.Card != nil {
		v.Card = cardView(r.Card, l, reveal)
	}
	for _, f := range r.Findings {
		w := f.words(l)
		v.Findings = append(v.Findings, FindingView{
			Code:         string(f.Code),
			Severity:     string(f.Severity),
			SeverityText: nameOf(severityNames, f.Severity, l),
			Title:        w.Title,
			Track:        f.Track,
			Evidence:     f.Evidence.In(l),
			Message:      w.Cause,
			Action:       w.Action,
		})
	}
	if t := r.Timing; t != nil {
		v.Timing = &TimingView{
			Keys:           t.Keys,
			DurationMS:     round1(t.Duration),
			CharsPerSecond: round1(t.CharsPerSecond),
			MedianGapMS:    round1(t.MedianGap),
			MaxGapMS:       round1(t.MaxGap),
			Stalls:         t.Stalls,
		}
	}
	if q := r.Audio; q != nil {
		v.Audio = &AudioView{
			BPI:                q.BPI,
			SpeedIPS:           roundTo(q.SpeedIPS, 10),
			SpeedVariation:     roundTo(q.SpeedVariation, 1000),
			SamplesPerHalfCell: roundTo(q.SamplesPerHalfCell, 10),
			Peak:               roundTo(q.Peak, 1000),
			SNRdB:              roundTo(q.SNRdB, 10),
			Clipped:            q.Clipped,
			Polarity:           q.Polarity,
			FailedBits:         len(q.FailedBits),
		}
	}
	if s := r.Stripe; s != nil {
		switch qv := s.view(l); {
		case s.Track >= 1 && s.Track <= len(v.Tracks):
			v.Tracks[s.Track-1].Quality = qv
		case v.Audio != nil:
			v.Audio.Quality = qv
		}
	}
	return v
}

// roundTo rounds x to the nearest 1/n.
func roundTo(x, n float64) float64 { return math.Round(x*n) / n }

func round1(x float64) float64 {
	return float64(int64(x*10+0.5)) / 10
}

func (t Track) view(l message.Lang, reveal bool) TrackView {
	tv := TrackView{Number: t.Number, Status: string(t.Status), StatusText: nameOf(statusNames, t.Status, l), Errors: []string{}}
	tv.Text = t.Text
	if !reveal {
		tv.Text = t.MaskedText()
	}
	for _, e := range t.Errors {
		s := Finding{Code: e.Code}.words(l).Title
		if e.Pos >= 0 {
			tv.ErrorPositions = append(tv.ErrorPositions, e.Pos)
			s = l.Format(message.Position, e.Pos, s)
		}
		tv.Errors = append(tv.Errors, s)
	}
	for _, f := range t.Fields {
		tv.Fields = append(tv.Fields, FieldView{Name: f.Name, Label: nameOf(fieldNames, f.Name, l),
			Start: f.Start, End: f.End, Masked: f.Sensitive && !reveal})
	}
	if b := t.Bits; b != nil {
		tv.Bits = &BitsView{Total: b.Total, Chars: []BitCharView{}}
		if b.Raw != "" {
			raw := []byte(b.Raw)
			if !reveal {
				raw = []byte(strings.Repeat(string(maskRune), len(raw)))
			}
			tv.Bits.Raw = string(raw)
			slices.Reverse(raw)
			tv.Bits.Reversed = string(raw)
		}
		for i, c := range b.Chars {
			cv := BitCharView{From: c.From, To: c.To, Bits: c.Value, LRC: c.LRC, Error: string(c.Error)}
			switch {
			case c.LRC:
				cv.Char = l.Text(message.BitsLRC)
			case i < len(tv.Text):
				cv.Char = tv.Text[i : i+1]
				if tv.Text[i] != t.Text[i] { // masked: its bits would tell the digit
					cv.Bits = strings.Repeat(string(maskRune), len(c.Value))
				}
			}
			tv.Bits.Chars = append(tv.Bits.Chars, cv)
		}
	}
	return tv
}

func cardView(c *card.Card, l message.Lang, reveal bool) *CardView {
	cv := &CardView{
		Kind:         string(c.Kind),
		KindText:     nameOf(kindNames, c.Kind, l),
		Brand:        string(c.Brand),
		PANLength:    len(c.PAN),
		Luhn:         c.Luhn,
		ReaderMasked: c.Masked,
		ServiceCode:  string(c.ServiceCode),
		Name:         c.Name.String(),
		PAN:          c.PAN,
	}
	if c.Expiry.Valid() {
		cv.Expiry = c.Expiry.String()
	}
	if c.ClosedLoop() && c.Expiry.Dummy() {
		cv.ExpiryText = l.Format(message.NoRealExpiry, c.Expiry.Raw)
	}
	if cv.Brand == "" {
		cv.Brand = string(card.BrandUnknown)
	}
	cv.BrandText = nameOf(brandNames, card.Brand(cv.Brand), l)
	switch {
	case c.Masked:
		cv.LuhnText = l.Text(message.LuhnMasked)
	case c.Luhn:
		cv.LuhnText = l.Text(message.LuhnOK)
	default:
		cv.LuhnText = l.Text(message.LuhnBad)
	}
	if len(c.PAN) >= 4 {
		cv.PANLast4 = c.PAN[len(c.PAN)-4:]
	}
	if c.ServiceCode != "" {
		cv.ServiceCodeText = serviceCodeText(c.ServiceCode, l)
	}
	if lic := c.Licence; lic != nil {
		cv.Licence = &LicenceView{State: lic.State, IIN: lic.IIN, Expiry: lic.Expiry.String(),
			City: lic.City, Name: lic.Name, Address: lic.Address, Number: lic.Number, BirthDate: lic.BirthDate}
	}
	if !reveal {
		cv.PAN = card.MaskPAN(c.PAN)
		cv.Name = maskAll(cv.Name)
		if lic := cv.Licence; lic != nil {
			lic.City, lic.Name, lic.Address = maskAll(lic.City), maskAll(lic.Name), maskAll(lic.Address)
			lic.Number, lic.BirthDate = maskAll(lic.Number), maskAll(lic.BirthDate)
		}
	}
	return cv
}
