package oscal

import (
	"strings"
	"unicode"
)

// OSCAL ids are tokens: a letter or underscore, then letters, digits, dots,
// dashes and underscores. Dataset ids already fit, except that they may
// start with a digit; clause refs ("Annex I (1)", "s.1798.91.04(a)") often
// do not fit at all. "_" never occurs in dataset ids, so it separates the
// parts of a compound id and no two kinds of id can collide.

// token turns s into a valid token: runes outside the token alphabet
// become "-", runs of them collapse, and a token that would start with
// anything but a letter or "_" gets an "x" in front.
func token(s string) string {
	t := tokenPart(s)
	if r := []rune(t)[0]; !unicode.IsLetter(r) && r != '_' {
		t = "x" + t
	}
	return t
}

// tokenPart is token for the tail of a compound id, where a leading digit
// is allowed.
func tokenPart(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || r == '.' || r == '_' {
			b.WriteRune(r)
			sep = false
			continue
		}
		if !sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = true
	}
	t := strings.TrimRight(b.String(), "-")
	if t == "" {
		return "x"
	}
	return t
}

// PracticeControlID, ProvisionControlID and DocumentGroupID name the
// catalog's controls and groups.
func PracticeControlID(practice string) string { return "practice_" + token(practice) }

func ProvisionControlID(doc, ref string) string { return token(doc) + "_" + tokenPart(ref) }

func DocumentGroupID(doc string) string { return "document_" + token(doc) }

func categoryGroupID(cat string) string { return "category_" + token(cat) }

// line makes s a single-line value without surrounding space, as OSCAL's
// string and markup-line types require.
func line(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
