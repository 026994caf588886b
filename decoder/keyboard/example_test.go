package keyboard_test

import (
	"fmt"

	"magcheck/decoder/keyboard"
)

// A track-2 swipe typed on a German host: ; became ö, = the dead key ´
// and ? an underscore.
func ExampleRepairText() {
	r := keyboard.RepairText("ö4111111111111111´30121010000000000000_")
	fmt.Println(r.Layout, r.CapsLock, r.Evidence)
	fmt.Println(r.Text)
	// Output:
	// de false sentinels ö…´…_
	// ;4111111111111111=30121010000000000000?
}

// On AZERTY a reader's read-error track %E? arrives as 5E§.
func ExampleApply() {
	host := keyboard.Apply("%E?", keyboard.FR)
	fmt.Println(host, keyboard.Undo(host, keyboard.FR))
	// Output: 5E§ %E?
}

// The physical keys give the reader's characters whatever the host typed.
func ExampleRebuild() {
	keys := []keyboard.Key{
		{Code: "Semicolon", Key: "m", Time: 0},
		{Code: "Digit1", Key: "&", Time: 2},
		{Code: "Slash", Key: "§", Shift: true, Time: 4},
		{Code: "Enter", Key: "Enter", Time: 6},
	}
	rb := keyboard.Rebuild(keys)
	fmt.Printf("%q %s %q %d keys\n", rb.Text, rb.Layout, rb.Terminator, rb.Timing.Keys)
	// Output: ";1?" fr "\r" 4 keys
}

// A page feeds every keydown; the reader's keys are swallowed and the
// Enter finishes the swipe.
func ExampleDetector() {
	var d keyboard.Detector
	t := 0.0
	for _, r := range ";4111111111111111=3012?\r" {
		k := keyboard.Key{Code: "Digit" + string(r), Time: t}
		switch r {
		case ';':
			k.Code = "Semicolon"
		case '=':
			k.Code = "Equal"
		case '?':
			k.Code, k.Shift = "Slash", true
		case '\r':
			k.Code = "Enter"
		}
		t += 3
		swallow, done := d.Feed(k, false)
		if done != nil {
			fmt.Println(swallow, done.Rebuilt.Text, done.Reader)
		}
	}
	// Output: true ;4111111111111111=3012? true
}
