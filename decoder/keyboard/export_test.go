package keyboard

// The tests of package keyboard_test type their keys with keyboardtest,
// which imports this package, so they cannot be in it: these are the
// internals they look at.

var (
	IsModifier      = isModifier
	KeyChar         = keyChar
	IsStartSentinel = isStartSentinel
	Project         = project
	Codes           = codes[:]
	Track1          = track1
	Track2          = track2
	Three           = three
	AAMVACA         = aamvaCA
)

const BurstKeys = burstKeys

// Open tells a swipe open.
func (d *Detector) Open() bool { return d.open }

// Prev is the swipe a terminator just ended, kept for the next track.
func (d *Detector) Prev() []Key { return d.prev }

// KeysCap is the capacity of the keys the Detector holds.
func (d *Detector) KeysCap() int { return cap(d.keys) }
