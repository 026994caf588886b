package msr605_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"magcheck/decoder/iso7811"
	"magcheck/internal/device"
	"magcheck/internal/msrtest"
	"magcheck/msr605"
)

// reader stands in for a reader-writer on a link: it answers the queries
// with firmware and model (nil: never), and each read with what the test
// sends on swipes, or not before the read's context ends. A command after
// lost has failed fails too. sent records every command's bytes.
type reader struct {
	firmware, model []byte
	swipes          chan swipe
	lost            error

	mu   sync.Mutex
	sent []byte // the letters after ESC
}

type swipe struct {
	b   []byte
	err error
}

func newReader() *reader {
	return &reader{firmware: msrtest.FirmwareAnswer("REV?2.31"), model: msrtest.ModelAnswer("3"), swipes: make(chan swipe)}
}

func (r *reader) do(ctx context.Context, c msr605.Command) ([]byte, error) {
	b := c.Bytes()
	r.mu.Lock()
	r.sent = append(r.sent, b[1])
	lost := r.lost
	r.mu.Unlock()
	if lost != nil {
		return nil, lost
	}
	var answer []byte
	switch c {
	case msr605.Reset():
		return nil, nil
	case msr605.Firmware():
		answer = r.firmware
	case msr605.Model():
		answer = r.model
	default:
		select {
		case s := <-r.swipes:
			if errors.Is(s.err, errLost) {
				r.mu.Lock()
				r.lost = s.err
				r.mu.Unlock()
			}
			return s.b, s.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if answer == nil {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return slices.Clone(answer), nil
}

func (r *reader) commands() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return string(r.sent)
}

var errLost = &device.Error{Link: device.Serial, Code: device.CodeUnplugged}

// seen is an Event as a test keeps it: what show was given, with a read's
// track 2 and the answer's bytes copied before Converse zeroes them, and
// the answer itself, to see it zeroed.
type seen struct {
	msr605.Event
	track2 string
	bad    []byte
	answer []byte
}

// converse runs Converse over r and hands each Event to the test.
func converse(t *testing.T, r *reader, t2 msr605.Timeouts) (events <-chan seen, pick chan<- msr605.Mode, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan seen, 16)
	picks := make(chan msr605.Mode, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		msr605.Converse(ctx, msr605.LinkSerial, r.do, picks, t2, func(e msr605.Event) {
			s := seen{Event: e, bad: slices.Clone(e.Bad), answer: e.Bad}
			if e.Read != nil {
				s.track2 = string(e.Read.Tracks[1].Data)
				s.answer = e.Read.Tracks[1].Data
			}
			ch <- s
		})
	}()
	stop = func() {
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("Converse did not return when its context ended")
		}
	}
	t.Cleanup(stop)
	return ch, picks, stop
}

