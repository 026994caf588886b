package ui

import (
	"encoding/json"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
)

// The report to hand on is always the masked View, whatever is revealed on
// screen. It is built in memory and handed to the browser as a Blob: no
// request, no storage.

// exportText is the masked plain-text report, with the session's summary
// when the visit has more than one swipe.
func exportText(r *decoder.Report, s *decoder.Session, l decoder.Lang) string {
	text := r.View(l, false).Text()
	if s != nil && s.Len() > 1 {
		text += "\n" + labelsFor(l).Session + ": " + s.Summary().Text(l) + "\n"
	}
	return text
}

// exportJSON is the masked View as `magcheck decode --json` prints it.
func exportJSON(r *decoder.Report, l decoder.Lang) (string, error) {
	b, err := json.MarshalIndent(r.View(l, false), "", "  ")
	return string(b) + "\n", err
}

func (p *Page) saveText(ctx app.Context, _ app.Event) {
	if p.report == nil {
		return
	}
	download(ctx, fileName("txt"), "text/plain;charset=utf-8", exportText(p.report, p.session, p.lang))
}

func (p *Page) saveJSON(ctx app.Context, _ app.Event) {
	if p.report == nil {
		return
	}
	s, err := exportJSON(p.report, p.lang)
	if err != nil {
		p.pasteErr = err.Error()
		return
	}
	download(ctx, fileName("json"), "application/json", s)
}

func (p *Page) print(ctx app.Context, _ app.Event) {
	app.Window().Call("print")
}

func fileName(ext string) string {
	return "magcheck-" + time.Now().Format("20060102-150405") + "." + ext
}

// download hands body to the browser as a file through an object URL,
// revoked once the browser has taken the download.
func download(ctx app.Context, name, mime, body string) {
	win := app.Window()
	blob := win.Get("Blob").New([]any{body}, map[string]any{"type": mime})
	url := win.Get("URL").Call("createObjectURL", blob)
	a := win.Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	ctx.After(time.Second, func(app.Context) {
		app.Window().Get("URL").Call("revokeObjectURL", url)
	})
}
