package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
)

// actionTerminal carries what the technician chose the terminal said (a
// decoder.TerminalSaid, SaidNothing for none) from the terminal row to
// the page, which keeps it in the visit's session.
const actionTerminal = "magcheck.terminal"

// TerminalRow asks what the POS terminal said: one choice for each message
// of message.Terminals, and one for none of them. Before a swipe it lies
// open, and says what the chosen message usually means; with a swipe on
// screen it folds to one line, so that the verdict stays on the first
// screen, and opens again on Change. It is fed plain data and posts
// actionTerminal.
type TerminalRow struct {
	app.Compo

	Lang   message.Lang
	Said   string // the chosen message's code, "" for none
	Swiped bool   // a report is on screen

	open bool // opened on Change while a report is on screen
}

// OnMount folds the row again for each new report.
func (t *TerminalRow) OnMount(ctx app.Context) {
	ctx.Handle(actionShown, func(ctx app.Context, _ app.Action) {
		if !t.open {
			ctx.PreventUpdate()
		}
		t.open = false
	})
}

func (t *TerminalRow) choose(ctx app.Context, code string) {
	t.open = false
	ctx.NewActionWithValue(actionTerminal, decoder.TerminalSaid(code))
}

// Render shows the choices, or the folded line. It branches in Go rather
// than through app.If: each closure costs the page's WebAssembly more.
func (t *TerminalRow) Render() app.UI {
	l := t.Lang
	chosen, ok := message.TerminalByCode(t.Said)
	folded := t.Swiped && !t.open
	section := app.Elem("section").Class("panel", "terminal").
		DataSet("folded", folded).
		DataSet("said", t.Said).
		Aria("labelledby", "terminal-q")
	if folded {
		said := []app.UI{app.Elem("span").Class("terminal-label").Text(l.Text(message.TerminalSaidQuestion))}
		if ok {
			said = []app.UI{
				app.Elem("span").Class("terminal-label").Text(l.Text(message.TerminalSaidLabel) + ": "),
				app.Elem("strong").Text(l.Text(chosen.Gloss)),
				t.words(chosen.Quoted(l)),
			}
		}
		return section.Body(app.Elem("div").Class("terminal-line").Body(
			app.Elem("p").ID("terminal-q").Body(said...),
			app.Elem("button").Attr("type", "button").ID("terminal-change").Class("btn").
				Text(l.Text(message.TerminalChange)).
				OnClick(func(app.Context, app.Event) { t.open = true }),
		))
	}
	choices := make([]app.UI, 0, len(message.Terminals())+1)
	for _, m := range message.Terminals() {
		choices = append(choices, t.choice(m.Code, l.Text(m.Gloss), m.Quoted(l)))
	}
	choices = append(choices, t.choice("", l.Text(message.TerminalNone), ""))
	var meaning app.UI
	if ok && !t.Swiped {
		meaning = app.Elem("p").Class("terminal-meaning").Role("status").Text(l.Text(chosen.Meaning))
	}
	return section.Body(
		app.Elem("div").Class("terminal-head").Body(
			app.Elem("h2").ID("terminal-q").Text(l.Text(message.TerminalSaidQuestion)),
			app.Elem("p").Class("terminal-hint").Text(l.Text(message.TerminalSaidHint)),
		),
		app.Elem("div").Class("terminal-choices").Role("group").Aria("labelledby", "terminal-q").Body(choices...),
		meaning,
	)
}

// choice is one touch-sized button: the message in the page's language
// and, where they add to it, the terminal's own words.
func (t *TerminalRow) choice(code, gloss, words string) app.UI {
	b := app.Elem("button").Attr("type", "button").Class("btn", "terminal-choice").
		Aria("pressed", t.Said == code).
		OnClick(func(ctx app.Context, _ app.Event) { t.choose(ctx, code) })
	if code == "" {
		b = b.ID("terminal-none")
	} else {
		b = b.DataSet("terminal-said", code)
	}
	return b.Body(app.Elem("span").Class("terminal-gloss").Text(gloss), t.words(words))
}

// words are the terminal's own words, marked as the Chinese they are;
// nothing when there are none.
func (t *TerminalRow) words(s string) app.UI {
	if s == "" {
		return nil
	}
	return app.Elem("span").Class("terminal-words").Lang(message.Chinese.Text(message.LangTag)).Text(s)
}