// next waits for the next Event.
func next(t *testing.T, events <-chan seen) seen {
	t.Helper()
	select {
	case e, ok := <-events:
		if !ok {
			t.Fatal("Converse returned")
		}
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	return seen{}
}

func codeOf(err error) device.Code {
	if e, ok := errors.AsType[*device.Error](err); ok {
		return e.Code
	}
	return ""
}

// TestConverse drives a reader through a whole conversation: the reset
// and queries, an ISO read, an answer cut short, a pick of raw mode while
// a read waits, a raw read and the reader unplugged; each answer's bytes
// are zeroed once shown, and only reads and queries are sent.
func TestConverse(t *testing.T) {
	r := newReader()
	events, pick, _ := converse(t, r, msr605.Timeouts{Answer: time.Second, Read: time.Minute})
	dev := msr605.Device{Link: msr605.LinkSerial, Model: "3", Firmware: "REV?2.31"}

	e := next(t, events)
	if e.State != msr605.StateWaiting || e.Mode != msr605.ModeISO || e.Device != dev || e.Err != nil || e.Answered() {
		t.Fatalf("after the queries: %+v", e.Event)
	}

	iso := msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2))
	r.swipes <- swipe{b: slices.Clone(iso)}
	read := next(t, events)
	if !read.Answered() || read.Read == nil || read.Read.Mode != msr605.ModeISO || read.track2 != msrtest.Track2 || read.Device != dev {
		t.Errorf("ISO read: %+v, track 2 %q", read.Event, read.track2)
	}

	r.swipes <- swipe{b: slices.Clone(iso[:20]), err: &msr605.Error{Reason: msr605.ReasonTruncated, Offset: 20}}
	cut := next(t, events)
	if cut.Read != nil || !bytes.Equal(cut.bad, iso[:20]) || cut.State != msr605.StateWaiting {
		t.Errorf("cut answer: %+v, bytes % X", cut.Event, cut.bad)
	}
	if me, ok := errors.AsType[*msr605.Error](cut.Why); !ok || me.Reason != msr605.ReasonTruncated {
		t.Errorf("cut answer: why %v", cut.Why)
	}
	// Each answer is zeroed once shown, before the next change.
	if !allZero(read.answer) {
		t.Error("the ISO answer's track data is not zeroed after it was shown")
	}

	// Packets that do not join up (webhid's framing error): an answer of
	// no bytes that could not be read, and reading goes on.
	framing := errors.New("packet out of order")
	r.swipes <- swipe{err: framing}
	if e = next(t, events); e.Why != framing || e.Bad != nil || e.State != msr605.StateWaiting {
		t.Errorf("framing error: %+v", e.Event)
	}
	if !allZero(cut.answer) {
		t.Error("the cut answer is not zeroed after it was shown")
	}

	waitFor(t, "an ISO read pending", func() bool { return r.commands() == "avtrrrr" })
	pick <- msr605.ModeRaw
	e = next(t, events)
	if e.State != msr605.StateWaiting || e.Mode != msr605.ModeRaw || e.Answered() {
		t.Errorf("after picking raw: %+v", e.Event)
	}
	raw := msrtest.RawAnswer('0', msrtest.Track{}, msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 20, 20, nil))
	waitFor(t, "a raw read pending", func() bool { return r.commands() == "avtrrrram" })
	r.swipes <- swipe{b: raw}
	e = next(t, events)
	if e.Read == nil || e.Read.Mode != msr605.ModeRaw || len(e.track2) == 0 {
		t.Errorf("raw read: %+v", e.Event)
	}

	r.swipes <- swipe{err: errLost}
	// reset, firmware, model; four ISO reads, the last ended by the pick;
	// reset; two raw reads.
	lost(t, events, r, "avtrrrramm")
}

// lost checks that a conversation stopped for its link, lost, and went no
// further once it had sent commands.
func lost(t *testing.T, events <-chan seen, r *reader, commands string) {
	t.Helper()
	if e := next(t, events); e.State != msr605.StateStopped || e.Err != errLost || e.Answered() {
		t.Errorf("link lost: %+v", e.Event)
	}
	if _, ok := <-events; ok {
		t.Error("Converse went on after the link failed")
	}
	if got := r.commands(); got != commands {
		t.Errorf("commands %q, want %q", got, commands)
	}
}

