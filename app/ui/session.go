package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/message"
)

// sessionPanel sums up the visit's swipes: card or reader, with counts.
// Before the first swipe it says what it will do. It branches in Go rather
// than through app.If: each closure costs the page's WebAssembly more.
func (p *Page) sessionPanel(l message.Lang) app.UI {
	s := p.session.Summary()
	stats := []app.UI{
		stat(l.Text(message.Swipes), strconv.Itoa(s.Swipes)),
		stat(l.Text(message.Cards), strconv.Itoa(s.Cards)),
		stat(l.Text(message.Unidentified), strconv.Itoa(s.Unidentified)),
	}
	if s.Dropped > 0 {
		stats = append(stats, stat(l.Text(message.Dropped), strconv.Itoa(s.Dropped)))
	}
	for i := range 3 {
		if s.TrackReads[i]+s.TrackFailures[i] == 0 {
			continue
		}
		stats = append(stats, stat(l.Format(message.TrackFailed, i+1),
			strconv.Itoa(s.TrackFailures[i])+" / "+strconv.Itoa(s.Swipes)))
	}
	var summary app.UI = app.Elem("p").Class("session-empty").Text(l.Text(message.SessionEmpty))
	if s.Swipes > 0 {
		summary = app.Elem("div").Body(
			app.Elem("p").Class("session-text").Text(s.Text(l)),
			app.Elem("dl").Class("stats").Body(stats...),
		)
	}
	return app.Elem("section").Class("panel", "session").
		DataSet("swipes", s.Swipes).
		DataSet("cards", s.Cards).
		DataSet("failed", s.Failed).
		DataSet("fault", string(s.Fault)).
		DataSet("dropped", s.Dropped).
		Body(app.Elem("h2").Text(l.Text(message.Session)), summary)
}
