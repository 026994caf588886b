package decoder

import (
	"math"
	"strconv"
	"strings"

	"magcheck/decoder/card"
)

// View is a report rendered for people and programs in one language, with
// card data masked unless revealed. Its JSON form is the output of
// `magcheck decode --json`; the page renders the same values.
type View struct {
	Lang     string        `json:"lang"`
	Input    string        `json:"input"`
	Layout   string        `json:"layout"`
	CapsLock bool          `json:"caps_lock"`
	Tracks   []TrackView   `json:"tracks"`
	Card     *CardView     `json:"card"`
	Findings []FindingView `json:"findings"`
	Verdict  string        `json:"verdict"`
	Fault    string        `json:"fault"`
	Timing   *TimingView   `json:"timing,omitempty"`
	Reader   *ReaderInfo   `json:"reader,omitempty"`
	Audio    *AudioView    `json:"audio,omitempty"`
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
}

// TrackView is one track of a View.
type TrackView struct {
	Number         int         `json:"number"`
	Status         string      `json:"status"`
	Text           string      `json:"text"`
	Errors         []string    `json:"errors"`
	ErrorPositions []int       `json:"error_positions,omitempty"`
	Fields         []FieldView `json:"fields,omitempty"`
}

// FieldView locates a decoded field in TrackView.Text.
type FieldView struct {
	Name   string `json:"name"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Masked bool   `json:"masked,omitempty"`
}

// CardView is the card summary of a View.
type CardView struct {
	Kind            string       `json:"kind"`
	Brand           string       `json:"brand"`
	PAN             string       `json:"pan"`
	PANLast4        string       `json:"pan_last4"`
	PANLength       int          `json:"pan_length"`
	Luhn            bool         `json:"luhn"`
	ReaderMasked    bool         `json:"reader_masked,omitempty"`
	Name            string       `json:"name"`
	Expiry          string       `json:"expiry"`
	ServiceCode     string       `json:"service_code"`
	ServiceCodeText string       `json:"service_code_text,omitempty"`
	Licence         *LicenceView `json:"licence,omitempty"`
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
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Track    int    `json:"track,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	Message  string `json:"message"`
	Action   string `json:"action"`
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

// maskRune replaces masked characters on screen and in exports.
const maskRune = card.MaskChar

// View renders r in language l. Card data (PAN, name, discretionary data,
// licence details) is masked unless reveal is true.
func (r *Report) View(l Lang, reveal bool) View {
	v := View{
		Lang:     string(l),
		Input:    string(r.Input),
		Layout:   string(r.Layout),
		CapsLock: r.CapsLock,
		Tracks:   make([]TrackView, 0, 3),
		Findings: make([]FindingView, 0, len(r.Findings)),
		Verdict:  r.Verdict(l),
		Fault:    string(r.Fault),
		Reader:   r.Reader,
	}
	if v.Layout == "" {
		v.Layout = "us"
	}
	for _, t := range r.Tracks {
		v.Tracks = append(v.Tracks, t.view(l, reveal))
	}
	if r.Card != nil {
		v.Card = cardView(r.Card, l, reveal)
	}
	for _, f := range r.Findings {
		v.Findings = append(v.Findings, FindingView{
			Code:     string(f.Code),
			Severity: string(f.Severity),
			Track:    f.Track,
			Evidence: f.Evidence,
			Message:  f.Message(l),
			Action:   f.Action(l),
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
	return v
}

// roundTo rounds x to the nearest 1/n.
func roundTo(x, n float64) float64 { return math.Round(x*n) / n }

func round1(x float64) float64 {
	return float64(int64(x*10+0.5)) / 10
}

func (t Track) view(l Lang, reveal bool) TrackView {
	tv := TrackView{Number: t.Number, Status: string(t.Status), Errors: []string{}}
	tv.Text = t.Text
	if !reveal {
		tv.Text = t.MaskedText()
	}
	for _, e := range t.Errors {
		s := e.Code.Title(l)
		if e.Pos >= 0 {
			tv.ErrorPositions = append(tv.ErrorPositions, e.Pos)
			s = positionWord(l) + " " + strconv.Itoa(e.Pos) + ": " + s
		}
		tv.Errors = append(tv.Errors, s)
	}
	for _, f := range t.Fields {
		tv.Fields = append(tv.Fields, FieldView{Name: f.Name, Start: f.Start, End: f.End, Masked: f.Sensitive && !reveal})
	}
	return tv
}

func positionWord(l Lang) string {
	if l == Chinese {
		return "位置"
	}
	return "position"
}

// MaskedText is Text with its sensitive fields masked: the PAN keeps its
// first six and last four digits, other sensitive fields keep only spaces
// and separators.
func (t Track) MaskedText() string {
	if len(t.Text) <= len("%E?") {
		return t.Text // a reader's error marker, or nothing: no card data
	}
	if len(t.Fields) == 0 {
		return maskUnparsed(t.Text)
	}
	b := []byte(t.Text)
	for _, f := range t.Fields {
		if !f.Sensitive || f.Start < 0 || f.End > len(b) || f.Start >= f.End {
			continue
		}
		if f.Name == "pan" {
			maskPANInPlace(b[f.Start:f.End])
			continue
		}
		for i := f.Start; i < f.End; i++ {
			if c := b[i]; c != ' ' && c != '/' && c != '$' && c != '^' && c != '=' {
				b[i] = maskRune
			}
		}
	}
	return string(b)
}

// maskUnparsed masks a track whose fields could not be located (truncated,
// malformed): without knowing where the PAN and name are, everything but
// the framing characters is hidden until revealed.
func maskUnparsed(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(framing, r) {
			return r
		}
		return maskRune
	}, s)
}

// framing are the characters that structure a track and carry no card data.
const framing = "%;+#!&?^=/$ "

// maskPANInPlace masks the PAN digits of a track span as card.MaskPAN
// does, keeping any spaces a track-1 PAN may carry.
func maskPANInPlace(b []byte) {
	digits := make([]byte, 0, len(b))
	for _, c := range b {
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
		}
	}
	masked := card.MaskPAN(string(digits))
	j := 0
	for i, c := range b {
		if c >= '0' && c <= '9' && j < len(masked) {
			b[i] = masked[j]
			j++
		}
	}
}

func maskAll(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' {
			return r
		}
		return maskRune
	}, s)
}

func cardView(c *card.Card, l Lang, reveal bool) *CardView {
	cv := &CardView{
		Kind:         string(c.Kind),
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
	if cv.Brand == "" {
		cv.Brand = string(card.BrandUnknown)
	}
	if len(c.PAN) >= 4 {
		cv.PANLast4 = c.PAN[len(c.PAN)-4:]
	}
	if c.ServiceCode != "" {
		cv.ServiceCodeText = c.ServiceCode.Describe(string(l))
	}
	if lic := c.License; lic != nil {
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
