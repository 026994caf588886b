package msr605

import (
	"context"
	"errors"
	"time"

	"magcheck/internal/device"
)

// A reader-writer reads only when asked. magcheck's side of the
// conversation is here, for every link: first a reset and the two queries
// (firmware, model), whose answers describe the reader; then one read
// after another in the mode the person picked, each answer read as that
// mode's. Converse drives a reader over a link; ReadCapture reads a
// conversation recorded from one. Both read every answer with Device.take,
// and neither sends or expects anything but the read and query commands.

// Do sends one command to a reader and, when it is answered, waits for
// the whole answer until ctx ends: Port.Do on Web Serial, webhid's
// Reader.MSR605 on an MSR605X. An answer that cannot be read comes back
// with why (an *Error, or the HID framing error of packets that do not
// join up); a failure of the link itself is a *device.Error.
type Do func(ctx context.Context, c Command) ([]byte, error)

// State is where a conversation stands.
type State string

// States.
const (
	StateQuerying State = "querying" // asking for the model and firmware
	StateWaiting  State = "waiting"  // a read sent: the reader waits for a swipe
	StateStopped  State = "stopped"  // no read pending: until a mode is picked, or for good when the link failed
)

// Timeouts say how long a reader may take: to answer a query, and to see
// a swipe once a read is sent.
type Timeouts struct {
	Answer, Read time.Duration
}

// DefaultTimeouts are a page's: a query is answered at once, and a person
// may take a while to find the card.
var DefaultTimeouts = Timeouts{Answer: 3 * time.Second, Read: 2 * time.Minute}

// Status is what a conversation has to show: the reader, where the
// conversation stands, the mode it reads in (or last read), and why
// reading stopped or what failed last (nil for nothing).
type Status struct {
	Device Device
	State  State
	Mode   Mode
	Err    error
}

// Starting is the Status of a conversation on link before the reader has
// answered: querying, to read in ISO mode.
func Starting(link Link) Status {
	return Status{Device: Device{Link: link}, State: StateQuerying, Mode: ModeISO}
}

// Event is one change of a conversation: its Status, and for a read's
// answer either the Read or the answer that could not be (Bad, its bytes,
// possibly none; Why, the reason).
type Event struct {
	Status
	Read *Read
	Bad  []byte
	Why  error
}

// Answered reports whether e brings a read's answer.
func (e Event) Answered() bool { return e.Read != nil || e.Why != nil }

// Converse talks to the reader that do reaches on link until ctx ends or
// the link fails: it resets the reader and asks for its firmware and
// model, then reads in ISO mode, and in each mode a value on pick names
// (a pick ends the read that waits). A read nobody swipes a card for
// within t.Read stops with device.CodeNoSwipe (device.CodeNoAnswer when
// the reader answered neither query): the reader is reset, and the next
// pick reads again. Each change goes to show, on Converse's goroutine; an
// answer's bytes, and the Read's track data with them, are zeroed once
// show returns, so show must not keep them.
func Converse(ctx context.Context, link Link, do Do, pick <-chan Mode, t Timeouts, show func(Event)) {
	c := &conversation{ctx: ctx, do: do, t: t, show: show, s: Starting(link)}
	if !c.query() {
		return
	}
	mode, reading := ModeISO, true
	for {
		if !reading {
			select {
			case mode = <-pick:
				c.s.Err = nil
			case <-ctx.Done():
				return
			}
		}
		if c.s.State != StateWaiting || c.s.Mode != mode {
			c.s.State, c.s.Mode = StateWaiting, mode
			c.changed()
		}
		a, ok := c.read(mode, pick)
		reading = true
		switch {
		case !ok:
			return
		case a.picked != "":
			mode, c.s.Err = a.picked, nil
		case errors.Is(a.err, context.DeadlineExceeded):
			// No swipe: end the read the reader still waits on, and wait
			// for the person to pick a mode.
			code := device.CodeNoSwipe
			if c.silent {
				code = device.CodeNoAnswer
			}
			c.s.State, c.s.Err, reading = StateStopped, &device.Error{Link: link, Code: code}, false
			c.changed()
		case linkFailed(a.err):
			c.stop(a.err)
			return
		default:
			c.answered(a.b, a.err, mode)
			continue
		}
		if _, err := do(ctx, Reset()); err != nil {
			c.stop(err)
			return
		}
	}
}

// conversation is Converse's state.
type conversation struct {
	ctx    context.Context
	do     Do
	t      Timeouts
	show   func(Event)
	s      Status
	silent bool // the reader answered neither query
}

