package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
)

// Render lays the page out: a header (title, offline state, language), the
// swipe prompt, the result of the last swipe, the visit's summary and the
// paste box.
func (p *Page) Render() app.UI {
	l := labelsFor(p.lang)
	var v *decoder.View
	if p.report != nil {
		view := p.report.View(p.lang, p.reveal)
		v = &view
	}
	ready := "false"
	if p.ready {
		ready = "true"
	}
	return app.Div().ID("magcheck").Class("page").Body(
		p.header(l),
		app.Main().Class("content").Body(
			app.Section().Class("prompt").
				DataSet("ready", ready).
				DataSet("reading", p.capture.reading).
				Aria("live", "polite").
				Body(
					app.If(p.capture.reading, func() app.UI {
						return app.P().Class("prompt-text", "reading").Text(l.Reading)
					}).Else(func() app.UI {
						return app.P().Class("prompt-text").Text(l.Ready)
					}),
				),
			app.If(v != nil, func() app.UI { return p.result(v, l) }).
				Else(func() app.UI { return app.P().Class("empty").Text(l.NoSwipe) }),
			// Before the session panel, which comes and goes: go-app matches
			// children by position, and a moved HIDPanel would be remounted,
			// closing and reopening the reader.
			&HIDPanel{Lang: p.lang, OnReport: p.show, Generation: p.clearGen},
			&AudioPanel{Lang: p.lang, OnReport: p.show, Generation: p.clearGen},
			p.sessionPanel(l),
			p.pastePanel(l),
		),
		app.Footer().Class("footer").Body(
			app.P().Text(l.Privacy),
			app.P().Text(count(l.AutoClear, p.clearAfter.Minutes())),
		),
		app.If(!p.ready, bootFailed),
	)
}

// bootFailed is in the prerendered page only: style.css shows it, in place
// of the controls, when go-app's loader has stopped on an error (its icon
// no longer spins), so a page whose WebAssembly could not load says so
// instead of showing dead buttons. The server cannot know the reader's
// language, so it speaks both.
func bootFailed() app.UI {
	return app.Div().ID("boot-failed").Class("boot-failed").Role("alert").Body(
		app.P().Lang("en").Text(labelsEN.BootFailed),
		app.P().Lang("zh-Hans").Text(labelsZH.BootFailed),
	)
}

func (p *Page) header(l *labels) app.UI {
	offline := map[offlineState][2]string{
		offlineUnknown:   {"unknown", l.OfflinePreparing},
		offlinePreparing: {"preparing", l.OfflinePreparing},
		offlineReady:     {"ready", l.OfflineReady},
		offlineNone:      {"none", l.OfflineOff},
	}[p.offline]
	return app.Header().Class("header").Body(
		app.Div().Class("brand").Body(
			app.H1().Text(l.Title),
			app.P().Class("tagline").Text(l.Tagline),
		),
		app.Span().Class("offline", "off-"+offline[0]).DataSet("offline", offline[0]).Text(offline[1]),
		app.Div().Class("lang-switch").Role("group").Body(
			p.langButton(decoder.English),
			p.langButton(decoder.Chinese),
		),
		app.If(p.updated, func() app.UI {
			return app.Div().ID("update").Class("update").Role("status").Body(
				app.Span().Text(l.UpdateReady+" "),
				app.Button().Type("button").ID("update-reload").Class("btn").Text(l.UpdateReload).
					OnClick(func(ctx app.Context, _ app.Event) { ctx.Reload() }),
			)
		}),
	)
}

func (p *Page) langButton(lang decoder.Lang) app.UI {
	return app.Button().Type("button").Class("lang").
		DataSet("lang", string(lang)).
		Lang(string(lang)).
		Aria("pressed", p.lang == lang).
		Text(labelsFor(lang).LangName).
		OnClick(func(ctx app.Context, _ app.Event) {
			p.setLang(lang)
			p.touch(ctx)
		})
}

