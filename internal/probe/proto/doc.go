// Package proto parses and builds the few protocol messages the probe and the
// device lab exchange: telnet option negotiation, MQTT CONNECT/CONNACK,
// HTTP and RTSP response heads, SSH identification lines, FTP replies, SSDP
// and DNS (mDNS) messages. Every parser reads untrusted bytes, so each one
// bounds what it reads and returns an error naming the protocol, the field
// and the byte offset or line instead of panicking; each has a fuzz test.
package proto