// query resets the reader and asks for its firmware and model, waiting at
// most t.Answer for each answer. It reports whether the link still works.
func (c *conversation) query() bool {
	_, err := c.do(c.ctx, Reset())
	var errQ error
	c.silent = true
	for _, q := range [...]Command{Firmware(), Model()} {
		ctx, cancel := context.WithTimeout(c.ctx, c.t.Answer)
		b, e := c.do(ctx, q)
		cancel()
		c.s.Device.take(q, b)
		if e == nil {
			c.silent = false
		} else if errQ == nil {
			errQ = e
		}
	}
	if err == nil && c.silent {
		err = errQ
		if errors.Is(err, context.DeadlineExceeded) {
			err = &device.Error{Link: c.s.Device.Link, Code: device.CodeNoAnswer}
		}
	}
	if device.Lost(err) {
		c.stop(err)
		return false
	}
	c.s.State, c.s.Err = StateWaiting, err
	c.changed()
	return true
}

// readDone is how a read ended: its answer's bytes and error, or the mode
// the person picked meanwhile.
type readDone struct {
	b      []byte
	err    error
	picked Mode
}

// read sends a read in mode and waits at most t.Read for its answer, or
// for a mode picked on pick, which ends the read. ok is false when the
// conversation's context ended.
func (c *conversation) read(mode Mode, pick <-chan Mode) (end readDone, ok bool) {
	ctx, cancel := context.WithTimeout(c.ctx, c.t.Read)
	defer cancel()
	res := make(chan readDone, 1)
	go func(cmd Command) {
		b, err := c.do(ctx, cmd)
		res <- readDone{b: b, err: err}
	}(ReadCommand(mode))
	select {
	case end = <-res:
		return end, true
	case end.picked = <-pick:
		cancel()
		clear((<-res).b)
		return end, true
	case <-c.ctx.Done():
		return end, false
	}
}

// stop ends the conversation for err, a link that failed.
func (c *conversation) stop(err error) {
	c.s.State, c.s.Err = StateStopped, err
	c.changed()
}

// changed shows the Status. Out of line: most changes come through here.
//
//go:noinline
func (c *conversation) changed() { c.show(Event{Status: c.s}) }

// answered shows a read's answer b (or the error it came with), read as
// mode's, then zeroes it.
func (c *conversation) answered(b []byte, err error, mode Mode) {
	e := Event{Status: c.s}
	if err == nil {
		e.Read, err = c.s.Device.take(ReadCommand(mode), b)
	}
	if err != nil {
		e.Bad, e.Why = b, err
	}
	c.show(e)
	clear(b)
}

// linkFailed reports an error of the link rather than of an answer: the
// link's own (unplugged, refused), or the conversation's context ending.
func linkFailed(err error) bool {
	_, ok := errors.AsType[*device.Error](err)
	return ok || errors.Is(err, context.Canceled)
}

// take reads the reader's answer b to command c: a query's answer fills in
// what d knows of the reader (nothing when it is not one), a read's is
// parsed in the read's mode.
func (d *Device) take(c Command, b []byte) (*Read, error) {
	switch c.op {
	case opFirmware:
		d.Firmware, _ = ParseFirmware(b)
	case opModel:
		d.Model, _ = ParseModel(b)
	}
	if m, ok := c.IsRead(); ok {
		return ParseRead(b, m)
	}
	return nil, nil
}

// ReadCapture reads what a reader-writer sent on its link, as recorded:
// one stream of a serial line, or the messages joined from an MSR605X's
// reports. Its answers are told apart by their first bytes (Split); the
// answers to the firmware and model queries describe the reader, and
// exactly one read's answer (or a status alone, a refused read) must be
// there, read in mode m, or in the mode the answer shows (DetectMode)
// when m is "". A capture with no read, or several, is an *Error with
// ReasonCount.
func ReadCapture(msgs [][]byte, link Link, m Mode) (*Read, Device, error) {
	dev := Device{Link: link}
	var reads []Answer
	for _, msg := range msgs {
		as, err := Split(msg)
		if err != nil {
			return nil, dev, err
		}
		for _, a := range as {
			switch a.Kind {
			case KindFirmware:
				dev.take(Firmware(), a.Bytes)
			case KindModel:
				dev.take(Model(), a.Bytes)
			case KindRead, KindStatus:
				reads = append(reads, a)
			}
		}
	}
	if len(reads) != 1 {
		return nil, dev, &Error{Reason: ReasonCount, Len: len(reads)}
	}
	if m == "" {
		m = reads[0].Mode
	}
	r, err := dev.take(ReadCommand(m), reads[0].Bytes)
	return r, dev, err
}