// result shows one report: verdict first, then what to do about it, then
// the evidence.
func (p *Page) result(v *decoder.View, l *labels) app.UI {
	hasSecret := v.Card != nil && (v.Card.PAN != "" || v.Card.Name != "" || v.Card.Licence != nil)
	return app.Div().Class("result").Body(
		verdictBox(v, l),
		app.Div().Class("actions").Body(
			app.If(hasSecret && !p.reveal, func() app.UI {
				return app.Button().Type("button").ID("reveal").Class("btn").
					Title(count(l.RevealNote, p.revealFor.Seconds())).
					Text(l.Reveal).OnClick(p.revealNow)
			}),
			app.If(p.reveal, func() app.UI {
				return app.Button().Type("button").ID("hide").Class("btn", "btn-warn").
					Text(l.Hide).OnClick(p.hideNow)
			}),
			app.Button().Type("button").ID("save-text").Class("btn").Text(l.SaveText).OnClick(p.saveText),
			app.Button().Type("button").ID("save-json").Class("btn").Text(l.SaveJSON).OnClick(p.saveJSON),
			app.Button().Type("button").ID("print").Class("btn").Text(l.Print).OnClick(p.print),
			app.Button().Type("button").ID("clear").Class("btn", "btn-clear").Text(l.Clear).
				OnClick(func(ctx app.Context, _ app.Event) { p.clearNow(ctx) }),
		),
		app.If(p.reveal, func() app.UI {
			return app.P().Class("reveal-note").Text(count(l.RevealNote, p.revealFor.Seconds()))
		}),
		stripePicture(v.Tracks, l),
		app.Div().Class("columns").Body(
			app.Div().Class("col").Body(
				cardSummary(v.Card, l),
				trackRows(v.Tracks, l),
			),
			app.Div().Class("col").Body(
				findingList(v.Findings, l),
				timingPanel(v, l),
			),
		),
	)
}

// sessionPanel sums up the visit's swipes: card or reader, with counts.
func (p *Page) sessionPanel(l *labels) app.UI {
	if p.session.Len() == 0 {
		// A placeholder, not nil: go-app matches children by position, and
		// without it the session panel's arrival would turn the paste panel
		// into the session panel and build a new paste box, losing what a
		// person had put in it.
		return app.Div().Class("placeholder").Hidden(true)
	}
	s := p.session.Summary()
	perTrack := make([]app.UI, 0, 3)
	for i := range 3 {
		if s.TrackReads[i]+s.TrackFailures[i] == 0 {
			continue
		}
		perTrack = append(perTrack, stat(l.Track+" "+strconv.Itoa(i+1)+" "+l.Failed,
			strconv.Itoa(s.TrackFailures[i])+" / "+strconv.Itoa(s.Swipes)))
	}
	return app.Section().Class("panel", "session").
		DataSet("swipes", s.Swipes).
		DataSet("cards", s.Cards).
		DataSet("failed", s.Failed).
		DataSet("fault", string(s.Fault)).
		DataSet("dropped", s.Dropped).
		Body(
			app.H2().Text(l.Session),
			app.P().Class("session-text").Text(s.Text(p.lang)),
			app.Dl().Class("stats").Body(
				stat(l.Swipes, strconv.Itoa(s.Swipes)),
				stat(l.Cards, strconv.Itoa(s.Cards)),
				stat(l.Unidentified, strconv.Itoa(s.Unidentified)),
				app.If(s.Dropped > 0, func() app.UI { return stat(l.Dropped, strconv.Itoa(s.Dropped)) }),
				app.Range(perTrack).Slice(func(i int) app.UI { return perTrack[i] }),
			),
		)
}

// pastePanel takes captures copied from elsewhere. The textarea's value is
// never bound to Go state: what a person types stays in the browser until
// Decode reads it.
func (p *Page) pastePanel(l *labels) app.UI {
	return app.Section().Class("panel", "paste").Body(
		app.H2().Body(app.Label().For("paste").Text(l.Paste)),
		app.Textarea().ID("paste").Class("mono").
			Rows(3).
			Placeholder(l.PasteHint).
			Spellcheck(false).
			Attr("autocomplete", "off").
			Attr("autocapitalize", "off").
			Attr("autocorrect", "off").
			OnInput(func(ctx app.Context, _ app.Event) { p.touch(ctx) }),
		app.Div().Class("actions").Body(
			app.Button().Type("button").ID("decode").Class("btn", "btn-primary").Text(l.Decode).
				OnClick(p.decodePaste),
		),
		app.If(p.pasteErr != "", func() app.UI {
			return app.P().Class("paste-error").Role("alert").Body(
				app.Strong().Text(l.PasteError+": "),
				app.Text(p.pasteErr),
			)
		}),
	)
}
