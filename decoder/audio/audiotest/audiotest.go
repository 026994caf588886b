// Package audiotest synthesises recordings of swipes, for testing package
// audio and the code built on it, as net/http/httptest serves tests of
// net/http. Real recordings of card data cannot be shared; synthetic ones
// can be made for any track, speed, noise and sample rate.
//
// Besides noise, a synthetic swipe can hold what real recordings do
// (Options.Ramp, Overshoot, HighPassHz, Offset, Wander, Clicks). Their
// sizes were measured on the read-head recordings of MetroCards in
// decoder/testdata/real (see its README): within one swipe the bit cell
// shortens by 1.3× to 1.9× (mta-new-metrocard-ezpay, mta-metrocard-stu;
// the hand swipe of a bank card, 5–10×), and the pulse height
// grows with the speed, as speed^0.7 to speed^1.8 by least squares over
// the bit cells; the 44.1 kHz files carry a DC offset of 0.0075 of full
// scale (2.6 % of the pulse height), and over 5 ms windows their baseline
// moves by 8 % of the pulse height within a swipe; stray bursts between
// swipes reach 0.001 to 0.002 of full scale, 45 dB below the swipes.
package audiotest

import (
	"math"
	"math/rand/v2"
	"slices"

	"magcheck/decoder/audio"
	"magcheck/decoder/iso7811"
)

// Track synthesises a swipe of one track written as its characters,
// sentinels included: alpha (track 1) when it starts with '%', numeric
// otherwise, with 20 clocking zeros before and after. Unless o.BPI says
// otherwise it is recorded at its track's density: a numeric track short
// enough for track 2 (40 characters) at track 2's, any other at track 1's
// and 3's.
func Track(text string, o Options) (audio.Samples, error) {
	f, track := iso7811.Numeric, 2
	switch {
	case text != "" && text[0] == '%':
		f, track = iso7811.Alpha, 1
	case len(text) > iso7811.MaxLength(2):
		track = 3
	}
	bits, err := iso7811.Encode(text, f, 20, 20)
	if err != nil {
		return audio.Samples{}, err
	}
	if o.BPI == 0 {
		o.BPI = iso7811.TrackDensity(track)
	}
	return Synthesize(bits, o), nil
}