// TestConverseTimeouts: a reader that answers no query is said to give no
// answer, and so is its read nobody swipes for; one that answers but sees
// no card stops with no swipe. Either way it is reset, and a pick reads
// again.
func TestConverseTimeouts(t *testing.T) {
	short := msr605.Timeouts{Answer: 20 * time.Millisecond, Read: 50 * time.Millisecond}
	silent := newReader()
	silent.firmware, silent.model = nil, nil
	events, pick, _ := converse(t, silent, short)
	e := next(t, events)
	if e.State != msr605.StateWaiting || codeOf(e.Err) != device.CodeNoAnswer || e.Device != (msr605.Device{Link: msr605.LinkSerial}) {
		t.Errorf("silent reader: %+v", e.Event)
	}
	e = next(t, events)
	if e.State != msr605.StateStopped || codeOf(e.Err) != device.CodeNoAnswer {
		t.Errorf("silent reader's read: %+v", e.Event)
	}
	waitFor(t, "the reset after the read", func() bool { return silent.commands() == "avtra" })
	pick <- msr605.ModeRaw
	if e = next(t, events); e.State != msr605.StateWaiting || e.Mode != msr605.ModeRaw || e.Err != nil {
		t.Errorf("after the pick: %+v", e.Event)
	}

	answering := newReader()
	events, _, stop := converse(t, answering, short)
	if e = next(t, events); e.State != msr605.StateWaiting || e.Err != nil {
		t.Errorf("answering reader: %+v", e.Event)
	}
	e = next(t, events)
	if e.State != msr605.StateStopped || codeOf(e.Err) != device.CodeNoSwipe {
		t.Errorf("no swipe: %+v", e.Event)
	}
	waitFor(t, "the reset after the read", func() bool { return answering.commands() == "avtra" })
	stop()
	if got := answering.commands(); got != "avtra" {
		t.Errorf("commands %q after the context ended", got)
	}
}

// TestConverseLostAtOnce: a link that fails on the first command stops
// the conversation before any read.
func TestConverseLostAtOnce(t *testing.T) {
	r := newReader()
	r.lost = errLost
	events, _, _ := converse(t, r, msr605.DefaultTimeouts)
	lost(t, events, r, "avt")
}

// TestReadCapture reads recorded conversations as Converse reads the
// answers: the queries describe the reader, one read is read in its mode.
func TestReadCapture(t *testing.T) {
	fw, model := msrtest.FirmwareAnswer("REV?2.31"), msrtest.ModelAnswer("3")
	iso := msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2))
	raw := msrtest.RawAnswer('0', msrtest.Track{}, msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 20, 20, nil))
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }
	for _, tt := range []struct {
		name   string
		msgs   [][]byte
		mode   msr605.Mode
		want   msr605.Mode
		dev    msr605.Device
		status byte
		count  int // the reads a refused capture holds; -1 for none refused
	}{
		{"serial stream", [][]byte{cat(fw, model, iso)}, "", msr605.ModeISO, msr605.Device{Model: "3", Firmware: "REV?2.31"}, '0', -1},
		{"HID messages", [][]byte{fw, model, raw}, "", msr605.ModeRaw, msr605.Device{Model: "3", Firmware: "REV?2.31"}, '0', -1},
		{"read alone", [][]byte{iso}, msr605.ModeISO, msr605.ModeISO, msr605.Device{}, '0', -1},
		{"refused read", [][]byte{cat(model, []byte{0x1B, '4'})}, "", msr605.ModeISO, msr605.Device{Model: "3"}, '4', -1},
		{"refused raw read", [][]byte{{0x1B, '4'}}, msr605.ModeRaw, msr605.ModeRaw, msr605.Device{}, '4', -1},
		{"no read", [][]byte{cat(fw, model)}, "", "", msr605.Device{}, 0, 0},
		{"two reads", [][]byte{iso, iso}, "", "", msr605.Device{}, 0, 2},
	} {
		r, dev, err := msr605.ReadCapture(tt.msgs, msr605.LinkHID, tt.mode)
		if tt.count >= 0 {
			if e, ok := errors.AsType[*msr605.Error](err); !ok || e.Reason != msr605.ReasonCount || e.Len != tt.count {
				t.Errorf("%s: %v, want %d reads counted", tt.name, err, tt.count)
			}
			continue
		}
		tt.dev.Link = msr605.LinkHID
		if err != nil || r.Mode != tt.want || r.Status != tt.status || dev != tt.dev {
			t.Errorf("%s: %+v %+v %v", tt.name, r, dev, err)
		}
	}
	if _, _, err := msr605.ReadCapture([][]byte{{'x'}}, msr605.LinkSerial, ""); err == nil {
		t.Error("a capture that is no answer read")
	}
}

func allZero(b []byte) bool { return !slices.ContainsFunc(b, func(c byte) bool { return c != 0 }) }

func waitFor(t *testing.T, what string, f func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !f(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
