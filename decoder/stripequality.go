package decoder

import (
	"slices"

	"magcheck/decoder/audio"
	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// StripeQuality is the graded quality of the stripe an audio swipe read.
// A bare head reads one track, so a swipe has one; Track is 0 when the
// track could not be identified (nothing decoded), and the speed is then
// unknown, as it is for a card with its own encoding (shown as track 2).
type StripeQuality struct {
	Track int
	audio.StripeQuality
}

// stripeQuality grades the stripe of sw, read as track n (0: unknown), and
// adds what it shows. Findings come only from a graded swipe: audio.Assess
// leaves ungraded a recording whose noise, clipping or sampling would pass
// for the card's faults.
func (d *diagnosis) stripeQuality(sw audio.Swipe, rate, n int) {
	bpi := 0
	if n > 0 && !d.has(NonISOEncoding) { // a card's own format has a density of its own
		bpi = iso7811.TrackDensity(n)
	}
	q := audio.Assess(sw, rate, bpi)
	d.r.Stripe = &StripeQuality{Track: n, StripeQuality: q}
	if q.Grade == audio.NotGraded {
		return
	}
	if len(q.WeakRegions) > 0 {
		w := slices.MinFunc(q.WeakRegions, func(a, b audio.WeakRegion) int {
			switch {
			case a.Amplitude < b.Amplitude:
				return -1
			case a.Amplitude > b.Amplitude:
				return 1
			}
			return 0
		})
		d.add(Finding{Code: StripeWorn, Track: n, Evidence: message.New(message.EvidenceWorn, w.From, w.To, w.Amplitude)})
	}
	// The spacing limits are ISO 7811's, for its encoders and readers: a
	// card with its own encoding is held to its own, and only its grade
	// shows how its spacing measures against them.
	if (q.BitVariation > audio.GoodSpacingPct || q.SubintervalVariation > audio.GoodSpacingPct) && !d.has(NonISOEncoding) {
		d.add(Finding{Code: StripeJitter, Track: n, Evidence: message.New(message.EvidenceJitter,
			q.BitVariation, q.SubintervalVariation, audio.GoodSpacingPct, audio.MarginalSpacingPct)})
	}
}

// QualityView is a StripeQuality in a View: percentages, the grade's code
// ("good", "marginal", "poor", or "not_graded") and its words.
type QualityView struct {
	Grade                   string           `json:"grade"`
	GradeText               string           `json:"grade_text"`
	BitVariationPct         float64          `json:"bit_variation_pct"`
	SubintervalVariationPct float64          `json:"subinterval_variation_pct"`
	AmplitudeMinPct         float64          `json:"amplitude_min_pct"`
	WeakRegions             []WeakRegionView `json:"weak_regions"`
	LeadingZeros            int              `json:"leading_zeros"`
	TrailingZeros           int              `json:"trailing_zeros"`
	SpeedIPS                *SpeedRangeView  `json:"speed_ips"` // null when the track, so its density, is unknown
}

// WeakRegionView is a weak stretch of stripe, placed in percent of its
// length, with its amplitude in percent of the track's median.
type WeakRegionView struct {
	FromPct      float64 `json:"from_pct"`
	ToPct        float64 `json:"to_pct"`
	AmplitudePct float64 `json:"amplitude_pct"`
}

// SpeedRangeView is the slowest and fastest speed of a swipe, in/s.
type SpeedRangeView struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

// notGraded words why a swipe was not graded.
var notGraded = []struct {
	why audio.NoGrade
	key message.Key
}{
	{audio.TooFewCells, message.NotGradedShort},
	{audio.NoisySignal, message.NotGradedNoise},
	{audio.ClippedInput, message.NotGradedClipped},
	{audio.CoarseSampling, message.NotGradedCoarse},
}

func (s *StripeQuality) view(l message.Lang) *QualityView {
	v := &QualityView{
		Grade:                   string(s.Grade),
		BitVariationPct:         roundTo(s.BitVariation, 10),
		SubintervalVariationPct: roundTo(s.SubintervalVariation, 10),
		AmplitudeMinPct:         roundTo(s.AmplitudeMin, 10),
		WeakRegions:             make([]WeakRegionView, 0, len(s.WeakRegions)),
		LeadingZeros:            s.LeadingZeros,
		TrailingZeros:           s.TrailingZeros,
	}
	switch s.Grade {
	case audio.Good:
		v.GradeText = l.Text(message.GradeGood)
	case audio.Marginal:
		v.GradeText = l.Text(message.GradeMarginal)
	case audio.Poor:
		v.GradeText = l.Text(message.GradePoor)
	default:
		v.Grade = "not_graded"
		for _, e := range notGraded {
			if e.why == s.NoGrade {
				v.GradeText = l.Text(e.key)
			}
		}
	}
	for _, w := range s.WeakRegions {
		v.WeakRegions = append(v.WeakRegions, WeakRegionView{FromPct: roundTo(w.From, 10), ToPct: roundTo(w.To, 10), AmplitudePct: roundTo(w.Amplitude, 10)})
	}
	if s.SpeedMax > 0 {
		v.SpeedIPS = &SpeedRangeView{Min: roundTo(s.SpeedMin, 10), Max: roundTo(s.SpeedMax, 10)}
	}
	return v
}

// Text is q as one line, for the text report and the page.
func (q *QualityView) Text(l message.Lang) string {
	s := l.Format(message.StripeQualityLine, q.GradeText, q.BitVariationPct, q.SubintervalVariationPct,
		q.AmplitudeMinPct, q.LeadingZeros, q.TrailingZeros)
	if q.SpeedIPS != nil {
		s += l.Text(message.ListSeparator) + l.Format(message.StripeSpeedRange, q.SpeedIPS.Min, q.SpeedIPS.Max)
	}
	return s
}
