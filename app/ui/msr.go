package ui

import (
	"context"
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/internal/device"
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

// msrShown is what the panel shows of a reader-writer. The reading loop
// keeps its own and hands the panel a copy at each change.
type msrShown struct {
	dev   msr605.Device
	port  string // the adapter's USB IDs, "" when not shown
	state string
	mode  msr605.Mode // the mode reading or last read
	err   error       // why reading stopped, or what failed last
}

type msrState struct {
	msrShown
	bad  *badReport       // an answer that could not be read
	want chan msr605.Mode // the mode the person picked
}

func newMSR(link msr605.Link, port string) *msrState {
	return &msrState{msrShown: msrShown{dev: msr605.Device{Link: link}, port: port, state: msrQuerying, mode: msr605.ModeISO},
		want: make(chan msr605.Mode, 1)}
}

// start runs m's loop on the reader do reaches, until the returned cancel
// or gone says m is no longer the panel's.
func (m *msrState) start(ctx app.Context, do msrDo, gone func(*msrState) bool) context.CancelFunc {
	c := ctx
	var cancel context.CancelFunc
	c.Context, cancel = context.WithCancel(ctx)
	ctx.Async(func() { m.run(c, do, gone) })
	return cancel
}

// msrTimeouts reads the tests' shorter timeouts.
func msrTimeouts() (answer, read time.Duration) {
	answer, read = MSRAnswerTimeout, MSRReadTimeout
	if t := app.Window().Get("magcheckTimings"); t.Truthy() {
		if v := t.Get("msrAnswerMS"); v.Truthy() {
			answer = time.Duration(v.Int()) * time.Millisecond
		}
		if v := t.Get("msrReadMS"); v.Truthy() {
			read = time.Duration(v.Int()) * time.Millisecond
		}
	}
	return
}

// pick asks the loop to read in mode, ending a read that waits.
func (m *msrState) pick(mode msr605.Mode) {
	select {
	case <-m.want:
	default:
	}
	m.want <- mode
}

// errPicked ends a read for another mode.
var errPicked = errors.New("mode picked")

// run drives the reader until ctx ends or its link fails. It runs on its
// own goroutine and shows each change through publish.
func (m *msrState) run(ctx app.Context, do msrDo, gone func(*msrState) bool) {
	answerWait, readWait := msrTimeouts()
	s := m.msrShown
	show := func(bad *badReport, r *decoder.Report) { m.publish(ctx, gone, s, bad, r) }
	timed := func(c msr605.Command, d time.Duration) ([]byte, error) {
		tc, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		return do(tc, c)
	}
	_, err := do(ctx, msr605.Reset())
	fw, errF := timed(msr605.Firmware(), answerWait)
	model, errM := timed(msr605.Model(), answerWait)
	s.dev.Firmware, _ = msr605.ParseFirmware(fw)
	s.dev.Model, _ = msr605.ParseModel(model)
	silent := errF != nil && errM != nil
	if err == nil && silent {
		err = errF
		if errors.Is(err, context.DeadlineExceeded) {
			err = &device.Error{Link: s.dev.Link, Code: device.CodeNoAnswer}
		}
	}
	s.state, s.err = msrWaiting, err
	if fatal(err) {
		s.state = msrStopped
	}
	show(nil, nil)
	if fatal(err) {
		return
	}
	mode, reading := msr605.ModeISO, true
	for {
		if !reading {
			select {
			case mode = <-m.want:
				s.err = nil
			case <-ctx.Done():
				return
			}
		}
		if s.state != msrWaiting || s.mode != mode {
			s.state, s.mode = msrWaiting, mode
			show(nil, nil)
		}
		rc, cancel := context.WithTimeout(ctx, readWait)
		res := make(chan msrAnswer, 1)
		go func(c msr605.Command) {
			b, err := do(rc, c)
			res <- msrAnswer{b, err}
		}(msr605.ReadCommand(mode))
		var a msrAnswer
		select {
		case a = <-res:
		case mode = <-m.want:
			cancel()
			<-res
			a.err, s.err = errPicked, nil
		case <-ctx.Done():
			cancel()
			return
		}
		cancel()
		reading = true
		switch {
		case a.err == errPicked:
		case errors.Is(a.err, context.DeadlineExceeded):
			// No answer: end the read the reader still waits on, and wait
			// for the person to pick a mode.
			code := device.CodeNoSwipe
			if silent {
				code = device.CodeNoAnswer
			}
			s.state, s.err, reading = msrStopped, &device.Error{Link: s.dev.Link, Code: code}, false
			show(nil, nil)
		case a.err != nil && a.b == nil && !isFraming(a.err):
			s.state, s.err = msrStopped, a.err
			show(nil, nil)
			return
		default:
			show(msrAnswered(a, mode, s.dev))
			continue
		}
		if _, err := do(ctx, msr605.Reset()); err != nil {
			s.state, s.err = msrStopped, err
			show(nil, nil)
			return
		}
	}
}

type msrAnswer struct {
	b   []byte
	err error
}

// msrAnswered decodes one read's answer: the report to post, or the answer
// that could not be read. The answer's bytes are zeroed.
func msrAnswered(a msrAnswer, mode msr605.Mode, dev msr605.Device) (*badReport, *decoder.Report) {
	defer clear(a.b)
	err := a.err
	var read *msr605.Read
	if err == nil {
		read, err = msr605.ParseRead(a.b, mode)
	}
	if err != nil {
		return newBadReport(a.b, err), nil
	}
	return nil, decoder.DecodeMSR605(read, dev, decoder.Options{})
}

// publish shows s on the UI goroutine, unless m is no longer the panel's,
// with an answer that could not be read or a report, which goes to the
// page. Out of line: every change of the loop comes through here.
//
//go:noinline
func (m *msrState) publish(ctx app.Context, gone func(*msrState) bool, s msrShown, bad *badReport, r *decoder.Report) {
	ctx.Dispatch(func(ctx app.Context) {
		if gone(m) {
			return
		}
		m.msrShown = s
		if bad != nil || r != nil {
			m.bad = bad
		}
		if r != nil {
			ctx.NewActionWithValue(actionReport, r)
		}
	})
}

// isFraming reports a HID answer whose packets did not join up: shown as an
// answer that could not be read.
func isFraming(err error) bool {
	_, ok := errors.AsType[*webhid.ReportError](err)
	return ok
}

// fatal reports whether err ends the link: unplugged, or commands cannot be
// sent.
func fatal(err error) bool { return device.Lost(err) }

// render shows the reader's answers, the mode buttons, what it waits for,
// the last failure and an answer that could not be read. id prefixes the
// elements' IDs ("hid", "serial").
func (m *msrState) render(id string, l message.Lang) app.UI {
	var facts []app.UI
	fact := func(k message.Key, name, v string) {
		if v == "" && m.state == msrQuerying {
			v = "…"
		} else if v == "" {
			v = l.Text(message.MSRUnanswered)
		}
		facts = append(facts, app.Dt().Text(l.Text(k)), app.Dd().DataSet("msr", name).Text(v))
	}
	if m.port != "" {
		fact(message.HIDUSBID, "port", m.port)
	}
	fact(message.MSRModel, "model", m.dev.Model)
	fact(message.MSRFirmware, "firmware", m.dev.Firmware)
	status := message.MSRStopped
	switch {
	case m.state == msrQuerying:
		status = message.MSRQuerying
	case m.state == msrWaiting && m.mode == msr605.ModeRaw:
		status = message.MSRWaitingRaw
	case m.state == msrWaiting:
		status = message.MSRWaitingISO
	}
	body := []app.UI{
		app.Dl().Class("hid-reader").Body(facts...),
		app.Div().Class("actions").Body(m.button(id, msr605.ModeISO, l.Text(message.MSRReadISO)), m.button(id, msr605.ModeRaw, l.Text(message.MSRReadRaw))),
		app.P().Class("msr-status").Aria("live", "polite").Text(l.Text(status)),
	}
	if m.err != nil {
		body = append(body, msrMessage(m.err, l))
	}
	if m.bad != nil {
		body = append(body, badView(m.bad, l, message.MSRBadAnswer, id+"-hex"))
	}
	body = append(body, app.P().Class("msr-note").Text(l.Text(message.MSRNeverWrites)))
	return app.Div().ID(id+"-msr").Class("msr").DataSet("msr-state", m.state).DataSet("mode", string(m.mode)).Body(body...)
}

// button picks mode; it shows pressed while the reader reads in it.
func (m *msrState) button(id string, mode msr605.Mode, text string) app.UI {
	b := app.Button().Type("button").ID(id+"-"+string(mode)).Class("btn").
		Aria("pressed", m.state == msrWaiting && m.mode == mode).Text(text).
		OnClick(func(app.Context, app.Event) { m.pick(mode) })
	if m.state == msrQuerying {
		b = b.Disabled(true)
	}
	return b
}

// msrMessage explains a reader-writer's failure in l.
func msrMessage(err error, l message.Lang) app.UI { return linkMessage(err, l, "msr-error") }

// badView shows what a reader sent that could not be read: its length (in
// message k), why, and its bytes, for the vendor's support.
func badView(b *badReport, l message.Lang, k message.Key, id string) app.UI {
	return app.Div().Class("hid-bad").DataSet("length", b.n).Body(
		app.P().Text(l.Format(k, b.n)),
		app.P().Class("hid-why").Text(decoder.Explain(b.why).In(l)),
		app.Pre().ID(id).Class("hid-hex").Text(b.hex),
	)
}
