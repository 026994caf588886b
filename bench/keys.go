//go:build !wasm

package main

import (
	"fmt"
	"os"
	"strings"

	"magcheck/decoder"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/keyboard/keyboardtest"
	"magcheck/internal/testvectors"
	"magcheck/message"
)

// expected is what the page must show for presses: the decoder's view of
// the swipe a fresh Detector makes of them, revealed, or nil when they make
// no swipe.
func expected(ps []keyboardtest.Press, gapMS float64) *decoder.View {
	var d keyboard.Detector
	swipes := keyboardtest.Swipes(&d, keyboardtest.Keydowns(ps, false, keyboardtest.Pace{Gap: gapMS}), false)
	if len(swipes) == 0 {
		return nil
	}
	v := decoder.DecodeSwipe(*swipes[len(swipes)-1], decoder.Options{}).View(message.English, true)
	return &v
}

// vector is a reader-text capture as a swipe: its key presses, Enter last.
type vector struct {
	ID      string
	presses []keyboardtest.Press
}

// loadVectors reads the vectors of the file path, or takes those of
// internal/testvectors when path is "", and keeps those a US reader can
// type that make a swipe; skipped names the others.
func loadVectors(path string) (vs []vector, skipped []string, err error) {
	list, from := testvectors.All(), "internal/testvectors"
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		if list, err = testvectors.Parse(b); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		from = path
	}
	for _, v := range list {
		ps, err := keyboardtest.Presses(strings.TrimRight(v.Input, "\n")+"\n", keyboard.US, false)
		if err == nil && expected(ps, readerGapMS) == nil {
			err = fmt.Errorf("no swipe")
		}
		if err != nil {
			skipped = append(skipped, v.ID+" ("+err.Error()+")")
			continue
		}
		vs = append(vs, vector{v.ID, ps})
	}
	if len(vs) == 0 {
		return nil, skipped, fmt.Errorf("%s: no vector makes a swipe", from)
	}
	return vs, skipped, nil
}
