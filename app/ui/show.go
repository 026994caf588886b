package ui

import (
	"strconv"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
)

// The functions here turn a decoder.View into elements. They are pure
// (View in, UI out) so native tests can render them without a browser.

// verdictBox is the one-sentence verdict, coloured by the part at fault.
func verdictBox(v *decoder.View, l *labels) app.UI {
	return app.Section().Class("verdict", "fault-"+v.Fault).DataSet("fault", v.Fault).Body(
		app.H2().Class("visually-hidden").Text(l.Verdict),
		app.P().Class("verdict-text").Text(v.Verdict),
	)
}

// cardSummary shows what the card is. The data-* attributes are the test
// hooks and hold the View's values unchanged.
func cardSummary(c *decoder.CardView, l *labels) app.UI {
	if c == nil {
		return nil
	}
	luhn := l.LuhnBad
	if c.Luhn {
		luhn = l.LuhnOK
	}
	if c.ReaderMasked {
		luhn = l.ReaderMasked
	}
	rows := []app.UI{
		row(l.Kind, l.Kinds.or(c.Kind), ""),
		row(l.Brand, l.brand(c.Brand), ""),
		app.If(c.PAN != "", func() app.UI {
			return app.Div().Class("row").Body(
				app.Dt().Text(l.PAN),
				app.Dd().Body(
					app.Span().Class("mono", "pan").Text(c.PAN),
					app.Span().Class("note").Text(luhn),
				),
			)
		}),
		app.If(c.Name != "", func() app.UI { return row(l.Name, c.Name, "mono") }),
		app.If(c.Expiry != "", func() app.UI { return row(l.Expiry, c.Expiry, "mono") }),
		app.If(c.ServiceCode != "", func() app.UI {
			return app.Div().Class("row").Body(
				app.Dt().Text(l.ServiceCode),
				app.Dd().Body(
					app.Span().Class("mono").Text(c.ServiceCode),
					app.Span().Class("note").Text(c.ServiceCodeText),
				),
			)
		}),
	}
	if lic := c.Licence; lic != nil {
		rows = append(rows,
			row(l.LicenceState, lic.State, ""),
			app.If(lic.Number != "", func() app.UI { return row(l.LicenceNumber, lic.Number, "mono") }),
			app.If(lic.Name != "", func() app.UI { return row(l.Name, lic.Name, "mono") }),
			app.If(lic.Address != "", func() app.UI { return row(l.Address, lic.Address+" "+lic.City, "mono") }),
			app.If(lic.Expiry != "", func() app.UI { return row(l.Expiry, lic.Expiry, "mono") }),
			app.If(lic.BirthDate != "", func() app.UI { return row(l.BirthDate, lic.BirthDate, "mono") }),
		)
	}
	return app.Section().Class("panel", "card-summary").
		DataSet("pan-last4", c.PANLast4).
		DataSet("brand", c.Brand).
		DataSet("expiry", c.Expiry).
		DataSet("service-code", c.ServiceCode).
		DataSet("kind", c.Kind).
		Body(
			app.H2().Text(l.Card),
			app.Dl().Body(rows...),
		)
}

func row(term, value, class string) app.UI {
	dd := app.Dd().Text(value)
	if class != "" {
		dd = dd.Class(class)
	}
	return app.Div().Class("row").Body(app.Dt().Text(term), dd)
}

// trackRows lists the three tracks with their status and characters.
func trackRows(tracks []decoder.TrackView, l *labels) app.UI {
	return app.Section().Class("panel", "tracks").Body(
		app.H2().Text(l.Tracks),
		app.Range(tracks).Slice(func(i int) app.UI { return trackRow(tracks[i], l) }),
	)
}

func trackRow(t decoder.TrackView, l *labels) app.UI {
	n := strconv.Itoa(t.Number)
	var text app.UI
	if t.Text != "" || len(t.ErrorPositions) > 0 {
		segs := segments(t.Text, t.ErrorPositions, t.Fields)
		text = app.P().Class("track-text", "mono").Body(
			app.Range(segs).Slice(func(i int) app.UI {
				s := segs[i]
				return app.Span().Class(s.class).Text(s.text)
			}),
		)
	}
	return app.Div().Class("track", "st-"+t.Status).
		DataSet("track", n).
		DataSet("status", t.Status).
		Body(
			app.Div().Class("track-head").Body(
				app.Span().Class("track-name").Text(l.Track+" "+n),
				app.Span().Class("badge", "st-"+t.Status).Text(l.Status.or(t.Status)),
			),
			text,
			app.If(len(t.Errors) > 0, func() app.UI {
				return app.Ul().Class("track-errors").Body(
					app.Range(t.Errors).Slice(func(i int) app.UI { return app.Li().Text(t.Errors[i]) }),
				)
			}),
		)
}