// Options describes a synthetic swipe. Zero values take the defaults in
// brackets.
type Options struct {
	Rate     int     // sample rate, Hz [48000]
	SpeedIPS float64 // mean speed, inches per second [20]
	// Profile shapes the speed along the swipe: "constant" [the default,
	// and any unknown name], "accelerating" (from 1−Variation to 1+Variation times SpeedIPS) or
	// "stuttering" (swings of ±Variation, one per inch of stripe: about
	// three along a card).
	Profile   string
	Variation float64 // relative speed swing: 0.2 = ±20 %
	SNRdB     float64 // signal power over white-noise power [0: no noise]
	// PeakSNRdB, when set, replaces SNRdB: the pulse height at the mean
	// speed (Amplitude) over the RMS of the white noise, the measure a
	// read-head recording's noise limit is quoted in.
	PeakSNRdB float64
	// PulseJitter moves every flux reversal by a normal deviate of this
	// many half cells RMS, each on its own: a hand that trembles, a head
	// that reads each reversal a little early or late.
	PulseJitter float64
	// Pad is the seconds of noise before and after the swipe [0.025].
	Pad       float64
	Amplitude float64 // pulse height at the mean speed [0.5]; louder clips at ±1
	Polarity  int     // sign of the first pulse: −1, else +1
	Reverse   bool    // swiped the other way: the head meets the last bit first
	BPI       int     // recording density [210]
	// LeadingZeros clocking zeros are added before and after bits
	// (iso7811.Encode already adds its own).
	LeadingZeros int
	Seed         int64 // seeds the noise and the stutter's phase

	// Defects of the stripe, for grading its quality.
	//
	// Jitter is the encoder's spacing error: each cell's length is
	// scaled by 1 + u and a 1's mid-cell reversal moved by v of its half
	// cell, u and v normal with 95 % of them within ±Jitter (σ =
	// Jitter/2), cut at ±2·Jitter [0].
	Jitter float64
	// WeakFrom and WeakTo place a weak stretch of stripe, as fractions
	// of the recorded bits (0..1, in the card's order), and WeakFactor
	// scales its pulses [1]: 0.25 writes them at a quarter height.
	WeakFrom, WeakTo, WeakFactor float64

	// What real recordings hold besides the stripe (see the package
	// documentation for the sizes measured on real ones).
	//
	// Ramp, with Profile "ramp", is how many times faster the swipe ends
	// than it starts [10]: the card starts from rest and is pushed with
	// a steady force, so its speed grows as the square root of the
	// distance it has moved; SpeedIPS stays the mean.
	Ramp float64
	// Overshoot gives every pulse the lobes of opposite sign that a real
	// head's pole tips and a reader's peaking amplifier add either side
	// of it, each this part of the pulse's height [0]: 0.3 is a lobe
	// 30 % deep.
	Overshoot float64
	// HighPassHz couples the head to the input through a first-order
	// high-pass filter with this corner [0: none], as a sound card's
	// input capacitor does: a slow, wide pulse then sags and undershoots.
	HighPassHz float64
	// Offset is a DC offset added to every sample, in full scale.
	Offset float64
	// Wander moves the baseline slowly (a few hertz) by up to this part
	// of Amplitude either way, as hum pickup and a drifting bias do.
	Wander float64
	// Clicks is the height, in parts of Amplitude, of the click heard
	// where the head touches the card's edge, before the first pulse,
	// and where it leaves it, after the last [0: none].
	Clicks float64
}

// weak reports whether bit i of n, in the order read, lies in the weak
// stretch; WeakFrom and WeakTo count in the card's order.
func (o Options) weak(i, n int) bool {
	if !(o.WeakFactor > 0) || o.WeakFactor == 1 || !(o.WeakTo > o.WeakFrom) {
		return false
	}
	p := (float64(i) + 0.5) / float64(n)
	if o.Reverse {
		p = 1 - p
	}
	return p >= o.WeakFrom && p < o.WeakTo
}

// Shape of synthetic swipes.
const (
	synthPad   = 0.025 // seconds of noise before and after the swipe
	synthWidth = 0.3   // half width at half height of a pulse, in half cells
	pulseReach = 10    // pulses are drawn out to this many half widths
)

