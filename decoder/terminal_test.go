package decoder

import (
	"slices"
	"strings"
	"testing"
	"time"

	"magcheck/decoder/card"
	"magcheck/message"
)

// terminalNow is the day the terminal fixtures are read on.
var terminalNow = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

const cleanSwipe = "%B4111111111111111^DOE/JOHN^3012101000000000000000000?;4111111111111111=30121010000000000000?"

// terminalFixtures are swipes in each state terminalRules tells apart.
func terminalFixtures(t *testing.T) map[string]*Report {
	t.Helper()
	read := func(s string) *Report { return decodeAt(t, s, terminalNow) }
	weak := read(cleanSwipe)
	weak.Findings = append(weak.Findings, Finding{Code: StripeWorn, Severity: SeverityWarn, Track: 2})
	sortFindings(weak.Findings)
	weak.Fault = faultOf(weak)
	noExpiry := read(cleanSwipe)
	c := *noExpiry.Card
	c.Expiry = card.Expiry{}
	noExpiry.Card = &c
	return map[string]*Report{
		"clean":     read(cleanSwipe),
		"chip":      read(";4111111111111111=30122010000000000000?"),
		"expired":   read(";4111111111111111=20121010000000000000?"),
		"luhn":      read(";4111111111111112=30121010000000000000?"),
		"cut short": read(";4111111111111111=3012101"),
		"unread":    read("%E?;E?"),
		"layout":    read("%B4111111111111111^DOE/JOHN^3012101000000000000000000_;4111111111111111=30121010000000000000_"),
		"gift":      read(";6085719100=4912?"),
		"weak":      weak,
		"no expiry": noExpiry,
	}
}

// terminalCodes are the findings only Told raises.
var terminalCodes = []Code{
	MagstripeVerificationRequired, TerminalReaderSuspect, TerminalClockSuspect, TerminalMagstripeRefused,
	TerminalCardNotAccepted, IssuerDeclined, TerminalSignIn, TerminalExplained, TerminalSecondary, TerminalUnchecked,
}

