package proto

import (
	"bufio"
	"fmt"
	"strings"
)

// SSHBanner is the identification line of an SSH server (RFC 4253 §4.2).
type SSHBanner struct {
	Line     string
	Proto    string // "2.0" or "1.99"
	Software string // e.g. "dropbear_2022.83", "OpenSSH_9.2p1"
	Comments string
}

// maxSSHPreLines bounds the lines a server may send before its
// identification line (the RFC allows some).
const maxSSHPreLines = 20

// ReadSSHBanner reads lines until the "SSH-" identification line.
func ReadSSHBanner(r *bufio.Reader) (SSHBanner, error) {
	for n := 1; n <= maxSSHPreLines; n++ {
		line, err := readLine(r, n)
		if err != nil {
			return SSHBanner{}, fmt.Errorf("ssh banner: %w", err)
		}
		if strings.HasPrefix(line, "SSH-") {
			b, err := ParseSSHBanner(line)
			if err != nil {
				return b, fmt.Errorf("ssh banner: line %d: %w", n, err)
			}
			return b, nil
		}
	}
	return SSHBanner{}, fmt.Errorf("ssh banner: no SSH- line in the first %d lines", maxSSHPreLines)
}

// ParseSSHBanner parses one identification line without its CR LF.
func ParseSSHBanner(line string) (SSHBanner, error) {
	b := SSHBanner{Line: line}
	rest, ok := strings.CutPrefix(line, "SSH-")
	if !ok {
		return b, fmt.Errorf("identification %q does not start with SSH-", clipText(line, 40))
	}
	ident, comments, _ := strings.Cut(rest, " ")
	proto, software, ok := strings.Cut(ident, "-")
	if !ok || proto == "" || software == "" {
		return b, fmt.Errorf("identification %q lacks protoversion-softwareversion", clipText(line, 40))
	}
	b.Proto, b.Software, b.Comments = proto, software, comments
	return b, nil
}
