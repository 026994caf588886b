package ui

import (
	"context"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
	"magcheck/msr605"
)

// An MSR605-family reader-writer (an MSR605X on WebHID, an MSR605 or MSR206
// on Web Serial) reads only when asked. msr605.Converse holds the
// conversation: what to send, how to read each answer, when reading
// stops. msrState is what a panel shows of it: the conversation's Status
// at each change, and an answer that could not be read; each read is
// decoded and posted to the page as actionReport.

// msrTimeouts are the reader-writers' timeouts (msr605.DefaultTimeouts);
// tests shorten them through window.magcheckTimings (msrAnswerMS,
// msrReadMS).
func msrTimeouts() msr605.Timeouts {
	t := msr605.DefaultTimeouts
	if v := testTiming("msrAnswerMS"); v > 0 {
		t.Answer = v
	}
	if v := testTiming("msrReadMS"); v > 0 {
		t.Read = v
	}
	return t
}

// msrState is one reader-writer's conversation as its panel shows it.
type msrState struct {
	msr605.Status
	port string           // the adapter's USB IDs, "" when not shown
	bad  *badReport       // an answer that could not be read
	want chan msr605.Mode // the mode the person picked
}

func newMSR(link msr605.Link, port string) *msrState {
	return &msrState{Status: msr605.Starting(link), port: port, want: make(chan msr605.Mode, 1)}
}

// start converses with the reader do reaches, until the returned cancel
// or gone says m is no longer the panel's.
func (m *msrState) start(ctx app.Context, do msr605.Do, gone func(*msrState) bool) context.CancelFunc {
	c := ctx
	var cancel context.CancelFunc
	c.Context, cancel = context.WithCancel(ctx)
	link := m.Device.Link
	ctx.Async(func() {
		msr605.Converse(c, link, do, m.want, msrTimeouts(), func(e msr605.Event) { m.publish(c, gone, e) })
	})
	return cancel
}

// pick asks the conversation to read in mode, ending a read that waits.
func (m *msrState) pick(mode msr605.Mode) {
	select {
	case <-m.want:
	default:
	}
	m.want <- mode
}

// publish shows e on the UI goroutine, unless m is no longer the panel's:
// a read's answer is decoded here, before Converse zeroes its bytes, and
// posted to the page; one that could not be read is kept as hex. Out of
// line: every change of the conversation comes through here.
//
//go:noinline
func (m *msrState) publish(ctx app.Context, gone func(*msrState) bool, e msr605.Event) {
	var bad *badReport
	var r *decoder.Report
	switch {
	case e.Read != nil:
		r = decoder.DecodeMSR605(e.Read, e.Device, decoder.Options{})
	case e.Why != nil:
		bad = newBadReport(e.Bad, e.Why)
	}
	ctx.Dispatch(func(ctx app.Context) {
		if gone(m) {
			return
		}
		m.Status = e.Status
		if e.Answered() {
			m.bad = bad
		}
		if r != nil {
			ctx.NewActionWithValue(actionReport, r)
		}
	})
}

// render shows the reader's answers, the mode buttons, what it waits for,
// the last failure and an answer that could not be read. id prefixes the
// elements' IDs ("hid", "serial").
func (m *msrState) render(id string, l message.Lang) app.UI {
	var facts []app.UI
	fact := func(k message.Key, name, v string) {
		if v == "" && m.State == msr605.StateQuerying {
			v = "…"
		} else if v == "" {
			v = l.Text(message.MSRUnanswered)
		}
		facts = append(facts, app.Elem("dt").Text(l.Text(k)), app.Elem("dd").DataSet("msr", name).Text(v))
	}
	if m.port != "" {
		fact(message.HIDUSBID, "port", m.port)
	}
	fact(message.MSRModel, "model", m.Device.Model)
	fact(message.MSRFirmware, "firmware", m.Device.Firmware)
	status := message.MSRStopped
	switch {
	case m.State == msr605.StateQuerying:
		status = message.MSRQuerying
	case m.State == msr605.StateWaiting && m.Mode == msr605.ModeRaw:
		status = message.MSRWaitingRaw
	case m.State == msr605.StateWaiting:
		status = message.MSRWaitingISO
	}
	body := []app.UI{
		app.Elem("dl").Class("hid-reader").Body(facts...),
		app.Elem("div").Class("actions").Body(m.button(id, msr605.ModeISO, l.Text(message.MSRReadISO)), m.button(id, msr605.ModeRaw, l.Text(message.MSRReadRaw))),
		app.Elem("p").Class("msr-status").Aria("live", "polite").Text(l.Text(status)),
	}
	if m.Err != nil {
		body = append(body, msrMessage(m.Err, l))
	}
	if m.bad != nil {
		body = append(body, badView(m.bad, l, message.MSRBadAnswer, id+"-hex"))
	}
	body = append(body, app.Elem("p").Class("msr-note").Text(l.Text(message.MSRNeverWrites)))
	return app.Elem("div").ID(id+"-msr").Class("msr").DataSet("msr-state", string(m.State)).DataSet("mode", string(m.Mode)).Body(body...)
}

// button picks mode; it shows pressed while the reader reads in it.
func (m *msrState) button(id string, mode msr605.Mode, text string) app.UI {
	b := app.Elem("button").Attr("type", "button").ID(id+"-"+string(mode)).Class("btn").
		Aria("pressed", m.State == msr605.StateWaiting && m.Mode == mode).Text(text).
		OnClick(func(app.Context, app.Event) { m.pick(mode) })
	if m.State == msr605.StateQuerying {
		b = b.Attr("disabled", true)
	}
	return b
}

// msrMessage explains a reader-writer's failure in l.
func msrMessage(err error, l message.Lang) app.UI { return linkMessage(err, l, "msr-error") }

// badView shows what a reader sent that could not be read: its length (in
// message k), why, and its bytes, for the vendor's support.
func badView(b *badReport, l message.Lang, k message.Key, id string) app.UI {
	return app.Elem("div").Class("hid-bad").DataSet("length", b.n).Body(
		app.Elem("p").Text(l.Format(k, b.n)),
		app.Elem("p").Class("hid-why").Text(decoder.Explain(b.why).In(l)),
		app.Elem("pre").ID(id).Class("hid-hex").Text(b.hex),
	)
}