// segment is a run of track characters drawn the same way.
type segment struct{ text, class string }

// errorMark stands for an error located just past the last character (a
// missing end sentinel, say), where there is no character to mark.
const errorMark = "▯"

// segments cuts a track's text into runs by field and by error position,
// so the page can tint fields and mark the characters the decoder flagged.
// Positions are byte offsets; an error inside a multi-byte character marks
// the whole character.
func segments(text string, errs []int, fields []decoder.FieldView) []segment {
	bad := make(map[int]bool, len(errs))
	end := false
	for _, p := range errs {
		if p >= len(text) {
			end = true
			continue
		}
		bad[p] = true
	}
	var out []segment
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		class := "ch"
		if f := fieldAt(fields, i); f != nil {
			class = "fld fld-" + f.Name
			if f.Masked {
				class += " masked"
			}
		}
		marked := false
		for j := i; j < i+size; j++ {
			marked = marked || bad[j]
		}
		if marked {
			class += " err" // each flagged character stays a run of its own
		}
		if n := len(out); n > 0 && out[n-1].class == class && !marked {
			out[n-1].text += text[i : i+size]
		} else {
			out = append(out, segment{text[i : i+size], class})
		}
		i += size
	}
	if end {
		out = append(out, segment{errorMark, "err end"})
	}
	return out
}

func fieldAt(fields []decoder.FieldView, pos int) *decoder.FieldView {
	for i := range fields {
		if fields[i].Start <= pos && pos < fields[i].End {
			return &fields[i]
		}
	}
	return nil
}

// findingList shows the findings in the decoder's order (most severe first).
func findingList(fs []decoder.FindingView, l *labels) app.UI {
	return app.Section().Class("panel", "findings").Body(
		app.H2().Text(l.Findings),
		app.If(len(fs) == 0, func() app.UI { return app.P().Text(l.NoFindings) }).
			Else(func() app.UI {
				return app.Ol().Class("finding-list").Body(
					app.Range(fs).Slice(func(i int) app.UI { return finding(fs[i], l) }),
				)
			}),
	)
}

func finding(f decoder.FindingView, l *labels) app.UI {
	return app.Li().Class("finding", "sev-"+f.Severity).
		DataSet("code", f.Code).
		DataSet("severity", f.Severity).
		Body(
			app.Div().Class("finding-head").Body(
				app.Span().Class("badge", "sev-"+f.Severity).Text(l.Severity.or(f.Severity)),
				app.If(f.Track > 0, func() app.UI {
					return app.Span().Class("finding-track").Text(l.Track + " " + strconv.Itoa(f.Track))
				}),
				app.Code().Class("finding-code").Text(f.Code),
			),
			app.P().Class("cause").Body(
				app.Span().Class("label").Text(l.Cause+": "),
				app.Text(f.Message),
			),
			app.P().Class("action").Body(
				app.Span().Class("label").Text(l.Action+": "),
				app.Text(f.Action),
			),
			app.If(f.Evidence != "", func() app.UI {
				return app.P().Class("evidence", "mono").Text(f.Evidence)
			}),
		)
}

// timingPanel shows how the keys of a keyboard capture arrived: readers
// type hundreds of characters a second, people a few.
func timingPanel(v *decoder.View, l *labels) app.UI {
	t := v.Timing
	if t == nil {
		return nil
	}
	items := []app.UI{
		stat(l.Keys, strconv.Itoa(t.Keys)),
		stat(l.Duration, num(t.DurationMS)+" ms"),
		stat(l.Rate, num(t.CharsPerSecond)+" /s"),
		stat(l.MedianGap, num(t.MedianGapMS)+" ms"),
		stat(l.MaxGap, num(t.MaxGapMS)+" ms"),
		stat(l.Stalls, strconv.Itoa(t.Stalls)),
		stat(l.Layout, v.Layout),
	}
	if v.CapsLock {
		items = append(items, stat(l.CapsLockOn, "⇪"))
	}
	return app.Section().Class("panel", "timing").
		DataSet("keys", t.Keys).
		Body(
			app.H2().Text(l.Keystrokes),
			app.Dl().Class("stats").Body(items...),
		)
}

func stat(term, value string) app.UI {
	return app.Div().Class("stat").Body(app.Dt().Text(term), app.Dd().Class("mono").Text(value))
}

func num(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}
