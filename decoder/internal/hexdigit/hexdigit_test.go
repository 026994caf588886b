package hexdigit

import "testing"

func TestValue(t *testing.T) {
	for c, want := range map[byte]int{'0': 0, '9': 9, 'A': 10, 'f': 15, 'F': 15, 'g': -1, ' ': -1, 'G': -1, 0xFF: -1} {
		if got := Value(c); got != want {
			t.Errorf("Value(%q) = %d, want %d", c, got, want)
		}
	}
}
