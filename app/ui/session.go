package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/message"
)

// sessionPanel sums up the visit's swipes: card or reader, with counts.
// Before the first swipe it says what it will do.
func (p *Page) sessionPanel(l message.Lang) app.UI {
	s := p.session.Summary()
	perTrack := make([]app.UI, 0, 3)
	for i := range 3 {
		if s.TrackReads[i]+s.TrackFailures[i] == 0 {
			continue
		}
		perTrack = append(perTrack, stat(l.Format(message.TrackFailed, i+1),
			strconv.Itoa(s.TrackFailures[i])+" / "+strconv.Itoa(s.Swipes)))
	}
	return app.Section().Class("panel", "session").
		DataSet("swipes", s.Swipes).
		DataSet("cards", s.Cards).
		DataSet("failed", s.Failed).
		DataSet("fault", string(s.Fault)).
		DataSet("dropped", s.Dropped).
		Body(
			app.H2().Text(l.Text(message.Session)),
			app.If(s.Swipes == 0, func() app.UI {
				return app.P().Class("session-empty").Text(l.Text(message.SessionEmpty))
			}).Else(func() app.UI {
				return app.Div().Body(
					app.P().Class("session-text").Text(s.Text(l)),
					app.Dl().Class("stats").Body(
						stat(l.Text(message.Swipes), strconv.Itoa(s.Swipes)),
						stat(l.Text(message.Cards), strconv.Itoa(s.Cards)),
						stat(l.Text(message.Unidentified), strconv.Itoa(s.Unidentified)),
						app.If(s.Dropped > 0, func() app.UI { return stat(l.Text(message.Dropped), strconv.Itoa(s.Dropped)) }),
						app.Range(perTrack).Slice(func(i int) app.UI { return perTrack[i] }),
					),
				)
			}),
		)
}
