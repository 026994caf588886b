package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/decoder/iso7811"
	"magcheck/message"
)

// The stripe picture draws the back of an ID-1 card at its real scale (one
// unit is 0.1 mm) with the three tracks as bands. Each track's characters
// sit where ISO/IEC 7811 puts them: the first bit 7.44 mm (0.293 in) from
// the card's edge, then one character per bits-per-character ÷ density.
// So track 2, at 75 bpi, is drawn with wide characters and tracks 1 and 3,
// at 210 bpi, with narrow ones: the picture shows why a worn spot hits
// different data on each track.

const (
	svgNS      = "http://www.w3.org/2000/svg"
	cardWidth  = 856.0 // 85.60 mm
	leadIn     = 74.4  // 0.293 in
	bandTop    = 30.0
	bandHeight = 46.0
	bandGap    = 6.0
	stripeH    = 3*bandHeight + 4*bandGap
	pictureH   = bandTop + stripeH + 14
)

// charWidth is the length one character takes on each track, in 0.1 mm:
// 7 bits at 210 bpi, 5 bits at 75 bpi, 5 bits at 210 bpi.
var charWidth = [3]float64{trackCharWidth(1), trackCharWidth(2), trackCharWidth(3)}

// trackCharWidth is the length of one character of track n, in 0.1 mm: its
// bits over the track's density.
func trackCharWidth(n int) float64 {
	return float64(iso7811.TrackFormat(n).CharBits()*254) / float64(iso7811.TrackDensity(n))
}

// trackX is where character pos of track n (1–3) begins, clipped to the card.
func trackX(n, pos int) float64 {
	x := leadIn + float64(pos)*charWidth[n-1]
	if x > cardWidth-4 {
		x = cardWidth - 4
	}
	return x
}

func stripePicture(tracks []decoder.TrackView, l message.Lang) app.UI {
	body := []app.UI{
		svg("title").Text(l.Text(message.Stripe)),
		svg("rect").Class("card-edge").Attr("x", 1).Attr("y", 1).
			Attr("width", cardWidth-2).Attr("height", pictureH-2).Attr("rx", 28),
		svg("rect").Class("stripe").Attr("x", 1).Attr("y", bandTop).
			Attr("width", cardWidth-2).Attr("height", stripeH),
	}
	for _, t := range tracks {
		if t.Number >= 1 && t.Number <= 3 {
			body = append(body, band(t, l)...)
		}
	}
	return app.Elem("section").Class("panel", "stripe-panel").Body(
		app.Elem("h2").Text(l.Text(message.Stripe)),
		svg("svg").Class("stripe-picture").
			Attr("viewBox", "0 0 "+num(cardWidth)+" "+num(pictureH)).
			Attr("role", "img").
			Attr("aria-label", l.Text(message.Stripe)).
			Body(body...),
	)
}

// band draws one track: its status colour, its decoded fields and a tick
// at every flagged character.
func band(t decoder.TrackView, l message.Lang) []app.UI {
	y := bandTop + bandGap + float64(t.Number-1)*(bandHeight+bandGap)
	out := []app.UI{
		svg("rect").Class("band", "st-"+t.Status).DataSet("band", t.Number).
			Attr("x", 6).Attr("y", num(y)).Attr("width", cardWidth-12).Attr("height", bandHeight),
	}
	for _, f := range t.Fields {
		x0, x1 := trackX(t.Number, f.Start), trackX(t.Number, f.End)
		if x1 <= x0 {
			continue
		}
		out = append(out, svg("rect").Class("field", "fld-"+f.Name).
			Attr("x", num(x0)).Attr("y", num(y+4)).Attr("width", num(x1-x0)).Attr("height", bandHeight-8))
		name := f.Label
		// Only label a field wide enough to hold its name (about 12 units per character).
		if x1-x0 >= float64(utf8Len(name))*12+6 {
			out = append(out, svg("text").Class("field-name").
				Attr("x", num((x0+x1)/2)).Attr("y", num(y+bandHeight/2+7)).Text(name))
		}
	}
	for _, p := range t.ErrorPositions {
		x := trackX(t.Number, p)
		out = append(out, svg("rect").Class("tick").
			Attr("x", num(x)).Attr("y", num(y-3)).Attr("width", 4).Attr("height", bandHeight+6))
	}
	mid := num(y + bandHeight/2 + 8)
	status := svg("text").Class("band-status").Attr("x", cardWidth-12).Attr("y", mid).Text(t.StatusText)
	if q := t.Quality; q != nil {
		// A recording's stripe quality: weak stretches shaded where they
		// lie along the stripe, the grade beside the status.
		for _, w := range q.WeakRegions {
			x0, x1 := 6+w.FromPct*(cardWidth-12)/100, 6+w.ToPct*(cardWidth-12)/100
			out = append(out, svg("rect").Class("weak").Attr("x", strconv.FormatFloat(x0, 'f', 1, 64)).Attr("y", num(y)).
				Attr("width", strconv.FormatFloat(max(x1-x0, 2), 'f', 1, 64)).Attr("height", bandHeight))
		}
		// A reason not to grade is a sentence: the band says "not graded"
		// and the sentence is its tooltip (and the track's quality line).
		grade, body := q.GradeText, []app.UI{}
		if q.Grade == "not_graded" {
			grade, body = l.Text(message.GradeNone), append(body, svg("title").Text(q.GradeText))
		}
		status = status.DataSet("grade", q.Grade).Body(append(body, app.Text(t.StatusText+" · "+grade))...)
	}
	return append(out,
		svg("text").Class("band-number").Attr("x", num(leadIn/2+3)).Attr("y", mid).Text(strconv.Itoa(t.Number)),
		status,
	)
}

func svg(tag string) app.HTMLElem {
	return app.Elem(tag).XMLNS(svgNS)
}

func utf8Len(s string) int {
	n := 0
	for _, r := range s {
		if r > 0x2E80 {
			n += 2 // CJK characters are about twice as wide
		} else {
			n++
		}
	}
	return n
}
