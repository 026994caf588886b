package wedge

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"magcheck/decoder/keyboard"
	"magcheck/internal/testvectors"
)

// want is the expected outcome of one Split.
type want struct {
	layout               keyboard.Layout // "" for US
	caps                 bool
	prefix, suffix, term string
	nuls                 int
	emv                  bool
	hex                  *Hex // for input read as hex; text must give none
	tracks               []wantTrack
	extra                []string
}

type wantTrack struct {
	n      int
	start  byte
	end    bool
	data   string
	rerr   bool
	lrc    byte
	issues []Issue
}

// closed is a track with start and end sentinel.
func closed(n int, start byte, data string, issues ...Issue) wantTrack {
	return wantTrack{n: n, start: start, end: true, data: data, issues: issues}
}

// open is a track without end sentinel; MissingEndSentinel comes first.
func open(n int, start byte, data string, issues ...Issue) wantTrack {
	return wantTrack{n: n, start: start, data: data, issues: append([]Issue{missingES}, issues...)}
}

// bare is a track without start sentinel, with end sentinel.
func bare(n int, data string, issues ...Issue) wantTrack {
	return wantTrack{n: n, end: true, data: data, issues: append([]Issue{missingSS}, issues...)}
}

func failed(n int, start byte) wantTrack {
	return wantTrack{n: n, start: start, end: true, data: "E", rerr: true}
}

func withLRC(t wantTrack, lrc byte) wantTrack {
	t.lrc = lrc
	t.issues = append(t.issues, Issue{Kind: LRCCharacter, Pos: -1, Char: rune(lrc)})
	return t
}

var (
	missingSS = Issue{Kind: MissingStartSentinel, Pos: -1}
	missingES = Issue{Kind: MissingEndSentinel, Pos: -1}
	tooLong   = Issue{Kind: TooLong, Pos: -1}
)

func bad(pos int, r rune) Issue { return Issue{Kind: InvalidCharacter, Pos: pos, Char: r} }

// bads lists InvalidCharacter issues for r at positions from..to of each
// range, then more.
func bads(r rune, ranges [][2]int, more ...Issue) []Issue {
	var is []Issue
	for _, ft := range ranges {
		for p := ft[0]; p <= ft[1]; p++ {
			is = append(is, bad(p, r))
		}
	}
	return append(is, more...)
}

// Track data of the vectors of internal/testvectors, repeated across cases.
const (
	visaT1    = "B4111111111111111^DOE/JANE^1805101000000000000000503000000"
	hoganT1   = "B5452300551227189^HOGAN/PAUL      ^08043210000000725000000"
	hoganT2   = "5452300551227189=080432100000007250"
	aamvaCAT1 = "CAHUNTINGTN BC^DOE$JOHN$MIDDLE^1234 MAPLE DR^"
	txT1      = "TXAUSTIN^DOE$JOHN^12345 SHERBOURNE ST^"
	txT2      = "63601538774194=150819810101"
	txT3      = "\" 78729      C               1505130BLKBLK"
	flT1      = "FLDELRAY BEACH^DOE$JOHN$^4818 S FEDERAL BLVD^           "
	flT3      = "! 33435      I               1600                                   ECCECC00000"
)

