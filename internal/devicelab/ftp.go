package devicelab

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"strings"
)

func (d *Device) startFTP(context.Context) error {
	f := d.Profile.FTP
	if f == nil || f.Port == 0 {
		return nil
	}
	return d.listen(f.Port, func(c net.Conn) { d.serveFTP(c, f) })
}

func (d *Device) serveFTP(c net.Conn, f *FTP) {
	banner := f.Banner
	if banner == "" {
		banner = "FTP server ready"
	}
	fmt.Fprintf(c, "220 %s\r\n", banner)
	r := bufio.NewReader(c)
	user := ""
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb, arg, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		switch strings.ToUpper(verb) {
		case "USER":
			user = arg
			if f.Anonymous && anonymousFTPUser(user) {
				fmt.Fprint(c, "331 Guest login ok, send your e-mail address as password\r\n")
				continue
			}
			fmt.Fprint(c, "331 Password required\r\n")
		case "PASS":
			if f.Anonymous && anonymousFTPUser(user) {
				fmt.Fprint(c, "230 Guest login ok, access restrictions apply\r\n")
				continue
			}
			switch d.login(user, arg) {
			case loginOK:
				fmt.Fprint(c, "230 Logged in\r\n")
			case loginLocked:
				fmt.Fprint(c, "421 Too many failed logins\r\n")
				return
			default:
				if f.EchoPassword {
					fmt.Fprintf(c, "530 Login incorrect for user %s: the password you entered, %s, is wrong\r\n", user, arg)
					continue
				}
				fmt.Fprint(c, "530 Login incorrect\r\n")
			}
		case "QUIT":
			fmt.Fprint(c, "221 Bye\r\n")
			return
		default:
			fmt.Fprint(c, "530 Please login with USER and PASS\r\n")
		}
	}
}

// anonymousFTPUser reports the names servers take for anonymous access
// (RFC 1635 uses anonymous; ftp is the common alias).
func anonymousFTPUser(u string) bool {
	return strings.EqualFold(u, "anonymous") || strings.EqualFold(u, "ftp")
}
