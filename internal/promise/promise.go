//go:build js && wasm

package promise

import (
	"context"
	"syscall/js"
)

// Await waits until p settles or ctx ends, and returns p's value or its
// *Rejection. Both callbacks are released either way. Call it from a
// goroutine, never from a JavaScript callback: it blocks until the event
// loop runs the promise's reactions.
func Await(ctx context.Context, p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	var ok, fail js.Func
	settle := func(res result) {
		done <- res
		ok.Release()
		fail.Release()
	}
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		settle(result{v: first(args)})
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		settle(result{err: rejection(first(args))})
		return nil
	})
	p.Call("then", ok, fail)
	select {
	case res := <-done:
		return res.v, res.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

func first(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// rejection reads a rejection reason: an Error or DOMException by its name
// and message, anything else as the browser turns it into a string.
func rejection(e js.Value) *Rejection {
	if e.Type() == js.TypeObject && e.Get("name").Type() == js.TypeString {
		return &Rejection{Name: e.Get("name").String(), Message: e.Get("message").String()}
	}
	return &Rejection{Message: js.Global().Get("String").Invoke(e).String()}
}
