package ui

import (
	"context"
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
	"magcheck/msr605"
	"magcheck/webhid"
)

// An MSR605-family reader-writer (an MSR605X on WebHID, an MSR605 or MSR206
// on Web Serial) reads only when asked: a panel sends it a read command and
// the answer comes after a swipe. msrState is what the panel shows of one
// and drives it with: first a reset and the two queries, then one read
// after another in the mode the person picked, each answer posted to the
// page as actionReport. Only msr605's read and query commands are ever sent.

// msrDo sends one command and waits for its answer (webhid.Reader.MSR605,
// msr605.Port.Do).
type msrDo func(ctx context.Context, c msr605.Command) ([]byte, error)

// How long a reader-writer may take: to answer a query, and to see a swipe
// once a read is sent. Tests shorten both through window.magcheckTimings
// (msrAnswerMS, msrReadMS).
var (
	MSRAnswerTimeout = 3 * time.Second
	MSRReadTimeout   = 2 * time.Minute
)

// The reading states, as data-msr-state shows them.
const (
	msrQuerying = "querying"
	msrWaiting  = "waiting"
	msrStopped  = "stopped"
)

type msrState struct {
	dev   msr605.Device
	state string
	mode  msr605.Mode // the mode reading or last read
	err   error       // why reading stopped, or what failed last
	bad   *badReport  // an answer that could not be read

	want chan msr605.Mode // the mode the person picked
}

func newMSR(link msr605.Link) *msrState {
	return &msrState{dev: msr605.Device{Link: link}, state: msrQuerying, mode: msr605.ModeISO, want: make(chan msr605.Mode, 1)}
}

// msrTimeouts reads the tests' shorter timeouts.
func msrTimeouts() (answer, read time.Duration) {
	answer, read = MSRAnswerTimeout, MSRReadTimeout
	t := app.Window().Get("magcheckTimings")
	if !t.Truthy() {
		return
	}
	if v := t.Get("msrAnswerMS"); v.Truthy() {
		answer = time.Duration(v.Float() * float64(time.Millisecond))
	}
	if v := t.Get("msrReadMS"); v.Truthy() {
		read = time.Duration(v.Float() * float64(time.Millisecond))
	}
	return
}

// pick asks the loop to read in mode m, ending a read that waits.
func (m *msrState) pick(mode msr605.Mode) {
	select {
	case <-m.want:
	default:
	}
	m.want <- mode
}

// run drives the reader until ctx ends or its link fails. It runs on its
// own goroutine; every change to m goes through ctx.Dispatch, and is
// dropped once gone says m is no longer the panel's.
func (m *msrState) run(ctx app.Context, do msrDo, gone func(*msrState) bool) {
	answerWait, readWait := msrTimeouts()
	update := func(f func(app.Context)) {
		ctx.Dispatch(func(ctx app.Context) {
			if !gone(m) {
				f(ctx)
			}
		})
	}
	query := func(c msr605.Command) ([]byte, error) {
		qc, cancel := context.WithTimeout(ctx, answerWait)
		defer cancel()
		return do(qc, c)
	}
	if _, err := do(ctx, msr605.Reset()); err != nil {
		update(func(app.Context) { m.state, m.err = msrStopped, err })
		return
	}
	fw, errF := query(msr605.Firmware())
	model, errM := query(msr605.Model())
	dev := m.dev
	dev.Firmware, _ = msr605.ParseFirmware(fw)
	dev.Model, _ = msr605.ParseModel(model)
	var err error
	if errF != nil && errM != nil {
		err = noAnswer(errF)
	}
	update(func(app.Context) { m.dev, m.state, m.err = dev, msrWaiting, err })
	if fatal(err) {
		return
	}
	mode := msr605.ModeISO
	for {
		rc, cancel := context.WithTimeout(ctx, readWait)
		res := make(chan msrAnswer, 1)
		go func() {
			b, err := do(rc, msr605.ReadCommand(mode))
			res <- msrAnswer{b, err}
		}()
		var a msrAnswer
		picked := false
		select {
		case a = <-res:
		case mode = <-m.want:
			picked = true
		case <-ctx.Done():
			cancel()
			return
		}
		cancel()
		if picked {
			<-res
			if _, err := do(ctx, msr605.Reset()); err != nil {
				update(func(app.Context) { m.state, m.err = msrStopped, err })
				return
			}
			update(func(app.Context) { m.state, m.mode, m.err = msrWaiting, mode, nil })
			continue
		}
		stop := m.answered(update, a, mode, dev)
		if fatal(a.err) {
			return
		}
		if !stop {
			continue
		}
		// No swipe: end the read the reader still waits on, and wait for
		// the person to pick a mode.
		if _, err := do(ctx, msr605.Reset()); err != nil {
			update(func(app.Context) { m.state, m.err = msrStopped, err })
			return
		}
		select {
		case mode = <-m.want:
			update(func(app.Context) { m.state, m.mode, m.err = msrWaiting, mode, nil })
		case <-ctx.Done():
			return
		}
	}
}

type msrAnswer struct {
	b   []byte
	err error
}

