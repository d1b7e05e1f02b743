package proto

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// DNS record types the probe and the lab use (RFC 1035, RFC 6763).
const (
	DNSTypePTR = 12
	DNSTypeTXT = 16
	dnsClassIN = 1
	// ServicesQuery is the DNS-SD meta-query listing a host's service types.
	ServicesQuery = "_services._dns-sd._udp.local."
	maxDNSRecords = 64
	maxDNSJumps   = 16
)

// DNSRecord is one answer record; Data holds a PTR target or TXT strings.
type DNSRecord struct {
	Name string
	Type uint16
	Data string
}

// DNSMessage is the part of a DNS message we need.
type DNSMessage struct {
	ID       uint16
	Response bool
	Answers  []DNSRecord
}

// DNSQuery builds a standard query for one name and type. For unicast mDNS
// (RFC 6762 §5.5) the QU bit asks for a unicast reply.
func DNSQuery(id uint16, name string, typ uint16) []byte {
	b := binary.BigEndian.AppendUint16(nil, id)
	b = append(b, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0) // flags, 1 question
	b = appendName(b, name)
	b = binary.BigEndian.AppendUint16(b, typ)
	return binary.BigEndian.AppendUint16(b, dnsClassIN|0x8000)
}

// DNSPTRResponse builds an authoritative answer with PTR records, as the
// device lab's mDNS responder sends.
func DNSPTRResponse(id uint16, name string, targets []string) []byte {
	b := binary.BigEndian.AppendUint16(nil, id)
	b = append(b, 0x84, 0, 0, 0)
	b = binary.BigEndian.AppendUint16(b, uint16(len(targets)))
	b = append(b, 0, 0, 0, 0)
	for _, t := range targets {
		b = appendName(b, name)
		b = binary.BigEndian.AppendUint16(b, DNSTypePTR)
		b = binary.BigEndian.AppendUint16(b, dnsClassIN)
		b = binary.BigEndian.AppendUint32(b, 120)
		rd := appendName(nil, t)
		b = binary.BigEndian.AppendUint16(b, uint16(len(rd)))
		b = append(b, rd...)
	}
	return b
}

func appendName(b []byte, name string) []byte {
	for _, label := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		if label == "" {
			continue
		}
		if len(label) > 63 {
			label = label[:63]
		}
		b = append(b, byte(len(label)))
		b = append(b, label...)
	}
	return append(b, 0)
}

// ParseDNS parses a DNS message: header, questions (skipped) and answers.
// Errors give the byte offset and the section.
func ParseDNS(b []byte) (DNSMessage, error) {
	var m DNSMessage
	if len(b) < 12 {
		return m, fmt.Errorf("dns: header is %d bytes, want 12", len(b))
	}
	m.ID = binary.BigEndian.Uint16(b)
	m.Response = b[2]&0x80 != 0
	qd, an := int(binary.BigEndian.Uint16(b[4:])), int(binary.BigEndian.Uint16(b[6:]))
	if an > maxDNSRecords {
		return m, fmt.Errorf("dns: %d answers at offset 6, more than %d", an, maxDNSRecords)
	}
	off := 12
	for i := 0; i < qd; i++ {
		_, n, err := readName(b, off)
		if err != nil {
			return m, fmt.Errorf("dns: question %d: %w", i+1, err)
		}
		off = n + 4
		if off > len(b) {
			return m, fmt.Errorf("dns: question %d: type and class past the end at offset %d", i+1, n)
		}
	}
	for i := 0; i < an; i++ {
		name, n, err := readName(b, off)
		if err != nil {
			return m, fmt.Errorf("dns: answer %d: %w", i+1, err)
		}
		if n+10 > len(b) {
			return m, fmt.Errorf("dns: answer %d: fixed fields past the end at offset %d", i+1, n)
		}
		typ := binary.BigEndian.Uint16(b[n:])
		rdlen := int(binary.BigEndian.Uint16(b[n+8:]))
		start := n + 10
		if start+rdlen > len(b) {
			return m, fmt.Errorf("dns: answer %d: data of %d bytes past the end at offset %d", i+1, rdlen, start)
		}
		rec := DNSRecord{Name: name, Type: typ}
		switch typ {
		case DNSTypePTR:
			rec.Data, _, err = readName(b, start)
			if err != nil {
				return m, fmt.Errorf("dns: answer %d: ptr data: %w", i+1, err)
			}
		case DNSTypeTXT:
			rec.Data = txtStrings(b[start : start+rdlen])
		}
		m.Answers = append(m.Answers, rec)
		off = start + rdlen
	}
	return m, nil
}

// readName reads a possibly compressed name at off and returns the offset
// after it in the original position. Pointer loops are cut off.
func readName(b []byte, off int) (string, int, error) {
	var labels []string
	end, jumps := -1, 0
	for {
		if off >= len(b) {
			return "", 0, fmt.Errorf("name runs past the end at offset %d", off)
		}
		l := int(b[off])
		switch {
		case l == 0:
			if end < 0 {
				end = off + 1
			}
			return strings.Join(labels, ".") + ".", end, nil
		case l&0xc0 == 0xc0:
			if off+1 >= len(b) {
				return "", 0, fmt.Errorf("compression pointer cut short at offset %d", off)
			}
			if jumps++; jumps > maxDNSJumps {
				return "", 0, fmt.Errorf("more than %d compression pointers at offset %d", maxDNSJumps, off)
			}
			if end < 0 {
				end = off + 2
			}
			off = int(binary.BigEndian.Uint16(b[off:]) & 0x3fff)
		case l&0xc0 != 0:
			return "", 0, fmt.Errorf("unknown label type 0x%02x at offset %d", l&0xc0, off)
		default:
			if off+1+l > len(b) {
				return "", 0, fmt.Errorf("label of %d bytes past the end at offset %d", l, off)
			}
			labels = append(labels, string(b[off+1:off+1+l]))
			off += 1 + l
		}
	}
}

func txtStrings(b []byte) string {
	var parts []string
	for len(b) > 0 {
		n := int(b[0])
		if 1+n > len(b) {
			break
		}
		parts = append(parts, string(b[1:1+n]))
		b = b[1+n:]
	}
	return strings.Join(parts, " ")
}
