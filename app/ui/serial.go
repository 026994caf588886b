package ui

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/internal/hexdigit"
	"magcheck/message"
	"magcheck/msr605"
)

// SerialPanel connects an MSR605 or MSR206 reader-writer through Web Serial
// and reads it as msrState does: it asks for the model and firmware, then
// reads card after card in ISO or raw mode, posting each to the page as
// actionReport. It sends nothing but msr605's read and query commands. Card
// data is held only in the report handed on, and in the hex of an answer
// it could not read, until the next answer, a disconnect or actionClear.
type SerialPanel struct {
	app.Compo

	Lang message.Lang

	unsupported error        // why Web Serial is missing; nil when present
	port        *msr605.Port // the open port, nil when none
	err         error        // the last failure, shown until the next attempt
	msr         *msrState
	cancel      context.CancelFunc // ends msr's loop
}

// OnMount checks for Web Serial. A port is opened only on a click: the
// page sends a reader nothing it was not asked to.
func (s *SerialPanel) OnMount(ctx app.Context) {
	ctx.Handle(actionClear, s.forget)
	if ok, err := msr605.SerialSupported(); !ok {
		dispatch(ctx, func(app.Context) { s.unsupported = err })
	}
}

// forget drops an unreadable answer's hex when the page clears.
func (s *SerialPanel) forget(app.Context, app.Action) {
	if s.msr != nil {
		s.msr.bad = nil
	}
}

// OnDismount closes the port.
func (s *SerialPanel) OnDismount() { s.close() }

// connect asks for a port and opens it. The chooser needs the click's user
// activation, so RequestPort starts in the click's turn.
func (s *SerialPanel) connect(ctx app.Context, _ app.Event) {
	s.close()
	s.err = nil
	ctx.Async(func() {
		p, err := msr605.RequestPort(ctx)
		if err == nil {
			err = p.Open(ctx, func(err error) { dispatch(ctx, func(app.Context) { s.lost(p, err) }) })
		}
		dispatch(ctx, func(ctx app.Context) {
			if err != nil {
				s.err = err
				return
			}
			s.open(ctx, p)
		})
	})
}

// open starts reading the reader on the open port p.
func (s *SerialPanel) open(ctx app.Context, p *msr605.Port) {
	port := ""
	if p.VendorID != 0 || p.ProductID != 0 {
		port = hexdigit.USBID(p.VendorID, p.ProductID)
	}
	s.port, s.msr = p, newMSR(msr605.LinkSerial, port)
	s.cancel = s.msr.start(ctx, p.Do, func(m *msrState) bool { return s.msr != m })
}

// close ends the reading and closes the port; the grant remains.
func (s *SerialPanel) close() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	if s.port != nil {
		s.port.Close()
	}
	s.port, s.msr = nil, nil
}

// lost forgets p after it was unplugged.
func (s *SerialPanel) lost(p *msr605.Port, err error) {
	if s.port == p {
		s.close()
	}
	s.err = err
}

// Render shows the connect button, the reader's answers and controls, and
// the last failure; without Web Serial, only what to do instead.
func (s *SerialPanel) Render() app.UI {
	l := s.Lang
	state := "idle"
	body := []app.UI{app.Elem("h2").Text(l.Text(message.SerialTitle))}
	switch {
	case s.unsupported != nil:
		state = "unsupported"
		body = append(body, linkMessage(s.unsupported, l, "msr-error").Class("unsupported"))
	default:
		body = append(body, app.Elem("button").Attr("type", "button").ID("serialbtn").Class("btn").Text(l.Text(message.SerialConnect)).OnClick(s.connect))
	}
	if s.msr != nil {
		state = "connected"
		body = append(body, s.msr.render("serial", l))
	}
	if s.err != nil {
		if state == "idle" {
			state = "error"
		}
		body = append(body, msrMessage(s.err, l))
	}
	if s.unsupported == nil {
		body = append(body, app.Elem("p").Class("hid-note").Text(l.Text(message.SerialNote)))
	}
	return app.Elem("section").ID("serial").Class("panel", "serial").DataSet("serial-state", state).Body(body...)
}

// dispatch runs f on the UI goroutine. Out of line: inlined, each call of
// ctx.Dispatch grows the page's WebAssembly by about a kilobyte.
//
//go:noinline
func dispatch(ctx app.Context, f func(app.Context)) { ctx.Dispatch(f) }
