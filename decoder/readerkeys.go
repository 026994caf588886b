package decoder

import (
	"strconv"
	"strings"

	"magcheck/internal/hexdigit"
	"magcheck/message"
)

// "Not authenticated" is often the reader's keys, not the card: an
// encrypting reader still holding a published test key, one whose DUKPT
// keys are used up, or one never injected gets every swipe refused by the
// host while the stripe is fine. What can be known of that without the
// keys is worked out here, in one place, for every input that carries a
// KSN or an encryption status: HID reports and the keyboard records of
// MagneSafe and ID TECH readers.

// keyFacts is what an input says of an encrypting reader's keys.
type keyFacts struct {
	ksn       string // the DUKPT KSN in hex, "" when none came
	encrypted bool   // the tracks came encrypted
	// status is a MagneSafe Reader Encryption Status word, when
	// hasStatus: bit 0 keys exhausted, bit 1 key injected, bit 2
	// encryption enabled, bit 8 encryption counter expired.
	status    uint16
	hasStatus bool
	// counterOut: a MagneSafe encryption counter of 0, which prohibits
	// all transactions.
	counterOut bool
}

// MagneSafe Reader Encryption Status bits.
const (
	statusKeysExhausted  = 1 << 0
	statusKeyInjected    = 1 << 1
	statusCounterExpired = 1 << 8
)

// encryptionBits word the Reader Encryption Status bits, by bit.
var encryptionBits = [...]message.Key{
	message.EncryptionKeysExhausted, message.EncryptionKeyInjected, message.EncryptionEnabled,
	message.EncryptionAuthRequired, message.EncryptionSwipeTimeout, message.EncryptionHeadError5,
	message.EncryptionHeadError6, message.EncryptionKeySync, message.EncryptionCounterExpired,
}

// encryptionStatus words a MagneSafe Reader Encryption Status word (a V5
// HID report's, a keyboard record's) with the bits set in it.
func encryptionStatus(v uint16) message.Message {
	var bits []message.Message
	for bit, k := range encryptionBits {
		if v&(1<<bit) != 0 {
			bits = append(bits, message.Message{Key: k})
		}
	}
	if bits == nil {
		return message.New(message.EvidenceEncryptionStatus, v)
	}
	return message.New(message.EvidenceEncryptionBits, v, bits)
}

// The DUKPT transaction counter is the KSN's low 21 bits. ANSI X9.24 uses
// only counters with at most 10 bits set, so the last key is counter
// 0x1FF800: a reader there has no key left for the next swipe.
const (
	counterBits  = 21
	lastDUKPTKey = 0x1FF800
)

// testKeys are the published test and demo key sets: a KSN whose initial
// key serial number (the KSN with its counter cleared) begins with prefix
// belongs to a key derived from a public base derivation key, which no
// production host holds.
var testKeys = []struct {
	prefix string
	name   message.Key
}{
	// The ANSI X9.24 example key set, which MagTek's manuals use
	// throughout (BDK 0123456789ABCDEFFEDCBA9876543210).
	{"FFFF9876543210E", message.KeyANSITest},
	// ID TECH's demo key set: the decryption example of its SecureMag
	// manual (KSN 62994901190000000001) uses the ANSI example BDK. Other
	// KSNs that begin 629949 are not all demo keys, so the key set
	// identifier is matched whole.
	{"6299490119", message.KeyIDTechDemo},
}

// ksnCounter returns the DUKPT counter of a KSN in hex, and whether the
// KSN is hex of 10 bytes.
func ksnCounter(ksn string) (int, bool) {
	if len(ksn) != 20 {
		return 0, false
	}
	v, err := strconv.ParseUint(ksn[14:], 16, 32)
	if err != nil {
		return 0, false
	}
	return int(v & (1<<counterBits - 1)), true
}

// testKey names the test key set ksn belongs to, or 0.
func testKey(ksn string) message.Key {
	if len(ksn) != 20 {
		return 0
	}
	// Clear the counter: the last five digits and the low bit of the one
	// before them.
	d := strings.ToUpper(ksn[:15])
	if v := hexdigit.Value(d[14]); v >= 0 {
		d = d[:14] + hexdigit.Uint(uint64(v&^1), 1)
	}
	for _, k := range testKeys {
		if strings.HasPrefix(d, k.prefix) {
			return k.name
		}
	}
	return 0
}

// setKeys records in info what k says of the reader's keys: the KSN, its
// counter and the key state, with the fact the state rests on.
func (info *ReaderInfo) setKeys(k keyFacts) {
	counter, validKSN := ksnCounter(k.ksn)
	if k.ksn != "" {
		info.KSN = strings.ToUpper(k.ksn)
	}
	if validKSN {
		info.Counter = counter
	}
	state, ev := KeyUnknown, message.Key(0)
	var args []any
	switch name := testKey(k.ksn); {
	case k.hasStatus && k.status&statusKeysExhausted != 0:
		state, ev = KeyExhausted, message.EvidenceKeysUsedUp
	case k.hasStatus && k.status&statusCounterExpired != 0, k.counterOut:
		state, ev = KeyExhausted, message.EvidenceCounterExpired
	case validKSN && counter >= lastDUKPTKey:
		state, ev, args = KeyExhausted, message.EvidenceLastKey, []any{info.KSN, counter}
	case k.hasStatus && k.status&statusKeyInjected == 0 && !k.encrypted:
		state, ev = KeyNotInjected, message.EvidenceNoKey
	case validKSN && name != 0:
		state, ev, args = KeyTest, message.EvidenceTestKey, []any{info.KSN, name}
	case validKSN:
		state = KeyProduction
	}
	info.KeyState = state
	if ev != 0 {
		info.keyEvidence = message.New(ev, args...)
	}
}

// keyFinding is the finding a reader's key state calls for, if any.
func keyFinding(info *ReaderInfo) (Finding, bool) {
	var c Code
	switch info.KeyState {
	case KeyTest:
		c = TestKey
	case KeyExhausted:
		c = KeysExhausted
	case KeyNotInjected:
		c = NoKeyInjected
	default:
		return Finding{}, false
	}
	ev := info.keyEvidence
	if ev.Key == 0 && ev.Args == nil {
		ev = message.New(message.Verbatim, info.KSN) // a state set by another input
	}
	return Finding{Code: c, Evidence: ev}, true
}

// keyStateNames word the key states.
var keyStateNames = []named[KeyState]{
	{KeyProduction, message.KeyStateProduction}, {KeyTest, message.KeyStateTest},
	{KeyExhausted, message.KeyStateExhausted}, {KeyNotInjected, message.KeyStateNotInjected},
}

// KeyStateText words a key state in l; "" for KeyUnknown.
func KeyStateText(s KeyState, l message.Lang) string {
	if s == KeyUnknown {
		return ""
	}
	return nameOf(keyStateNames, s, l)
}
