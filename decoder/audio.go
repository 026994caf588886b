package decoder

import (
	"errors"
	"math"
	"slices"

	"magcheck/decoder/audio"
	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// Limits of a good audio swipe. Outside them the swipe may still decode,
// but a reader's head, or the recording, is near the edge of what it
// handles, and a marginal card will fail there first.
const (
	minSwipeIPS       = 5    // slower, and the head's pulses sink into the noise
	maxSwipeIPS       = 50   // faster than hand swipes readers are rated for
	maxSpeedVariation = 0.25 // (max−min)/(max+min) of the speed within the swipe
	weakSNRdB         = 10   // signal over noise
	weakPeak          = 0.01 // median pulse height, full scale 1 (−40 dBFS)
)

// AudioSwipe is one swipe of a recording: its Report, and the swipe it
// was made from, which says where in the recording the swipe lies and
// holds its bits and signal Quality for drawing.
type AudioSwipe struct {
	Report *Report
	Swipe  audio.Swipe
}

// DecodeAudio decodes a recording from an audio-jack reader or a
// microphone: each swipe found in it with its Report, none when it holds
// no swipe. It is the one way from samples to reports, so the command and
// the page judge a swipe alike.
func DecodeAudio(s audio.Samples, o Options) []AudioSwipe {
	swipes := audio.Decode(s)
	out := make([]AudioSwipe, len(swipes))
	for i, sw := range swipes {
		out[i] = AudioSwipe{Report: decodeAudioSwipe(sw, s.Rate, o), Swipe: sw}
	}
	return out
}

// decodeAudioSwipe makes the Report of one swipe from audio.Decode, recorded
// at rate samples per second. The Report keeps the swipe's Quality.
func decodeAudioSwipe(sw audio.Swipe, rate int, o Options) *Report {
	d := newDiagnosis(InputAudio, o)
	q := sw.Quality
	d.r.Audio = &q
	// Undersampled pulses that did not decode cleanly give characters, a
	// density and a speed that are guesses: report only why.
	undersampled := q.Undersampled()
	track := 0
	de, _ := errors.AsType[*audio.DecodeError](sw.Err)
	if de != nil && de.Kind == audio.FailNotISO {
		// A bare head reads one track; a card's own encoding does not say
		// which, and it is shown where a single track usually is.
		track = 2
		d.ownEncoding(track, sw.Bits, message.New(message.EvidenceOwnEncoding, len(sw.Bits), q.SNRdB))
	} else if res := sw.Result; res != nil && (sw.Err == nil || !undersampled) {
		track = audioTrack(res, q.BPI)
		d.bitResult(res, track, sw.Bits)
	} else {
		reason := message.New(message.EvidenceNoTrack)
		if de != nil {
			reason = audioProblem(de)
		}
		d.noTrack(errors.Unwrap(sw.Err), reason)
	}
	d.stripeQuality(sw, rate, track)
	if undersampled {
		d.add(Finding{Code: SwipeSpeed, Detail: "fast", Evidence: message.New(message.EvidenceUndersampled,
			q.SamplesPerHalfCell, rate, audio.MinSamplesPerHalfCell, fastestIPS(rate, 1), fastestIPS(rate, 2))})
	} else if !d.has(NonISOEncoding) {
		// A card's own format has no known density, so no speed; and its
		// clock locked, however the hand moved.
		d.swipeSpeed(q)
	}
	// A swipe that failed for clipping says so; one that read despite it
	// is at risk from the same input level.
	if q.Clipped && (de == nil || de.Kind != audio.FailClipped) {
		d.add(Finding{Code: SignalClipped, Evidence: message.New(message.EvidenceClipped)})
	}
	// Pulses low against the noise can be a weak stripe or a noisy reader,
	// cable or recording, which one recording cannot tell apart (the
	// stripe is not graded then either); pulses low against full scale,
	// clear of the noise, are the stripe's.
	switch {
	case q.SNRdB < weakSNRdB:
		d.add(Finding{Code: WeakSignal, Detail: "noisy", Evidence: message.New(message.EvidenceWeak, q.SNRdB, q.Peak*100)})
	case q.Peak < weakPeak:
		d.add(Finding{Code: WeakSignal, Evidence: message.New(message.EvidenceWeak, q.SNRdB, q.Peak*100)})
	}
	return d.finish()
}

// fastestIPS is how fast, in inches a second, a swipe of track n may pass
// the head to leave each half bit cell audio.MinSamplesPerHalfCell samples
// at rate.
func fastestIPS(rate, n int) float64 {
	return float64(rate) / float64(2*iso7811.TrackDensity(n)*audio.MinSamplesPerHalfCell)
}

// audioTrack numbers a track decoded from sound: the character set tells
// track 1 from the numeric tracks, and the density the decoder settled on
// tells track 2 (75 bpi) from track 3 (210 bpi).
func audioTrack(res *iso7811.Result, bpi int) int {
	switch {
	case res.Format == iso7811.Alpha:
		return 1
	case bpi == iso7811.TrackDensity(2):
		return 2
	}
	return 3
}

// swipeSpeed adds what the measured speed says.
func (d *diagnosis) swipeSpeed(q audio.Quality) {
	switch {
	case q.SpeedIPS > maxSwipeIPS:
		d.add(Finding{Code: SwipeSpeed, Detail: "fast", Evidence: message.New(message.EvidenceTooFast, q.SpeedIPS, maxSwipeIPS)})
	case q.SpeedIPS > 0 && q.SpeedIPS < minSwipeIPS:
		d.add(Finding{Code: SwipeSpeed, Detail: "slow", Evidence: message.New(message.EvidenceTooSlow, q.SpeedIPS, minSwipeIPS)})
	}
	if q.SpeedVariation > maxSpeedVariation && !onePush(q.Periods) {
		d.add(Finding{Code: SwipeSpeed, Detail: "uneven", Evidence: message.New(message.EvidenceUneven, q.SpeedIPS, q.SpeedVariation*100)})
	}
}

// maxSpeedSwing is how far, in parts of the mean speed, a swipe's speed
// may swing up and down beyond one rise and one fall and still be one
// push of the hand.
const maxSpeedSwing = 0.25

// onePush reports whether the speed along a swipe's bit periods rose and
// then fell at most once, smoothed over a sixteenth of the swipe: a hand
// pushes the card from rest, many times faster by the end, and may let it
// slow before it leaves the head. That is how hands swipe, however much
// the speed changes; a stop-and-go swipe or a jerk swings more.
func onePush(periods []float64) bool {
	n := len(periods)
	if n < 8 {
		return true
	}
	half := max(1, n/32)
	v := make([]float64, n)
	w := make([]float64, 0, 2*half+1)
	for i := range periods {
		w = w[:0]
		for _, p := range periods[max(0, i-half):min(n, i+half+1)] {
			if p > 0 {
				w = append(w, 1/p)
			}
		}
		if len(w) == 0 {
			return true
		}
		slices.Sort(w)
		v[i] = w[len(w)/2]
	}
	sum, top, swing := 0.0, 0.0, 0.0
	for i, x := range v {
		sum += x
		top = max(top, x)
		if i > 0 {
			swing += math.Abs(x - v[i-1])
		}
	}
	swing -= (top - v[0]) + (top - v[n-1])
	return swing <= maxSpeedSwing*sum/float64(n)
}
