package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
)

// PastePanel takes captures copied from elsewhere: reader text from a POS
// log, EMV tag 57 hex or a raw bit stream. The textarea's value is never
// bound to Go state: what a person types stays in the browser until Decode
// reads it. A decoded paste goes to the page as actionReport; one that
// cannot be decoded says why here, and the result on screen stays.
type PastePanel struct {
	app.Compo

	Lang message.Lang

	err error // why the last paste could not be decoded
}

// OnMount follows the page: a new report on screen ends the paste's error,
// and Clear empties the box.
func (pp *PastePanel) OnMount(ctx app.Context) {
	ctx.Handle(actionShown, func(ctx app.Context, _ app.Action) {
		if pp.err == nil {
			ctx.PreventUpdate() // nothing to take away: no render
		}
		pp.err = nil
	})
	ctx.Handle(actionClear, pp.forget)
}

// forget empties the box when the page clears: it may hold card data.
func (pp *PastePanel) forget(app.Context, app.Action) {
	pp.err = nil
	app.Window().GetElementByID("paste").Set("value", "")
}

func (pp *PastePanel) decode(ctx app.Context, _ app.Event) {
	text := app.Window().GetElementByID("paste").Get("value").String()
	r, err := decoder.DecodePasted(text, decoder.Options{})
	if err != nil {
		pp.err = err
		return
	}
	ctx.NewActionWithValue(actionReport, r)
}

// Render shows the box, the Decode button and the last paste's error.
func (pp *PastePanel) Render() app.UI {
	l := pp.Lang
	var failed app.UI
	if pp.err != nil {
		failed = app.Elem("p").Class("paste-error").Role("alert").Body(
			app.Elem("strong").Text(l.Text(message.PasteError)+": "),
			app.Text(decoder.Explain(pp.err).In(l)),
		)
	}
	return app.Elem("section").Class("panel", "paste").Body(
		app.Elem("h2").Body(app.Elem("label").Attr("for", "paste").Text(l.Text(message.Paste))),
		app.Elem("textarea").ID("paste").Class("mono").
			Attr("rows", 3).
			Attr("placeholder", l.Text(message.PasteHint)).
			Attr("spellcheck", "false").
			Attr("autocomplete", "off").
			Attr("autocapitalize", "off").
			Attr("autocorrect", "off").
			OnInput(func(ctx app.Context, _ app.Event) { ctx.NewAction(actionActive) }),
		app.Elem("div").Class("actions").Body(
			app.Elem("button").Attr("type", "button").ID("decode").Class("btn", "btn-primary").Text(l.Text(message.Decode)).
				OnClick(pp.decode),
		),
		failed,
	)
}
