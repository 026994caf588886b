package ui

import (
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/decoder/audio"
	"magcheck/message"
)

// waveform is one swipe drawn in SVG user units: the signal in a
// waveWidth×waveHeight box, the speed in a waveWidth×speedHeight box.
type waveform struct {
	rate, samples int
	line          string // polyline points of the signal's min and max per column
	peaks         string // path of a tick at each detected pulse
	failed        string // path of the shaded regions where bits failed
	bitTicks      string // path of a short mark where each bit cell begins
	weak          string // path of the shaded stretches where the stripe is weak
	chars         []waveChar
	speed         string // polyline points of the speed along the swipe
	quality       audio.Quality
}

// waveChar is a decoded character under its bits: from and to in percent
// of the drawing's width.
type waveChar struct {
	from, to float64
	char     string // as the track's text shows it, masked
	lrc, err bool
}

const (
	waveWidth   = 1000
	waveHeight  = 200
	speedHeight = 60
	charsHeight = 22
)

// drawSwipe draws sw, a swipe of s; bits, when the swipe decoded, places
// its characters (masked) along its bits, and q, when it was graded, its
// weak stretches.
func drawSwipe(s audio.Samples, sw audio.Swipe, bits *decoder.BitsView, q *decoder.QualityView) *waveform {
	data := s.Data[sw.Start:sw.End]
	w := &waveform{rate: s.Rate, samples: len(data), quality: sw.Quality}
	if len(data) == 0 {
		return w
	}
	var peak float32
	for _, x := range data {
		peak = max(peak, x, -x)
	}
	scale := float64(waveHeight/2-4) / float64(max(peak, 1e-6))
	cols := min(waveWidth/2, len(data))
	var b strings.Builder
	for c := range cols {
		lo, hi := float32(0), float32(0)
		for _, x := range data[c*len(data)/cols : (c+1)*len(data)/cols] {
			lo, hi = min(lo, x), max(hi, x)
		}
		x := strconv.Itoa(c * waveWidth / cols)
		b.WriteString(x + "," + yAt(hi, scale) + " " + x + "," + yAt(lo, scale) + " ")
	}
	w.line = strings.TrimSpace(b.String())
	xOf := func(i int) string {
		return strconv.FormatFloat(float64(i-sw.Start)*waveWidth/float64(len(data)), 'f', 1, 64)
	}
	b.Reset()
	for _, p := range sw.Quality.Peaks {
		if p >= sw.Start && p < sw.End {
			b.WriteString("M" + xOf(p) + " 0v12")
		}
	}
	w.peaks = b.String()
	// A bit is one pulse (0) or two (1): count pulses to place failed bits.
	b.Reset()
	failed, pulse := sw.Quality.FailedBits, 0
	for i, bit := range sw.Bits {
		if len(failed) > 0 && failed[0] == i {
			failed = failed[1:]
			from, to := pulse, min(pulse+3, len(sw.Quality.Peaks)-1)
			if from < to {
				b.WriteString("M" + xOf(sw.Quality.Peaks[from]) + " 0H" + xOf(sw.Quality.Peaks[to]) + "V" + strconv.Itoa(waveHeight) + "H" + xOf(sw.Quality.Peaks[from]) + "Z")
			}
		}
		pulse += 1 + int(bit)
	}
	w.failed = b.String()
	// Bit i begins at its opening reversal, where the decoder placed it
	// (Swipe.Cells: one per bit), and the last ends at its closing one.
	starts := make([]int, 0, len(sw.Cells)+1)
	for _, c := range sw.Cells {
		starts = append(starts, int(c.Start))
	}
	if n := len(sw.Cells); n > 0 {
		starts = append(starts, int(sw.Cells[n-1].End))
	}
	b.Reset()
	for _, at := range starts[:len(sw.Cells)] {
		b.WriteString("M" + xOf(at) + " " + strconv.Itoa(waveHeight-14) + "v14")
	}
	w.bitTicks = b.String()
	pct := func(i int) float64 { return float64(i-sw.Start) * 100 / float64(len(data)) }
	if bits != nil {
		for _, c := range bits.Chars {
			if c.From < 0 || c.To >= len(starts) {
				continue
			}
			w.chars = append(w.chars, waveChar{from: pct(starts[c.From]), to: pct(starts[c.To]),
				char: c.Char, lrc: c.LRC, err: c.Error != ""})
		}
	}
	// Weak stretches are placed in percent of the bits along the card; a
	// reversed swipe recorded them from the card's far end.
	if q != nil && len(starts) > 1 {
		reversed := bits != nil && len(bits.Chars) > 1 && bits.Chars[0].From > bits.Chars[len(bits.Chars)-1].From
		at := func(p float64) float64 {
			if reversed {
				p = 100 - p
			}
			return pct(starts[min(int(p/100*float64(len(starts)-1)), len(starts)-1)])
		}
		b.Reset()
		for _, r := range q.WeakRegions {
			x0, x1 := at(r.FromPct), at(r.ToPct)
			x0, x1 = min(x0, x1), max(x0, x1)
			b.WriteString("M" + num(x0*waveWidth/100) + " 0H" + num(x1*waveWidth/100) + "V" + strconv.Itoa(waveHeight) + "H" + num(x0*waveWidth/100) + "Z")
		}
		w.weak = b.String()
	}
	w.speed = speedLine(sw.Quality.Periods)
	return w
}

