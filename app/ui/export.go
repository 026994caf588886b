package ui

import (
	"encoding/json"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/browser"
	"magcheck/decoder"
	"magcheck/message"
)

// The report to hand on is always the masked View, whatever is revealed on
// screen. It is built in memory and handed to the browser as a Blob: no
// request, no storage.

// exportText is the masked plain-text report, with the verdict and the
// summary of the whole visit when it has more than one swipe.
func exportText(r *decoder.Report, s *decoder.Session, l message.Lang) string {
	text := s.View(r, l, false).Text()
	if s != nil && s.Len() > 1 {
		text += "\n" + l.Text(message.Session) + ": " + s.Summary().Text(l) + "\n"
	}
	return text
}

// exportJSON is the masked View as `magcheck decode --json` prints it,
// with the visit's verdict.
func exportJSON(r *decoder.Report, s *decoder.Session, l message.Lang) (string, error) {
	b, err := json.MarshalIndent(s.View(r, l, false), "", "  ")
	return string(b) + "\n", err
}

func (p *Page) saveText(app.Context, app.Event) {
	if p.report != nil {
		browser.Download(fileName("txt"), "text/plain;charset=utf-8", exportText(p.report, p.session, p.lang))
	}
}

// saveJSON saves the JSON view. Marshalling a View cannot fail (it holds
// strings, numbers and bools), so there is no error to show.
func (p *Page) saveJSON(app.Context, app.Event) {
	if p.report == nil {
		return
	}
	if s, err := exportJSON(p.report, p.session, p.lang); err == nil {
		browser.Download(fileName("json"), "application/json", s)
	}
}

func (p *Page) print(app.Context, app.Event) {
	app.Window().Call("print")
}

func fileName(ext string) string {
	return "magcheck-" + time.Now().Format("20060102-150405") + "." + ext
}