// answered shows one read's answer: a report posted to the page, an answer
// that cannot be read, or why no answer came. It reports whether reading
// stops (no swipe in time).
func (m *msrState) answered(update func(func(app.Context)), a msrAnswer, mode msr605.Mode, dev msr605.Device) (stop bool) {
	if errors.Is(a.err, context.DeadlineExceeded) {
		update(func(app.Context) { m.state, m.err = msrStopped, &msr605.PortError{Code: msr605.CodeNoSwipe} })
		return true
	}
	if a.err != nil && a.b == nil {
		if _, framing := errors.AsType[*webhid.ReportError](a.err); !framing {
			update(func(app.Context) { m.state, m.err = msrStopped, a.err })
			return true
		}
	}
	var read *msr605.Read
	err := a.err
	if err == nil {
		read, err = msr605.ParseRead(a.b, mode)
	}
	if err != nil {
		bad := &badReport{n: len(a.b), hex: webhid.Hex(a.b[:min(len(a.b), maxHexShown)]), why: err}
		clear(a.b)
		update(func(app.Context) { m.bad, m.err = bad, nil })
		return false
	}
	report := decoder.DecodeMSR605(read, dev, decoder.Options{})
	clear(a.b)
	update(func(ctx app.Context) {
		m.bad, m.err = nil, nil
		ctx.NewActionWithValue(actionReport, report)
	})
	return false
}

// fatal reports whether err ends the link: unplugged, or commands cannot be
// sent.
func fatal(err error) bool {
	if e, ok := errors.AsType[*msr605.PortError](err); ok {
		return e.Code == msr605.CodeUnplugged || e.Code == msr605.CodeSendFailed
	}
	if e, ok := errors.AsType[*webhid.Error](err); ok {
		return e.Code == webhid.CodeUnplugged || e.Code == webhid.CodeFeatureFailed
	}
	return false
}

// noAnswer is the queries' failure: a reader that does not answer, or the
// link's own failure.
func noAnswer(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return &msr605.PortError{Code: msr605.CodeNoAnswer}
	}
	return err
}

// render shows the reader's answers, the mode buttons, what it waits for,
// the last failure and an answer that could not be read. id prefixes the
// elements' IDs ("hid", "serial").
func (m *msrState) render(id string, l message.Lang, pick func(msr605.Mode)) app.UI {
	value := func(name, v string) app.UI {
		if v == "" {
			if m.state == msrQuerying {
				v = "…"
			} else {
				v = l.Text(message.MSRUnanswered)
			}
		}
		return app.Dd().DataSet("msr", name).Text(v)
	}
	button := func(mode msr605.Mode, k message.Key) app.UI {
		b := app.Button().Type("button").ID(id+"-"+string(mode)).Class("btn").
			Aria("pressed", m.state == msrWaiting && m.mode == mode).
			Text(l.Text(k)).
			OnClick(func(app.Context, app.Event) { pick(mode) })
		if m.state == msrQuerying {
			b = b.Disabled(true)
		}
		return b
	}
	status := message.MSRStopped
	switch {
	case m.state == msrQuerying:
		status = message.MSRQuerying
	case m.state == msrWaiting && m.mode == msr605.ModeRaw:
		status = message.MSRWaitingRaw
	case m.state == msrWaiting:
		status = message.MSRWaitingISO
	}
	return app.Div().ID(id+"-msr").Class("msr").DataSet("msr-state", m.state).DataSet("mode", string(m.mode)).Body(
		app.Dl().Class("hid-reader").Body(
			app.Dt().Text(l.Text(message.MSRModel)), value("model", m.dev.Model),
			app.Dt().Text(l.Text(message.MSRFirmware)), value("firmware", m.dev.Firmware),
		),
		app.Div().Class("actions").Body(button(msr605.ModeISO, message.MSRReadISO), button(msr605.ModeRaw, message.MSRReadRaw)),
		app.P().Class("msr-status").Aria("live", "polite").Text(l.Text(status)),
		app.If(m.err != nil, func() app.UI { return msrMessage(m.err, l) }),
		app.If(m.bad != nil, func() app.UI {
			return app.Div().Class("hid-bad", "msr-bad").DataSet("length", m.bad.n).Body(
				app.P().Text(l.Format(message.MSRBadAnswer, m.bad.n)),
				app.P().Class("hid-why").Text(decoder.Explain(m.bad.why).In(l)),
				app.Pre().ID(id+"-hex").Class("hid-hex").Text(m.bad.hex),
			)
		}),
		app.P().Class("msr-note").Text(l.Text(message.MSRNeverWrites)),
	)
}

// msrMessage explains a reader-writer's failure in l, with the browser's
// own words beside it.
func msrMessage(err error, l message.Lang) app.UI {
	code, detail := "", ""
	if e, ok := errors.AsType[*msr605.PortError](err); ok {
		code, detail = string(e.Code), e.Detail
	}
	if e, ok := errors.AsType[*webhid.Error](err); ok {
		code, detail = string(e.Code), e.Detail
	}
	return app.Div().Class("hid-error", "msr-error").DataSet("msr-error", code).Aria("live", "polite").Body(
		app.P().Text(decoder.Explain(err).In(l)),
		app.If(detail != "", func() app.UI { return browserSaid(detail, l).Class("hid-detail") }),
	)
}
