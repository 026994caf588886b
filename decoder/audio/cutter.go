package audio

import "math"

// Cutter cuts live sound into swipes: a swipe starts with a block
// clearly above the noise floor and ends after quietSeconds of quiet, so
// that each is decoded as soon as the card has passed.
type Cutter struct {
	rate    int
	floor   float64   // RMS of the noise, following it slowly upwards
	pre     []float32 // the last preSeconds before a swipe: noise for the decoder's floor
	cur     []float32 // the swipe being heard; nil between swipes
	quiet   int       // samples of quiet at the end of cur
	silence int       // samples since the last signal
}

const (
	preSeconds     = 0.1
	quietSeconds   = 0.2
	maxSwipeSecs   = 10 // a swipe this long is cut and decoded anyway
	silenceSeconds = 10
	minLevel       = 1e-4 // below any real head signal: digital silence
)

// NewCutter returns a Cutter for sound at the given sample rate.
func NewCutter(rate int) *Cutter {
	return &Cutter{rate: max(rate, 1), floor: -1}
}

// Rate is the sample rate the Cutter was made for.
func (c *Cutter) Rate() int { return c.rate }

// Add takes the next block. It returns the samples of a swipe that ended
// with it, with the noise around it, and reports silence when nothing
// stood out for silenceSeconds (once, when the time is reached).
func (c *Cutter) Add(block []float32) (swipe []float32, silent bool) {
	var sum float64
	for _, x := range block {
		sum += float64(x) * float64(x)
	}
	rms := math.Sqrt(sum / float64(max(len(block), 1)))
	if c.floor < 0 {
		c.floor = rms
	}
	loud := rms > max(4*c.floor, minLevel)
	if c.cur == nil {
		if !loud {
			c.floor = min(rms, c.floor+(rms-c.floor)*0.05)
			c.pre = append(c.pre, block...)
			if over := len(c.pre) - int(preSeconds*float64(c.rate)); over > 0 {
				c.pre = c.pre[over:]
			}
			before := c.silence
			c.silence += len(block)
			limit := silenceSeconds * c.rate
			return nil, before < limit && c.silence >= limit
		}
		c.cur = append(append([]float32(nil), c.pre...), block...)
		c.pre, c.quiet, c.silence = nil, 0, 0
		return nil, false
	}
	c.cur = append(c.cur, block...)
	if loud {
		c.quiet = 0
	} else {
		c.quiet += len(block)
	}
	if c.quiet < int(quietSeconds*float64(c.rate)) && len(c.cur) < maxSwipeSecs*c.rate {
		return nil, false
	}
	swipe, c.cur = c.cur, nil
	return swipe, false
}
