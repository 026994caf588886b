package ui

import (
	"math"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/message"
)

// captureField takes the text soft keyboards and input methods type while
// nothing else has the focus (see capture): not shown, not in the tab
// order, no soft keyboard (inputmode none), nothing remembered or
// corrected.
func captureField(l message.Lang) app.UI {
	return app.ElemSelfClosing("input").ID(captureID).Class("capture").Attr("type", "text").
		Attr("inputmode", "none").Attr("autocomplete", "off").Attr("autocorrect", "off").
		Attr("autocapitalize", "off").Attr("spellcheck", "false").Attr("tabindex", "-1").
		Attr("aria-label", l.Text(message.CaptureLabel))
}

// whole rounds a count of minutes or seconds up, as the page counts them.
func whole(x float64) int { return int(math.Ceil(x)) }

// bootFailed is in the prerendered page only: style.css shows it, in place
// of the controls, when go-app's loader has stopped on an error (its icon
// no longer spins), so a page whose WebAssembly could not load says so
// instead of showing dead buttons. The server cannot know the reader's
// language, so it speaks every language, each marked as such.
func bootFailed() app.UI {
	langs := message.Langs()
	return app.Elem("div").ID("boot-failed").Class("boot-failed").Role("alert").Body(
		app.Range(langs).Slice(func(i int) app.UI {
			return app.Elem("p").Lang(langs[i].Text(message.LangTag)).Text(langs[i].Text(message.BootFailed))
		}),
	)
}

func (p *Page) header(l message.Lang) app.UI {
	state, label := "unknown", message.OfflinePreparing
	switch p.offline {
	case offlinePreparing:
		state = "preparing"
	case offlineReady:
		state, label = "ready", message.OfflineReady
	case offlineNone:
		state, label = "none", message.OfflineOff
	}
	var buttons []app.UI
	for _, lang := range message.Langs() {
		buttons = append(buttons, p.langButton(lang))
	}
	var update app.UI
	if p.updated {
		update = app.Elem("div").ID("update").Class("update").Role("status").Body(
			app.Elem("span").Text(l.Text(message.UpdateReady)+" "),
			app.Elem("button").Attr("type", "button").ID("update-reload").Class("btn").Text(l.Text(message.UpdateReload)).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.Reload() }),
		)
	}
	return app.Elem("header").Class("header").Body(
		app.Elem("div").Class("brand").Body(
			app.Elem("h1").Text(l.Text(message.AppName)),
			app.Elem("p").Class("tagline").Text(l.Text(message.Tagline)),
		),
		app.Elem("span").Class("offline", "off-"+state).DataSet("offline", state).Text(l.Text(label)),
		app.Elem("div").Class("lang-switch").Role("group").Body(buttons...),
		update,
	)
}

// langButton switches to lang; it is named in lang itself, and marked so.
func (p *Page) langButton(lang message.Lang) app.UI {
	return app.Elem("button").Attr("type", "button").Class("lang").
		DataSet("lang", string(lang)).
		Lang(lang.Text(message.LangTag)).
		Aria("pressed", p.lang == lang).
		Text(lang.Text(message.LangName)).
		OnClick(func(ctx app.Context, _ app.Event) {
			p.setLang(lang)
			p.touch(ctx)
		})
}
