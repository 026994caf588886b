package message

import "strings"

// Terminal is one message a POS terminal shows when it refuses a card.
// Terminals in China show Chinese whatever the page's language, so a
// message's usual words are kept here once, in Chinese, and every language
// quotes them beside its own gloss; they are the only Chinese outside
// zh.go.
type Terminal struct {
	// Code is stable: the page's data-terminal-said, the JSON's
	// terminal_said and `magcheck decode --terminal-said` use it.
	Code string
	// Words are the terminal's usual wordings of the message, the most
	// common first.
	Words []string
	// Gloss says in a language what the terminal said; Meaning, what it
	// most often means before a swipe has been read.
	Gloss, Meaning Key
}

// terminals lists the messages in the order the page offers them, the
// most common cause of a visit first.
var terminals = []Terminal{
	{"not_authenticated", []string{"磁条卡未认证", "请先进行磁条卡认证"}, TermNotAuthenticated, TermNotAuthenticatedMeaning},
	{"insert_chip", []string{"请插卡", "请使用芯片", "IC卡请插卡"}, TermInsertChip, TermInsertChipMeaning},
	{"read_failed", []string{"读卡失败", "刷卡失败", "请重新刷卡"}, TermReadFailed, TermReadFailedMeaning},
	{"invalid_card", []string{"无效卡", "卡片不支持", "不支持此卡"}, TermInvalidCard, TermInvalidCardMeaning},
	{"expired", []string{"卡已过期", "过期卡"}, TermExpired, TermExpiredMeaning},
	{"over_limit", []string{"超出单笔限额", "交易金额超限"}, TermOverLimit, TermOverLimitMeaning},
	{"contact_issuer", []string{"交易失败，请联系发卡行", "请持卡人与发卡行联系"}, TermContactIssuer, TermContactIssuerMeaning},
	{"sign_in", []string{"请重新签到", "签到失败", "MAC校验错"}, TermSignIn, TermSignInMeaning},
}

// Terminals lists the messages POS terminals show that magcheck knows, in
// the order the page offers them.
func Terminals() []Terminal { return terminals }

// TerminalByCode is the message with code, and whether there is one.
func TerminalByCode(code string) (Terminal, bool) {
	for _, t := range terminals {
		if t.Code == code {
			return t, true
		}
	}
	return Terminal{}, false
}

// TerminalCodes lists the codes, joined by sep: for a usage message.
func TerminalCodes(sep string) string {
	codes := make([]string, len(terminals))
	for i, t := range terminals {
		codes[i] = t.Code
	}
	return strings.Join(codes, sep)
}

// Quoted are t's words as l shows them beside its gloss: all of them,
// but those the gloss already says (a Chinese gloss is the terminal's
// own words).
func (t Terminal) Quoted(l Lang) string {
	gloss := l.Text(t.Gloss)
	var words []string
	for _, w := range t.Words {
		if w != gloss {
			words = append(words, w)
		}
	}
	return strings.Join(words, l.Text(TermWordsSeparator))
}

// Label is t in l for a report: its gloss, with the terminal's words
// quoted after it where they add to it.
func (t Terminal) Label(l Lang) string {
	if q := t.Quoted(l); q != "" {
		return l.Format(TermLabel, l.Text(t.Gloss), q)
	}
	return l.Text(t.Gloss)
}
