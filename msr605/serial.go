//go:build js && wasm

package msr605

import (
	"context"
	"errors"
	"sync"
	"syscall/js"
	"time"

	"magcheck/internal/device"
	"magcheck/internal/promise"
)

// Port is a serial port the page has been granted, found by RequestPort. (In a native build, where there is no
// browser, SerialSupported reports false and the functions fail with
// device.CodeNoSerial.)
type Port struct {
	// VendorID and ProductID are the USB IDs of the port's adapter (0x067B
	// 0x2303 for the MSR605's PL2303), 0 when the browser gives none.
	VendorID, ProductID uint16

	port   js.Value // the browser's SerialPort
	reader js.Value // the readable stream's reader while open

	mu     sync.Mutex
	buf    []byte        // bytes read since the last command
	notify chan struct{} // a send after bytes arrive
	gone   chan struct{} // closed when the port is lost
}

func serial() js.Value { return js.Global().Get("navigator").Get("serial") }

// SerialSupported reports whether the browser offers Web Serial. When it
// does not, the error, a *device.Error, says why: device.CodeInsecure when
// the page is not a secure context (Web Serial is hidden there),
// device.CodeNoSerial otherwise.
func SerialSupported() (bool, error) {
	if serial().Truthy() {
		return true, nil
	}
	if !js.Global().Get("isSecureContext").Bool() {
		return false, linkError(device.CodeInsecure, "")
	}
	return false, linkError(device.CodeNoSerial, "")
}

// RequestPort shows the browser's chooser of serial ports and returns the one
// picked. It needs the click's user activation: call it from a click
// handler, or a goroutine that handler starts.
func RequestPort(ctx context.Context) (*Port, error) {
	if ok, err := SerialSupported(); !ok {
		return nil, err
	}
	p, err := await(ctx, serial().Call("requestPort"), device.CodeDenied)
	if err != nil {
		return nil, err
	}
	return newPort(p), nil
}

func newPort(p js.Value) *Port {
	port := &Port{port: p}
	if info := p.Call("getInfo"); info.Truthy() {
		if v := info.Get("usbVendorId"); v.Type() == js.TypeNumber {
			port.VendorID = uint16(v.Int())
		}
		if v := info.Get("usbProductId"); v.Type() == js.TypeNumber {
			port.ProductID = uint16(v.Int())
		}
	}
	return port
}

// Open opens the port at the reader's settings and starts reading it.
// onGone is called once with device.CodeUnplugged if the port is lost while open
// (not after Close); it runs on a goroutine of the binding and must not
// block.
func (p *Port) Open(ctx context.Context, onGone func(error)) error {
	opts := map[string]any{"baudRate": BaudRate, "dataBits": 8, "stopBits": 1, "parity": "none"}
	if _, err := await(ctx, p.port.Call("open", opts), device.CodeOpenFailed); err != nil {
		if e, ok := errors.AsType[*device.Error](err); ok && e.Code == device.CodeOpenFailed {
			e.VendorID, e.ProductID, e.UserAgent = p.VendorID, p.ProductID, userAgent()
		}
		return err
	}
	readable := p.port.Get("readable")
	if !readable.Truthy() {
		e := linkError(device.CodeOpenFailed, "")
		e.VendorID, e.ProductID, e.UserAgent = p.VendorID, p.ProductID, userAgent()
		return e
	}
	p.reader = readable.Call("getReader")
	p.notify = make(chan struct{}, 1)
	p.gone = make(chan struct{})
	reader, gone := p.reader, p.gone
	// An unplugged port fails the pending read ("NetworkError: The device
	// has been lost"): that is how the port's loss is seen.
	go func() {
		for {
			v, err := promise.Await(context.Background(), reader.Call("read"))
			if err != nil {
				close(gone)
				onGone(linkError(device.CodeUnplugged, err.Error()))
				return
			}
			if v.Get("done").Bool() {
				return
			}
			chunk := v.Get("value")
			b := make([]byte, chunk.Get("byteLength").Int())
			js.CopyBytesToGo(b, chunk)
			select {
			case <-gone:
				return
			default:
			}
			p.mu.Lock()
			p.buf = append(p.buf, b...)
			p.mu.Unlock()
			clear(b)
			select {
			case p.notify <- struct{}{}:
			default:
			}
		}
	}()
	return nil
}

