package ui

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

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
	stopConnect func()
}

// OnMount checks for Web Serial, reopens a port granted earlier and
// watches for granted ports being plugged in.
func (s *SerialPanel) OnMount(ctx app.Context) {
	ctx.Handle(actionClear, s.forget)
	if ok, err := msr605.SerialSupported(); !ok {
		ctx.Dispatch(func(app.Context) { s.unsupported = err })
		return
	}
	s.stopConnect = msr605.OnSerialConnect(func(p *msr605.Port) {
		ctx.Dispatch(func(ctx app.Context) {
			if s.port == nil {
				s.open(ctx, p)
			}
		})
	})
	ctx.Async(func() {
		ps, err := msr605.GrantedPorts(ctx)
		if err != nil || len(ps) == 0 {
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			if s.port == nil {
				s.open(ctx, ps[0])
			}
		})
	})
}

// forget drops an unreadable answer's hex when the page clears.
func (s *SerialPanel) forget(app.Context, app.Action) {
	if s.msr != nil {
		s.msr.bad = nil
	}
}

// OnDismount closes the port and stops watching.
func (s *SerialPanel) OnDismount() {
	if s.stopConnect != nil {
		s.stopConnect()
	}
	s.close()
}

// connect asks for a port. The chooser needs the click's user activation,
// so RequestPort starts in the click's turn.
func (s *SerialPanel) connect(ctx app.Context, _ app.Event) {
	s.err = nil
	ctx.Async(func() {
		p, err := msr605.RequestPort(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				s.err = err
				return
			}
			s.open(ctx, p)
		})
	})
}

// open opens p and starts reading the reader on it.
func (s *SerialPanel) open(ctx app.Context, p *msr605.Port) {
	s.close()
	s.port, s.err = p, nil
	m := newMSR(msr605.LinkSerial)
	c := ctx
	c.Context, s.cancel = context.WithCancel(ctx)
	s.msr = m
	ctx.Async(func() {
		err := p.Open(c, func(err error) {
			ctx.Dispatch(func(app.Context) { s.lost(p, err) })
		})
		if err != nil {
			ctx.Dispatch(func(app.Context) { s.lost(p, err) })
			return
		}
		m.run(c, p.Do, func(m *msrState) bool { return s.msr != m })
	})
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

// lost forgets p after it failed to open or was unplugged.
func (s *SerialPanel) lost(p *msr605.Port, err error) {
	if s.port == p {
		s.close()
	}
	s.err = err
}

// Render shows the connect button, the port, the reader's answers and
// controls, and the last failure.
func (s *SerialPanel) Render() app.UI {
	l := s.Lang
	state := "idle"
	switch {
	case s.unsupported != nil:
		state = "unsupported"
	case s.port != nil:
		state = "connected"
	case s.err != nil:
		state = "error"
	}
	return app.Section().ID("serial").Class("panel", "serial").DataSet("serial-state", state).Body(
		app.H2().Text(l.Text(message.SerialTitle)),
		app.If(s.unsupported != nil, func() app.UI {
			return msrMessage(s.unsupported, l)
		}).Else(func() app.UI {
			return app.Button().Type("button").ID("serialbtn").Class("btn").Text(l.Text(message.SerialConnect)).OnClick(s.connect)
		}),
		app.If(s.port != nil, func() app.UI { return portInfo(s.port, l) }),
		app.If(s.msr != nil, func() app.UI { return s.msr.render("serial", l, s.msr.pick) }),
		app.If(s.err != nil, func() app.UI { return msrMessage(s.err, l) }),
		app.P().Class("hid-note").Text(l.Text(message.SerialNote)),
	)
}

func portInfo(p *msr605.Port, l message.Lang) app.UI {
	port := l.Text(message.SerialPortOther)
	if p.VendorID != 0 || p.ProductID != 0 {
		port = l.Format(message.SerialPortUSB, p.VendorID, p.ProductID)
	}
	return app.Dl().ID("serial-port").Class("hid-reader").Body(
		app.Dt().Text(l.Text(message.SerialPort)), app.Dd().Text(port),
	)
}
