package proto

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
)

// FTPReply is a reply of an FTP server (RFC 959 §4.2), possibly multi-line.
type FTPReply struct {
	Code  int
	Lines []string
}

// Text joins the reply's lines.
func (r FTPReply) Text() string { return strings.Join(r.Lines, "\n") }

const maxFTPLines = 50

// ReadFTPReply reads one reply; a multi-line reply starts "123-" and ends
// with a line "123 ".
func ReadFTPReply(r *bufio.Reader) (FTPReply, error) {
	first, err := readLine(r, 1)
	if err != nil {
		return FTPReply{}, fmt.Errorf("ftp reply: %w", err)
	}
	code, sep, err := ftpCode(first)
	if err != nil {
		return FTPReply{}, fmt.Errorf("ftp reply: line 1: %w", err)
	}
	rep := FTPReply{Code: code, Lines: []string{first[4:]}}
	if sep == ' ' {
		return rep, nil
	}
	for n := 2; n <= maxFTPLines; n++ {
		line, err := readLine(r, n)
		if err != nil {
			return rep, fmt.Errorf("ftp reply: %w", err)
		}
		if c, s, err := ftpCode(line); err == nil && c == code && s == ' ' {
			rep.Lines = append(rep.Lines, line[4:])
			return rep, nil
		}
		rep.Lines = append(rep.Lines, line)
	}
	return rep, fmt.Errorf("ftp reply: multi-line reply %d longer than %d lines", code, maxFTPLines)
}

func ftpCode(line string) (int, byte, error) {
	if len(line) < 4 {
		return 0, 0, fmt.Errorf("reply %q shorter than a code and a separator", clipText(line, 20))
	}
	code, err := strconv.Atoi(line[:3])
	if err != nil || code < 100 || code > 599 {
		return 0, 0, fmt.Errorf("reply code %q is not a number from 100 to 599", clipText(line[:3], 3))
	}
	if line[3] != ' ' && line[3] != '-' {
		return 0, 0, fmt.Errorf("reply separator %q after code %d, want space or hyphen", line[3], code)
	}
	return code, line[3], nil
}
