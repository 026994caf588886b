package wedge_test

import (
	"fmt"

	"magcheck/decoder/wedge"
)

func ExampleSplit() {
	// A reader with a vendor preamble: track 1 failed to decode, track 2
	// lost its end sentinel, then Enter.
	c, err := wedge.Split("!STCARD A %E?;4111111111111111=3012101\r")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("prefix %q, terminator %q\n", c.Prefix, c.Terminator)
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		fmt.Printf("track %d: %q reader error %v", t.Number, t.Data, t.ReaderError)
		for _, is := range t.Issues {
			fmt.Printf(", %s", is.Kind)
		}
		fmt.Println()
	}
	// Output:
	// prefix "!STCARD A", terminator "\r"
	// track 1: "E" reader error true
	// track 2: "4111111111111111=3012101" reader error false, missing_end_sentinel
}

func ExampleSplit_aamva() {
	// The 7-bit track 3 of a driver's licence may hold ? in its data.
	c, _ := wedge.Split("%CAHUNTINGTN BC^DOE$JOHN$MIDDLE^1234 MAPLE DR^?;123456781234567=211219931223?#!!12345    C     M507190BRNBRN D12345678912     EV/.R\\!?,2(?")
	t3 := c.Tracks[2]
	fmt.Printf("track 3 start %q data %q\n", t3.Start, t3.Data)
	// Output:
	// track 3 start '#' data "!!12345    C     M507190BRNBRN D12345678912     EV/.R\\!?,2("
}

func ExampleSplit_emv() {
	// EMV tag 57 (Track 2 Equivalent Data) as hex.
	c, _ := wedge.Split("5713 4111111111111111D30121010000000000000F")
	fmt.Println(c.EMV, c.Text)
	// Output:
	// true ;4111111111111111=30121010000000000000?
}

func ExampleSplit_nibbles() {
	// Track 2 as a POS log holds it: the recorded nibbles, B start
	// sentinel, D separator, F end sentinel, zero-padded to whole bytes.
	c, _ := wedge.Split("B4111111111111111D30121010000000000000F0")
	fmt.Println(c.Hex.Form, c.Text)
	// A letter O typed for a 0: the record is not read, and Hex says where.
	c, _ = wedge.Split("B4111111111111111D3O121010000000000000F0")
	fmt.Println(c.Tracks[1] == nil, c.Hex.Problems)
	// Output:
	// nibbles ;4111111111111111=30121010000000000000?
	// true [{not_hex 19 79 0 0}]
}

func ExampleCapture_Extra() {
	c, _ := wedge.Split("PRE%E?;E?POST\r\n")
	fmt.Printf("%q\n", c.Extra())
	// Output:
	// ["PRE" "POST"]
}