// Synthesize returns a recording of bits read by a head: o.Pad of noise, a
// pulse at every flux reversal and o.Pad of noise. Pulses alternate in sign,
// have a Lorentzian shape whose width is a fixed fraction of the local bit
// cell, and grow with the local speed as a head's output does. The result is
// clipped to ±1 and cut at audio.MaxSamples.
func Synthesize(bits []byte, o Options) audio.Samples {
	if o.Rate <= 0 {
		o.Rate = 48000
	}
	if !(o.SpeedIPS > 0) {
		o.SpeedIPS = 20
	}
	if !(o.Amplitude > 0) {
		o.Amplitude = 0.5
	}
	if o.BPI <= 0 {
		o.BPI = 210
	}
	if !(o.Variation > 0) { // NaN too
		o.Variation = 0
	}
	o.Variation = min(0.9, o.Variation)
	sign := 1.0
	if o.Polarity < 0 {
		sign = -1
	}
	if !(o.Ramp > 1) {
		o.Ramp = 10
	}
	speedOf := speedProfile(o, len(bits)+2*max(0, o.LeadingZeros))
	seq := make([]byte, 0, len(bits)+2*max(0, o.LeadingZeros))
	seq = append(seq, make([]byte, max(0, o.LeadingZeros))...)
	seq = append(seq, bits...)
	seq = append(seq, make([]byte, max(0, o.LeadingZeros))...)
	if o.Reverse {
		slices.Reverse(seq)
	}
	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x9e3779b97f4a7c15))
	phase := 2 * math.Pi * rng.Float64()
	// The defects have their own generator, so that a recording without
	// them keeps its noise.
	defects := rand.New(rand.NewPCG(uint64(o.Seed), 0x5851f42d4c957f2d))
	jitter := 0.0
	if o.Jitter > 0 {
		jitter = min(0.4, o.Jitter) // cells stay longer than their half
	}

	// The pulse jitter draws come before the noise's only when asked for,
	// so that a seed gives the noise it gave before PulseJitter existed.
	pulseJitter := func(cell float64) float64 {
		if !(o.PulseJitter > 0) {
			return 0
		}
		return o.PulseJitter * cell / 2 * rng.NormFloat64()
	}
	type pulse struct{ t, a, w float64 }
	var pulses []pulse
	if !(o.Pad > 0) {
		o.Pad = synthPad
	}
	pad := min(o.Pad, audio.MaxSeconds/4) * float64(o.Rate)
	t := pad
	var v float64
	for i, b := range seq {
		v = speedOf(i, phase)
		cell := float64(o.Rate) / (float64(o.BPI) * o.SpeedIPS * v)
		a, w := o.Amplitude*v, synthWidth*cell/2
		mid := 0.5
		if jitter > 0 {
			dev := func() float64 { return max(-2*jitter, min(2*jitter, jitter/2*defects.NormFloat64())) }
			cell *= 1 + dev()
			mid *= 1 + dev()
		}
		if o.weak(i, len(seq)) {
			a *= o.WeakFactor
		}
		pulses = append(pulses, pulse{t + pulseJitter(cell), a, w})
		if b != 0 {
			pulses = append(pulses, pulse{t + cell*mid + pulseJitter(cell), a, w})
		}
		t += cell
	}
	if len(seq) > 0 {
		pulses = append(pulses, pulse{t: t, a: o.Amplitude * v, w: pulses[len(pulses)-1].w})
	}

	data := make([]float32, int(min(audio.MaxSamples, t+pad+1)))
	shape := pulseShape(o.Overshoot)
	for _, p := range pulses {
		lo := max(0, int(math.Ceil(p.t-pulseReach*p.w)))
		hi := min(len(data)-1, int(p.t+pulseReach*p.w))
		for k := lo; k <= hi; k++ {
			u := (float64(k) - p.t) / p.w
			data[k] += float32(sign * p.a * shape(u))
		}
		sign = -sign
	}
	if len(pulses) > 0 {
		addPhysics(data, o, pulses[0].t, pulses[len(pulses)-1].t)
	}
	finite := func(v float64) bool { return v != 0 && !math.IsNaN(v) && !math.IsInf(v, 0) }
	sigma := 0.0
	switch {
	case finite(o.PeakSNRdB):
		sigma = o.Amplitude * math.Pow(10, -o.PeakSNRdB/20)
	case finite(o.SNRdB):
		lo, hi := min(len(data), int(pad)), min(len(data), int(t)+1)
		power := 0.0
		for _, v := range data[lo:hi] {
			power += float64(v) * float64(v)
		}
		sigma = math.Sqrt(power/float64(max(1, hi-lo))) * math.Pow(10, -o.SNRdB/20)
	}
	if sigma > 0 {
		for k := range data {
			data[k] += float32(sigma * rng.NormFloat64())
		}
	}
	for k, v := range data {
		data[k] = max(-1, min(1, v))
	}
	return audio.Samples{Rate: o.Rate, Data: data}
}

