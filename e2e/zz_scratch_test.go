//go:build !wasm

package e2e

import (
	"testing"
	"time"
	"fmt"
)

func TestZZSplit(t *testing.T) {
	p := newPage(t)
	p.Eval(`window.__ts = []; window.addEventListener('keydown', e => __ts.push(Math.round(performance.now())), true); 1`)
	in := vector(t, "magtek-v5-ex4-three-tracks")
	for i := 1; i <= 8; i++ {
		p.Eval(`__ts = []`)
		t0 := time.Now()
		typeSwipe(p, in+"\n", "us", false, readerGap)
		d := time.Since(t0)
		time.Sleep(300 * time.Millisecond)
		arr := evalAs[[]float64](p, `__ts`)
		mg := 0.0
		for j := 1; j < len(arr); j++ { if g := arr[j]-arr[j-1]; g > mg { mg = g } }
		n := evalAs[string](p, `document.querySelector('.session')?.dataset.swipes ?? ''`)
		fmt.Printf("swipe %d: send %v, max arrival gap %v, session %s\n", i, d, mg, n)
	}
}
