package proto

import "fmt"

// Telnet command bytes (RFC 854) and the options we accept (RFC 857, 858).
const (
	telnetSE   = 240
	telnetSB   = 250
	telnetWILL = 251
	telnetWONT = 252
	telnetDO   = 253
	telnetDONT = 254
	telnetIAC  = 255

	telnetOptEcho = 1
	telnetOptSGA  = 3
)

// maxSubneg bounds a subnegotiation so a hostile peer cannot make us buffer
// without end.
const maxSubneg = 512

// Telnet is an incremental decoder of a telnet byte stream. It strips option
// negotiation, answers it (refusing everything but echo and suppress-go-ahead
// offered by the server), and keeps its state across reads, so an IAC
// sequence split between two reads is handled (a classic scanner bug).
type Telnet struct {
	state   int
	verb    byte
	sbLen   int
	offset  int64
	replied map[[2]byte]bool
}

const (
	tData = iota
	tIAC
	tVerb
	tSB
	tSBIAC
)

// Feed decodes p. It returns the application data and the negotiation
// replies to send back. The error names the stream offset of the problem.
func (t *Telnet) Feed(p []byte) (data, reply []byte, err error) {
	if t.replied == nil {
		t.replied = map[[2]byte]bool{}
	}
	for _, b := range p {
		t.offset++
		switch t.state {
		case tData:
			if b == telnetIAC {
				t.state = tIAC
			} else if b != 0 { // NUL after CR carries nothing
				data = append(data, b)
			}
		case tIAC:
			switch b {
			case telnetIAC:
				data = append(data, telnetIAC)
				t.state = tData
			case telnetWILL, telnetWONT, telnetDO, telnetDONT:
				t.verb = b
				t.state = tVerb
			case telnetSB:
				t.state, t.sbLen = tSB, 0
			default: // NOP, GA, AYT and friends carry no data for us
				t.state = tData
			}
		case tVerb:
			reply = append(reply, t.answer(t.verb, b)...)
			t.state = tData
		case tSB:
			t.sbLen++
			if t.sbLen > maxSubneg {
				return data, reply, fmt.Errorf("telnet: subnegotiation longer than %d bytes at stream offset %d", maxSubneg, t.offset)
			}
			if b == telnetIAC {
				t.state = tSBIAC
			}
		case tSBIAC:
			if b == telnetSE {
				t.state = tData
			} else {
				t.state = tSB
			}
		}
	}
	return data, reply, nil
}

// answer replies once per (verb, option) so two peers that both refuse
// cannot loop forever.
func (t *Telnet) answer(verb, opt byte) []byte {
	key := [2]byte{verb, opt}
	if t.replied[key] {
		return nil
	}
	t.replied[key] = true
	switch verb {
	case telnetWILL:
		if opt == telnetOptEcho || opt == telnetOptSGA {
			return []byte{telnetIAC, telnetDO, opt}
		}
		return []byte{telnetIAC, telnetDONT, opt}
	case telnetDO:
		return []byte{telnetIAC, telnetWONT, opt}
	}
	return nil // WONT and DONT need no answer
}

// TelnetEscape doubles IAC bytes in data we send.
func TelnetEscape(p []byte) []byte {
	out := make([]byte, 0, len(p))
	for _, b := range p {
		out = append(out, b)
		if b == telnetIAC {
			out = append(out, telnetIAC)
		}
	}
	return out
}

// TelnetNegotiation is what a server sends first to offer echo and
// suppress-go-ahead, as small embedded telnetd implementations do.
func TelnetNegotiation() []byte {
	return []byte{telnetIAC, telnetWILL, telnetOptEcho, telnetIAC, telnetWILL, telnetOptSGA}
}

// HasIAC reports whether p starts with a telnet command, the strongest sign
// that a silent-looking service is telnet.
func HasIAC(p []byte) bool {
	return len(p) >= 2 && p[0] == telnetIAC && p[1] >= telnetSE
}