// speedProfile returns the speed of bit i of n, in parts of SpeedIPS, in
// the order the head meets them.
func speedProfile(o Options, n int) func(i int, phase float64) float64 {
	switch o.Profile {
	case "accelerating":
		return func(i int, _ float64) float64 {
			p := (float64(i) + 0.5) / float64(n)
			return 1 - o.Variation + 2*o.Variation*p
		}
	case "stuttering":
		return func(i int, phase float64) float64 {
			inch := (float64(i) + 0.5) / float64(o.BPI)
			return 1 + o.Variation*math.Sin(2*math.Pi*inch+phase)
		}
	case "ramp":
		// From rest under a steady push, v² grows with the distance
		// moved: v ∝ √(x + x0), x0 set so the last bit is Ramp times the
		// first; scaled so the mean is 1.
		at := func(i int) float64 { return (float64(i) + 0.5) / float64(max(n, 1)) }
		r2 := o.Ramp * o.Ramp
		x0 := max(0, (at(n-1)-r2*at(0))/(r2-1))
		raw := func(i int) float64 { return math.Sqrt(at(i) + x0) }
		mean := 0.0
		for i := range n {
			mean += raw(i)
		}
		mean /= float64(max(n, 1))
		return func(i int, _ float64) float64 { return raw(i) / mean }
	}
	return func(int, float64) float64 { return 1 }
}

// overshootAt is where a pulse's overshoot lobes lie, in half widths
// either side of it: about where a head's pole tips are.
const overshootAt = 3

// pulseShape returns a pulse's shape over u, its distance from the
// reversal in half widths, with height 1 at u = 0: a Lorentzian, less
// lobes overshoot deep either side.
func pulseShape(overshoot float64) func(u float64) float64 {
	lorentz := func(u float64) float64 { return 1 / (1 + u*u) }
	if !(overshoot > 0) {
		return lorentz
	}
	o := min(overshoot, 1)
	norm := 1 - 2*o*lorentz(overshootAt)
	return func(u float64) float64 {
		return (lorentz(u) - o*(lorentz(u-overshootAt)+lorentz(u+overshootAt))) / norm
	}
}

// Constants of the recording's own sounds.
const (
	clickLead  = 0.004 // seconds between a click and the first (or after the last) pulse
	clickHz    = 1800  // a click rings at about this frequency
	clickDecay = 0.001 // and dies away with this time constant, seconds
	wanderHz1  = 1.7   // the baseline wanders at these two frequencies
	wanderHz2  = 5.3
)

// addPhysics adds to the pulses in data, first and last at sample
// positions first and last, what o asks of a real recording: the clicks
// of the head meeting and leaving the card, the input's AC coupling, the
// baseline's wander and a DC offset. It draws on a generator of its own,
// so that a recording without them keeps the noise it had.
func addPhysics(data []float32, o Options, first, last float64) {
	rate := float64(o.Rate)
	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x2545f4914f6cdd1d))
	if o.Clicks > 0 {
		for _, at := range []float64{first - clickLead*rate, last + clickLead*rate} {
			ph := 2 * math.Pi * rng.Float64()
			lo := max(0, int(at))
			for k := lo; k < min(len(data), lo+int(8*clickDecay*rate)); k++ {
				dt := (float64(k) - at) / rate
				data[k] += float32(o.Clicks * o.Amplitude * math.Exp(-dt/clickDecay) * math.Sin(2*math.Pi*clickHz*dt+ph))
			}
		}
	}
	if o.HighPassHz > 0 {
		a := math.Exp(-2 * math.Pi * o.HighPassHz / rate)
		prevX, prevY := 0.0, 0.0
		for k, v := range data {
			prevY = a * (prevY + float64(v) - prevX)
			prevX = float64(v)
			data[k] = float32(prevY)
		}
	}
	if o.Wander != 0 || o.Offset != 0 {
		p1, p2 := 2*math.Pi*rng.Float64(), 2*math.Pi*rng.Float64()
		for k := range data {
			t := float64(k) / rate
			w := 0.6*math.Sin(2*math.Pi*wanderHz1*t+p1) + 0.4*math.Sin(2*math.Pi*wanderHz2*t+p2)
			data[k] += float32(o.Offset + o.Wander*o.Amplitude*w)
		}
	}
}
