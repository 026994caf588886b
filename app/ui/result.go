package ui

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
)

// The functions here turn a decoder.View into elements. They are pure
// (View in, UI out) so native tests can render them without a browser, and
// they word nothing about the card themselves: the View carries its words.

// result is the result region: the last swipe's verdict first, then what to
// do about it, then the evidence; or a line saying there is none yet.
func (p *Page) result(v *decoder.View, l message.Lang) app.UI {
	if v == nil {
		return app.Elem("section").Class("result", "result-empty").Body(
			app.Elem("p").Class("empty").Text(l.Text(message.NoSwipe)),
		)
	}
	hasSecret := v.Card != nil && (v.Card.PAN != "" || v.Card.Name != "" || v.Card.Licence != nil) ||
		slices.ContainsFunc(v.Tracks, func(t decoder.TrackView) bool { return t.Bits != nil && t.Bits.Raw != "" })
	note := l.Format(message.RevealNote, whole(p.revealFor.Seconds()))
	return app.Elem("section").Class("result").Body(
		verdictBox(v, l),
		app.Elem("div").Class("actions").Body(
			app.If(hasSecret && !p.reveal, func() app.UI {
				return app.Elem("button").Attr("type", "button").ID("reveal").Class("btn").
					Title(note).Text(l.Text(message.Reveal)).OnClick(p.revealNow)
			}),
			app.If(p.reveal, func() app.UI {
				return app.Elem("button").Attr("type", "button").ID("hide").Class("btn", "btn-warn").
					Text(l.Text(message.Hide)).OnClick(p.hideNow)
			}),
			app.Elem("button").Attr("type", "button").ID("save-text").Class("btn").Text(l.Text(message.SaveText)).OnClick(p.saveText),
			app.Elem("button").Attr("type", "button").ID("save-json").Class("btn").Text(l.Text(message.SaveJSON)).OnClick(p.saveJSON),
			app.Elem("button").Attr("type", "button").ID("print").Class("btn").Text(l.Text(message.Print)).OnClick(p.print),
			app.Elem("button").Attr("type", "button").ID("clear").Class("btn", "btn-clear").Text(l.Text(message.Clear)).
				OnClick(func(ctx app.Context, _ app.Event) { p.clear(ctx) }),
		),
		app.If(p.reveal, func() app.UI { return app.Elem("p").Class("reveal-note").Text(note) }),
		stripePicture(v.Tracks, l),
		app.Elem("div").Class("columns").Body(
			app.Elem("div").Class("col").Body(
				cardSummary(v.Card, l),
				trackRows(v.Tracks, l),
			),
			app.Elem("div").Class("col").Body(
				findingList(v.Findings, l),
				timingPanel(v, l),
				readerPanel(v, l),
			),
		),
	)
}

// verdictBox is the one-sentence verdict, coloured by the part at fault.
func verdictBox(v *decoder.View, l message.Lang) app.UI {
	return app.Elem("section").Class("verdict", "fault-"+v.Fault).DataSet("fault", v.Fault).Body(
		app.Elem("h2").Class("visually-hidden").Text(l.Text(message.VerdictLabel)),
		app.Elem("p").Class("verdict-text").Text(v.Verdict),
	)
}