// vectorCases holds every text vector of internal/testvectors (the
// raw-bitstream ones belong to package iso7811), by id.
var vectorCases = []struct {
	id, in string
	want   want
}{
	{"jq-readme-private-id", "%B6543210000000000^DOE/JOHN                  ^0000000000000000000ABC123456789?",
		want{tracks: []wantTrack{closed(1, '%', "B6543210000000000^DOE/JOHN                  ^0000000000000000000ABC123456789")}}},
	{"jq-generic-short", "%B654321^DOE/JOHN?",
		want{tracks: []wantTrack{closed(1, '%', "B654321^DOE/JOHN")}}},
	{"jq-track2-only-student-id", ";0090073029910=?",
		want{tracks: []wantTrack{closed(2, ';', "0090073029910=")}}},
	{"jq-generic-homer-lf", "%B6009050000000000^SIMPSON/HOMER J           ^0000000X11111111100000000000000?;6009050000000000=00000002411111111100?\n",
		want{term: "\n", tracks: []wantTrack{
			closed(1, '%', "B6009050000000000^SIMPSON/HOMER J           ^0000000X11111111100000000000000"),
			closed(2, ';', "6009050000000000=00000002411111111100")}}},
	{"jq-visa-t1", "%" + visaT1 + "?",
		want{tracks: []wantTrack{closed(1, '%', visaT1)}}},
	// Track 1 holds 77 data characters: 80 with SS, ES and LRC.
	{"jq-visa-honorific-pan-mismatch", "%B4123456789012349^PERSON/RANDOM.MR                ^18112019420244000001  199      ?;0123456789012345=18112019420244019901?",
		want{tracks: []wantTrack{
			closed(1, '%', "B4123456789012349^PERSON/RANDOM.MR                ^18112019420244000001  199      ", tooLong),
			closed(2, ';', "0123456789012345=18112019420244019901")}}},
	{"jq-mastercard-honorific", "%B5555555555554444^DOE/JANE.MS^1805101000000000000000503000000?",
		want{tracks: []wantTrack{closed(1, '%', "B5555555555554444^DOE/JANE.MS^1805101000000000000000503000000")}}},
	{"jq-discover", "%B6011111111111117^DOE/JANE^1805101000000000000000503000000?",
		want{tracks: []wantTrack{closed(1, '%', "B6011111111111117^DOE/JANE^1805101000000000000000503000000")}}},
	{"jq-amex", "%B378282246310005^DOE/JANE^1805101000000000000000503000000?",
		want{tracks: []wantTrack{closed(1, '%', "B378282246310005^DOE/JANE^1805101000000000000000503000000")}}},
	{"jq-failure-fragment", "%BXXX",
		want{tracks: []wantTrack{open(1, '%', "BXXX")}}},
	// Turkish-Q host layout (& ^, ç ., ş ;, - =, : ?), undone by package
	// keyboard. The reporter masked the digits with X; track 2 keeps them
	// as invalid characters, and is one character too long.
	{"jq-issue25-turkish-layout", "%B5217XXXXXXXXX&BONBONI.JOHNNY\u00e7MR           &XXXXXXXXXXXXXXXXXXXX  199      :\u015fXXXXXXXXXXXXXXXX-XXXXXXXXXXXXXXXX19901:",
		want{layout: keyboard.TR, tracks: []wantTrack{
			closed(1, '%', "B5217XXXXXXXXX^BONBONI/JOHNNY.MR           ^XXXXXXXXXXXXXXXXXXXX  199      "),
			closed(2, ';', "XXXXXXXXXXXXXXXX=XXXXXXXXXXXXXXXX19901", bads('X', [][2]int{{1, 16}, {18, 33}}, tooLong)...)}}},
	// The same with Caps Lock on: the case comes back, so the reporter's x
	// masks (typed in lower case) stay lower case.
	{"jq-issue25-turkish-capslock", "%b4564XXXXXXXXXXXX&hargreaves.t\u0131mothy w      &XXXXXXXXXXXXXXXXXXXXXXXXXXXXX000:\u015e4564XXXXXXXXXXXX-XXXXXXXXXXXXXXXX0000:",
		want{layout: keyboard.TR, caps: true, tracks: []wantTrack{
			closed(1, '%', "B4564xxxxxxxxxxxx^HARGREAVES/TIMOTHY W      ^xxxxxxxxxxxxxxxxxxxxxxxxxxxxx000", bads('x', [][2]int{{6, 17}, {46, 74}}, tooLong)...),
			closed(2, ';', "4564xxxxxxxxxxxx=xxxxxxxxxxxxxxxx0000", bads('x', [][2]int{{5, 16}, {18, 33}})...)}}},
	{"jq-issue30-digit-format-code", "%1034567^SMITH/MIKE^987654321?;987654321",
		want{tracks: []wantTrack{closed(1, '%', "1034567^SMITH/MIKE^987654321"), open(2, ';', "987654321")}}},
	{"jq-issue30-placeholder", "%62772061397873^00000000^X?",
		want{tracks: []wantTrack{closed(1, '%', "62772061397873^00000000^X")}}},
	{"jq-issue27-custom-badge", "%01234^JOHN DOE^126 SALEM STREET?",
		want{tracks: []wantTrack{closed(1, '%', "01234^JOHN DOE^126 SALEM STREET")}}},
	{"scriptel-prefix-composed", "!STCARD A %" + visaT1 + "?",
		want{prefix: "!STCARD A", extra: []string{"!STCARD A"}, tracks: []wantTrack{closed(1, '%', visaT1)}}},
	{"msjs-credit-chip", "%B1234567812345678^DOE/JOHN ^2311201107631100000000580000000?;1234567812345678=231120110763580?",
		want{tracks: []wantTrack{
			closed(1, '%', "B1234567812345678^DOE/JOHN ^2311201107631100000000580000000"),
			closed(2, ';', "1234567812345678=231120110763580")}}},
	{"msjs-credit-expired", "%B1234567812345678^DOE/JOHN ^1811201107631100000000580000000?;1234567812345678=181120110763580?",
		want{tracks: []wantTrack{
			closed(1, '%', "B1234567812345678^DOE/JOHN ^1811201107631100000000580000000"),
			closed(2, ';', "1234567812345678=181120110763580")}}},
	// The 7-bit track 3 holds a ? in its data: its end sentinel is the last ?.
	{"msjs-aamva-ca", "%" + aamvaCAT1 + "?;123456781234567=211219931223?#!!12345    C     M507190BRNBRN D12345678912     EV/.R\\!?,2(?",
		want{tracks: []wantTrack{
			closed(1, '%', aamvaCAT1),
			closed(2, ';', "123456781234567=211219931223"),
			closed(3, '#', "!!12345    C     M507190BRNBRN D12345678912     EV/.R\\!?,2(")}}},
	{"msjs-aamva-ca-expired", "%" + aamvaCAT1 + "?;123456781234567=181219931223?#!!12345    C     M507190BRNBRN D12345678912      EV/.R\\!?,2(?",
		want{tracks: []wantTrack{
			closed(1, '%', aamvaCAT1),
			closed(2, ';', "123456781234567=181219931223"),
			closed(3, '#', "!!12345    C     M507190BRNBRN D12345678912      EV/.R\\!?,2(")}}},
	{"msjs-error-both-tracks", "%E?;E?",
		want{tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},
	{"msjs-truncated-card", "%B1234567812345678^DOE/JOHN ^123",
		want{tracks: []wantTrack{open(1, '%', "B1234567812345678^DOE/JOHN ^123")}}},
	{"msjs-truncated-aamva", "%CAHUNTINGTN BC^DOE$JOHN$MIDDLE",
		want{tracks: []wantTrack{open(1, '%', "CAHUNTINGTN BC^DOE$JOHN$MIDDLE")}}},
	{"msjs-garbage", "asdfasdfasdf12345", want{}},
	{"msjs-empty", "", want{}}, // ErrEmpty: TestErrors
	{"magtek-v5-ex4-three-tracks", "%" + hoganT1 + "?;" + hoganT2 + "?+5163499080020445=000000000000?",
		want{tracks: []wantTrack{closed(1, '%', hoganT1), closed(2, ';', hoganT2), closed(3, '+', "5163499080020445=000000000000")}}},
	{"magtek-v5-ex5-masked-t2", ";5452000000007189=080400000000000000?",
		want{tracks: []wantTrack{closed(2, ';', "5452000000007189=080400000000000000")}}},
	{"magtek-t1-error-t2-ok-composed", "%E?;" + hoganT2 + "?",
		want{tracks: []wantTrack{failed(1, '%'), closed(2, ';', hoganT2)}}},
	{"elo-t2-error", ";E?",
		want{tracks: []wantTrack{failed(2, ';')}}},
	{"sim-t2-t3-error", ";E?+E?",
		want{tracks: []wantTrack{failed(2, ';'), failed(3, '+')}}},
	{"sim-partial-composed", "%910012345?;E?",
		want{tracks: []wantTrack{closed(1, '%', "910012345"), failed(2, ';')}}},
	{"sim-complete-composed", "%910012345?;6085719100260423=491212000000?",
		want{tracks: []wantTrack{closed(1, '%', "910012345"), closed(2, ';', "6085719100260423=491212000000")}}},
	{"pyaamva-tx", "%" + txT1 + "?;" + txT2 + "?#" + txT3 + "?",
		want{tracks: []wantTrack{closed(1, '%', txT1), closed(2, ';', txT2), closed(3, '#', txT3)}}},
	{"aamvajs-tx-trailing-spaces", "%" + txT1 + "?;" + txT2 + "?#" + txT3 + "?    ",
		want{tracks: []wantTrack{closed(1, '%', txT1), closed(2, ';', txT2), closed(3, '#', txT3)}}},
	{"aamvajs-fl-dob99", "%" + flT1 + "?;6360100462172082009=2101198799080=?#" + flT3 + "?",
		want{tracks: []wantTrack{closed(1, '%', flT1), closed(2, ';', "6360100462172082009=2101198799080="), closed(3, '#', flT3)}}},
	{"pyaamva-fl", "%" + flT1 + "?;6360100462172082009=2101198701010=?#" + flT3 + "?",
		want{tracks: []wantTrack{closed(1, '%', flT1), closed(2, ';', "6360100462172082009=2101198701010="), closed(3, '#', flT3)}}},
	// Track 1: 79 data characters, 82 with SS, ES and LRC.
	{"pyaamva-fl2-no-t3-es", "%FLDELRAY BEACH^JURKOV$ROMAN$^4818 N CLASSICAL BLVD^                            ?;6360100462172082009=2101198701010=?#" + flT3,
		want{tracks: []wantTrack{
			closed(1, '%', "FLDELRAY BEACH^JURKOV$ROMAN$^4818 N CLASSICAL BLVD^                            ", tooLong),
			closed(2, ';', "6360100462172082009=2101198701010="),
			open(3, '#', flT3)}}},
	{"chromis-t1-without-date", "%B1111222233334444^PUBLIC/JOHN?;1111222233334444=99121010000000000000?",
		want{tracks: []wantTrack{closed(1, '%', "B1111222233334444^PUBLIC/JOHN"), closed(2, ';', "1111222233334444=99121010000000000000")}}},
	{"acmetech-lowercase-name", "%B1234123412341234^CardUser/John^030510100000019301000000877000000?;1234123412341234=0305101193010877?",
		want{tracks: []wantTrack{
			closed(1, '%', "B1234123412341234^CardUser/John^030510100000019301000000877000000",
				bad(20, 'a'), bad(21, 'r'), bad(22, 'd'), bad(24, 's'), bad(25, 'e'), bad(26, 'r'), bad(29, 'o'), bad(30, 'h'), bad(31, 'n')),
			closed(2, ';', "1234123412341234=0305101193010877")}}},
	{"acmetech-track2-no-ss", "1234123412341234=0305101193010877?",
		want{tracks: []wantTrack{bare(2, "1234123412341234=0305101193010877")}}},
	{"dukptnet-nul-padding", "%" + hoganT1 + "?\x00\x00\x00\x00",
		want{nuls: 4, tracks: []wantTrack{closed(1, '%', hoganT1)}}},
	{"testcard-maestro-19digit", "6799990200000001114=1808101?",
		want{tracks: []wantTrack{bare(2, "6799990200000001114=1808101")}}},
	{"testcard-visa", "4761739001010010=1808101?",
		want{tracks: []wantTrack{bare(2, "4761739001010010=1808101")}}},
}

// ownCases cover each rule of the package doc.
var ownCases = []struct {
	name, in string
	want     want
}{
	// Issue kinds.
	{"t2 invalid character", ";4111A11=3012?",
		want{tracks: []wantTrack{closed(2, ';', "4111A11=3012", bad(5, 'A'))}}},
	{"t2 too long", ";4111111111111111=301210100000000000000?",
		want{tracks: []wantTrack{closed(2, ';', "4111111111111111=301210100000000000000", tooLong)}}},
	{"t2 at maximum", ";4111111111111111=30121010000000000000?",
		want{tracks: []wantTrack{closed(2, ';', "4111111111111111=30121010000000000000")}}},
	{"t3 too long", "+" + strings.Repeat("1", 105) + "?",
		want{tracks: []wantTrack{closed(3, '+', strings.Repeat("1", 105), tooLong)}}},
	{"bare t1", "B4111111111111111^DOE/JANE^3012101?\r",
		want{term: "\r", tracks: []wantTrack{bare(1, "B4111111111111111^DOE/JANE^3012101")}}},
	{"bare t2 without es", "4111111111111111=3012101\r",
		want{term: "\r", tracks: []wantTrack{{n: 2, data: "4111111111111111=3012101", issues: []Issue{missingSS, missingES}}}}},
	{"bare t2 after t1", "%" + visaT1 + "?\r\n4111111111111111=1805101?\r\n",
		want{term: "\r\n", tracks: []wantTrack{closed(1, '%', visaT1), bare(2, "4111111111111111=1805101")}}},
	{"t1 lower case", "%B4111111111111111^Doe/Jane^3012101?",
		want{tracks: []wantTrack{closed(1, '%', "B4111111111111111^Doe/Jane^3012101",
			bad(20, 'o'), bad(21, 'e'), bad(24, 'a'), bad(25, 'n'), bad(26, 'e'))}}},
	// LRCs: the XOR of the data bits from start through end sentinel, sent
	// right after the end sentinel and taken by position, so ? can be one.
	{"t1 lrc", "%B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000?X\r",
		want{term: "\r", tracks: []wantTrack{withLRC(closed(1, '%', "B4111111111111111^CARDHOLDER/TEST^3012101000000000000000000"), 'X')}}},
	{"t2 lrc", ";4111111111111111=30121010000000000000?<",
		want{tracks: []wantTrack{withLRC(closed(2, ';', "4111111111111111=30121010000000000000"), '<')}}},
	{"t2 lrc is ?", ";4111111111111111=3012201000000000000??",
		want{tracks: []wantTrack{withLRC(closed(2, ';', "4111111111111111=3012201000000000000"), '?')}}},
	{"three tracks with lrc", "%" + hoganT1 + "?/;" + hoganT2 + "?6+5163499080020445=000000000000?3\r",
		want{term: "\r", tracks: []wantTrack{
			withLRC(closed(1, '%', hoganT1), '/'),
			withLRC(closed(2, ';', hoganT2), '6'),
			withLRC(closed(3, '+', "5163499080020445=000000000000"), '3')}}},
	{"t1 lrc is ; then t2", "%B4111111111111111^DOE/AV^3012101?;;4111111111111111=3012101?",
		want{tracks: []wantTrack{withLRC(closed(1, '%', "B4111111111111111^DOE/AV^3012101"), ';'), closed(2, ';', "4111111111111111=3012101")}}},
	{"t1 lrc would be ; but t2 starts", "%B4111111111111111^DOE/AV^3012101?;4111111111111111=3012101?",
		want{tracks: []wantTrack{closed(1, '%', "B4111111111111111^DOE/AV^3012101"), closed(2, ';', "4111111111111111=3012101")}}},
	{"t1 wrong lrc is a suffix", "%B4111111111111111^DOE/D9^3012101?R\r",
		want{suffix: "R", term: "\r", extra: []string{"R"}, tracks: []wantTrack{closed(1, '%', "B4111111111111111^DOE/D9^3012101")}}},
	{"t3 7-bit lrc is ?", ";1=2?#!!12345 C ?AAH??",
		want{tracks: []wantTrack{closed(2, ';', "1=2"), withLRC(closed(3, '#', "!!12345 C ?AAH"), '?')}}},
	{"t3 7-bit after t2", ";1=2?#!!12345 C AAW??",
		want{tracks: []wantTrack{closed(2, ';', "1=2"), withLRC(closed(3, '#', "!!12345 C AAW"), '?')}}},

	// Terminators, prefixes, suffixes.
	{"cr", "%E?;E?\r", want{term: "\r", tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},
	{"lf", "%E?;E?\n", want{term: "\n", tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},
	{"crlf", "%E?;E?\r\n", want{term: "\r\n", tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},
	{"tab", "%E?;E?\t", want{term: "\t", tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},
	{"lines", "%E?\r\n;E?\r\n+E?\r\n", want{term: "\r\n", tracks: []wantTrack{failed(1, '%'), failed(2, ';'), failed(3, '+')}}},
	{"prefix with spaces", "  !STCARD A %E?\r",
		want{prefix: "!STCARD A", term: "\r", extra: []string{"!STCARD A"}, tracks: []wantTrack{failed(1, '%')}}},
	{"pre and post strings", "PRE 1 %E?;E? POST 2\r\n",
		want{prefix: "PRE 1", suffix: "POST 2", term: "\r\n", extra: []string{"PRE 1", "POST 2"}, tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},
	{"postamble before terminator", "%E?END\r",
		want{suffix: "END", term: "\r", extra: []string{"END"}, tracks: []wantTrack{failed(1, '%')}}},
	{"stray between tracks", "%E?|;E?\r",
		want{term: "\r", extra: []string{"|"}, tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},
	{"insertion reader framing", "\x02\x1b%E?;" + hoganT2 + "?0\r\x03",
		want{suffix: "0", term: "\r", extra: []string{"0"}, tracks: []wantTrack{failed(1, '%'), closed(2, ';', hoganT2)}}},
	{"nuls between tracks", "%E?\x00\x00;E?\x00",
		want{nuls: 3, tracks: []wantTrack{failed(1, '%'), failed(2, ';')}}},

	// Track assignment and ends.
	{"second ; is track 3", ";1=2?;3=4?",
		want{tracks: []wantTrack{closed(2, ';', "1=2"), closed(3, ';', "3=4")}}},
	{"third ; is extra", ";1=2?;3=4?;5=6?",
		want{suffix: ";5=6?", extra: []string{";5=6?"}, tracks: []wantTrack{closed(2, ';', "1=2"), closed(3, ';', "3=4")}}},
	{"second % is extra", "%A1?%B2?",
		want{suffix: "%B2?", extra: []string{"%B2?"}, tracks: []wantTrack{closed(1, '%', "A1")}}},
	{"t1 without es before t2", "%B4111111111111111^DOE/JANE^3012;4111111111111111=3012?",
		want{tracks: []wantTrack{open(1, '%', "B4111111111111111^DOE/JANE^3012"), closed(2, ';', "4111111111111111=3012")}}},
	{"t1 without es before crlf", "%B4111^DOE/JANE  \r\n",
		want{term: "\r\n", tracks: []wantTrack{open(1, '%', "B4111^DOE/JANE")}}},
	{"t1 caps lock without es", "%b4111^doe",
		want{caps: true, tracks: []wantTrack{open(1, '%', "B4111^DOE")}}},
	{"t2 without es before t3", ";4111=3012+E?",
		want{tracks: []wantTrack{open(2, ';', "4111=3012"), failed(3, '+')}}},
	{"t2 with space", ";4111 1111=3012?",
		want{tracks: []wantTrack{closed(2, ';', "4111 1111=3012", bad(5, ' '))}}},
	{"t2 without es stops at space", ";4111=3012 THANKS",
		want{suffix: "THANKS", extra: []string{"THANKS"}, tracks: []wantTrack{open(2, ';', "4111=3012")}}},
	{"7-bit t3 only after t1 or t2", "!STCARD A ;4111=3012?",
		want{prefix: "!STCARD A", extra: []string{"!STCARD A"}, tracks: []wantTrack{closed(2, ';', "4111=3012")}}},
	{"7-bit t3 with suffix", ";1=2?!!12?3?END",
		want{suffix: "END", extra: []string{"END"}, tracks: []wantTrack{closed(2, ';', "1=2"), closed(3, '!', "!12?3")}}},
	{"& t3", "%E?&ABC 123?\r", want{term: "\r", tracks: []wantTrack{failed(1, '%'), closed(3, '&', "ABC 123")}}},

	// Not tracks.
	{"percent in typing", "50% off", want{}},
	{"ampersand in typing", "Tom & Jerry", want{}},
	{"hash in typing", "Order #123", want{}},
	{"sentinels alone", "%?;?+?", want{}},
	{"digits without separator", "4111111111111111", want{}},
	{"only a terminator after typing", "hello\r", want{}},

	// EMV tag 57.
	{"emv tag 57", "5713 4111111111111111D30121010000000000000F",
		want{emv: true, tracks: []wantTrack{closed(2, ';', "4111111111111111=30121010000000000000")}}},
	{"emv plain", "4111111111111111D3012101123456789F",
		want{emv: true, tracks: []wantTrack{closed(2, ';', "4111111111111111=3012101123456789")}}},
	{"emv spaced lower case", "57 10 41 11 11 11 11 11 11 11 d3 01 21 01 12 34 56 78\n",
		want{emv: true, tracks: []wantTrack{closed(2, ';', "4111111111111111=301210112345678")}}},
	{"emv wrong length byte", "5712 4111111111111111D30121010000000000000F",
		want{hex: &Hex{Form: HexEMV, Tagged: true, Problems: []HexProblem{{Kind: HexLengthByte, Pos: 2, Want: 18, Got: 38}}}}},
	{"emv second separator", "4111D3012D1", want{}},

	// Track 2 in hex as logs hold it: EMV tag 57 (emv: true) and the
	// recorded nibbles, B PAN D … F, zero-padded.
	{"nibbles", "B4111111111111111D30121010000000000000F",
		want{hex: nibbles, tracks: []wantTrack{closed(2, ';', "4111111111111111=30121010000000000000")}}},
	{"nibbles zero padded", "B4111111111111111D3012101F0000\r\n",
		want{hex: nibbles, tracks: []wantTrack{closed(2, ';', "4111111111111111=3012101")}}},
	{"nibbles spaced lower case", "  b4 11 11 11 11 11 11 11 1d 30 12 10 1f\n",
		want{hex: nibbles, tracks: []wantTrack{closed(2, ';', "4111111111111111=3012101")}}},
	{"nibbles with lrc", "B4111111111111111D3012101FC0",
		want{hex: nibbles, tracks: []wantTrack{withLRC(closed(2, ';', "4111111111111111=3012101"), '<')}}},
	{"nibbles cut short", "B4111111111111111D3012",
		want{hex: nibbles, tracks: []wantTrack{open(2, ';', "4111111111111111=3012")}}},
	{"nibbles too long", "B4111111111111111D" + strings.Repeat("0", 22) + "F",
		want{hex: nibbles, tracks: []wantTrack{closed(2, ';', "4111111111111111="+strings.Repeat("0", 22), tooLong)}}},
	{"nibbles junk after the end sentinel", "B4111111111111111D3012101F12",
		want{hex: nibbles, suffix: "12", extra: []string{"12"}, tracks: []wantTrack{closed(2, ';', "4111111111111111=3012101")}}},
	{"nibbles letter O for 0", "B4111111111111111D3O12101F",
		want{hex: &Hex{Form: HexNibbles, Problems: []HexProblem{{Kind: HexNotHex, Pos: 19, Char: 'O'}}}}},
	{"emv letter O for 0", "57 13 41 11 11 11 11 11 11 11 D3 O1 21 01 00 00 00 00 00 00 0F",
		want{hex: &Hex{Form: HexEMV, Tagged: true, Problems: []HexProblem{{Kind: HexNotHex, Pos: 33, Char: 'O'}}}}},
	{"emv odd digit count", "4111111111111111D301210",
		want{emv: true, hex: &Hex{Form: HexEMV, Problems: []HexProblem{{Kind: HexOdd, Pos: -1, Got: 23}}},
			tracks: []wantTrack{closed(2, ';', "4111111111111111=301210")}}},
	{"emv letter inside", "4111111111111111D3012A01",
		want{hex: &Hex{Form: HexEMV, Problems: []HexProblem{{Kind: HexMisplaced, Pos: 21, Char: 'A'}}}}},
	{"emv PAN starting 57", "5712345678901234D3012101",
		want{emv: true, hex: emv, tracks: []wantTrack{closed(2, ';', "5712345678901234=3012101")}}},
	{"hex on two lines is text", "B4111111111111111D3012101F\nB5555555555554444D3012101F", want{}},
	{"nibbles with NUL padding", "B4111111111111111D3012101F\x00\x00",
		want{hex: nibbles, nuls: 2, tracks: []wantTrack{closed(2, ';', "4111111111111111=3012101")}}},
	{"short words are text", "12 days", want{}},
	{"many letters are text", "4111111111111111D HELLO", want{}},
}

var (
	emv     = &Hex{Form: HexEMV}
	nibbles = &Hex{Form: HexNibbles}
)

func TestVectors(t *testing.T) {
	for _, tc := range vectorCases {
		if tc.in == "" {
			continue // msjs-empty: TestErrors
		}
		t.Run(tc.id, func(t *testing.T) { checkSplit(t, tc.in, tc.want) })
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range ownCases {
		t.Run(tc.name, func(t *testing.T) { checkSplit(t, tc.in, tc.want) })
	}
}

func checkSplit(t *testing.T, in string, w want) {
	t.Helper()
	c, err := Split(in)
	if err != nil {
		t.Fatalf("Split: %v", err)
	}
	checkInvariants(t, in, c)
	if c.Text == "" {
		t.Error("Text is empty: a capture keeps its text, tracks or not")
	}
	if w.layout == "" {
		w.layout = keyboard.US
	}
	// What package keyboard makes of text without tracks is its business.
	if len(w.tracks) > 0 && (c.Layout != w.layout || c.CapsLock != w.caps) {
		t.Errorf("Layout %q CapsLock %v, want %q %v", c.Layout, c.CapsLock, w.layout, w.caps)
	}
	if c.Prefix != w.prefix || c.Suffix != w.suffix || c.Terminator != w.term || c.NULs != w.nuls || c.EMV != w.emv {
		t.Errorf("Prefix %q Suffix %q Terminator %q NULs %d EMV %v, want %q %q %q %d %v",
			c.Prefix, c.Suffix, c.Terminator, c.NULs, c.EMV, w.prefix, w.suffix, w.term, w.nuls, w.emv)
	}
	switch {
	case w.hex != nil && !reflect.DeepEqual(c.Hex, w.hex):
		t.Errorf("Hex = %+v, want %+v", c.Hex, w.hex)
	case w.hex == nil && !w.emv && c.Hex != nil:
		t.Errorf("Hex = %+v, want text", c.Hex)
	}
	if x := c.Extra(); !reflect.DeepEqual(x, w.extra) {
		t.Errorf("Extra() = %q, want %q", x, w.extra)
	}
	var got [3]*wantTrack
	for _, wt := range w.tracks {
		got[wt.n-1] = &wt
	}
	for i, tr := range c.Tracks {
		wt := got[i]
		switch {
		case tr == nil && wt == nil:
		case tr == nil:
			t.Errorf("track %d missing, want %+v", i+1, *wt)
		case wt == nil:
			t.Errorf("track %d = %+v, want none", i+1, *tr)
		default:
			if g := summary(tr); !reflect.DeepEqual(g, *wt) {
				t.Errorf("track %d\n got %+v\nwant %+v", i+1, g, *wt)
			}
		}
	}
}

// TestSplitUnrepaired runs the splitter on text that keyboard repair
// leaves alone or would change, to pin rules that repair usually hides.
func TestSplitUnrepaired(t *testing.T) {
	for _, tc := range []struct {
		in     string
		tracks []wantTrack
	}{
		// Lower case after % opens a track without end sentinel only as a
		// Caps Lock format code followed by the PAN.
		{"%b4111^Doe", []wantTrack{open(1, '%', "b4111^Doe", bad(1, 'b'), bad(8, 'o'), bad(9, 'e'))}},
		{"%bxyz", nil},
		{"%bxyz?", []wantTrack{closed(1, '%', "bxyz", bad(1, 'b'), bad(2, 'x'), bad(3, 'y'), bad(4, 'z'))}},
	} {
		c := &Capture{Raw: tc.in, Text: tc.in}
		c.split()
		checkInvariants(t, tc.in, c)
		var got []wantTrack
		for _, tr := range c.Tracks {
			if tr != nil {
				got = append(got, summary(tr))
			}
		}
		if !reflect.DeepEqual(got, tc.tracks) {
			t.Errorf("split(%q)\n got %+v\nwant %+v", tc.in, got, tc.tracks)
		}
	}
}

func summary(tr *Track) wantTrack {
	return wantTrack{tr.Number, tr.Start, tr.End, tr.Data, tr.ReaderError, tr.LRC, tr.Issues}
}

// checkInvariants holds for every Capture Split returns.
func checkInvariants(t *testing.T, in string, c *Capture) {
	t.Helper()
	if c.Raw != in {
		t.Fatalf("Raw = %q, want the input", c.Raw)
	}
	prev := 0
	for _, tr := range c.Ordered() {
		if tr.Offset < prev || tr.Offset+len(tr.Text) > len(c.Text) || c.Text[tr.Offset:tr.Offset+len(tr.Text)] != tr.Text {
			t.Fatalf("track %d Offset %d Text %q not in Text %q after %d", tr.Number, tr.Offset, tr.Text, c.Text, prev)
		}
		if tr.end() > len(c.Text) || tr.LRC != 0 && c.Text[tr.end()-1] != tr.LRC {
			t.Fatalf("track %d LRC %q not after its Text", tr.Number, tr.LRC)
		}
		prev = tr.end()
		base := 0
		if tr.Start != 0 {
			base = 1
			if tr.Text[0] != tr.Start {
				t.Fatalf("track %d Start %q but Text %q", tr.Number, tr.Start, tr.Text)
			}
		}
		if tr.Text[base:base+len(tr.Data)] != tr.Data || tr.End != (len(tr.Text) == base+len(tr.Data)+1) || tr.End && !strings.HasSuffix(tr.Text, "?") {
			t.Fatalf("track %d Data %q End %v not inside Text %q", tr.Number, tr.Data, tr.End, tr.Text)
		}
		for _, is := range tr.Issues {
			if is.Pos < -1 || is.Pos >= len(tr.Text) {
				t.Fatalf("track %d issue %+v outside Text %q", tr.Number, is, tr.Text)
			}
			if is.Kind == InvalidCharacter {
				if r, _ := utf8.DecodeRuneInString(tr.Text[is.Pos:]); r != is.Char {
					t.Fatalf("track %d issue %+v: Text has %q there", tr.Number, is, r)
				}
			}
		}
	}
	for i, tr := range c.Tracks {
		if tr != nil && tr.Number != i+1 {
			t.Fatalf("Tracks[%d].Number = %d", i, tr.Number)
		}
	}
	for _, x := range append(c.Extra(), c.Prefix, c.Suffix) {
		if x != strings.Trim(x, frame) {
			t.Fatalf("extra %q not trimmed", x)
		}
	}
	if c.EMV && (c.Hex == nil || c.Hex.Form != HexEMV || !c.Hex.Read()) {
		t.Fatalf("EMV without a read EMV record: %+v", c.Hex)
	}
	if c.Hex != nil {
		checkHex(t, in, c.Hex)
		if !c.Hex.Read() && len(c.Ordered()) > 0 {
			t.Fatalf("hex record %+v not read, but tracks found in %q", c.Hex, c.Text)
		}
	}
}

// checkHex holds for every Hex: each problem points at its character in
// the input, or at the whole record.
func checkHex(t *testing.T, in string, h *Hex) {
	t.Helper()
	if h.Form != HexEMV && h.Form != HexNibbles || h.Tagged && h.Form != HexEMV {
		t.Fatalf("Hex %+v", h)
	}
	for _, p := range h.Problems {
		switch p.Kind {
		case HexNotHex, HexMisplaced:
			if p.Pos < 0 || p.Pos >= len(in) || rune(in[p.Pos]) != p.Char {
				t.Fatalf("problem %+v not at its character in %q", p, in)
			}
		case HexLengthByte:
			if p.Pos < 0 || p.Pos >= len(in) || 2*p.Want == p.Got || !h.Tagged {
				t.Fatalf("problem %+v in %q", p, in)
			}
		case HexOdd:
			if p.Pos != -1 || p.Got%2 != 1 {
				t.Fatalf("problem %+v in %q", p, in)
			}
		default:
			t.Fatalf("problem %+v in %q", p, in)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		err      error
	}{
		{"msjs-empty", "", ErrEmpty},
		{"terminator only", "\r\n", ErrEmpty},
		{"padding only", "\x00\x00 \t", ErrEmpty},
		{"framing only", "\x02\x1b\r\x03", ErrEmpty},
		{"too large", "%" + strings.Repeat("A", MaxCapture) + "?", ErrTooLarge},
		{"control byte", "%B4111\x01^DOE?", ErrBinary},
		{"backspace", ";4111\b=3012?", ErrBinary},
		{"DEL", ";4111\x7f=3012?", ErrBinary},
		{"not text", "\xff\xfe\xfd\xfc\xfb%E?", ErrBinary},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Split(tc.in)
			if !errors.Is(err, tc.err) || c != nil {
				t.Fatalf("Split = %v, %v; want nil, %v", c, err, tc.err)
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Reason == "" {
				t.Fatalf("error %v is not an *InputError with a reason", err)
			}
		})
	}
}

func TestMaxCapture(t *testing.T) {
	in := ";E?" + strings.Repeat(" ", MaxCapture-3)
	c, err := Split(in)
	if err != nil || c.Tracks[1] == nil {
		t.Fatalf("Split of exactly MaxCapture bytes: %v", err)
	}
	if _, err := Split(in + " "); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Split of MaxCapture+1 bytes: %v, want ErrTooLarge", err)
	}
}

// TestLatin1 checks that bytes that are not UTF-8 are read as Latin-1, not
// refused, when they are few.
func TestLatin1(t *testing.T) {
	checkSplit(t, "%B4111^M\xc6LLER/J^3012?\r", want{term: "\r",
		tracks: []wantTrack{closed(1, '%', "B4111^MÆLLER/J^3012", bad(8, 'Æ'))}})
	// A German-layout track 2 saved in a Latin-1 log: ö4111…´3012…_.
	checkSplit(t, "\xf64111111111111111\xb430121010000000000000_\r\n", want{layout: keyboard.DE, term: "\r\n",
		tracks: []wantTrack{closed(2, ';', "4111111111111111=30121010000000000000")}})
}

// TestLayouts splits swipes typed through non-US host layouts; Split runs
// on the text package keyboard repaired.
func TestLayouts(t *testing.T) {
	// Track 2 on the test PAN 4111111111111111 as a US-keymap reader types
	// it on German, French and Dvorak hosts.
	t2 := []wantTrack{closed(2, ';', "4111111111111111=30121010000000000000")}
	for _, tc := range []struct {
		in     string
		layout keyboard.Layout
	}{
		{"ö4111111111111111´30121010000000000000_", keyboard.DE},
		{"m'&&&&&&&&&&&&&&&=\"à&é&à&ààààààààààààà§", keyboard.FR},
		{"s4111111111111111]30121010000000000000Z", keyboard.Dvorak},
	} {
		t.Run(string(tc.layout)+" track 2", func(t *testing.T) { checkSplit(t, tc.in, want{layout: tc.layout, tracks: t2}) })
	}

	// Three-track swipes typed by a US-keymap reader on French and German
	// hosts. On AZERTY the Ms of MAMMOTH/MARY M arrive as ?, false end
	// sentinels.
	three := "%" + hoganT1 + "?;" + hoganT2 + "?+5163499080020445=000000000000?\r"
	hogan := []wantTrack{closed(1, '%', hoganT1), closed(2, ';', hoganT2), closed(3, '+', "5163499080020445=000000000000")}
	mammoth := "%B4111111111111111^MAMMOTH/MARY M^3012101000000000000000000?;4111111111111111=30121010000000000000?+E?\r"
	mary := []wantTrack{closed(1, '%', "B4111111111111111^MAMMOTH/MARY M^3012101000000000000000000"), t2[0], failed(3, '+')}
	for _, l := range []keyboard.Layout{keyboard.FR, keyboard.DE} {
		for _, sw := range []struct {
			name, us string
			tracks   []wantTrack
		}{{"hogan", three, hogan}, {"mammoth", mammoth, mary}} {
			t.Run(string(l)+" "+sw.name, func(t *testing.T) {
				in := keyboard.Apply(sw.us, l)
				if l == keyboard.FR && sw.name == "mammoth" && strings.Count(in, "?") != 5 {
					t.Fatalf("AZERTY text %q: want the 5 Ms as ?", in)
				}
				checkSplit(t, in, want{layout: l, term: "\r", tracks: sw.tracks})
				if c, _ := Split(in); c.Text != sw.us || c.LayoutEvidence.IsZero() {
					t.Errorf("Text %q evidence %q, want the US text and evidence", c.Text, c.LayoutEvidence)
				}
			})
		}
	}
}

// TestSharedVectors checks that the table above holds every text vector of
// internal/testvectors unchanged, and names no other.
func TestSharedVectors(t *testing.T) {
	table := map[string]string{}
	for _, tc := range vectorCases {
		table[tc.id] = tc.in
		v, ok := testvectors.Lookup(tc.id)
		if !ok {
			t.Fatalf("vectorCases names vector %s, which internal/testvectors does not hold", tc.id)
		}
		if v.Kind == testvectors.KindRawBitstream {
			t.Errorf("vectorCases holds %s, a raw bit stream", tc.id)
		}
	}
	n := 0
	for _, v := range testvectors.All() {
		if v.Kind == testvectors.KindRawBitstream {
			continue
		}
		n++
		if in, ok := table[v.ID]; !ok || in != v.Input {
			t.Errorf("vector %s missing or changed in vectorCases", v.ID)
		}
	}
	if n != len(vectorCases) {
		t.Errorf("vectorCases has %d entries, internal/testvectors %d text vectors", len(vectorCases), n)
	}
}

func FuzzSplit(f *testing.F) {
	for _, tc := range vectorCases {
		f.Add(tc.in)
	}
	for _, tc := range ownCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Split(s)
		if err != nil {
			if c != nil || !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrBinary) {
				t.Fatalf("Split(%q) = %v, %v", s, c, err)
			}
			return
		}
		checkInvariants(t, s, c)
	})
}

// FuzzReadHex checks the hex reader alone: it never panics, reads only
// track-2 characters, says why it does not read a record, and gives back
// any track-2 text written as nibbles.
func FuzzReadHex(f *testing.F) {
	for _, tc := range ownCases {
		if tc.want.hex != nil || tc.want.emv {
			f.Add(tc.in)
		}
	}
	f.Add("57 0f 47 61 73 90 01 01 00 10 d2 51 22 01 00 00 0f")
	f.Add("B5452300551227189D080432100000007250F")
	f.Add("4111111111111111d3012101g0h")
	f.Fuzz(func(t *testing.T, s string) {
		text, h := readHex(s)
		if h == nil {
			if text != "" {
				t.Fatalf("readHex(%q) = %q without a Hex", s, text)
			}
		} else {
			checkHex(t, s, h)
			if (text != "") != h.Read() {
				t.Fatalf("readHex(%q) = %q, %+v", s, text, h)
			}
			for i := 0; i < len(text); i++ {
				if text[i] < '0' || text[i] > '?' {
					t.Fatalf("readHex(%q) = %q: not track 2", s, text)
				}
			}
		}
		// Round trip: s as track-2 characters, written as nibbles.
		var track, nib strings.Builder
		track.WriteByte(';')
		nib.WriteByte('B')
		for i := 0; i < len(s) && i < 60; i++ {
			c := '0' + s[i]%11 // digits and =
			if c == '0'+10 {
				c = '='
			}
			if i == 0 && c == '=' {
				c = '4'
			}
			track.WriteByte(c)
			nib.WriteByte("0123456789ABCDEF"[c-'0'])
		}
		track.WriteByte('?')
		nib.WriteByte('F')
		want := track.String()
		if !strings.Contains(want, "=") || strings.Index(want, "=") > 20 {
			return // no record: a PAN of 1–19 digits and a D
		}
		got, h := readHex(nib.String())
		if h == nil || h.Form != HexNibbles || got != want {
			t.Fatalf("readHex(%q) = %q, %+v; want %q", nib.String(), got, h, want)
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	in := "%" + hoganT1 + "?;" + hoganT2 + "?+5163499080020445=000000000000?\r"
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Split(in); err != nil {
			b.Fatal(err)
		}
	}
}