// TestTerminalRules tells a swipe of every state each terminal message,
// one case for each row of terminalRules, and checks the finding it
// raises, the fault, and the verdict in both languages.
func TestTerminalRules(t *testing.T) {
	fx := terminalFixtures(t)
	// verdict is the verdict the case wants in l, given the report told
	// and its terminal finding.
	type verdict func(l message.Lang, base, told *Report, f Finding) string
	own := func(l message.Lang, base, _ *Report, _ Finding) string { return base.Verdict(l) }
	second := func(l message.Lang, base, _ *Report, _ Finding) string {
		return l.Format(message.Sentences, base.Verdict(l), l.Text(message.VerdictTerminalSecondary))
	}
	titled := func(k message.Key) verdict {
		return func(l message.Lang, _, _ *Report, f Finding) string { return l.Format(k, f.words(l).Title) }
	}
	cases := []struct {
		said    TerminalSaid
		swipe   string
		code    Code
		detail  string
		fault   Fault
		verdict verdict
	}{
		{SaidReadFailed, "unread", TerminalExplained, "read_failed", FaultCard, own},
		{SaidReadFailed, "weak", TerminalExplained, "weak", FaultCard, own},
		{SaidReadFailed, "clean", TerminalReaderSuspect, "", FaultReader, titled(message.VerdictReader)},
		{SaidReadFailed, "luhn", TerminalReaderSuspect, "", FaultReader, titled(message.VerdictReader)},
		{SaidNotAuthenticated, "cut short", TerminalSecondary, "unread", FaultReader, second},
		{SaidNotAuthenticated, "unread", TerminalSecondary, "unread", FaultCard, second},
		{SaidNotAuthenticated, "layout", TerminalSecondary, "setup", FaultSetup, second},
		{SaidReadFailed, "layout", TerminalSecondary, "setup", FaultSetup, second},
		{SaidSignIn, "clean", TerminalSignIn, "", FaultHost, titled(message.VerdictBeyond)},
		{SaidInvalidCard, "gift", TerminalExplained, "not_payment", FaultCard, own},
		{SaidNotAuthenticated, "gift", TerminalExplained, "not_payment", FaultCard, own},
		{SaidExpired, "expired", TerminalExplained, "expired", FaultCard, own},
		{SaidExpired, "clean", TerminalClockSuspect, "", FaultSetup, titled(message.VerdictSetup)},
		{SaidExpired, "luhn", TerminalSecondary, "", FaultCard, second},
		{SaidNotAuthenticated, "expired", TerminalSecondary, "", FaultCard, second},
		{SaidNotAuthenticated, "chip", MagstripeVerificationRequired, "chip", FaultProvider, titled(message.VerdictBeyond)},
		{SaidNotAuthenticated, "clean", MagstripeVerificationRequired, "", FaultProvider, titled(message.VerdictBeyond)},
		{SaidNotAuthenticated, "weak", MagstripeVerificationRequired, "", FaultProvider, titled(message.VerdictBeyond)},
		{SaidInsertChip, "chip", TerminalExplained, "chip", FaultHost, own},
		{SaidInsertChip, "clean", TerminalMagstripeRefused, "", FaultProvider, titled(message.VerdictBeyond)},
		{SaidOverLimit, "clean", MagstripeVerificationRequired, "limit", FaultProvider, titled(message.VerdictBeyond)},
		{SaidInvalidCard, "chip", TerminalCardNotAccepted, "", FaultProvider, titled(message.VerdictBeyond)},
		{SaidContactIssuer, "clean", IssuerDeclined, "", FaultHost, titled(message.VerdictBeyond)},
		{SaidExpired, "no expiry", TerminalUnchecked, "", FaultHost, own},
	}
	matched := make([]bool, len(terminalRules))
	for _, c := range cases {
		base := fx[c.swipe]
		name := string(c.said) + " + " + c.swipe
		matched[slices.IndexFunc(terminalRules, func(r terminalRule) bool { return r.matches(c.said, factsOf(base)) })] = true
		before := codesOf(base)
		told := base.Told(c.said)
		if !slices.Equal(codesOf(base), before) || base.Terminal != SaidNothing {
			t.Errorf("%s: Told changed the report it was given", name)
		}
		var got []Finding
		for _, f := range told.Findings {
			if slices.Contains(terminalCodes, f.Code) {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Code != c.code || got[0].Detail != c.detail {
			t.Errorf("%s: terminal findings %v, want %s/%s", name, got, c.code, c.detail)
			continue
		}
		f := got[0]
		if want := lookup(c.code, c.detail).severity; f.Severity != want {
			t.Errorf("%s: severity %s, want %s", name, f.Severity, want)
		}
		if told.Fault != c.fault || told.Terminal != c.said {
			t.Errorf("%s: fault %s, terminal %q; want %s, %q", name, told.Fault, told.Terminal, c.fault, c.said)
		}
		// A swipe that did not read keeps its finding first.
		if c.swipe == "unread" || c.swipe == "cut short" || c.swipe == "layout" {
			if told.Findings[0].Code != base.Findings[0].Code {
				t.Errorf("%s: first finding %s, want the swipe's own %s", name, told.Findings[0].Code, base.Findings[0].Code)
			}
		}
		for _, l := range []message.Lang{message.English, message.Chinese} {
			if w, ok := l.Finding(string(c.code), c.detail); !ok || w.Code != strings.TrimSuffix(string(c.code)+"/"+c.detail, "/") {
				t.Errorf("%s: %s has no words for %s/%s", name, l, c.code, c.detail)
			}
			if got, want := told.Verdict(l), c.verdict(l, base, told, f); got != want {
				t.Errorf("%s: %s verdict\n got %q\nwant %q", name, l, got, want)
			}
			if ev := f.Evidence.In(l); !strings.Contains(ev, c.said.In(l)) {
				t.Errorf("%s: %s evidence %q does not name what the terminal said (%q)", name, l, ev, c.said.In(l))
			}
		}
	}
	for i, ok := range matched {
		if !ok {
			r := terminalRules[i]
			t.Errorf("row %d of terminalRules (%s, %s/%s) has no case", i, r.said, r.code, r.detail)
		}
	}
}

// TestTold checks what Told keeps: a report told afresh, nothing told,
// the issuer note, and the exact words of the commonest case.
func TestTold(t *testing.T) {
	fx := terminalFixtures(t)
	clean := fx["clean"]
	if !hasCode(clean, IssuerCheckRequired) {
		t.Fatal("the clean swipe has no issuer_check_required to begin with")
	}
	told := clean.Told(SaidNotAuthenticated)
	if hasCode(told, IssuerCheckRequired) {
		t.Error("the verification finding leaves the issuer note in")
	}
	again := told.Told(SaidInsertChip)
	if hasCode(again, MagstripeVerificationRequired) || !hasCode(again, TerminalMagstripeRefused) {
		t.Errorf("told again: %v", codesOf(again))
	}
	untold := again.Told(SaidNothing)
	if untold != clean {
		t.Errorf("told nothing: %v %s, want the swipe's own report", codesOf(untold), untold.Fault)
	}

	v := told.View(message.English, false)
	if v.TerminalSaid != "not_authenticated" || v.Fault != "provider" ||
		v.TerminalSaidText != "Magstripe card not authenticated (磁条卡未认证 / 请先进行磁条卡认证)" {
		t.Errorf("view: %q %q %q", v.TerminalSaid, v.TerminalSaidText, v.Fault)
	}
	if want := "The card and the reader are fine: Magstripe card verification needed (磁条卡认证)."; v.Verdict != want {
		t.Errorf("verdict %q, want %q", v.Verdict, want)
	}
	if want := "the terminal said: Magstripe card not authenticated (磁条卡未认证 / 请先进行磁条卡认证); this swipe: a Visa card read cleanly, service code 101: no chip"; v.Findings[0].Evidence != want {
		t.Errorf("evidence\n got %q\nwant %q", v.Findings[0].Evidence, want)
	}
	z := told.View(message.Chinese, false)
	if z.TerminalSaidText != "磁条卡未认证（请先进行磁条卡认证）" || z.Verdict != "卡片和读卡器都正常：需要进行磁条卡认证。" {
		t.Errorf("zh view: %q, %q", z.TerminalSaidText, z.Verdict)
	}
	for _, want := range []string{"磁条卡认证", "持卡人姓名", "身份证号", "卡号", "预留的手机号", "短信验证码"} {
		if !strings.Contains(z.Findings[0].Action, want) {
			t.Errorf("zh action %q lacks %q", z.Findings[0].Action, want)
		}
	}
	if text := v.Text(); !strings.Contains(text, "\nTerminal said: Magstripe card not authenticated (磁条卡未认证 / 请先进行磁条卡认证)\n") {
		t.Errorf("text report lacks the terminal's line:\n%s", text)
	}
	if v := clean.View(message.English, false); v.TerminalSaid != "" || v.TerminalSaidText != "" || strings.Contains(v.Text(), "Terminal said") {
		t.Errorf("a report not told shows a terminal: %q %q", v.TerminalSaid, v.TerminalSaidText)
	}
}

// TestTerminalNothing is the clean swipe with no message chosen: its
// verdict and the issuer note name the verification rule, before a
// parameter download.
func TestTerminalNothing(t *testing.T) {
	clean := terminalFixtures(t)["clean"]
	download := map[message.Lang]string{message.English: "parameter download", message.Chinese: "参数下载"}
	for _, l := range []message.Lang{message.English, message.Chinese} {
		v := clean.View(l, false)
		if v.Verdict != l.Text(message.VerdictHost) || !strings.Contains(v.Verdict, "磁条卡认证") {
			t.Errorf("%s: verdict %q", l, v.Verdict)
		}
		i := slices.IndexFunc(v.Findings, func(f FindingView) bool { return f.Code == string(IssuerCheckRequired) })
		if i < 0 {
			t.Fatalf("%s: no issuer_check_required", l)
		}
		a := v.Findings[i].Action
		verify, later := strings.Index(a, "磁条卡认证"), strings.Index(a, download[l])
		if verify < 0 || later < 0 || verify > later {
			t.Errorf("%s: the issuer note does not name verification before the parameter download: %q", l, a)
		}
	}
}

// TestTerminalCodes checks that the decoder's messages and the
// catalogue's are the same list, and ParseTerminalSaid.
func TestTerminalCodes(t *testing.T) {
	ours := []TerminalSaid{SaidNotAuthenticated, SaidInsertChip, SaidReadFailed, SaidInvalidCard,
		SaidExpired, SaidOverLimit, SaidContactIssuer, SaidSignIn}
	var theirs []TerminalSaid
	for _, m := range message.Terminals() {
		theirs = append(theirs, TerminalSaid(m.Code))
		for _, l := range []message.Lang{message.English, message.Chinese} {
			if l.Text(m.Gloss) == "" || l.Text(m.Meaning) == "" {
				t.Errorf("%s: %s has no gloss or meaning", m.Code, l)
			}
		}
	}
	if !slices.Equal(ours, theirs) {
		t.Errorf("decoder %v, catalogue %v", ours, theirs)
	}
	for _, s := range ours {
		if got, ok := ParseTerminalSaid(string(s)); !ok || got != s {
			t.Errorf("ParseTerminalSaid(%q) = %q, %v", s, got, ok)
		}
	}
	for _, bad := range []string{"", "NOT_AUTHENTICATED", "磁条卡未认证", "declined"} {
		if _, ok := ParseTerminalSaid(bad); ok {
			t.Errorf("ParseTerminalSaid(%q) is ok", bad)
		}
	}
}

// TestSessionTerminalSaid: what the terminal said holds for every swipe
// of the visit, before and after it was chosen, beside the visit's own
// verdict; Clear forgets it.
func TestSessionTerminalSaid(t *testing.T) {
	dec := func(s string) *Report { return decodeAt(t, s, terminalNow) }
	s := NewSession(0)
	master, failing := dec(";5555555555554444=30121010000000000000?"), dec("%E?;378282246310005=30121010000000000000?")
	s.Add(dec(cleanSwipe))
	s.SetTerminalSaid(SaidNotAuthenticated)
	s.Add(master)
	s.Add(failing)
	if s.TerminalSaid() != SaidNotAuthenticated {
		t.Fatalf("the session holds %q", s.TerminalSaid())
	}
	// A clean card of the visit, swiped before the choice, is told too.
	if v := s.View(master, message.English, false); v.Fault != string(FaultProvider) || v.TerminalSaid != "not_authenticated" {
		t.Errorf("a clean card: fault %s, terminal %q", v.Fault, v.TerminalSaid)
	}
	// The failing card: the visit's verdict, then that it comes first.
	for _, l := range []message.Lang{message.English, message.Chinese} {
		v := s.View(failing, l, false)
		want := l.Format(message.Sentences,
			l.Format(message.VerdictVisitCard, Finding{Code: TrackReadError}.words(l).Title,
				l.Plural(2, message.OtherCardsOne, message.OtherCardsMany)),
			l.Text(message.VerdictTerminalSecondary))
		if v.Verdict != want || v.Fault != string(FaultCard) {
			t.Errorf("%s: failing card: %q, %s; want %q, card", l, v.Verdict, v.Fault, want)
		}
	}
	s.Clear()
	if s.TerminalSaid() != SaidNothing {
		t.Errorf("after Clear the session holds %q", s.TerminalSaid())
	}
	if v := s.View(master, message.English, false); v.TerminalSaid != "" || v.Fault != string(FaultHost) {
		t.Errorf("after Clear: terminal %q, fault %s", v.TerminalSaid, v.Fault)
	}
}