// cardSummary shows what the card is. The data-* attributes are the test
// hooks and hold the View's values unchanged.
func cardSummary(c *decoder.CardView, l message.Lang) app.UI {
	if c == nil {
		return nil
	}
	rows := []app.UI{
		row(l.Text(message.KindLabel), c.KindText, ""),
		row(l.Text(message.BrandLabel), c.BrandText, ""),
		app.If(c.PAN != "", func() app.UI {
			return app.Elem("div").Class("row").Body(
				app.Elem("dt").Text(l.Text(message.PANLabel)),
				app.Elem("dd").Body(
					app.Elem("span").Class("mono", "pan").Text(c.PAN),
					app.Elem("span").Class("note").Text(c.LuhnText),
				),
			)
		}),
		app.If(c.Name != "", func() app.UI { return row(l.Text(message.NameLabel), c.Name, "mono") }),
		app.If(c.ExpiryText != "", func() app.UI { return row(l.Text(message.ExpiryLabel), c.ExpiryText, "") }),
		app.If(c.Expiry != "" && c.ExpiryText == "", func() app.UI { return row(l.Text(message.ExpiryLabel), c.Expiry, "mono") }),
		app.If(c.ServiceCode != "", func() app.UI {
			return app.Elem("div").Class("row").Body(
				app.Elem("dt").Text(l.Text(message.ServiceCodeLabel)),
				app.Elem("dd").Body(
					app.Elem("span").Class("mono").Text(c.ServiceCode),
					app.Elem("span").Class("note").Text(c.ServiceCodeText),
				),
			)
		}),
	}
	if lic := c.Licence; lic != nil {
		rows = append(rows,
			row(l.Text(message.LicenceState), lic.State, ""),
			app.If(lic.Number != "", func() app.UI { return row(l.Text(message.LicenceNumber), lic.Number, "mono") }),
			app.If(lic.Name != "", func() app.UI { return row(l.Text(message.NameLabel), lic.Name, "mono") }),
			app.If(lic.Address != "", func() app.UI { return row(l.Text(message.Address), lic.Address+" "+lic.City, "mono") }),
			app.If(lic.Expiry != "", func() app.UI { return row(l.Text(message.ExpiryLabel), lic.Expiry, "mono") }),
			app.If(lic.BirthDate != "", func() app.UI { return row(l.Text(message.BirthDate), lic.BirthDate, "mono") }),
		)
	}
	return app.Elem("section").Class("panel", "card-summary").
		DataSet("pan-last4", c.PANLast4).
		DataSet("brand", c.Brand).
		DataSet("expiry", c.Expiry).
		DataSet("service-code", c.ServiceCode).
		DataSet("kind", c.Kind).
		Body(
			app.Elem("h2").Text(l.Text(message.CardLabel)),
			app.Elem("dl").Body(rows...),
		)
}

func row(term, value, class string) app.UI {
	dd := app.Elem("dd").Text(value)
	if class != "" {
		dd = dd.Class(class)
	}
	return app.Elem("div").Class("row").Body(app.Elem("dt").Text(term), dd)
}

// trackRows lists the three tracks with their status and characters.
func trackRows(tracks []decoder.TrackView, l message.Lang) app.UI {
	return app.Elem("section").Class("panel", "tracks").Body(
		app.Elem("h2").Text(l.Text(message.TracksLabel)),
		app.Range(tracks).Slice(func(i int) app.UI { return trackRow(tracks[i], l) }),
	)
}