// userAgent is the browser's user agent string, which names the platform.
func userAgent() string { return js.Global().Get("navigator").Get("userAgent").String() }

// Do sends c and, when c is answered, waits for the whole answer: until End
// says it is complete, or (an answer with no end of its own) the reader has
// been quiet for Quiet. Bytes that came before c are dropped. An answer End
// refuses, or one the reader stops sending for Stall before its end, is
// returned with its *Error, so that it can be shown. Do fails with ctx's
// error when ctx ends first, and with device.CodeUnplugged when the port is
// lost.
func (p *Port) Do(ctx context.Context, c Command) ([]byte, error) {
	p.take()
	if err := p.send(ctx, c); err != nil {
		return nil, err
	}
	if !c.Answered() {
		return nil, nil
	}
	var quiet, stall <-chan time.Time
	var n, seen int
	// got is the answer so far, copied from the buffer into the same array
	// each time (End refuses more than MaxAnswer bytes), so that no copy of
	// a card's data is left behind unzeroed.
	got := make([]byte, 0, MaxAnswer+1)
	for {
		p.mu.Lock()
		got = append(got[:0], p.buf[:min(len(p.buf), MaxAnswer+1)]...)
		p.mu.Unlock()
		m, final, err := End(c, got)
		if err != nil {
			p.take()
			return got, err
		}
		if final {
			p.take()
			return got[:m], nil
		}
		if m > n {
			n, quiet = m, time.After(Quiet)
		}
		if len(got) > seen {
			seen, stall = len(got), time.After(Stall)
		}
		select {
		case <-p.notify:
		case <-quiet:
			p.take()
			return got[:n], nil
		case <-stall:
			p.take()
			return got, &Error{Reason: ReasonTruncated, Offset: len(got)}
		case <-p.gone:
			clear(got)
			return nil, linkError(device.CodeUnplugged, "")
		case <-ctx.Done():
			clear(got)
			return nil, ctx.Err()
		}
	}
}

// take empties the read buffer, zeroing what it held.
func (p *Port) take() {
	p.mu.Lock()
	clear(p.buf)
	p.buf = p.buf[:0]
	p.mu.Unlock()
}

// send writes c's bytes: the only bytes this binding ever writes.
func (p *Port) send(ctx context.Context, c Command) error {
	b := c.Bytes()
	if b == nil {
		return nil
	}
	writable := p.port.Get("writable")
	if !writable.Truthy() {
		return linkError(device.CodeSendFailed, "")
	}
	w := writable.Call("getWriter")
	defer w.Call("releaseLock")
	buf := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(buf, b)
	_, err := await(ctx, w.Call("write", buf), device.CodeSendFailed)
	return err
}

// Close stops reading and closes the port; the grant remains.
func (p *Port) Close() {
	if r := p.reader; r.Truthy() {
		p.reader = js.Undefined()
		port := p.port
		// cancel ends the pending read; the port closes once the reader's
		// lock is released.
		go func() {
			if _, err := promise.Await(context.Background(), r.Call("cancel")); err == nil {
				r.Call("releaseLock")
				port.Call("close")
			}
		}()
	}
	p.take()
}

// await waits for promise p. A rejection becomes a *device.Error
// (device.Rejected), its code other unless the rejection says otherwise.
func await(ctx context.Context, p js.Value, other device.Code) (js.Value, error) {
	v, err := promise.Await(ctx, p)
	if r, ok := errors.AsType[*promise.Rejection](err); ok {
		return v, device.Rejected(device.Serial, r.Name, r.Error(), other)
	}
	return v, err
}