func yAt(x float32, scale float64) string {
	return strconv.FormatFloat(waveHeight/2-float64(x)*scale, 'f', 1, 64)
}

// speedLine draws the speed, the inverse of the bit period, from its
// lowest value at the bottom to its highest at the top.
func speedLine(periods []float64) string {
	if len(periods) < 2 {
		return ""
	}
	speeds := make([]float64, len(periods))
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, p := range periods {
		speeds[i] = 1 / max(p, 1e-9)
		lo, hi = min(lo, speeds[i]), max(hi, speeds[i])
	}
	span := max(hi-lo, hi*0.05) // a steady swipe is a flat line, not noise blown up
	var b strings.Builder
	for i, v := range speeds {
		x := float64(i) * waveWidth / float64(len(speeds)-1)
		y := speedHeight - 4 - (v-lo)/span*(speedHeight-8)
		b.WriteString(strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64) + " ")
	}
	return strings.TrimSpace(b.String())
}

// render draws the waveform, its pulses and failed bits, the speed along
// the swipe and a caption with the swipe's measures.
func (w *waveform) render(l message.Lang) app.UI {
	const ns = svgNS
	q := w.quality
	secs := strconv.FormatFloat(float64(w.samples)/float64(w.rate), 'f', 2, 64)
	caption := l.Format(message.AudioCaption, secs, w.rate, q.SNRdB, len(q.Peaks))
	if q.SpeedIPS > 0 {
		caption = l.Format(message.AudioCaptionSpeed, secs, w.rate, q.SpeedIPS, q.SpeedVariation*100, q.SNRdB, len(q.Peaks))
	}
	return app.Elem("figure").ID("audio-wave").Class("waveform").DataSet("samples", w.samples).Body(
		app.Elem("svg").XMLNS(ns).ID("audio-wave-svg").Class("wave-svg").
			Attr("viewBox", "0 0 "+strconv.Itoa(waveWidth)+" "+strconv.Itoa(waveHeight)).
			Attr("preserveAspectRatio", "none").Attr("role", "img").Aria("label", l.Text(message.AudioWave)).Body(
			app.Elem("path").XMLNS(ns).Class("wave-weak").Attr("d", w.weak),
			app.Elem("path").XMLNS(ns).Class("wave-failed").Attr("d", w.failed),
			app.Elem("line").XMLNS(ns).Class("wave-axis").Attr("x1", 0).Attr("x2", waveWidth).
				Attr("y1", waveHeight/2).Attr("y2", waveHeight/2),
			app.Elem("polyline").XMLNS(ns).Class("wave-line").Attr("points", w.line),
			app.Elem("path").XMLNS(ns).Class("wave-peaks").Attr("d", w.peaks),
			app.Elem("path").XMLNS(ns).Class("wave-bits").Attr("d", w.bitTicks),
		),
		app.If(len(w.chars) > 0, func() app.UI {
			// Its own drawing, as wide as the waveform's and scaled evenly
			// so the letters keep their shape: each character's box spans
			// its bits above. (Attributes, not style: the CSP allows no
			// inline style.)
			return app.Elem("svg").XMLNS(ns).ID("audio-wave-chars").Class("wave-chars").
				Attr("viewBox", "0 0 "+strconv.Itoa(waveWidth)+" "+strconv.Itoa(charsHeight)).Aria("hidden", true).Body(
				app.Range(w.chars).Slice(func(i int) app.UI {
					c := w.chars[i]
					text := c.char
					if c.lrc {
						text = l.Text(message.BitsLRC)
					}
					x, width := c.from*waveWidth/100, (c.to-c.from)*waveWidth/100
					class := "wave-char"
					if c.err {
						class += " bit-err"
					}
					return app.Elem("g").XMLNS(ns).Class(class).Body(
						app.Elem("rect").XMLNS(ns).Attr("x", num(x)).Attr("y", 0).Attr("width", num(width)).Attr("height", charsHeight),
						app.Elem("text").XMLNS(ns).Attr("x", num(x+width/2)).Attr("y", charsHeight-6).
							Attr("font-size", num(min(16, width*1.5))).Text(text),
					)
				}),
			)
		}),
		app.If(w.speed != "", func() app.UI {
			return app.Elem("svg").XMLNS(ns).ID("audio-speed-svg").Class("speed-svg").
				Attr("viewBox", "0 0 "+strconv.Itoa(waveWidth)+" "+strconv.Itoa(speedHeight)).
				Attr("preserveAspectRatio", "none").Attr("role", "img").Aria("label", l.Text(message.AudioSpeed)).Body(
				app.Elem("polyline").XMLNS(ns).Class("speed-line").Attr("points", w.speed),
			)
		}),
		app.Elem("figcaption").Class("wave-caption").Text(caption),
	)
}