func trackRow(t decoder.TrackView, l message.Lang) app.UI {
	n := strconv.Itoa(t.Number)
	var text app.UI
	if t.Text != "" || len(t.ErrorPositions) > 0 {
		segs := segments(t.Text, t.ErrorPositions, t.Fields)
		text = app.Elem("p").Class("track-text", "mono").Body(
			app.Range(segs).Slice(func(i int) app.UI {
				s := segs[i]
				return app.Elem("span").Class(s.class).Text(s.text)
			}),
		)
	}
	return app.Elem("div").Class("track", "st-"+t.Status).
		DataSet("track", n).
		DataSet("status", t.Status).
		Body(
			app.Elem("div").Class("track-head").Body(
				app.Elem("span").Class("track-name").Text(l.Format(message.TrackN, t.Number)),
				app.Elem("span").Class("badge", "st-"+t.Status).Text(t.StatusText),
			),
			text,
			bitRow(t, l),
			app.If(len(t.Errors) > 0, func() app.UI {
				return app.Elem("ul").Class("track-errors").Body(
					app.Range(t.Errors).Slice(func(i int) app.UI { return app.Elem("li").Text(t.Errors[i]) }),
				)
			}),
			app.If(t.Quality != nil, func() app.UI {
				return app.Elem("p").Class("track-quality", "grade-"+t.Quality.Grade).DataSet("grade", t.Quality.Grade).
					Text(l.Text(message.StripeQualityLabel) + ": " + t.Quality.Text(l))
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
func findingList(fs []decoder.FindingView, l message.Lang) app.UI {
	return app.Elem("section").Class("panel", "findings").Body(
		app.Elem("h2").Text(l.Text(message.FindingsLabel)),
		app.If(len(fs) == 0, func() app.UI { return app.Elem("p").Text(l.Text(message.NoFindings)) }).
			Else(func() app.UI {
				return app.Elem("ol").Class("finding-list").Body(
					app.Range(fs).Slice(func(i int) app.UI { return finding(fs[i], l) }),
				)
			}),
	)
}

func finding(f decoder.FindingView, l message.Lang) app.UI {
	return app.Elem("li").Class("finding", "sev-"+f.Severity).
		DataSet("code", f.Code).
		DataSet("severity", f.Severity).
		Body(
			app.Elem("div").Class("finding-head").Body(
				app.Elem("span").Class("badge", "sev-"+f.Severity).Text(f.SeverityText),
				app.If(f.Track > 0, func() app.UI {
					return app.Elem("span").Class("finding-track").Text(l.Format(message.TrackN, f.Track))
				}),
				app.Elem("code").Class("finding-code").Text(f.Code),
			),
			app.Elem("p").Class("cause").Body(
				app.Elem("span").Class("label").Text(l.Text(message.CauseLabel)+": "),
				app.Text(f.Message),
			),
			app.Elem("p").Class("action").Body(
				app.Elem("span").Class("label").Text(l.Text(message.ActionLabel)+": "),
				app.Text(f.Action),
			),
			app.If(f.Evidence != "", func() app.UI {
				return app.Elem("p").Class("evidence", "mono").Text(f.Evidence)
			}),
		)
}

// timingPanel shows how the keys of a keyboard capture arrived: readers
// type hundreds of characters a second, people a few.
func timingPanel(v *decoder.View, l message.Lang) app.UI {
	t := v.Timing
	if t == nil {
		return nil
	}
	ms := func(x float64) string { return l.Format(message.Milliseconds, num(x)) }
	items := []app.UI{
		stat(l.Text(message.KeysLabel), strconv.Itoa(t.Keys)),
		stat(l.Text(message.DurationLabel), ms(t.DurationMS)),
		stat(l.Text(message.RateLabel), l.Format(message.PerSecond, num(t.CharsPerSecond))),
		stat(l.Text(message.MedianGapLabel), ms(t.MedianGapMS)),
		stat(l.Text(message.MaxGapLabel), ms(t.MaxGapMS)),
		stat(l.Text(message.StallsLabel), strconv.Itoa(t.Stalls)),
		stat(l.Text(message.LayoutLabel), v.LayoutText),
	}
	if v.CapsLock {
		items = append(items, stat(l.Text(message.CapsLockOn), "⇪"))
	}
	return app.Elem("section").Class("panel", "timing").
		DataSet("keys", t.Keys).
		Body(
			app.Elem("h2").Text(l.Text(message.Keystrokes)),
			app.Elem("dl").Class("stats").Body(items...),
		)
}

func stat(term, value string) app.UI {
	return app.Elem("div").Class("stat").Body(app.Elem("dt").Text(term), app.Elem("dd").Class("mono").Text(value))
}

func num(x float64) string {
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// readerPanel shows what the swipe says of the reader in use: the device
// and its keys, and its keyboard set-up.
// The data-* attributes are the test hooks; the KSN is no card data.
func readerPanel(v *decoder.View, l message.Lang) app.UI {
	facts := v.ReaderFacts
	if len(facts) == 0 {
		return nil
	}
	var format, keys, ksn string
	if r := v.Reader; r != nil {
		format, keys, ksn = r.Format, string(r.KeyState), r.KSN
	}
	return app.Elem("section").Class("panel", "reader").
		DataSet("format", format).DataSet("key-state", keys).DataSet("ksn", ksn).Body(
		app.Elem("h2").Text(l.Text(message.ReaderLabel)),
		app.Elem("dl").Class("facts").Body(
			app.Range(facts).Slice(func(i int) app.UI {
				f := facts[i]
				return app.Elem("div").Class("row").DataSet("fact", f.Name).Body(
					app.Elem("dt").Text(f.Label),
					app.Elem("dd").Class("mono").Text(f.Value),
				)
			}),
		),
	)
}
