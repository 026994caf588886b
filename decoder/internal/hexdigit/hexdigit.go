// Package hexdigit reads hex digits for the decoder's record parsers, which
// check every character of a record typed in hex.
package hexdigit

// Value is the value of the hex digit c (either case), or -1. It stays out
// of line: inlined in every parser's loops it made the page's WebAssembly
// larger.
//
//go:noinline
func Value(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	}
	return -1
}
